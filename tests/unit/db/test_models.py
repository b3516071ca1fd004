"""What the models keep by themselves: sort keys, names, links and the rules in the schema."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    Affiliation,
    EmailAddress,
    GovernmentLevel,
    Helix,
    Organisation,
    OrganisationSector,
    Person,
    PhoneNumber,
    Sector,
    Tag,
    TeamMember,
    person_tag,
)


def _count(session: Session, table: object) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[arg-type]


def test_person_names(session: Session) -> None:
    person = Person(given_name="Jan", name_prefix="van der", family_name="Berg", title="dr.")

    assert person.display_name == "dr. Jan van der Berg"
    assert person.sorted_name == "Berg, Jan van der"


def test_sort_name_is_kept_up_to_date(session: Session) -> None:
    person = Person(given_name="Hélène", name_prefix="van der", family_name="Berg")
    org = Organisation(name="Université de Lille", helix=Helix.EDUCATION)
    session.add_all([person, org])
    session.flush()
    assert person.sort_name.startswith("berg")
    assert org.sort_name == "universite de lille"

    person.family_name = "Dijk"
    org.name = "Rijksuniversiteit Groningen"
    session.flush()

    assert person.sort_name.startswith("dijk")
    assert org.sort_name == "rijksuniversiteit groningen"


def test_people_sort_by_family_name_without_prefix(session: Session) -> None:
    for given, prefix, family in [
        ("Karin", "", "Dijk"),
        ("Jan", "van der", "Berg"),
        ("Els", "", "Bakker"),
    ]:
        session.add(Person(given_name=given, name_prefix=prefix, family_name=family))
    session.flush()

    ordered = session.scalars(select(Person).order_by(Person.sort_name)).all()

    assert [p.sorted_name for p in ordered] == ["Bakker, Els", "Berg, Jan van der", "Dijk, Karin"]


def test_organisation_sectors(session: Session) -> None:
    org = Organisation(name="Chemport", helix=Helix.BUSINESS)
    org.sector_links = [OrganisationSector(sector=Sector.CHEMISTRY)]
    session.add(org)
    session.flush()

    assert org.sectors == {Sector.CHEMISTRY}


@pytest.mark.parametrize(
    ("start", "end", "on", "current"),
    [
        (None, None, date(2024, 6, 1), True),
        (date(2020, 1, 1), None, date(2024, 6, 1), True),
        (date(2020, 1, 1), date(2024, 6, 1), date(2024, 6, 1), True),
        (date(2020, 1, 1), date(2024, 5, 31), date(2024, 6, 1), False),
        (date(2024, 6, 2), None, date(2024, 6, 1), False),
    ],
)
def test_affiliation_is_current(
    start: date | None, end: date | None, on: date, current: bool
) -> None:
    assert Affiliation(start_date=start, end_date=end).is_current(on) is current


@pytest.fixture
def linked(session: Session) -> tuple[Person, Organisation]:
    owner = TeamMember(name="Anna de Boer")
    org = Organisation(name="Gemeente Emmen", helix=Helix.GOVERNMENT)
    org.sector_links = [OrganisationSector(sector=Sector.HTSM)]
    person = Person(given_name="Jan", family_name="Berg", owner=owner)
    person.emails = [EmailAddress(address="jan@emmen.nl")]
    person.phones = [PhoneNumber(number="+31591685555")]
    person.tags = [Tag(name="Program Board")]
    session.add_all([person, org])
    session.flush()
    session.add(Affiliation(person_id=person.id, organisation_id=org.id, role="wethouder"))
    session.flush()
    return person, org


def test_deleting_a_person_in_sql_removes_what_belongs_to_them(
    session: Session, linked: tuple[Person, Organisation]
) -> None:
    person, _org = linked
    session.execute(text("DELETE FROM person WHERE id = :id"), {"id": person.id})

    assert _count(session, EmailAddress) == 0
    assert _count(session, PhoneNumber) == 0
    assert _count(session, Affiliation) == 0
    assert _count(session, person_tag) == 0
    assert _count(session, Tag) == 1
    assert _count(session, TeamMember) == 1
    assert _count(session, Organisation) == 1


def test_deleting_an_organisation_in_sql_removes_its_roles_and_sectors(
    session: Session, linked: tuple[Person, Organisation]
) -> None:
    _person, org = linked
    session.execute(text("DELETE FROM organisation WHERE id = :id"), {"id": org.id})

    assert _count(session, Affiliation) == 0
    assert _count(session, OrganisationSector) == 0
    assert _count(session, Person) == 1


def test_deleting_a_team_member_keeps_their_people(
    session: Session, linked: tuple[Person, Organisation]
) -> None:
    person, _org = linked
    session.execute(text("DELETE FROM team_member"))

    assert session.scalar(select(Person.owner_id).where(Person.id == person.id)) is None


def test_deleting_a_parent_organisation_keeps_its_children(session: Session) -> None:
    parent = Organisation(name="Ministerie van EZK", helix=Helix.GOVERNMENT)
    child = Organisation(name="RVO", helix=Helix.GOVERNMENT, parent=parent)
    session.add_all([parent, child])
    session.flush()

    session.execute(text("DELETE FROM organisation WHERE id = :id"), {"id": parent.id})

    assert session.scalar(select(Organisation.parent_id).where(Organisation.id == child.id)) is None


def test_link_to_a_missing_person_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        session.add(EmailAddress(person_id=12345, address="ghost@example.nl"))


def test_affiliation_ending_before_it_starts_is_refused_by_the_schema(
    db: Database,
) -> None:
    with db.sessions.begin() as session:
        person = Person(given_name="Jan", family_name="Berg")
        org = Organisation(name="Gemeente Emmen", helix=Helix.GOVERNMENT)
        session.add_all([person, org])

    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        session.add(
            Affiliation(
                person_id=person.id,
                organisation_id=org.id,
                start_date=date(2024, 1, 1),
                end_date=date(2023, 1, 1),
            )
        )


def test_unknown_vocabulary_value_is_refused(db: Database) -> None:
    with pytest.raises(StatementError), db.sessions.begin() as session:
        session.add(Organisation(name="X", helix="weather"))  # type: ignore[arg-type]
        session.flush()


def test_vocabularies_are_stored_as_their_values(session: Session) -> None:
    session.add(
        Organisation(
            name="Provincie Drenthe",
            helix=Helix.GOVERNMENT,
            government_level=GovernmentLevel.PROVINCE,
        )
    )
    session.flush()

    row = session.execute(text("SELECT helix, government_level FROM organisation")).one()

    assert tuple(row) == ("government", "province")
