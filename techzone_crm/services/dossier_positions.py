"""Stakeholders' positions on a dossier, each with the public statement it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Dossier, DossierStakeholder
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.services.dossiers import WHAT as DOSSIER
from techzone_crm.services.stakeholder_refs import checked_stakeholder, stakeholder_names

WHAT = "position"
LOWEST, HIGHEST = -2, 2


@dataclass
class PositionData:
    """A stakeholder's position (−2 opposes … +2 supports) and the statement it rests on."""

    position: int
    person_id: int | None = None
    organisation_id: int | None = None
    source: str = ""
    source_date: date | None = None
    source_reference: str = ""
    note: str = ""


@dataclass(frozen=True)
class PositionRow:
    """A stakeholder's position on a dossier, with its source."""

    id: int
    version: int
    position: int
    person_id: int | None
    organisation_id: int | None
    name: str
    source: str
    source_date: date | None
    source_reference: str
    note: str


def _apply(session: Session, row: DossierStakeholder, data: PositionData, today: date) -> None:
    # bool is an int subclass; True as a position is a bug in the caller, not a +1.
    if isinstance(data.position, bool) or not isinstance(data.position, int):
        raise ValidationError("position", f"'{data.position}' is not a whole number")
    if not LOWEST <= data.position <= HIGHEST:
        raise ValidationError(
            "position", f"{data.position} is outside {LOWEST} (opposes) … +{HIGHEST} (supports)"
        )
    row.position = data.position
    row.person_id, row.organisation_id = checked_stakeholder(
        session, data.person_id, data.organisation_id
    )
    row.source = v.limited("source", data.source, 300)
    if data.source_date is not None and data.source_date > today:
        raise ValidationError("source_date", f"{data.source_date.isoformat()} is in the future")
    row.source_date = data.source_date
    row.source_reference = v.limited("source_reference", data.source_reference, 500)
    row.note = v.long_text("note", data.note)
    # One position per stakeholder per dossier: a change of mind is an edit (or an
    # assessment, which keeps history), not a second row that contradicts the first.
    same = select(DossierStakeholder.id).where(
        DossierStakeholder.dossier_id == row.dossier_id,
        DossierStakeholder.person_id == row.person_id
        if row.person_id is not None
        else DossierStakeholder.organisation_id == row.organisation_id,
    )
    if row.id is not None:
        same = same.where(DossierStakeholder.id != row.id)
    if session.scalar(same) is not None:
        field = "person_id" if row.person_id is not None else "organisation_id"
        raise ValidationError(field, "already has a position on this dossier")


def add_position(
    session: Session, dossier_id: int, data: PositionData, today: date | None = None
) -> DossierStakeholder:
    """Record a stakeholder's position on a dossier."""
    fetch(session, Dossier, dossier_id, DOSSIER)
    row = DossierStakeholder(dossier_id=dossier_id)
    with session.no_autoflush:
        _apply(session, row, data, today or date.today())
    session.add(row)
    save(session, WHAT)
    return row


def update_position(
    session: Session,
    position_id: int,
    data: PositionData,
    expected_version: int | None = None,
    today: date | None = None,
) -> DossierStakeholder:
    """Change a recorded position or its source."""
    row = fetch(session, DossierStakeholder, position_id, WHAT)
    check_version(row, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, row, data, today or date.today())
    save(session, WHAT)
    return row


def remove_position(
    session: Session, position_id: int, expected_version: int | None = None
) -> None:
    """Remove a stakeholder from a dossier."""
    row = fetch(session, DossierStakeholder, position_id, WHAT)
    check_version(row, expected_version, WHAT)
    session.delete(row)
    save(session, WHAT)


def dossier_positions(session: Session, dossier_id: int) -> list[PositionRow]:
    """The positions on a dossier from supporters (+2) to opponents (−2), then by name."""
    found = list(
        session.scalars(
            select(DossierStakeholder).where(DossierStakeholder.dossier_id == dossier_id)
        )
    )
    people, orgs = stakeholder_names(
        session,
        [r.person_id for r in found if r.person_id is not None],
        [r.organisation_id for r in found if r.organisation_id is not None],
    )
    rows = [
        PositionRow(
            id=r.id,
            version=r.version,
            position=r.position,
            person_id=r.person_id,
            organisation_id=r.organisation_id,
            name=people.get(r.person_id, "")
            if r.person_id is not None
            else orgs.get(r.organisation_id or 0, ""),
            source=r.source,
            source_date=r.source_date,
            source_reference=r.source_reference,
            note=r.note,
        )
        for r in found
    ]
    return sorted(rows, key=lambda r: (-r.position, r.name.casefold(), r.id))


def get_position(session: Session, position_id: int) -> PositionRow:
    """One position with its stakeholder's name, for an edit form."""
    row = fetch(session, DossierStakeholder, position_id, WHAT)
    return next(r for r in dossier_positions(session, row.dossier_id) if r.id == position_id)
