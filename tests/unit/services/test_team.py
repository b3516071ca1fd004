"""Team members: the officers who own relationships."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from techzone_crm.errors import ValidationError
from techzone_crm.services.team import TeamMemberData, add_team_member, list_team_members


def test_team_members_are_listed_by_name(session: Session) -> None:
    bram = add_team_member(session, TeamMemberData("Bram Mulder", "Bram@TechZone.NL"))
    anna = add_team_member(session, TeamMemberData("  Anna de Boer "))
    former = add_team_member(session, TeamMemberData("Carla Smit", active=False))

    assert bram.email == "Bram@techzone.nl"
    assert anna.email == ""
    assert list_team_members(session) == [(anna.id, "Anna de Boer"), (bram.id, "Bram Mulder")]
    assert [i for i, _ in list_team_members(session, active_only=False)] == [
        anna.id,
        bram.id,
        former.id,
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [(TeamMemberData(""), "name"), (TeamMemberData("Anna", "anna@"), "email")],
)
def test_bad_team_member_is_refused(session: Session, data: TeamMemberData, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_team_member(session, data)

    assert caught.value.field == field
    assert list_team_members(session, active_only=False) == []
