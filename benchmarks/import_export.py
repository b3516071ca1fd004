"""The list figures: importing a people list from CSV, and exporting it to XLSX and CSV.

Import. Ours: the whole path of ``techzone-crm import`` – read the CSV
(:func:`~techzone_crm.io.readers.read_table`), suggest the mapping, plan the import (checks,
duplicates, organisations) and run it in one transaction – on a fresh, empty database.
Baseline: a raw ``sqlite3`` ``executemany`` of the same, already normalised rows into the
same tables (organisation, person, email_address, phone_number, affiliation) of another
fresh database with the same schema, in one transaction. It neither reads nor checks the
file. Target: at most 5 times the baseline.

Export. Ours: :func:`~techzone_crm.services.stakeholder_export.export_people` of every
imported person with the default columns (what the GUI and ``techzone-crm export`` write).
Baseline: one SQL query for the same people with their first e-mail address, phone number
and current organisation and role, written with a bare ``xlsxwriter`` (constant memory) or
``csv.writer`` loop. Targets: at most 3 times the bare loop for XLSX, 6 times for CSV (whose
bare loop is nearly free), and the time budget of :data:`EXPORT_BUDGET` seconds.
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import xlsxwriter

from benchmarks.generate_db import TODAY
from benchmarks.harness import Context, Result, seconds, time_ratio
from benchmarks.import_data import SCALES, STAMP, PeopleList, generate_people, write_csv
from techzone_crm.db.migrate import open_database
from techzone_crm.io.import_mapping import suggest_mapping
from techzone_crm.io.readers import read_table
from techzone_crm.services.importing import plan_import, run_import
from techzone_crm.services.stakeholder_export import DEFAULT_PEOPLE_COLUMNS, export_people

IMPORT_TARGET = 5.0
XLSX_TARGET = 3.0
CSV_TARGET = 6.0
#: Seconds an export of the full list may take.
EXPORT_BUDGET = 60.0
_ROWS = {
    "organisation": (
        "id, name, short_name, sort_name, helix, government_level, region, website, street, "
        "postal_code, city, is_partner, notes, parent_id, created_at, updated_at, version"
    ),
    "person": (
        "id, given_name, name_prefix, family_name, title, notes, sort_name, owner_id, "
        "backup_owner_id, do_not_contact, contact_interval_days, created_at, updated_at, version"
    ),
    "email_address": "person_id, address, kind, position",
    "phone_number": "person_id, number, kind, position",
    "affiliation": (
        "person_id, organisation_id, role, start_date, end_date, notes, created_at, "
        "updated_at, version"
    ),
}


def _fresh(path: Path) -> Path:
    path.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    open_database(path).close()
    return path


def _import_ours(ctx: Context, source: Path, made: PeopleList) -> tuple[list[float], Path]:
    times: list[float] = []
    target = ctx.workdir / "import-ours.sqlite"
    for run in range(1, ctx.repeat + 1):
        db = open_database(_fresh(target))
        try:
            started = time.perf_counter()
            table = read_table(source)
            mapping = suggest_mapping(table.headers)
            read = time.perf_counter()
            with db.sessions.begin() as session:
                plan = plan_import(session, table, mapping, source_name=source.name)
                planned = time.perf_counter()
                summary = run_import(session, plan)
            finished = time.perf_counter()
        finally:
            db.close()
        times.append(finished - started)
        ctx.log(
            f"ours, run {run}: {seconds(finished - started)} (read + mapping "
            f"{seconds(read - started)}, plan {seconds(planned - read)}, import and commit "
            f"{seconds(finished - planned)}); {len(summary.created):,} people created, "
            f"{len(summary.organisations_created):,} organisations"
        )
        if len(summary.created) != len(made.stored):
            ctx.log(f"  note: {len(made.stored):,} rows in the file, {summary.describe()}")
    return times, target


def _baseline_rows(made: PeopleList) -> dict[str, list[tuple[object, ...]]]:
    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in _ROWS}
    for oid, (name, helix) in enumerate(made.organisations, start=1):
        rows["organisation"].append(
            (oid, name, "", name.casefold(), helix, None, "", "", "", "", "", 0, "", None,
             STAMP, STAMP, 1)
        )  # fmt: skip
    for pid, p in enumerate(made.stored, start=1):
        rows["person"].append(
            (pid, p["given_name"], p["name_prefix"], p["family_name"], p["title"], "",
             p["sort_name"], None, None, 0, None, STAMP, STAMP, 1)
        )  # fmt: skip
        rows["email_address"].append((pid, p["email"], "work", 0))
        rows["phone_number"].append((pid, p["phone"], "work", 0))
        rows["affiliation"].append(
            (pid, p["organisation"], p["role"], None, None, "", STAMP, STAMP, 1)
        )
    return rows


def _import_baseline(ctx: Context, made: PeopleList) -> float:
    rows = _baseline_rows(made)
    target = _fresh(ctx.workdir / "import-baseline.sqlite")
    with closing(sqlite3.connect(target, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table, columns in _ROWS.items():
            marks = ", ".join("?" for _ in columns.split(","))
            conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[table])
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
    ctx.log(f"baseline: executemany of {sum(map(len, rows.values())):,} rows in {seconds(elapsed)}")
    return elapsed


_EXPORT_QUERY = """
SELECT p.given_name, p.name_prefix, p.family_name, o.name, a.role, o.helix,
       (SELECT address FROM email_address e WHERE e.person_id = p.id ORDER BY position LIMIT 1),
       (SELECT number FROM phone_number n WHERE n.person_id = p.id ORDER BY position LIMIT 1)
FROM person p
LEFT JOIN affiliation a ON a.person_id = p.id AND a.end_date IS NULL
LEFT JOIN organisation o ON o.id = a.organisation_id
GROUP BY p.id
ORDER BY p.sort_name
"""


def _bare_rows(db_path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db_path)) as conn:
        return list(conn.execute(_EXPORT_QUERY))


def _bare_xlsx(db_path: Path, out: Path, header: list[str]) -> None:
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("People")
    sheet.write_row(0, 0, header)
    for i, row in enumerate(_bare_rows(db_path), start=1):
        sheet.write_row(i, 0, row)
    book.close()


def _bare_csv(db_path: Path, out: Path, header: list[str]) -> None:
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(_bare_rows(db_path))


def _export(
    ctx: Context, db_path: Path, fmt: str, bare: Callable[[Path, Path, list[str]], None]
) -> tuple[list[float], float, int]:
    db = open_database(db_path)
    times: list[float] = []
    count = 0
    try:
        for run in range(1, ctx.repeat + 1):
            out = ctx.workdir / f"export-ours.{fmt}"
            started = time.perf_counter()
            with db.sessions.begin() as session:
                count = export_people(
                    session, out, fmt, columns=DEFAULT_PEOPLE_COLUMNS, today=TODAY
                ).count
            times.append(time.perf_counter() - started)
            ctx.log(f"ours, export to {fmt}, run {run}: {seconds(times[-1])} ({count:,} people)")
    finally:
        db.close()
    header = ["Given name", "Name prefix", "Family name", "Organisation", "Role", "Helix"]
    started = time.perf_counter()
    bare(db_path, ctx.workdir / f"export-baseline.{fmt}", [*header, "E-mail", "Phone"])
    baseline = time.perf_counter() - started
    ctx.log(f"baseline: bare {fmt} loop in {seconds(baseline)}")
    return times, baseline, count


def _export_result(
    label: str, fmt: str, measured: tuple[list[float], float, int], target: float
) -> Result:
    times, baseline, count = measured
    result = time_ratio(label, times, baseline, target, f"≤ {target:g}")
    mine = statistics.median(times)
    per_row = 1e6 * mine / count if count else float("nan")
    within = "within" if mine <= EXPORT_BUDGET else "OVER"
    return replace(
        result,
        note=f"{per_row:,.0f} µs per person; {within} the budget of {EXPORT_BUDGET:g} s; "
        f"baseline = one SQL query + bare {fmt} writer loop",
    )


def run(ctx: Context) -> list[Result]:
    """The import figure and the two export figures at ``ctx.scale``."""
    scale = SCALES[ctx.scale]
    started = time.perf_counter()
    made = generate_people(scale, ctx.seed)
    source = ctx.workdir / f"people-{ctx.scale}-{ctx.seed}.csv"
    write_csv(source, made)
    ctx.log(
        f"generated {len(made.cells):,} people at {len(made.organisations):,} organisations "
        f"({source.stat().st_size / 1e6:.1f} MB CSV) in {seconds(time.perf_counter() - started)}"
    )
    ours, imported = _import_ours(ctx, source, made)
    baseline = _import_baseline(ctx, made)
    people = f"{scale.people:,} people"
    result = time_ratio(
        f"import {people} from CSV", ours, baseline, IMPORT_TARGET, f"≤ {IMPORT_TARGET:g}"
    )
    imported_rows = replace(
        result,
        note=f"{scale.organisations:,} organisations; ours = read + mapping + checks + "
        "duplicates + import in one transaction, baseline = raw sqlite3 executemany of the "
        "normalised rows",
    )
    xlsx = _export(ctx, imported, "xlsx", _bare_xlsx)
    csv_figures = _export(ctx, imported, "csv-nl", _bare_csv)
    return [
        imported_rows,
        _export_result(f"export {people} to XLSX", "xlsx", xlsx, XLSX_TARGET),
        _export_result(f"export {people} to CSV", "csv", csv_figures, CSV_TARGET),
    ]
