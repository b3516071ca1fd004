"""The writes on selected commitments: keep, cancel, reopen, delete; all in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import commitments
from techzone_crm.services.commitments import CommitmentRow, CommitmentState
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import translate

_CONTEXT = "CommitmentActions"
St = CommitmentState
STILL_OPEN = frozenset({St.OPEN, St.OVERDUE})
CLOSED = frozenset({St.DONE, St.CANCELLED})


@dataclass(frozen=True)
class Outcome:
    """What a write did: whether it was saved, the commitments it touched, what to say."""

    saved: bool
    ids: set[int] = field(default_factory=set)
    message: str = ""


def count_text(n: int) -> str:
    """ "1 commitment", "3 commitments"."""
    if n == 1:
        return translate(_CONTEXT, "1 commitment")
    return QCoreApplication.translate(_CONTEXT, "%n commitments", "", n)


def _write(
    parent: QWidget,
    db: Database,
    rows: Sequence[CommitmentRow],
    action: Callable[[Session, CommitmentRow], object],
    message: str,
) -> Outcome:
    try:
        with db.sessions.begin() as session:
            for c in rows:
                action(session, c)
    except Exception as exc:
        problem = as_user_error(exc, db)
        if problem is None:
            raise
        prompts.show_problem(parent, translate(_CONTEXT, "Commitments"), problem.message)
        return Outcome(False)
    return Outcome(True, {c.id for c in rows}, message.format(what=count_text(len(rows))))


def mark_done(parent: QWidget, db: Database, rows: Sequence[CommitmentRow]) -> Outcome | None:
    """Mark the open ones among ``rows`` as kept today."""
    chosen = [c for c in rows if c.state in STILL_OPEN]
    if not chosen:
        return None
    today = date.today()
    return _write(
        parent,
        db,
        chosen,
        lambda s, c: commitments.mark_done(s, c.id, today, c.version, today),
        translate(_CONTEXT, "Marked {what} done."),
    )


def cancel(parent: QWidget, db: Database, rows: Sequence[CommitmentRow]) -> Outcome | None:
    """Cancel the open ones among ``rows``."""
    chosen = [c for c in rows if c.state in STILL_OPEN]
    if not chosen:
        return None
    return _write(
        parent,
        db,
        chosen,
        lambda s, c: commitments.cancel(s, c.id, c.version),
        translate(_CONTEXT, "Cancelled {what}."),
    )


def reopen(parent: QWidget, db: Database, rows: Sequence[CommitmentRow]) -> Outcome | None:
    """Make the done or cancelled ones among ``rows`` open again."""
    chosen = [c for c in rows if c.state in CLOSED]
    if not chosen:
        return None
    return _write(
        parent,
        db,
        chosen,
        lambda s, c: commitments.reopen(s, c.id, c.version),
        translate(_CONTEXT, "Reopened {what}."),
    )


def delete(parent: QWidget, db: Database, rows: Sequence[CommitmentRow]) -> Outcome | None:
    """Delete ``rows`` after asking (None: nothing chosen, or the user said no)."""
    if not rows:
        return None
    if len(rows) == 1:
        text = translate(_CONTEXT, "Delete the commitment “{what}”?").format(
            what=rows[0].description
        )
    else:
        text = translate(_CONTEXT, "Delete {what}?").format(what=count_text(len(rows)))
    if not prompts.confirm(
        parent,
        translate(_CONTEXT, "Delete commitment"),
        text,
        translate(
            _CONTEXT,
            "Deleting cannot be undone; nothing else refers to a commitment. "
            "If a promise was withdrawn, use Cancel commitment instead, so that the "
            "history is kept.",
        ),
        translate(_CONTEXT, "Delete"),
    ):
        return None
    return _write(
        parent,
        db,
        rows,
        lambda s, c: commitments.delete_commitment(s, c.id, c.version),
        translate(_CONTEXT, "Deleted {what}."),
    )
