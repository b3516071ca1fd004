"""Use cases for people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Affiliation,
    EmailAddress,
    EmailKind,
    GovernmentLevel,
    Helix,
    Organisation,
    OrganisationSector,
    Person,
    PhoneKind,
    PhoneNumber,
    Sector,
    Tag,
    TeamMember,
    person_tag,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.services.search import backend_for
from techzone_crm.services.tags import tags_by_name
from techzone_crm.text import person_display_name, person_sorted_name

WHAT = "person"


@dataclass
class EmailData:
    """An e-mail address as entered."""

    address: str
    kind: EmailKind | str = EmailKind.WORK


@dataclass
class PhoneData:
    """A phone number as entered (national numbers are read as Dutch)."""

    number: str
    kind: PhoneKind | str = PhoneKind.WORK


@dataclass
class PersonData:
    """What a user enters for a person."""

    given_name: str
    family_name: str
    name_prefix: str = ""
    title: str = ""
    notes: str = ""
    owner_id: int | None = None
    backup_owner_id: int | None = None
    do_not_contact: bool = False
    emails: Sequence[EmailData] = ()
    phones: Sequence[PhoneData] = ()
    tags: Sequence[str] = ()


class PersonSort(StrEnum):
    """Columns a person list can be sorted on (in SQL)."""

    NAME = "name"
    ORGANISATION = "organisation"
    ROLE = "role"
    EMAIL = "email"
    PHONE = "phone"
    OWNER = "owner"


@dataclass(frozen=True)
class PersonQuery:
    """Which people to list, and in which order."""

    text: str = ""
    owner_id: int | None = None
    without_owner: bool = False
    #: People with a role (current or former) at this organisation.
    organisation_id: int | None = None
    tag: str = ""
    #: True: only people with a current role; False: only people without one.
    current_role: bool | None = None
    exclude_do_not_contact: bool = False
    # These describe the organisation of a current role.
    helix: Helix | None = None
    government_level: GovernmentLevel | None = None
    sector: Sector | None = None
    region: str = ""
    partners_only: bool = False
    sort: PersonSort = PersonSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class PersonRow:
    """One line of a person list: the current main role, first e-mail and phone."""

    id: int
    version: int
    sorted_name: str
    display_name: str
    organisation: str
    role: str
    email: str
    phone: str
    owner: str
    do_not_contact: bool = False


def _apply(session: Session, person: Person, data: PersonData) -> None:
    person.given_name = v.required("given_name", data.given_name, 100)
    person.family_name = v.required("family_name", data.family_name, 100)
    person.name_prefix = v.limited("name_prefix", data.name_prefix, 30).lower()
    person.title = v.limited("title", data.title, 50)
    person.notes = v.long_text("notes", data.notes)
    for field_name in ("owner_id", "backup_owner_id"):
        member = getattr(data, field_name)
        if member is not None and session.get(TeamMember, member) is None:
            raise ValidationError(field_name, f"unknown team member #{member}")
    if data.backup_owner_id is not None and data.backup_owner_id == data.owner_id:
        raise ValidationError("backup_owner_id", "is the same as the relationship owner")
    person.owner_id = data.owner_id
    person.backup_owner_id = data.backup_owner_id
    person.do_not_contact = bool(data.do_not_contact)

    emails: list[tuple[str, EmailKind]] = []
    for i, e in enumerate(data.emails):
        address = v.email(f"emails[{i}]", e.address)
        if address.lower() in {a.lower() for a, _ in emails}:
            raise ValidationError(f"emails[{i}]", f"'{address}' is listed twice")
        emails.append((address, v.choice(f"emails[{i}].kind", EmailKind, e.kind)))
    phones: list[tuple[str, PhoneKind]] = []
    for i, p in enumerate(data.phones):
        number = v.phone(f"phones[{i}]", p.number)
        if number in {n for n, _ in phones}:
            raise ValidationError(f"phones[{i}]", f"'{p.number}' is listed twice")
        phones.append((number, v.choice(f"phones[{i}].kind", PhoneKind, p.kind)))

    if [(e.address, e.kind) for e in person.emails] != emails:
        person.emails = [
            EmailAddress(address=a, kind=k, position=i) for i, (a, k) in enumerate(emails)
        ]
    if [(p.number, p.kind) for p in person.phones] != phones:
        person.phones = [
            PhoneNumber(number=n, kind=k, position=i) for i, (n, k) in enumerate(phones)
        ]
    wanted_tags = tags_by_name(session, data.tags)
    if {t.id for t in person.tags} != {t.id for t in wanted_tags}:
        person.tags = wanted_tags


def add_person(session: Session, data: PersonData) -> Person:
    """Create a person."""
    person = Person()
    with session.no_autoflush:
        _apply(session, person, data)
    session.add(person)
    save(session, WHAT)
    return person


def update_person(
    session: Session, person_id: int, data: PersonData, expected_version: int | None = None
) -> Person:
    """Change a person; ``expected_version`` guards against overwriting others' edits."""
    person = fetch(session, Person, person_id, WHAT)
    check_version(person, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, person, data)
    # Addresses, numbers and tags live in other tables: touch the person so that every
    # saved edit moves its version and a concurrent edit of any part is detected.
    person.updated_at = utcnow()
    save(session, WHAT)
    return person


def get_person(session: Session, person_id: int) -> Person:
    """One person by id."""
    return fetch(session, Person, person_id, WHAT)


def delete_person(session: Session, person_id: int, expected_version: int | None = None) -> int:
    """Delete a person with their addresses and affiliations; returns the affiliations removed."""
    person = fetch(session, Person, person_id, WHAT)
    check_version(person, expected_version, WHAT)
    removed = len(person.affiliations)
    session.delete(person)
    save(session, WHAT)
    return removed


def _conditions(session: Session, query: PersonQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions on ``person`` for ``query`` (empty: everyone)."""
    conditions: list[ColumnElement[bool]] = []
    if query.text.strip():
        conditions.append(Person.id.in_(backend_for(session).person_ids(query.text)))
    if query.owner_id is not None:
        conditions.append(Person.owner_id == query.owner_id)
    if query.without_owner:
        conditions.append(Person.owner_id.is_(None))
    if query.organisation_id is not None:
        conditions.append(
            Person.id.in_(
                select(Affiliation.person_id).where(
                    Affiliation.organisation_id == query.organisation_id
                )
            )
        )
    if query.tag.strip():
        conditions.append(
            Person.id.in_(
                select(person_tag.c.person_id)
                .join(Tag, Tag.id == person_tag.c.tag_id)
                .where(func.lower(Tag.name) == query.tag.strip().lower())
            )
        )
    if query.exclude_do_not_contact:
        conditions.append(Person.do_not_contact.is_(False))
    today = date.today()
    with_role = select(Affiliation.person_id).where(is_current(today))
    if query.current_role is True:
        conditions.append(Person.id.in_(with_role))
    elif query.current_role is False:
        conditions.append(Person.id.not_in(with_role))
    org_conditions = _organisation_conditions(query)
    if org_conditions:
        conditions.append(
            Person.id.in_(
                select(Affiliation.person_id)
                .join(Organisation, Organisation.id == Affiliation.organisation_id)
                .where(is_current(today), *org_conditions)
            )
        )
    return conditions


def _organisation_conditions(query: PersonQuery) -> list[ColumnElement[bool]]:
    """Conditions on the organisation of a current role."""
    found: list[ColumnElement[bool]] = []
    if query.helix is not None:
        found.append(Organisation.helix == query.helix)
    if query.government_level is not None:
        found.append(Organisation.government_level == query.government_level)
    if query.sector is not None:
        found.append(
            Organisation.id.in_(
                select(OrganisationSector.organisation_id).where(
                    OrganisationSector.sector == query.sector
                )
            )
        )
    if query.region.strip():
        found.append(func.lower(Organisation.region) == query.region.strip().lower())
    if query.partners_only:
        found.append(Organisation.is_partner.is_(True))
    return found


def count_people(session: Session, query: PersonQuery) -> int:
    """How many people match ``query``."""
    stmt = select(func.count(Person.id)).where(*_conditions(session, query))
    return session.scalar(stmt) or 0


def _ids_in_order(session: Session, query: PersonQuery, day: date) -> Select[int]:
    """The ids of the people ``query`` lists, in its order (no paging)."""
    columns = _DetailColumns(day)
    key = {
        PersonSort.NAME: Person.sort_name,
        PersonSort.ORGANISATION: func.lower(columns.organisation),
        PersonSort.ROLE: func.lower(columns.role),
        PersonSort.EMAIL: func.lower(columns.email),
        PersonSort.PHONE: columns.phone,
        PersonSort.OWNER: func.lower(columns.owner),
    }[query.sort]
    order = [key.desc() if query.descending else key.asc()]
    if query.sort is not PersonSort.NAME:
        order.append(Person.sort_name.asc())
    ids_stmt = select(Person.id).where(*_conditions(session, query))
    if query.sort is not PersonSort.NAME:
        ids_stmt = columns.joined(ids_stmt)
    return ids_stmt.order_by(*order, Person.id)


def list_people(
    session: Session, query: PersonQuery, page: Page = FIRST_PAGE, today: date | None = None
) -> list[PersonRow]:
    """One page of people matching ``query``, sorted in SQL (Dutch name order by default).

    The page's ids are chosen first from the sort key alone (for the name, straight from its
    index), then their details are read for those ids only: this keeps any page, the last
    one included, as quick as the first.
    """
    day = today or date.today()
    stmt = _ids_in_order(session, query, day).offset(page.offset).limit(page.limit)
    return people_rows(session, list(session.scalars(stmt)), day)


def ids_in_order(session: Session, query: PersonQuery, today: date | None = None) -> list[int]:
    """Every id ``query`` lists, in its order.

    Sorting 100,000 people by a derived column (organisation, e-mail …) takes a moment;
    a list that pages through such an order sorts once with this and then reads each page
    with :func:`people_rows`.
    """
    return list(session.scalars(_ids_in_order(session, query, today or date.today())))


def people_rows(session: Session, ids: Sequence[int], today: date | None = None) -> list[PersonRow]:
    """The list rows of these people, in the order of ``ids`` (missing ones left out)."""
    if not ids:
        return []
    columns = _DetailColumns(today or date.today())
    details = columns.joined(
        select(
            Person.id,
            Person.version,
            Person.given_name,
            Person.name_prefix,
            Person.family_name,
            Person.title,
            columns.organisation,
            columns.role,
            columns.email,
            columns.phone,
            columns.owner,
            Person.do_not_contact,
        )
    ).where(Person.id.in_(ids))
    by_id = {
        r.id: PersonRow(
            id=r.id,
            version=r.version,
            sorted_name=person_sorted_name(r.given_name, r.name_prefix, r.family_name),
            display_name=person_display_name(r.given_name, r.name_prefix, r.family_name, r.title),
            organisation=r[6],
            role=r[7],
            email=r[8],
            phone=v.format_phone(r[9]) if r[9] else "",
            owner=r[10],
            do_not_contact=r[11],
        )
        for r in session.execute(details).all()
    }
    return [by_id[i] for i in ids if i in by_id]


_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


class _DetailColumns:
    """The derived columns of a person list: main role, first e-mail and phone, owner."""

    def __init__(self, day: date) -> None:
        # The main role: the current affiliation that started last.
        self.main_affiliation = (
            select(Affiliation.id)
            .where(Affiliation.person_id == Person.id, is_current(day))
            .order_by(Affiliation.start_date.desc(), Affiliation.id.desc())
            .limit(1)
            .correlate(Person)
            .scalar_subquery()
        )
        first_email = (
            select(EmailAddress.address)
            .where(EmailAddress.person_id == Person.id)
            .order_by(EmailAddress.position, EmailAddress.id)
            .limit(1)
            .correlate(Person)
            .scalar_subquery()
        )
        first_phone = (
            select(PhoneNumber.number)
            .where(PhoneNumber.person_id == Person.id)
            .order_by(PhoneNumber.position, PhoneNumber.id)
            .limit(1)
            .correlate(Person)
            .scalar_subquery()
        )
        self.aff = aliased(Affiliation)
        self.org = aliased(Organisation)
        self.organisation = func.coalesce(self.org.name, "")
        self.role = func.coalesce(self.aff.role, "")
        self.email = func.coalesce(first_email, "")
        self.phone = func.coalesce(first_phone, "")
        self.owner = func.coalesce(TeamMember.name, "")

    def joined(self, stmt: _S) -> _S:
        """``stmt`` on ``person`` with the main affiliation, its organisation and the owner."""
        return (
            stmt.select_from(Person)
            .outerjoin(self.aff, self.aff.id == self.main_affiliation)
            .outerjoin(self.org, self.org.id == self.aff.organisation_id)
            .outerjoin(TeamMember, TeamMember.id == Person.owner_id)
        )


def find_people(session: Session, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(id, "Name (organisation)") of people matching ``text``, for pickers."""
    rows = list_people(session, PersonQuery(text=text), Page(0, limit))
    return [
        (r.id, f"{r.display_name} ({r.organisation})" if r.organisation else r.display_name)
        for r in rows
    ]
