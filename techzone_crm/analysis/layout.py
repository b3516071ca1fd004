"""Node positions for the network map: deterministic, and cached so the map does not jump.

igraph's Fruchterman–Reingold (C, with a grid for big graphs) places the nodes, pulled together by
the strength of their ties. Every node starts from a point derived from its own key and the seed,
so the same graph always gets the same picture and a node keeps roughly its place when a few
others come or go. Positions are scaled into [−1, 1] × [−1, 1].

The cache key is a hash of the nodes, the edges with their strengths and the settings; results are
kept in memory and, when the caller gives a directory, on disk as small JSON files.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections import OrderedDict
from pathlib import Path

import networkx as nx
import numpy as np

from techzone_crm.analysis._igraph import seeded, to_igraph

Positions = dict[str, tuple[float, float]]

LAYOUT_VERSION = 1
_MEMORY_SIZE = 16
_memory: OrderedDict[str, Positions] = OrderedDict()


def layout_key(graph: nx.Graph, *, seed: int = 0, iterations: int = 500) -> str:
    """A hash of what the layout depends on: nodes, edges with strengths, seed and settings."""
    h = hashlib.sha256(f"v{LAYOUT_VERSION}|{seed}|{iterations}|".encode())
    for node in sorted(graph):
        h.update(node.encode())
        h.update(b"\0")
    h.update(b"|")
    edges = sorted(
        (min(a, b), max(a, b), round(float(s), 3)) for a, b, s in graph.edges(data="strength")
    )
    for a, b, s in edges:
        h.update(f"{a}\0{b}\0{s}\n".encode())
    return h.hexdigest()


def _start(key: str, seed: int) -> tuple[float, float]:
    digest = hashlib.blake2b(f"{seed}:{key}".encode(), digest_size=8).digest()
    angle = int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi
    radius = math.sqrt(int.from_bytes(digest[4:], "big") / 2**32)
    return radius * math.cos(angle), radius * math.sin(angle)


def _rescale(coords: np.ndarray) -> np.ndarray:
    if len(coords) == 1:
        return np.zeros((1, 2))
    centred = coords - coords.mean(axis=0)
    extent = float(np.abs(centred).max())
    scaled: np.ndarray = centred / extent if extent > 0 else centred
    return scaled


def _compute(graph: nx.Graph, seed: int, iterations: int) -> Positions:
    if len(graph) == 0:
        return {}
    ig_graph = to_igraph(graph)
    scale = math.sqrt(len(graph))
    start = [[x * scale, y * scale] for x, y in (_start(k, seed) for k in ig_graph.keys)]
    with seeded(seed):
        layout = ig_graph.graph.layout_fruchterman_reingold(
            weights="strength" if graph.number_of_edges() else None,
            niter=iterations,
            seed=start,
            grid="auto",
        )
    coords = _rescale(np.asarray(layout.coords, dtype=float))
    return {k: (float(x), float(y)) for k, (x, y) in zip(ig_graph.keys, coords, strict=True)}


def _read(path: Path, key: str) -> Positions | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") != key:
            return None
        return {k: (float(x), float(y)) for k, (x, y) in stored["positions"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a missing or damaged cache file is just a cache miss


def _write(path: Path, key: str, positions: Positions) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"key": key, "positions": {k: list(p) for k, p in positions.items()}})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".layout-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def compute_layout(
    graph: nx.Graph,
    *,
    seed: int = 0,
    iterations: int = 500,
    cache_dir: Path | None = None,
) -> Positions:
    """Node key → (x, y) in [−1, 1]²; the same graph and seed give the same positions."""
    key = layout_key(graph, seed=seed, iterations=iterations)
    if key in _memory:
        _memory.move_to_end(key)
        return dict(_memory[key])
    path = None if cache_dir is None else Path(cache_dir) / f"layout-{key[:32]}.json"
    positions = None if path is None else _read(path, key)
    if positions is None:
        positions = _compute(graph, seed, iterations)
        if path is not None:
            _write(path, key, positions)
    _memory[key] = positions
    while len(_memory) > _MEMORY_SIZE:
        _memory.popitem(last=False)
    return dict(positions)


def clear_memory_cache() -> None:
    """Forget the layouts kept in memory (the files on disk stay)."""
    _memory.clear()
