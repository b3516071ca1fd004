"""The plots never create pyplot state (no global figures, no GUI backend chosen)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    import networkx as nx
    import techzone_crm.plots as plots

    graph = nx.path_graph(["person:1", "organisation:2", "team_member:3"])
    for node, kind in zip(graph, ("person", "organisation", "team_member")):
        graph.nodes[node].update(kind=kind, label=node, helix="business")
    figures = [
        plots.network_map(graph, nx.spring_layout(graph, seed=1), title="Map"),
        plots.power_interest_grid([plots.GridPoint("A", 4, 4, previous=(2, 2), attitude=1)]),
        plots.coverage_heatmap(["Agenda"], ["Government"], [[0]], totals=[1]),
        plots.salience_diagram({"definitive": ["A"]}),
    ]
    for index, fig in enumerate(figures):
        plots.save_all(fig, sys.argv[1] + f"/figure{index}")
    assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
    print("ok")
    """
)


def test_using_the_plots_does_not_import_pyplot(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert len(list(tmp_path.iterdir())) == 12
