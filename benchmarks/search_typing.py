"""Search as you type: each keystroke to the first page of results in the Contacts view.

A child process shows the real Contacts page on the generated database and types words
letter by letter into its search field. Each keystroke is timed from the text change to the
moment the first page of the new results is in the table's model: the field's report (its
200 ms pause for typing is skipped with ``flush()``), the model's reset with its counts,
the repaint that asks for the rows and the page query on the worker. Right after each
keystroke, the baseline runs the FTS5 query of the same prefix with plain ``sqlite3`` on
the same file and fetches the same first page (the ids in name order). Figure: p95 of ours
against p95 of the baseline, over every keystroke.

Child: ``python -m benchmarks.search_typing DB ROUNDS``.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import replace
from functools import partial

from benchmarks.generate_db import database_for
from benchmarks.gui_probe import WINDOW_SIZE, report, spawn, wait_until
from benchmarks.harness import Context, Result, millis, percentile

TARGET = 3.0
#: Typed letter by letter: common family names, a given name, a town and a part of a word.
WORDS = ("jans", "bakk", "emm", "wout", "dijkstra", "groningen")
PAGE = 200
RAW_PAGE = """
SELECT p.id, p.given_name, p.name_prefix, p.family_name
  FROM person AS p
 WHERE p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?)
 ORDER BY p.sort_name, p.id
 LIMIT ?
"""


def run(ctx: Context) -> list[Result]:
    """The search-as-you-type figure at ``ctx.scale``."""
    path, people = database_for(ctx)
    rounds = 1 if ctx.scale == "tiny" else max(3, ctx.repeat)
    args = [str(path), str(rounds)]
    _, found = spawn("benchmarks.search_typing", args, ctx.workdir / "home-search", 1800)
    ours, raw = found["ours"], found["raw"]
    ctx.log(
        f"search as you type: {len(ours)} keystrokes, ours median {millis(percentile(ours, 0.5))}"
        f" p95 {millis(percentile(ours, 0.95))} (slowest “{found['slowest']}”), "
        f"raw median {millis(percentile(raw, 0.5))} p95 {millis(percentile(raw, 0.95))}"
    )
    mine, base = percentile(ours, 0.95), percentile(raw, 0.95)
    ratio = mine / base if base > 0 else float("inf")
    result = Result(
        f"search as you type, p95 of a keystroke, {people:,} people",
        millis(mine),
        millis(base),
        ratio,
        f"{ratio:.2f}",
        TARGET,
        "≤ 3×",
    )
    differ = found["different_pages"]
    return [
        replace(
            result,
            note=f"{len(ours)} keystrokes typing {', '.join(WORDS)} ({rounds}×); ours = text "
            "change → first page in the Contacts view's model (without the 200 ms typing "
            "pause), baseline = sqlite3 FTS5 query + fetch of the same first page"
            + (f"; {differ} first pages differed from the baseline's!" if differ else ""),
        )
    ]


def _child(database: str, rounds: int) -> int:
    from techzone_crm.db.migrate import open_database
    from techzone_crm.ui.app import configure_logging, create_application
    from techzone_crm.ui.errors import ErrorReporter
    from techzone_crm.ui.tasks import TaskRunner
    from techzone_crm.ui.views.contacts_view import ContactsView

    app = create_application()
    db = open_database(database)
    runner = TaskRunner(db)
    view = ContactsView(db, runner, ErrorReporter(configure_logging()))
    view.resize(*WINDOW_SIZE)
    view.show()
    model = view.people_model
    signals = (model.page_loaded, model.counts_changed)

    def first_page_in(generation: int) -> bool:
        return model.generation > generation and (
            model.count == 0 or model.cached_row(0) is not None
        )

    wait_until(lambda: first_page_in(0), 60, signals)
    ours: list[float] = []
    raw: list[float] = []
    slowest = ("", 0.0)
    different = 0
    with closing(sqlite3.connect(database)) as conn:
        for _round in range(rounds):
            for word in WORDS:
                for end in range(1, len(word) + 1):
                    prefix = word[:end]
                    generation = model.generation
                    started = time.perf_counter()
                    view.search.setText(prefix)
                    view.search.flush()
                    if not wait_until(partial(first_page_in, generation), 60, signals):
                        raise RuntimeError(f"no results for {prefix!r} within a minute")
                    took = time.perf_counter() - started
                    ours.append(took)
                    slowest = max(slowest, (prefix, took), key=lambda s: s[1])
                    shown = min(model.count, model.page_size)
                    page = [model.cached_row(r) for r in range(shown)]
                    started = time.perf_counter()
                    rows = conn.execute(RAW_PAGE, (f'"{prefix}"*', PAGE)).fetchall()
                    raw.append(time.perf_counter() - started)
                    if [r.id for r in page if r is not None] != [r[0] for r in rows][:shown]:
                        different += 1
                view.search.clear()  # shows everyone again at once
                wait_until(partial(first_page_in, model.generation - 1), 60, signals)
    report(ours=ours, raw=raw, slowest=slowest[0], different_pages=different)
    runner.shutdown()
    db.close()
    del app
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the child on the database ``DB``, typing every word ``ROUNDS`` times."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m benchmarks.search_typing DB ROUNDS", file=sys.stderr)
        return 2
    return _child(args[0], int(args[1]))


if __name__ == "__main__":
    raise SystemExit(main())
