"""Node positions for the network map: deterministic, and cached so the map does not jump.

igraph's Fruchterman–Reingold (C, with a grid for big graphs) places the nodes, pulled together by
the strength of their ties. Every node starts from a point derived from its own key and the seed,
so the same graph always gets the same picture and a node keeps roughly its place when a few
others come or go. Each connected component is laid out on its own; the largest sits in the
middle and the others (down to single nodes) are packed in rings close around it, sized by their
number of nodes, instead of drifting to the edge. Positions are scaled into [−1, 1] × [−1, 1].

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

LAYOUT_VERSION = 2
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


def _component(graph: nx.Graph, seed: int, iterations: int) -> Positions:
    """One connected component, centred on (0, 0) with its farthest node at distance 1."""
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if len(graph) == 2:
        first, second = sorted(graph)
        return {first: (-1.0, 0.0), second: (1.0, 0.0)}
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
    coords = np.asarray(layout.coords, dtype=float)
    coords -= coords.mean(axis=0)
    extent = float(np.linalg.norm(coords, axis=1).max())
    if extent > 0:
        coords /= extent
    return {k: (float(x), float(y)) for k, (x, y) in zip(ig_graph.keys, coords, strict=True)}


def _radius(nodes: int, largest: int) -> float:
    """The radius of a component of ``nodes`` beside the largest one (of radius 1)."""
    if nodes == 1:
        return 0.04
    return max(math.sqrt(nodes / largest), 0.08)


def _rings(radii: list[float], inner: float, gap: float) -> list[tuple[float, float]]:
    """Centres (distance, angle) for circles of ``radii`` on rings around a circle of radius
    ``inner``: each ring is filled around before the next one starts, and the circles on a
    ring are spread evenly."""
    centres: list[tuple[float, float]] = []
    ring: list[float] = []
    base = inner + gap

    def close(ring: list[float], base: float) -> float:
        thickest = max(ring)
        distance = base + thickest
        arcs = [2 * math.asin(min(1.0, (r + gap / 2) / distance)) for r in ring]
        spare = max(2 * math.pi - sum(arcs), 0.0) / len(ring)
        angle = -math.pi / 2  # the first one below the middle, then anticlockwise
        for arc in arcs:
            centres.append((distance, angle + arc / 2))
            angle += arc + spare
        return base + 2 * thickest + gap

    used = 0.0
    for radius in radii:
        distance = base + max([radius, *ring])
        arc = 2 * math.asin(min(1.0, (radius + gap / 2) / distance))
        if ring and used + arc > 2 * math.pi:
            base = close(ring, base)
            ring, used = [], 0.0
            arc = 2 * math.asin(min(1.0, (radius + gap / 2) / (base + radius)))
        ring.append(radius)
        used += arc
    if ring:
        close(ring, base)
    return centres


def _canonical(graph: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The part of ``graph`` on ``nodes`` with nodes and edges in sorted order, so that the
    order they were added in cannot change the layout."""
    part: nx.Graph = nx.Graph()
    part.add_nodes_from((node, graph.nodes[node]) for node in nodes)
    edges = graph.subgraph(nodes).edges(data=True)
    part.add_edges_from(
        sorted(((min(a, b), max(a, b), d) for a, b, d in edges), key=lambda e: e[:2])
    )
    return part


def _compute(graph: nx.Graph, seed: int, iterations: int) -> Positions:
    if len(graph) == 0:
        return {}
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    largest = len(components[0])
    parts = [_component(_canonical(graph, c), seed, iterations) for c in components]
    radii = [_radius(len(c), largest) for c in components]
    positions: Positions = {}
    centres = [(0.0, 0.0), *_rings(radii[1:], radii[0], gap=0.12)]
    for part, radius, (distance, angle) in zip(parts, radii, centres, strict=True):
        cx, cy = distance * math.cos(angle), distance * math.sin(angle)
        for key, (x, y) in part.items():
            positions[key] = (cx + x * radius, cy + y * radius)
    keys = list(positions)
    coords = _rescale(np.array([positions[k] for k in keys], dtype=float))
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, coords, strict=True)}


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
