"""A person's roles at organisations over time."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Affiliation
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services.affiliations import (
    AffiliationData,
    add_affiliation,
    delete_affiliation,
    person_affiliations,
    update_affiliation,
)
from techzone_crm.services.people import PersonQuery, list_people

from .factories import org, person, role

TODAY = date(2024, 6, 1)


def _affiliation_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Affiliation)) or 0


def test_person_has_several_roles_current_first(session: Session) -> None:
    jan = person(session, "Jan", "Berg")
    assen = org(session, "Gemeente Assen", "government")
    drenthe = org(session, "Provincie Drenthe", "government")
    energy = org(session, "Energy Port", "civil_society")
    role(session, jan, assen, "wethouder", date(2010, 1, 1), date(2018, 12, 31))
    role(session, jan, drenthe, "gedeputeerde", date(2019, 1, 1))
    role(session, jan, energy, "bestuurslid", date(2021, 3, 1), date(2025, 3, 1))
    role(session, jan, assen, "raadslid", date(2002, 1, 1), date(2006, 1, 1))

    rows = person_affiliations(session, jan.id, today=TODAY)

    assert [(r.organisation_name, r.role, r.current) for r in rows] == [
        ("Energy Port", "bestuurslid", True),
        ("Provincie Drenthe", "gedeputeerde", True),
        ("Gemeente Assen", "wethouder", False),
        ("Gemeente Assen", "raadslid", False),
    ]


def test_role_that_has_not_started_is_not_current(session: Session) -> None:
    jan = person(session, "Jan", "Berg")
    role(session, jan, org(session), "kwartiermaker", date(2024, 9, 1))

    [row] = person_affiliations(session, jan.id, today=TODAY)

    assert not row.current


def test_ending_a_role_makes_it_former(db: Database) -> None:
    with db.sessions.begin() as session:
        jan = person(session, "Jan", "Berg")
        emmen = org(session, "Gemeente Emmen", "government")
        aff = role(session, jan, emmen, "wethouder", date(2018, 1, 1))
        ids = jan.id, emmen.id, aff.id

    with db.sessions.begin() as session:
        updated = update_affiliation(
            session,
            ids[2],
            AffiliationData(ids[0], ids[1], "wethouder", date(2018, 1, 1), date(2022, 5, 31)),
        )
        assert updated.version == 2

    with db.read() as session:
        [row] = person_affiliations(session, ids[0], today=TODAY)
        assert (row.end_date, row.current, row.version) == (date(2022, 5, 31), False, 2)
        [listed] = list_people(session, PersonQuery(), today=TODAY)
        assert (listed.organisation, listed.role) == ("", "")


def test_deleting_a_role_keeps_the_person_and_organisation(session: Session) -> None:
    jan = person(session, "Jan", "Berg")
    emmen = org(session, "Gemeente Emmen")
    aff = role(session, jan, emmen, "wethouder")

    delete_affiliation(session, aff.id)

    assert person_affiliations(session, jan.id) == []
    with pytest.raises(NotFoundError):
        delete_affiliation(session, aff.id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": date(2020, 1, 2), "end_date": date(2020, 1, 1)}, "end_date"),
        ({"organisation_id": 999}, "organisation_id"),
        ({"person_id": 999}, "person_id"),
        ({"role": "r" * 201}, "role"),
    ],
)
def test_bad_role_is_refused_naming_the_field_and_nothing_is_saved(
    db: Database, change: dict[str, object], field: str
) -> None:
    with db.sessions.begin() as session:
        jan = person(session, "Jan", "Berg")
        emmen = org(session, "Gemeente Emmen")
        aff_id = role(session, jan, emmen, "wethouder", date(2018, 1, 1)).id
        data = AffiliationData(jan.id, emmen.id, "wethouder")
    for key, value in change.items():
        setattr(data, key, value)

    with pytest.raises(ValidationError) as added, db.sessions.begin() as session:
        add_affiliation(session, data)
    with pytest.raises(ValidationError) as updated, db.sessions.begin() as session:
        update_affiliation(session, aff_id, data)

    assert added.value.field == updated.value.field == field
    assert _affiliation_count(db) == 1
    with db.read() as session:
        [row] = person_affiliations(session, jan.id, today=TODAY)
        assert (row.role, row.start_date, row.end_date, row.version) == (
            "wethouder",
            date(2018, 1, 1),
            None,
            1,
        )


def test_roles_of_an_unknown_person_are_not_found(session: Session) -> None:
    with pytest.raises(NotFoundError, match="person #5"):
        person_affiliations(session, 5)
