"""The interactions table: date, kind, subject, who attended and what it was about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy.orm import Session

from techzone_crm.services import interactions
from techzone_crm.services.common import Page
from techzone_crm.services.interactions import (
    InteractionQuery,
    InteractionRow,
    InteractionSort,
    Ref,
)
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.models.paged_model import PagedTableModel
from techzone_crm.ui.views.detail_pane import format_date

#: How many names a summary spells out before "+3".
SUMMARY_NAMES = 2


def names_summary(refs: Sequence[Ref], shown: int = SUMMARY_NAMES) -> str:
    """ "Berg, Jan; Dijk, Els +3": the first names and how many more."""
    text = "; ".join(r.name for r in refs[:shown])
    rest = len(refs) - shown
    if rest > 0:
        more = QCoreApplication.translate("InteractionsTableModel", "+%n", "", rest)
        text = f"{text} {more}"
    return text


def names_list(refs: Sequence[Ref]) -> str:
    """Every name, one a line (for a tooltip)."""
    return "\n".join(r.name for r in refs)


class InteractionsTableModel(PagedTableModel[InteractionRow, InteractionQuery]):
    """Interactions matching an :class:`InteractionQuery`, newest first by default."""

    DATE, KIND, SUBJECT, ATTENDEES, TEAM, ORGANISATIONS, TOPICS = range(7)

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Date"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Kind"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Subject"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "With"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Our team"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Organisations"),
        QT_TRANSLATE_NOOP("InteractionsTableModel", "Agendas / dossiers"),
    )
    SORT_KEYS: ClassVar[dict[int, Any]] = {
        DATE: InteractionSort.DATE,
        KIND: InteractionSort.KIND,
        SUBJECT: InteractionSort.SUBJECT,
    }
    WIDTHS: ClassVar[dict[int, int]] = {
        DATE: 11,
        KIND: 13,
        SUBJECT: 30,
        ATTENDEES: 30,
        TEAM: 17,
        ORGANISATIONS: 24,
        TOPICS: 24,
    }

    def count_rows(self, session: Session, query: InteractionQuery) -> int:
        return interactions.count_interactions(session, query)

    def count_all(self, session: Session) -> int:
        return interactions.count_interactions(session, InteractionQuery())

    def fetch_rows(
        self, session: Session, query: InteractionQuery, page: Page
    ) -> list[InteractionRow]:
        return interactions.list_interactions(session, query, page)

    def display(self, row: InteractionRow, column: int) -> str:
        if column == self.DATE:
            return format_date(row.occurred_on)
        if column == self.KIND:
            return labels.label(row.kind)
        if column == self.SUBJECT:
            return row.subject
        if column == self.ATTENDEES:
            return names_summary(row.attendees)
        # One name and a count: these columns are narrow, the tooltip lists them all.
        if column == self.TEAM:
            return names_summary(row.team_members, 1)
        if column == self.ORGANISATIONS:
            return names_summary(row.organisations, 1)
        return names_summary([*row.agendas, *row.dossiers], 1)

    def cell_data(self, row: InteractionRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        if column == self.SUBJECT:
            return f"{row.subject}\n\n{row.notes}" if row.notes else row.subject
        if column == self.TOPICS:
            tr = QCoreApplication.translate
            lines = [
                *(
                    tr("InteractionsTableModel", "Agenda: {name}").format(name=a.name)
                    for a in row.agendas
                ),
                *(
                    tr("InteractionsTableModel", "Dossier: {name}").format(name=d.name)
                    for d in row.dossiers
                ),
            ]
            return "\n".join(lines) or None
        refs = {
            self.ATTENDEES: row.attendees,
            self.TEAM: row.team_members,
            self.ORGANISATIONS: row.organisations,
        }.get(column)
        return (names_list(refs) or None) if refs is not None else None
