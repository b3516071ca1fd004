"""The whole environment analysis in one call, the same for the GUI and the command line.

:func:`run_pipeline` builds the filtered graph, computes the metrics, the gaps, the agenda
coverage and the layout of the map, reporting progress after each step and stopping between
steps when asked to. The results are plain data (:class:`EnvironmentAnalysis`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx

from techzone_crm.analysis.coverage import Coverage, agenda_coverage
from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.gaps import GapRow, find_gaps
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.layout import Positions, compute_layout
from techzone_crm.analysis.metrics import MetricsResult, MetricsSettings, compute_metrics
from techzone_crm.analysis.model import NetworkData, NodeKind
from techzone_crm.analysis.reach import GapSettings
from techzone_crm.analysis.strength import DEFAULT_TAU_DAYS

__all__ = [
    "STEPS",
    "Cancelled",
    "EnvironmentAnalysis",
    "GridEntry",
    "MapView",
    "map_view",
    "run_pipeline",
    "salience_counts",
]

#: The steps of :func:`run_pipeline`, in order (progress reports count them).
STEPS: tuple[str, ...] = ("graph", "metrics", "gaps", "coverage", "layout")

_STAKEHOLDERS = frozenset({NodeKind.PERSON.value, NodeKind.ORGANISATION.value})


class Cancelled(Exception):  # noqa: N818 - "cancelled" reads better than an error here
    """The analysis was cancelled before it finished."""


@dataclass
class EnvironmentAnalysis:
    """Everything one run of the analysis found, for tables, plots and exports."""

    today: date
    filter: NetworkFilter
    data: NetworkData
    graph: nx.Graph
    metrics: MetricsResult
    gaps: list[GapRow]
    coverage: list[Coverage]
    positions: Positions
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def nodes(self) -> int:
        """How many nodes the analysed graph has."""
        return int(self.graph.number_of_nodes())

    @property
    def ties(self) -> int:
        """How many edges the analysed graph has."""
        return int(self.graph.number_of_edges())

    def label(self, key: str) -> str:
        """The label of a node of the analysed graph (the key itself if unknown)."""
        if key in self.graph:
            return str(self.graph.nodes[key].get("label") or key)
        return key


@dataclass(frozen=True)
class GridEntry:
    """One assessed stakeholder on the power/interest grid: the latest overall scores, the
    previous ones (None when assessed once) and the attitude of the latest assessment."""

    key: str
    label: str
    power: int
    interest: int
    previous: tuple[int, int] | None
    attitude: int | None
    kind: str


def run_pipeline(
    data: NetworkData,
    flt: NetworkFilter | None = None,
    *,
    tau_days: float = DEFAULT_TAU_DAYS,
    layout_cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    metrics_settings: MetricsSettings | None = None,
    gap_settings: GapSettings | None = None,
    seed: int = 0,
) -> EnvironmentAnalysis:
    """Analyse ``data`` as ``flt`` selects it; ``progress(step, steps)`` after each step.

    Raises :class:`Cancelled` when ``cancelled()`` is true before a step.
    """
    flt = flt or NetworkFilter()
    timings: dict[str, float] = {}
    total = len(STEPS)

    def step(index: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None and index:
            progress(index, total)

    def timed(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started

    step(0)
    started = time.perf_counter()
    graph = build_graph(data, flt, tau_days=tau_days)
    timed("graph", started)
    step(1)
    started = time.perf_counter()
    metrics_settings = metrics_settings or MetricsSettings(seed=seed)
    metrics = compute_metrics(graph, metrics_settings)
    timed("metrics", started)
    step(2)
    started = time.perf_counter()
    gap_settings = gap_settings or GapSettings()
    gaps = find_gaps(data, graph, gap_settings)
    timed("gaps", started)
    step(3)
    started = time.perf_counter()
    coverage = agenda_coverage(data, graph, gap_settings)
    timed("coverage", started)
    step(4)
    started = time.perf_counter()
    positions = compute_layout(graph, seed=seed, cache_dir=layout_cache_dir)
    timed("layout", started)
    if progress is not None:
        progress(total, total)
    return EnvironmentAnalysis(
        today=data.today,
        filter=flt,
        data=data,
        graph=graph,
        metrics=metrics,
        gaps=gaps,
        coverage=coverage,
        positions=positions,
        timings=timings,
    )


def salience_counts(analysis: EnvironmentAnalysis) -> dict[str, list[str]]:
    """Salience class → the names of the assessed stakeholders in the analysed graph, the
    most powerful first."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for key, attrs in analysis.graph.nodes(data=True):
        salience = str(attrs.get("salience") or "")
        if attrs.get("kind") not in _STAKEHOLDERS or not salience:
            continue
        label = str(attrs.get("label") or key)
        found.setdefault(salience, []).append((-int(attrs.get("power", -1)), label, key))
    return {
        salience: [label for _, label, _ in sorted(members, key=lambda m: (m[0], m[1].casefold()))]
        for salience, members in sorted(found.items())
    }


@dataclass(frozen=True)
class MapView:
    """The part of the analysed graph a map shows, laid out on its own."""

    graph: nx.Graph
    positions: Positions
    hidden_nodes: int  # analysed nodes left off the map
    hidden_ties: int  # analysed ties left off the map


def map_view(
    analysis: EnvironmentAnalysis,
    *,
    limit: int | None = None,
    min_strength: float = 0.0,
    keep: Iterable[str] = (),
    layout_cache_dir: Path | None = None,
    seed: int = 0,
) -> MapView:
    """The ``limit`` most influential nodes (PageRank) with their ties of at least
    ``min_strength``; team members and ``keep`` always stay, other nodes left without a tie go.

    Without a limit or a minimum the view is the whole analysis, with its positions.
    """
    graph = analysis.graph
    if limit is None and min_strength <= 0:
        return MapView(graph, analysis.positions, 0, 0)
    always = {k for k in keep if k in graph}
    always |= {n for n, kind in graph.nodes(data="kind") if kind == NodeKind.TEAM_MEMBER.value}
    rows = analysis.metrics.rows
    ranked = sorted(graph, key=lambda k: (-rows[k].pagerank, k))
    chosen = set(ranked if limit is None else ranked[: max(limit, 0)]) | always
    shown: nx.Graph = graph.subgraph(chosen).copy()
    if min_strength > 0:
        weak = [(a, b) for a, b, s in shown.edges(data="strength") if s < min_strength]
        shown.remove_edges_from(weak)
    shown.remove_nodes_from([n for n in list(nx.isolates(shown)) if n not in always])
    positions = compute_layout(shown, seed=seed, cache_dir=layout_cache_dir)
    return MapView(
        shown,
        positions,
        graph.number_of_nodes() - shown.number_of_nodes(),
        graph.number_of_edges() - shown.number_of_edges(),
    )
