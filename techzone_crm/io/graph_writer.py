"""The stakeholder network as GraphML or GEXF (networkx), for Gephi and the like.

Attributes are plain strings and numbers only; a date becomes its ISO text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from techzone_crm.io.rows import Cell

if TYPE_CHECKING:
    # networkx is loaded when a graph is written, not when the application starts.
    import networkx as nx

GRAPH_FORMATS = ("graphml", "gexf")


@dataclass(frozen=True)
class GraphNode:
    """A person or an organisation; ``key`` is unique, e.g. "person:12"."""

    key: str
    label: str
    kind: str
    attributes: Mapping[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphEdge:
    """A tie: an affiliation (person → organisation) or a relationship."""

    source: str
    target: str
    kind: str
    attributes: Mapping[str, Cell] = field(default_factory=dict)


def _plain(value: Cell) -> str | int | float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _attributes(values: Mapping[str, Cell]) -> dict[str, str | int | float]:
    plain = {name: _plain(value) for name, value in values.items()}
    return {name: value for name, value in plain.items() if value is not None}


def build_graph(nodes: Iterable[GraphNode], edges: Iterable[GraphEdge]) -> nx.MultiDiGraph:
    """The network: edges whose ends are not among ``nodes`` are left out."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.key, label=node.label, kind=node.kind, **_attributes(node.attributes))
    for number, edge in enumerate(edges):
        if edge.source in graph and edge.target in graph:
            graph.add_edge(
                edge.source,
                edge.target,
                key=f"e{number}",
                kind=edge.kind,
                **_attributes(edge.attributes),
            )
    return graph


def write_graph(
    path: Path, nodes: Iterable[GraphNode], edges: Iterable[GraphEdge], fmt: str = "graphml"
) -> int:
    """Write the network as GraphML or GEXF; returns the number of nodes written."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}")
    import networkx as nx

    graph = build_graph(nodes, edges)
    if fmt == "graphml":
        nx.write_graphml(graph, str(path), encoding="utf-8")
    else:
        nx.write_gexf(graph, str(path), encoding="utf-8")
    return int(graph.number_of_nodes())
