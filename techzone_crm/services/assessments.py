"""Dated stakeholder assessments: add, correct, delete, history and movement.

Every assessment is kept: editing one corrects a mistake, adding a new one records a
change, so the history shows how a stakeholder moved. The derived classes come from
:mod:`techzone_crm.services.assessment_classes`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Assessment,
    Dossier,
    EngagementLevel,
    Organisation,
    Person,
    TeamMember,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.assessment_classes import (
    GRID_SPLIT,
    GridQuadrant,
    KrachtenveldType,
    SalienceClass,
    engagement_gap,
    grid_quadrant,
    krachtenveld_type,
    salience_class,
)
from techzone_crm.services.common import check_version, fetch, save

# The derived classes are re-exported so that callers need one import for assessments.
__all__ = [
    "GRID_SPLIT",
    "AssessmentData",
    "AssessmentRow",
    "Change",
    "GridQuadrant",
    "HistoryEntry",
    "KrachtenveldType",
    "Movement",
    "SalienceClass",
    "Stakeholder",
    "add_assessment",
    "all_history",
    "compare",
    "delete_assessment",
    "engagement_gap",
    "get_assessment",
    "grid_quadrant",
    "history",
    "krachtenveld_type",
    "latest",
    "latest_quadrants",
    "movement",
    "row_of",
    "salience_class",
    "update_assessment",
]

WHAT = "assessment"


@dataclass(frozen=True)
class Stakeholder:
    """A person or an organisation (exactly one)."""

    person_id: int | None = None
    organisation_id: int | None = None

    @classmethod
    def person(cls, person_id: int) -> Stakeholder:
        """The person ``person_id``."""
        return cls(person_id=person_id)

    @classmethod
    def organisation(cls, organisation_id: int) -> Stakeholder:
        """The organisation ``organisation_id``."""
        return cls(organisation_id=organisation_id)


@dataclass
class AssessmentData:
    """What a user enters for an assessment."""

    assessed_on: date
    power: int
    interest: int
    person_id: int | None = None
    organisation_id: int | None = None
    dossier_id: int | None = None
    assessed_by_id: int | None = None
    has_power: bool = False
    has_legitimacy: bool = False
    has_urgency: bool = False
    attitude: int = 0
    agreement: int = 3
    trust: int = 3
    engagement_current: EngagementLevel | str = EngagementLevel.INFORM
    engagement_desired: EngagementLevel | str = EngagementLevel.INFORM
    note: str = ""


@dataclass(frozen=True)
class AssessmentRow:
    """An assessment with its derived classes."""

    id: int
    version: int
    assessed_on: date
    person_id: int | None
    organisation_id: int | None
    dossier_id: int | None
    assessed_by_id: int | None
    power: int
    interest: int
    has_power: bool
    has_legitimacy: bool
    has_urgency: bool
    attitude: int
    agreement: int
    trust: int
    engagement_current: EngagementLevel
    engagement_desired: EngagementLevel
    note: str
    quadrant: GridQuadrant
    salience: SalienceClass
    krachtenveld: KrachtenveldType
    engagement_gap: int

    @property
    def needs_engagement(self) -> bool:
        """True if the desired engagement is above the current one (a to-do)."""
        return self.engagement_gap > 0


def row_of(a: Assessment) -> AssessmentRow:
    """The row of an assessment, with the derived classes."""
    return AssessmentRow(
        id=a.id,
        version=a.version,
        assessed_on=a.assessed_on,
        person_id=a.person_id,
        organisation_id=a.organisation_id,
        dossier_id=a.dossier_id,
        assessed_by_id=a.assessed_by_id,
        power=a.power,
        interest=a.interest,
        has_power=a.has_power,
        has_legitimacy=a.has_legitimacy,
        has_urgency=a.has_urgency,
        attitude=a.attitude,
        agreement=a.agreement,
        trust=a.trust,
        engagement_current=a.engagement_current,
        engagement_desired=a.engagement_desired,
        note=a.note,
        quadrant=grid_quadrant(a.power, a.interest),
        salience=salience_class(a.has_power, a.has_legitimacy, a.has_urgency),
        krachtenveld=krachtenveld_type(a.agreement, a.trust),
        engagement_gap=engagement_gap(a.engagement_current, a.engagement_desired),
    )


def _scale(field: str, value: Any, low: int, high: int) -> int:
    # bool is an int in Python; a checkbox value here is a programming slip, not a score.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number from {low} to {high}")
    if not low <= value <= high:
        raise ValidationError(field, f"must be from {low} to {high} (got {value})")
    return value


def _known(session: Session, field: str, model: type[Any], ident: int | None, what: str) -> None:
    if ident is not None and session.get(model, ident) is None:
        raise ValidationError(field, f"unknown {what} #{ident}")


def _apply(session: Session, a: Assessment, data: AssessmentData, today: date) -> None:
    if (data.person_id is None) == (data.organisation_id is None):
        raise ValidationError("person_id", "give either a person or an organisation (one)")
    _known(session, "person_id", Person, data.person_id, "person")
    _known(session, "organisation_id", Organisation, data.organisation_id, "organisation")
    _known(session, "dossier_id", Dossier, data.dossier_id, "dossier")
    _known(session, "assessed_by_id", TeamMember, data.assessed_by_id, "team member")
    if not isinstance(data.assessed_on, date):
        raise ValidationError("assessed_on", "is required")
    if data.assessed_on > today:
        raise ValidationError("assessed_on", f"is in the future ({data.assessed_on.isoformat()})")
    a.person_id = data.person_id
    a.organisation_id = data.organisation_id
    a.dossier_id = data.dossier_id
    a.assessed_by_id = data.assessed_by_id
    a.assessed_on = data.assessed_on
    a.power = _scale("power", data.power, 1, 5)
    a.interest = _scale("interest", data.interest, 1, 5)
    a.has_power = bool(data.has_power)
    a.has_legitimacy = bool(data.has_legitimacy)
    a.has_urgency = bool(data.has_urgency)
    a.attitude = _scale("attitude", data.attitude, -2, 2)
    a.agreement = _scale("agreement", data.agreement, 1, 5)
    a.trust = _scale("trust", data.trust, 1, 5)
    a.engagement_current = v.choice("engagement_current", EngagementLevel, data.engagement_current)
    a.engagement_desired = v.choice("engagement_desired", EngagementLevel, data.engagement_desired)
    a.note = v.long_text("note", data.note)


def add_assessment(
    session: Session, data: AssessmentData, today: date | None = None
) -> AssessmentRow:
    """Record a new assessment (a change in how the stakeholder stands)."""
    a = Assessment()
    with session.no_autoflush:
        _apply(session, a, data, today or date.today())
    session.add(a)
    save(session, WHAT)
    return row_of(a)


def update_assessment(
    session: Session,
    assessment_id: int,
    data: AssessmentData,
    expected_version: int | None = None,
    today: date | None = None,
) -> AssessmentRow:
    """Correct an assessment in place (the history keeps no trace of the mistake)."""
    a = fetch(session, Assessment, assessment_id, WHAT)
    check_version(a, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, a, data, today or date.today())
    save(session, WHAT)
    return row_of(a)


def delete_assessment(
    session: Session, assessment_id: int, expected_version: int | None = None
) -> None:
    """Remove one assessment from the history."""
    a = fetch(session, Assessment, assessment_id, WHAT)
    check_version(a, expected_version, WHAT)
    session.delete(a)
    save(session, WHAT)


def get_assessment(session: Session, assessment_id: int) -> AssessmentRow:
    """One assessment by id."""
    return row_of(fetch(session, Assessment, assessment_id, WHAT))


def _about(stakeholder: Stakeholder) -> Any:
    if (stakeholder.person_id is None) == (stakeholder.organisation_id is None):
        raise ValueError("a stakeholder is one person or one organisation")
    if stakeholder.person_id is not None:
        return Assessment.person_id == stakeholder.person_id
    return Assessment.organisation_id == stakeholder.organisation_id


def history(
    session: Session, stakeholder: Stakeholder, dossier_id: int | None = None
) -> list[AssessmentRow]:
    """The stakeholder's assessments, newest first: overall ones, or those for one dossier."""
    dossier = (
        Assessment.dossier_id.is_(None)
        if dossier_id is None
        else Assessment.dossier_id == dossier_id
    )
    stmt = (
        select(Assessment)
        .where(_about(stakeholder), dossier)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
    )
    return [row_of(a) for a in session.scalars(stmt)]


def latest(
    session: Session, stakeholder: Stakeholder, dossier_id: int | None = None
) -> AssessmentRow | None:
    """The newest assessment (overall, or for one dossier), or None if never assessed."""
    rows = history(session, stakeholder, dossier_id)
    return rows[0] if rows else None


@dataclass(frozen=True)
class HistoryEntry:
    """One assessment in a stakeholder's full history, with what a history table shows."""

    row: AssessmentRow
    dossier_title: str  #: "" for an overall assessment
    assessed_by: str  #: the team member's name, "" if nobody
    #: The assessment before it in the same series (overall, or the same dossier).
    previous: AssessmentRow | None


def all_history(session: Session, stakeholder: Stakeholder) -> list[HistoryEntry]:
    """Every assessment of the stakeholder, overall and per dossier, newest first."""
    stmt = (
        select(Assessment, Dossier.title, TeamMember.name)
        .outerjoin(Dossier, Dossier.id == Assessment.dossier_id)
        .outerjoin(TeamMember, TeamMember.id == Assessment.assessed_by_id)
        .where(_about(stakeholder))
        .order_by(Assessment.assessed_on, Assessment.id)
    )
    last: dict[int | None, AssessmentRow] = {}
    entries = []
    for a, title, by in session.execute(stmt):
        row = row_of(a)
        entries.append(HistoryEntry(row, title or "", by or "", last.get(row.dossier_id)))
        last[row.dossier_id] = row
    return entries[::-1]


#: The measures a movement compares, in the order a history view shows them.
MEASURES: tuple[str, ...] = (
    "power",
    "interest",
    "quadrant",
    "salience",
    "attitude",
    "agreement",
    "trust",
    "krachtenveld",
    "engagement_current",
    "engagement_desired",
)


@dataclass(frozen=True)
class Change:
    """One measure before and after."""

    measure: str
    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        """True if the measure moved."""
        return bool(self.before != self.after)


@dataclass(frozen=True)
class Movement:
    """How a stakeholder moved from the previous assessment to the current one."""

    previous: AssessmentRow
    current: AssessmentRow
    changes: tuple[Change, ...]

    @property
    def moved(self) -> tuple[Change, ...]:
        """Only the measures that changed."""
        return tuple(c for c in self.changes if c.changed)


def compare(previous: AssessmentRow, current: AssessmentRow) -> Movement:
    """Every measure of ``previous`` next to the same measure of ``current``."""
    changes = tuple(Change(m, getattr(previous, m), getattr(current, m)) for m in MEASURES)
    return Movement(previous, current, changes)


def movement(
    session: Session, stakeholder: Stakeholder, dossier_id: int | None = None
) -> Movement | None:
    """Previous → current assessment, or None with fewer than two assessments."""
    rows = history(session, stakeholder, dossier_id)
    if len(rows) < 2:
        return None
    return compare(rows[1], rows[0])


def latest_quadrants(
    session: Session, person_ids: Collection[int] | None = None, today: date | None = None
) -> dict[int, GridQuadrant]:
    """person id → quadrant of their newest overall assessment up to ``today`` (one query)."""
    day = today or date.today()
    ranked = select(
        Assessment.person_id,
        Assessment.power,
        Assessment.interest,
        func.row_number()
        .over(
            partition_by=Assessment.person_id,
            order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),
        )
        .label("rank"),
    ).where(
        Assessment.person_id.is_not(None),
        Assessment.dossier_id.is_(None),
        Assessment.assessed_on <= day,
    )
    if person_ids is not None:
        ranked = ranked.where(Assessment.person_id.in_(list(person_ids)))
    sub = ranked.subquery()
    stmt = select(sub.c.person_id, sub.c.power, sub.c.interest).where(sub.c.rank == 1)
    return {pid: grid_quadrant(p, i) for pid, p, i in session.execute(stmt)}
