"""Looking after the database file: counts, integrity checks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, Person, Tag, TeamMember


@dataclass(frozen=True)
class Counts:
    """How many records of each kind the database holds."""

    organisations: int
    people: int
    affiliations: int
    team_members: int
    tags: int

    @property
    def empty(self) -> bool:
        """True if there is nothing in the register yet."""
        return not (self.organisations or self.people or self.team_members)


def counts(session: Session) -> Counts:
    """Count the records of each kind."""

    def n(model: type) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return Counts(n(Organisation), n(Person), n(Affiliation), n(TeamMember), n(Tag))


def integrity_problems(session: Session) -> list[str]:
    """Problems found by SQLite's full integrity and foreign-key checks (empty if sound)."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    problems = [
        str(row[0])
        for row in session.execute(text("PRAGMA integrity_check"))
        if str(row[0]) != "ok"
    ]
    problems += [
        f"broken link: {row[0]} row {row[1]} refers to a missing {row[2]}"
        for row in session.execute(text("PRAGMA foreign_key_check"))
    ]
    problems += [f"search index: {detail}" for detail in _fts_problems(session)]
    return problems


def _fts_problems(session: Session) -> list[str]:
    found = []
    for name in ("person_fts", "organisation_fts"):
        try:
            session.execute(text(f"INSERT INTO {name}({name}, rank) VALUES('integrity-check', 1)"))
        except DBAPIError as exc:
            found.append(f"{name}: {exc}")
    return found
