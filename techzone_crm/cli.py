"""The `techzone-crm` command: no sub-command opens the GUI; sub-commands run headless jobs."""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from techzone_crm import __version__, cli_analyse, cli_export, cli_filters, cli_import
from techzone_crm.db.engine import Database, explain
from techzone_crm.db.migrate import current_revision, open_database, schema_differences
from techzone_crm.db.models import ViewKind
from techzone_crm.errors import UserError
from techzone_crm.paths import DB_ENV_VAR, default_database
from techzone_crm.services import maintenance, organisations, people, saved_views
from techzone_crm.services.common import Page

log = logging.getLogger("techzone_crm")

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USER_ERROR = 2
EXIT_PROBLEMS = 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so that tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="techzone-crm",
        description="TechZone CRM: stakeholders, agendas and environment analysis for "
        "public affairs. Without a command, the desktop application opens.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"database file or SQLAlchemy URL (default: ${DB_ENV_VAR} or the user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the desktop application (the default)")
    gui.add_argument(
        "--screenshot",
        metavar="PNG",
        type=Path,
        help="save a picture of the main window once it shows its data, then quit",
    )
    gui.add_argument(
        "--page",
        metavar="NAME",
        help="open on this page: dashboard, contacts, organisations, agendas, dossiers, "
        "interactions or follow-up",
    )
    sub.add_parser("demo", help="fill an empty database with the fictional example data")

    search = sub.add_parser("search", help="search people and organisations")
    search.add_argument("text", help="words to look for (prefixes match; accents are ignored)")
    search.add_argument("--limit", type=int, default=20, help="at most this many of each")

    for name, what in (("people", "people"), ("organisations", "organisations")):
        lister = sub.add_parser(name, help=f"list {what} (filters combine)")
        cli_filters.add_filter_options(lister, for_people=name == "people")
        lister.add_argument("--limit", type=int, default=50, help="at most this many rows")
    sub.add_parser("views", help="list the saved views")
    cli_analyse.add_parser(sub)
    cli_export.add_parser(sub)
    cli_import.add_parser(sub)

    sub.add_parser("info", help="show where the database is and what it holds")
    sub.add_parser("check", help="run a full integrity check of the database")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    target = args.db or default_database()
    command = args.command or "gui"
    if command == "gui":
        from techzone_crm.ui.app import run_gui

        return run_gui(
            target, screenshot=getattr(args, "screenshot", None), page=getattr(args, "page", None)
        )
    try:
        db = open_database(target)
    except UserError as exc:
        return _fail(exc)
    try:
        return COMMANDS[command](db, args)
    except UserError as exc:
        return _fail(exc)
    except BrokenPipeError:
        # The reader stopped early (`techzone-crm people | head`): nothing went wrong.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        if _is_db_error(exc):
            return _fail(explain(exc, db))
        log.exception("Unexpected error")
        print(f"techzone-crm: internal error: {exc}. Please report this.", file=sys.stderr)
        return EXIT_BUG
    finally:
        db.close()


def gui_main() -> int:
    """Entry point of the desktop shortcut (a GUI script, so no console window on Windows)."""
    return main()


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit cannot fail."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _fail(exc: UserError) -> int:
    print(f"techzone-crm: {exc.message}", file=sys.stderr)
    return exc.exit_code


def _is_db_error(exc: Exception) -> bool:
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError)


def _demo(db: Database, _args: argparse.Namespace) -> int:
    from techzone_crm.services import demo

    with db.sessions.begin() as session:
        summary = demo.load_demo(session)
    print(summary.describe())
    return EXIT_OK


def _search(db: Database, args: argparse.Namespace) -> int:
    limit = Page(0, max(1, min(args.limit, 1000)))
    with db.read() as session:
        found_people = people.list_people(session, people.PersonQuery(text=args.text), limit)
        found_orgs = organisations.list_organisations(
            session, organisations.OrganisationQuery(text=args.text), limit
        )
    for p in found_people:
        where = ", ".join(x for x in (p.role, p.organisation) if x)
        print(f"person\t{p.id}\t{p.sorted_name}\t{where}")
    for o in found_orgs:
        print(f"organisation\t{o.id}\t{o.name}\t{o.helix.value}")
    if not found_people and not found_orgs:
        print(f"Nothing matches '{args.text}'.", file=sys.stderr)
    return EXIT_OK


def _people(db: Database, args: argparse.Namespace) -> int:
    page = Page(0, max(1, min(args.limit, 1000)))
    with db.read() as session:
        query = cli_filters.person_query(session, args)
        total = people.count_people(session, query)
        rows = people.list_people(session, query, page)
    print("id\tname\torganisation\trole\temail\tphone\towner\tdo not contact")
    for p in rows:
        dnc = "yes" if p.do_not_contact else ""
        print(
            f"{p.id}\t{p.sorted_name}\t{p.organisation}\t{p.role}\t{p.email}\t{p.phone}"
            f"\t{p.owner}\t{dnc}"
        )
    if total > len(rows):
        print(f"{len(rows)} of {total} shown; use --limit for more.", file=sys.stderr)
    return EXIT_OK


def _views(db: Database, _args: argparse.Namespace) -> int:
    with db.read() as session:
        for kind in ViewKind:
            for _view_id, name in saved_views.list_views(session, kind):
                print(f"{kind.value}\t{name}")
    return EXIT_OK


def _organisations(db: Database, args: argparse.Namespace) -> int:
    page = Page(0, max(1, min(args.limit, 1000)))
    with db.read() as session:
        query = cli_filters.organisation_query(session, args)
        rows = organisations.list_organisations(session, query, page)
    print("id\tname\thelix\tlevel\tregion\tpartner\tpeople")
    for o in rows:
        level = o.government_level.value if o.government_level else ""
        partner = "yes" if o.is_partner else ""
        print(
            f"{o.id}\t{o.name}\t{o.helix.value}\t{level}\t{o.region}\t{partner}\t{o.current_people}"
        )
    return EXIT_OK


def _info(db: Database, _args: argparse.Namespace) -> int:
    with db.read() as session:
        c = maintenance.counts(session)
    print(f"database\t{db.describe()}")
    print(f"schema\t{current_revision(db)}")
    print(f"organisations\t{c.organisations}")
    print(f"people\t{c.people}")
    print(f"affiliations\t{c.affiliations}")
    print(f"team members\t{c.team_members}")
    print(f"tags\t{c.tags}")
    return EXIT_OK


def _check(db: Database, _args: argparse.Namespace) -> int:
    with db.sessions.begin() as session:
        problems = maintenance.integrity_problems(session)
    problems += [f"schema differs from the models: {d}" for d in schema_differences(db)]
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {db.describe()}.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{db.describe()}: no problems found.")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "demo": _demo,
    "search": _search,
    "people": _people,
    "organisations": _organisations,
    "views": _views,
    "info": _info,
    "check": _check,
    "analyse": cli_analyse.run,
    "export": cli_export.run,
    "import": cli_import.run,
}
