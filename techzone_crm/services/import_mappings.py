"""Saved import mappings: the fields of a recurring file's columns, stored by column title."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import ImportMapping
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.io.import_fields import REPEATABLE, ImportField
from techzone_crm.services import validation as v
from techzone_crm.text import clean, fold


@dataclass(frozen=True)
class SavedMapping:
    """A named mapping: column title → the field that column holds."""

    id: int
    name: str
    columns: dict[str, ImportField]


def _decode(text: str) -> dict[str, ImportField]:
    """The stored columns; values this version does not know are left out."""
    try:
        raw = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    known = {f.value for f in ImportField}
    return {
        str(title): ImportField(value)
        for title, value in raw.items()
        if isinstance(value, str) and value in known
    }


def _saved(row: ImportMapping) -> SavedMapping:
    return SavedMapping(row.id, row.name, _decode(row.columns))


def list_mappings(session: Session) -> list[SavedMapping]:
    """Every saved mapping, by name."""
    rows = session.scalars(select(ImportMapping))
    return sorted((_saved(r) for r in rows), key=lambda m: m.name.casefold())


def _find(session: Session, name: str) -> ImportMapping | None:
    return session.scalar(select(ImportMapping).where(ImportMapping.name == clean(name)))


def get_mapping(session: Session, name: str) -> SavedMapping:
    """The mapping saved as ``name``; a NotFoundError lists the names there are."""
    row = _find(session, name)
    if row is None:
        names = [m.name for m in list_mappings(session)]
        known = f"saved mappings: {', '.join(names)}" if names else "no mappings are saved yet"
        raise NotFoundError(f"There is no saved mapping '{clean(name)}' ({known}).")
    return _saved(row)


def save_mapping(
    session: Session, name: str, headers: Sequence[str], mapping: Mapping[int, ImportField]
) -> SavedMapping:
    """Store which field each titled column holds under ``name`` (replacing a mapping so named)."""
    clean_name = v.required("name", name, 100)
    columns: dict[str, str] = {}
    for index, import_field in sorted(mapping.items()):
        if not 0 <= index < len(headers):
            raise ValidationError("mapping", f"there is no column {index + 1}")
        title = headers[index]
        if not clean(title):
            raise ValidationError("mapping", f"column {index + 1} has no title to save it by")
        columns.setdefault(title, ImportField(import_field).value)
    if not columns:
        raise ValidationError("mapping", "map at least one column before saving")
    row = _find(session, clean_name)
    if row is None:
        row = ImportMapping(name=clean_name)
        session.add(row)
    row.columns = json.dumps(columns, ensure_ascii=False, sort_keys=True)
    session.flush()
    return _saved(row)


def delete_mapping(session: Session, name: str) -> None:
    """Forget the mapping saved as ``name``."""
    row = _find(session, name)
    if row is None:
        get_mapping(session, name)  # raises the NotFoundError naming the saved ones
        return
    session.delete(row)
    session.flush()


def _title_key(title: str) -> str:
    return fold(clean(title))


def mapping_for(headers: Sequence[str], saved: SavedMapping) -> dict[int, ImportField]:
    """The saved mapping applied to a file's ``headers`` (titles compare loosely).

    A title that appears in several columns maps each of them when its field may be fed by
    several columns (e-mail addresses, phones, tags, notes), else only the first.
    """
    exact = saved.columns
    loose = {_title_key(t): f for t, f in exact.items()}
    result: dict[int, ImportField] = {}
    taken: set[ImportField] = set()
    for index, title in enumerate(headers):
        found = exact.get(title) or loose.get(_title_key(title))
        if found is None or (found in taken and found not in REPEATABLE):
            continue
        result[index] = found
        taken.add(found)
    return result
