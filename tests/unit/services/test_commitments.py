"""Commitments (toezeggingen): recording, keeping, cancelling and what is overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Commitment, CommitmentStatus, TeamMember
from techzone_crm.errors import ConflictError, NotFoundError, ValidationError
from techzone_crm.services.commitments import (
    CommitmentData,
    CommitmentQuery,
    CommitmentState,
    add_commitment,
    cancel,
    commitment_counts,
    commitments_due,
    delete_commitment,
    get_commitment,
    list_commitments,
    mark_done,
    overdue_commitments,
    reopen,
    state_of,
    update_commitment,
)
from techzone_crm.services.interactions import quick_add
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person

TODAY = date(2024, 6, 1)
St = CommitmentState


def _officer(session: Session, name: str = "Anna Bos") -> TeamMember:
    return add_team_member(session, TeamMemberData(name))


@pytest.mark.parametrize(
    ("status", "due_on", "expected"),
    [
        (CommitmentStatus.OPEN, None, St.OPEN),
        (CommitmentStatus.OPEN, date(2024, 6, 2), St.OPEN),
        (CommitmentStatus.OPEN, TODAY, St.OPEN),  # due today: still in time
        (CommitmentStatus.OPEN, date(2024, 5, 31), St.OVERDUE),
        (CommitmentStatus.DONE, date(2024, 1, 1), St.DONE),
        (CommitmentStatus.CANCELLED, date(2024, 1, 1), St.CANCELLED),
    ],
)
def test_state(status: CommitmentStatus, due_on: date | None, expected: CommitmentState) -> None:
    assert state_of(status, due_on, TODAY) is expected


def test_commitment_becomes_overdue_the_day_after_it_is_due(session: Session) -> None:
    officer = _officer(session)
    p = person(session)
    meeting = quick_add(session, "Overleg spoorlijn", occurred_on=date(2024, 5, 14))
    c = add_commitment(
        session,
        CommitmentData(
            "Notitie over de spoorlijn sturen",
            team_member_id=officer.id,
            person_id=p.id,
            interaction_id=meeting.id,
            due_on=date(2024, 6, 10),
        ),
    )
    on = {
        day: list_commitments(session, CommitmentQuery(), today=day)[0]
        for day in (
            date(2024, 6, 10),
            date(2024, 6, 11),
            date(2024, 6, 20),
        )
    }
    assert on[date(2024, 6, 10)].state is St.OPEN
    assert on[date(2024, 6, 11)].state is St.OVERDUE
    assert on[date(2024, 6, 11)].days_overdue == 1
    assert on[date(2024, 6, 20)].days_overdue == 10
    row = on[date(2024, 6, 20)]
    assert (row.team_member, row.person) == ("Anna Bos", "Jansen, Jan")
    assert row.interaction == "2024-05-14 Overleg spoorlijn"

    done = mark_done(session, c.id, date(2024, 6, 12), c.version, today=date(2024, 6, 20))
    assert done.done_on == date(2024, 6, 12)
    assert overdue_commitments(session, date(2024, 6, 20)) == []
    reopen(session, c.id)
    assert [r.id for r in overdue_commitments(session, date(2024, 6, 20))] == [c.id]
    cancel(session, c.id)
    assert overdue_commitments(session, date(2024, 6, 20)) == []
    row = list_commitments(session, CommitmentQuery(), today=date(2024, 6, 20))[0]
    assert (row.state, row.done_on) == (St.CANCELLED, None)


def test_due_soon_and_overdue_lists_by_team_member(session: Session) -> None:
    anna, kees = _officer(session), _officer(session, "Kees Mulder")
    p = person(session)

    def promise(text: str, who: TeamMember, due: date | None) -> int:
        data = CommitmentData(text, team_member_id=who.id, person_id=p.id, due_on=due)
        return add_commitment(session, data).id

    long_late = promise("A", anna, date(2024, 4, 1))
    late = promise("B", anna, date(2024, 5, 30))
    due_today = promise("C", anna, TODAY)
    due_in_week = promise("D", kees, date(2024, 6, 8))
    promise("E", anna, date(2024, 6, 30))  # beyond the window
    promise("F", anna, None)  # no date: never overdue, never due
    kept = promise("G", anna, date(2024, 5, 1))
    mark_done(session, kept, today=TODAY)

    assert [r.id for r in overdue_commitments(session, TODAY)] == [long_late, late]
    assert [r.id for r in overdue_commitments(session, TODAY, kees.id)] == []
    assert [r.id for r in commitments_due(session, TODAY, 7)] == [due_today, due_in_week]
    assert [r.id for r in commitments_due(session, TODAY, 7, anna.id)] == [due_today]
    open_ones = CommitmentQuery(states=frozenset({St.OPEN}))
    assert [r.description for r in list_commitments(session, open_ones, TODAY)] == [
        "C",
        "D",
        "E",
        "F",
    ]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"description": " "}, "description", "required"),
        ({"team_member_id": None}, "team_member_id", "which team member"),
        ({"person_id": None}, "person_id", "a person or an organisation"),
        ({"person_id": 999}, "person_id", "unknown person"),
        ({"dossier_id": 999}, "dossier_id", "unknown dossier"),
        ({"interaction_id": 999}, "interaction_id", "unknown interaction"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    session: Session, change: dict[str, object], field: str, words: str
) -> None:
    officer, p = _officer(session), person(session)
    data = CommitmentData("Bellen", team_member_id=officer.id, person_id=p.id)
    with pytest.raises(ValidationError) as err:
        add_commitment(session, replace(data, **change))  # type: ignore[arg-type]
    assert err.value.field == field
    assert words in err.value.problem
    assert session.scalar(select(func.count()).select_from(Commitment)) == 0


def test_their_promise_to_us_needs_no_team_member(session: Session) -> None:
    o = org(session, "Provincie Drenthe", "government")
    c = add_commitment(
        session, CommitmentData("Subsidiebesluit", by_us=False, organisation_id=o.id)
    )
    assert not c.by_us
    assert [r.organisation for r in list_commitments(session, CommitmentQuery(by_us=False))] == [
        "Provincie Drenthe"
    ]


def test_done_in_the_future_is_refused(session: Session) -> None:
    officer, p = _officer(session), person(session)
    c = add_commitment(session, CommitmentData("X", team_member_id=officer.id, person_id=p.id))
    with pytest.raises(ValidationError) as err:
        mark_done(session, c.id, date(2024, 6, 2), today=TODAY)
    assert err.value.field == "done_on"
    assert c.status is CommitmentStatus.OPEN


def test_edit_keeps_status_and_checks_version(session: Session) -> None:
    officer, p = _officer(session), person(session)
    data = CommitmentData("X", team_member_id=officer.id, person_id=p.id)
    c = add_commitment(session, data)
    first = c.version
    mark_done(session, c.id, today=TODAY)
    update_commitment(session, c.id, replace(data, description="Y"))
    assert (c.description, c.status) == ("Y", CommitmentStatus.DONE)
    with pytest.raises(ConflictError):
        delete_commitment(session, c.id, first)
    delete_commitment(session, c.id, c.version)
    assert session.scalar(select(func.count()).select_from(Commitment)) == 0


def test_counts_by_state_follow_the_other_filters(session: Session) -> None:
    anna, kees = _officer(session), _officer(session, "Kees Mulder")
    p = person(session)

    def promise(who: TeamMember, due: date | None, by_us: bool = True) -> int:
        data = CommitmentData("X", by_us=by_us, team_member_id=who.id, person_id=p.id, due_on=due)
        return add_commitment(session, data).id

    promise(anna, date(2024, 5, 1))  # overdue
    promise(anna, date(2024, 5, 31))  # overdue by a day
    promise(anna, TODAY)  # due today: open
    promise(anna, None)  # undated: open
    promise(kees, date(2024, 5, 1))
    mark_done(session, promise(anna, date(2024, 5, 1)), today=TODAY)
    cancel(session, promise(anna, None, by_us=False))

    everyone = commitment_counts(session, CommitmentQuery(), TODAY)
    assert everyone == {St.OVERDUE: 3, St.OPEN: 2, St.DONE: 1, St.CANCELLED: 1}
    # The state filter is ignored: the counts are what a state filter would choose from.
    anna_only = CommitmentQuery(team_member_id=anna.id, states=frozenset({St.DONE}))
    assert commitment_counts(session, anna_only, TODAY) == {
        St.OVERDUE: 2,
        St.OPEN: 2,
        St.DONE: 1,
        St.CANCELLED: 1,
    }
    to_us = CommitmentQuery(by_us=False)
    assert commitment_counts(session, to_us, TODAY)[St.CANCELLED] == 1
    assert sum(commitment_counts(session, to_us, TODAY).values()) == 1


def test_one_commitment_with_its_interaction_date_and_subject(session: Session) -> None:
    officer = _officer(session)
    p = person(session)
    meeting = quick_add(session, "Overleg spoorlijn", occurred_on=date(2024, 5, 14))
    c = add_commitment(
        session,
        CommitmentData(
            "Sturen", team_member_id=officer.id, person_id=p.id, interaction_id=meeting.id
        ),
    )
    row = get_commitment(session, c.id, TODAY)
    assert (row.id, row.description, row.person) == (c.id, "Sturen", "Jansen, Jan")
    assert (row.interaction_on, row.interaction_subject) == (date(2024, 5, 14), "Overleg spoorlijn")
    with pytest.raises(NotFoundError):
        get_commitment(session, c.id + 100)
