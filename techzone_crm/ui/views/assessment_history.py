"""The columns of an assessment history: what moved since the one before is marked ↑ or ↓."""

from __future__ import annotations

from techzone_crm.services.assessments import HistoryEntry
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.rows_model import Column
from techzone_crm.ui.views.assessment_texts import ARROW, row_classes_text, signed, trend
from techzone_crm.ui.views.detail_pane import format_date

_CONTEXT = "AssessmentHistory"

#: Columns that give way when the pane is narrow: the dossier (stretches) and the assessor.
FOR_COLUMN, BY_COLUMN = 1, 5


def _date_tooltip(e: HistoryEntry) -> str:
    when = format_date(e.row.assessed_on)
    return f"{when}\n\n{e.row.note}" if e.row.note else when


def _for(e: HistoryEntry) -> str:
    return e.dossier_title or translate(_CONTEXT, "Overall")


def _scores(e: HistoryEntry) -> str:
    before = e.previous
    power = f"{e.row.power}{trend(before.power if before else None, e.row.power)}"
    interest = f"{e.row.interest}{trend(before.interest if before else None, e.row.interest)}"
    return f"{power} / {interest}"


def _scores_tooltip(e: HistoryEntry) -> str:
    row, before = e.row, e.previous
    if before is None or (before.power, before.interest) == (row.power, row.interest):
        return translate(_CONTEXT, "Power {power}, interest {interest}").format(
            power=row.power, interest=row.interest
        )
    return translate(_CONTEXT, "Power {p0} → {p1}, interest {i0} → {i1}").format(
        p0=before.power, p1=row.power, i0=before.interest, i1=row.interest
    )


def _quadrant_tooltip(e: HistoryEntry) -> str:
    text = row_classes_text(e.row)
    before = e.previous
    if before is not None and before.quadrant != e.row.quadrant:
        moved = labels.label(before.quadrant) + ARROW + labels.label(e.row.quadrant)
        text += "\n" + translate(_CONTEXT, "Moved: {move}").format(move=moved)
    return text


def _attitude(e: HistoryEntry) -> str:
    before = e.previous.attitude if e.previous else None
    return f"{signed(e.row.attitude)}{trend(before, e.row.attitude)}"


def _attitude_tooltip(e: HistoryEntry) -> str:
    text = labels.attitude(e.row.attitude)
    before = e.previous
    if before is not None and before.attitude != e.row.attitude:
        text += "\n" + translate(_CONTEXT, "Was {attitude}").format(
            attitude=labels.attitude(before.attitude)
        )
    return text


def history_columns() -> list[Column[HistoryEntry]]:
    """Date, overall or dossier, power / interest, quadrant, attitude, assessed by."""
    return [
        Column(
            translate(_CONTEXT, "Date"), lambda e: format_date(e.row.assessed_on), _date_tooltip
        ),
        Column(translate(_CONTEXT, "For"), _for),
        Column(translate(_CONTEXT, "P / I"), _scores, _scores_tooltip),
        Column(
            translate(_CONTEXT, "Quadrant"),
            lambda e: labels.label(e.row.quadrant),
            _quadrant_tooltip,
        ),
        Column(
            translate(_CONTEXT, "Attitude"),
            _attitude,
            _attitude_tooltip,
            marker=lambda e: labels.attitude_marker(e.row.attitude),
        ),
        Column(translate(_CONTEXT, "By"), lambda e: e.assessed_by),
    ]
