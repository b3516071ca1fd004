"""Deleting the record shown on a page: ask, delete, record the undo step, tell.

The pages differ only in what they say and which service deletes; that is their
:meth:`RecordView.plan_delete` and :meth:`RecordView.perform_delete`. Records that the undo
stack does not hold (agendas, dossiers, interactions) have no undo key, and their question
says that the delete cannot be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from techzone_crm.ui import prompts
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.undoable import RecordKey

if TYPE_CHECKING:
    from techzone_crm.ui.views.record_view import RecordView


@dataclass(frozen=True)
class DeletePlan:
    """What the user is asked before a delete, and what the delete must check."""

    key: RecordKey | None  #: None: not on the undo stack
    name: str
    version: int
    title: str  #: the question's title, e.g. "Delete person"
    details: str  #: what happens to the links, and whether Undo brings it back


def delete_shown(view: RecordView, record_id: int) -> None:
    """Delete ``record_id`` after the user agreed; one undo step, then refresh the page."""
    try:
        with view.db.read() as session:
            plan = view.plan_delete(session, record_id)
    except Exception as exc:
        view.report_problem(exc, translate("RecordView", "Not deleted"))
        return
    if not prompts.confirm(
        view,
        plan.title,
        translate("RecordView", "Delete {name}?").format(name=plan.name),
        plan.details,
        translate("RecordView", "Delete"),
    ):
        return
    recording = None
    try:
        with view.db.sessions.begin() as session:
            if view.undo is not None and plan.key is not None:
                recording = view.undo.start(session, [plan.key])
            message = view.perform_delete(session, record_id, plan)
            if recording is not None:
                recording.finish(session)
    except Exception as exc:
        view.report_problem(
            exc, translate("RecordView", "Not deleted"), view.changed_text(plan.name)
        )
        return
    if view.undo is not None and recording is not None:
        view.undo.push(
            translate("RecordView", "Delete {name}").format(name=plan.name), recording.changes
        )
    view.forget_wanted()
    view.show_details(None)
    view.refresh()
    view.message.emit(message)
    view.changed.emit()
