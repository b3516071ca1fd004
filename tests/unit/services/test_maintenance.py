"""Counts and integrity checks of the database file."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import team
from techzone_crm.services.maintenance import Counts, counts, integrity_problems

from .factories import org, person, role


def test_empty_database(session: Session) -> None:
    found = counts(session)

    assert found == Counts(0, 0, 0, 0, 0)
    assert found.empty


def test_counts(session: Session) -> None:
    team.add_team_member(session, team.TeamMemberData("Anna de Boer"))
    emmen = org(session, "Gemeente Emmen")
    org(session, "Avebe")
    jan = person(session, "Jan", "Berg", tags=["A", "B"])
    role(session, jan, emmen, "wethouder", date(2018, 1, 1))
    role(session, jan, emmen, "raadslid", date(2010, 1, 1), date(2014, 1, 1))

    found = counts(session)

    assert found == Counts(organisations=2, people=1, affiliations=2, team_members=1, tags=2)
    assert not found.empty


def test_only_team_members_is_not_empty(session: Session) -> None:
    team.add_team_member(session, team.TeamMemberData("Anna de Boer"))

    assert not counts(session).empty


def test_sound_database_has_no_problems(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen")
    jan = person(session, "Jan", "Berg", emails=["jan@emmen.nl"], phones=["0591 685 555"])
    role(session, jan, emmen, "wethouder")
    session.flush()

    assert integrity_problems(session) == []


def test_broken_link_is_reported(db: Database) -> None:
    with db.sessions.begin() as session:
        person(session, "Jan", "Berg", emails=["jan@emmen.nl"])
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                conn.execute(text("DELETE FROM person"))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")

    with db.read() as session:
        problems = integrity_problems(session)

    assert problems == ["broken link: email_address row 1 refers to a missing person"]
