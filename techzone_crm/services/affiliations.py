"""Use cases for affiliations: a person's roles at organisations over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, Person
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import check_version, fetch, save

WHAT = "affiliation"


@dataclass
class AffiliationData:
    """What a user enters for a role at an organisation."""

    person_id: int
    organisation_id: int
    role: str = ""
    start_date: date | None = None
    end_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class AffiliationRow:
    """A role of a person, for lists."""

    id: int
    version: int
    organisation_id: int
    organisation_name: str
    role: str
    start_date: date | None
    end_date: date | None
    current: bool


def is_current(day: date) -> ColumnElement[bool]:
    """SQL condition: the affiliation runs on ``day``."""
    return (Affiliation.end_date.is_(None) | (Affiliation.end_date >= day)) & (
        Affiliation.start_date.is_(None) | (Affiliation.start_date <= day)
    )


def _apply(session: Session, aff: Affiliation, data: AffiliationData) -> None:
    if session.get(Person, data.person_id) is None:
        raise ValidationError("person_id", f"unknown person #{data.person_id}")
    if session.get(Organisation, data.organisation_id) is None:
        raise ValidationError("organisation_id", f"unknown organisation #{data.organisation_id}")
    v.period(data.start_date, data.end_date)
    aff.person_id = data.person_id
    aff.organisation_id = data.organisation_id
    aff.role = v.limited("role", data.role, 200)
    aff.start_date = data.start_date
    aff.end_date = data.end_date
    aff.notes = v.long_text("notes", data.notes)


def add_affiliation(session: Session, data: AffiliationData) -> Affiliation:
    """Give a person a role at an organisation."""
    aff = Affiliation()
    _apply(session, aff, data)
    session.add(aff)
    save(session, WHAT)
    return aff


def update_affiliation(
    session: Session,
    affiliation_id: int,
    data: AffiliationData,
    expected_version: int | None = None,
) -> Affiliation:
    """Change a role (for example, set its end date when someone leaves)."""
    aff = fetch(session, Affiliation, affiliation_id, WHAT)
    check_version(aff, expected_version, WHAT)
    _apply(session, aff, data)
    save(session, WHAT)
    return aff


def get_affiliation(session: Session, affiliation_id: int) -> Affiliation:
    """One affiliation by id."""
    return fetch(session, Affiliation, affiliation_id, WHAT)


def delete_affiliation(
    session: Session, affiliation_id: int, expected_version: int | None = None
) -> None:
    """Remove a role that was entered by mistake (to record that it ended, set an end date)."""
    aff = fetch(session, Affiliation, affiliation_id, WHAT)
    check_version(aff, expected_version, WHAT)
    session.delete(aff)
    save(session, WHAT)


def person_affiliations(
    session: Session, person_id: int, today: date | None = None
) -> list[AffiliationRow]:
    """A person's roles: current first (latest start first), then former."""
    day = today or date.today()
    fetch(session, Person, person_id, "person")
    stmt = (
        select(Affiliation, Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.person_id == person_id)
    )
    rows = [
        AffiliationRow(
            a.id,
            a.version,
            a.organisation_id,
            name,
            a.role,
            a.start_date,
            a.end_date,
            a.is_current(day),
        )
        for a, name in session.execute(stmt).all()
    ]
    return sorted(rows, key=lambda r: (not r.current, -(r.start_date or date.min).toordinal()))
