"""What every benchmark shares: its results, the table, the machine, timing and progress."""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Result:
    """One figure of the table: our value, the baseline's, their ratio and the target.

    ``ratio`` is ours / baseline for times, or the share that agrees for an agreement; it is
    what ``target`` is checked against (``at_most`` or at least).
    """

    figure: str
    ours: str
    baseline: str
    ratio: float
    ratio_text: str
    target: float
    target_text: str
    at_most: bool = True
    note: str = ""
    #: An absolute target (as "≤ 300 MB"): ``value`` ≤ ``limit`` passes, the ratio is context.
    limit: float | None = None
    value: float = math.nan
    #: Why the figure was not measured ("" when it was).
    skipped: str = ""

    @property
    def passed(self) -> bool:
        """Whether the figure meets its target."""
        if self.skipped:
            return False
        if self.limit is not None:
            return math.isfinite(self.value) and self.value <= self.limit
        if not math.isfinite(self.ratio):
            return False
        return self.ratio <= self.target if self.at_most else self.ratio >= self.target

    @property
    def status(self) -> str:
        """ "pass", "MISSED" or "not run"."""
        if self.skipped:
            return "not run"
        return "pass" if self.passed else "MISSED"


@dataclass(frozen=True)
class Context:
    """What a benchmark run is told: scale, seed, where to put files, how to report."""

    scale: str
    seed: int
    workdir: Path
    repeat: int
    log: Callable[[str], None]


def seconds(value: float) -> str:
    """ "0.84 s", "12.3 s", "6 min 05 s"."""
    if value < 10:
        return f"{value:.2f} s"
    if value < 120:
        return f"{value:.1f} s"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest:02d} s"


def fraction(ratio: float) -> str:
    """A small ratio as "1/57", a larger one as "0.84" or "1.30"."""
    if not math.isfinite(ratio) or ratio <= 0:
        return "n/a"
    if ratio < 0.5:
        return f"1/{1 / ratio:.0f}"
    return f"{ratio:.2f}"


def time_ratio(
    figure: str, ours: Sequence[float], baseline: float, target: float, target_text: str
) -> Result:
    """A figure "our time ≤ target × the baseline's time"; ours is the median of the runs."""
    mine = statistics.median(ours)
    ratio = mine / baseline if baseline > 0 else math.inf
    runs = f" (median of {len(ours)})" if len(ours) > 1 else ""
    return Result(
        figure, seconds(mine) + runs, seconds(baseline), ratio, fraction(ratio), target, target_text
    )


def millis(value: float) -> str:
    """A duration in seconds as "12.4 ms" (or in seconds from 10 s on)."""
    return f"{value * 1000:.1f} ms" if value < 10 else seconds(value)


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` percentile of ``values`` (nearest rank: a value that was measured)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def absolute(
    figure: str,
    value: float,
    ours: str,
    baseline: str,
    baseline_value: float,
    limit: float,
    target_text: str,
    note: str = "",
) -> Result:
    """A figure with an absolute target (``value`` ≤ ``limit``); the ratio to the baseline
    measured in the same run is shown for context."""
    ratio = value / baseline_value if baseline_value > 0 else math.inf
    return Result(
        figure, ours, baseline, ratio, fraction(ratio), limit, target_text,
        note=note, limit=limit, value=value,
    )  # fmt: skip


def not_run(figure: str, target_text: str, reason: str) -> Result:
    """A figure that could not be measured, with the reason in the table's notes."""
    return Result(
        figure, "–", "–", math.nan, "–", math.nan, target_text,
        note=f"not run: {reason}", skipped=reason,
    )  # fmt: skip


def machine() -> str:
    """ "2 CPUs · Intel(R) Xeon(R) Processor · Python 3.11.7 · Linux"."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 0
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpus} CPUs · {model} · Python {platform.python_version()} · {platform.system()}"


def table(results: Sequence[Result], header: str = "") -> str:
    """The results as a fixed-width table (with ``header`` above it)."""
    columns = ("figure", "ours", "baseline", "ratio", "target", "result")
    body = [
        (
            r.figure,
            r.ours,
            r.baseline,
            r.ratio_text,
            r.target_text,
            r.status,
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [columns, *body]) for i in range(len(columns))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [header] if header else []
    lines += [line(columns), rule, *(line(row) for row in body)]
    notes = [f"- {r.figure}: {r.note}" for r in results if r.note]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def stamp() -> str:
    """The local date and time of the run."""
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def log_to_stderr(message: str) -> None:
    """Progress goes to standard error, so that the table alone is on standard output."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def heartbeat(log: Callable[[str], None], what: str, every: float = 30.0) -> Iterator[None]:
    """Say what runs, and every ``every`` seconds how long it has run, until it ends."""
    log(f"{what} …")
    started = time.perf_counter()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(every):
            log(f"  … {what}: {seconds(time.perf_counter() - started)} so far")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        log(f"  {what}: {seconds(time.perf_counter() - started)}")
