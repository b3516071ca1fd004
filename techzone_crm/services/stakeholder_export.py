"""Stakeholder lists out: people or organisations to XLSX, CSV, vCard, GraphML or GEXF.

One place for the GUI and the CLI. Rows are read in batches (a fixed number of queries per
batch), written through :mod:`techzone_crm.io` to a temporary file next to the target and
renamed at the end, so a cancelled or failed export leaves no partial file. Every export is
recorded in the export log in the caller's session (use a write session).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from techzone_crm.db.models import ExportKind, ExportLog
from techzone_crm.errors import UserError, ValidationError
from techzone_crm.gc_pause import collection_paused
from techzone_crm.io.csv_writer import write_csv
from techzone_crm.io.graph_writer import write_graph
from techzone_crm.io.rows import Row
from techzone_crm.io.vcard_writer import VCardContact, write_vcards
from techzone_crm.io.xlsx_writer import write_xlsx
from techzone_crm.services import organisations, people
from techzone_crm.services.common import MAX_PAGE, Page
from techzone_crm.services.export_graph import organisation_graph, people_graph
from techzone_crm.services.export_rows import (
    OrganisationValues,
    PersonValues,
    organisation_values,
    people_values,
)
from techzone_crm.services.validation import format_phone

BATCH = 1000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportFormat(StrEnum):
    """The file formats an export can write."""

    XLSX = "xlsx"
    CSV = "csv"
    CSV_NL = "csv-nl"
    VCARD = "vcard"
    GRAPHML = "graphml"
    GEXF = "gexf"


@dataclass(frozen=True)
class ExportColumn:
    """A column the user can pick; ``title`` is the English header text."""

    key: str
    title: str


PEOPLE_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Name"),
    ExportColumn("given_name", "Given name"),
    ExportColumn("name_prefix", "Name prefix"),
    ExportColumn("family_name", "Family name"),
    ExportColumn("title", "Title"),
    ExportColumn("organisation", "Organisation"),
    ExportColumn("role", "Role"),
    ExportColumn("helix", "Helix"),
    ExportColumn("level", "Government level"),
    ExportColumn("sectors", "Sectors"),
    ExportColumn("email", "E-mail"),
    ExportColumn("phone", "Phone"),
    ExportColumn("owner", "Owner"),
    ExportColumn("tags", "Tags"),
    ExportColumn("quadrant", "Quadrant"),
    ExportColumn("power", "Power"),
    ExportColumn("interest", "Interest"),
    ExportColumn("attitude", "Attitude"),
    ExportColumn("last_contact", "Last contact"),
    ExportColumn("days_since_contact", "Days since contact"),
    ExportColumn("agendas", "Agendas"),
    ExportColumn("do_not_contact", "Do not contact"),
)
ORGANISATION_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("name", "Name"),
    ExportColumn("short_name", "Short name"),
    ExportColumn("helix", "Helix"),
    ExportColumn("level", "Government level"),
    ExportColumn("sectors", "Sectors"),
    ExportColumn("region", "Region"),
    ExportColumn("partner", "Partner"),
    ExportColumn("website", "Website"),
    ExportColumn("address", "Address"),
    ExportColumn("postcode", "Postcode"),
    ExportColumn("city", "City"),
    ExportColumn("tags", "Tags"),
    ExportColumn("people", "People"),
    ExportColumn("quadrant", "Quadrant"),
    ExportColumn("agendas", "Agendas"),
)
DEFAULT_PEOPLE_COLUMNS: tuple[str, ...] = (
    "given_name",
    "name_prefix",
    "family_name",
    "organisation",
    "role",
    "helix",
    "email",
    "phone",
    "owner",
    "tags",
    "quadrant",
    "last_contact",
    "agendas",
    "do_not_contact",
)
DEFAULT_ORGANISATION_COLUMNS: tuple[str, ...] = tuple(c.key for c in ORGANISATION_COLUMNS)


class ExportCancelled(UserError):  # noqa: N818 (the name the GUI and CLI use)
    """The user stopped the export; no file was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    count: int
    format: ExportFormat


def _chosen(columns: Sequence[str], known: tuple[ExportColumn, ...]) -> list[ExportColumn]:
    by_key = {c.key: c for c in known}
    unknown = [c for c in columns if c not in by_key]
    if unknown:
        names = ", ".join(f"'{c}'" for c in unknown)
        raise ValidationError("columns", f"unknown column {names}; choose from {', '.join(by_key)}")
    if not columns:
        raise ValidationError("columns", "choose at least one column")
    return [by_key[c] for c in dict.fromkeys(columns)]


def _format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise ValidationError("format", f"unknown format '{fmt}'; choose from {choices}") from None


def _describe(query: Any, ids: Sequence[int] | None) -> str:
    """The filter in words, for the log: the selection, or the query's non-default fields."""
    if ids is not None:
        return f"{len(ids)} selected"
    if query is None or not dataclasses.is_dataclass(query) or isinstance(query, type):
        return "all"
    default = type(query)()
    given = [
        f"{f.name}={getattr(query, f.name)}"
        for f in dataclasses.fields(query)
        if getattr(query, f.name) != getattr(default, f.name)
        and f.name not in ("sort", "descending")
    ]
    return ", ".join(given) or "all"


def _batches(
    ids: Sequence[int], progress: Progress | None, cancelled: Cancelled | None
) -> Iterator[Sequence[int]]:
    total = len(ids)
    if progress:
        progress(0, total)
    for start in range(0, total, BATCH):
        if cancelled and cancelled():
            raise ExportCancelled
        yield ids[start : start + BATCH]
        if progress:
            progress(min(start + BATCH, total), total)
    if cancelled and cancelled():
        raise ExportCancelled


@contextlib.contextmanager
def _target(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path``; renamed to ``path`` only when the block succeeds."""
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError("path", f"the folder {folder} does not exist")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ValidationError("path", f"cannot write in {folder}: {exc.strerror}") from exc
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _log(
    session: Session, kind: ExportKind, result: ExportResult, exported_by: str, filter_text: str
) -> None:
    session.add(
        ExportLog(
            exported_by=exported_by,
            kind=kind,
            format=result.format.value,
            filter=filter_text,
            count=result.count,
            path=str(result.path.resolve()),
        )
    )
    session.flush()


_EMAIL_TYPES = {"work": "WORK", "private": "HOME"}
_PHONE_TYPES = {"mobile": "CELL", "work": "WORK", "private": "HOME"}


def _contact(values: PersonValues, include_notes: bool) -> VCardContact:
    cells = values.cells
    return VCardContact(
        given_name=str(cells["given_name"] or ""),
        family_name=str(cells["family_name"] or ""),
        name_prefix=str(cells["name_prefix"] or ""),
        honorific=str(cells["title"] or ""),
        full_name=str(cells["name"] or ""),
        organisation=str(cells["organisation"] or ""),
        job_title=str(cells["role"] or ""),
        emails=[(a, _EMAIL_TYPES.get(k, "INTERNET")) for a, k in values.emails],
        # International notation: an address book on a phone dials it from abroad too.
        phones=[
            (format_phone(n, home_region=""), _PHONE_TYPES.get(k, "VOICE"))
            for n, k in values.phones
        ],
        note=values.notes if include_notes else "",
        uid=f"techzone-crm-person-{values.id}",
    )


def _write_table(path: Path, fmt: ExportFormat, header: list[str], rows: Iterator[Row]) -> int:
    if fmt is ExportFormat.XLSX:
        return write_xlsx(path, header, rows)
    return write_csv(path, header, rows, "csv-nl" if fmt is ExportFormat.CSV_NL else "csv")


@collection_paused()
def export_people(
    session: Session,
    path: Path,
    fmt: ExportFormat | str,
    *,
    query: people.PersonQuery | None = None,
    ids: Sequence[int] | None = None,
    columns: Sequence[str] = DEFAULT_PEOPLE_COLUMNS,
    include_notes: bool = False,
    exported_by: str = "",
    filter_text: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: date | None = None,
) -> ExportResult:
    """Export people (``ids`` in that order, else those ``query`` lists) to ``path``."""
    chosen_format = _format(fmt)
    chosen = _chosen(columns, PEOPLE_COLUMNS)
    day = today or date.today()
    path = Path(path)
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
    else:
        wanted = people.ids_in_order(session, query or people.PersonQuery(), day)

    def values() -> Iterator[PersonValues]:
        for batch in _batches(wanted, progress, cancelled):
            yield from people_values(session, batch, day)

    with _target(path) as partial:
        if chosen_format is ExportFormat.VCARD:
            count = write_vcards(partial, (_contact(v, include_notes) for v in values()))
        elif chosen_format in (ExportFormat.GRAPHML, ExportFormat.GEXF):
            nodes, edges = people_graph(session, values(), chosen, day)
            write_graph(partial, nodes, edges, chosen_format.value)
            count = sum(1 for n in nodes if n.kind == "person")
        else:
            header = [c.title for c in chosen]
            rows = (tuple(v.cells[c.key] for c in chosen) for v in values())
            count = _write_table(partial, chosen_format, header, rows)
        result = ExportResult(path, count, chosen_format)
        _log(session, ExportKind.PEOPLE, result, exported_by, filter_text or _describe(query, ids))
    return result


def _organisation_ids(
    session: Session, query: organisations.OrganisationQuery, day: date
) -> list[int]:
    found: list[int] = []
    while True:
        page = organisations.list_organisations(session, query, Page(len(found), MAX_PAGE), day)
        found += [r.id for r in page]
        if len(page) < MAX_PAGE:
            return found


@collection_paused()
def export_organisations(
    session: Session,
    path: Path,
    fmt: ExportFormat | str,
    *,
    query: organisations.OrganisationQuery | None = None,
    ids: Sequence[int] | None = None,
    columns: Sequence[str] = DEFAULT_ORGANISATION_COLUMNS,
    exported_by: str = "",
    filter_text: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: date | None = None,
) -> ExportResult:
    """Export organisations (``ids`` in that order, else those ``query`` lists) to ``path``."""
    chosen_format = _format(fmt)
    if chosen_format is ExportFormat.VCARD:
        raise ValidationError("format", "vCard is for people; choose another format")
    chosen = _chosen(columns, ORGANISATION_COLUMNS)
    day = today or date.today()
    path = Path(path)
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
    else:
        wanted = _organisation_ids(session, query or organisations.OrganisationQuery(), day)

    def values() -> Iterator[OrganisationValues]:
        for batch in _batches(wanted, progress, cancelled):
            yield from organisation_values(session, batch, day)

    with _target(path) as partial:
        if chosen_format in (ExportFormat.GRAPHML, ExportFormat.GEXF):
            nodes, edges = organisation_graph(session, values(), chosen)
            write_graph(partial, nodes, edges, chosen_format.value)
            count = len(nodes)
        else:
            header = [c.title for c in chosen]
            rows = (tuple(v.cells[c.key] for c in chosen) for v in values())
            count = _write_table(partial, chosen_format, header, rows)
        result = ExportResult(path, count, chosen_format)
        kind = ExportKind.ORGANISATIONS
        _log(session, kind, result, exported_by, filter_text or _describe(query, ids))
    return result


__all__ = [
    "DEFAULT_ORGANISATION_COLUMNS",
    "DEFAULT_PEOPLE_COLUMNS",
    "ORGANISATION_COLUMNS",
    "PEOPLE_COLUMNS",
    "ExportCancelled",
    "ExportColumn",
    "ExportFormat",
    "ExportResult",
    "export_organisations",
    "export_people",
]
