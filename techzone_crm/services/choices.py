"""Small read helpers for pick lists and detail panes: regions, tags in use, hierarchy."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Organisation, Person, Tag, organisation_tag, person_tag
from techzone_crm.services.common import fetch


def _sorted_unique(values: Collection[str]) -> list[str]:
    """Distinct non-blank values (case-insensitively), sorted; the first spelling wins."""
    seen: dict[str, str] = {}
    for value in values:
        text = (value or "").strip()
        if text:
            seen.setdefault(text.casefold(), text)
    return sorted(seen.values(), key=str.casefold)


def regions(session: Session) -> list[str]:
    """The regions organisations are in, as entered, without duplicates."""
    return _sorted_unique(list(session.scalars(select(Organisation.region).distinct())))


def person_tags(session: Session) -> list[str]:
    """The tags given to at least one person."""
    stmt = select(Tag.name).join(person_tag, person_tag.c.tag_id == Tag.id).distinct()
    return _sorted_unique(list(session.scalars(stmt)))


def organisation_tags(session: Session) -> list[str]:
    """The tags given to at least one organisation."""
    stmt = select(Tag.name).join(organisation_tag, organisation_tag.c.tag_id == Tag.id).distinct()
    return _sorted_unique(list(session.scalars(stmt)))


def do_not_contact_ids(session: Session, person_ids: Collection[int]) -> set[int]:
    """Those of ``person_ids`` who must not be contacted."""
    if not person_ids:
        return set()
    stmt = select(Person.id).where(Person.id.in_(person_ids), Person.do_not_contact.is_(True))
    return set(session.scalars(stmt))


def organisation_path(session: Session, org_id: int) -> list[tuple[int, str]]:
    """(id, name) from the top of the hierarchy down to ``org_id`` itself."""
    org: Organisation | None = fetch(session, Organisation, org_id, "organisation")
    path: list[tuple[int, str]] = []
    seen: set[int] = set()
    while org is not None and org.id not in seen:
        seen.add(org.id)
        path.append((org.id, org.name))
        org = org.parent
    return path[::-1]


def child_organisations(session: Session, org_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisations directly under ``org_id``, by name."""
    stmt = (
        select(Organisation.id, Organisation.name)
        .where(Organisation.parent_id == org_id)
        .order_by(Organisation.sort_name, Organisation.id)
    )
    return [(i, n) for i, n in session.execute(stmt).all()]
