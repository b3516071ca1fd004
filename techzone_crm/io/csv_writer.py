"""CSV files in two dialects: Dutch Excel (``;``, UTF-8 with BOM) and RFC 4180 (``,``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from techzone_crm.io.rows import Cell
from techzone_crm.io.sanitise import cell_text


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file is written."""

    delimiter: str
    encoding: str
    decimal_comma: bool


#: What Dutch Excel opens by double-click: ``;`` between fields, a BOM so it reads UTF-8.
EXCEL_NL = CsvDialect(delimiter=";", encoding="utf-8-sig", decimal_comma=True)
#: RFC 4180: ``,`` between fields, UTF-8 without BOM.
RFC_4180 = CsvDialect(delimiter=",", encoding="utf-8", decimal_comma=False)
DIALECTS = {"csv-nl": EXCEL_NL, "csv": RFC_4180}


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    dialect: CsvDialect | str = RFC_4180,
) -> int:
    """Write ``header`` and ``rows`` to ``path``; returns the number of rows written."""
    chosen = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    count = 0
    with path.open("w", encoding=chosen.encoding, newline="") as f:
        writer = csv.writer(
            f, delimiter=chosen.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
        writer.writerow([cell_text(title) for title in header])
        for row in rows:
            writer.writerow([cell_text(cell, chosen.decimal_comma) for cell in row])
            count += 1
    return count
