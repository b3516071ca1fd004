"""GraphML export: opens anywhere, plain values, nothing personal beyond names and roles."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from techzone_crm.analysis.export import write_graphml
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.metrics import compute_metrics
from tests.unit.analysis.conftest import Region


def test_graphml_parses_with_typed_plain_attributes(region: Region, tmp_path: Path) -> None:
    graph = build_graph(region.data)
    graph.nodes[region.els]["email"] = "els@example.org"  # something that must not leak
    graph.nodes[region.els]["phone"] = "+31 50 123 4567"
    graph[region.jan][region.els]["note"] = "private"
    path = tmp_path / "stakeholders.graphml"
    write_graphml(graph, path, compute_metrics(graph))

    back = nx.read_graphml(path)
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    els = back.nodes[region.els]
    assert els["label"] == "Els Smit" and els["role"] == "Gedeputeerde"
    assert els["power"] == 5 and isinstance(els["power"], int)
    assert isinstance(els["betweenness"], float) and isinstance(els["community"], int)
    assert els["overdue"] is False
    assert isinstance(back[region.jan][region.els]["strength"], float)
    text = path.read_text(encoding="utf-8")
    for private in ("email", "phone", "note", "els@example.org", "4567"):
        assert private not in text
    for _, attrs in back.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    # A node without ties has no constraint: the attribute is left out, not written as NaN.
    assert "nan" not in text.lower()
