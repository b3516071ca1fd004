"""Saved views: named filters and sort orders for the people and organisation lists."""

from __future__ import annotations

import dataclasses
import json
import types
from enum import StrEnum
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import SavedView, ViewKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import fetch
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery

WHAT = "saved view"
QUERY_TYPES: dict[ViewKind, type[Any]] = {
    ViewKind.PEOPLE: PersonQuery,
    ViewKind.ORGANISATIONS: OrganisationQuery,
}
Q = TypeVar("Q")


def encode_query(query: PersonQuery | OrganisationQuery) -> str:
    """The query as JSON: field names and plain values (enum members as their values)."""
    return json.dumps(dataclasses.asdict(query), sort_keys=True)


def decode_query(kind: ViewKind, text: str) -> Any:
    """The query stored as ``text``; unknown fields are ignored, bad values fall back."""
    cls = QUERY_TYPES[kind]
    raw = json.loads(text)
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in raw:
            converted = _convert(hints[f.name], raw[f.name])
            if converted is not _INVALID:
                values[f.name] = converted
    return cls(**values)


_INVALID = object()


def _convert(hint: Any, value: Any) -> Any:
    """``value`` as the annotated type, or _INVALID (a view saved by another version)."""
    options = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    if value is None:
        return None if type(None) in options else _INVALID
    for option in options:
        if isinstance(option, type) and issubclass(option, StrEnum):
            try:
                return option(value)
            except ValueError:
                continue
        if option in (str, int, bool) and type(value) is option:
            return value
    return _INVALID


def save_view(
    session: Session, kind: ViewKind, name: str, query: PersonQuery | OrganisationQuery
) -> SavedView:
    """Store ``query`` under ``name`` (replacing a view of that name)."""
    clean_name = v.required("name", name, 100)
    if not isinstance(query, QUERY_TYPES[kind]):
        raise ValidationError("query", f"is not a query for the {kind.value} list")
    view = session.scalar(
        select(SavedView).where(SavedView.kind == kind, SavedView.name == clean_name)
    )
    if view is None:
        view = SavedView(kind=kind, name=clean_name)
        session.add(view)
    view.query = encode_query(query)
    session.flush()
    return view


def list_views(session: Session, kind: ViewKind) -> list[tuple[int, str]]:
    """(id, name) of the saved views of a list, by name."""
    stmt = select(SavedView.id, SavedView.name).where(SavedView.kind == kind)
    return sorted(((i, n) for i, n in session.execute(stmt).all()), key=lambda r: r[1].casefold())


def load_view(session: Session, view_id: int) -> Any:
    """The query of a saved view (a PersonQuery or an OrganisationQuery)."""
    view = fetch(session, SavedView, view_id, WHAT)
    return decode_query(view.kind, view.query)


def rename_view(session: Session, view_id: int, name: str) -> SavedView:
    """Give a saved view another name."""
    view = fetch(session, SavedView, view_id, WHAT)
    view.name = v.required("name", name, 100)
    session.flush()
    return view


def delete_view(session: Session, view_id: int) -> None:
    """Forget a saved view."""
    session.delete(fetch(session, SavedView, view_id, WHAT))
    session.flush()
