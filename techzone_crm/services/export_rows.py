"""The values of exported people and organisations, read for a batch of ids at a time.

Each batch costs a fixed number of queries, however many columns are chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    AgendaStakeholder,
    Assessment,
    EmailAddress,
    Organisation,
    OrganisationSector,
    Person,
    PhoneNumber,
    Tag,
    TeamMember,
    organisation_tag,
    person_tag,
)
from techzone_crm.io.rows import Cell
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.assessment_classes import grid_quadrant
from techzone_crm.services.rhythm import last_contacts
from techzone_crm.services.validation import format_phone
from techzone_crm.text import person_display_name

_WORDS = {"htsm": "HTSM", "eu": "EU", "northern_netherlands": "Northern Netherlands"}
SEPARATOR = "; "


def word(value: StrEnum | None) -> str:
    """A stored code as an English word: "civil_society" → "civil society"."""
    if value is None:
        return ""
    return _WORDS.get(value.value, value.value.replace("_", " "))


@dataclass
class PersonValues:
    """Everything an export can show about one person; ``cells`` by column key."""

    id: int
    cells: dict[str, Cell]
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, kind)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (E.164 number, kind)
    notes: str = ""
    organisation_id: int | None = None


@dataclass
class OrganisationValues:
    """Everything an export can show about one organisation; ``cells`` by column key."""

    id: int
    cells: dict[str, Cell]


def _quadrant(power: int | None, interest: int | None) -> str:
    return (
        word(grid_quadrant(power, interest)) if power is not None and interest is not None else ""
    )


def _grouped(session: Session, stmt: Any) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for key, value in session.execute(stmt):
        found.setdefault(key, []).append(value)
    return found


def _joined(values: list[str] | None) -> str:
    return SEPARATOR.join(sorted(dict.fromkeys(values or []), key=str.casefold))


def _latest_assessments(
    session: Session, column: Any, ids: Sequence[int], day: date
) -> dict[int, tuple[int, int, int]]:
    """id → (power, interest, attitude) of the newest overall assessment up to ``day``."""
    ranked = (
        select(
            column.label("owner"),
            Assessment.power,
            Assessment.interest,
            Assessment.attitude,
            func.row_number()
            .over(
                partition_by=column,
                order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),
            )
            .label("rank"),
        )
        .where(column.in_(ids), Assessment.dossier_id.is_(None), Assessment.assessed_on <= day)
        .subquery()
    )
    stmt = select(ranked.c.owner, ranked.c.power, ranked.c.interest, ranked.c.attitude).where(
        ranked.c.rank == 1
    )
    return {key: (p, i, a) for key, p, i, a in session.execute(stmt)}


def _agendas(session: Session, column: Any, ids: Sequence[int]) -> dict[int, list[str]]:
    stmt = (
        select(column, Agenda.name)
        .join(Agenda, Agenda.id == AgendaStakeholder.agenda_id)
        .where(column.in_(ids))
        .distinct()
    )
    return _grouped(session, stmt)


def _sectors(session: Session, org_ids: Sequence[int]) -> dict[int, list[str]]:
    stmt = select(OrganisationSector.organisation_id, OrganisationSector.sector).where(
        OrganisationSector.organisation_id.in_(org_ids)
    )
    return {k: [word(s) for s in v] for k, v in _grouped(session, stmt).items()}


def _tags(session: Session, link: Any, column: Any, ids: Sequence[int]) -> dict[int, list[str]]:
    stmt = select(column, Tag.name).join(Tag, Tag.id == link.c.tag_id).where(column.in_(ids))
    return _grouped(session, stmt)


def _main_roles(session: Session, ids: Sequence[int], day: date) -> dict[int, tuple[Any, ...]]:
    """person id → (role, organisation id, name, helix, level) of the current role begun last."""
    condition: ColumnElement[bool] = is_current(day)
    stmt = (
        select(
            Affiliation.person_id,
            Affiliation.role,
            Organisation.id,
            Organisation.name,
            Organisation.helix,
            Organisation.government_level,
        )
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.person_id.in_(ids), condition)
        .order_by(Affiliation.start_date.desc(), Affiliation.id.desc())
    )
    found: dict[int, tuple[Any, ...]] = {}
    for row in session.execute(stmt):
        found.setdefault(row[0], tuple(row[1:]))
    return found


def people_values(session: Session, ids: Sequence[int], day: date) -> list[PersonValues]:
    """The values of these people, in the order of ``ids`` (missing ones left out)."""
    if not ids:
        return []
    base = session.execute(
        select(
            Person.id,
            Person.given_name,
            Person.name_prefix,
            Person.family_name,
            Person.title,
            Person.notes,
            Person.do_not_contact,
            func.coalesce(TeamMember.name, ""),
        )
        .outerjoin(TeamMember, TeamMember.id == Person.owner_id)
        .where(Person.id.in_(ids))
    ).all()
    roles = _main_roles(session, ids, day)
    sectors = _sectors(session, [r[1] for r in roles.values()])
    emails: dict[int, list[tuple[str, str]]] = {}
    for pid, address, kind in session.execute(
        select(EmailAddress.person_id, EmailAddress.address, EmailAddress.kind)
        .where(EmailAddress.person_id.in_(ids))
        .order_by(EmailAddress.position, EmailAddress.id)
    ):
        emails.setdefault(pid, []).append((address, kind.value))
    phones: dict[int, list[tuple[str, str]]] = {}
    for pid, number, phone_kind in session.execute(
        select(PhoneNumber.person_id, PhoneNumber.number, PhoneNumber.kind)
        .where(PhoneNumber.person_id.in_(ids))
        .order_by(PhoneNumber.position, PhoneNumber.id)
    ):
        phones.setdefault(pid, []).append((number, phone_kind.value))
    tags = _tags(session, person_tag, person_tag.c.person_id, ids)
    assessed = _latest_assessments(session, Assessment.person_id, ids, day)
    contacts = last_contacts(session, day, ids)
    agendas = _agendas(session, AgendaStakeholder.person_id, ids)

    by_id: dict[int, PersonValues] = {}
    for pid, given, prefix, family, title, notes, dnc, owner in base:
        role, org_id, org_name, helix, level = roles.get(pid, ("", None, "", None, None))
        power, interest, attitude = assessed.get(pid, (None, None, None))
        last = contacts.get(pid)
        mails = emails.get(pid, [])
        numbers = phones.get(pid, [])
        cells: dict[str, Cell] = {
            "name": person_display_name(given, prefix, family, title),
            "given_name": given,
            "name_prefix": prefix,
            "family_name": family,
            "title": title,
            "organisation": org_name,
            "role": role,
            "helix": word(helix),
            "level": word(level),
            "sectors": _joined(sectors.get(org_id, [])) if org_id else "",
            "email": mails[0][0] if mails else "",
            "phone": format_phone(numbers[0][0]) if numbers else "",
            "owner": owner,
            "tags": _joined(tags.get(pid)),
            "quadrant": _quadrant(power, interest),
            "power": power,
            "interest": interest,
            "attitude": attitude,
            "last_contact": last,
            "days_since_contact": (day - last).days if last else None,
            "agendas": _joined(agendas.get(pid)),
            "do_not_contact": "yes" if dnc else "",
        }
        by_id[pid] = PersonValues(pid, cells, mails, numbers, notes, org_id)
    return [by_id[i] for i in ids if i in by_id]


def organisation_values(
    session: Session, ids: Sequence[int], day: date
) -> list[OrganisationValues]:
    """The values of these organisations, in the order of ``ids`` (missing ones left out)."""
    if not ids:
        return []
    base = session.execute(select(Organisation).where(Organisation.id.in_(ids))).scalars().all()
    sectors = _sectors(session, ids)
    tags = _tags(session, organisation_tag, organisation_tag.c.organisation_id, ids)
    people: dict[int, int] = {
        org_id: n
        for org_id, n in session.execute(
            select(Affiliation.organisation_id, func.count(func.distinct(Affiliation.person_id)))
            .where(Affiliation.organisation_id.in_(ids), is_current(day))
            .group_by(Affiliation.organisation_id)
        )
    }
    assessed = _latest_assessments(session, Assessment.organisation_id, ids, day)
    agendas = _agendas(session, AgendaStakeholder.organisation_id, ids)
    by_id: dict[int, OrganisationValues] = {}
    for org in base:
        power, interest, _ = assessed.get(org.id, (None, None, None))
        cells: dict[str, Cell] = {
            "name": org.name,
            "short_name": org.short_name,
            "helix": word(org.helix),
            "level": word(org.government_level),
            "sectors": _joined(sectors.get(org.id)),
            "region": org.region,
            "partner": "yes" if org.is_partner else "",
            "website": org.website,
            "address": org.street,
            "postcode": org.postal_code,
            "city": org.city,
            "tags": _joined(tags.get(org.id)),
            "people": people.get(org.id, 0),
            "quadrant": _quadrant(power, interest),
            "agendas": _joined(agendas.get(org.id)),
        }
        by_id[org.id] = OrganisationValues(org.id, cells)
    return [by_id[i] for i in ids if i in by_id]
