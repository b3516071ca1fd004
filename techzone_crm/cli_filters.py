"""The filter options of the people and organisations lists, shared by `people`,
`organisations` and `export`."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from techzone_crm.db.models import GovernmentLevel, Helix, Sector, ViewKind
from techzone_crm.errors import UserError
from techzone_crm.services import organisations, people, saved_views, team

Q = TypeVar("Q")


def add_filter_options(parser: argparse.ArgumentParser, for_people: bool) -> None:
    """The options that narrow a people (``for_people``) or organisations list."""
    parser.add_argument("--search", default="", help="only those matching these words")
    parser.add_argument("--view", metavar="NAME", help="start from this saved view")
    parser.add_argument("--helix", choices=[h.value for h in Helix])
    parser.add_argument("--level", choices=[g.value for g in GovernmentLevel])
    parser.add_argument("--sector", choices=[s.value for s in Sector])
    parser.add_argument("--region", default="", help="region or municipality")
    parser.add_argument("--tag", default="", help="only those with this tag")
    parser.add_argument("--partners", action="store_true", help="partners of the collaboration")
    if not for_people:
        return
    parser.add_argument("--owner", metavar="NAME", help="relationship owner (team member)")
    parser.add_argument("--no-owner", action="store_true", help="people without an owner")
    parser.add_argument(
        "--current",
        dest="current_role",
        action="store_const",
        const=True,
        help="only people with a current role",
    )
    parser.add_argument(
        "--former",
        dest="current_role",
        action="store_const",
        const=False,
        help="only people without a current role",
    )
    parser.add_argument(
        "--contactable", action="store_true", help="leave out 'do not contact' people"
    )


def _start_query(session: Session, kind: ViewKind, name: str | None, default: Q) -> Q:
    """The saved view called ``name`` (any case), or ``default`` without a name."""
    if not name:
        return default
    for view_id, view_name in saved_views.list_views(session, kind):
        if view_name.casefold() == name.strip().casefold():
            loaded: Q = saved_views.load_view(session, view_id)
            return loaded
    raise UserError(f"There is no saved view called '{name}' (see: techzone-crm views).")


def _common_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The filters people and organisations share, as given on the command line."""
    given: dict[str, Any] = {}
    if args.search:
        given["text"] = args.search
    if args.helix:
        given["helix"] = Helix(args.helix)
    if args.level:
        given["government_level"] = GovernmentLevel(args.level)
    if args.sector:
        given["sector"] = Sector(args.sector)
    if args.region:
        given["region"] = args.region
    if args.tag:
        given["tag"] = args.tag
    if args.partners:
        given["partners_only"] = True
    return given


def _owner_id(session: Session, name: str) -> int:
    wanted = name.strip().casefold()
    for member_id, member_name in team.list_team_members(session, active_only=False):
        if member_name.casefold() == wanted:
            return member_id
    raise UserError(f"No team member is called '{name}'.")


def person_query(session: Session, args: argparse.Namespace) -> people.PersonQuery:
    """The people query the options describe (a saved view, then the filters on top)."""
    query = _start_query(session, ViewKind.PEOPLE, args.view, people.PersonQuery())
    given = _common_filters(args)
    if args.owner:
        given["owner_id"] = _owner_id(session, args.owner)
    if args.no_owner:
        given["without_owner"] = True
    if args.current_role is not None:
        given["current_role"] = args.current_role
    if args.contactable:
        given["exclude_do_not_contact"] = True
    return dataclasses.replace(query, **given)


def organisation_query(
    session: Session, args: argparse.Namespace
) -> organisations.OrganisationQuery:
    """The organisations query the options describe (a saved view, then the filters on top)."""
    query = _start_query(
        session, ViewKind.ORGANISATIONS, args.view, organisations.OrganisationQuery()
    )
    return dataclasses.replace(query, **_common_filters(args))
