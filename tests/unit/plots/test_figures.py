"""The figures of one analysis: the map, the grid, the coverage heat map and the salience."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.generate import generate_network
from techzone_crm.analysis.pipeline import EnvironmentAnalysis, GridEntry, map_view, run_pipeline
from techzone_crm.plots import picked_key, save_all
from techzone_crm.plots.figures import (
    HELICES,
    coverage_figure,
    coverage_values,
    grid_figure,
    grid_points,
    network_figure,
    salience_figure,
    subtitle_of,
)

from .generated import legend_texts, texts


@pytest.fixture(scope="module")
def analysis() -> EnvironmentAnalysis:
    return run_pipeline(generate_network(150, 600, seed=3))


def plotted_keys(fig: Figure) -> set[str]:
    keys = set()
    for collection in fig.axes[0].collections:
        if isinstance(collection, PathCollection):
            for index in range(collection.get_offsets().shape[0]):  # type: ignore[union-attr]
                key = picked_key(collection, index)
                if key is not None:
                    keys.add(key)
    return keys


def test_the_map_shows_every_node_titled_with_filter_and_day(
    analysis: EnvironmentAnalysis,
) -> None:
    fig = network_figure(analysis)

    assert plotted_keys(fig) == set(analysis.graph)
    assert fig.get_suptitle() == "Environment analysis"
    assert fig.axes[0].get_title(loc="left") == "Whole network · 2 June 2025"
    assert "Helix" in legend_texts(fig)


def test_the_map_colours_by_community_and_takes_translated_texts(
    analysis: EnvironmentAnalysis,
) -> None:
    fig = network_figure(
        analysis,
        colour_by="community",
        title="Omgevingsanalyse",
        subtitle="Hele netwerk",
        labels={"legend.community": "Gemeenschap"},
        figsize=(8.0, 6.0),
    )

    assert fig.get_suptitle() == "Omgevingsanalyse"
    assert "Gemeenschap" in legend_texts(fig)
    assert tuple(fig.get_size_inches()) == (8.0, 6.0)


def test_the_subtitle_names_the_filter() -> None:
    data = generate_network(120, 400, seed=2)
    filtered = run_pipeline(data, NetworkFilter(helix="government", min_strength=1))

    assert subtitle_of(filtered) == (
        "helix: government · ties of strength 1 and more · 2 June 2025"
    )
    assert subtitle_of(filtered, "02-06-2025").endswith("· 02-06-2025")


def test_the_grid_plots_the_entries_with_their_movement() -> None:
    entries = [
        GridEntry("person:1", "Els Smit", 5, 5, (3, 4), 1, "person"),
        GridEntry("organisation:2", "Provincie Groningen", 4, 2, None, None, "organisation"),
    ]

    fig = grid_figure(entries, "Whole network · 1 March 2024")

    assert plotted_keys(fig) == {"person:1", "organisation:2"}
    assert grid_points(entries)[0].previous == (3, 4)
    assert fig.axes[0].get_title(loc="left") == "Whole network · 1 March 2024"
    assert "Moved since the previous assessment" in legend_texts(fig)
    assert {"Els Smit", "Provincie Groningen"} <= set(texts(fig))


def test_the_coverage_counts_warm_key_players_per_helix(analysis: EnvironmentAnalysis) -> None:
    rows, values, totals = coverage_values(analysis)

    assert rows == [c.label for c in analysis.coverage]
    for cov, row, total in zip(analysis.coverage, values, totals, strict=True):
        assert sum(row) <= len(cov.warm)
        assert total == len(cov.linked) >= sum(row)
        assert len(row) == len(HELICES)
    fig = coverage_figure(analysis)
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["Government", "Business", "Education & knowledge", "Civil society"]
    assert fig.get_suptitle() == "Agenda coverage by helix"


def test_the_salience_figure_counts_the_assessed_stakeholders(
    analysis: EnvironmentAnalysis,
) -> None:
    fig = salience_figure(analysis)
    counts = {
        gid.removeprefix("count-"): int(t.get_text())
        for t in fig.axes[0].texts
        if (gid := t.get_gid() or "").startswith("count-")
    }
    assessed = sum(
        1
        for _, attrs in analysis.graph.nodes(data=True)
        if attrs["kind"] in ("person", "organisation") and attrs["salience"]
    )

    assert sum(counts.values()) == assessed > 0


def test_every_figure_saves_in_three_formats(analysis: EnvironmentAnalysis, tmp_path: Path) -> None:
    figures = {
        "network": network_figure(analysis),
        "grid": grid_figure([GridEntry("person:1", "A", 4, 4, None, 0, "person")]),
        "coverage": coverage_figure(analysis),
        "salience": salience_figure(analysis),
    }
    for name, fig in figures.items():
        paths = save_all(fig, tmp_path / name)
        assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]
        assert all(p.stat().st_size > 1000 for p in paths)


def test_the_map_of_a_view_shows_only_its_nodes(analysis: EnvironmentAnalysis) -> None:
    view = map_view(analysis, limit=40, min_strength=1.0)

    fig = network_figure(analysis, view=view)

    assert plotted_keys(fig) == set(view.graph) and len(view.graph) < analysis.nodes
