"""Peak memory: open the database in the GUI, show Contacts and scroll to the very end.

A child process builds the real main window (as ``techzone-crm gui`` does), shows the
Contacts page and scrolls its table one screen at a time from the first row to the last,
waiting at each step until the rows on screen have arrived from the paged model's worker.
The figure is the child's peak resident memory (``ru_maxrss``) against an absolute target;
the baseline column shows a bare PySide6 window's peak, measured in the same run, for context.

Child: ``python -m benchmarks.memory_scroll DB``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from benchmarks.generate_db import database_for
from benchmarks.gui_probe import WINDOW_SIZE, peak_rss_mb, report, spawn, wait_until
from benchmarks.harness import Context, Result, absolute, seconds

LIMIT_MB = 300.0


def run(ctx: Context) -> list[Result]:
    """The peak-memory figure at ``ctx.scale``."""
    path, people = database_for(ctx)
    _, bare = spawn("benchmarks.gui_probe", ["bare"], ctx.workdir / "home-bare", timeout=120)
    _, found = spawn("benchmarks.memory_scroll", [str(path)], ctx.workdir / "home-scroll", 1800)
    rss, bare_rss = float(found["rss_mb"]), float(bare["rss_mb"])
    ctx.log(
        f"scrolled {found['rows']:,} rows in {seconds(found['seconds'])} "
        f"({found['steps']:,} screens, {found['pages']:,} page queries): peak {rss:.0f} MB; "
        f"after opening {found['opened_mb']:.0f} MB"
    )
    return [
        absolute(
            f"peak memory, Contacts scrolled to the end, {people:,} people",
            rss,
            f"{rss:.0f} MB",
            f"{bare_rss:.0f} MB (bare window)",
            bare_rss,
            LIMIT_MB,
            f"≤ {LIMIT_MB:.0f} MB",
            note=f"absolute target on the peak RSS; {found['opened_mb']:.0f} MB once the window "
            f"was shown, before scrolling; the ratio is to a bare PySide6 window, for context",
        )
    ]


def _child(database: str) -> int:
    from techzone_crm.db.migrate import open_database
    from techzone_crm.ui.app import build_window, configure_logging, create_application
    from techzone_crm.ui.errors import ErrorReporter
    from techzone_crm.ui.main_window import CONTACTS

    app = create_application()
    reporter = ErrorReporter(configure_logging())
    db = open_database(database)
    window, runner, _loader = build_window(db, reporter)
    window.resize(*WINDOW_SIZE)
    window.show_page(CONTACTS)
    window.show()
    view = window.contacts
    model, table = view.model, view.table
    bar = table.verticalScrollBar()

    def on_screen_loaded() -> bool:
        first = table.rowAt(0)
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        return first < 0 or (
            model.cached_row(first) is not None and model.cached_row(last) is not None
        )

    wait_until(lambda: model.rowCount() > 0 and on_screen_loaded(), 60)
    opened = peak_rss_mb()
    started = time.perf_counter()
    steps = 0
    while True:
        if not wait_until(on_screen_loaded, 60):
            raise RuntimeError(f"rows at {bar.value()} did not arrive")
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + bar.pageStep())
        steps += 1
    took = time.perf_counter() - started
    report(
        rss_mb=peak_rss_mb(),
        opened_mb=opened,
        rows=model.rowCount(),
        steps=steps,
        pages=model.pages_requested,
        seconds=took,
    )
    window.close()
    runner.shutdown()
    db.close()
    del app
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the child on the database ``DB``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m benchmarks.memory_scroll DB", file=sys.stderr)
        return 2
    return _child(args[0])


if __name__ == "__main__":
    raise SystemExit(main())
