"""What every importer reads a file into: a header and rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    """The kinds of file the importers read."""

    CSV = "csv"
    XLSX = "xlsx"
    VCARD = "vcard"


@dataclass
class ImportTable:
    """A file as a table: column titles and rows of text cells (never None).

    Every row has exactly ``len(headers)`` cells. ``row_numbers[i]`` says where row ``i``
    is in the file, as a user would find it: the line of a CSV file (the header is line 1),
    the row of a sheet, or the number of the card in a vCard file.
    """

    format: SourceFormat
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    #: The encoding a CSV or vCard file was read with ("utf-8-sig", "utf-8", "cp1252" …).
    encoding: str = ""
    #: The delimiter of a CSV file.
    delimiter: str = ""
    #: The sheet an XLSX file was read from.
    sheet: str = ""
    #: For formats whose columns mean something fixed (vCard): column index → field value.
    fixed_fields: dict[int, str] = field(default_factory=dict)
    #: True when only the first rows were read (a preview).
    truncated: bool = False

    def __post_init__(self) -> None:
        if len(self.rows) != len(self.row_numbers):
            raise ValueError("every row needs its row number")
