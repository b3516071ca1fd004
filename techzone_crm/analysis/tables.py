"""The metrics and the gaps as tables: their rows, and CSV files (UTF-8, ``,``, RFC 4180) in
which no text cell can turn into a spreadsheet formula."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from techzone_crm.analysis.gaps import GapRow
from techzone_crm.analysis.metrics import MetricsResult, NodeMetrics

#: The columns of metrics.csv, one row per node of the analysed graph.
METRICS_HEADER: tuple[str, ...] = (
    "key",
    "label",
    "kind",
    "helix",
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "constraint",
    "effective_size",
    "community",
    "community_helix",
    "cross_helix_ties",
)
#: The columns of gaps.csv, most important gap first.
GAPS_HEADER: tuple[str, ...] = ("kind", "subject", "reason", "action", "owner")

# A spreadsheet reads a cell starting with one of these as a formula (or strips it).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

Cell = str | int | float | None


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: a leading ' before "=", "+", "-", "@"."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6g}" if math.isfinite(value) else ""
    return safe_text(value)


def metrics_row(row: NodeMetrics) -> tuple[Cell, ...]:
    """One node's cells, in the order of :data:`METRICS_HEADER`."""
    return tuple(getattr(row, name) for name in METRICS_HEADER)


def metrics_rows(metrics: MetricsResult) -> list[tuple[Cell, ...]]:
    """Every node's cells, the strongest brokers first (then by key)."""
    ordered = sorted(metrics.rows.values(), key=lambda r: (-r.betweenness, r.key))
    return [metrics_row(r) for r in ordered]


def gap_row(gap: GapRow) -> tuple[Cell, ...]:
    """One gap's cells, in the order of :data:`GAPS_HEADER`."""
    return (gap.kind.value, gap.subject, gap.reason, gap.action, gap.owner)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Path:
    """Write a CSV file: UTF-8 without BOM, ``,``-separated, CRLF line ends (RFC 4180)."""
    target = Path(path)
    with target.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(header)
        out.writerows([_cell(v) for v in row] for row in rows)
    return target


def write_metrics_csv(path: Path, metrics: MetricsResult) -> Path:
    """metrics.csv: one row per node with every metric and its community."""
    return write_csv(path, METRICS_HEADER, metrics_rows(metrics))


def write_gaps_csv(path: Path, gaps: Iterable[GapRow]) -> Path:
    """gaps.csv: kind, subject, reason, action and owner of every gap, in the given order."""
    return write_csv(path, GAPS_HEADER, (gap_row(g) for g in gaps))
