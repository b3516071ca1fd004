"""The same schema, migrations and services on PostgreSQL (the future team mode).

Runs when ``TECHZONE_CRM_TEST_POSTGRES`` holds the URL of an empty database the tests may
wipe (CI starts a local server and sets it); skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import (
    current_revision,
    head_revision,
    open_database,
    schema_differences,
)
from techzone_crm.errors import ConflictError, DatabaseError, ValidationError
from techzone_crm.services import affiliations, demo, maintenance, organisations, people
from techzone_crm.services.search import LikeSearch, backend_for

URL = os.environ.get("TECHZONE_CRM_TEST_POSTGRES", "")

pytestmark = pytest.mark.skipif(
    not URL, reason="set TECHZONE_CRM_TEST_POSTGRES to a PostgreSQL URL to run these"
)


def _wipe() -> None:
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def pg() -> Iterator[Database]:
    """A freshly migrated PostgreSQL database."""
    _wipe()
    database = open_database(URL)
    yield database
    database.close()


def test_migrations_build_the_same_schema_as_the_models(pg: Database) -> None:
    assert current_revision(pg) == head_revision()
    assert schema_differences(pg) == []


def test_register_works_and_search_falls_back(pg: Database) -> None:
    with pg.sessions.begin() as session:
        assert isinstance(backend_for(session), LikeSearch)
        org = organisations.add_organisation(
            session,
            organisations.OrganisationData(
                name="Provincie Drenthe", helix="government", government_level="province"
            ),
        )
        person = people.add_person(
            session,
            people.PersonData(
                given_name="Hélène",
                name_prefix="van der",
                family_name="Berg",
                emails=[people.EmailData("h.berg@drenthe.example")],
                phones=[people.PhoneData("0592 365 555")],
            ),
        )
        affiliations.add_affiliation(
            session, affiliations.AffiliationData(person.id, org.id, "Gedeputeerde")
        )
        person_id = person.id

    with pg.read() as session:
        found = people.list_people(session, people.PersonQuery(text="helene drenthe"))
        assert [p.id for p in found] == [person_id]
        assert found[0].phone == "0592 365 555"
        assert found[0].organisation == "Provincie Drenthe"

    with pytest.raises(ConflictError), pg.sessions.begin() as session:
        people.update_person(
            session, person_id, people.PersonData("Helene", "Berg"), expected_version=99
        )
    with pytest.raises(ValidationError, match="end_date"), pg.sessions.begin() as session:
        affiliations.add_affiliation(
            session,
            affiliations.AffiliationData(
                person_id,
                org.id,
                start_date=date(2024, 1, 1),
                end_date=date(2023, 1, 1),
            ),
        )


def test_example_data_loads(pg: Database) -> None:
    with pg.sessions.begin() as session:
        summary = demo.load_demo(session)
    with pg.read() as session:
        counts = maintenance.counts(session)
        assert counts.people == summary.people >= 400
        assert people.count_people(session, people.PersonQuery(text="emmen")) > 0


def test_database_of_a_newer_version_is_refused(pg: Database) -> None:
    with pg.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    pg.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(URL)
