"""Agendas, their themes, alignments and stakeholder links."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Agenda,
    AgendaLevel,
    AgendaStakeholder,
    Interaction,
    InteractionKind,
    Sector,
    StakeholderRole,
    interaction_agenda,
)
from techzone_crm.errors import ConflictError, ValidationError
from techzone_crm.services.agenda_stakeholders import (
    StakeholderLinkData,
    link_stakeholder,
    list_stakeholders,
    unlink_stakeholder,
)
from techzone_crm.services.agenda_themes import (
    ThemeData,
    add_theme,
    align_theme,
    delete_theme,
    list_alignments,
    reorder_themes,
    update_theme,
)
from techzone_crm.services.agendas import (
    AgendaData,
    AgendaLinks,
    AgendaQuery,
    LinkedRecordsError,
    add_agenda,
    agenda_links,
    agenda_sectors,
    delete_agenda,
    list_agendas,
    update_agenda,
)

from .factories import org, person


def _own(session: Session) -> Agenda:
    return add_agenda(session, AgendaData("Strategische agenda DTZ", AgendaLevel.OWN))


def _rijk(session: Session, name: str = "Nationale Groeifondsagenda") -> Agenda:
    return add_agenda(session, AgendaData(name, "national"))


def test_agenda_is_stored_with_period_and_sectors(session: Session) -> None:
    ministry = org(session, "Ministerie van EZK", helix="government")
    agenda = add_agenda(
        session,
        AgendaData(
            "  Regio Deal  Zuid- en Oost-Drenthe ",
            "national",
            starts_on=date(2021, 1, 1),
            ends_on=date(2026, 12, 31),
            website="regiodeal.nl",
            owner_organisation_id=ministry.id,
            sectors=["htsm", Sector.CHEMISTRY, "htsm"],
        ),
    )
    assert agenda.name == "Regio Deal Zuid- en Oost-Drenthe"
    assert agenda.website == "https://regiodeal.nl"
    assert agenda_sectors(session, agenda.id) == {Sector.HTSM, Sector.CHEMISTRY}
    [row] = list_agendas(session)
    assert row.owner_organisation == "Ministerie van EZK"
    assert row.sectors == (Sector.CHEMISTRY, Sector.HTSM)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (AgendaData("", "eu"), "name"),
        (AgendaData("X", "gemeente"), "level"),
        (AgendaData("X", "eu", starts_on=date(2026, 1, 1), ends_on=date(2021, 1, 1)), "ends_on"),
        (AgendaData("X", "eu", owner_organisation_id=999), "owner_organisation_id"),
        (AgendaData("X", "eu", sectors=["tourism"]), "sectors"),
    ],
)
def test_bad_agenda_input_names_the_field(session: Session, data: AgendaData, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_agenda(session, data)
    assert caught.value.field == field
    assert session.scalar(select(func.count()).select_from(Agenda)) == 0


def test_sector_change_moves_the_version_and_stale_edit_is_refused(session: Session) -> None:
    agenda = _rijk(session)
    update_agenda(session, agenda.id, AgendaData(agenda.name, "national", sectors=["logistics"]), 1)
    assert agenda.version == 2
    with pytest.raises(ConflictError):
        update_agenda(session, agenda.id, AgendaData("Other", "national"), expected_version=1)


def test_list_filters_by_level_own_and_text(session: Session) -> None:
    _own(session)
    _rijk(session)
    add_agenda(session, AgendaData("Omgevingsvisie Drenthe", "province", description="Waterstof"))
    assert [r.name for r in list_agendas(session)] == [
        "Strategische agenda DTZ",
        "Nationale Groeifondsagenda",
        "Omgevingsvisie Drenthe",
    ]
    assert [r.name for r in list_agendas(session, AgendaQuery(own=False))] == [
        "Nationale Groeifondsagenda",
        "Omgevingsvisie Drenthe",
    ]
    assert [r.name for r in list_agendas(session, AgendaQuery(own=True))] == [
        "Strategische agenda DTZ"
    ]
    by_level = list_agendas(session, AgendaQuery(level=AgendaLevel.PROVINCE))
    assert [r.name for r in by_level] == ["Omgevingsvisie Drenthe"]
    assert [r.name for r in list_agendas(session, AgendaQuery(text="waterstof"))] == [
        "Omgevingsvisie Drenthe"
    ]


def test_lead_only_on_own_themes(session: Session) -> None:
    partner = org(session, "Stenden Hogeschool", helix="education")
    lead = person(session, "Anna", "Bakker")
    own = _own(session)
    theme = add_theme(session, own.id, ThemeData("Arbeidsmarkt", lead_organisation_id=partner.id))
    update_theme(
        session,
        theme.id,
        ThemeData("Arbeidsmarkt", lead_organisation_id=partner.id, lead_person_id=lead.id),
    )
    assert theme.lead_person_id == lead.id
    rijk = _rijk(session)
    with pytest.raises(ValidationError) as caught:
        add_theme(session, rijk.id, ThemeData("Energie", lead_person_id=lead.id))
    assert caught.value.field == "lead_person_id"
    with pytest.raises(ValidationError) as caught:
        add_theme(session, own.id, ThemeData("Energie", lead_organisation_id=404))
    assert caught.value.field == "lead_organisation_id"
    # The own agenda cannot become external while its themes have leads.
    with pytest.raises(ValidationError) as caught:
        update_agenda(session, own.id, AgendaData(own.name, "province"))
    assert caught.value.field == "level"


def test_reorder_themes(session: Session) -> None:
    own = _own(session)
    a, b, c = (add_theme(session, own.id, ThemeData(n)) for n in ("A", "B", "C"))
    reorder_themes(session, own.id, [c.id, a.id, b.id])
    session.expire(own)
    assert [t.name for t in own.themes] == ["C", "A", "B"]
    with pytest.raises(ValidationError) as caught:
        reorder_themes(session, own.id, [c.id, a.id])
    assert caught.value.field == "theme_ids"


def test_alignment_rules(session: Session) -> None:
    own = _own(session)
    mine = add_theme(session, own.id, ThemeData("Waterstof"))
    rijk = _rijk(session)
    energy = add_theme(session, rijk.id, ThemeData("Energietransitie"))
    eu = add_agenda(session, AgendaData("Green Deal", "eu"))
    eu_theme = add_theme(session, eu.id, ThemeData("Fit for 55"))

    align_theme(session, mine.id, rijk.id)
    align_theme(session, mine.id, rijk.id, energy.id)
    assert [(r.agenda, r.theme) for r in list_alignments(session, own.id)] == [
        ("Nationale Groeifondsagenda", ""),
        ("Nationale Groeifondsagenda", "Energietransitie"),
    ]
    assert len(list_alignments(session, rijk.id)) == 2

    for args, field in [
        ((mine.id, own.id), "agenda_id"),  # the own agenda itself
        ((mine.id, rijk.id, eu_theme.id), "theme_id"),  # a theme of another agenda
        ((energy.id, eu.id), "own_theme_id"),  # not an own theme
        ((mine.id, rijk.id), "agenda_id"),  # already there
    ]:
        with pytest.raises(ValidationError) as caught:
            align_theme(session, *args)
        assert caught.value.field == field, args


def test_stakeholder_links(session: Session) -> None:
    agenda = _rijk(session)
    theme = add_theme(session, agenda.id, ThemeData("Energie"))
    other = add_theme(session, _own(session).id, ThemeData("Talent"))
    ezk = org(session, "Ministerie van EZK", helix="government")
    jan = person(session, "Jan", "Berg", name_prefix="van der")
    link_stakeholder(session, agenda.id, StakeholderLinkData("decides", organisation_id=ezk.id))
    link = link_stakeholder(
        session,
        agenda.id,
        StakeholderLinkData(StakeholderRole.INFLUENCES, person_id=jan.id, theme_id=theme.id),
    )
    rows = list_stakeholders(session, agenda.id)
    assert [(r.name, r.role, r.theme) for r in rows] == [
        ("Ministerie van EZK", StakeholderRole.DECIDES, ""),
        ("Berg, Jan van der", StakeholderRole.INFLUENCES, "Energie"),
    ]

    for data, field in [
        (StakeholderLinkData("decides"), "person_id"),
        (StakeholderLinkData("decides", jan.id, ezk.id), "organisation_id"),
        (StakeholderLinkData("decides", person_id=999), "person_id"),
        (StakeholderLinkData("rules", person_id=jan.id), "role"),
        (StakeholderLinkData("decides", person_id=jan.id, theme_id=other.id), "theme_id"),
        (StakeholderLinkData("decides", organisation_id=ezk.id), "role"),  # already linked
    ]:
        with pytest.raises(ValidationError) as caught:
            link_stakeholder(session, agenda.id, data)
        assert caught.value.field == field, data

    unlink_stakeholder(session, link.id)
    assert [r.name for r in list_stakeholders(session, agenda.id)] == ["Ministerie van EZK"]


def test_delete_of_a_used_agenda_is_explained_and_keeps_interactions(session: Session) -> None:
    own = _own(session)
    mine = add_theme(session, own.id, ThemeData("Waterstof"))
    rijk = _rijk(session)
    add_theme(session, rijk.id, ThemeData("Energie"))
    align_theme(session, mine.id, rijk.id)
    ezk = org(session, "Ministerie van EZK", helix="government")
    link_stakeholder(session, rijk.id, StakeholderLinkData("funds", organisation_id=ezk.id))
    meeting = Interaction(
        occurred_on=date(2024, 3, 1), kind=InteractionKind.MEETING, subject="Overleg"
    )
    session.add(meeting)
    session.flush()
    session.execute(
        interaction_agenda.insert().values(interaction_id=meeting.id, agenda_id=rijk.id)
    )

    with pytest.raises(LinkedRecordsError) as caught:
        delete_agenda(session, rijk.id)
    links = caught.value.links
    assert isinstance(links, AgendaLinks)
    assert (links.themes, links.stakeholders, links.alignments, links.interactions) == (1, 1, 1, 1)
    assert "1 interaction(s) stay but lose their link to it." in links.describe()
    assert session.get(Agenda, rijk.id) is not None

    removed = delete_agenda(session, rijk.id, confirm=True)
    assert removed == links
    session.expire_all()
    assert session.get(Agenda, rijk.id) is None
    assert session.get(Interaction, meeting.id) is not None
    assert session.scalar(select(func.count()).select_from(interaction_agenda)) == 0
    assert session.scalar(select(func.count()).select_from(AgendaStakeholder)) == 0
    assert list_alignments(session, own.id) == []
    assert agenda_links(session, own.id).themes == 1


def test_unused_agenda_and_theme_delete_without_asking(session: Session) -> None:
    agenda = _rijk(session)
    theme = add_theme(session, agenda.id, ThemeData("Energie"))
    ezk = org(session, "Ministerie van EZK", helix="government")
    link_stakeholder(
        session, agenda.id, StakeholderLinkData("funds", organisation_id=ezk.id, theme_id=theme.id)
    )
    with pytest.raises(LinkedRecordsError):
        delete_theme(session, theme.id)
    assert delete_theme(session, theme.id, confirm=True).stakeholders == 1
    assert delete_agenda(session, agenda.id).empty
