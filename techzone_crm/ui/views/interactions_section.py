"""The "Interactions" block of a person's or an organisation's detail pane.

It lists the last few interactions and offers to record a new one, preset for the person
(with their current organisation) or the organisation shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.models import InteractionKind
from techzone_crm.services import interactions
from techzone_crm.services.common import Page
from techzone_crm.services.interactions import InteractionData, InteractionQuery, InteractionRow
from techzone_crm.ui import labels
from techzone_crm.ui.views.detail_pane import button_row, format_date, tool_button

#: How many interactions the block lists.
SHOWN = 5

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RecentInteractions:
    """What the block shows, read with the rest of the pane."""

    query: InteractionQuery
    rows: list[InteractionRow]
    total: int
    #: The organisation a new interaction is preset with (a person's current one).
    organisation_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class InteractionsFocus:
    """A request to show interactions on their page: which ones, titled how, which selected."""

    query: InteractionQuery
    title: str
    interaction_id: int | None = None


def read_recent(
    session: Session, *, person_id: int | None = None, organisation_id: int | None = None
) -> RecentInteractions:
    """The last interactions with a person or an organisation (a fixed number of queries)."""
    query = InteractionQuery(person_id=person_id, organisation_id=organisation_id)
    rows = interactions.list_interactions(session, query, Page(0, SHOWN))
    total = len(rows)
    if total == SHOWN:
        total = interactions.count_interactions(session, query)
    if person_id is not None:
        org = interactions.current_organisations(session, [person_id]).get(person_id)
        orgs = [org.id] if org is not None else []
    else:
        orgs = [organisation_id] if organisation_id is not None else []
    return RecentInteractions(query, rows, total, orgs)


class InteractionsSection(QWidget):
    """A heading, the last interactions, and "Record interaction…" / "Show all".

    Signals:
        interaction_requested(object): record a new interaction; the InteractionData preset
            (today, a meeting, this person and their organisation, or this organisation).
        interactions_requested(object): show interactions on their page; an
            :class:`InteractionsFocus` (all of this person's or organisation's, or one of them).
    """

    interaction_requested = Signal(object)
    interactions_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recent: RecentInteractions | None = None
        self.name = ""
        self.heading = QLabel(self.tr("Interactions"))
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setContentsMargins(0, 10, 0, 0)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Subject")])
        self.list.setAccessibleName(self.tr("Last interactions"))
        self.list.setToolTip(self.tr("Double-click to show it on the Interactions page"))
        self.list.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.empty = QLabel(self.tr("No interactions recorded yet."))
        self.empty.setEnabled(False)
        self.record_button = tool_button(self.tr("Record interaction…"), "interactions")
        self.record_button.setToolTip(self.tr("Record a meeting, call or e-mail with them"))
        self.all_button = tool_button(self.tr("Show all"))
        buttons = button_row(self.record_button, self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.record_button.clicked.connect(self._record)
        self.all_button.clicked.connect(lambda: self._show(None))
        self.list.itemActivated.connect(
            lambda item, _column: self._show(int(item.data(0, _ID_ROLE)))
        )

    def show_recent(self, recent: RecentInteractions, name: str) -> None:
        """Show ``recent``, the interactions with ``name`` (a person or organisation)."""
        self.recent, self.name = recent, name
        self.list.clear()
        for row in recent.rows:
            item = QTreeWidgetItem(
                [format_date(row.occurred_on), labels.label(row.kind), row.subject]
            )
            item.setData(0, _ID_ROLE, row.id)
            item.setToolTip(2, f"{row.subject}\n\n{row.notes}" if row.notes else row.subject)
            self.list.addTopLevelItem(item)
        for column in (0, 1):
            self.list.resizeColumnToContents(column)
        lines = max(len(recent.rows), 1)
        row_height = self.list.sizeHintForRow(0) if recent.rows else 0
        if row_height <= 0:
            row_height = self.fontMetrics().height() + 6
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(
            self.list.header().sizeHint().height() + lines * row_height + frame
        )
        self.list.setVisible(bool(recent.rows))
        self.empty.setVisible(not recent.rows)
        count = QLocale().toString(recent.total)
        self.heading.setText(
            self.tr("Interactions ({count})").format(count=count)
            if recent.total
            else self.tr("Interactions")
        )
        more = recent.total > len(recent.rows)
        self.all_button.setText(
            self.tr("Show all {count}").format(count=count) if more else self.tr("Show all")
        )
        self.all_button.setEnabled(recent.total > 0)

    def preset(self) -> InteractionData | None:
        """A meeting today with the person or organisation shown (None: nothing shown)."""
        recent = self.recent
        if recent is None:
            return None
        person = recent.query.person_id
        return InteractionData(
            occurred_on=date.today(),
            kind=InteractionKind.MEETING,
            subject="",
            attendee_ids=[person] if person is not None else [],
            organisation_ids=list(recent.organisation_ids),
        )

    def _record(self) -> None:
        preset = self.preset()
        if preset is not None:
            self.interaction_requested.emit(preset)

    def _show(self, interaction_id: int | None) -> None:
        if self.recent is None:
            return
        title = self.tr("With {name}").format(name=self.name)
        self.interactions_requested.emit(
            InteractionsFocus(self.recent.query, title, interaction_id)
        )
