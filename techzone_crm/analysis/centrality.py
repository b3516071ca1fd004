"""Betweenness (exact or from sampled pivots) and Burt's structural holes, fast at scale.

Betweenness uses distance = 1 / strength and is normalised like networkx's
(``normalized=True``): the share of the shortest paths between other pairs that run through a
node. Above a size limit it is estimated from pivots (Brandes & Pich 2007): the shortest paths
from a sample of source nodes, scaled up. The sample is stratified by community – each community
gets pivots in proportion to its size – which keeps the estimate of the brokers between
communities steady.

Constraint and effective size follow networkx's definitions (``weight="strength"``) but are
computed only where two nodes are tied, in blocks of rows, so memory stays linear in the ties.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from techzone_crm.analysis._igraph import IGraph

if TYPE_CHECKING:
    # SciPy is loaded where it is used, so that the GUI starts without it.
    import scipy.sparse as sp

# A stratum needs this many pivots of its own; smaller communities share one stratum.
_MIN_PIVOTS_PER_STRATUM = 2
_BLOCK_ROWS = 512


@dataclass(frozen=True)
class Betweenness:
    """Betweenness per node key, and how it was computed."""

    values: dict[str, float]
    exact: bool
    pivots: int  # the number of pivots (all nodes when exact)

    @property
    def method(self) -> str:
        """ "exact" or "approximate, 1500 pivots"."""
        return "exact" if self.exact else f"approximate, {self.pivots} pivots"


def _scale(n: int) -> float:
    # networkx normalises an undirected graph by the number of pairs of other nodes.
    return 1.0 / ((n - 1) * (n - 2) / 2) if n > 2 else 0.0


def _strata(membership: Sequence[int], pivots: int) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for vertex, community in enumerate(membership):
        groups[community].append(vertex)
    n = len(membership)
    strata, rest = [], []
    for members in groups.values():
        if len(members) * pivots / n >= _MIN_PIVOTS_PER_STRATUM:
            strata.append(members)
        else:
            rest.extend(members)
    if rest:
        strata.append(rest)
    return strata


#: Pivots per igraph call while estimating betweenness (tens of milliseconds each).
_PIVOTS_PER_CALL = 25


def betweenness(
    ig_graph: IGraph,
    membership: Sequence[int],
    *,
    exact_limit: int,
    pivots: int,
    seed: int,
) -> Betweenness:
    """Exact betweenness up to ``exact_limit`` nodes, else estimated from ``pivots`` pivots
    sampled per community (``membership``: the community of each vertex)."""
    h, n = ig_graph.graph, len(ig_graph.keys)
    if n <= exact_limit or pivots >= n:
        raw = np.asarray(h.betweenness(weights="distance", directed=False), dtype=float)
        values = raw * _scale(n)
        return Betweenness(dict(zip(ig_graph.keys, values.tolist(), strict=True)), True, n)
    rng = random.Random(seed)
    estimate = np.zeros(n)
    used = 0
    for members in _strata(membership, pivots):
        k = min(len(members), max(1, round(len(members) * pivots / n)))
        sources = sorted(rng.sample(members, k))
        used += k
        # The sum over pivots, a few at a time: one call into igraph keeps the interpreter
        # lock throughout, and the GUI thread must not wait long for it.
        for at in range(0, k, _PIVOTS_PER_CALL):
            chunk = sources[at : at + _PIVOTS_PER_CALL]
            part = h.betweenness(weights="distance", directed=False, sources=chunk)
            estimate += np.asarray(part, dtype=float) * (len(members) / k)
    values = estimate * _scale(n)
    return Betweenness(dict(zip(ig_graph.keys, values.tolist(), strict=True)), False, used)


def _matrices(graph: nx.Graph) -> tuple[sp.csr_array, sp.csr_array, np.ndarray]:
    import scipy.sparse as sp

    a = sp.csr_array(nx.to_scipy_sparse_array(graph, weight="strength", format="csr"))
    a.setdiag(0)  # a self-loop is not a tie to someone else
    a.eliminate_zeros()
    sums = np.asarray(a.sum(axis=1)).ravel()
    maxima = np.asarray(a.max(axis=1).toarray()).ravel()
    with np.errstate(divide="ignore"):
        inv_sum = np.where(sums > 0, 1.0 / sums, 0.0)
        inv_max = np.where(maxima > 0, 1.0 / maxima, 0.0)
    p = sp.csr_array(sp.diags_array(inv_sum) @ a)
    return a, p, inv_max


def structural_holes(graph: nx.Graph) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Burt's constraint and effective size per node (None for a node without ties)."""
    import scipy.sparse as sp

    keys = list(graph)
    if not keys:
        return {}, {}
    a, p, inv_max = _matrices(graph)
    mask = (a > 0).astype(float)
    constraint = np.zeros(len(keys))
    redundancy = np.zeros(len(keys))
    for start in range(0, len(keys), _BLOCK_ROWS):
        rows = slice(start, start + _BLOCK_ROWS)
        block_p, block_mask = p[rows], mask[rows]
        # Indirect investment p_iq · p_qj, only where i and j are tied.
        indirect = (block_p @ p).multiply(block_mask)
        constraint[rows] = np.asarray(((block_p + indirect) ** 2).sum(axis=1)).ravel()
        # Redundancy of j for i: Σ_q p_iq · a_jq / max_k a_jk, only where i and j are tied.
        shared = (block_p @ a).multiply(block_mask) @ sp.diags_array(inv_max)
        redundancy[rows] = np.asarray(shared.sum(axis=1)).ravel()
    degree = np.asarray(mask.sum(axis=1)).ravel()
    effective = degree - redundancy
    isolated = degree == 0
    return (
        {k: None if isolated[i] else float(constraint[i]) for i, k in enumerate(keys)},
        {k: None if isolated[i] else float(effective[i]) for i, k in enumerate(keys)},
    )
