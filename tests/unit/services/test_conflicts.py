"""Two windows edit the same record: the later save is refused and the earlier one is kept."""

from __future__ import annotations

from datetime import date

import pytest

from techzone_crm.db.engine import Database
from techzone_crm.errors import ConflictError
from techzone_crm.services.affiliations import (
    AffiliationData,
    delete_affiliation,
    person_affiliations,
    update_affiliation,
)
from techzone_crm.services.organisations import (
    OrganisationData,
    delete_organisation,
    get_organisation,
    update_organisation,
)
from techzone_crm.services.people import (
    EmailData,
    PersonData,
    delete_person,
    get_person,
    update_person,
)

from .factories import org, person, role


def _person_version(db: Database, person_id: int) -> int:
    with db.read() as session:
        return get_person(session, person_id).version


@pytest.fixture
def jan_id(db: Database) -> int:
    with db.sessions.begin() as session:
        return person(session, "Jan", "Berg", emails=["jan@berg.nl"]).id


def test_stale_person_edit_is_refused(db: Database, jan_id: int) -> None:
    opened_at = _person_version(db, jan_id)  # both windows open the person
    with db.sessions.begin() as session:
        update_person(
            session,
            jan_id,
            PersonData("Jan", "Berg", emails=[EmailData("jan@drenthe.nl")]),
            expected_version=opened_at,
        )

    stale_edit = PersonData("Johannes", "Berg", emails=[EmailData("jan@berg.nl")])
    with (
        pytest.raises(ConflictError, match="changed elsewhere"),
        db.sessions.begin() as session,
    ):
        update_person(session, jan_id, stale_edit, expected_version=opened_at)

    with db.read() as session:
        stored = get_person(session, jan_id)
        assert stored.given_name == "Jan"
        assert [e.address for e in stored.emails] == ["jan@drenthe.nl"]
        assert stored.version == opened_at + 1


def test_edit_of_a_person_loaded_before_someone_else_saved_fails(db: Database, jan_id: int) -> None:
    window = db.sessions()
    try:
        shown = get_person(window, jan_id)  # a long-lived window keeps what it loaded
        window.commit()
        with db.sessions.begin() as other:
            update_person(other, jan_id, PersonData("Jan", "Berg", notes="from the other window"))

        with pytest.raises(ConflictError, match="changed or deleted elsewhere"):
            update_person(window, jan_id, PersonData("Jan", "Berg", notes="from this window"))
        window.rollback()
        assert shown.notes == "from the other window"  # reloaded after the refusal
    finally:
        window.close()

    with db.read() as session:
        assert get_person(session, jan_id).notes == "from the other window"


def test_delete_of_a_changed_person_is_refused(db: Database, jan_id: int) -> None:
    opened_at = _person_version(db, jan_id)
    with db.sessions.begin() as session:
        update_person(session, jan_id, PersonData("Jan", "Berg", notes="new"))

    with pytest.raises(ConflictError), db.sessions.begin() as session:
        delete_person(session, jan_id, expected_version=opened_at)

    assert _person_version(db, jan_id) == opened_at + 1


def test_stale_organisation_edit_and_delete_are_refused(db: Database) -> None:
    with db.sessions.begin() as session:
        org_id = org(session, "Avebe").id
    with db.sessions.begin() as session:
        update_organisation(
            session, org_id, OrganisationData("Avebe", "business", sectors=["chemistry"]), 1
        )

    with pytest.raises(ConflictError), db.sessions.begin() as session:
        update_organisation(session, org_id, OrganisationData("Avebe U.A.", "business"), 1)
    with pytest.raises(ConflictError), db.sessions.begin() as session:
        delete_organisation(session, org_id, expected_version=1)

    with db.read() as session:
        stored = get_organisation(session, org_id)
        assert (stored.name, stored.version, {s.value for s in stored.sectors}) == (
            "Avebe",
            2,
            {"chemistry"},
        )


def test_stale_affiliation_edit_and_delete_are_refused(db: Database, jan_id: int) -> None:
    with db.sessions.begin() as session:
        emmen = org(session, "Gemeente Emmen")
        aff = role(session, get_person(session, jan_id), emmen, "wethouder", date(2018, 1, 1))
        ids = emmen.id, aff.id
    ended = AffiliationData(jan_id, ids[0], "wethouder", date(2018, 1, 1), date(2022, 1, 1))
    with db.sessions.begin() as session:
        update_affiliation(session, ids[1], ended, expected_version=1)

    renamed = AffiliationData(jan_id, ids[0], "burgemeester", date(2018, 1, 1))
    with pytest.raises(ConflictError), db.sessions.begin() as session:
        update_affiliation(session, ids[1], renamed, expected_version=1)
    with pytest.raises(ConflictError), db.sessions.begin() as session:
        delete_affiliation(session, ids[1], expected_version=1)

    with db.read() as session:
        [row] = person_affiliations(session, jan_id)
        assert (row.role, row.end_date, row.version) == ("wethouder", date(2022, 1, 1), 2)
