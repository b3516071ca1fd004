"""Dossiers, their agendas and stakeholders' positions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Assessment,
    Commitment,
    Dossier,
    Interaction,
    InteractionKind,
    IssueStage,
    interaction_dossier,
)
from techzone_crm.errors import ConflictError, ValidationError
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, LinkedRecordsError, add_agenda
from techzone_crm.services.dossier_positions import (
    PositionData,
    add_position,
    dossier_positions,
    remove_position,
    update_position,
)
from techzone_crm.services.dossiers import (
    DossierData,
    DossierLinks,
    DossierQuery,
    add_dossier,
    count_dossiers,
    delete_dossier,
    dossier_agendas,
    link_agenda,
    list_dossiers,
    unlink_agenda,
    update_dossier,
)

from .factories import org, person

TODAY = date(2024, 6, 1)


def test_dossier_is_stored_and_bad_input_names_the_field(session: Session) -> None:
    dossier = add_dossier(session, DossierData("  Nedersaksenlijn ", "Spoor\nEmmen", "current"))
    assert (dossier.title, dossier.stage) == ("Nedersaksenlijn", IssueStage.CURRENT)
    for data, field in [(DossierData(" "), "title"), (DossierData("X", stage="hot"), "stage")]:
        with pytest.raises(ValidationError) as caught:
            add_dossier(session, data)
        assert caught.value.field == field
    update_dossier(session, dossier.id, DossierData("Nedersaksenlijn", stage="critical"), 1)
    with pytest.raises(ConflictError):
        update_dossier(session, dossier.id, DossierData("Oud"), expected_version=1)
    assert session.scalar(select(func.count()).select_from(Dossier)) == 1


def test_list_filters_by_stage_agenda_and_text_most_pressing_first(session: Session) -> None:
    agenda = add_agenda(session, AgendaData("Regio Deal", "national"))
    rail = add_dossier(session, DossierData("Nedersaksenlijn", stage="emerging"))
    add_dossier(session, DossierData("Waterstofvallei", "Chemiepark Emmen", stage="critical"))
    add_dossier(session, DossierData("Arbeidsmarkt techniek", stage="dormant"))
    link_agenda(session, rail.id, agenda.id)
    assert [r.title for r in list_dossiers(session)] == [
        "Waterstofvallei",
        "Nedersaksenlijn",
        "Arbeidsmarkt techniek",
    ]
    by_agenda = list_dossiers(session, DossierQuery(agenda_id=agenda.id))
    assert [(r.title, r.agendas) for r in by_agenda] == [("Nedersaksenlijn", 1)]
    assert [r.title for r in list_dossiers(session, DossierQuery(text="chemiepark"))] == [
        "Waterstofvallei"
    ]
    assert count_dossiers(session, DossierQuery(stage=IssueStage.DORMANT)) == 1


def test_agenda_and_theme_links(session: Session) -> None:
    dossier = add_dossier(session, DossierData("Nedersaksenlijn"))
    rijk = add_agenda(session, AgendaData("MIRT", "national"))
    rail = add_theme(session, rijk.id, ThemeData("Spoor"))
    eu = add_agenda(session, AgendaData("TEN-T", "eu"))
    eu_theme = add_theme(session, eu.id, ThemeData("Corridors"))
    link_agenda(session, dossier.id, rijk.id)
    link = link_agenda(session, dossier.id, rijk.id, rail.id)
    assert [(r.agenda, r.theme) for r in dossier_agendas(session, dossier.id)] == [
        ("MIRT", ""),
        ("MIRT", "Spoor"),
    ]
    for args, field in [
        ((rijk.id, eu_theme.id), "theme_id"),
        ((404,), "agenda_id"),
        ((rijk.id, rail.id), "theme_id"),  # already linked
    ]:
        with pytest.raises(ValidationError) as caught:
            link_agenda(session, dossier.id, *args)
        assert caught.value.field == field, args
    unlink_agenda(session, link.id)
    assert len(dossier_agendas(session, dossier.id)) == 1


def test_positions_sorted_from_supporters_to_opponents(session: Session) -> None:
    dossier = add_dossier(session, DossierData("Nedersaksenlijn"))
    province = org(session, "Provincie Drenthe", helix="government")
    bakker = person(session, "Anna", "Bakker")
    jansen = person(session, "Jan", "Jansen")
    add_position(session, dossier.id, PositionData(-2, person_id=jansen.id), TODAY)
    add_position(
        session,
        dossier.id,
        PositionData(
            2,
            organisation_id=province.id,
            source="Statendebat",
            source_date=date(2024, 5, 14),
            source_reference="https://www.provincie.drenthe.nl/statendebat",
        ),
        TODAY,
    )
    middle = add_position(session, dossier.id, PositionData(0, person_id=bakker.id), TODAY)
    rows = dossier_positions(session, dossier.id)
    assert [(r.name, r.position) for r in rows] == [
        ("Provincie Drenthe", 2),
        ("Bakker, Anna", 0),
        ("Jansen, Jan", -2),
    ]
    assert rows[0].source_date == date(2024, 5, 14)
    update_position(session, middle.id, PositionData(1, person_id=bakker.id), 1, TODAY)
    assert [r.position for r in dossier_positions(session, dossier.id)] == [2, 1, -2]
    remove_position(session, middle.id)
    assert len(dossier_positions(session, dossier.id)) == 2


def test_bad_positions_name_the_field(session: Session) -> None:
    dossier = add_dossier(session, DossierData("Nedersaksenlijn"))
    jan = person(session)
    province = org(session, "Provincie Drenthe", helix="government")
    add_position(session, dossier.id, PositionData(1, person_id=jan.id), TODAY)
    for data, field in [
        (PositionData(3, organisation_id=province.id), "position"),
        (PositionData(-3, organisation_id=province.id), "position"),
        (PositionData(1, organisation_id=province.id, source_date=date(2024, 6, 2)), "source_date"),
        (PositionData(1), "person_id"),
        (PositionData(1, person_id=jan.id, organisation_id=province.id), "organisation_id"),
        (PositionData(1, organisation_id=999), "organisation_id"),
        (PositionData(0, person_id=jan.id), "person_id"),  # already has one
        (PositionData(1, organisation_id=province.id, source="x" * 301), "source"),
    ]:
        with pytest.raises(ValidationError) as caught:
            add_position(session, dossier.id, data, TODAY)
        assert caught.value.field == field, data
    assert len(dossier_positions(session, dossier.id)) == 1


def test_delete_of_a_used_dossier_is_explained_and_keeps_history(session: Session) -> None:
    dossier = add_dossier(session, DossierData("Nedersaksenlijn"))
    agenda = add_agenda(session, AgendaData("MIRT", "national"))
    jan = person(session)
    link_agenda(session, dossier.id, agenda.id)
    add_position(session, dossier.id, PositionData(1, person_id=jan.id), TODAY)
    meeting = Interaction(occurred_on=TODAY, kind=InteractionKind.MEETING, subject="Overleg")
    session.add(meeting)
    session.flush()
    session.execute(
        interaction_dossier.insert().values(interaction_id=meeting.id, dossier_id=dossier.id)
    )
    promise = Commitment(description="Notitie sturen", dossier_id=dossier.id, person_id=jan.id)
    session.add_all(
        [
            promise,
            Assessment(
                assessed_on=TODAY, person_id=jan.id, power=4, interest=5, dossier_id=dossier.id
            ),
        ]
    )
    session.flush()

    with pytest.raises(LinkedRecordsError) as caught:
        delete_dossier(session, dossier.id)
    links = caught.value.links
    assert links == DossierLinks(
        positions=1, agendas=1, interactions=1, assessments=1, commitments=1
    )
    assert "1 commitment(s) stay but lose their link to it." in links.describe()
    assert session.get(Dossier, dossier.id) is not None

    delete_dossier(session, dossier.id, confirm=True)
    session.expire_all()
    assert session.get(Dossier, dossier.id) is None
    assert session.get(Interaction, meeting.id) is not None
    kept = session.get(Commitment, promise.id)
    assert kept is not None and kept.dossier_id is None


def test_unused_dossier_deletes_without_asking(session: Session) -> None:
    dossier = add_dossier(session, DossierData("Nedersaksenlijn"))
    assert delete_dossier(session, dossier.id).empty
    assert session.get(Dossier, dossier.id) is None
