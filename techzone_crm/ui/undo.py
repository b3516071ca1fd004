"""Undo and redo of changes to people and organisations (QUndoStack commands).

A command keeps :mod:`~techzone_crm.services.snapshots` of every record it touched, from
before and after the change (None where the record did not exist), never ORM objects. The
change itself is made by the action before the command is pushed; ``redo()`` re-applies it
only when the user redoes. Undo and redo restore snapshots through the services in one
write session, and refuse (with a message) when a record changed elsewhere in between.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Organisation, Person
from techzone_crm.services import bulk, organisations, people
from techzone_crm.services.snapshots import (
    OrganisationSnapshot,
    PersonSnapshot,
    restore_organisation,
    restore_person,
)
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import translate

Snapshot = PersonSnapshot | OrganisationSnapshot


@dataclass(frozen=True)
class Change:
    """One record before and after an action (None: it did not exist)."""

    before: Snapshot | None
    after: Snapshot | None

    @property
    def key(self) -> tuple[type, int]:
        """Which record this is."""
        snap = self.before or self.after
        assert snap is not None, "a change needs a before or an after"
        return type(snap), snap.id


def _apply(
    session: Session, target: Snapshot | None, key: tuple[type, int], live: int | None
) -> int | None:
    """Make the record look like ``target``; returns its version afterwards (None: gone)."""
    kind, record_id = key
    if target is None:
        record = session.get(Person if kind is PersonSnapshot else Organisation, record_id)
        if record is not None:
            # An earlier delete of this step may have taken roles this record still holds
            # in memory (a person and the organisation they work at, undone together).
            session.expire(record, ["affiliations"])
        if kind is PersonSnapshot:
            people.delete_person(session, record_id, expected_version=live)
        else:
            organisations.delete_organisation(session, record_id, expected_version=live)
        return None
    if isinstance(target, PersonSnapshot):
        return restore_person(session, target, live).version
    return restore_organisation(session, target, live).version


def _preload(session: Session, keys: list[tuple[type, int]]) -> list[object]:
    """Load the records of a many-record step at once (hold the result while applying)."""
    if len(keys) < 2:
        return []
    person_ids = [i for kind, i in keys if kind is PersonSnapshot]
    org_ids = [i for kind, i in keys if kind is OrganisationSnapshot]
    found = bulk.preload(session, Person, person_ids)
    orgs = bulk.preload(session, Organisation, org_ids)
    return [*found.values(), *orgs.values()]


class ChangeCommand(QUndoCommand):
    """An undoable change of one or more records (create, edit, delete, bulk edit, merge).

    Args:
        db: the database the change was made in.
        text: what the Edit menu shows after "Undo"/"Redo", e.g. "Delete Jan Jansen".
        changes: every record touched, before and after.
        parent_widget: where problems are shown.
        on_applied: called after an undo or redo changed the data (to refresh views).
    """

    def __init__(
        self,
        db: Database,
        text: str,
        changes: Sequence[Change],
        parent_widget: QWidget | None = None,
        on_applied: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.db = db
        self.changes = tuple(changes)
        self.parent_widget = parent_widget
        self.on_applied = on_applied
        self._done_already = True
        # The version each record has now; undo and redo expect exactly this.
        self.live: dict[tuple[type, int], int | None] = {
            c.key: (c.after.version if c.after is not None else None) for c in self.changes
        }
        #: True once an undo or redo was refused; the command is then dropped.
        self.failed = False

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False  # the action itself made the change
            return
        self._run([(c.key, c.after) for c in self.changes], translate("undo", "Redo"))

    def undo(self) -> None:
        self._run([(c.key, c.before) for c in reversed(self.changes)], translate("undo", "Undo"))

    def _run(self, steps: list[tuple[tuple[type, int], Snapshot | None]], verb: str) -> None:
        try:
            with self.db.sessions.begin() as session:
                held = _preload(session, list(self.live))
                versions = {
                    key: _apply(session, target, key, self.live[key]) for key, target in steps
                }
                del held
        except Exception as exc:
            problem = as_user_error(exc, self.db)
            if problem is None:
                raise
            self.failed = True
            self.setObsolete(True)
            prompts.show_problem(
                self.parent_widget,
                translate("undo", "{verb} not possible").format(verb=verb),
                translate("undo", "“{what}” cannot be undone or redone any more: {why}").format(
                    what=self.text(), why=problem.message
                ),
            )
            return
        self.live.update(versions)
        if self.on_applied is not None:
            self.on_applied()
