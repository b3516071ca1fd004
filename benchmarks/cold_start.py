"""Cold start: the GUI to its first painted main window, as a whole process from spawn.

Ours: ``techzone_crm.cli.main(["--db", DB, "gui"])`` (the entry point of ``techzone-crm --db
DB gui``) on the generated database of the scale. Baseline: a bare PySide6 ``QMainWindow`` of
the same size, shown and painted. Both are children of :mod:`benchmarks.gui_probe`, spawned
alternately, headless and with fresh settings; each figure is the median of the runs.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from benchmarks.generate_db import database_for
from benchmarks.gui_probe import spawn
from benchmarks.harness import Context, Result, time_ratio

TARGET = 2.0


def _start(ctx: Context, args: list[str], home: str) -> tuple[float, float]:
    started, found = spawn("benchmarks.gui_probe", args, ctx.workdir / home, timeout=600)
    return float(found["painted"]) - started, float(found["rss_mb"])


def run(ctx: Context) -> list[Result]:
    """The cold-start figure at ``ctx.scale``."""
    path, people = database_for(ctx)
    runs = max(3, ctx.repeat) if ctx.scale != "tiny" else 1
    _start(ctx, ["bare"], "home-bare")  # the interpreter and Qt's libraries in the file cache
    ours: list[float] = []
    bare: list[float] = []
    for run in range(1, runs + 1):
        base, _ = _start(ctx, ["bare"], "home-bare")
        mine, rss = _start(ctx, ["app", str(path)], f"home-start-{run}")
        bare.append(base)
        ours.append(mine)
        ctx.log(f"cold start, run {run}: ours {mine:.2f} s ({rss:.0f} MB), bare {base:.2f} s")
    result = time_ratio(
        f"cold start to the first painted window, {people:,} people",
        ours,
        statistics.median(bare),
        TARGET,
        "≤ 2×",
    )
    return [
        replace(
            result,
            baseline=result.baseline + (f" (median of {len(bare)})" if len(bare) > 1 else ""),
            note="whole processes from spawn, headless; ours = the techzone-crm entry point "
            "with fresh settings, baseline = a bare PySide6 QMainWindow",
        )
    ]
