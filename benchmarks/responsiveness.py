"""GUI responsiveness: the longest gap of a 10 ms heartbeat on the GUI thread while work runs.

A child process starts a 10 ms ``QTimer`` on the GUI thread and records every tick while the
application runs, on its task runner as the GUI does: (a) the environment analysis of the
Analysis page (the page itself, results drawn), (b) an export of every person to CSV
(:class:`~techzone_crm.ui.views.exporting.ExportRun`, with its progress dialog) and (c) an
import of that file into an empty database (``plan_import`` and ``run_import`` in one write
task). The figure is the longest gap between two ticks against an absolute 100 ms; the
baseline column shows the longest gap while idle, in the same process. A sampler thread
notes where every thread is whenever the heartbeat is late, and the note names the code
that ran during the longest gap.

Child: ``python -m benchmarks.responsiveness GRAPH_DB EXPORT_DB FILE IMPORT_DB`` (the analysis
on the first database, the export of the second to FILE, the import of FILE into the last).
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.generate_db import SCALES, database_for
from benchmarks.gui_probe import WINDOW_SIZE, spawn, wait_until
from benchmarks.harness import Context, Result, absolute, millis, not_run, seconds

LIMIT = 0.100
TICK_MS = 10
_LATE = 0.050  # the sampler looks at the threads once a tick is this late


def _figure(what: str, found: dict[str, Any]) -> Result:
    name = f"GUI heartbeat, longest gap during {what}"
    if found.get("skipped"):
        return not_run(name, f"≤ {LIMIT * 1000:.0f} ms", found["skipped"])
    gap, idle = float(found["gap"]), float(found["idle_gap"])
    return absolute(
        name,
        gap,
        millis(gap),
        f"{millis(idle)} (idle)",
        idle,
        LIMIT,
        f"≤ {LIMIT * 1000:.0f} ms",
        note=f"absolute target; {found['detail']}; during the longest gap: {found['where']}",
    )


def run(ctx: Context) -> list[Result]:
    """The three responsiveness figures at ``ctx.scale``."""
    path, people = database_for(ctx)
    scale = SCALES[ctx.scale]
    network = scale.network_scale
    graph_db = database_for(replace(ctx, scale=network))[0] if network != ctx.scale else path
    copy = ctx.workdir / "responsiveness-export.sqlite"
    shutil.copyfile(path, copy)  # the export is recorded in the privacy log: keep the original
    exported = ctx.workdir / "responsiveness-people.csv"
    target = ctx.workdir / "responsiveness-import.sqlite"
    target.unlink(missing_ok=True)
    args = [str(graph_db), str(copy), str(exported), str(target)]
    _, found = spawn("benchmarks.responsiveness", args, ctx.workdir / "home-heartbeat", 3600)
    whats = (
        f"the analysis, {scale.nodes:,} nodes / {scale.ties:,} ties",
        f"the export of {people:,} people",
        f"the import of {people:,} people",
    )
    for what, one in zip(whats, found, strict=True):
        if not one.get("skipped"):
            ctx.log(
                f"{what}: {seconds(one['seconds'])}, {one['ticks']:,} ticks, longest gap "
                f"{millis(one['gap'])} (idle {millis(one['idle_gap'])}); {one['where']}"
            )
    return [_figure(what, one) for what, one in zip(whats, found, strict=True)]


# -- the child ------------------------------------------------------------------------


@dataclass
class _Heartbeat:
    """Ticks of a timer on the GUI thread, and where the threads were when one was late."""

    ticks: list[float] = field(default_factory=list)
    samples: list[tuple[float, dict[int, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def sample(self, main: int) -> None:
        while not self.stop.wait(0.010):
            last = self.ticks[-1] if self.ticks else time.perf_counter()
            if time.perf_counter() - last > _LATE:
                frames = sys._current_frames()
                me = threading.get_ident()
                where = {
                    ident: _where(frame, ident == main)
                    for ident, frame in frames.items()
                    if ident != me
                }
                self.samples.append((time.perf_counter(), where))

    def longest(self, start: float, end: float) -> tuple[float, float]:
        """The longest gap between ticks in [start, end] and when it began."""
        inside = [t for t in self.ticks if start <= t <= end]
        gaps = [(b - a, a) for a, b in pairwise(inside)]
        return max(gaps, default=(0.0, start))

    def during(self, begin: float, length: float) -> str:
        if length < _LATE:
            return f"no gap over {_LATE * 1000:.0f} ms"
        found = [w for t, w in self.samples if begin <= t <= begin + length]
        if not found:
            return "no thread sample (the sampler could not run: the GIL was held throughout)"
        # The middle sample of the gap shows what held things up, not how it started or ended.
        where = found[len(found) // 2]
        return "; ".join(sorted(where.values(), key=lambda s: not s.startswith("GUI")))


def _where(frame: Any, gui: bool) -> str:
    stack = traceback.extract_stack(frame)
    ours = [f for f in stack if "techzone_crm" in f.filename or "benchmarks" in f.filename]
    top = stack[-1]
    inner = ours[-1] if ours else top
    name = "GUI thread" if gui else "worker"
    lib = "" if top is inner else f" → {Path(top.filename).name}:{top.lineno} {top.name}"
    return f"{name} in {Path(inner.filename).name}:{inner.lineno} {inner.name}{lib}"


def _run_with_heartbeat(work: Callable[[], Callable[[], bool]], timeout: float) -> dict[str, Any]:
    from PySide6.QtCore import Qt, QTimer

    beat = _Heartbeat()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(beat.tick)
    timer.start()
    sampler = threading.Thread(target=beat.sample, args=(threading.get_ident(),), daemon=True)
    sampler.start()
    idle_start = time.perf_counter()
    wait_until(lambda: time.perf_counter() - idle_start > 0.5, 5)
    started = time.perf_counter()
    done = work()
    if not wait_until(done, timeout):
        raise RuntimeError(f"the work did not finish within {timeout:.0f} s")
    finished = time.perf_counter()
    # What the GUI does with the result counts too: keep beating a moment longer.
    wait_until(lambda: time.perf_counter() - finished > 0.5, 5)
    timer.stop()
    beat.stop.set()
    sampler.join()
    gap, at = beat.longest(started, time.perf_counter())
    idle, _ = beat.longest(idle_start, started)
    return {
        "gap": gap,
        "idle_gap": idle,
        "ticks": len(beat.ticks),
        "seconds": finished - started,
        "where": beat.during(at, gap),
    }


def _analysis(db: Any, runner: Any, reporter: Any) -> tuple[Callable[[], bool], str]:
    from techzone_crm.ui.views.analysis_view import AnalysisView

    view = AnalysisView(db, runner, reporter)
    view.resize(*WINDOW_SIZE)
    view.show()  # a stale page starts its analysis when it is shown
    if not view.running:
        view.run()

    def done() -> bool:
        return not view.running and view.run_result is not None

    return done, "the Analysis page: worker analysis, then tables and map drawn"


def _export(db: Any, runner: Any, reporter: Any, out: Path) -> tuple[Callable[[], bool], str]:
    from PySide6.QtWidgets import QMainWindow

    from techzone_crm.services.people import PersonQuery
    from techzone_crm.services.stakeholder_export import DEFAULT_PEOPLE_COLUMNS, ExportFormat
    from techzone_crm.ui.views.exporting import PEOPLE, ExportRequest, ExportRun

    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    out.unlink(missing_ok=True)
    export = ExportRun(db, runner, reporter, window)
    ended: list[str] = []
    export.succeeded.connect(lambda _r: ended.append("ok"))
    export.failed.connect(ended.append)
    export.cancelled.connect(lambda: ended.append("cancelled"))
    request = ExportRequest(
        PEOPLE, out, ExportFormat.CSV, PersonQuery(), None, DEFAULT_PEOPLE_COLUMNS
    )
    export.start(request)
    _run_with_heartbeat.window = window  # type: ignore[attr-defined]  # kept alive
    return lambda: bool(ended), "ExportRun to CSV with its progress dialog"


def _import(runner: Any, source: Path) -> tuple[Callable[[], bool], str]:
    from techzone_crm.io.import_mapping import suggest_mapping
    from techzone_crm.io.readers import read_table
    from techzone_crm.services.importing import plan_import, run_import

    outcome: list[object] = []

    def work(session: Any, progress: Any) -> object:
        table = read_table(source)
        plan = plan_import(session, table, suggest_mapping(table.headers), progress=progress)
        return run_import(session, plan, skip_invalid=True, progress=progress)

    runner.submit(work, write=True, on_finished=outcome.append, on_failed=outcome.append)
    return lambda: bool(outcome), "read_table, plan_import and run_import in one write task"


def _importer_missing() -> bool:
    try:
        import techzone_crm.io.readers
        import techzone_crm.services.importing  # noqa: F401
    except ImportError:
        return True
    return False


def _child(graph_db: str, export_db: str, exported: Path, import_db: str) -> int:
    from techzone_crm.db.migrate import open_database
    from techzone_crm.ui.app import configure_logging, create_application
    from techzone_crm.ui.errors import ErrorReporter
    from techzone_crm.ui.tasks import TaskRunner

    app = create_application()
    reporter = ErrorReporter(configure_logging())
    found: list[dict[str, Any]] = []
    for task, database in (("analysis", graph_db), ("export", export_db), ("import", import_db)):
        if task == "import" and _importer_missing():
            found.append({"skipped": "importer missing"})
            continue
        db = open_database(database)
        runner = TaskRunner(db)
        details: list[str] = []

        def start(
            task: str = task, db: Any = db, runner: Any = runner, details: list[str] = details
        ) -> Callable[[], bool]:
            if task == "analysis":
                done, detail = _analysis(db, runner, reporter)
            elif task == "export":
                done, detail = _export(db, runner, reporter, exported)
            else:
                done, detail = _import(runner, exported)
            details.append(detail)
            return done

        one = _run_with_heartbeat(start, 3000)
        found.append({**one, "detail": details[0]})
        runner.shutdown()
        db.close()
    print(json.dumps(found), flush=True)
    del app
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the child: ``GRAPH_DB EXPORT_DB FILE IMPORT_DB``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 4:
        print(__doc__.rsplit("Child: ", 1)[1].strip(), file=sys.stderr)
        return 2
    return _child(args[0], args[1], Path(args[2]), args[3])


if __name__ == "__main__":
    raise SystemExit(main())
