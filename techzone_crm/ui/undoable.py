"""Recording writes for undo: snapshots before and after, one command on the undo stack.

An action that writes opens its session as usual and, inside it, takes a
:class:`Recording` of the records it is about to touch; after the write the recording takes
the snapshots again. Once the transaction has committed, :meth:`UndoRecorder.push` puts
one :class:`~techzone_crm.ui.undo.ChangeCommand` on the stack, so that one Ctrl+Z undoes
the whole action however many records it touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Organisation, Person
from techzone_crm.errors import NotFoundError
from techzone_crm.services import bulk, stakeholder_history
from techzone_crm.services.snapshots import (
    OrganisationSnapshot,
    PersonSnapshot,
    snapshot_organisation,
    snapshot_person,
    with_history,
)
from techzone_crm.services.stakeholder_history import History
from techzone_crm.ui.undo import Change, ChangeCommand, Snapshot

#: Which record: its snapshot type and its id.
RecordKey = tuple[type[PersonSnapshot] | type[OrganisationSnapshot], int]


def person_key(person_id: int) -> RecordKey:
    """The key of a person."""
    return PersonSnapshot, person_id


def organisation_key(org_id: int) -> RecordKey:
    """The key of an organisation."""
    return OrganisationSnapshot, org_id


def take_snapshot(session: Session, key: RecordKey) -> Snapshot | None:
    """The record as stored now, or None if it does not exist."""
    kind, record_id = key
    try:
        if kind is PersonSnapshot:
            return snapshot_person(session, record_id)
        return snapshot_organisation(session, record_id)
    except NotFoundError:
        return None


def _preload(session: Session, keys: list[RecordKey]) -> list[object]:
    """Load many records with their links at once, so that each snapshot needs no query.

    The session only keeps weak references: hold the result while taking the snapshots.
    """
    if len(keys) < 2:
        return []
    people = bulk.preload(session, Person, [i for kind, i in keys if kind is PersonSnapshot])
    orgs = bulk.preload(
        session, Organisation, [i for kind, i in keys if kind is OrganisationSnapshot]
    )
    return [*people.values(), *orgs.values()]


def _histories(session: Session, keys: Iterable[RecordKey]) -> dict[RecordKey, History]:
    """What refers to each record (assessments, positions, attendance …), a few queries each."""
    keys = list(keys)
    people = stakeholder_history.capture(
        session, "person", [i for kind, i in keys if kind is PersonSnapshot]
    )
    orgs = stakeholder_history.capture(
        session, "organisation", [i for kind, i in keys if kind is OrganisationSnapshot]
    )
    return {key: (people if key[0] is PersonSnapshot else orgs)[key[1]] for key in keys}


class Recording:
    """The records an action touches, from before its write (see :meth:`finish`)."""

    def __init__(self, session: Session, keys: Iterable[RecordKey]) -> None:
        wanted = list(dict.fromkeys(keys))
        loaded = _preload(session, wanted)
        self.before: dict[RecordKey, Snapshot | None] = {
            key: take_snapshot(session, key) for key in wanted
        }
        del loaded
        # Kept apart: only a change that deletes a record or moves these rows needs them.
        self.history: dict[RecordKey, History] = _histories(
            session, [key for key, snap in self.before.items() if snap is not None]
        )
        self.changes: list[Change] = []

    def finish(self, session: Session, keys: Iterable[RecordKey] = ()) -> list[Change]:
        """Snapshot the records again after the write (``keys``: records new since then).

        Records that did not change are left out.
        """
        session.flush()
        # Collections loaded for the first snapshots do not see rows added by id.
        session.expire_all()
        wanted = list(dict.fromkeys([*self.before, *keys]))
        loaded = _preload(session, wanted)
        afters = {key: take_snapshot(session, key) for key in wanted}
        del loaded
        kept = [key for key in wanted if afters[key] is not None and key in self.history]
        history_after = _histories(session, kept)
        changes = []
        for key in wanted:
            before, after = self.before.get(key), afters[key]
            if before is not None:
                empty = History()
                before, after = with_history(
                    before, after, self.history[key], history_after.get(key, empty)
                )
            if before != after:
                changes.append(Change(before, after))
        # Deleted records first: an undo then restores them last, once the records they
        # shared rows with (the person kept by a merge) have given those rows back.
        changes.sort(key=lambda change: change.after is not None)
        self.changes = changes
        return changes


class UndoRecorder:
    """Puts recorded changes on the window's undo stack.

    Args:
        db: the database the views write to.
        stack: the window's undo stack.
        parent_widget: where an undo that cannot be done is explained.
        on_applied: called after an undo or redo changed the data (refreshes the views).
    """

    def __init__(
        self,
        db: Database,
        stack: QUndoStack,
        parent_widget: QWidget | None,
        on_applied: Callable[[], None],
    ) -> None:
        self.db = db
        self.stack = stack
        self.parent_widget = parent_widget
        self.on_applied = on_applied

    def start(self, session: Session, keys: Iterable[RecordKey]) -> Recording:
        """Take the snapshots before a write in ``session``."""
        return Recording(session, keys)

    def push(self, text: str, changes: Sequence[Change]) -> ChangeCommand | None:
        """Make the committed ``changes`` undoable as ``text`` (nothing if nothing changed)."""
        if not changes:
            return None
        command = ChangeCommand(self.db, text, changes, self.parent_widget, self.on_applied)
        self.stack.push(command)
        return command
