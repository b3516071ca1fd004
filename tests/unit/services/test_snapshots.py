"""Snapshots and restores: the ground undo stands on."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from techzone_crm.errors import ConflictError
from techzone_crm.services import organisations, people
from techzone_crm.services.affiliations import person_affiliations
from techzone_crm.services.people import PersonData, PersonQuery
from techzone_crm.services.snapshots import (
    restore_organisation,
    restore_person,
    snapshot_organisation,
    snapshot_person,
)

from .factories import org, person, role


def test_a_deleted_person_comes_back_with_the_same_id_and_links(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    jan = person(
        session,
        "Jan",
        "Berg",
        name_prefix="van der",
        emails=["jan@emmen.example"],
        phones=["0591 685 555"],
        tags=["Program Board"],
    )
    aff = role(session, jan, emmen, "wethouder", date(2022, 5, 1))
    before = snapshot_person(session, jan.id)

    people.delete_person(session, jan.id)
    assert people.count_people(session, PersonQuery(text="berg")) == 0

    restored = restore_person(session, before, expected_version=None)
    session.flush()
    assert restored.id == before.id
    assert restored.display_name == "Jan van der Berg"
    assert [e.address for e in restored.emails] == ["jan@emmen.example"]
    assert [t.name for t in restored.tags] == ["Program Board"]
    [again] = person_affiliations(session, jan.id)
    assert (again.id, again.organisation_name, again.role) == (
        aff.id,
        "Gemeente Emmen",
        "wethouder",
    )
    # The search index follows (its triggers fire on the restore too).
    assert people.count_people(session, PersonQuery(text="wethouder emmen")) == 1


def test_an_edit_is_undone_and_redone(session: Session) -> None:
    jan = person(session, "Jan", "Berg", emails=["jan@a.example"])
    before = snapshot_person(session, jan.id)
    people.update_person(session, jan.id, PersonData("Johannes", "Berg", emails=[]))
    after = snapshot_person(session, jan.id)

    undone = restore_person(session, before, expected_version=after.version)
    assert (undone.given_name, [e.address for e in undone.emails]) == ("Jan", ["jan@a.example"])
    redone = restore_person(session, after, expected_version=undone.version)
    assert (redone.given_name, redone.emails) == ("Johannes", [])


def test_restoring_over_a_change_made_elsewhere_is_refused(session: Session) -> None:
    jan = person(session, "Jan", "Berg")
    before = snapshot_person(session, jan.id)
    people.update_person(session, jan.id, PersonData("Jan", "Berg", notes="ours"))
    ours = snapshot_person(session, jan.id)
    people.update_person(session, jan.id, PersonData("Jan", "Berg", notes="someone else's"))

    with pytest.raises(ConflictError):
        restore_person(session, before, expected_version=ours.version)
    assert people.get_person(session, jan.id).notes == "someone else's"
    with pytest.raises(ConflictError):
        restore_person(session, before, expected_version=None)  # it exists: not a delete


def test_a_deleted_organisation_comes_back_with_children_and_people(session: Session) -> None:
    province = org(session, "Provincie Drenthe", "government", sectors=["htsm"], tags=["Partner"])
    department = org(session, "Afdeling Economie", "government", parent_id=province.id)
    els = person(session, "Els", "Bakker")
    role(session, els, province, "gedeputeerde")
    before = snapshot_organisation(session, province.id)

    organisations.delete_organisation(session, province.id)
    session.flush()
    assert organisations.get_organisation(session, department.id).parent_id is None

    restored = restore_organisation(session, before, expected_version=None)
    session.flush()
    assert restored.sectors == before.sectors
    assert [t.name for t in restored.tags] == ["Partner"]
    assert organisations.get_organisation(session, department.id).parent_id == province.id
    assert [m.person_name for m in organisations.organisation_people(session, province.id)] == [
        "Bakker, Els"
    ]
