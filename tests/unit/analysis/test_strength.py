"""The tie-strength formula, checked by hand."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from techzone_crm.analysis import strength
from techzone_crm.analysis.model import Tie, TieKind
from techzone_crm.analysis.strength import describe_formula, edge_strength, tie_strength

TODAY = date(2025, 6, 2)


def tie(kind: TieKind, **kw: object) -> Tie:
    return Tie("person:1", "person:2", kind, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (tie(TieKind.AFFILIATION), 3.0),
        (tie(TieKind.AFFILIATION, current=False), 1.0),
        (tie(TieKind.RELATIONSHIP, strength=4), 4.0),
        (tie(TieKind.RELATIONSHIP, strength=9), 5.0),
        (tie(TieKind.RELATIONSHIP, strength=0), 1.0),
        (tie(TieKind.OWNERSHIP), 4.0),
        (tie(TieKind.AGENDA_LINK, relation="decides"), 3.0),
        (tie(TieKind.AGENDA_LINK, relation="influences"), 2.5),
        (tie(TieKind.AGENDA_LINK, relation="funds"), 2.5),
        (tie(TieKind.AGENDA_LINK, relation="implements"), 2.0),
        (tie(TieKind.AGENDA_LINK, relation="benefits"), 1.5),
        (tie(TieKind.THEME), 1.0),
        (tie(TieKind.ALIGNMENT), 1.0),
        (tie(TieKind.DOSSIER_AGENDA), 1.0),
        (tie(TieKind.POSITION, strength=0), 1.0),
        (tie(TieKind.POSITION, strength=-2), 2.0),
        (tie(TieKind.POSITION, strength=1), 1.5),
        (tie(TieKind.POSITION, relation="-1"), 1.5),
    ],
)
def test_each_kind_of_tie_adds_its_documented_weight(made: Tie, expected: float) -> None:
    assert tie_strength(made, TODAY) == pytest.approx(expected)


def test_an_interaction_decays_with_its_age() -> None:
    today = tie(TieKind.INTERACTION, relation="meeting", on=TODAY)
    half_year = tie(TieKind.INTERACTION, relation="working_visit", on=TODAY - timedelta(180))
    old_mail = tie(TieKind.INTERACTION, relation="email", on=TODAY - timedelta(360))
    assert tie_strength(today, TODAY) == pytest.approx(1.0)
    assert tie_strength(half_year, TODAY) == pytest.approx(1.2 / math.e)
    assert tie_strength(old_mail, TODAY) == pytest.approx(0.3 * math.exp(-2))
    # τ is configurable: with τ = 90 days the same visit counts 1.2 · e^-2.
    assert tie_strength(half_year, TODAY, tau_days=90) == pytest.approx(1.2 * math.exp(-2))


def test_interaction_weights_by_kind() -> None:
    weights = {
        kind: tie_strength(tie(TieKind.INTERACTION, relation=kind, on=TODAY), TODAY)
        for kind in ("meeting", "working_visit", "event", "call", "email", "other", "fax")
    }
    assert weights == pytest.approx(
        {
            "meeting": 1.0,
            "working_visit": 1.2,
            "event": 0.5,
            "call": 0.7,
            "email": 0.3,
            "other": 0.5,
            "fax": 0.5,
        }
    )


def test_a_planned_interaction_does_not_count_yet() -> None:
    planned = tie(TieKind.INTERACTION, relation="meeting", on=TODAY + timedelta(days=3))
    assert tie_strength(planned, TODAY) == 0.0


def test_an_edge_adds_up_its_ties() -> None:
    ties = [
        tie(TieKind.OWNERSHIP),
        tie(TieKind.INTERACTION, relation="meeting", on=TODAY - timedelta(days=10)),
        tie(TieKind.INTERACTION, relation="call", on=TODAY - timedelta(days=90)),
        tie(TieKind.RELATIONSHIP, strength=2),
    ]
    expected = 4 + math.exp(-10 / 180) + 0.7 * math.exp(-0.5) + 2
    assert edge_strength(ties, TODAY) == pytest.approx(expected)


def test_tau_must_be_positive() -> None:
    with pytest.raises(ValueError):
        strength.decay(10, 0)


def test_the_formula_in_words_names_every_weight_and_tau() -> None:
    text = describe_formula(90)
    for part in (
        "current role at an organisation 3",
        "former one 1",
        "relationship its strength",
        "decides 3",
        "influences 2.5",
        "benefits 1.5",
        "working visit 1.2",
        "e-mail 0.3",
        "exp(−age in days / 90)",
        "team member 4",
    ):
        assert part in text
    assert strength.INTERACTION_WEIGHTS["meeting"] == 1.0
    assert strength.DEFAULT_TAU_DAYS == 180
