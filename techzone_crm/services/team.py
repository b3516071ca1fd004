"""Use cases for team members (the officers who own relationships)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import TeamMember
from techzone_crm.services import validation as v
from techzone_crm.text import fold


@dataclass
class TeamMemberData:
    """What a user enters for a team member."""

    name: str
    email: str = ""
    active: bool = True


def add_team_member(session: Session, data: TeamMemberData) -> TeamMember:
    """Add an officer who can own relationships."""
    member = TeamMember(
        name=v.required("name", data.name, 200),
        email=v.email("email", data.email) if data.email.strip() else "",
        active=data.active,
    )
    session.add(member)
    session.flush()
    return member


def list_team_members(session: Session, active_only: bool = True) -> list[tuple[int, str]]:
    """(id, name) of team members, by name."""
    stmt = select(TeamMember.id, TeamMember.name).order_by(TeamMember.name)
    if active_only:
        stmt = stmt.where(TeamMember.active.is_(True))
    return [(i, n) for i, n in session.execute(stmt).all()]


def find_team_members(session: Session, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(id, name) of active team members whose name contains every word of ``text``."""
    wanted = fold(text).split()
    found = [(i, n) for i, n in list_team_members(session) if all(w in fold(n) for w in wanted)]
    return found[:limit]
