"""Bulk edits: one change applied to many people or organisations in one transaction.

Every function validates its input first, touches only the records that actually change
and returns their ids, so that the caller can say "Set owner of 37 people" and leave the
others out of the undo step. All-or-nothing: a missing record raises before anything is
written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import Affiliation, Organisation, Person, Tag, TeamMember
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services import organisations, people, stakeholder_links
from techzone_crm.services import validation as v
from techzone_crm.services.common import save
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery
from techzone_crm.services.stakeholder_links import StakeholderLinks
from techzone_crm.services.tags import tags_by_name

# Far below SQLite's limit on bound parameters per statement.
_CHUNK = 500

T = TypeVar("T", Person, Organisation)


class RecordKind(StrEnum):
    """What a bulk edit applies to."""

    PERSON = "person"
    ORGANISATION = "organisation"


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def person_ids_matching(session: Session, query: PersonQuery) -> list[int]:
    """The ids of everyone ``query`` lists, without loading their rows (for "select all")."""
    stmt = select(Person.id).where(*people._conditions(session, query)).order_by(Person.id)
    return list(session.scalars(stmt))


def organisation_ids_matching(session: Session, query: OrganisationQuery) -> list[int]:
    """The ids of every organisation ``query`` lists (for "select all")."""
    sub = organisations._filtered(session, query).subquery()
    return list(session.scalars(select(sub.c.id).order_by(sub.c.id)))


def _options(model: type[Person] | type[Organisation]) -> list[Any]:
    if model is Person:
        return [
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.tags),
            selectinload(Person.affiliations),
        ]
    return [
        selectinload(Organisation.sector_links),
        selectinload(Organisation.tags),
        selectinload(Organisation.children),
        selectinload(Organisation.affiliations),
    ]


def preload(session: Session, model: type[T], ids: Iterable[int]) -> dict[int, T]:
    """The records of ``ids`` that exist, with their collections loaded in a few queries.

    Snapshots of many records (for undo) then need no query per record.
    """
    found: dict[int, T] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        stmt = select(model).where(model.id.in_(chunk)).options(*_options(model))
        found.update((r.id, r) for r in session.scalars(stmt))
    return found


def load(session: Session, model: type[T], ids: Iterable[int]) -> list[T]:
    """The records in the order of ``ids``, with their collections loaded.

    Raises NotFoundError naming how many of ``ids`` no longer exist.
    """
    wanted = list(dict.fromkeys(ids))
    found = preload(session, model, wanted)
    missing = len(wanted) - len(found)
    if missing:
        what = "people" if model is Person else "organisations"
        raise NotFoundError(
            f"{missing} of the selected {what} no longer exist (deleted elsewhere); "
            "refresh the list and try again."
        )
    return [found[i] for i in wanted]


def _touch(session: Session, records: Sequence[Person | Organisation], what: str) -> list[int]:
    # A change of tags alone does not update the row; the time stamp makes it a new version.
    for record in records:
        record.updated_at = utcnow()
    save(session, what)
    return [r.id for r in records]


def set_owner(session: Session, person_ids: Sequence[int], owner_id: int | None) -> list[int]:
    """Make ``owner_id`` (None: nobody) the relationship owner; returns who changed."""
    if owner_id is not None and session.get(TeamMember, owner_id) is None:
        raise ValidationError("owner_id", "is not a known team member")
    changed = [p for p in load(session, Person, person_ids) if p.owner_id != owner_id]
    for person in changed:
        person.owner_id = owner_id
    return _touch(session, changed, "person")


def set_do_not_contact(session: Session, person_ids: Sequence[int], value: bool) -> list[int]:
    """Set or clear the do-not-contact flag; returns who changed."""
    changed = [p for p in load(session, Person, person_ids) if p.do_not_contact != value]
    for person in changed:
        person.do_not_contact = value
    return _touch(session, changed, "person")


def set_partner(session: Session, org_ids: Sequence[int], value: bool) -> list[int]:
    """Mark organisations as partners of the collaboration (or not); returns what changed."""
    changed = [o for o in load(session, Organisation, org_ids) if o.is_partner != value]
    for org in changed:
        org.is_partner = value
    return _touch(session, changed, "organisation")


def _records(
    session: Session, kind: RecordKind, ids: Sequence[int]
) -> list[Person] | list[Organisation]:
    if kind is RecordKind.PERSON:
        return load(session, Person, ids)
    return load(session, Organisation, ids)


def add_tag(session: Session, kind: RecordKind, ids: Sequence[int], name: str) -> list[int]:
    """Give the records the tag ``name`` (created if new); returns those that lacked it."""
    v.required("tag", name, 100)
    records = _records(session, kind, ids)
    (tag,) = tags_by_name(session, [name])
    changed = [r for r in records if tag not in r.tags]
    for record in changed:
        record.tags.append(tag)
    return _touch(session, changed, kind.value)


def remove_tag(session: Session, kind: RecordKind, ids: Sequence[int], name: str) -> list[int]:
    """Take the tag ``name`` (any case) off the records; returns those that had it."""
    text = v.required("tag", name, 100)
    tag = session.scalar(select(Tag).where(func.lower(Tag.name) == text.lower()))
    if tag is None:
        raise ValidationError("tag", f"“{text}” is not a known tag")
    records = _records(session, kind, ids)
    changed = [r for r in records if tag in r.tags]
    for record in changed:
        record.tags.remove(tag)
    return _touch(session, changed, kind.value)


def links_of(session: Session, kind: RecordKind, ids: Sequence[int]) -> tuple[int, int]:
    """What deleting the records takes along: (roles, child organisations unlinked)."""
    roles = 0
    children = 0
    column = Affiliation.person_id if kind is RecordKind.PERSON else Affiliation.organisation_id
    for chunk in _chunks(ids):
        roles += session.scalar(select(func.count()).where(column.in_(chunk))) or 0
        if kind is RecordKind.ORGANISATION:
            children += (
                session.scalar(select(func.count()).where(Organisation.parent_id.in_(chunk))) or 0
            )
    return roles, children


def delete_links(session: Session, kind: RecordKind, ids: Sequence[int]) -> StakeholderLinks:
    """Everything that refers to the records, and what deleting them does to it."""
    if kind is RecordKind.PERSON:
        return stakeholder_links.people_links(session, ids)
    return stakeholder_links.organisations_links(session, ids)


def delete_records(session: Session, kind: RecordKind, ids: Sequence[int]) -> list[int]:
    """Delete these people or organisations with their roles; all or none. Returns the ids.

    What else refers to them goes or stays as :func:`delete_links` says.
    """
    records = _records(session, kind, ids)
    for record in records:
        if isinstance(record, Person):
            people.delete_person(session, record.id)
        else:
            organisations.delete_organisation(session, record.id)
    return [r.id for r in records]
