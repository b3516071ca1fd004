"""The metrics table of the analysis: one row per node, every metric, sortable by value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from techzone_crm.analysis.metrics import NodeMetrics
from techzone_crm.db.models import Helix
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP, translate
from techzone_crm.ui.models.analysis_rows import SortedRowsModel
from techzone_crm.ui.models.rows_model import Column

CONTEXT = "AnalysisTables"

#: Node kinds in words.
NODE_KIND: dict[str, str] = {
    "person": QT_TRANSLATE_NOOP("AnalysisTables", "Person"),
    "organisation": QT_TRANSLATE_NOOP("AnalysisTables", "Organisation"),
    "agenda": QT_TRANSLATE_NOOP("AnalysisTables", "Agenda"),
    "theme": QT_TRANSLATE_NOOP("AnalysisTables", "Theme"),
    "dossier": QT_TRANSLATE_NOOP("AnalysisTables", "Dossier"),
    "team_member": QT_TRANSLATE_NOOP("AnalysisTables", "Team member"),
}


def kind_label(kind: str) -> str:
    """A node kind in words."""
    return QCoreApplication.translate(CONTEXT, NODE_KIND[kind]) if kind in NODE_KIND else kind


def helix_label(helix: str) -> str:
    """A helix in words ("" for none)."""
    try:
        return labels.label(Helix(helix))
    except ValueError:
        return ""


def number(value: float | None, decimals: int) -> str:
    """A number in the user's locale ("" for None)."""
    if value is None:
        return ""
    return QLocale().toString(float(value), "f", decimals)


def _helix_marker(row: NodeMetrics) -> Any:
    try:
        return labels.helix_swatch(Helix(row.helix))
    except ValueError:
        return None


def metrics_model(parent: Any = None) -> SortedRowsModel[NodeMetrics]:
    """An empty metrics table; fill it with ``set_rows``."""
    columns = [
        Column[NodeMetrics](translate("AnalysisTables", "Name"), lambda r: r.label),
        Column[NodeMetrics](translate("AnalysisTables", "Kind"), lambda r: kind_label(r.kind)),
        Column[NodeMetrics](
            translate("AnalysisTables", "Helix"),
            lambda r: helix_label(r.helix),
            marker=_helix_marker,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Weighted degree"),
            lambda r: number(r.weighted_degree, 3),
            lambda r: translate("AnalysisTables", "Sum of the strengths of {n} ties").format(
                n=r.degree
            ),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Betweenness"),
            lambda r: number(r.betweenness, 3),
            lambda _r: translate(
                "AnalysisTables", "How often the node lies on the warmest path between two others"
            ),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "PageRank"),
            lambda r: number(r.pagerank, 3),
            lambda _r: translate(
                "AnalysisTables", "Influence: ties to well-connected nodes count more"
            ),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Constraint"),
            lambda r: number(r.constraint, 3),
            lambda _r: translate(
                "AnalysisTables", "Burt's constraint: low means a bridge between groups"
            ),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Effective size"),
            lambda r: number(r.effective_size, 3),
            lambda _r: translate("AnalysisTables", "Ties to contacts who do not know each other"),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Community"),
            lambda r: QLocale().toString(r.community),
            lambda r: (
                translate("AnalysisTables", "Mostly {helix}").format(
                    helix=helix_label(r.community_helix)
                )
                if r.community_helix
                else ""
            ),
            right_aligned=True,
        ),
        Column[NodeMetrics](
            translate("AnalysisTables", "Cross-helix ties"),
            lambda r: QLocale().toString(r.cross_helix_ties),
            lambda _r: translate("AnalysisTables", "Ties to stakeholders of another helix"),
            right_aligned=True,
        ),
    ]
    sort_keys = [
        None,
        None,
        None,
        lambda r: r.weighted_degree,
        lambda r: r.betweenness,
        lambda r: r.pagerank,
        lambda r: r.constraint,
        lambda r: r.effective_size,
        lambda r: r.community,
        lambda r: r.cross_helix_ties,
    ]
    return SortedRowsModel[NodeMetrics](columns, sort_keys, lambda r: r.key, parent)
