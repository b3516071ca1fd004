"""Import tables built in code, as the file readers would return them."""

from __future__ import annotations

from collections.abc import Sequence

from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.table import ImportTable, SourceFormat

#: The columns of most test tables and the fields they are mapped to.
COLUMNS: dict[str, ImportField] = {
    "Voornaam": ImportField.GIVEN_NAME,
    "Tussenvoegsel": ImportField.NAME_PREFIX,
    "Achternaam": ImportField.FAMILY_NAME,
    "E-mailadres": ImportField.EMAIL,
    "Telefoon": ImportField.PHONE,
    "Organisatie": ImportField.ORGANISATION,
    "Functie": ImportField.ROLE,
    "Tags": ImportField.TAGS,
}


def table(rows: Sequence[Sequence[str]], headers: Sequence[str] = tuple(COLUMNS)) -> ImportTable:
    """A CSV-like table; row ``i`` is line ``i + 2`` (the header is line 1)."""
    cells = [list(r) + [""] * (len(headers) - len(r)) for r in rows]
    return ImportTable(
        SourceFormat.CSV,
        list(headers),
        cells,
        list(range(2, len(cells) + 2)),
        encoding="utf-8",
        delimiter=";",
    )


def mapping(headers: Sequence[str] = tuple(COLUMNS)) -> dict[int, ImportField]:
    """Each column of ``headers`` mapped by its title in COLUMNS."""
    return {i: COLUMNS[h] for i, h in enumerate(headers) if h in COLUMNS}
