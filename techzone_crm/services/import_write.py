"""Writing an import in bulk: multi-row INSERT … RETURNING and executemany UPDATEs.

Rows are written through SQLAlchemy Core, not the ORM unit of work, so every column the
models fill in (sort names, versions, timestamps) is set here the way they set it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from techzone_crm.db.base import Base
from techzone_crm.db.models import EmailKind, GovernmentLevel, Helix, PhoneKind, Tag
from techzone_crm.text import fold, person_sort_key

#: Ids per ``IN (…)`` when reading back: well under every database's parameter limit.
CHUNK = 500


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _tracked(now: datetime) -> dict[str, Any]:
    """The columns of a new row of a Tracked table (the ORM starts versions at 1)."""
    return {"created_at": now, "updated_at": now, "version": 1}


def insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in few statements; their new ids in the order of ``rows``."""
    if not rows:
        return []
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(stmt, rows).scalars())


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` with one executemany."""
    if rows:
        session.execute(insert(table), rows)


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """``ids`` in slices small enough for an ``IN (…)``."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def insert_organisations(
    session: Session, new: Sequence[tuple[str, Helix, GovernmentLevel | None]], now: datetime
) -> list[int]:
    """Create organisations (name, helix, level); their ids in order."""
    rows = [
        {
            "name": name,
            "short_name": "",
            "sort_name": fold(name)[:200],
            "helix": helix,
            "government_level": level,
            "region": "",
            "website": "",
            "street": "",
            "postal_code": "",
            "city": "",
            "is_partner": False,
            "notes": "",
            "parent_id": None,
            **_tracked(now),
        }
        for name, helix, level in new
    ]
    return insert_returning_ids(session, _table("organisation"), rows)


def tag_ids(session: Session, names: Iterable[str], now: datetime) -> dict[str, int]:
    """Tag name (case-folded) → id for ``names``, creating the tags that do not exist."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(name.casefold(), name)
    if not wanted:
        return {}
    found = {n.casefold(): i for i, n in session.execute(select(Tag.id, Tag.name))}
    missing = [text for key, text in wanted.items() if key not in found]
    ids = insert_returning_ids(
        session, _table("tag"), [{"name": text, **_tracked(now)} for text in missing]
    )
    found.update({text.casefold(): i for text, i in zip(missing, ids, strict=True)})
    return {key: found[key] for key in wanted}


@dataclass
class PersonRows:
    """What one batch writes: people and the rows that hang on them (by person index)."""

    people: list[dict[str, Any]] = field(default_factory=list)
    emails: list[tuple[int, str, EmailKind, int]] = field(default_factory=list)
    phones: list[tuple[int, str, PhoneKind, int]] = field(default_factory=list)
    roles: list[tuple[int, int, str]] = field(default_factory=list)  # (index, org id, role)
    tags: list[tuple[int, int]] = field(default_factory=list)  # (index, tag id)


def person_row(
    given: str, prefix: str, family: str, title: str, notes: str, dnc: bool, now: datetime
) -> dict[str, Any]:
    """The columns of a new person, as the model and its events fill them."""
    return {
        "given_name": given,
        "name_prefix": prefix,
        "family_name": family,
        "title": title,
        "notes": notes,
        "sort_name": person_sort_key(family, given, prefix)[:240],
        "owner_id": None,
        "backup_owner_id": None,
        "do_not_contact": dnc,
        "contact_interval_days": None,
        **_tracked(now),
    }


def _role_row(person_id: int, org_id: int, role: str, now: datetime) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "organisation_id": org_id,
        "role": role,
        "start_date": None,
        "end_date": None,
        "notes": "",
        **_tracked(now),
    }


def write_people(session: Session, batch: PersonRows, now: datetime) -> list[int]:
    """Insert a batch of new people with their addresses, numbers, roles and tags."""
    ids = insert_returning_ids(session, _table("person"), batch.people)
    write_details(session, batch, ids, now)
    return ids


def write_details(session: Session, batch: PersonRows, ids: Sequence[int], now: datetime) -> None:
    """Insert the e-mail addresses, numbers, roles and tags of ``batch`` (index → ``ids``)."""
    insert_rows(
        session,
        _table("email_address"),
        [
            {"person_id": ids[i], "address": a, "kind": k, "position": p}
            for i, a, k, p in batch.emails
        ],
    )
    insert_rows(
        session,
        _table("phone_number"),
        [
            {"person_id": ids[i], "number": n, "kind": k, "position": p}
            for i, n, k, p in batch.phones
        ],
    )
    insert_rows(
        session,
        _table("affiliation"),
        [_role_row(ids[i], org, role, now) for i, org, role in batch.roles],
    )
    insert_rows(
        session, _table("person_tag"), [{"person_id": ids[i], "tag_id": t} for i, t in batch.tags]
    )


def update_people(session: Session, rows: list[dict[str, Any]], now: datetime) -> None:
    """Store filled-in fields of known people (keys ``pid``, ``given``, ``prefix``, ``title``,
    ``notes``, ``dnc``, ``sort``), moving each one's version like an edit does."""
    if not rows:
        return
    t = _table("person")
    stmt = (
        update(t)
        .where(t.c.id == bindparam("pid"))
        .values(
            given_name=bindparam("given"),
            name_prefix=bindparam("prefix"),
            title=bindparam("title"),
            notes=bindparam("notes"),
            do_not_contact=bindparam("dnc"),
            sort_name=bindparam("sort"),
            version=t.c.version + 1,
            updated_at=bindparam("now"),
        )
    )
    session.execute(stmt, [{**r, "now": now} for r in rows])


def update_roles(session: Session, roles: list[tuple[int, str]], now: datetime) -> None:
    """Fill in the empty role of existing affiliations (id, role)."""
    if not roles:
        return
    t = _table("affiliation")
    stmt = (
        update(t)
        .where(t.c.id == bindparam("aid"))
        .values(role=bindparam("new_role"), version=t.c.version + 1, updated_at=bindparam("now"))
    )
    session.execute(stmt, [{"aid": a, "new_role": r, "now": now} for a, r in roles])


def existing_ids(session: Session, table_name: str, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` that are rows of the table."""
    t = _table(table_name)
    wanted = sorted(set(ids))
    found: set[int] = set()
    for part in chunks(wanted):
        found.update(session.scalars(select(t.c.id).where(t.c.id.in_(part))))
    return found
