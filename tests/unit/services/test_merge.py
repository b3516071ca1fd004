"""Merging two records of one person."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import AgendaStakeholder, DossierStakeholder, StakeholderRole
from techzone_crm.errors import ConflictError, NotFoundError, ValidationError
from techzone_crm.services import agenda_stakeholders, dossier_positions, people
from techzone_crm.services.affiliations import person_affiliations
from techzone_crm.services.merge import MergeChoices, Side, merge_people
from techzone_crm.services.people import PersonData, PersonQuery
from techzone_crm.services.snapshots import restore_person, snapshot_person
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person, role
from .history_seed import seed


def test_the_merged_person_has_the_chosen_values_and_everything_of_both(
    session: Session,
) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    port = org(session, "Spoorhaven Grensland")
    anna = add_team_member(session, TeamMemberData("Anna de Boer"))
    bram = add_team_member(session, TeamMemberData("Bram Mulder"))
    keep = person(
        session,
        "J.",
        "Vries",
        name_prefix="de",
        emails=["jan@emmen.example"],
        phones=["0591 685 555"],
        tags=["Program Board"],
        notes="short",
        owner_id=anna.id,
    )
    other = person(
        session,
        "Jan",
        "Vries",
        name_prefix="de",
        title="drs.",
        emails=["JAN@emmen.example", "jan@spoorhaven.example"],
        phones=["+31 591 685 555", "06 12345678"],
        tags=["Program Board", "Kerngroep HTSM"],
        notes="the longer notes",
        owner_id=bram.id,
        backup_owner_id=anna.id,
        do_not_contact=True,
    )
    role(session, keep, emmen, "wethouder", date(2022, 5, 1))
    role(session, other, emmen, "wethouder", date(2022, 5, 1))  # the same role twice
    moved = role(session, other, port, "directeur", date(2019, 1, 1))
    choices = MergeChoices(
        given_name=Side.LOSER, title=Side.LOSER, notes=Side.LOSER, backup_owner_id=Side.LOSER
    )

    merged = merge_people(session, keep.id, other.id, choices)

    assert merged.id == keep.id
    assert merged.display_name == "drs. Jan de Vries"
    assert (merged.notes, merged.owner_id, merged.backup_owner_id) == (
        "the longer notes",
        anna.id,
        None,  # the backup would be the owner; it is dropped
    )
    assert merged.do_not_contact is False
    assert [e.address for e in merged.emails] == ["jan@emmen.example", "jan@spoorhaven.example"]
    assert [n.number for n in merged.phones] == ["+31591685555", "+31612345678"]
    assert sorted(t.name for t in merged.tags) == ["Kerngroep HTSM", "Program Board"]
    roles = person_affiliations(session, keep.id, today=date(2024, 1, 1))
    assert sorted((r.organisation_name, r.role) for r in roles) == [
        ("Gemeente Emmen", "wethouder"),
        ("Spoorhaven Grensland", "directeur"),
    ]
    assert moved.id in [r.id for r in roles]
    with pytest.raises(NotFoundError):
        people.get_person(session, other.id)
    assert people.count_people(session, PersonQuery()) == 1


def test_the_search_finds_the_survivor_under_the_losers_address(session: Session) -> None:
    keep = person(session, "Jan", "Berg", emails=["jan@emmen.example"])
    other = person(session, "Jan", "Berg", emails=["jan@spoorhaven.example"])

    merge_people(session, keep.id, other.id, MergeChoices())

    found = people.list_people(session, PersonQuery(text="jan@spoorhaven.example"))
    assert [r.id for r in found] == [keep.id]


def test_the_losers_choices_include_owner_and_do_not_contact(session: Session) -> None:
    anna = add_team_member(session, TeamMemberData("Anna de Boer"))
    keep = person(session, "Jan", "Berg")
    other = person(session, "Johan", "Bergh", owner_id=anna.id, do_not_contact=True)
    choices = MergeChoices(family_name=Side.LOSER, owner_id=Side.LOSER, do_not_contact=Side.LOSER)

    merged = merge_people(session, keep.id, other.id, choices)

    assert (merged.given_name, merged.family_name) == ("Jan", "Bergh")
    assert (merged.owner_id, merged.do_not_contact) == (anna.id, True)


def test_a_stale_merge_is_refused_and_changes_nothing(session: Session) -> None:
    keep = person(session, "Jan", "Berg", emails=["jan@a.example"])
    other = person(session, "Jan", "Berg", emails=["jan@b.example"])
    seen_keep, seen_other = keep.version, other.version
    people.update_person(
        session, other.id, PersonData("Jan", "Berg", notes="changed elsewhere"), seen_other
    )
    before = (snapshot_person(session, keep.id), snapshot_person(session, other.id))

    with pytest.raises(ConflictError):
        merge_people(
            session,
            keep.id,
            other.id,
            MergeChoices(notes=Side.LOSER),
            survivor_version=seen_keep,
            loser_version=seen_other,
        )

    assert (snapshot_person(session, keep.id), snapshot_person(session, other.id)) == before


def test_a_person_is_not_merged_with_itself(session: Session) -> None:
    jan = person(session, "Jan", "Berg")
    with pytest.raises(ValidationError):
        merge_people(session, jan.id, jan.id, MergeChoices())


def test_restoring_the_snapshots_undoes_a_merge(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    keep = person(session, "Jan", "Berg", emails=["jan@a.example"])
    other = person(session, "Jan", "Berg", emails=["jan@b.example"], tags=["Program Board"])
    moved = role(session, other, emmen, "wethouder")
    keep_before, other_before = (
        snapshot_person(session, keep.id),
        snapshot_person(session, other.id),
    )

    merged = merge_people(session, keep.id, other.id, MergeChoices(given_name=Side.LOSER))
    session.flush()
    restore_person(session, other_before, expected_version=None)
    restore_person(session, keep_before, expected_version=merged.version)
    session.flush()

    assert [e.address for e in people.get_person(session, keep.id).emails] == ["jan@a.example"]
    back = people.get_person(session, other.id)
    assert [e.address for e in back.emails] == ["jan@b.example"]
    assert [t.name for t in back.tags] == ["Program Board"]
    assert [r.id for r in person_affiliations(session, other.id)] == [moved.id]
    assert person_affiliations(session, keep.id) == []


def test_a_merge_moves_the_public_affairs_history_but_not_a_second_position(
    session: Session,
) -> None:
    w = seed(session)
    dossier_positions.add_position(
        session, w.dossier, dossier_positions.PositionData(-1, person_id=w.els, source="Krant")
    )
    theme_link = agenda_stakeholders.StakeholderLinkData(
        StakeholderRole.DECIDES, person_id=w.els, theme_id=w.theme
    )
    agenda_stakeholders.link_stakeholder(session, w.agenda, theme_link)

    merge_people(session, w.els, w.jan)
    session.flush()

    positions = session.query(DossierStakeholder).filter_by(person_id=w.els).all()
    assert [p.source for p in positions] == ["Krant"]  # Els's own; Jan's second one went
    links = session.query(AgendaStakeholder).filter_by(person_id=w.els).all()
    assert len(links) == 1  # the same theme in the same role once
    assert session.get(DossierStakeholder, w.position) is None
