"""The stakeholder network as an undirected weighted networkx graph, optionally filtered.

Node attributes (GraphML-safe, never None): ``kind``, ``label``, ``helix``, ``level``, ``sectors``
(comma-joined), ``organisation``, ``role``, ``owner``, ``owner_key``, ``quadrant``, ``salience``
("" when unknown), ``power``, ``interest``, ``days_since_contact`` (−1 when unknown), ``overdue``,
and ``attitude`` only when assessed (−2 … +2 leaves no number free for "unknown").

Edge attributes: ``strength`` (the sum of :func:`~techzone_crm.analysis.strength.tie_strength`
over the raw ties), ``distance`` = 1 / strength, ``kinds`` (comma-joined tie kinds), ``relation``
and ``main_kind`` of the strongest raw tie, ``interactions`` (how many) and ``last_contact``
(ISO date of the latest interaction, or "").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from techzone_crm.analysis.filters import (
    NetworkFilter,
    current_affiliations,
    focus_nodes,
    matches,
)
from techzone_crm.analysis.model import NetworkData, Node, NodeKind, Tie, TieKind
from techzone_crm.analysis.strength import DEFAULT_TAU_DAYS, tie_strength

__all__ = ["NetworkFilter", "build_graph", "node_attributes", "team_keys"]


@dataclass
class _Edge:
    strength: float = 0.0
    kinds: set[str] = field(default_factory=set)
    main: tuple[float, str, str] = (-1.0, "", "")  # (contribution, kind, relation)
    interactions: int = 0
    last_contact: date | None = None

    def add(self, tie: Tie, value: float) -> None:
        self.strength += value
        self.kinds.add(tie.kind.value)
        if value > self.main[0]:
            self.main = (value, tie.kind.value, tie.relation)
        if tie.kind is TieKind.INTERACTION and tie.on is not None:
            self.interactions += 1
            if self.last_contact is None or tie.on > self.last_contact:
                self.last_contact = tie.on


def node_attributes(node: Node) -> dict[str, str | int | float | bool]:
    """A node's graph attributes: plain strings, numbers and booleans only."""
    attrs: dict[str, str | int | float | bool] = {
        "kind": node.kind.value,
        "label": node.label,
        "helix": node.helix or "",
        "level": node.level or "",
        "sectors": ",".join(node.sectors),
        "organisation": node.organisation,
        "role": node.role,
        "owner": node.owner,
        "owner_key": node.owner_key or "",
        "quadrant": node.quadrant or "",
        "salience": node.salience or "",
        "power": -1 if node.power is None else node.power,
        "interest": -1 if node.interest is None else node.interest,
        "days_since_contact": -1 if node.days_since_contact is None else node.days_since_contact,
        "overdue": node.overdue,
    }
    if node.attitude is not None:
        attrs["attitude"] = node.attitude
    return attrs


def _usable_ties(data: NetworkData, known: set[str], window_days: int | None) -> list[Tie]:
    oldest = None if window_days is None else data.today - timedelta(days=window_days)
    ties = []
    for t in data.ties:
        if t.source == t.target or t.source not in known or t.target not in known:
            continue
        if (
            oldest is not None
            and t.kind is TieKind.INTERACTION
            and t.on is not None
            and t.on < oldest
        ):
            continue
        ties.append(t)
    return ties


def _aggregate(ties: Iterable[Tie], today: date, tau_days: float) -> dict[tuple[str, str], _Edge]:
    edges: dict[tuple[str, str], _Edge] = defaultdict(_Edge)
    for t in ties:
        value = tie_strength(t, today, tau_days)
        if value <= 0:
            continue
        pair = (t.source, t.target) if t.source < t.target else (t.target, t.source)
        edges[pair].add(t, value)
    return edges


def _full_graph(data: NetworkData, ties: list[Tie], tau_days: float) -> nx.Graph:
    graph = nx.Graph(today=data.today.isoformat(), tau_days=float(tau_days))
    for node in data.nodes:
        graph.add_node(node.key, **node_attributes(node))
    for (a, b), e in _aggregate(ties, data.today, tau_days).items():
        graph.add_edge(
            a,
            b,
            strength=e.strength,
            distance=1.0 / e.strength,
            kinds=",".join(sorted(e.kinds)),
            main_kind=e.main[1],
            relation=e.main[2],
            interactions=e.interactions,
            last_contact="" if e.last_contact is None else e.last_contact.isoformat(),
        )
    return graph


def team_keys(graph: nx.Graph) -> set[str]:
    """The team members' nodes."""
    return {n for n, kind in graph.nodes(data="kind") if kind == NodeKind.TEAM_MEMBER.value}


def _ego_nodes(graph: nx.Graph, ego: str, steps: int) -> set[str]:
    if ego not in graph:
        return {ego}
    return set(nx.single_source_shortest_path_length(graph, ego, cutoff=steps))


def build_graph(
    data: NetworkData,
    flt: NetworkFilter | None = None,
    *,
    tau_days: float = DEFAULT_TAU_DAYS,
) -> nx.Graph:
    """The network of ``data`` as a weighted graph, reduced to what ``flt`` selects.

    Interaction ties older than the filter's time window are dropped before the ties are added
    up. Team members stay in every filtered graph, and so does the ego of an ego network.
    """
    flt = flt or NetworkFilter()
    nodes = {n.key: n for n in data.nodes}
    for key in (flt.agenda, flt.dossier, flt.ego):
        if key is not None and key not in nodes:
            raise ValueError(f"{key} is not in the network")
    ties = _usable_ties(data, set(nodes), flt.window_days)
    full = _full_graph(data, ties, tau_days)
    team = team_keys(full)
    affiliations = current_affiliations(ties)

    keep = {k for k in full if k in team or matches(flt, nodes[k], nodes, affiliations)}
    for focus in (flt.agenda, flt.dossier):
        if focus is not None:
            keep &= focus_nodes(full, focus, team, affiliations) | team
    graph: nx.Graph = full.subgraph(keep).copy()

    if flt.min_strength > 0:
        weak = [(a, b) for a, b, s in graph.edges(data="strength") if s < flt.min_strength]
        graph.remove_edges_from(weak)
    if flt.ego is not None:
        if flt.ego not in graph:
            graph.add_node(flt.ego, **full.nodes[flt.ego])
        ego = _ego_nodes(graph, flt.ego, flt.ego_steps) | team
        graph = graph.subgraph(ego).copy()
    graph.graph["filter"] = flt.describe({k: n.label for k, n in nodes.items()})
    return graph
