"""The commitments table: state, what, who promised it to whom, links and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from techzone_crm.services.commitments import CommitmentRow, CommitmentState
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.rows_model import Column, Index, RowsModel
from techzone_crm.ui.views.detail_pane import format_date

_CONTEXT = "CommitmentsModel"
_OVERDUE = labels.COMMITMENT_COLOUR[CommitmentState.OVERDUE]
# Overdue first, then open, done and cancelled: the order a to-do list reads in.
_STATE_ORDER = {
    CommitmentState.OVERDUE: 0,
    CommitmentState.OPEN: 1,
    CommitmentState.DONE: 2,
    CommitmentState.CANCELLED: 3,
}
_NO_DATE = 10**7  # sorts after every real date's ordinal


def state_text(c: CommitmentRow) -> str:
    """ "Open", "Done", or "3 days overdue"."""
    if c.state is CommitmentState.OVERDUE:
        if c.days_overdue == 1:
            return translate(_CONTEXT, "1 day overdue")
        return QCoreApplication.translate(_CONTEXT, "%n days overdue", "", c.days_overdue)
    return labels.label(c.state)


def stakeholder(c: CommitmentRow) -> str:
    """The person and/or organisation the promise was made to or by."""
    if c.person and c.organisation:
        return f"{c.person} ({c.organisation})"
    return c.person or c.organisation


def promised_by(c: CommitmentRow) -> str:
    """The team member for a promise of ours, the stakeholder for one of theirs."""
    return c.team_member if c.by_us else stakeholder(c)


def promised_to(c: CommitmentRow) -> str:
    """The stakeholder for a promise of ours; the team member (or "Us") for one of theirs."""
    if c.by_us:
        return stakeholder(c)
    return c.team_member or translate(_CONTEXT, "Us")


def interaction_text(c: CommitmentRow) -> str:
    """ "14-05-2026 Overleg spoorlijn" for a commitment made in an interaction."""
    if c.interaction_id is None:
        return ""
    return f"{format_date(c.interaction_on)} {c.interaction_subject}".strip()


def due_tooltip(c: CommitmentRow, today: date) -> str:
    """How the due date stands against today."""
    if c.state is CommitmentState.OVERDUE:
        return state_text(c)
    if c.due_on is None:
        return translate(_CONTEXT, "No due date")
    if c.state is not CommitmentState.OPEN:
        return ""
    days = (c.due_on - today).days
    if days == 0:
        return translate(_CONTEXT, "Due today")
    if days == 1:
        return translate(_CONTEXT, "Due tomorrow")
    return QCoreApplication.translate(_CONTEXT, "Due in %n days", "", days)


def _day(day: date | None) -> int:
    return day.toordinal() if day is not None else _NO_DATE


class CommitmentsModel(RowsModel[CommitmentRow]):
    """Commitments as loaded; overdue ones are marked and written in red."""

    STATE, DUE, DESCRIPTION, BY, TO, DOSSIER, INTERACTION, DONE = range(8)
    ID_ROLE = Qt.ItemDataRole.UserRole + 10  #: int: the commitment's id
    SORT_ROLE = Qt.ItemDataRole.UserRole + 11  #: a key that sorts the column as a user expects

    def __init__(self, parent: Any = None) -> None:
        self.today = date.today()
        super().__init__(
            [
                Column(
                    translate(_CONTEXT, "State"),
                    state_text,
                    lambda c: labels.label(c.state),
                    lambda c: labels.commitment_marker(c.state),
                ),
                Column(
                    translate(_CONTEXT, "Due"),
                    lambda c: format_date(c.due_on),
                    lambda c: due_tooltip(c, self.today),
                ),
                Column(translate(_CONTEXT, "Commitment"), lambda c: c.description),
                Column(translate(_CONTEXT, "Promised by"), promised_by),
                Column(translate(_CONTEXT, "Promised to"), promised_to),
                Column(translate(_CONTEXT, "Dossier"), lambda c: c.dossier),
                Column(translate(_CONTEXT, "Interaction"), interaction_text),
                Column(translate(_CONTEXT, "Done"), lambda c: format_date(c.done_on)),
            ],
            lambda c: (c.person_id, c.person) if c.person_id is not None else None,
            parent,
        )

    def set_rows_of(self, rows: list[CommitmentRow], today: date) -> None:
        """Show ``rows`` as they stand on ``today``."""
        self.today = today
        self.set_rows(rows)

    def row_of(self, row: int) -> CommitmentRow | None:
        """The commitment shown in ``row``."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def stakeholder_column(self, c: CommitmentRow) -> int:
        """The column that names the person or organisation."""
        return self.TO if c.by_us else self.BY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        c = self.rows[index.row()]
        column = index.column()
        if role == self.ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ForegroundRole:
            late = c.state is CommitmentState.OVERDUE and column in (self.STATE, self.DUE)
            return QBrush(QColor(_OVERDUE)) if late else None
        if role == self.SORT_ROLE:
            return self._sort_key(c, column)
        return super().data(index, role)

    def _sort_key(self, c: CommitmentRow, column: int) -> Any:
        if column == self.STATE:
            return _STATE_ORDER[c.state] * 100_000 - c.days_overdue
        if column == self.DUE:
            return _day(c.due_on)
        if column == self.DONE:
            return _day(c.done_on)
        if column == self.INTERACTION:
            return _day(c.interaction_on)
        return self.columns[column].text(c).casefold()
