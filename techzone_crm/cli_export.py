"""`techzone-crm export people|organisations --format F -o FILE [filters]`: stakeholder lists
as XLSX, CSV (Dutch Excel or RFC 4180), vCard, GraphML or GEXF – the same files as the GUI."""

from __future__ import annotations

import argparse
import getpass
from datetime import date
from pathlib import Path

from techzone_crm.cli_filters import add_filter_options, organisation_query, person_query
from techzone_crm.db.engine import Database
from techzone_crm.errors import UserError, ValidationError
from techzone_crm.services.stakeholder_export import (
    DEFAULT_ORGANISATION_COLUMNS,
    DEFAULT_PEOPLE_COLUMNS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    ExportFormat,
    export_organisations,
    export_people,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `export` sub-command with one sub-command per list (its filters combine)."""
    export = sub.add_parser(
        "export",
        help="write people or organisations to XLSX, CSV, vCard, GraphML or GEXF",
        description="Export a filtered list of people or organisations. Every export of "
        "personal data is recorded in the export log.",
    )
    lists = export.add_subparsers(dest="kind", metavar="LIST", required=True)
    for kind, columns, defaults in (
        ("people", PEOPLE_COLUMNS, DEFAULT_PEOPLE_COLUMNS),
        ("organisations", ORGANISATION_COLUMNS, DEFAULT_ORGANISATION_COLUMNS),
    ):
        parser = lists.add_parser(kind, help=f"export {kind} (filters combine)")
        parser.add_argument(
            "--format",
            dest="export_format",
            required=True,
            choices=[f.value for f in ExportFormat],
            help="xlsx; csv-nl (';', UTF-8 with BOM, for Dutch Excel); csv (RFC 4180, ','); "
            "vcard (address books, people only); graphml or gexf (network)",
        )
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
        parser.add_argument(
            "--columns",
            metavar="A,B,C",
            help=f"columns in this order (default: {','.join(defaults)}; "
            f"all: {','.join(c.key for c in columns)})",
        )
        if kind == "people":
            parser.add_argument(
                "--notes", action="store_true", help="vCard: put each person's notes in NOTE"
            )
        add_filter_options(parser, for_people=kind == "people")


def _columns(given: str | None, defaults: tuple[str, ...]) -> list[str]:
    if not given:
        return list(defaults)
    columns = [c.strip() for c in given.split(",") if c.strip()]
    if not columns:
        raise UserError("--columns: name at least one column.")
    return columns


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def run(db: Database, args: argparse.Namespace, today: date | None = None) -> int:
    """Run `export`; bad input raises :class:`UserError` (exit code 2)."""
    out = Path(args.output)
    if out.is_dir():
        raise UserError(f"-o: {out} is a folder; give a file name.")
    filter_text = ""
    try:
        with db.sessions.begin() as session:
            if args.kind == "people":
                result = export_people(
                    session,
                    out,
                    args.export_format,
                    query=person_query(session, args),
                    columns=_columns(args.columns, DEFAULT_PEOPLE_COLUMNS),
                    include_notes=args.notes,
                    exported_by=_user(),
                    filter_text=filter_text,
                    today=today,
                )
            else:
                result = export_organisations(
                    session,
                    out,
                    args.export_format,
                    query=organisation_query(session, args),
                    columns=_columns(args.columns, DEFAULT_ORGANISATION_COLUMNS),
                    exported_by=_user(),
                    filter_text=filter_text,
                    today=today,
                )
    except ValidationError as exc:
        option = {"columns": "--columns", "format": "--format", "path": "-o"}.get(exc.field)
        if option:
            raise UserError(f"{option}: {exc.problem}.") from exc
        raise
    what = args.kind if result.count != 1 else {"people": "person"}.get(args.kind, "organisation")
    print(f"Wrote {result.count:,} {what} to {out}")
    return 0
