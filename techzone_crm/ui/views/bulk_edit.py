"""Bulk edits of the records selected in a page's table, each one undoable as a whole.

The table is paged, so the selection is read as row ranges: when every row is selected
the ids come from the service with the page's current query (no row is loaded for it);
otherwise they come from the selected rows that are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog
from sqlalchemy.orm import Session

from techzone_crm.services import bulk, tags, team
from techzone_crm.services.bulk import RecordKind
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.bulk_dialogs import OwnerDialog, TagDialog
from techzone_crm.ui.tasks import Progress
from techzone_crm.ui.undoable import Recording, organisation_key, person_key
from techzone_crm.ui.views.delete_texts import several_delete_text

if TYPE_CHECKING:
    from techzone_crm.ui.views.record_view import RecordView

Write = Callable[[Session, list[int]], list[int]]


class BulkEditor(QObject):
    """The bulk actions of one page (``actions``), enabled while rows are selected.

    Signals:
        finished(): a bulk edit was written (or refused) and the page shows the outcome.
    """

    finished = Signal()

    def __init__(self, view: RecordView, kind: RecordKind) -> None:
        super().__init__(view)
        self.view = view
        self.kind = kind
        self.actions: list[QAction] = []
        self._pending: tuple[int, Callable[[str], str], Callable[[], None] | None] | None = None
        self._progress: QProgressDialog | None = None
        if kind is RecordKind.PERSON:
            self._action(self.tr("Set relationship &owner…"), self.set_owner)
            self._action(self.tr("&Add tag…"), self.add_tag)
            self._action(self.tr("&Remove tag…"), self.remove_tag)
            self._action(self.tr("Mark as &do not contact"), lambda: self.do_not_contact(True))
            self._action(self.tr("&Clear do not contact"), lambda: self.do_not_contact(False))
        else:
            self._action(self.tr("Mark as &partner"), lambda: self.partner(True))
            self._action(self.tr("Mark as &not a partner"), lambda: self.partner(False))
            self._action(self.tr("&Add tag…"), self.add_tag)
            self._action(self.tr("&Remove tag…"), self.remove_tag)
        view.table.selectionModel().selectionChanged.connect(self._update)
        view.model.modelReset.connect(self._update)
        self._update()

    def _action(self, text: str, slot: Callable[[], None]) -> None:
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.actions.append(action)

    def _update(self) -> None:
        selected = self.view.table.selectionModel().hasSelection()
        for action in self.actions:
            action.setEnabled(selected)

    # -- the selection ----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The ids of the selected records (all that match when every row is selected)."""
        selection = self.view.table.selectionModel().selection()
        spans = sorted((r.top(), r.bottom()) for r in selection.toList())
        rows: list[tuple[int, int]] = []
        for top, bottom in spans:
            if rows and top <= rows[-1][1] + 1:
                rows[-1] = (rows[-1][0], max(rows[-1][1], bottom))
            else:
                rows.append((top, bottom))
        count = sum(bottom - top + 1 for top, bottom in rows)
        model = self.view.model
        if count and count >= model.rowCount():
            with self.view.db.read() as session:
                query = model.query
                if isinstance(query, PersonQuery):
                    return bulk.person_ids_matching(session, query)
                assert isinstance(query, OrganisationQuery)
                return bulk.organisation_ids_matching(session, query)
        ids = []
        for top, bottom in rows:
            for row in range(top, bottom + 1):
                loaded = model.cached_row(row)
                if loaded is not None:
                    ids.append(loaded.id)
        return ids

    def _count(self, n: int) -> str:
        if self.kind is RecordKind.PERSON:
            return self.tr("1 person") if n == 1 else self.tr("%n people", "", n)
        return self.tr("1 organisation") if n == 1 else self.tr("%n organisations", "", n)

    # -- the actions ------------------------------------------------------------------

    def set_owner(self) -> None:
        """Ask for a team member and make them the owner of the selected people."""
        ids = self.selected_ids()
        if not ids:
            return
        with self.view.db.read() as session:
            members = team.list_team_members(session)
        prompt = self.tr("Set the relationship owner of the {count} selected.").format(
            count=self._count(len(ids))
        )
        chosen = OwnerDialog.ask(self.view, members, prompt)
        if chosen is None:
            return
        owner_id, name = chosen
        if owner_id is None:
            text = self.tr("Clear owner of {count}")
        else:
            text = self.tr("Set owner of {count} to {name}")
        self._apply(
            ids,
            lambda s, i: bulk.set_owner(s, i, owner_id),
            lambda n: text.format(count=n, name=name),
        )

    def add_tag(self) -> None:
        """Ask for a tag (new or known) and add it to the selected records."""
        self._tag(add=True)

    def remove_tag(self) -> None:
        """Ask for a known tag and take it off the selected records."""
        self._tag(add=False)

    def _tag(self, add: bool) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        with self.view.db.read() as session:
            known = tags.list_tags(session)
        count = self._count(len(ids))
        if add:
            name = TagDialog.ask(
                self.view,
                known,
                self.tr("Add tag"),
                self.tr("Add a tag to the {count} selected.").format(count=count),
                self.tr("Add tag"),
                new_allowed=True,
            )
        else:
            name = TagDialog.ask(
                self.view,
                known,
                self.tr("Remove tag"),
                self.tr("Remove a tag from the {count} selected.").format(count=count),
                self.tr("Remove tag"),
                new_allowed=False,
            )
        if name is None:
            return
        kind = self.kind
        if add:
            text = self.tr("Add tag {tag} to {count}")
            write: Write = lambda s, i: bulk.add_tag(s, kind, i, name)  # noqa: E731
        else:
            text = self.tr("Remove tag {tag} from {count}")
            write = lambda s, i: bulk.remove_tag(s, kind, i, name)  # noqa: E731
        self._apply(ids, write, lambda n: text.format(tag=name, count=n))

    def do_not_contact(self, value: bool) -> None:
        """Set or clear the do-not-contact flag of the selected people."""
        text = (
            self.tr("Mark {count} as do not contact")
            if value
            else self.tr("Clear do not contact for {count}")
        )
        self._apply(
            self.selected_ids(),
            lambda s, i: bulk.set_do_not_contact(s, i, value),
            lambda n: text.format(count=n),
        )

    def partner(self, value: bool) -> None:
        """Mark the selected organisations as partners, or as not partners."""
        if value:
            text = self.tr("Mark {count} as partner")
        else:
            text = self.tr("Mark {count} as not a partner")
        self._apply(
            self.selected_ids(),
            lambda s, i: bulk.set_partner(s, i, value),
            lambda n: text.format(count=n),
        )

    def delete_if_several(self) -> bool:
        """Delete the selected records as one undo step if several are selected.

        Returns False when one record (or none) is selected, which the view deletes itself.
        """
        ids = self.selected_ids()
        if len(ids) < 2:
            return False
        kind = self.kind
        with self.view.db.read() as session:
            links = bulk.delete_links(session, kind, ids)
        count = self._count(len(ids))
        if not prompts.confirm(
            self.view,
            self.tr("Delete {count}").format(count=count),
            self.tr("Delete the {count} selected?").format(count=count),
            several_delete_text(links, people=kind is RecordKind.PERSON),
            self.tr("Delete"),
        ):
            return True
        self._apply(
            ids,
            lambda s, i: bulk.delete_records(s, kind, i),
            lambda n: self.tr("Delete {count}").format(count=n),
            after=lambda: self.view.show_details(None),
        )
        return True

    def _apply(
        self,
        ids: list[int],
        write: Write,
        describe: Callable[[str], str],
        after: Callable[[], None] | None = None,
    ) -> None:
        """Write in one background transaction; then push one undo step for what changed.

        The window stays responsive however many records are touched; a progress dialog
        keeps the user from starting a second edit of the same rows meanwhile.
        """
        if not ids or self.busy:
            return
        key = person_key if self.kind is RecordKind.PERSON else organisation_key
        keys = [key(i) for i in ids]
        undo = self.view.undo

        def work(session: Session, _progress: Progress) -> tuple[list[int], Recording | None]:
            recording = undo.start(session, keys) if undo is not None else None
            changed = write(session, ids)
            if recording is not None:
                recording.finish(session)
            return changed, recording

        self._pending = (len(ids), describe, after)
        self._progress = QProgressDialog(self.tr("Saving the changes…"), "", 0, 0, self.view)
        self._progress.setCancelButton(None)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(300)
        self.view.model.runner.submit(
            work, write=True, on_finished=self._applied, on_failed=self._not_applied
        )

    @property
    def busy(self) -> bool:
        """True while a bulk edit is being written."""
        return self._pending is not None

    def _close_progress(self) -> tuple[int, Callable[[str], str], Callable[[], None] | None]:
        assert self._pending is not None
        pending, self._pending = self._pending, None
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        return pending

    def _not_applied(self, exc: BaseException) -> None:
        self._close_progress()
        assert isinstance(exc, Exception)
        try:
            self.view.report_problem(exc, self.tr("Bulk edit not done"))
        finally:
            self.finished.emit()

    def _applied(self, result: tuple[list[int], Recording | None]) -> None:
        asked, describe, after = self._close_progress()
        changed, recording = result
        undo = self.view.undo
        if not changed:
            self.view.message.emit(
                self.tr("Nothing changed: the {count} selected were already so.").format(
                    count=self._count(asked)
                )
            )
            self.finished.emit()
            return
        text = describe(self._count(len(changed)))
        if undo is not None and recording is not None:
            undo.push(text, recording.changes)
        self.view.refresh()
        if after is not None:
            after()
        self.view.message.emit(self.tr("{change}. Edit › Undo takes it back.").format(change=text))
        self.finished.emit()
