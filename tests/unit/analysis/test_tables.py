"""metrics.csv and gaps.csv: RFC 4180, UTF-8, and no text cell a spreadsheet runs as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

from techzone_crm.analysis.gaps import GapKind, GapRow, find_gaps
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.metrics import compute_metrics
from techzone_crm.analysis.tables import (
    GAPS_HEADER,
    METRICS_HEADER,
    safe_text,
    write_csv,
    write_gaps_csv,
    write_metrics_csv,
)
from tests.unit.analysis.conftest import Region


def test_text_that_looks_like_a_formula_is_shown_literally() -> None:
    for hostile in ('=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_text(hostile) == "'" + hostile
    for plain in ("Gemeente Emmen", "'quoted", "a=b", ""):
        assert safe_text(plain) == plain


def test_csv_is_rfc_4180_utf8_without_bom(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        ("text", "number", "empty"),
        [('Hélène "de" Vries, Emmen\nline two', -0.5, None), ("=1+1", 3, True)],
    )
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"text,number,empty\r\n")
    assert b'"H\xc3\xa9l\xc3\xa8ne ""de"" Vries, Emmen\nline two"' in raw
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["text", "number", "empty"],
        ['Hélène "de" Vries, Emmen\nline two', "-0.5", ""],
        ["'=1+1", "3", "true"],
    ]


def test_metrics_csv_has_every_node_with_its_community(region: Region, tmp_path: Path) -> None:
    graph = build_graph(region.data)
    metrics = compute_metrics(graph)
    with write_metrics_csv(tmp_path / "metrics.csv", metrics).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == METRICS_HEADER
    assert {r["key"] for r in rows} == set(graph)
    by_key = {r["key"]: r for r in rows}
    els = metrics.rows[region.els]
    assert by_key[region.els]["label"] == "Els Smit"
    assert int(by_key[region.els]["community"]) == els.community
    assert float(by_key[region.els]["betweenness"]) == float(f"{els.betweenness:.6g}")
    # Nodes without ties have no constraint: the cell is empty, not "nan".
    assert all(r["constraint"] != "nan" for r in rows)


def test_gaps_csv_keeps_the_order_and_neutralises_formulas(region: Region, tmp_path: Path) -> None:
    gaps = find_gaps(region.data)
    hostile = GapRow(GapKind.HELIX_IMBALANCE, "=cmd|' /C calc'!A0", "x", "why", "act", "-owner")
    path = write_gaps_csv(tmp_path / "gaps.csv", [*gaps, hostile])
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == GAPS_HEADER
    assert [r[1] for r in rows[1:-1]] == [g.subject for g in gaps]
    assert all(r[2] for r in rows[1:])
    assert rows[-1] == ["helix_imbalance", "'=cmd|' /C calc'!A0", "why", "act", "'-owner"]
