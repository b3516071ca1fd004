"""Undo commands restore snapshots and refuse to overwrite changes made elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from techzone_crm.db.engine import Database
from techzone_crm.services import people
from techzone_crm.services.people import PersonData
from techzone_crm.services.snapshots import snapshot_person
from techzone_crm.ui import prompts
from techzone_crm.ui.undo import Change, ChangeCommand

pytestmark = pytest.mark.gui


def _names(db: Database) -> list[str]:
    with db.read() as session:
        return [p.sorted_name for p in people.list_people(session, people.PersonQuery())]


def test_undo_and_redo_of_a_new_person(qapp: object, db: Database) -> None:
    with db.sessions.begin() as session:
        created = people.add_person(session, PersonData("Jan", "Berg", name_prefix="van der"))
        after = snapshot_person(session, created.id)
    refreshed: list[int] = []
    stack = QUndoStack()
    stack.push(
        ChangeCommand(
            db, "New person", [Change(None, after)], on_applied=lambda: refreshed.append(1)
        )
    )
    assert _names(db) == ["Berg, Jan van der"]  # pushing does not apply it twice

    stack.undo()
    assert _names(db) == []
    stack.redo()
    assert _names(db) == ["Berg, Jan van der"]
    assert refreshed == [1, 1]
    assert stack.undoText() == "New person"


def test_undo_over_a_change_made_elsewhere_is_refused_and_dropped(
    qapp: object, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.sessions.begin() as session:
        jan = people.add_person(session, PersonData("Jan", "Berg"))
        before = snapshot_person(session, jan.id)
        people.update_person(session, jan.id, PersonData("Johannes", "Berg"))
        after = snapshot_person(session, jan.id)
    stack = QUndoStack()
    command = ChangeCommand(db, "Edit Jan Berg", [Change(before, after)])
    stack.push(command)
    with db.sessions.begin() as session:
        people.update_person(session, jan.id, PersonData("Hans", "Berg"))  # another window
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))

    stack.undo()

    assert command.failed
    assert len(shown) == 1 and "Edit Jan Berg" in shown[0]
    assert _names(db) == ["Berg, Hans"]
    assert stack.count() == 0  # the obsolete command is gone


def test_one_step_that_created_people_and_their_organisation_is_undone_and_redone(
    qapp: object, db: Database
) -> None:
    from techzone_crm.services import affiliations, organisations
    from techzone_crm.services.affiliations import AffiliationData
    from techzone_crm.services.organisations import OrganisationData
    from techzone_crm.services.snapshots import snapshot_organisation

    with db.sessions.begin() as session:
        org = organisations.add_organisation(
            session, OrganisationData("Gemeente Emmen", "government")
        )
        made = [people.add_person(session, PersonData(g, "Berg")) for g in ("Jan", "Els")]
        for person in made:
            affiliations.add_affiliation(session, AffiliationData(person.id, org.id, "adviseur"))
        session.flush()
        session.expire_all()
        changes = [Change(None, snapshot_person(session, p.id)) for p in made]
        changes.append(Change(None, snapshot_organisation(session, org.id)))
    stack = QUndoStack()
    command = ChangeCommand(db, "Import of list.csv", changes)
    stack.push(command)

    stack.undo()
    assert not command.failed
    assert _names(db) == []
    with db.read() as session:
        assert organisations.count_organisations(session, organisations.OrganisationQuery()) == 0
    stack.redo()
    assert not command.failed
    assert _names(db) == ["Berg, Els", "Berg, Jan"]
