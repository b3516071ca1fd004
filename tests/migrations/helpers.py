"""Sample data and file inspection for migration tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import insert
from sqlalchemy.orm import Session

from techzone_crm.db import migrate
from techzone_crm.db import models as m
from techzone_crm.db.engine import create_database_engine
from techzone_crm.db.fts import FTS_TABLE_PREFIXES
from techzone_crm.db.models import ViewKind
from techzone_crm.io.import_fields import ImportField
from techzone_crm.services import (
    affiliations,
    duplicates,
    import_mappings,
    organisations,
    people,
    relationships,
    saved_views,
    tags,
    team,
)

SEARCH_TABLES = ("person_fts", "organisation_fts")


def populate(session: Session) -> None:
    """Put at least one row in every table."""
    officer = team.add_team_member(session, team.TeamMemberData("Anna de Boer", "anna@techzone.nl"))
    province = organisations.add_organisation(
        session,
        organisations.OrganisationData(
            name="Provincie Drenthe",
            helix="government",
            government_level="province",
            sectors=["htsm", "logistics"],
            region="Drenthe",
            website="provincie.drenthe.nl",
            is_partner=True,
        ),
    )
    department = organisations.add_organisation(
        session,
        organisations.OrganisationData(
            name="Afdeling Economie", helix="government", parent_id=province.id
        ),
    )
    company = organisations.add_organisation(
        session,
        organisations.OrganisationData(name="Hélène Chemie B.V.", helix="business"),
    )
    company.tags = tags.tags_by_name(session, ["Kerngroep Chemie"])
    jan = people.add_person(
        session,
        people.PersonData(
            given_name="Jan",
            name_prefix="van der",
            family_name="Berg",
            owner_id=officer.id,
            emails=[people.EmailData("jan.vanderberg@drenthe.nl")],
            phones=[people.PhoneData("0592 365 555")],
            tags=["Program Board"],
        ),
    )
    els = people.add_person(
        session,
        people.PersonData(
            given_name="Els",
            family_name="Bakker",
            emails=[people.EmailData("els@chemie.nl"), people.EmailData("els@example.org")],
            phones=[people.PhoneData("06 12345678", "mobile")],
            tags=["program board", "Kerngroep Chemie"],
            backup_owner_id=officer.id,
            do_not_contact=True,
        ),
    )
    for person, org, role, start, end in [
        (jan, province, "gedeputeerde", date(2019, 5, 1), None),
        (jan, department, "beleidsmedewerker", date(2012, 1, 1), date(2019, 4, 30)),
        (els, company, "directeur", date(2020, 1, 1), None),
    ]:
        affiliations.add_affiliation(
            session,
            affiliations.AffiliationData(person.id, org.id, role, start_date=start, end_date=end),
        )
    duplicates.mark_distinct(session, jan.id, els.id)
    relationships.add_relationship(
        session,
        relationships.RelationshipData.people(
            "advises", els.id, jan.id, 4, note="Over de chemieagenda", started_on=date(2021, 3, 1)
        ),
    )
    relationships.add_relationship(
        session,
        relationships.RelationshipData.organisations("partner_of", company.id, province.id),
    )
    _public_affairs(session, officer.id, province.id, jan.id)
    saved_views.save_view(
        session, ViewKind.PEOPLE, "Program Board", people.PersonQuery(tag="Program Board")
    )
    import_mappings.save_mapping(
        session,
        "Outlook (NL)",
        ["Voornaam", "Achternaam"],
        {0: ImportField.GIVEN_NAME, 1: ImportField.FAMILY_NAME},
    )
    session.add(
        m.ExportLog(
            exported_by="Anna de Boer",
            kind=m.ExportKind.PEOPLE,
            format="csv-nl",
            filter="Tag: Program Board",
            count=2,
            path="/home/anna/program-board.csv",
        )
    )
    session.flush()


def _public_affairs(session: Session, officer_id: int, org_id: int, person_id: int) -> None:
    """Agendas, a dossier, an assessment, an interaction and a commitment."""
    own = m.Agenda(name="Strategische agenda 2021-2026", level=m.AgendaLevel.OWN)
    region = m.Agenda(name="Regio Deal Zuid- en Oost-Drenthe", level=m.AgendaLevel.NATIONAL)
    session.add_all([own, region])
    session.flush()
    own_theme = m.AgendaTheme(agenda_id=own.id, name="Talent", lead_organisation_id=org_id)
    region_theme = m.AgendaTheme(agenda_id=region.id, name="Werken")
    session.add_all([own_theme, region_theme])
    session.flush()
    session.execute(insert(m.agenda_sector), [{"agenda_id": own.id, "sector": m.Sector.HTSM}])
    session.add(m.ThemeAlignment(own_theme_id=own_theme.id, agenda_id=region.id))
    session.add(
        m.AgendaStakeholder(
            agenda_id=region.id, organisation_id=org_id, role=m.StakeholderRole.DECIDES
        )
    )
    dossier = m.Dossier(title="Spoorverbinding Emmen–Groningen", stage=m.IssueStage.CURRENT)
    session.add(dossier)
    session.flush()
    session.add(m.DossierAgenda(dossier_id=dossier.id, agenda_id=region.id))
    session.add(
        m.DossierStakeholder(
            dossier_id=dossier.id, person_id=person_id, position=2, source="Statendebat"
        )
    )
    session.add(
        m.Assessment(
            person_id=person_id, assessed_on=date(2025, 3, 1), power=5, interest=4, attitude=1
        )
    )
    meeting = m.Interaction(
        occurred_on=date(2025, 3, 1), kind=m.InteractionKind.MEETING, subject="Bestuurlijk overleg"
    )
    session.add(meeting)
    session.flush()
    for table, column, value in (
        (m.interaction_attendee, "person_id", person_id),
        (m.interaction_team_member, "team_member_id", officer_id),
        (m.interaction_organisation, "organisation_id", org_id),
        (m.interaction_agenda, "agenda_id", region.id),
        (m.interaction_dossier, "dossier_id", dossier.id),
    ):
        session.execute(insert(table), [{"interaction_id": meeting.id, column: value}])
    session.add(
        m.Commitment(
            interaction_id=meeting.id,
            description="Notitie over de spoorlijn sturen",
            team_member_id=officer_id,
            person_id=person_id,
            due_on=date(2025, 4, 1),
        )
    )
    session.flush()


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table (FTS5's internal tables left out, its search tables kept)."""
    with closing(sqlite3.connect(path)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
            if name in SEARCH_TABLES or not name.startswith(FTS_TABLE_PREFIXES)
        }


def stored_revision(path: Path) -> str:
    """The revision in the file's alembic_version table."""
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


SNAPSHOTS_DIR = Path(__file__).resolve().parent / "data"


def migrate_to(path: Path, revision: str, down: bool = False) -> None:
    """Upgrade (or downgrade) the file at ``path`` to ``revision`` with Alembic."""
    db = create_database_engine(path)
    try:
        config = migrate.alembic_config()
        with db.engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        db.close()


def populated_at(path: Path, revision: str) -> Path:
    """A database at ``revision`` holding the rows of ``data/<revision>.sql``."""
    migrate_to(path, revision)
    snapshot = SNAPSHOTS_DIR / f"{revision}.sql"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executescript(snapshot.read_text(encoding="utf-8"))
    return path
