"""Dated assessments, their derived classes and how a stakeholder moved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Assessment, Dossier, EngagementLevel
from techzone_crm.errors import ConflictError, ValidationError
from techzone_crm.services.assessments import (
    GRID_SPLIT,
    AssessmentData,
    GridQuadrant,
    KrachtenveldType,
    SalienceClass,
    Stakeholder,
    add_assessment,
    delete_assessment,
    engagement_gap,
    get_assessment,
    grid_quadrant,
    history,
    krachtenveld_type,
    latest,
    latest_quadrants,
    movement,
    salience_class,
    update_assessment,
)
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person

TODAY = date(2024, 6, 1)
Q = GridQuadrant
S = SalienceClass
K = KrachtenveldType


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 5, Q.KEY_PLAYER),
        (4, 4, Q.KEY_PLAYER),  # the lowest "high" on both axes
        (4, 3, Q.KEEP_SATISFIED),
        (5, 1, Q.KEEP_SATISFIED),
        (3, 4, Q.KEEP_INFORMED),
        (1, 5, Q.KEEP_INFORMED),
        (3, 3, Q.MONITOR),  # the middle of the scale counts as low
        (1, 1, Q.MONITOR),
    ],
)
def test_grid_quadrant(power: int, interest: int, expected: GridQuadrant) -> None:
    assert grid_quadrant(power, interest) is expected


def test_grid_split_lies_between_the_bands() -> None:
    assert 3 < GRID_SPLIT < 4


@pytest.mark.parametrize(
    ("p", "l", "u", "expected"),
    [
        (True, False, False, S.DORMANT),
        (False, True, False, S.DISCRETIONARY),
        (False, False, True, S.DEMANDING),
        (True, True, False, S.DOMINANT),
        (True, False, True, S.DANGEROUS),
        (False, True, True, S.DEPENDENT),
        (True, True, True, S.DEFINITIVE),
        (False, False, False, S.NON_STAKEHOLDER),
    ],
)
def test_salience_class(p: bool, l: bool, u: bool, expected: SalienceClass) -> None:  # noqa: E741
    assert salience_class(p, l, u) is expected


def test_definitive_comes_first_in_salience_order() -> None:
    assert list(SalienceClass) == [
        S.DEFINITIVE,
        S.DOMINANT,
        S.DANGEROUS,
        S.DEPENDENT,
        S.DORMANT,
        S.DISCRETIONARY,
        S.DEMANDING,
        S.NON_STAKEHOLDER,
    ]


@pytest.mark.parametrize(
    ("agreement", "trust", "expected"),
    [
        (5, 5, K.PARTNER),
        (4, 4, K.PARTNER),
        (4, 2, K.OPPORTUNIST),
        (5, 1, K.OPPORTUNIST),
        (2, 4, K.OPPONENT_WITH_TRUST),
        (1, 5, K.OPPONENT_WITH_TRUST),
        (2, 2, K.ADVERSARY),
        (1, 1, K.ADVERSARY),
        (3, 3, K.DOUBTER),
        (3, 5, K.DOUBTER),
        (3, 1, K.DOUBTER),
        (5, 3, K.DOUBTER),
        (1, 3, K.DOUBTER),
    ],
)
def test_krachtenveld_type(agreement: int, trust: int, expected: KrachtenveldType) -> None:
    assert krachtenveld_type(agreement, trust) is expected


@pytest.mark.parametrize(
    ("current", "desired", "gap"),
    [
        ("inform", "collaborate", 3),
        ("consult", "involve", 1),
        ("involve", "involve", 0),
        ("empower", "inform", -4),
    ],
)
def test_engagement_gap(current: str, desired: str, gap: int) -> None:
    assert engagement_gap(EngagementLevel(current), EngagementLevel(desired)) == gap


def _data(person_id: int, on: date, **kw: object) -> AssessmentData:
    values: dict[str, object] = {"power": 3, "interest": 3} | kw
    return AssessmentData(assessed_on=on, person_id=person_id, **values)  # type: ignore[arg-type]


def test_added_assessment_shows_its_classes(session: Session) -> None:
    p = person(session)
    officer = add_team_member(session, TeamMemberData("Anna Bos"))
    row = add_assessment(
        session,
        _data(
            p.id,
            date(2024, 5, 1),
            power=5,
            interest=4,
            has_power=True,
            has_legitimacy=True,
            agreement=4,
            trust=1,
            engagement_current="consult",
            engagement_desired="collaborate",
            assessed_by_id=officer.id,
        ),
        today=TODAY,
    )
    assert row.quadrant is Q.KEY_PLAYER
    assert row.salience is S.DOMINANT
    assert row.krachtenveld is K.OPPORTUNIST
    assert row.engagement_gap == 2
    assert row.needs_engagement


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"power": 0}, "power", "from 1 to 5"),
        ({"interest": 6}, "interest", "from 1 to 5"),
        ({"attitude": 3}, "attitude", "from -2 to 2"),
        ({"attitude": -3}, "attitude", "from -2 to 2"),
        ({"agreement": 0}, "agreement", "from 1 to 5"),
        ({"trust": 9}, "trust", "from 1 to 5"),
        ({"power": True}, "power", "whole number"),
        ({"engagement_desired": "lobby"}, "engagement_desired", "not one of"),
        ({"assessed_on": date(2024, 6, 2)}, "assessed_on", "future"),
        ({"dossier_id": 999}, "dossier_id", "unknown dossier"),
        ({"assessed_by_id": 999}, "assessed_by_id", "unknown team member"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    session: Session, change: dict[str, object], field: str, words: str
) -> None:
    p = person(session)
    data = replace(_data(p.id, TODAY), **change)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as err:
        add_assessment(session, data, today=TODAY)
    assert err.value.field == field
    assert words in err.value.problem
    assert session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_exactly_one_stakeholder(session: Session) -> None:
    p = person(session)
    o = org(session)
    for who in ({}, {"person_id": p.id, "organisation_id": o.id}):
        data = AssessmentData(assessed_on=TODAY, power=3, interest=3, **who)  # type: ignore[arg-type]
        with pytest.raises(ValidationError) as err:
            add_assessment(session, data, today=TODAY)
        assert err.value.field == "person_id"
    with pytest.raises(ValidationError, match="unknown person"):
        add_assessment(session, _data(12345, TODAY), today=TODAY)


def test_today_is_allowed(session: Session) -> None:
    p = person(session)
    assert add_assessment(session, _data(p.id, TODAY), today=TODAY).assessed_on == TODAY


def test_history_newest_first_and_movement(session: Session) -> None:
    p = person(session)
    who = Stakeholder.person(p.id)
    assert latest(session, who) is None
    assert movement(session, who) is None
    add_assessment(
        session,
        _data(p.id, date(2023, 1, 10), power=2, interest=4, attitude=-1, agreement=2, trust=2),
        today=TODAY,
    )
    newer = add_assessment(
        session,
        _data(p.id, date(2024, 3, 1), power=4, interest=4, attitude=1, agreement=4, trust=4),
        today=TODAY,
    )
    add_assessment(
        session, _data(p.id, date(2023, 6, 1), power=3, interest=4, attitude=0), today=TODAY
    )

    dates = [r.assessed_on for r in history(session, who)]
    assert dates == [date(2024, 3, 1), date(2023, 6, 1), date(2023, 1, 10)]
    assert latest(session, who) == newer

    moved = movement(session, who)
    assert moved is not None
    assert moved.previous.assessed_on == date(2023, 6, 1)
    by_measure = {c.measure: (c.before, c.after) for c in moved.moved}
    assert by_measure["power"] == (3, 4)
    assert by_measure["quadrant"] == (Q.KEEP_INFORMED, Q.KEY_PLAYER)
    assert by_measure["attitude"] == (0, 1)
    assert by_measure["krachtenveld"] == (K.DOUBTER, K.PARTNER)
    assert "interest" not in by_measure  # unchanged measures are not reported as moved
    assert len(moved.changes) > len(moved.moved)


def test_dossier_assessments_are_kept_apart_from_overall_ones(session: Session) -> None:
    o = org(session)
    dossier = Dossier(title="Spoorverbinding Emmen–Groningen")
    session.add(dossier)
    session.flush()
    who = Stakeholder.organisation(o.id)
    add_assessment(
        session,
        AssessmentData(assessed_on=date(2024, 1, 1), organisation_id=o.id, power=5, interest=5),
        today=TODAY,
    )
    add_assessment(
        session,
        AssessmentData(
            assessed_on=date(2024, 2, 1),
            organisation_id=o.id,
            dossier_id=dossier.id,
            power=1,
            interest=1,
        ),
        today=TODAY,
    )
    overall = latest(session, who)
    on_dossier = latest(session, who, dossier.id)
    assert overall is not None and overall.quadrant is Q.KEY_PLAYER
    assert on_dossier is not None and on_dossier.quadrant is Q.MONITOR


def test_correcting_an_assessment_keeps_one_row_and_guards_the_version(session: Session) -> None:
    p = person(session)
    row = add_assessment(session, _data(p.id, date(2024, 5, 1), power=2), today=TODAY)
    fixed = update_assessment(
        session, row.id, _data(p.id, date(2024, 5, 1), power=5), row.version, today=TODAY
    )
    assert fixed.power == 5
    assert fixed.version == row.version + 1
    assert len(history(session, Stakeholder.person(p.id))) == 1
    with pytest.raises(ConflictError):
        update_assessment(session, row.id, _data(p.id, TODAY), row.version, today=TODAY)
    with pytest.raises(ValidationError) as err:
        update_assessment(session, row.id, _data(p.id, TODAY, trust=0), today=TODAY)
    assert err.value.field == "trust"
    assert get_assessment(session, row.id).trust == 3
    delete_assessment(session, row.id, fixed.version)
    assert history(session, Stakeholder.person(p.id)) == []


def test_latest_quadrants_in_bulk(session: Session) -> None:
    a, b, c = person(session, "A"), person(session, "B"), person(session, "C")
    add_assessment(session, _data(a.id, date(2024, 1, 1), power=5, interest=5), today=TODAY)
    add_assessment(session, _data(a.id, date(2024, 4, 1), power=1, interest=5), today=TODAY)
    add_assessment(session, _data(b.id, date(2024, 4, 1), power=5, interest=1), today=TODAY)
    quadrants = latest_quadrants(session, today=TODAY)
    assert quadrants == {a.id: Q.KEEP_INFORMED, b.id: Q.KEEP_SATISFIED}
    assert c.id not in quadrants
    # Looking back: on 1 March the older assessment was the latest.
    assert latest_quadrants(session, [a.id], today=date(2024, 3, 1)) == {a.id: Q.KEY_PLAYER}


def test_of_two_on_one_day_the_one_recorded_last_counts(session: Session) -> None:
    p = person(session)
    add_assessment(session, _data(p.id, TODAY, power=5, interest=5), today=TODAY)
    second = add_assessment(session, _data(p.id, TODAY, power=1, interest=1), today=TODAY)
    assert latest(session, Stakeholder.person(p.id)) == second
    assert latest_quadrants(session, today=TODAY) == {p.id: Q.MONITOR}
