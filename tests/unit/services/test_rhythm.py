"""Contact rhythm: targets, amber and red, and the follow-up list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from techzone_crm.db.models import Person, TeamMember
from techzone_crm.errors import ConflictError, NotFoundError, ValidationError
from techzone_crm.services.assessments import AssessmentData, GridQuadrant, add_assessment
from techzone_crm.services.interactions import InteractionData, add_interaction, quick_add
from techzone_crm.services.rhythm import (
    RhythmStatus,
    contact_rhythm,
    contact_rhythms,
    overdue_contacts,
    set_contact_interval,
    status_of,
    target_interval,
)
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import person

TODAY = date(2024, 6, 1)
R = RhythmStatus
Q = GridQuadrant


@pytest.mark.parametrize(
    ("own", "quadrant", "days"),
    [
        (None, Q.KEY_PLAYER, 42),
        (None, Q.KEEP_SATISFIED, 90),
        (None, Q.KEEP_INFORMED, 90),
        (None, Q.MONITOR, 180),
        (None, None, 180),
        (14, Q.MONITOR, 14),  # the person's own interval wins
        (365, None, 365),
    ],
)
def test_target_interval(own: int | None, quadrant: GridQuadrant | None, days: int) -> None:
    assert target_interval(own, quadrant) == days


@pytest.mark.parametrize(
    ("days_since", "target", "expected"),
    [
        (None, 42, R.NEVER),
        (0, 42, R.OK),
        (42, 42, R.OK),  # on the target day: still in time
        (43, 42, R.AMBER),
        (63, 42, R.AMBER),  # exactly 1.5 × the target: not yet red
        (64, 42, R.RED),
        (135, 90, R.AMBER),
        (136, 90, R.RED),
    ],
)
def test_status(days_since: int | None, target: int, expected: RhythmStatus) -> None:
    assert status_of(days_since, target) is expected


def _assess(session: Session, p: Person, power: int, interest: int, on: date) -> None:
    add_assessment(
        session,
        AssessmentData(assessed_on=on, person_id=p.id, power=power, interest=interest),
        today=TODAY,
    )


def _met(session: Session, p: Person, days_ago: int) -> None:
    quick_add(session, "Contact", occurred_on=TODAY - timedelta(days=days_ago), person_id=p.id)


def test_key_player_turns_amber_after_six_weeks_and_red_after_nine(session: Session) -> None:
    p = person(session)
    _assess(session, p, 5, 5, date(2024, 1, 1))
    met_on = date(2024, 1, 2)
    quick_add(session, "Overleg", occurred_on=met_on, person_id=p.id)
    for days_later, expected in ((0, R.OK), (42, R.OK), (43, R.AMBER), (63, R.AMBER), (64, R.RED)):
        rhythm = contact_rhythm(session, p.id, met_on + timedelta(days=days_later))
        assert (rhythm.days_since, rhythm.status) == (days_later, expected)
        assert (rhythm.quadrant, rhythm.target_days) == (Q.KEY_PLAYER, 42)


def test_last_contact_is_the_latest_attended_interaction_up_to_today(session: Session) -> None:
    p, other = person(session, "Eva", "Visser"), person(session)
    _met(session, p, 100)
    _met(session, p, 50)
    quick_add(session, "Gepland", occurred_on=TODAY + timedelta(days=3), person_id=p.id)
    _met(session, other, 1)  # someone else's contact does not count
    rhythm = contact_rhythm(session, p.id, TODAY)
    assert rhythm.last_contact == TODAY - timedelta(days=50)
    assert rhythm.days_since == 50
    assert rhythm.status is R.OK  # not assessed: 180 days
    assert rhythm.next_due == TODAY + timedelta(days=130)


def test_amber_and_red_follow_the_quadrant_of_the_latest_assessment(session: Session) -> None:
    p = person(session)
    _met(session, p, 70)
    assert contact_rhythm(session, p.id, TODAY).status is R.OK  # not assessed: 180
    _assess(session, p, 5, 1, date(2024, 1, 1))
    assert contact_rhythm(session, p.id, TODAY).status is R.OK  # keep satisfied: 90
    _assess(session, p, 4, 4, date(2024, 2, 1))
    assert contact_rhythm(session, p.id, TODAY).status is R.RED  # key player: 70 > 63
    set_contact_interval(session, p.id, 60)
    assert contact_rhythm(session, p.id, TODAY).status is R.AMBER  # own: 70 > 60, ≤ 90
    set_contact_interval(session, p.id, None)
    assert contact_rhythm(session, p.id, TODAY).target_days == 42


def test_follow_up_list_most_overdue_first_with_owner(session: Session) -> None:
    anna = add_team_member(session, TeamMemberData("Anna Bos"))
    kees = add_team_member(session, TeamMemberData("Kees Mulder"))

    def someone(name: str, owner: TeamMember, days_ago: int | None, key: bool) -> Person:
        p = person(session, "P", name, owner_id=owner.id)
        if key:
            _assess(session, p, 5, 5, date(2024, 1, 1))
        if days_ago is not None:
            _met(session, p, days_ago)
        return p

    key_late = someone("Aal", anna, 70, key=True)  # 70 / 42 = 1.67: red
    key_amber = someone("Baars", kees, 50, key=True)  # 50 / 42 = 1.19
    plain_late = someone("Karper", anna, 200, key=False)  # 200 / 180 = 1.11
    someone("Snoek", anna, 10, key=True)  # in time: not listed
    someone("Zalm", anna, 180, key=False)  # exactly on the target: not listed
    never_key = someone("Voorn", kees, None, key=True)
    never = someone("Brasem", anna, None, key=False)
    quiet = someone("Paling", anna, 300, key=False)
    quiet.do_not_contact = True

    listed = overdue_contacts(session, TODAY)
    assert [r.person_id for r in listed] == [
        key_late.id,
        key_amber.id,
        plain_late.id,
        never_key.id,
        never.id,
    ]
    assert [r.status for r in listed] == [R.RED, R.AMBER, R.AMBER, R.NEVER, R.NEVER]
    assert listed[0].owner == "Anna Bos"
    assert listed[0].days_overdue == 28

    mine = overdue_contacts(session, TODAY, owner_id=kees.id, include_never=False)
    assert [r.person_id for r in mine] == [key_amber.id]


def test_many_people_in_a_few_queries(session: Session) -> None:
    people = [person(session, "P", f"Naam{i:04}") for i in range(300)]
    add_interaction(
        session,
        InteractionData(
            TODAY - timedelta(days=200),
            "event",
            "Netwerkavond",
            attendee_ids=[p.id for p in people],
        ),
    )
    statements: list[str] = []
    engine = session.get_bind()

    def count(*_args: object) -> None:
        statements.append("x")

    event.listen(engine, "before_cursor_execute", count)
    try:
        listed = overdue_contacts(session, TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(listed) == 300
    assert all(r.status is R.AMBER for r in listed)
    assert 1 <= len(statements) <= 4


@pytest.mark.parametrize("days", [0, -5, 731, True])
def test_interval_out_of_range_names_the_field(session: Session, days: int) -> None:
    p = person(session)
    with pytest.raises(ValidationError) as err:
        set_contact_interval(session, p.id, days)
    assert err.value.field == "contact_interval_days"
    assert p.contact_interval_days is None


def test_setting_the_interval_checks_person_and_version(session: Session) -> None:
    p = person(session)
    old = p.version
    set_contact_interval(session, p.id, 28, old)
    assert [r.own_interval for r in contact_rhythms(session, TODAY, [p.id])] == [28]
    with pytest.raises(ConflictError):
        set_contact_interval(session, p.id, 30, old)
    with pytest.raises(NotFoundError):
        set_contact_interval(session, 9999, 30)
