"""A deleted person or organisation comes back with its public-affairs history, exactly."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.base import Base
from techzone_crm.db.models import (
    AgendaTheme,
    Assessment,
    Commitment,
    DossierStakeholder,
    interaction_attendee,
)
from techzone_crm.errors import ConflictError
from techzone_crm.services import interactions, organisations, people
from techzone_crm.services.merge import merge_people
from techzone_crm.services.snapshots import (
    PersonSnapshot,
    restore_organisation,
    restore_person,
    snapshot_organisation,
    snapshot_person,
    with_history,
)
from techzone_crm.services.stakeholder_history import PARTS, History, capture_one

from .factories import person
from .history_seed import dump, seed

# A reference put back is a change of the theme or agenda row: its version moves on.
LEAD_COLUMNS = ("version", "updated_at")


def delete_person_recorded(session: Session, person_id: int) -> PersonSnapshot:
    """Delete as the undo recording does: the snapshot from before, with its history."""
    before = snapshot_person(session, person_id)
    history = capture_one(session, "person", person_id)
    people.delete_person(session, person_id)
    snap, _ = with_history(before, None, history, History())
    assert snap is not None
    return snap


def test_undoing_a_person_delete_restores_every_row_that_referred_to_them(
    session: Session,
) -> None:
    w = seed(session)
    rows_before = dump(session, ignore=LEAD_COLUMNS)

    snap = delete_person_recorded(session, w.jan)
    session.flush()
    gone = dump(session)
    assert [r for r in gone["assessment"] if r[0] in w.assessments] == []
    assert session.get(DossierStakeholder, w.position) is None
    assert session.get(Commitment, w.commitment) is None
    assert session.get(AgendaTheme, w.theme).lead_person_id is None
    assert gone["interaction_attendee"] == [(w.meeting, w.els)]
    assert gone["distinct_people"] == []

    restore_person(session, snap, expected_version=None)
    assert dump(session, ignore=LEAD_COLUMNS) == rows_before
    again = session.get(Assessment, w.assessments[0])
    assert (again.assessed_on, again.attitude, again.note) == (date(2024, 1, 10), -1, "sceptisch")
    assert session.get(AgendaTheme, w.theme).lead_person_id == w.jan

    # Redo deletes them again; a second undo brings them back again.
    people.delete_person(session, w.jan)
    session.flush()
    assert session.scalar(select(func.count()).select_from(Assessment)) == 1  # Emmen's
    restore_person(session, snap, expected_version=None)
    assert dump(session, ignore=LEAD_COLUMNS) == rows_before


def test_undoing_an_organisation_delete_restores_its_links_owner_and_lead(
    session: Session,
) -> None:
    w = seed(session)
    rows_before = dump(session, ignore=LEAD_COLUMNS)
    before = snapshot_organisation(session, w.emmen)
    history = capture_one(session, "organisation", w.emmen)

    organisations.delete_organisation(session, w.emmen)
    session.flush()
    gone = dump(session)
    assert gone["interaction_organisation"] == []
    assert next(r for r in gone["agenda"] if r[0] == w.agenda)[7] is None  # owner cleared
    assert len(gone["commitment"]) == 1  # Jan's; Emmen's promise went with it

    snap, _ = with_history(before, None, history, History())
    assert snap is not None
    restore_organisation(session, snap, expected_version=None)
    assert dump(session, ignore=LEAD_COLUMNS) == rows_before


def test_what_was_deleted_meanwhile_stays_gone_and_an_emptied_reference_stays_empty(
    session: Session,
) -> None:
    w = seed(session)
    snap = delete_person_recorded(session, w.jan)
    interactions.delete_interaction(session, w.meeting)
    session.flush()

    restore_person(session, snap, expected_version=None)
    session.flush()
    attended = select(interaction_attendee.c.interaction_id).where(
        interaction_attendee.c.person_id == w.jan
    )
    assert list(session.scalars(attended)) == [w.call]
    promise = session.get(Commitment, w.commitment)
    assert promise is not None and promise.interaction_id is None
    assert promise.description == "Notitie sturen"


def test_a_row_whose_id_was_taken_meanwhile_comes_back_under_a_new_id(session: Session) -> None:
    w = seed(session)
    last = max(w.assessments)
    snap = delete_person_recorded(session, w.jan)
    session.flush()
    newcomer = person(session, "Kees", "Mulder")
    # SQLite hands a freed id out again when it was the highest one.
    session.add(
        Assessment(
            id=last, assessed_on=date(2025, 1, 2), power=2, interest=2, person_id=newcomer.id
        )
    )
    session.flush()

    restore_person(session, snap, expected_version=None)
    session.flush()
    kept = session.get(Assessment, last)
    assert kept is not None and kept.person_id == newcomer.id
    mine = session.scalars(select(Assessment).where(Assessment.person_id == w.jan)).all()
    assert sorted(a.assessed_on for a in mine) == [date(2024, 1, 10), date(2024, 6, 1)]


def test_an_edit_carries_no_history_so_its_undo_leaves_those_rows_alone(session: Session) -> None:
    w = seed(session)
    before = snapshot_person(session, w.jan)
    history = capture_one(session, "person", w.jan)
    people.update_person(session, w.jan, people.PersonData("Johannes", "Berg"))
    after = snapshot_person(session, w.jan)

    b, a = with_history(before, after, history, capture_one(session, "person", w.jan))
    assert b is not None and a is not None
    assert (b.history, a.history) == (None, None)


def test_merging_moves_the_history_to_the_person_kept_and_undo_gives_it_back(
    session: Session,
) -> None:
    w = seed(session)
    rows_before = dump(session, ignore=LEAD_COLUMNS)
    keep_before, jan_before = snapshot_person(session, w.els), snapshot_person(session, w.jan)
    keep_history = capture_one(session, "person", w.els)
    jan_history = capture_one(session, "person", w.jan)

    merged = merge_people(session, w.els, w.jan)
    session.flush()
    assert session.get(Assessment, w.assessments[0]).person_id == w.els
    assert session.get(DossierStakeholder, w.position).person_id == w.els
    assert session.get(Commitment, w.commitment).person_id == w.els
    assert session.get(AgendaTheme, w.theme).lead_person_id == w.els
    attended = select(interaction_attendee.c.interaction_id).where(
        interaction_attendee.c.person_id == w.els
    )
    assert sorted(session.scalars(attended)) == sorted([w.meeting, w.call])
    assert dump(session)["distinct_people"] == []  # Els and Jan were marked apart

    session.expire_all()
    keep_after = snapshot_person(session, w.els)
    keep_b, keep_a = with_history(
        keep_before, keep_after, keep_history, capture_one(session, "person", w.els)
    )
    jan_b, _ = with_history(jan_before, None, jan_history, History())
    assert keep_b is not None and keep_a is not None and jan_b is not None

    # Undo: the kept person first, then the one merged away (the order undo uses).
    restore_person(session, keep_b, expected_version=merged.version)
    restore_person(session, jan_b, expected_version=None)
    assert dump(session, ignore=LEAD_COLUMNS) == rows_before

    # Redo: delete the one merged away, give the kept person the rows again.
    people.delete_person(session, w.jan)
    session.flush()
    restore_person(session, keep_a, expected_version=session.get(type(merged), w.els).version)
    session.flush()
    assert session.get(Assessment, w.assessments[1]).person_id == w.els
    assert sorted(session.scalars(attended)) == sorted([w.meeting, w.call])


def test_an_undo_over_a_moved_row_changed_elsewhere_is_refused(session: Session) -> None:
    w = seed(session)
    keep_before = snapshot_person(session, w.els)
    keep_history = capture_one(session, "person", w.els)
    merged = merge_people(session, w.els, w.jan)
    session.flush()
    session.expire_all()
    keep_b, _ = with_history(
        keep_before,
        snapshot_person(session, w.els),
        keep_history,
        capture_one(session, "person", w.els),
    )
    assert keep_b is not None
    moved = session.get(Assessment, w.assessments[0])
    moved.note = "changed by a colleague"
    session.flush()

    with pytest.raises(ConflictError, match="assessment"):
        restore_person(session, keep_b, expected_version=merged.version)


def test_every_reference_to_a_person_or_organisation_is_kept_by_a_snapshot() -> None:
    # The record's own snapshot keeps these; the history keeps the rest.
    own = {
        ("affiliation", "person_id"),
        ("affiliation", "organisation_id"),
        ("email_address", "person_id"),
        ("phone_number", "person_id"),
        ("person_tag", "person_id"),
        ("organisation_tag", "organisation_id"),
        ("organisation_sector", "organisation_id"),
        ("organisation", "parent_id"),
    }
    history = {(p.table.name, p.column) for parts in PARTS.values() for p in parts}
    referring = {
        (table.name, fk.parent.name)
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name in ("person", "organisation")
    }
    assert referring == own | history
    assert not own & history
