"""The benchmark harness at its tiny scale, so that it cannot rot (no speed is asserted)."""

from __future__ import annotations

import importlib
import math
import sqlite3
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "environment analysis, 300 nodes / 1,500 ties",
    "top-20 brokers agree with exact betweenness",
)


def _benchmarks(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("benchmarks.__main__")


def test_tiny_run_prints_every_figure_with_a_ratio(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _benchmarks(monkeypatch)
    code = bench.main(["--scale", "tiny", "--workdir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "baseline: exact betweenness" in err  # progress goes to standard error
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("figure"))
    assert lines[header].split() == ["figure", "ours", "baseline", "ratio", "target", "result"]
    assert set(lines[header + 1]) <= {"-", " "}
    rows = lines[header + 2 : header + 2 + len(FIGURES)]
    for figure, row in zip(FIGURES, rows, strict=True):
        assert row.startswith(figure)
        assert row.split()[-1] in ("pass", "MISSED")
    assert "Python" in out and "CPUs" in out  # the machine it ran on
    assert (tmp_path / "network.png").stat().st_size > 0


def test_results_carry_finite_ratios_and_targets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bench = _benchmarks(monkeypatch)
    results = bench.run_benchmarks("tiny", seed=1, workdir=tmp_path, log=lambda _m: None)
    assert [r.figure for r in results] == list(FIGURES)
    for result in results:
        assert math.isfinite(result.ratio) and result.ratio > 0
        assert result.ratio_text and result.target_text
        assert isinstance(result.passed, bool)
    with pytest.raises(ValueError, match="no benchmark called nothing"):
        bench.run_benchmarks("tiny", only=["nothing"], workdir=tmp_path)


def test_the_generated_database_is_reproducible(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _benchmarks(monkeypatch)
    generate_db = importlib.import_module("benchmarks.generate_db")
    first = generate_db.generate_scale(tmp_path / "a.sqlite", "tiny", seed=5)
    second = generate_db.generate_scale(tmp_path / "b.sqlite", "tiny", seed=5)
    other = generate_db.generate_scale(tmp_path / "c.sqlite", "tiny", seed=6)
    assert (first.nodes, first.ties, first.rows) == (second.nodes, second.ties, second.rows)
    assert first.nodes == 300 and first.ties >= 1_500
    assert first.rows["relationship"] > 0 and first.rows["interaction_attendee"] > 0
    assert other.rows != first.rows
    assert _dump(first.path) == _dump(second.path) != _dump(other.path)


def _dump(path: Path) -> list[str]:
    # Sorted: the schema's indexes may be created in another order; the rows must be equal.
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.iterdump())
