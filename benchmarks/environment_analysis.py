"""The analysis figures: the whole environment analysis against the naive networkx pipeline.

Ours: read the network from the database (:func:`~techzone_crm.services.network.network_data`),
run the pipeline (graph, metrics with communities, gaps, coverage, layout; no layout cache)
and render the network map to PNG. Baseline, on the very graph our pipeline analysed: exact
``nx.betweenness_centrality(weight="distance")``, ``nx.community.louvain_communities`` and
``nx.spring_layout``, both seeded. The baseline neither reads the database nor finds gaps nor
renders anything, so the ratio is, if anything, unfavourable to us.

The second figure compares our top-20 brokers (by betweenness, approximate above
:class:`~techzone_crm.analysis.metrics.MetricsSettings`' limit) with the top 20 of the exact
betweenness from the baseline.
"""

from __future__ import annotations

import time
from dataclasses import replace

import networkx as nx

from benchmarks.generate_db import SCALES, TODAY, generate_scale
from benchmarks.harness import Context, Result, heartbeat, seconds, time_ratio
from techzone_crm.analysis.layout import clear_memory_cache
from techzone_crm.analysis.pipeline import EnvironmentAnalysis, run_pipeline
from techzone_crm.db.migrate import open_database
from techzone_crm.plots.figures import network_figure
from techzone_crm.plots.save import save_figure
from techzone_crm.services.network import network_data

SPEED_TARGET = 1 / 50
TOP = 20
AGREEMENT_TARGET = 18


def _ours(ctx: Context) -> tuple[list[float], EnvironmentAnalysis]:
    path = ctx.workdir / f"environment-{ctx.scale}-{ctx.seed}.sqlite"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    made = generate_scale(path, SCALES[ctx.scale].network_scale, ctx.seed)
    ctx.log(f"generated {made.describe()} in {seconds(time.perf_counter() - started)}")
    db = open_database(path)
    times: list[float] = []
    try:
        for run in range(1, ctx.repeat + 1):
            clear_memory_cache()  # every run lays the map out afresh
            started = time.perf_counter()
            with db.read() as session:
                data = network_data(session, TODAY)
            read = time.perf_counter() - started
            analysis = run_pipeline(data, seed=ctx.seed)
            drawn = time.perf_counter()
            figure = network_figure(analysis)
            save_figure(figure, ctx.workdir / "network.png")
            finished = time.perf_counter()
            total = finished - started
            times.append(total)
            steps = ", ".join(
                f"{name} {seconds(value)}"
                for name, value in [("database", read), *analysis.timings.items()]
            )
            render = seconds(finished - drawn)
            ctx.log(f"ours, run {run}: {seconds(total)} ({steps}, map to PNG {render})")
    finally:
        db.close()
    return times, analysis


def _top(values: dict[str, float], n: int) -> list[str]:
    return [k for k, _ in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def run(ctx: Context) -> list[Result]:
    """Both figures of the environment analysis at ``ctx.scale``."""
    ours, analysis = _ours(ctx)
    graph = analysis.graph
    what = f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} ties"
    started = time.perf_counter()
    with heartbeat(ctx.log, f"baseline: exact betweenness (networkx) on {what}"):
        exact = nx.betweenness_centrality(graph, weight="distance")
    with heartbeat(ctx.log, "baseline: Louvain communities (networkx)"):
        nx.community.louvain_communities(graph, weight="strength", seed=ctx.seed)
    with heartbeat(ctx.log, "baseline: spring layout (networkx)"):
        nx.spring_layout(graph, weight="strength", seed=ctx.seed)
    baseline = time.perf_counter() - started

    scale = SCALES[ctx.scale]
    speed = time_ratio(
        f"environment analysis, {scale.nodes:,} nodes / {scale.ties:,} ties",
        ours,
        baseline,
        SPEED_TARGET,
        "≤ 1/50",
    )
    speed = replace(
        speed,
        note=f"{what}; ours = database read + pipeline + map to PNG, "
        "baseline = exact betweenness + Louvain + spring layout (networkx)",
    )
    n = min(TOP, graph.number_of_nodes())
    found = {r.key for r in analysis.metrics.brokers(n)}
    agree = len(found & set(_top(exact, n)))
    share = agree / n if n else 0.0
    brokers = Result(
        f"top-{n} brokers agree with exact betweenness",
        f"{agree} of {n}",
        "exact ranking",
        share,
        f"{agree}/{n}",
        AGREEMENT_TARGET / TOP,
        f"≥ {AGREEMENT_TARGET}/{TOP}",
        at_most=False,
        note=analysis.metrics.method,
    )
    return [speed, brokers]
