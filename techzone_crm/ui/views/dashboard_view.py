"""The dashboard: the first screen, a read-only summary of what needs attention today.

The figures come from :func:`techzone_crm.services.dashboard.dashboard` in one call on a
worker thread; the page re-reads them each time it is shown and when the window refreshes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services.commitments import CommitmentRow, CommitmentState
from techzone_crm.services.dashboard import (
    DUE_DAYS,
    RECENT_DAYS,
    CoverageRow,
    Dashboard,
    KeyPlayerRow,
)
from techzone_crm.services.dashboard import dashboard as read_dashboard
from techzone_crm.services.interactions import InteractionRow
from techzone_crm.services.rhythm import ContactRhythm, RhythmStatus
from techzone_crm.ui import labels
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.rows_model import Column, RowsModel
from techzone_crm.ui.tasks import Progress, TaskRunner
from techzone_crm.ui.views.background_read import BackgroundRead
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.rhythm_text import rhythm_tooltip as _rhythm_tooltip

_GREEN, _RED, _GREY = (
    labels.RHYTHM_COLOUR[s] for s in (RhythmStatus.OK, RhythmStatus.RED, RhythmStatus.NEVER)
)


def _number(value: int) -> str:
    return QLocale().toString(value)


def _load(session: Session, _progress: Progress) -> Dashboard:
    return read_dashboard(session, date.today())


class Panel(QFrame):
    """A titled table that says so in words when it has no rows.

    Signals:
        person_activated(int, str): a row about a person was double-clicked.
    """

    person_activated = Signal(int, str)

    #: The widest a column starts, in average characters.
    MAX_CHARS = 30

    def __init__(
        self, title: str, empty_text: str, model: RowsModel[Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.base_title = title
        self.model = model
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(title)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setMinimumHeight(self.fontMetrics().height() * 10)
        self.table.doubleClicked.connect(self._activated)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setMargin(16)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)

    def show_rows(self, rows: list[Any], total: int | None = None, note: str = "") -> None:
        """Show ``rows``; ``total`` counts rows left out of a long list."""
        self.model.set_rows(rows)
        count = len(rows) if total is None else total
        self.title.setText(
            translate("DashboardView", "{title} ({count})").format(
                title=self.base_title, count=_number(count)
            )
            if count
            else self.base_title
        )
        if total is not None and total > len(rows):
            more = translate(
                "DashboardView", "The {shown} most urgent of {total} are listed."
            ).format(shown=_number(len(rows)), total=_number(total))
            note = f"{note} {more}".strip()
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self._fit_columns()

    def _fit_columns(self) -> None:
        # Fit the contents; if they do not fit, let no long text (a subject, an agenda's
        # name) push the columns after it out of sight: the cell elides, the tooltip has it.
        widest = self.fontMetrics().averageCharWidth() * self.MAX_CHARS
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        if header.length() <= self.table.viewport().width():
            return
        for section in range(header.count()):
            if header.sectionSize(section) > widest:
                header.resizeSection(section, widest)

    def _activated(self, index: QModelIndex) -> None:
        found = self.model.person_at(index.row())
        if found is not None:
            self.person_activated.emit(*found)


def _other_party(c: CommitmentRow) -> str:
    if c.person and c.organisation:
        return f"{c.person} ({c.organisation})"
    return c.person or c.organisation


def _promised_by(c: CommitmentRow) -> str:
    return c.team_member if c.by_us else _other_party(c)


def _promised_to(c: CommitmentRow) -> str:
    if c.by_us:
        return _other_party(c)
    return c.team_member or translate("DashboardView", "Us")


def _due_tooltip(c: CommitmentRow, today: date) -> str:
    if c.state is CommitmentState.OVERDUE:
        return translate("DashboardView", "Overdue by {days} days").format(
            days=_number(c.days_overdue)
        )
    if c.due_on is None:
        return ""
    days = (c.due_on - today).days
    if days == 0:
        return translate("DashboardView", "Due today")
    return translate("DashboardView", "Due in {days} days").format(days=_number(days))


def _names(refs: tuple[Any, ...]) -> str:
    return "; ".join(r.name for r in refs)


class DashboardView(QWidget):
    """Overdue contacts, commitments, key players without an owner, recent interactions and
    agenda coverage, side by side.

    Signals:
        person_activated(int, str): the user double-clicked a person (id, name).
        status_changed(str): the summary for the status bar changed.
        loaded(): fresh figures are on screen.
    """

    person_activated = Signal(int, str)
    status_changed = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.reporter = reporter
        #: The figures on screen (None until the first load has arrived).
        self.data: Dashboard | None = None
        self.reader = BackgroundRead(
            db, runner, reporter, self, translate("DashboardView", "Cannot show the dashboard")
        )
        self.reader.loaded.connect(self._loaded)
        self._status = ""

        self.overdue = Panel(
            translate("DashboardView", "Overdue contacts"),
            translate("DashboardView", "Nobody is overdue."),
            RowsModel[ContactRhythm](
                [
                    Column(translate("DashboardView", "Name"), lambda r: r.name),
                    Column(translate("DashboardView", "Owner"), lambda r: r.owner),
                    Column(
                        translate("DashboardView", "Days since"),
                        lambda r: _number(r.days_since or 0),
                        _rhythm_tooltip,
                        lambda r: labels.rhythm_marker(r.status),
                        right_aligned=True,
                    ),
                    Column(
                        translate("DashboardView", "Target"),
                        lambda r: translate("DashboardView", "{days} days").format(
                            days=_number(r.target_days)
                        ),
                        _rhythm_tooltip,
                        right_aligned=True,
                    ),
                    Column(
                        translate("DashboardView", "Last contact"),
                        lambda r: format_date(r.last_contact),
                    ),
                ],
                lambda r: (r.person_id, r.name),
            ),
        )
        self.commitments = Panel(
            translate(
                "DashboardView", "Commitments overdue and due in the next {days} days"
            ).format(days=DUE_DAYS),
            translate(
                "DashboardView", "No commitments are overdue or due in the next {days} days."
            ).format(days=DUE_DAYS),
            RowsModel[CommitmentRow](
                [
                    Column(
                        translate("DashboardView", "Due"),
                        lambda c: format_date(c.due_on),
                        lambda c: _due_tooltip(c, self._today()),
                        lambda c: labels.dot(_RED if c.state is CommitmentState.OVERDUE else _GREY),
                    ),
                    Column(translate("DashboardView", "What"), lambda c: c.description),
                    Column(translate("DashboardView", "Promised by"), _promised_by),
                    Column(translate("DashboardView", "To"), _promised_to),
                ],
                lambda c: (c.person_id, c.person) if c.person_id is not None else None,
            ),
        )
        self.key_players = Panel(
            translate("DashboardView", "Key players without an owner"),
            translate("DashboardView", "Every key player has an owner."),
            RowsModel[KeyPlayerRow](
                [
                    Column(translate("DashboardView", "Name"), lambda k: k.name),
                    Column(translate("DashboardView", "Organisation"), lambda k: k.organisation),
                    Column(
                        translate("DashboardView", "Last contact"),
                        lambda k: (
                            format_date(k.last_contact)
                            if k.last_contact
                            else translate("DashboardView", "Never")
                        ),
                    ),
                    Column(
                        translate("DashboardView", "Days since"),
                        lambda k: "" if k.days_since is None else _number(k.days_since),
                        right_aligned=True,
                    ),
                ],
                lambda k: (k.person_id, k.name),
            ),
        )
        self.recent = Panel(
            translate("DashboardView", "Interactions in the last {days} days").format(
                days=RECENT_DAYS
            ),
            translate("DashboardView", "No interactions in the last {days} days.").format(
                days=RECENT_DAYS
            ),
            RowsModel[InteractionRow](
                [
                    Column(
                        translate("DashboardView", "Date"), lambda i: format_date(i.occurred_on)
                    ),
                    Column(translate("DashboardView", "Kind"), lambda i: labels.label(i.kind)),
                    Column(
                        translate("DashboardView", "Subject"),
                        lambda i: i.subject,
                        lambda i: f"{i.subject}\n\n{i.notes}" if i.notes else i.subject,
                    ),
                    Column(translate("DashboardView", "With"), lambda i: _names(i.attendees)),
                    Column(translate("DashboardView", "Team"), lambda i: _names(i.team_members)),
                ],
                lambda i: (i.attendees[0].id, i.attendees[0].name) if i.attendees else None,
            ),
        )
        self.coverage = Panel(
            translate("DashboardView", "Agenda coverage"),
            translate("DashboardView", "No agendas yet."),
            RowsModel[CoverageRow](
                [
                    Column(translate("DashboardView", "Agenda"), lambda a: a.name),
                    Column(translate("DashboardView", "Level"), lambda a: labels.label(a.level)),
                    Column(
                        translate("DashboardView", "Key players linked"),
                        lambda a: _number(a.key_players),
                        right_aligned=True,
                    ),
                    Column(
                        translate("DashboardView", "With a warm tie"),
                        lambda a: _number(a.warm),
                        self._coverage_tooltip,
                        lambda a: labels.dot(
                            _GREY if not a.key_players else _RED if a.is_gap else _GREEN
                        ),
                        right_aligned=True,
                    ),
                ]
            ),
        )
        self.panels = (self.overdue, self.commitments, self.key_players, self.recent, self.coverage)
        for panel in self.panels:
            panel.person_activated.connect(self.person_activated)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.overdue, 0, 0)
        grid.addWidget(self.commitments, 0, 1)
        grid.addWidget(self.key_players, 1, 0)
        grid.addWidget(self.coverage, 1, 1)
        grid.addWidget(self.recent, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.heading)
        inner.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(scroll)
        for panel in self.panels:
            panel.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    # -- loading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while figures are being read."""
        return self.reader.loading

    def refresh(self) -> None:
        """Re-read the figures if the page is on screen (it reads them again when shown)."""
        if self.isVisible():
            self.load()

    def load(self) -> None:
        """Read the figures on a worker thread; a request during a read runs after it."""
        self.reader.start(_load)

    def _loaded(self, board: object) -> None:
        assert isinstance(board, Dashboard)
        self.data = board
        self._show(board)
        self.loaded.emit()

    def _today(self) -> date:
        return self.data.today if self.data is not None else date.today()

    # -- showing --------------------------------------------------------------------------

    def _show(self, board: Dashboard) -> None:
        self.heading.setText(
            translate("DashboardView", "Today, {date}").format(date=format_date(board.today))
        )
        never = (
            translate("DashboardView", "Never contacted (not listed): {count}.").format(
                count=_number(board.never_contacted)
            )
            if board.never_contacted
            else ""
        )
        self.overdue.show_rows(list(board.overdue_contacts), board.overdue_contacts_total, never)
        self.commitments.show_rows([*board.overdue_commitments, *board.due_commitments])
        self.key_players.show_rows(list(board.unowned_key_players))
        self.recent.show_rows(list(board.recent_interactions), board.recent_interactions_total)
        self.coverage.show_rows(list(board.coverage))
        self._status = translate(
            "DashboardView", "{contacts} overdue contacts, {commitments} overdue commitments"
        ).format(
            contacts=_number(board.overdue_contacts_total),
            commitments=_number(len(board.overdue_commitments)),
        )
        self.status_changed.emit(self._status)

    def current_status(self) -> str:
        """The summary for the status bar (empty until the figures have arrived)."""
        return self._status

    def _coverage_tooltip(self, row: CoverageRow) -> str:
        text = translate(
            "DashboardView",
            "A warm tie: a team member holds the relationship (owner or backup owner) "
            "and the last contact is within the person's rhythm.",
        )
        if row.cold:
            text += "\n" + translate("DashboardView", "Without a warm tie: {names}").format(
                names="; ".join(row.cold)
            )
        return text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()
