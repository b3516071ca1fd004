"""The bridge to python-igraph, which does the heavy parts at scale behind our interface."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    # igraph pulls in matplotlib.pyplot on import (about a second): it is loaded where used.
    import igraph as ig


@dataclass(frozen=True)
class IGraph:
    """An igraph copy of a networkx graph: vertex i is ``keys[i]``; edges carry "strength"
    and "distance"."""

    graph: ig.Graph
    keys: list[str]


def to_igraph(graph: nx.Graph) -> IGraph:
    """The igraph copy of ``graph`` (nodes in the graph's order)."""
    import igraph as ig

    keys = list(graph)
    index = {k: i for i, k in enumerate(keys)}
    edges = list(graph.edges(data=True))
    h = ig.Graph(n=len(keys), edges=[(index[a], index[b]) for a, b, _ in edges])
    h.es["strength"] = [float(d["strength"]) for _, _, d in edges]
    h.es["distance"] = [float(d["distance"]) for _, _, d in edges]
    return IGraph(h, keys)


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph draws from a generator seeded with ``seed`` inside the block."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
