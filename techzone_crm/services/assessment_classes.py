"""The classes derived from an assessment, each from one documented table.

Grid quadrant (Mendelow), salience class (Mitchell, Agle & Wood), krachtenveld type and the
engagement gap. Nothing else computes them, so every list, plot and report agrees.
"""

from __future__ import annotations

from enum import StrEnum

from techzone_crm.db.models import EngagementLevel


class GridQuadrant(StrEnum):
    """Power/interest grid (Mendelow)."""

    KEY_PLAYER = "key_player"  # manage closely
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"


class SalienceClass(StrEnum):
    """Stakeholder salience (Mitchell, Agle & Wood 1997), most salient first."""

    DEFINITIVE = "definitive"  # power + legitimacy + urgency
    DOMINANT = "dominant"  # power + legitimacy
    DANGEROUS = "dangerous"  # power + urgency
    DEPENDENT = "dependent"  # legitimacy + urgency
    DORMANT = "dormant"  # power
    DISCRETIONARY = "discretionary"  # legitimacy
    DEMANDING = "demanding"  # urgency
    NON_STAKEHOLDER = "non_stakeholder"


class KrachtenveldType(StrEnum):
    """Position in the force field: agreement on content × trust in the relationship."""

    PARTNER = "partner"  # partner / ally
    OPPONENT_WITH_TRUST = "opponent_with_trust"
    ADVERSARY = "adversary"
    OPPORTUNIST = "opportunist"
    DOUBTER = "doubter"


# Power and interest run 1-5; 4 and 5 count as high, 1-3 as low. A grid plot draws its
# quadrant lines at GRID_SPLIT, between the two bands.
HIGH_FROM = 4
GRID_SPLIT = HIGH_FROM - 0.5

#: (high power, high interest) → quadrant.
GRID_QUADRANTS: dict[tuple[bool, bool], GridQuadrant] = {
    (True, True): GridQuadrant.KEY_PLAYER,
    (True, False): GridQuadrant.KEEP_SATISFIED,
    (False, True): GridQuadrant.KEEP_INFORMED,
    (False, False): GridQuadrant.MONITOR,
}

#: (has power, has legitimacy, has urgency) → salience class.
SALIENCE_CLASSES: dict[tuple[bool, bool, bool], SalienceClass] = {
    (True, True, True): SalienceClass.DEFINITIVE,
    (True, True, False): SalienceClass.DOMINANT,
    (True, False, True): SalienceClass.DANGEROUS,
    (False, True, True): SalienceClass.DEPENDENT,
    (True, False, False): SalienceClass.DORMANT,
    (False, True, False): SalienceClass.DISCRETIONARY,
    (False, False, True): SalienceClass.DEMANDING,
    (False, False, False): SalienceClass.NON_STAKEHOLDER,
}

#: Agreement and trust (1-5) fall in three bands: 1-2 low, 3 middle, 4-5 high.
BANDS: dict[int, str] = {1: "low", 2: "low", 3: "middle", 4: "high", 5: "high"}

#: (agreement band, trust band) → krachtenveld type. Only a clear position on both axes
#: gives one of the four corner types; the middle of either axis is a doubter.
KRACHTENVELD: dict[tuple[str, str], KrachtenveldType] = {
    ("high", "high"): KrachtenveldType.PARTNER,
    ("high", "middle"): KrachtenveldType.DOUBTER,
    ("high", "low"): KrachtenveldType.OPPORTUNIST,
    ("middle", "high"): KrachtenveldType.DOUBTER,
    ("middle", "middle"): KrachtenveldType.DOUBTER,
    ("middle", "low"): KrachtenveldType.DOUBTER,
    ("low", "high"): KrachtenveldType.OPPONENT_WITH_TRUST,
    ("low", "middle"): KrachtenveldType.DOUBTER,
    ("low", "low"): KrachtenveldType.ADVERSARY,
}

#: The participation ladder, lowest rung first.
LADDER: tuple[EngagementLevel, ...] = tuple(EngagementLevel)


def grid_quadrant(power: int, interest: int) -> GridQuadrant:
    """The power/interest quadrant of scores on the 1-5 scale."""
    return GRID_QUADRANTS[(power >= HIGH_FROM, interest >= HIGH_FROM)]


def salience_class(has_power: bool, has_legitimacy: bool, has_urgency: bool) -> SalienceClass:
    """The salience class of the three attributes."""
    return SALIENCE_CLASSES[(bool(has_power), bool(has_legitimacy), bool(has_urgency))]


def krachtenveld_type(agreement: int, trust: int) -> KrachtenveldType:
    """The krachtenveld type of agreement and trust on the 1-5 scale."""
    return KRACHTENVELD[(BANDS[agreement], BANDS[trust])]


def engagement_gap(current: EngagementLevel, desired: EngagementLevel) -> int:
    """Rungs to climb on the ladder; above zero is a to-do, below zero means scale down."""
    return LADDER.index(desired) - LADDER.index(current)
