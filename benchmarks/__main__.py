"""``python -m benchmarks``: run the benchmarks and print the table of figures.

Every figure is a ratio against a baseline measured in the same run, on data generated from
the seed, so runs on a shared, noisy machine still compare. Progress goes to standard error,
the table to standard output.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks import (
    cold_start,
    environment_analysis,
    import_export,
    memory_scroll,
    responsiveness,
    search_typing,
)
from benchmarks.generate_db import SCALES
from benchmarks.harness import Context, Result, log_to_stderr, machine, stamp, table

#: Benchmark name → what runs it; each gives one or more figures.
BENCHMARKS: dict[str, Callable[[Context], list[Result]]] = {
    "environment": environment_analysis.run,
    "import": import_export.run,
    "search": search_typing.run,
    "start": cold_start.run,
    "memory": memory_scroll.run,
    "responsiveness": responsiveness.run,
}


def build_parser() -> argparse.ArgumentParser:
    """The command line of the benchmarks."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run the benchmarks of TechZone CRM and print figure, our time, baseline "
        "time, ratio, target and pass/fail. Every target holds at the 'large' scale; the "
        "environment figures also at 'analysis' (the same network); 'tiny' only checks that "
        "the harness works.",
    )
    parser.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="analysis",
        help="size of the generated data: tiny (300 nodes); region (about 3,000 people, all "
        "in the analysis graph); analysis (default: 5,000 nodes / 25,000 ties, 4,326 people); "
        "large (100,000 people, 20,000 organisations, 300,000 interactions, with the "
        "'analysis' network inside). Search, start, memory and responsiveness are figures "
        "of the large scale (their targets speak of 100,000 people)",
    )
    parser.add_argument(
        "--only",
        metavar="NAME",
        action="append",
        help=f"run only this one (repeatable): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs of our side, of which the median counts (default: 3, at tiny scale 1)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the generated databases and pictures here (default: a temporary folder)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a figure misses its target"
    )
    return parser


def run_benchmarks(
    scale: str,
    *,
    only: Sequence[str] | None = None,
    seed: int = 0,
    repeat: int = 1,
    workdir: Path,
    log: Callable[[str], None] = log_to_stderr,
) -> list[Result]:
    """Run the chosen benchmarks (all by default); returns their figures in table order."""
    names = list(only or BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise ValueError(
            f"no benchmark called {', '.join(unknown)}; there are: {', '.join(BENCHMARKS)}"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = Context(scale=scale, seed=seed, workdir=workdir, repeat=max(1, repeat), log=log)
    results: list[Result] = []
    for name in names:
        log(f"== {name} ({scale}, seed {seed})")
        results.extend(BENCHMARKS[name](ctx))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    repeat = args.repeat if args.repeat is not None else (1 if args.scale == "tiny" else 3)
    try:
        with tempfile.TemporaryDirectory(prefix="techzone-bench-") as scratch:
            results = run_benchmarks(
                args.scale,
                only=args.only,
                seed=args.seed,
                repeat=repeat,
                workdir=args.workdir or Path(scratch),
            )
    except ValueError as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 2
    header = f"Benchmarks · scale {args.scale} · seed {args.seed} · {stamp()}\n{machine()}\n"
    print(table(results, header))
    return 1 if args.strict and not all(r.passed for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
