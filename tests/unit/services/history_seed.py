"""A register where a person and an organisation have a public-affairs history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import AgendaLevel, StakeholderRole
from techzone_crm.services import (
    agenda_stakeholders,
    agenda_themes,
    agendas,
    assessments,
    commitments,
    dossier_positions,
    dossiers,
    duplicates,
    interactions,
    team,
)
from techzone_crm.services.stakeholder_history import PARTS

from .factories import org, person, role


@dataclass(frozen=True)
class World:
    """Ids of what the seed made."""

    jan: int
    els: int
    emmen: int
    drenthe: int
    agenda: int
    theme: int
    dossier: int
    meeting: int
    call: int
    assessments: tuple[int, ...]
    position: int
    commitment: int
    member: int


def seed(session: Session) -> World:
    """Jan (at Emmen) and Els, with assessments, links, positions, meetings and promises."""
    emmen = org(session, "Gemeente Emmen", "government")
    drenthe = org(session, "Provincie Drenthe", "government")
    jan = person(session, "Jan", "Berg", name_prefix="van der")
    els = person(session, "Els", "Bakker")
    role(session, jan, emmen, "wethouder", date(2022, 5, 1))
    role(session, jan, drenthe, "adviseur", date(2018, 1, 1), date(2020, 1, 1))
    anna = team.add_team_member(session, team.TeamMemberData("Anna de Boer"))
    agenda = agendas.add_agenda(
        session,
        agendas.AgendaData("Regio Deal", AgendaLevel.OWN, owner_organisation_id=emmen.id),
    )
    theme = agenda_themes.add_theme(
        session,
        agenda.id,
        agenda_themes.ThemeData("Spoor", lead_person_id=jan.id, lead_organisation_id=emmen.id),
    )
    agenda_stakeholders.link_stakeholder(
        session,
        agenda.id,
        agenda_stakeholders.StakeholderLinkData(
            StakeholderRole.DECIDES, person_id=jan.id, theme_id=theme.id, note="trekker"
        ),
    )
    agenda_stakeholders.link_stakeholder(
        session,
        agenda.id,
        agenda_stakeholders.StakeholderLinkData(StakeholderRole.FUNDS, organisation_id=emmen.id),
    )
    dossier = dossiers.add_dossier(session, dossiers.DossierData("Spoorlijn Emmen–Groningen"))
    position = dossier_positions.add_position(
        session,
        dossier.id,
        dossier_positions.PositionData(
            2, person_id=jan.id, source="Raadsdebat", source_date=date(2024, 3, 1)
        ),
    )
    dossier_positions.add_position(
        session, dossier.id, dossier_positions.PositionData(1, organisation_id=emmen.id)
    )
    made = [
        assessments.add_assessment(
            session,
            assessments.AssessmentData(
                date(2024, 1, 10), 4, 3, person_id=jan.id, attitude=-1, note="sceptisch"
            ),
        ),
        assessments.add_assessment(
            session,
            assessments.AssessmentData(
                date(2024, 6, 1), 5, 4, person_id=jan.id, dossier_id=dossier.id, attitude=1
            ),
        ),
    ]
    assessments.add_assessment(
        session, assessments.AssessmentData(date(2024, 2, 1), 3, 3, organisation_id=emmen.id)
    )
    meeting = interactions.add_interaction(
        session,
        interactions.InteractionData(
            date(2024, 5, 2),
            "meeting",
            "Overleg spoor",
            attendee_ids=[jan.id, els.id],
            organisation_ids=[emmen.id],
            team_member_ids=[anna.id],
        ),
    )
    call = interactions.add_interaction(
        session,
        interactions.InteractionData(
            date(2024, 5, 9), "call", "Belafspraak", attendee_ids=[jan.id]
        ),
    )
    promise = commitments.add_commitment(
        session,
        commitments.CommitmentData(
            "Notitie sturen",
            team_member_id=anna.id,
            person_id=jan.id,
            interaction_id=meeting.id,
            dossier_id=dossier.id,
            due_on=date(2024, 6, 1),
        ),
    )
    commitments.add_commitment(
        session,
        commitments.CommitmentData(
            "Cijfers aanleveren", by_us=False, organisation_id=emmen.id, due_on=date(2024, 7, 1)
        ),
    )
    duplicates.mark_distinct(session, jan.id, els.id)
    session.flush()
    return World(
        jan.id,
        els.id,
        emmen.id,
        drenthe.id,
        agenda.id,
        theme.id,
        dossier.id,
        meeting.id,
        call.id,
        tuple(a.id for a in made),
        position.id,
        promise.id,
        anna.id,
    )


def dump(session: Session, *, ignore: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table that refers to people or organisations, in order."""
    session.flush()
    tables = {part.table for parts in PARTS.values() for part in parts}
    found = {}
    for table in sorted(tables, key=lambda t: t.name):
        columns = [c for c in table.columns if c.name not in ignore]
        rows = session.execute(select(*columns).order_by(*table.primary_key.columns))
        found[table.name] = [tuple(r) for r in rows]
    return found
