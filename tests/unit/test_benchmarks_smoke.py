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
    "import 300 people from CSV",
    "export 300 people to XLSX",
    "export 300 people to CSV",
    # The GUI figures name the people of the generated database (which depend on the seed).
    "search as you type, p95 of a keystroke, ",
    "cold start to the first painted window, ",
    "peak memory, Contacts scrolled to the end, ",
    "GUI heartbeat, longest gap during the analysis, 300 nodes / 1,500 ties",
    "GUI heartbeat, longest gap during the export of ",
    "GUI heartbeat, longest gap during the import of ",
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
        assert row.endswith(("pass", "MISSED", "not run"))
    assert "Python" in out and "CPUs" in out  # the machine it ran on
    assert (tmp_path / "network.png").stat().st_size > 0


def test_results_carry_finite_ratios_and_targets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bench = _benchmarks(monkeypatch)
    # Every figure ran in the test above; here a seed of its own through the API, on the
    # benchmarks whose results have a baseline ratio and on those with an absolute target.
    only = ["environment", "import", "memory"]
    results = bench.run_benchmarks("tiny", only=only, seed=1, workdir=tmp_path, log=lambda _m: None)
    expected = [f for f in FIGURES if not f.startswith(("search", "cold", "GUI"))]
    assert len(results) == len(expected)
    for result, figure in zip(results, expected, strict=True):
        assert result.figure.startswith(figure)
        if result.skipped:  # "not run", with the reason in the notes
            assert result.note.startswith("not run: ") and not result.passed
            continue
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


def test_the_register_keeps_the_network_inside_unchanged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _benchmarks(monkeypatch)
    generate_db = importlib.import_module("benchmarks.generate_db")
    register = importlib.import_module("benchmarks.generate_register")
    size = register.RegisterSize(people=1_000, organisations=120, interactions=1_500)
    alone = generate_db.generate_database(tmp_path / "net.sqlite", nodes=300, ties=1_500, seed=2)
    big = generate_db.generate_database(
        tmp_path / "big.sqlite", nodes=300, ties=1_500, seed=2, register=size
    )
    assert (big.nodes, big.ties) == (alone.nodes, alone.ties)
    assert big.rows["person"] == 1_000 and big.rows["organisation"] == 120
    assert big.rows["interaction"] == 1_500 and big.rows["affiliation"] > 1_000
    with closing(sqlite3.connect(big.path)) as conn:
        assert conn.execute("SELECT count(*) FROM person_fts").fetchone() == (1_000,)
        found = conn.execute(
            "SELECT count(*) FROM person_fts WHERE person_fts MATCH '\"example\"*'"
        ).fetchone()
        assert found == (1_000,)  # every e-mail address is in the search index
    # The network's own rows come first, with the same ids and values (the search index
    # differs: it holds the register too).
    core = [line for line in _dump(alone.path) if line.startswith("INSERT") and "_fts" not in line]
    assert set(core) <= set(_dump(big.path))
    scales = generate_db.SCALES
    assert scales["large"].register == register.RegisterSize(100_000, 20_000, 300_000)
    assert scales["large"].network_scale == "analysis" and scales["tiny"].network_scale == "tiny"


def test_figures_with_an_absolute_target_or_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    _benchmarks(monkeypatch)
    harness = importlib.import_module("benchmarks.harness")
    memory = harness.absolute("memory", 250.0, "250 MB", "60 MB", 60.0, 300.0, "≤ 300 MB")
    assert memory.passed and memory.status == "pass" and memory.ratio_text == "4.17"
    over = harness.absolute("memory", 310.0, "310 MB", "60 MB", 60.0, 300.0, "≤ 300 MB")
    assert not over.passed and over.status == "MISSED"
    skipped = harness.not_run("import", "≤ 100 ms", "importer missing")
    assert skipped.status == "not run" and not skipped.passed
    text = harness.table([memory, skipped])
    assert "not run" in text and "- import: not run: importer missing" in text
    assert harness.percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.95) == 5.0
    assert harness.percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
