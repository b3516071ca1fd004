"""The gaps table of the analysis: kind, subject, reason, suggested action and owner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from techzone_crm.analysis.gaps import GapKind, GapRow
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP, translate
from techzone_crm.ui.models.analysis_rows import SortedRowsModel
from techzone_crm.ui.models.rows_model import Column
from techzone_crm.ui.views.analysis_wording import phrases_text

CONTEXT = "AnalysisTables"

#: Gap kinds in words.
GAP_KIND: dict[GapKind, str] = {
    GapKind.AGENDA_COVERAGE: QT_TRANSLATE_NOOP("AnalysisTables", "Agenda coverage"),
    GapKind.KEY_PLAYER_NOT_REACHED: QT_TRANSLATE_NOOP("AnalysisTables", "Key player not reached"),
    GapKind.OVERDUE_KEY_PLAYER: QT_TRANSLATE_NOOP("AnalysisTables", "Overdue key player"),
    GapKind.SINGLE_POINT_OF_FAILURE: QT_TRANSLATE_NOOP("AnalysisTables", "Single point of failure"),
    GapKind.HELIX_IMBALANCE: QT_TRANSLATE_NOOP("AnalysisTables", "Helix imbalance"),
}

#: The columns whose text wraps over several lines.
REASON, ACTION = 2, 3


def gap_kind_label(kind: GapKind) -> str:
    """A gap kind in words."""
    return QCoreApplication.translate(CONTEXT, GAP_KIND[kind])


def reason_text(row: GapRow) -> str:
    """Why the row is a gap, in the user's language."""
    return phrases_text(row.reason_phrases, row.reason)


def action_text(row: GapRow) -> str:
    """What to do about the gap, in the user's language."""
    return phrases_text(row.action_phrases, row.action)


def gap_columns() -> list[Column[GapRow]]:
    """The columns of the gaps table (also the columns of the CSV export)."""
    return [
        Column[GapRow](translate("AnalysisTables", "Kind"), lambda g: gap_kind_label(g.kind)),
        Column[GapRow](translate("AnalysisTables", "Subject"), lambda g: g.subject),
        Column[GapRow](translate("AnalysisTables", "Reason"), reason_text),
        Column[GapRow](translate("AnalysisTables", "Suggested action"), action_text),
        Column[GapRow](translate("AnalysisTables", "Owner"), lambda g: g.owner),
    ]


def gaps_model(parent: Any = None) -> SortedRowsModel[GapRow]:
    """An empty gaps table; fill it with ``set_rows`` (most important first)."""
    order = {kind: i for i, kind in enumerate(GapKind)}
    sort_keys = [lambda g: order[g.kind], None, None, None, None]
    return SortedRowsModel[GapRow](gap_columns(), sort_keys, lambda g: g.subject_key, parent)
