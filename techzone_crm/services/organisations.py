"""Use cases for organisations."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Affiliation,
    GovernmentLevel,
    Helix,
    Organisation,
    OrganisationSector,
    Person,
    Sector,
    Tag,
    organisation_tag,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.services.search import backend_for
from techzone_crm.services.tags import tags_by_name

WHAT = "organisation"


@dataclass
class OrganisationData:
    """What a user enters for an organisation."""

    name: str
    helix: Helix | str
    government_level: GovernmentLevel | str | None = None
    sectors: Collection[Sector | str] = ()
    short_name: str = ""
    region: str = ""
    website: str = ""
    parent_id: int | None = None
    is_partner: bool = False
    notes: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    tags: Sequence[str] = ()


class OrganisationSort(StrEnum):
    """Columns an organisation list can be sorted on (in SQL)."""

    NAME = "name"
    HELIX = "helix"
    LEVEL = "level"
    REGION = "region"
    PARTNER = "partner"
    PEOPLE = "people"


@dataclass(frozen=True)
class OrganisationQuery:
    """Which organisations to list, and in which order."""

    text: str = ""
    helix: Helix | None = None
    government_level: GovernmentLevel | None = None
    sector: Sector | None = None
    partners_only: bool = False
    region: str = ""
    tag: str = ""
    #: Only the organisations directly under this one.
    parent_id: int | None = None
    sort: OrganisationSort = OrganisationSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class OrganisationRow:
    """One line of an organisation list."""

    id: int
    version: int
    name: str
    short_name: str
    helix: Helix
    government_level: GovernmentLevel | None
    region: str
    is_partner: bool
    parent_name: str
    current_people: int
    sectors: tuple[Sector, ...] = field(default=())


@dataclass(frozen=True)
class OrganisationLinks:
    """What hangs on an organisation, so that a delete can be explained first."""

    affiliations: int
    current_affiliations: int
    children: int

    @property
    def empty(self) -> bool:
        """True if nothing refers to the organisation."""
        return not (self.affiliations or self.children)


def _apply(session: Session, org: Organisation, data: OrganisationData) -> None:
    org.name = v.required("name", data.name, 200)
    org.short_name = v.limited("short_name", data.short_name, 50)
    org.helix = v.choice("helix", Helix, data.helix)
    level = v.optional_choice("government_level", GovernmentLevel, data.government_level)
    if level is not None and org.helix is not Helix.GOVERNMENT:
        raise ValidationError("government_level", "applies to government organisations only")
    org.government_level = level
    org.region = v.limited("region", data.region, 100)
    org.website = v.website("website", data.website)
    org.is_partner = bool(data.is_partner)
    org.notes = v.long_text("notes", data.notes)
    org.street = v.limited("street", data.street, 200)
    org.postal_code = v.postal_code("postal_code", data.postal_code)
    org.city = v.limited("city", data.city, 100)
    wanted_tags = tags_by_name(session, data.tags)
    if {t.id for t in org.tags} != {t.id for t in wanted_tags}:
        org.tags = wanted_tags
    wanted = {v.choice("sectors", Sector, s) for s in data.sectors}
    if wanted != org.sectors:
        org.sector_links = [link for link in org.sector_links if link.sector in wanted] + [
            OrganisationSector(sector=s) for s in sorted(wanted - org.sectors)
        ]
    if data.parent_id is None:
        org.parent = None
    else:
        parent = session.get(Organisation, data.parent_id)
        if parent is None:
            raise ValidationError("parent_id", f"unknown organisation #{data.parent_id}")
        if org.id is not None and _is_descendant_or_self(parent, org.id):
            raise ValidationError("parent_id", "an organisation cannot sit under itself")
        org.parent = parent


def _is_descendant_or_self(candidate: Organisation, org_id: int) -> bool:
    node: Organisation | None = candidate
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        if node.id == org_id:
            return True
        seen.add(node.id)
        node = node.parent
    return False


def add_organisation(session: Session, data: OrganisationData) -> Organisation:
    """Create an organisation."""
    org = Organisation()
    with session.no_autoflush:
        _apply(session, org, data)
    session.add(org)
    save(session, WHAT)
    return org


def update_organisation(
    session: Session, org_id: int, data: OrganisationData, expected_version: int | None = None
) -> Organisation:
    """Change an organisation; ``expected_version`` guards against overwriting others' edits."""
    org = fetch(session, Organisation, org_id, WHAT)
    check_version(org, expected_version, WHAT)
    # No flush halfway through: one saved edit is one UPDATE, so one step of the version.
    with session.no_autoflush:
        _apply(session, org, data)
    # Sectors live in another table: touch the organisation so that every saved edit moves
    # its version and a concurrent edit of the sectors is detected too.
    org.updated_at = utcnow()
    save(session, WHAT)
    return org


def get_organisation(session: Session, org_id: int) -> Organisation:
    """One organisation by id."""
    return fetch(session, Organisation, org_id, WHAT)


def organisation_links(
    session: Session, org_id: int, today: date | None = None
) -> OrganisationLinks:
    """Counts of what refers to the organisation."""
    day = today or date.today()
    total = session.scalar(
        select(func.count()).select_from(Affiliation).where(Affiliation.organisation_id == org_id)
    )
    current = session.scalar(
        select(func.count())
        .select_from(Affiliation)
        .where(Affiliation.organisation_id == org_id, is_current(day))
    )
    children = session.scalar(
        select(func.count()).select_from(Organisation).where(Organisation.parent_id == org_id)
    )
    return OrganisationLinks(total or 0, current or 0, children or 0)


def delete_organisation(
    session: Session, org_id: int, expected_version: int | None = None
) -> OrganisationLinks:
    """Delete an organisation with its affiliations; children lose their parent.

    Returns what was removed or unlinked, so that the caller can report it.
    """
    org = fetch(session, Organisation, org_id, WHAT)
    check_version(org, expected_version, WHAT)
    links = organisation_links(session, org_id)
    for child in list(org.children):
        child.parent = None
    session.delete(org)
    save(session, WHAT)
    return links


def _filtered(session: Session, query: OrganisationQuery) -> Select[int]:
    stmt = select(Organisation.id)
    if query.text.strip():
        stmt = stmt.where(Organisation.id.in_(backend_for(session).organisation_ids(query.text)))
    if query.helix is not None:
        stmt = stmt.where(Organisation.helix == query.helix)
    if query.government_level is not None:
        stmt = stmt.where(Organisation.government_level == query.government_level)
    if query.sector is not None:
        stmt = stmt.where(
            Organisation.id.in_(
                select(OrganisationSector.organisation_id).where(
                    OrganisationSector.sector == query.sector
                )
            )
        )
    if query.partners_only:
        stmt = stmt.where(Organisation.is_partner.is_(True))
    if query.region.strip():
        stmt = stmt.where(func.lower(Organisation.region) == query.region.strip().lower())
    if query.tag.strip():
        stmt = stmt.where(
            Organisation.id.in_(
                select(organisation_tag.c.organisation_id)
                .join(Tag, Tag.id == organisation_tag.c.tag_id)
                .where(func.lower(Tag.name) == query.tag.strip().lower())
            )
        )
    if query.parent_id is not None:
        stmt = stmt.where(Organisation.parent_id == query.parent_id)
    return stmt


def _in_order(column: Any, members: list[Any]) -> Any:
    """A sort key that orders ``column`` as ``members`` are listed (unset values last)."""
    return case({m.value: i for i, m in enumerate(members)}, value=column, else_=len(members))


def count_organisations(session: Session, query: OrganisationQuery) -> int:
    """How many organisations match ``query``."""
    sub = _filtered(session, query).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def list_organisations(
    session: Session, query: OrganisationQuery, page: Page = FIRST_PAGE, today: date | None = None
) -> list[OrganisationRow]:
    """One page of organisations matching ``query``, sorted in SQL."""
    day = today or date.today()
    parent_alias = Organisation.__table__.alias("parent_org")
    people = (
        select(func.count(func.distinct(Affiliation.person_id)))
        .where(Affiliation.organisation_id == Organisation.id, is_current(day))
        .correlate(Organisation)
        .scalar_subquery()
    )
    keys: dict[OrganisationSort, Any] = {
        OrganisationSort.NAME: Organisation.sort_name,
        # Vocabulary order (government, business, …), not the alphabet of the stored codes.
        OrganisationSort.HELIX: _in_order(Organisation.helix, list(Helix)),
        OrganisationSort.LEVEL: _in_order(Organisation.government_level, list(GovernmentLevel)),
        OrganisationSort.REGION: func.lower(Organisation.region),
        OrganisationSort.PARTNER: Organisation.is_partner,
        OrganisationSort.PEOPLE: people,
    }
    key = keys[query.sort]
    order = [key.desc() if query.descending else key.asc(), Organisation.sort_name.asc()]
    stmt = (
        select(
            Organisation.id,
            Organisation.version,
            Organisation.name,
            Organisation.short_name,
            Organisation.helix,
            Organisation.government_level,
            Organisation.region,
            Organisation.is_partner,
            func.coalesce(parent_alias.c.name, ""),
            people,
        )
        .outerjoin(parent_alias, parent_alias.c.id == Organisation.parent_id)
        .where(Organisation.id.in_(_filtered(session, query)))
        .order_by(*order, Organisation.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    rows = session.execute(stmt).all()
    sectors: dict[int, list[Sector]] = {}
    ids = [r[0] for r in rows]
    if ids:
        for org_id, sector in session.execute(
            select(OrganisationSector.organisation_id, OrganisationSector.sector).where(
                OrganisationSector.organisation_id.in_(ids)
            )
        ):
            sectors.setdefault(org_id, []).append(sector)
    return [
        OrganisationRow(
            id=r[0],
            version=r[1],
            name=r[2],
            short_name=r[3],
            helix=r[4],
            government_level=r[5],
            region=r[6],
            is_partner=r[7],
            parent_name=r[8],
            current_people=r[9] or 0,
            sectors=tuple(sorted(sectors.get(r[0], []))),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class MemberRow:
    """A person at an organisation, current or former."""

    affiliation_id: int
    person_id: int
    person_name: str
    role: str
    start_date: date | None
    end_date: date | None
    current: bool


def organisation_people(
    session: Session, org_id: int, today: date | None = None
) -> list[MemberRow]:
    """The people of an organisation: current ones first, then former, by name."""
    day = today or date.today()
    fetch(session, Organisation, org_id, WHAT)
    stmt = (
        select(Affiliation, Person)
        .join(Person, Person.id == Affiliation.person_id)
        .where(Affiliation.organisation_id == org_id)
        .order_by(Person.sort_name, Affiliation.start_date)
    )
    rows = [
        MemberRow(a.id, p.id, p.sorted_name, a.role, a.start_date, a.end_date, a.is_current(day))
        for a, p in session.execute(stmt).all()
    ]
    return sorted(rows, key=lambda r: not r.current)


def find_organisations(session: Session, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(id, name) of organisations whose name or short name matches ``text``, for pickers."""
    stmt = select(Organisation.id, Organisation.name).order_by(Organisation.sort_name).limit(limit)
    if text.strip():
        stmt = stmt.where(Organisation.id.in_(backend_for(session).organisation_ids(text)))
    return [(i, n) for i, n in session.execute(stmt).all()]
