"""Generated networks shared by the plot tests."""

from __future__ import annotations

import networkx as nx
import pytest

from .generated import stakeholder_graph


@pytest.fixture(scope="module")
def small_graph() -> nx.Graph:
    """About 30 stakeholders with agendas, themes, dossiers and three team members."""
    return stakeholder_graph(30)


@pytest.fixture(scope="module")
def small_positions(small_graph: nx.Graph) -> dict[str, tuple[float, float]]:
    layout = nx.spring_layout(small_graph, seed=1, weight="strength")
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}
