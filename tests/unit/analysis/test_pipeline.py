"""The whole analysis in one call: every result, progress after each step, cancelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.gaps import find_gaps
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.layout import clear_memory_cache
from techzone_crm.analysis.metrics import compute_metrics
from techzone_crm.analysis.pipeline import (
    STEPS,
    Cancelled,
    EnvironmentAnalysis,
    map_view,
    run_pipeline,
    salience_counts,
)

from .conftest import Region


def test_the_pipeline_gives_the_same_results_as_the_steps_one_by_one(region: Region) -> None:
    result = run_pipeline(region.data)

    graph = build_graph(region.data)
    assert isinstance(result, EnvironmentAnalysis)
    assert result.today == region.data.today
    assert result.filter == NetworkFilter()
    assert set(result.graph) == set(graph)
    assert result.nodes == graph.number_of_nodes() and result.ties == graph.number_of_edges()
    assert set(result.metrics.rows) == set(compute_metrics(graph).rows)
    assert [(g.kind, g.subject_key) for g in result.gaps] == [
        (g.kind, g.subject_key) for g in find_gaps(region.data, graph)
    ]
    assert {c.key for c in result.coverage} == {region.regio_deal, region.talent, region.energie}
    assert set(result.positions) == set(graph)
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in result.positions.values())
    assert set(result.timings) == set(STEPS)
    assert all(seconds >= 0 for seconds in result.timings.values())
    assert result.label(region.els) == "Els Smit" and result.label("person:999") == "person:999"


def test_the_filter_reaches_every_step(region: Region) -> None:
    result = run_pipeline(region.data, NetworkFilter(helix="education"))

    assert region.lies in result.graph and region.els not in result.graph
    assert set(result.metrics.rows) == set(result.graph) == set(result.positions)
    assert all(g.subject_key in result.graph or ":" in g.subject_key for g in result.gaps)
    assert result.graph.graph["filter"] == "helix: education"


def test_progress_is_reported_after_each_step(region: Region) -> None:
    reports: list[tuple[int, int]] = []

    run_pipeline(region.data, progress=lambda done, total: reports.append((done, total)))

    steps = len(STEPS)
    assert reports == [(done, steps) for done in range(1, steps + 1)]


@pytest.mark.parametrize("after", [0, 1, 3])
def test_cancelling_stops_between_steps(region: Region, after: int) -> None:
    reports: list[int] = []

    with pytest.raises(Cancelled):
        run_pipeline(
            region.data,
            progress=lambda done, _total: reports.append(done),
            cancelled=lambda: len(reports) >= after,
        )

    assert reports == list(range(1, after + 1))


def test_the_layout_is_the_same_on_every_run_and_cached_on_disk(
    region: Region, tmp_path: Path
) -> None:
    first = run_pipeline(region.data, layout_cache_dir=tmp_path)
    clear_memory_cache()
    second = run_pipeline(region.data, layout_cache_dir=tmp_path)

    assert first.positions == second.positions
    assert list(tmp_path.glob("layout-*.json"))


def test_salience_counts_name_the_assessed_stakeholders_by_class(region: Region) -> None:
    result = run_pipeline(region.data)

    assert salience_counts(result) == {"definitive": ["Els Smit"]}


def test_salience_counts_put_the_most_powerful_first(region: Region) -> None:
    result = run_pipeline(region.data)
    result.graph.nodes[region.jan]["salience"] = "definitive"
    result.graph.nodes[region.piet]["salience"] = "definitive"

    assert salience_counts(result)["definitive"] == ["Els Smit", "Piet Kok", "Jan Berg"]


def test_a_map_view_keeps_the_most_influential_nodes_and_the_team(region: Region) -> None:
    result = run_pipeline(region.data)
    ranked = sorted(result.metrics.rows.values(), key=lambda r: -r.pagerank)

    view = map_view(result, limit=3, keep=[region.kees])

    team = {region.bart, region.anna}
    assert set(view.graph) >= team | {region.kees}
    assert set(view.graph) - team - {region.kees} <= {r.key for r in ranked[:3]}
    assert set(view.positions) == set(view.graph)
    assert view.hidden_nodes == result.nodes - len(view.graph)


def test_a_map_view_drops_weak_ties_and_the_nodes_left_without_one(region: Region) -> None:
    result = run_pipeline(region.data)

    view = map_view(result, min_strength=3.5)

    assert all(s >= 3.5 for _, _, s in view.graph.edges(data="strength"))
    assert view.hidden_ties == result.ties - view.graph.number_of_edges() > 0
    assert all(
        view.graph.degree(n) > 0 or kind == "team_member"
        for n, kind in view.graph.nodes(data="kind")
    )


def test_without_limits_the_map_view_is_the_whole_analysis(region: Region) -> None:
    result = run_pipeline(region.data)

    view = map_view(result)

    assert view.graph is result.graph and view.positions == result.positions
    assert (view.hidden_nodes, view.hidden_ties) == (0, 0)
