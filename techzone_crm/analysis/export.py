"""The network as GraphML (for Gephi and the like): plain strings and numbers, and nothing
personal beyond names and roles."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from techzone_crm.analysis.metrics import MetricsResult

#: The node attributes written, in this order; anything else a graph carries stays out.
NODE_ATTRIBUTES = (
    "label",
    "kind",
    "helix",
    "level",
    "sectors",
    "organisation",
    "role",
    "owner",
    "quadrant",
    "salience",
    "power",
    "interest",
    "attitude",
    "days_since_contact",
    "overdue",
)
METRIC_ATTRIBUTES = (
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "constraint",
    "effective_size",
    "community",
    "community_helix",
    "cross_helix_ties",
)
EDGE_ATTRIBUTES = ("strength", "distance", "kinds", "relation", "interactions", "last_contact")

Value = str | int | float | bool


def _plain(value: object) -> Value | None:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None if value is None else str(value)


def export_graph(graph: nx.Graph, metrics: MetricsResult | None = None) -> nx.Graph:
    """A copy of ``graph`` with only the exported attributes (and the metrics, if given)."""
    out = nx.Graph()
    for key, attrs in graph.nodes(data=True):
        values: dict[str, Value] = {}
        for name in NODE_ATTRIBUTES:
            if (v := _plain(attrs.get(name))) is not None:
                values[name] = v
        if metrics is not None and key in metrics.rows:
            row = metrics.rows[key]
            for name in METRIC_ATTRIBUTES:
                if (v := _plain(getattr(row, name))) is not None:
                    values[name] = v
        out.add_node(key, **values)
    for a, b, attrs in graph.edges(data=True):
        values = {n: v for n in EDGE_ATTRIBUTES if (v := _plain(attrs.get(n))) is not None}
        out.add_edge(a, b, **values)
    return out


def write_graphml(graph: nx.Graph, path: Path, metrics: MetricsResult | None = None) -> None:
    """Write ``graph`` (with the metrics, if given) as GraphML to ``path``."""
    nx.write_graphml(export_graph(graph, metrics), Path(path), encoding="utf-8")
