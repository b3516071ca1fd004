"""Plain-word texts of an assessment: its classes, the engagement gap, the movement."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from techzone_crm.db.models import EngagementLevel
from techzone_crm.services.assessments import (
    AssessmentRow,
    Change,
    GridQuadrant,
    KrachtenveldType,
    Movement,
    SalienceClass,
)
from techzone_crm.ui import labels
from techzone_crm.ui.views.detail_pane import format_date

_CONTEXT = "AssessmentTexts"
SEPARATOR = " · "
ARROW = " → "
UP, DOWN = "↑", "↓"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


def short_engagement(level: EngagementLevel) -> str:
    """The rung without its Dutch name in parentheses: "Consult"."""
    return labels.label(level).split(" (", 1)[0]


def signed(value: int) -> str:
    """An attitude as a signed number: "+1", "0", "-2"."""
    return f"{value:+d}" if value else "0"


def gap_text(current: EngagementLevel, desired: EngagementLevel, gap: int) -> str:
    """ "engagement gap: 2 steps (Consult → Collaborate)" or "engagement: Consult (no gap)"."""
    if gap == 0:
        return _tr("engagement: {level}, no gap").format(level=short_engagement(current))
    ladder = short_engagement(current) + ARROW + short_engagement(desired)
    # The singular apart: without a translation installed "%n" does not pick a form.
    steps = abs(gap)
    if gap > 0:
        text = (
            _tr("engagement gap: 1 step") if steps == 1 else _tr("engagement gap: %n steps", steps)
        )
    else:
        text = (
            _tr("engagement: 1 step down")
            if steps == 1
            else _tr("engagement: %n steps down", steps)
        )
    return f"{text} ({ladder})"


def classes_text(
    quadrant: GridQuadrant,
    salience: SalienceClass,
    krachtenveld: KrachtenveldType,
    current: EngagementLevel,
    desired: EngagementLevel,
    gap: int,
) -> str:
    """ "Key player · Definitive · Partner / ally · engagement gap: 2 steps (Consult → …)"."""
    parts = [labels.label(quadrant), labels.label(salience), labels.label(krachtenveld)]
    return SEPARATOR.join([*parts, gap_text(current, desired, gap)])


def row_classes_text(row: AssessmentRow) -> str:
    """The classes of a stored assessment, as :func:`classes_text` words them."""
    return classes_text(
        row.quadrant,
        row.salience,
        row.krachtenveld,
        row.engagement_current,
        row.engagement_desired,
        row.engagement_gap,
    )


def _change_text(change: Change) -> str:
    before, after = change.before, change.after
    if change.measure in ("quadrant", "salience", "krachtenveld"):
        return labels.label(before) + ARROW + labels.label(after)
    if change.measure == "attitude":
        return _tr("attitude {before} → {after}").format(
            before=signed(before), after=labels.attitude(after)
        )
    if change.measure == "engagement_current":
        return _tr("engagement {before} → {after}").format(
            before=short_engagement(before), after=short_engagement(after)
        )
    if change.measure == "engagement_desired":
        return _tr("desired engagement {before} → {after}").format(
            before=short_engagement(before), after=short_engagement(after)
        )
    names = {
        "power": _tr("power"),
        "interest": _tr("interest"),
        "agreement": _tr("agreement"),
        "trust": _tr("trust"),
    }
    return f"{names[change.measure]} {before}{ARROW}{after}"


#: The order a movement is told in: the classes first, then the scores behind them.
_TOLD = (
    "quadrant",
    "salience",
    "krachtenveld",
    "power",
    "interest",
    "attitude",
    "agreement",
    "trust",
    "engagement_current",
    "engagement_desired",
)


def movement_parts(move: Movement) -> tuple[str, str]:
    """ "Since 3-3-2026:" and what moved: "Keep informed → Key player; power 2 → 4"."""
    since = _tr("Since {date}:").format(date=format_date(move.previous.assessed_on))
    moved = {c.measure: c for c in move.moved}
    if not moved:
        return since, _tr("no change")
    return since, "; ".join(_change_text(moved[m]) for m in _TOLD if m in moved)


def movement_text(move: Movement) -> str:
    """ "Since 3-3-2026: Keep informed → Key player; power 2 → 4; attitude 0 → +1 Sympathetic"."""
    return " ".join(movement_parts(move))


def trend(before: int | None, after: int) -> str:
    """ "↑" or "↓" when a score moved from ``before``, else ""."""
    if before is None or before == after:
        return ""
    return UP if after > before else DOWN
