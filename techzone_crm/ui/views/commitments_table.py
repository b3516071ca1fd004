"""What the commitments tab reads, and its table: sortable, filterable, several rows at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QLocale, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from sqlalchemy.orm import Session

from techzone_crm.services import commitments, team
from techzone_crm.services.commitments import CommitmentQuery, CommitmentRow, CommitmentState
from techzone_crm.services.common import MAX_PAGE, Page
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.commitments_model import CommitmentsModel

St = CommitmentState


class StateFilter(Enum):
    """The choices of the state filter: the states each one lists (empty: all)."""

    OPEN = frozenset({St.OPEN, St.OVERDUE})
    OVERDUE = frozenset({St.OVERDUE})
    DONE = frozenset({St.DONE})
    CANCELLED = frozenset({St.CANCELLED})
    ALL = frozenset[CommitmentState]()


_CONTEXT = "CommitmentsPanel"


def state_title(choice: StateFilter, count: int | None = None) -> str:
    """The filter's entry: "Open (incl. overdue)", with the count once it is known."""
    title = {
        StateFilter.OPEN: translate(_CONTEXT, "Open (incl. overdue)"),
        StateFilter.OVERDUE: translate(_CONTEXT, "Overdue only"),
        StateFilter.DONE: translate(_CONTEXT, "Done"),
        StateFilter.CANCELLED: translate(_CONTEXT, "Cancelled"),
        StateFilter.ALL: translate(_CONTEXT, "All"),
    }[choice]
    if count is None:
        return title
    return translate(_CONTEXT, "{title} ({count})").format(
        title=title, count=QLocale().toString(count)
    )


def empty_text(choice: StateFilter) -> str:
    """What the list says when a state filter leaves nothing."""
    return {
        StateFilter.OPEN: translate(
            _CONTEXT, "Nothing is open: every commitment was kept or cancelled."
        ),
        StateFilter.OVERDUE: translate(_CONTEXT, "Nothing is overdue."),
        StateFilter.DONE: translate(_CONTEXT, "No commitment was marked done yet."),
        StateFilter.CANCELLED: translate(_CONTEXT, "No commitment was cancelled."),
        StateFilter.ALL: translate(_CONTEXT, "No commitments here yet."),
    }[choice]


@dataclass(frozen=True)
class CommitmentsRead:
    """What one read brings: the rows, the counts per state, the team, the day."""

    rows: list[CommitmentRow]
    counts: dict[CommitmentState, int]
    members: list[tuple[int, str]]
    today: date


def read_commitments(session: Session, query: CommitmentQuery) -> CommitmentsRead:
    """Every commitment ``query`` matches, with the counts for its other filters."""
    today = date.today()
    rows: list[CommitmentRow] = []
    while True:
        page = commitments.list_commitments(session, query, today, Page(len(rows), MAX_PAGE))
        rows.extend(page)
        if len(page) < MAX_PAGE:
            break
    counts = commitments.commitment_counts(session, query, today)
    members = team.list_team_members(session, active_only=False)
    return CommitmentsRead(rows, counts, members, today)


# The widest each column starts, in average characters; the description gets what is left.
_MAX_CHARS = {
    CommitmentsModel.STATE: 18,
    CommitmentsModel.DESCRIPTION: 60,
    CommitmentsModel.BY: 24,
    CommitmentsModel.TO: 30,
    CommitmentsModel.DOSSIER: 24,
    CommitmentsModel.INTERACTION: 26,
    CommitmentsModel.DUE: 12,
    CommitmentsModel.DONE: 12,
}
_MIN_DESCRIPTION = 30


class CommitmentsTable(QTableView):
    """The commitments through a proxy that sorts by meaning (dates as dates) and filters text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = CommitmentsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(CommitmentsModel.SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicator(CommitmentsModel.DUE, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitted = False

    def fit_columns(self) -> None:
        """Fit the columns to their contents, within limits; the description takes the rest.

        Only the first time there are rows: after that the user's widths stay.
        """
        if self._fitted or self.proxy.rowCount() == 0:
            return
        self._fitted = True
        char = self.fontMetrics().averageCharWidth()
        header = self.horizontalHeader()
        self.resizeColumnsToContents()
        for column, chars in _MAX_CHARS.items():
            header.resizeSection(column, min(header.sectionSize(column), chars * char + 24))
        slack = self.viewport().width() - header.length()
        description = CommitmentsModel.DESCRIPTION
        wanted = header.sectionSize(description) + slack
        header.resizeSection(description, max(wanted, _MIN_DESCRIPTION * char))

    def row_at(self, index: QModelIndex) -> CommitmentRow | None:
        """The commitment of a (proxy) index."""
        return self.source.row_of(self.proxy.mapToSource(index).row())

    def selected_rows(self) -> list[CommitmentRow]:
        """The selected commitments, top to bottom."""
        indexes = sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        return [c for c in (self.row_at(i) for i in indexes) if c is not None]

    def select_ids(self, ids: set[int]) -> bool:
        """Select the rows of these commitments (nothing else); False if none is listed."""
        selection = self.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        flags = selection.SelectionFlag
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CommitmentsModel.ID_ROLE) in ids:
                selection.select(index, flags.Select | flags.Rows)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, flags.NoUpdate)
            self.scrollTo(first)
        return first is not None
