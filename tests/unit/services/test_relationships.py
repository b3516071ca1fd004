"""Explicit relationships between two people or two organisations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Relationship, RelationshipKind
from techzone_crm.errors import ConflictError, NotFoundError, ValidationError
from techzone_crm.services import organisations, people
from techzone_crm.services.relationships import (
    RelationshipData,
    add_relationship,
    delete_relationship,
    get_relationship,
    move_person_relationships,
    organisation_relationships,
    person_relationships,
    update_relationship,
)
from techzone_crm.services.snapshots import (
    restore_organisation,
    restore_person,
    snapshot_organisation,
    snapshot_person,
    with_history,
)
from techzone_crm.services.stakeholder_history import History, capture_one
from techzone_crm.services.stakeholder_links import (
    Fate,
    Link,
    organisations_links,
    people_links,
)

from .factories import org, person

TODAY = date(2025, 6, 1)


def _add(session: Session, data: RelationshipData) -> int:
    return add_relationship(session, data, today=TODAY).id


def test_a_relationship_between_two_people_reads_from_both_sides(session: Session) -> None:
    jan = person(session, "Jan", "Berg", name_prefix="van der", title="dr.")
    els = person(session, "Els", "Bakker")

    row = add_relationship(
        session,
        RelationshipData.people(
            "advises", els.id, jan.id, 4, note="Over de chemieagenda", started_on=date(2021, 3, 1)
        ),
        today=TODAY,
    )

    assert (row.kind, row.strength, row.a_name, row.b_name) == (
        RelationshipKind.ADVISES,
        4,
        "Els Bakker",
        "dr. Jan van der Berg",
    )
    [for_els] = person_relationships(session, els.id)
    [for_jan] = person_relationships(session, jan.id)
    assert (for_els.outgoing, for_els.other_id, for_els.other_name) == (True, jan.id, row.b_name)
    assert (for_jan.outgoing, for_jan.other_id, for_jan.other_name) == (False, els.id, "Els Bakker")
    assert for_jan.note == "Over de chemieagenda" and for_jan.started_on == date(2021, 3, 1)
    assert for_jan.between_people and not for_jan.mutual


def test_organisations_are_listed_strongest_first_then_by_name(session: Session) -> None:
    club = org(session, "Industriekring Zuidoost-Drenthe", "civil_society")
    a = org(session, "Bargermeer Polymeren B.V.")
    b = org(session, "Hondsrug Precisietechniek B.V.")
    c = org(session, "Alfa Coatings B.V.")
    for member, strength in ((a, 3), (b, 5), (c, 3)):
        _add(session, RelationshipData.organisations("member_of", member.id, club.id, strength))
    _add(session, RelationshipData.organisations("partner_of", club.id, a.id, 2))

    rows = organisation_relationships(session, club.id)

    assert [(r.other_name, r.kind.value, r.strength, r.outgoing) for r in rows] == [
        ("Hondsrug Precisietechniek B.V.", "member_of", 5, False),
        ("Alfa Coatings B.V.", "member_of", 3, False),
        ("Bargermeer Polymeren B.V.", "member_of", 3, False),
        ("Bargermeer Polymeren B.V.", "partner_of", 2, True),
    ]
    assert [r.mutual for r in rows] == [False, False, False, True]
    assert [r.other_name for r in organisation_relationships(session, a.id)] == [
        "Industriekring Zuidoost-Drenthe",
        "Industriekring Zuidoost-Drenthe",
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"strength": 0}, "strength", "must be from 1 to 5 (got 0)"),
        ({"strength": 6}, "strength", "must be from 1 to 5 (got 6)"),
        ({"strength": True}, "strength", "must be a whole number from 1 to 5"),
        ({"strength": 2.5}, "strength", "must be a whole number from 1 to 5"),
        ({"kind": "likes"}, "kind", "'likes' is not one of: works_with, advises"),
        ({"kind": ""}, "kind", "is required"),
        ({"person_b_id": None}, "person_b_id", "is required"),
        ({"person_a_id": 999}, "person_a_id", "unknown person #999"),
        ({"organisation_a_id": 1}, "organisation_a_id", "between two people or between two"),
        ({"person_a_id": None, "person_b_id": None}, "person_a_id", "choose two people or two"),
        ({"started_on": date(2025, 6, 2)}, "started_on", "is in the future (2025-06-02)"),
        ({"note": "x" * 20_001}, "note", "is too long"),
    ],
)
def test_bad_input_is_refused_at_the_field(
    session: Session, change: dict[str, object], field: str, message: str
) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    org(session, "Gemeente Emmen", "government")
    data = RelationshipData.people("works_with", jan.id, els.id, 3)
    for name, value in change.items():
        setattr(data, name, value)

    with pytest.raises(ValidationError) as caught:
        add_relationship(session, data, today=TODAY)

    assert caught.value.field == field
    assert message in caught.value.problem
    assert session.scalar(select(func.count()).select_from(Relationship)) == 0


def test_nobody_is_related_to_themselves(session: Session) -> None:
    jan = person(session)
    emmen = org(session, "Gemeente Emmen", "government")

    with pytest.raises(ValidationError) as by_person:
        add_relationship(session, RelationshipData.people("advises", jan.id, jan.id))
    with pytest.raises(ValidationError) as by_org:
        add_relationship(session, RelationshipData.organisations("funds", emmen.id, emmen.id))

    assert by_person.value.field == "person_b_id"
    assert "with themselves" in by_person.value.problem
    assert by_org.value.field == "organisation_b_id"
    assert "with itself" in by_org.value.problem


def test_the_same_kind_between_the_same_two_is_a_duplicate_either_way_round(
    session: Session,
) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    _add(session, RelationshipData.people("works_with", jan.id, els.id, 3))

    for a, b in ((jan.id, els.id), (els.id, jan.id)):
        with pytest.raises(ValidationError) as caught:
            add_relationship(session, RelationshipData.people("works_with", a, b))
        assert caught.value.field == "kind"
        assert "already have a “works with” relationship" in caught.value.problem
    # Another kind between the same two is a second relationship.
    _add(session, RelationshipData.people("reports_to", els.id, jan.id, 2))
    assert len(person_relationships(session, jan.id)) == 2


def test_an_update_is_version_checked_and_may_keep_its_own_kind(session: Session) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    row = add_relationship(session, RelationshipData.people("works_with", jan.id, els.id, 2))
    data = row.to_data()
    data.strength = 5

    updated = update_relationship(session, row.id, data, expected_version=row.version)

    assert (updated.strength, updated.version) == (5, row.version + 1)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        update_relationship(session, row.id, data, expected_version=row.version)
    with pytest.raises(ConflictError):
        delete_relationship(session, row.id, expected_version=row.version)
    assert get_relationship(session, row.id).strength == 5


def test_an_update_may_turn_people_into_organisations(session: Session) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    a, b = org(session, "Noord B.V."), org(session, "Zuid B.V.")
    row = add_relationship(session, RelationshipData.people("funds", jan.id, els.id))

    update_relationship(session, row.id, RelationshipData.organisations("funds", a.id, b.id))

    again = get_relationship(session, row.id)
    assert (again.between_people, again.a_name, again.b_name) == (False, "Noord B.V.", "Zuid B.V.")
    assert person_relationships(session, jan.id) == []


def test_a_deleted_relationship_is_gone_and_the_people_stay(session: Session) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    row = add_relationship(session, RelationshipData.people("advises", jan.id, els.id))

    delete_relationship(session, row.id, expected_version=row.version)

    assert person_relationships(session, jan.id) == []
    with pytest.raises(NotFoundError):
        get_relationship(session, row.id)
    with pytest.raises(NotFoundError):
        person_relationships(session, 999)


def test_deleting_a_person_deletes_their_relationships(session: Session) -> None:
    jan, els, piet = (person(session, n, "Jansen") for n in ("Jan", "Els", "Piet"))
    _add(session, RelationshipData.people("advises", jan.id, els.id))
    _add(session, RelationshipData.people("works_with", els.id, piet.id))

    people.delete_person(session, jan.id)

    assert [r.other_name for r in person_relationships(session, els.id)] == ["Piet Jansen"]


def test_merging_moves_relationships_but_no_duplicates_or_self_loops(session: Session) -> None:
    keep, lose = person(session, "Jan", "Berg"), person(session, "J.", "Berg")
    els, piet = person(session, "Els", "Bakker"), person(session, "Piet", "Mulder")
    _add(session, RelationshipData.people("works_with", keep.id, els.id, 2))
    _add(session, RelationshipData.people("works_with", els.id, lose.id, 4))  # a duplicate
    _add(session, RelationshipData.people("advises", lose.id, piet.id, 5))
    _add(session, RelationshipData.people("reports_to", lose.id, keep.id))  # would be a loop

    moved = move_person_relationships(session, lose.id, keep.id)

    assert moved == 1
    assert [(r.other_name, r.kind.value) for r in person_relationships(session, keep.id)] == [
        ("Piet Mulder", "advises"),
        ("J. Berg", "reports_to"),
        ("Els Bakker", "works_with"),
    ]
    [advises] = [r for r in person_relationships(session, keep.id) if r.kind == "advises"]
    assert advises.outgoing and advises.version == 2


def test_the_database_refuses_what_the_service_refuses(db: Database) -> None:
    with db.sessions.begin() as s:
        jan, els = person(s, "Jan", "Berg").id, person(s, "Els", "Bakker").id
        emmen = org(s, "Gemeente Emmen", "government").id
    bad = [
        {"person_a_id": jan, "person_b_id": jan},
        {"person_a_id": jan, "person_b_id": els, "organisation_a_id": emmen},
        {"person_a_id": jan},
        {"person_a_id": jan, "person_b_id": els, "strength": 9},
    ]
    for values in bad:
        with pytest.raises(IntegrityError), db.sessions.begin() as s:
            s.add(Relationship(kind=RelationshipKind.ADVISES, **values))
            s.flush()


def test_undoing_a_delete_brings_the_relationships_back(session: Session) -> None:
    jan, els = person(session, "Jan", "Berg"), person(session, "Els", "Bakker")
    emmen, club = org(session, "Gemeente Emmen", "government"), org(session, "VDG", "government")
    _add(session, RelationshipData.people("advises", els.id, jan.id, 4, note="Chemie"))
    _add(session, RelationshipData.organisations("member_of", emmen.id, club.id, 3))
    before_jan = person_relationships(session, jan.id)
    before_emmen = organisation_relationships(session, emmen.id)

    snap_person = snapshot_person(session, jan.id)
    history_person = capture_one(session, "person", jan.id)
    people.delete_person(session, jan.id)
    snap_org = snapshot_organisation(session, emmen.id)
    history_org = capture_one(session, "organisation", emmen.id)
    organisations.delete_organisation(session, emmen.id)
    session.flush()
    assert person_relationships(session, els.id) == []
    assert organisation_relationships(session, club.id) == []

    restored_person, _ = with_history(snap_person, None, history_person, History())
    restored_org, _ = with_history(snap_org, None, history_org, History())
    assert restored_person is not None and restored_org is not None
    restore_person(session, restored_person, expected_version=None)
    restore_organisation(session, restored_org, expected_version=None)

    assert person_relationships(session, jan.id) == before_jan
    assert organisation_relationships(session, emmen.id) == before_emmen


def test_a_delete_question_counts_the_relationships_it_takes_along(session: Session) -> None:
    jan, els, piet = (person(session, n, "Jansen") for n in ("Jan", "Els", "Piet"))
    emmen, club = org(session, "Gemeente Emmen", "government"), org(session, "VDG", "government")
    _add(session, RelationshipData.people("advises", jan.id, els.id))
    _add(session, RelationshipData.people("works_with", els.id, piet.id))
    _add(session, RelationshipData.organisations("member_of", emmen.id, club.id))

    assert people_links(session, [els.id]).count(Link.RELATIONSHIPS) == 2
    assert people_links(session, [jan.id, els.id]).count(Link.RELATIONSHIPS) == 2
    assert (Link.RELATIONSHIPS, 1) in people_links(session, [piet.id]).of_fate(Fate.DELETED)
    assert organisations_links(session, [club.id]).count(Link.RELATIONSHIPS) == 1
