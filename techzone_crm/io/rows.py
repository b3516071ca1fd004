"""The plain rows every writer takes: a header of titles and rows of simple cells."""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

#: One cell: text, a number, a date or nothing.
Cell: TypeAlias = str | int | float | date | None
Row: TypeAlias = tuple[Cell, ...]
