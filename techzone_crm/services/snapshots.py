"""Snapshots of a record with its links, and putting a record back to a snapshot.

They make every change undoable: an undo step keeps the snapshots from before and after
and restores one of them. A snapshot holds ids and values, never ORM objects, so it stays
valid across sessions. Restoring checks the record's version, so an undo never overwrites
a change made elsewhere in the meantime.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

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
)
from techzone_crm.errors import ConflictError
from techzone_crm.services import stakeholder_history
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.services.stakeholder_history import History


@dataclass(frozen=True)
class AffiliationState:
    """An affiliation as it was."""

    id: int
    person_id: int
    organisation_id: int
    role: str
    start_date: date | None
    end_date: date | None
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class PersonSnapshot:
    """A person with addresses, numbers, tags and affiliations, at one version."""

    id: int
    version: int
    given_name: str
    name_prefix: str
    family_name: str
    title: str
    notes: str
    owner_id: int | None
    backup_owner_id: int | None
    do_not_contact: bool
    created_at: datetime
    emails: tuple[tuple[str, EmailKind], ...]
    phones: tuple[tuple[str, PhoneKind], ...]
    tag_ids: frozenset[int]
    affiliations: tuple[AffiliationState, ...]
    #: Assessments, agenda links, positions, commitments … where the change touched them.
    history: History | None = None


@dataclass(frozen=True)
class OrganisationSnapshot:
    """An organisation with sectors, tags, children and affiliations, at one version."""

    id: int
    version: int
    name: str
    short_name: str
    helix: Helix
    government_level: GovernmentLevel | None
    region: str
    website: str
    street: str
    postal_code: str
    city: str
    is_partner: bool
    notes: str
    parent_id: int | None
    created_at: datetime
    sectors: frozenset[Sector]
    tag_ids: frozenset[int]
    child_ids: frozenset[int]
    affiliations: tuple[AffiliationState, ...]
    #: Assessments, agenda links, positions, commitments … where the change touched them.
    history: History | None = None


# Deleted rows are found with RETURNING rather than by testing every object in the
# session against the criteria, which grows with the session (an undo of a bulk edit).
_FETCH = {"synchronize_session": "fetch"}


def _affiliation_state(a: Affiliation) -> AffiliationState:
    return AffiliationState(
        a.id,
        a.person_id,
        a.organisation_id,
        a.role,
        a.start_date,
        a.end_date,
        a.notes,
        a.created_at,
    )


def snapshot_person(session: Session, person_id: int) -> PersonSnapshot:
    """The person as stored now."""
    p = fetch(session, Person, person_id, "person")
    return PersonSnapshot(
        id=p.id,
        version=p.version,
        given_name=p.given_name,
        name_prefix=p.name_prefix,
        family_name=p.family_name,
        title=p.title,
        notes=p.notes,
        owner_id=p.owner_id,
        backup_owner_id=p.backup_owner_id,
        do_not_contact=p.do_not_contact,
        created_at=p.created_at,
        emails=tuple((e.address, e.kind) for e in p.emails),
        phones=tuple((n.number, n.kind) for n in p.phones),
        tag_ids=frozenset(t.id for t in p.tags),
        affiliations=tuple(_affiliation_state(a) for a in p.affiliations),
    )


def snapshot_organisation(session: Session, org_id: int) -> OrganisationSnapshot:
    """The organisation as stored now."""
    o = fetch(session, Organisation, org_id, "organisation")
    return OrganisationSnapshot(
        id=o.id,
        version=o.version,
        name=o.name,
        short_name=o.short_name,
        helix=o.helix,
        government_level=o.government_level,
        region=o.region,
        website=o.website,
        street=o.street,
        postal_code=o.postal_code,
        city=o.city,
        is_partner=o.is_partner,
        notes=o.notes,
        parent_id=o.parent_id,
        created_at=o.created_at,
        sectors=frozenset(o.sectors),
        tag_ids=frozenset(t.id for t in o.tags),
        child_ids=frozenset(c.id for c in o.children),
        affiliations=tuple(_affiliation_state(a) for a in o.affiliations),
    )


def _expect(obj: Person | Organisation | None, expected: int | None, what: str) -> None:
    """``expected`` None means the record must not exist (undoing a delete)."""
    if expected is None:
        if obj is not None:
            raise ConflictError(f"The {what} exists again; it was not restored twice.")
        return
    if obj is None:
        raise ConflictError(f"The {what} was deleted elsewhere in the meantime.")
    check_version(obj, expected, what)


def _restore_affiliations(
    session: Session, states: tuple[AffiliationState, ...], keep: set[int]
) -> None:
    for state in states:
        if (
            session.get(Person, state.person_id) is None
            or session.get(Organisation, state.organisation_id) is None
        ):
            continue  # the other side is gone; nothing to link to
        aff = session.get(Affiliation, state.id)
        if aff is None:
            aff = Affiliation(id=state.id, created_at=state.created_at)
            session.add(aff)
        aff.person_id = state.person_id
        aff.organisation_id = state.organisation_id
        aff.role = state.role
        aff.start_date = state.start_date
        aff.end_date = state.end_date
        aff.notes = state.notes
        keep.add(state.id)


def restore_person(session: Session, snap: PersonSnapshot, expected_version: int | None) -> Person:
    """Put the person back as in ``snap``: recreated with the same id if it was deleted.

    ``expected_version`` is the version the person has now (None if it should not exist);
    anything else means it changed elsewhere and a ConflictError is raised.
    """
    person = session.get(Person, snap.id)
    _expect(person, expected_version, "person")
    if person is None:
        person = Person(id=snap.id, created_at=snap.created_at)
        session.add(person)
    person.given_name = snap.given_name
    person.name_prefix = snap.name_prefix
    person.family_name = snap.family_name
    person.title = snap.title
    person.notes = snap.notes
    person.owner_id = snap.owner_id
    person.backup_owner_id = snap.backup_owner_id
    person.do_not_contact = snap.do_not_contact
    person.emails = [
        EmailAddress(address=a, kind=k, position=i) for i, (a, k) in enumerate(snap.emails)
    ]
    person.phones = [
        PhoneNumber(number=n, kind=k, position=i) for i, (n, k) in enumerate(snap.phones)
    ]
    person.tags = list(session.scalars(select(Tag).where(Tag.id.in_(snap.tag_ids))))
    person.updated_at = utcnow()
    save(session, "person")
    keep: set[int] = set()
    _restore_affiliations(session, snap.affiliations, keep)
    session.execute(
        delete(Affiliation).where(Affiliation.person_id == snap.id, Affiliation.id.not_in(keep)),
        execution_options=_FETCH,
    )
    save(session, "person")
    session.expire(person, ["affiliations"])
    if snap.history is not None:
        stakeholder_history.restore(session, snap.id, snap.history)
    return person


def restore_organisation(
    session: Session, snap: OrganisationSnapshot, expected_version: int | None
) -> Organisation:
    """Put the organisation back as in ``snap`` (see :func:`restore_person`)."""
    org = session.get(Organisation, snap.id)
    _expect(org, expected_version, "organisation")
    if org is None:
        org = Organisation(id=snap.id, created_at=snap.created_at)
        session.add(org)
    org.name = snap.name
    org.short_name = snap.short_name
    org.helix = snap.helix
    org.government_level = snap.government_level
    org.region = snap.region
    org.website = snap.website
    org.street = snap.street
    org.postal_code = snap.postal_code
    org.city = snap.city
    org.is_partner = snap.is_partner
    org.notes = snap.notes
    parent = None if snap.parent_id is None else session.get(Organisation, snap.parent_id)
    org.parent_id = parent.id if parent is not None else None
    if org.sectors != snap.sectors:
        org.sector_links = [OrganisationSector(sector=s) for s in sorted(snap.sectors)]
    org.tags = list(session.scalars(select(Tag).where(Tag.id.in_(snap.tag_ids))))
    org.updated_at = utcnow()
    save(session, "organisation")
    for child_id in snap.child_ids:
        child = session.get(Organisation, child_id)
        if child is not None and child.parent_id is None:
            child.parent_id = snap.id
    keep: set[int] = set()
    _restore_affiliations(session, snap.affiliations, keep)
    session.execute(
        delete(Affiliation).where(
            Affiliation.organisation_id == snap.id, Affiliation.id.not_in(keep)
        ),
        execution_options=_FETCH,
    )
    save(session, "organisation")
    session.expire(org, ["affiliations", "children"])
    if snap.history is not None:
        stakeholder_history.restore(session, snap.id, snap.history)
    return org


Snapshot = PersonSnapshot | OrganisationSnapshot


def with_history(
    before: Snapshot | None,
    after: Snapshot | None,
    history_before: History,
    history_after: History,
) -> tuple[Snapshot | None, Snapshot | None]:
    """The snapshots of one change with the history they need to undo and redo it.

    A deleted record keeps everything that referred to it, so that an undo brings it all
    back; a record whose history the change altered (the person kept by a merge) keeps both
    states, each taking away on restore what the other added. Otherwise the snapshots stay
    without one and a restore leaves those rows alone.
    """
    if before is not None and after is None:
        if not history_before.empty:
            before = replace(before, history=history_before)
    elif before is not None and after is not None and history_before != history_after:
        before = replace(before, history=history_before.against(history_after))
        after = replace(after, history=history_after.against(history_before))
    return before, after
