"""Optimistic locking: a stale edit is refused, never silently written over another."""

from __future__ import annotations

import pytest
from sqlalchemy.orm.exc import StaleDataError

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Helix, Organisation, Person


def _add_person(db: Database) -> int:
    with db.sessions.begin() as session:
        person = Person(given_name="Jan", family_name="Berg", name_prefix="van der")
        session.add(person)
        session.flush()
        return person.id


def test_new_record_starts_at_version_one(db: Database) -> None:
    person_id = _add_person(db)

    with db.read() as session:
        assert session.get(Person, person_id).version == 1  # type: ignore[union-attr]


def test_each_saved_edit_moves_the_version_by_one(db: Database) -> None:
    person_id = _add_person(db)

    for expected, notes in [(2, "first"), (3, "second"), (4, "third")]:
        with db.sessions.begin() as session:
            person = session.get(Person, person_id)
            assert person is not None
            person.notes = notes
        assert person.version == expected


def test_second_of_two_concurrent_edits_is_refused(db: Database) -> None:
    person_id = _add_person(db)
    window_a, window_b = db.sessions(), db.sessions()
    try:
        # Both windows load the person; expire_on_commit=False keeps what they loaded.
        seen_by_a = window_a.get(Person, person_id)
        window_a.commit()
        seen_by_b = window_b.get(Person, person_id)
        window_b.commit()
        assert seen_by_a is not None and seen_by_b is not None

        seen_by_a.notes = "Met at the Energy Port event"
        window_a.commit()
        seen_by_b.notes = "Prefers e-mail"
        with pytest.raises(StaleDataError):
            window_b.commit()
        window_b.rollback()
    finally:
        window_a.close()
        window_b.close()

    with db.read() as session:
        stored = session.get(Person, person_id)
        assert stored is not None
        assert stored.notes == "Met at the Energy Port event"
        assert stored.version == 2


def test_delete_of_a_record_changed_elsewhere_is_refused(db: Database) -> None:
    with db.sessions.begin() as session:
        org = Organisation(name="Gemeente Emmen", helix=Helix.GOVERNMENT)
        session.add(org)
    stale = db.sessions()
    try:
        loaded = stale.get(Organisation, org.id)
        stale.commit()
        with db.sessions.begin() as session:
            fresh = session.get(Organisation, org.id)
            assert fresh is not None
            fresh.name = "Gemeente Emmen (Drenthe)"

        stale.delete(loaded)
        with pytest.raises(StaleDataError):
            stale.commit()
        stale.rollback()
    finally:
        stale.close()

    with db.read() as session:
        stored = session.get(Organisation, org.id)
        assert stored is not None
        assert stored.name == "Gemeente Emmen (Drenthe)"
