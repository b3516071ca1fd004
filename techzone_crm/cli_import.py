"""`techzone-crm import FILE`: people from CSV, XLSX or vCard, all or nothing by default.

The mapping of columns to fields is suggested from the headers, taken from a saved mapping
(``--mapping``) and adjusted with ``--map``. Every row is checked first; when a row is
rejected nothing is written unless ``--skip-invalid`` is given. The import runs in one write
transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix
from techzone_crm.errors import UserError, ValidationError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.import_mapping import check_mapping, suggest_mapping
from techzone_crm.io.readers import read_table
from techzone_crm.io.table import ImportTable
from techzone_crm.services.importing import (
    DuplicateAction,
    ImportPlan,
    ImportRejected,
    get_mapping,
    mapping_for,
    plan_import,
    run_import,
    save_mapping,
)

EXIT_OK = 0
EXIT_REJECTED = 2
#: Files with at least this many rows show progress (on a terminal only).
PROGRESS_FROM = 2_000
_IGNORE = ("", "-", "none", "ignore")

Progress = Callable[[int, int], None]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `import` sub-command."""
    parser = sub.add_parser(
        "import",
        help="import people from a CSV, XLSX or vCard file",
        description="Import people (with their organisations, roles, e-mail addresses and "
        "phone numbers) from a CSV, XLSX or vCard file. All or nothing: when a row is "
        "rejected, the report is printed, nothing is written and the exit status is 2.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--mapping", metavar="NAME", help="use this saved column mapping")
    parser.add_argument(
        "--save-mapping", metavar="NAME", help="save the mapping used under this name"
    )
    parser.add_argument(
        "--map",
        dest="maps",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column (its header or its number, 1 = first) to a field, or to '-' to "
        f"ignore it; fields: {', '.join(f.value for f in ImportField)}",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and report problems and duplicates; write nothing",
    )
    parser.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, report the others"
    )
    parser.add_argument(
        "--on-duplicate",
        choices=[a.value for a in DuplicateAction],
        help="what to do with every row that matches a person already there "
        "(default: what the report suggests for each)",
    )
    parser.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV or vCard file")
    parser.add_argument("--delimiter", metavar="D", help="column separator of a CSV file")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX file to read")
    parser.add_argument(
        "--helix",
        choices=[h.value for h in Helix],
        help="helix of new organisations that the file and their names do not tell",
    )


def _field(text: str) -> ImportField | None:
    if text.strip().lower() in _IGNORE:
        return None
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return ImportField(wanted)
    except ValueError:
        fields = ", ".join(f.value for f in ImportField)
        raise UserError(f"--map: unknown field '{text}'; choose from {fields}, or '-'.") from None


def _column(headers: Sequence[str], text: str) -> int:
    wanted = text.strip()
    if wanted.isdigit() and not any(h.strip() == wanted for h in headers):
        number = int(wanted)
        if 1 <= number <= len(headers):
            return number - 1
        raise UserError(f"--map: there is no column {number}; the file has {len(headers)}.")
    found = [i for i, h in enumerate(headers) if h.strip().casefold() == wanted.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        numbers = ", ".join(str(i + 1) for i in found)
        raise UserError(f"--map: several columns are called '{wanted}' ({numbers}); use a number.")
    raise UserError(f"--map: the file has no column '{wanted}'.")


def apply_maps(
    headers: Sequence[str], mapping: Mapping[int, ImportField], maps: Sequence[str]
) -> dict[int, ImportField]:
    """``mapping`` with each "COLUMN=FIELD" of ``maps`` applied in order."""
    result = dict(mapping)
    for given in maps:
        column, sep, field = given.rpartition("=")
        if not sep or not column.strip():
            raise UserError(f"--map: write COLUMN=FIELD, not '{given}'.")
        index = _column(headers, column)
        chosen = _field(field)
        if chosen is None:
            result.pop(index, None)
        else:
            result[index] = chosen
    return dict(sorted(result.items()))


def _mapping(db: Database, table: ImportTable, args: argparse.Namespace) -> dict[int, ImportField]:
    if args.mapping:
        with db.read() as session:
            saved = get_mapping(session, args.mapping)
        mapping = mapping_for(table.headers, saved)
    elif table.fixed_fields:
        mapping = {i: ImportField(f) for i, f in table.fixed_fields.items()}
    else:
        mapping = suggest_mapping(table.headers)
    mapping = apply_maps(table.headers, mapping, args.maps)
    try:
        check_mapping(mapping)
    except ValidationError as exc:
        raise UserError(f"{exc.problem}. Map the columns with --map COLUMN=FIELD.") from exc
    return mapping


def describe_mapping(headers: Sequence[str], mapping: Mapping[int, ImportField]) -> str:
    """ "Columns:" and one "  header → field" line per mapped column, then the ignored ones."""
    lines = ["Columns:"]
    lines += [f"  {headers[i] or f'column {i + 1}'} → {f.value}" for i, f in mapping.items()]
    ignored = [h or f"column {i + 1}" for i, h in enumerate(headers) if i not in mapping]
    if ignored:
        # Titles may hold commas themselves (Outlook's "Werkadres, straat").
        lines.append(f"  ignored: {' · '.join(ignored)}")
    return "\n".join(lines)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def dry_run_outcome(plan: ImportPlan, on_duplicate: DuplicateAction | None, skip: bool) -> str:
    """What the import would do, in one paragraph."""
    actions: Counter[DuplicateAction] = Counter()
    for candidate in plan.candidates:
        duplicate = plan.duplicates.get(candidate.row)
        if duplicate is None:
            actions[DuplicateAction.CREATE] += 1
        else:
            actions[on_duplicate or duplicate.default_action] += 1
    rejected = len(plan.rejected_rows)
    if rejected and not skip:
        return (
            "Dry run: the import would be refused because "
            f"{_plural(rejected, 'row has', 'rows have')} problems (--skip-invalid imports the "
            "others). Nothing was written."
        )
    parts = [
        f"{_plural(actions[DuplicateAction.CREATE], 'person', 'people')} created",
        f"{actions[DuplicateAction.MERGE]:,} merged into people already there",
        f"{actions[DuplicateAction.SKIP]:,} skipped",
    ]
    if rejected:
        parts.append(f"{_plural(rejected, 'rejected row', 'rejected rows')} left out")
    new = len(plan.organisations_new)
    return (
        f"Dry run: {', '.join(parts)}; "
        f"{_plural(new, 'new organisation', 'new organisations')}. Nothing was written."
    )


def _progress(label: str, rows: int) -> Progress | None:
    """A progress line on standard error, for big files on a terminal."""
    if rows < PROGRESS_FROM or not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == shown[0]:
            return
        shown[0] = percent
        end = "\n" if done >= total else ""
        print(
            f"\r{label}: {done:,} of {total:,} ({percent}%)", end=end, file=sys.stderr, flush=True
        )

    return report


def run(db: Database, args: argparse.Namespace) -> int:
    """Run `import`; a refused file or bad option raises :class:`UserError` (exit code 2)."""
    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"{path}: no such file.")
    table = read_table(path, encoding=args.encoding, delimiter=args.delimiter, sheet=args.sheet)
    mapping = _mapping(db, table, args)
    print(describe_mapping(table.headers, mapping))
    helix = Helix(args.helix) if args.helix else None
    on_duplicate = DuplicateAction(args.on_duplicate) if args.on_duplicate else None
    rows = len(table.rows)

    def plan_in(session: Session) -> ImportPlan:
        return plan_import(
            session,
            table,
            mapping,
            default_helix=helix,
            source_name=path.name,
            progress=_progress("Checking rows", rows),
        )

    if args.dry_run:
        with db.read() as session:
            plan = plan_in(session)
        print(plan.report())
        print(dry_run_outcome(plan, on_duplicate, args.skip_invalid))
        if args.save_mapping:
            print("--save-mapping: the mapping is not saved in a dry run.", file=sys.stderr)
        return EXIT_REJECTED if plan.rejected_rows and not args.skip_invalid else EXIT_OK
    try:
        with db.sessions.begin() as session:
            plan = plan_in(session)
            if plan.problems and not args.skip_invalid:
                raise ImportRejected(plan)
            actions = {row: on_duplicate for row in plan.duplicates} if on_duplicate else None
            summary = run_import(
                session,
                plan,
                actions=actions,
                skip_invalid=args.skip_invalid,
                progress=_progress("Importing", len(plan.candidates)),
            )
            if args.save_mapping:
                save_mapping(session, args.save_mapping, table.headers, mapping)
    except ImportRejected as exc:
        print(exc.plan.report())
        rejected = len(exc.plan.rejected_rows)
        print(
            f"techzone-crm: {_plural(rejected, 'row has', 'rows have')} problems. Nothing was "
            "written; correct the file, or import the other rows with --skip-invalid.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    if plan.problems or plan.duplicates:
        print(plan.report())
    print(summary.describe())
    if args.save_mapping:
        print(f"Saved the mapping as '{args.save_mapping}'.")
    return EXIT_OK
