"""Tie strength: the one documented formula that turns raw ties into an edge's strength.

The strength of the edge between two nodes is the sum over the raw ties between them:

- affiliation: 3 while current, 1 once former;
- explicit relationship: its recorded strength (1–5);
- ownership (a team member holds the relationship): 4;
- agenda link, by the stakeholder's role: decides 3, influences 2.5, funds 2.5, implements 2,
  benefits 1.5; the organisation that sets an agenda counts as deciding (3), the lead of a
  theme as influencing (2.5);
- structural ties (a theme of its agenda, an alignment, a dossier linked to an agenda): 1;
- a position on a dossier: 1 + |position| / 2 (position −2 … +2, carried in ``Tie.strength``);
- an interaction: w_type · exp(−age_days / τ), τ = 180 days unless configured, with w_type
  meeting 1.0, working visit 1.2, event 0.5, call 0.7, e-mail 0.3, other 0.5.

Interactions dated after the day of the analysis are planned, not contact, and count 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from techzone_crm.analysis.model import Tie, TieKind

DEFAULT_TAU_DAYS = 180.0

AFFILIATION_CURRENT = 3.0
AFFILIATION_FORMER = 1.0
OWNERSHIP = 4.0
STRUCTURAL = 1.0
POSITION_BASE = 1.0
POSITION_PER_STEP = 0.5
RELATIONSHIP_MIN = 1.0
RELATIONSHIP_MAX = 5.0

#: Stakeholder role on an agenda or theme → strength of the link.
AGENDA_ROLE_WEIGHTS: dict[str, float] = {
    "decides": 3.0,
    "influences": 2.5,
    "funds": 2.5,
    "implements": 2.0,
    "benefits": 1.5,
    "sets": 3.0,
    "leads": 2.5,
}
#: A role not in the table (should not happen) counts like the weakest one.
AGENDA_ROLE_DEFAULT = min(AGENDA_ROLE_WEIGHTS.values())

#: Interaction kind → w_type, the weight of one contact of that kind on its day.
INTERACTION_WEIGHTS: dict[str, float] = {
    "meeting": 1.0,
    "working_visit": 1.2,
    "event": 0.5,
    "call": 0.7,
    "email": 0.3,
    "other": 0.5,
}
INTERACTION_DEFAULT = INTERACTION_WEIGHTS["other"]

_STRUCTURAL_KINDS = frozenset({TieKind.THEME, TieKind.ALIGNMENT, TieKind.DOSSIER_AGENDA})


def decay(age_days: float, tau_days: float = DEFAULT_TAU_DAYS) -> float:
    """exp(−age / τ): 1 today, about 0.37 after τ days, 0 for a date in the future."""
    if age_days < 0:
        return 0.0
    if tau_days <= 0:
        raise ValueError(f"τ must be positive, not {tau_days}")
    return math.exp(-age_days / tau_days)


def interaction_weight(kind: str) -> float:
    """w_type of an interaction kind ("meeting", "call" …)."""
    return INTERACTION_WEIGHTS.get(kind, INTERACTION_DEFAULT)


def position_value(tie: Tie) -> int:
    """The position (−2 … +2) a position tie carries, in ``strength`` or as ``relation``."""
    try:
        return int(tie.relation)
    except ValueError:
        return round(tie.strength)


def tie_strength(tie: Tie, today: date, tau_days: float = DEFAULT_TAU_DAYS) -> float:
    """What one raw tie adds to the strength of its edge on ``today``."""
    kind = tie.kind
    if kind is TieKind.AFFILIATION:
        return AFFILIATION_CURRENT if tie.current else AFFILIATION_FORMER
    if kind is TieKind.RELATIONSHIP:
        return min(max(tie.strength, RELATIONSHIP_MIN), RELATIONSHIP_MAX)
    if kind is TieKind.OWNERSHIP:
        return OWNERSHIP
    if kind is TieKind.AGENDA_LINK:
        return AGENDA_ROLE_WEIGHTS.get(tie.relation, AGENDA_ROLE_DEFAULT)
    if kind in _STRUCTURAL_KINDS:
        return STRUCTURAL
    if kind is TieKind.POSITION:
        return POSITION_BASE + POSITION_PER_STEP * min(abs(position_value(tie)), 2)
    # An undated interaction is taken as of today: it happened, but nobody knows when.
    age = 0 if tie.on is None else (today - tie.on).days
    return interaction_weight(tie.relation) * decay(age, tau_days)


def edge_strength(ties: Iterable[Tie], today: date, tau_days: float = DEFAULT_TAU_DAYS) -> float:
    """The strength of an edge: the sum over its raw ties."""
    return sum(tie_strength(t, today, tau_days) for t in ties)


_ROLE_WORDS = {"sets": "sets the agenda", "leads": "leads a theme"}
_KIND_WORDS = {"working_visit": "working visit", "email": "e-mail"}


def _number(value: float) -> str:
    return f"{value:g}"


def describe_formula(tau_days: float = DEFAULT_TAU_DAYS) -> str:
    """The formula in plain words, for a tooltip or help text."""
    roles = ", ".join(
        f"{_ROLE_WORDS.get(r, r)} {_number(w)}" for r, w in AGENDA_ROLE_WEIGHTS.items()
    )
    kinds = ", ".join(
        f"{_KIND_WORDS.get(k, k)} {_number(w)}" for k, w in INTERACTION_WEIGHTS.items()
    )
    return (
        "The strength of a tie is the sum of everything recorded between the two: "
        f"a current role at an organisation {_number(AFFILIATION_CURRENT)} "
        f"(a former one {_number(AFFILIATION_FORMER)}); "
        f"an explicit relationship its strength ({_number(RELATIONSHIP_MIN)}–"
        f"{_number(RELATIONSHIP_MAX)}); "
        f"holding the relationship as a team member {_number(OWNERSHIP)}; "
        f"a link to an agenda or theme by role ({roles}); "
        f"a theme, alignment or dossier link {_number(STRUCTURAL)}; "
        f"a position on a dossier {_number(POSITION_BASE)} + {_number(POSITION_PER_STEP)} "
        "per step away from neutral; "
        "and every interaction its weight by kind "
        f"({kinds}) times exp(−age in days / {_number(tau_days)}), "
        f"so a contact counts fully today, about a third after {_number(tau_days)} days "
        "and fades after that."
    )
