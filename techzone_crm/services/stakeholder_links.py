"""What refers to people or organisations, and what deleting them does to it.

A delete question lists these: what is deleted with the record (roles, relationships, agenda
links, assessments, positions, commitments) and what is kept without it (the interactions
they attended, the agenda themes they lead, the agendas an organisation sets, its parts).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    Assessment,
    Commitment,
    DistinctPeople,
    DossierStakeholder,
    Organisation,
    Relationship,
    interaction_attendee,
    interaction_organisation,
)
from techzone_crm.services.affiliations import is_current

_CHUNK = 500


class Fate(StrEnum):
    """What deleting the record does to a link."""

    DELETED = "deleted"  #: deleted with the record
    KEPT = "kept"  #: kept, no longer referring to the record


class Link(StrEnum):
    """A kind of row that refers to a person or an organisation."""

    ROLES = "roles"
    ASSESSMENTS = "assessments"
    AGENDA_LINKS = "agenda_links"
    POSITIONS = "positions"
    COMMITMENTS = "commitments"
    DISTINCT_MARKS = "distinct_marks"  #: "not the same person" marks
    RELATIONSHIPS = "relationships"  #: explicit relationships with other people or organisations
    INTERACTIONS = "interactions"  #: attended (people) or linked (organisations)
    THEME_LEADS = "theme_leads"
    AGENDAS_OWNED = "agendas_owned"
    PARTS = "parts"  #: organisations that are part of the organisation


FATES: dict[Link, Fate] = {
    Link.ROLES: Fate.DELETED,
    Link.ASSESSMENTS: Fate.DELETED,
    Link.AGENDA_LINKS: Fate.DELETED,
    Link.POSITIONS: Fate.DELETED,
    Link.COMMITMENTS: Fate.DELETED,
    Link.DISTINCT_MARKS: Fate.DELETED,
    Link.RELATIONSHIPS: Fate.DELETED,
    Link.INTERACTIONS: Fate.KEPT,
    Link.THEME_LEADS: Fate.KEPT,
    Link.AGENDAS_OWNED: Fate.KEPT,
    Link.PARTS: Fate.KEPT,
}


@dataclass(frozen=True)
class StakeholderLinks:
    """How many rows of each kind refer to the records (kinds that none do are left out)."""

    counts: tuple[tuple[Link, int], ...]
    #: Of the roles, those held today.
    current_roles: int = 0

    def count(self, link: Link) -> int:
        """How many rows of ``link`` refer to the records."""
        return dict(self.counts).get(link, 0)

    def of_fate(self, fate: Fate) -> list[tuple[Link, int]]:
        """The kinds a delete treats as ``fate``, with their counts, in a fixed order."""
        return [(link, n) for link, n in self.counts if FATES[link] is fate]

    @property
    def empty(self) -> bool:
        """True if nothing refers to the records."""
        return not self.counts


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _count(session: Session, column: Any, ids: Sequence[int], *where: ColumnElement[bool]) -> int:
    total = 0
    for chunk in _chunks(ids):
        stmt = select(func.count()).select_from(column.table).where(column.in_(chunk), *where)
        total += session.scalar(stmt) or 0
    return total


def _distinct(session: Session, column: Any, owner: Any, ids: Sequence[int]) -> set[Any]:
    found: set[Any] = set()
    for chunk in _chunks(ids):
        found.update(session.scalars(select(column).where(owner.in_(chunk)).distinct()))
    return found


def _either(session: Session, a: Any, b: Any, ids: Sequence[int]) -> int:
    """How many relationships have one of ``ids`` on either side (each once)."""
    return len(
        _distinct(session, Relationship.id, a, ids) | _distinct(session, Relationship.id, b, ids)
    )


def _links(counts: dict[Link, int], current_roles: int) -> StakeholderLinks:
    return StakeholderLinks(
        tuple((link, counts[link]) for link in Link if counts.get(link)), current_roles
    )


def people_links(
    session: Session, person_ids: Sequence[int], today: date | None = None
) -> StakeholderLinks:
    """What refers to the people ``person_ids`` (each row once, however many they share)."""
    ids = list(dict.fromkeys(person_ids))
    day = today or date.today()
    pairs: set[tuple[int, int]] = set()
    for chunk in _chunks(ids):
        stmt = select(DistinctPeople.person_a_id, DistinctPeople.person_b_id).where(
            DistinctPeople.person_a_id.in_(chunk) | DistinctPeople.person_b_id.in_(chunk)
        )
        pairs.update((a, b) for a, b in session.execute(stmt))
    counts = {
        Link.ROLES: _count(session, Affiliation.person_id, ids),
        Link.ASSESSMENTS: _count(session, Assessment.person_id, ids),
        Link.AGENDA_LINKS: _count(session, AgendaStakeholder.person_id, ids),
        Link.POSITIONS: _count(session, DossierStakeholder.person_id, ids),
        Link.COMMITMENTS: _count(session, Commitment.person_id, ids),
        Link.DISTINCT_MARKS: len(pairs),
        Link.RELATIONSHIPS: _either(
            session, Relationship.person_a_id, Relationship.person_b_id, ids
        ),
        Link.INTERACTIONS: len(
            _distinct(
                session,
                interaction_attendee.c.interaction_id,
                interaction_attendee.c.person_id,
                ids,
            )
        ),
        Link.THEME_LEADS: _count(session, AgendaTheme.lead_person_id, ids),
    }
    return _links(counts, _count(session, Affiliation.person_id, ids, is_current(day)))


def organisations_links(
    session: Session, org_ids: Sequence[int], today: date | None = None
) -> StakeholderLinks:
    """What refers to the organisations ``org_ids``; parts count only if they are kept."""
    ids = list(dict.fromkeys(org_ids))
    day = today or date.today()
    parts = _distinct(session, Organisation.id, Organisation.parent_id, ids) - set(ids)
    counts = {
        Link.ROLES: _count(session, Affiliation.organisation_id, ids),
        Link.ASSESSMENTS: _count(session, Assessment.organisation_id, ids),
        Link.AGENDA_LINKS: _count(session, AgendaStakeholder.organisation_id, ids),
        Link.POSITIONS: _count(session, DossierStakeholder.organisation_id, ids),
        Link.COMMITMENTS: _count(session, Commitment.organisation_id, ids),
        Link.RELATIONSHIPS: _either(
            session, Relationship.organisation_a_id, Relationship.organisation_b_id, ids
        ),
        Link.INTERACTIONS: len(
            _distinct(
                session,
                interaction_organisation.c.interaction_id,
                interaction_organisation.c.organisation_id,
                ids,
            )
        ),
        Link.THEME_LEADS: _count(session, AgendaTheme.lead_organisation_id, ids),
        Link.AGENDAS_OWNED: _count(session, Agenda.owner_organisation_id, ids),
        Link.PARTS: len(parts),
    }
    return _links(counts, _count(session, Affiliation.organisation_id, ids, is_current(day)))
