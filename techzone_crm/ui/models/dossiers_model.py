"""The dossiers table, the colour of each life-cycle stage, and lists with dimmed rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from techzone_crm.db.models import IssueStage
from techzone_crm.services import dossiers
from techzone_crm.services.common import Page
from techzone_crm.services.dossiers import DossierQuery, DossierSort
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.models.paged_model import PagedTableModel
from techzone_crm.ui.models.rows_model import Column, RowsModel

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

# From quiet to pressing; critical is the one red, dormant fades out.
STAGE_COLOUR: dict[IssueStage, str] = {
    IssueStage.LATENT: "#8e9bb0",
    IssueStage.EMERGING: "#3b73b9",
    IssueStage.CURRENT: "#e08a00",
    IssueStage.CRITICAL: "#c0392b",
    IssueStage.DORMANT: "#b4b8bf",
}


def stage_marker(stage: IssueStage) -> QIcon:
    """The coloured dot of a dossier's stage."""
    return labels.dot(STAGE_COLOUR[stage])


def stage_html(stage: IssueStage) -> str:
    """The stage as rich text: its dot and label, critical in bold red."""
    text = labels.label(stage)
    colour = STAGE_COLOUR[stage]
    if stage is IssueStage.CRITICAL:
        text = f'<b style="color:{colour}">{text}</b>'
    return f'<span style="color:{colour}">●</span> {text}'


@dataclass(frozen=True)
class DossierLine:
    """One row of the table: a dossier with the names of its agendas."""

    id: int
    version: int
    title: str
    stage: IssueStage
    agendas: tuple[str, ...]
    positions: int


class DossiersTableModel(PagedTableModel[DossierLine, DossierQuery]):
    """Dossiers matching a :class:`DossierQuery`, the most pressing first by default."""

    TITLE, STAGE, POSITIONS, AGENDAS = range(4)

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("DossiersTableModel", "Title"),
        QT_TRANSLATE_NOOP("DossiersTableModel", "Stage"),
        QT_TRANSLATE_NOOP("DossiersTableModel", "Positions"),
        QT_TRANSLATE_NOOP("DossiersTableModel", "Agendas"),
    )
    SORT_KEYS: ClassVar[dict[int, Any]] = {
        TITLE: DossierSort.TITLE,
        STAGE: DossierSort.STAGE,
        AGENDAS: DossierSort.AGENDAS,
        POSITIONS: DossierSort.POSITIONS,
    }
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset({POSITIONS})
    WIDTHS: ClassVar[dict[int, int]] = {TITLE: 44, STAGE: 21, POSITIONS: 10, AGENDAS: 30}

    def count_rows(self, session: Session, query: DossierQuery) -> int:
        return dossiers.count_dossiers(session, query)

    def count_all(self, session: Session) -> int:
        return dossiers.count_dossiers(session, DossierQuery())

    def fetch_rows(self, session: Session, query: DossierQuery, page: Page) -> list[DossierLine]:
        rows = dossiers.list_dossiers(session, query, page)
        names = dossiers.agenda_names(session, [r.id for r in rows])
        return [
            DossierLine(r.id, r.version, r.title, r.stage, tuple(names.get(r.id, ())), r.positions)
            for r in rows
        ]

    def display(self, row: DossierLine, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.STAGE:
            return labels.label(row.stage)
        if column == self.POSITIONS:
            return QLocale().toString(row.positions) if row.positions else ""
        return ", ".join(row.agendas)

    def cell_data(self, row: DossierLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.STAGE:
            return stage_marker(row.stage)
        if role == Qt.ItemDataRole.FontRole and row.stage is IssueStage.CRITICAL:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.stage is IssueStage.CRITICAL and column == self.STAGE:
                return QBrush(QColor(STAGE_COLOUR[IssueStage.CRITICAL]))
            if row.stage is IssueStage.DORMANT:
                palette = QApplication.palette()
                return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE:
                return row.title
            if column == self.AGENDAS and row.agendas:
                return "\n".join(row.agendas)
            if column == self.POSITIONS:
                return QCoreApplication.translate(
                    "DossiersTableModel", "%n stakeholder position(s) recorded", "", row.positions
                )
        return None


class FadedRowsModel(RowsModel[R]):
    """Rows where some are shown dimmed (done commitments, a link to a whole agenda)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        faded: Callable[[R], bool],
        person: Callable[[R], tuple[int, str] | None] | None = None,
    ) -> None:
        super().__init__(columns, person)
        self._faded = faded

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.row() < len(self.rows)
            and self._faded(self.rows[index.row()])
        ):
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return super().data(index, role)
