"""The contact rhythm of the people in a list page, read with the page in one more query."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from sqlalchemy.orm import Session

from techzone_crm.services.people import PersonRow
from techzone_crm.services.rhythm import ContactRhythm, RhythmStatus, contact_rhythms
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.views.rhythm_text import days_ago, rhythm_tooltip

_MARKERS: dict[RhythmStatus, QIcon] = {}


@dataclass(frozen=True)
class RhythmPersonRow(PersonRow):
    """A person list row with their contact rhythm."""

    rhythm: ContactRhythm | None = None


def with_rhythms(session: Session, rows: list[PersonRow]) -> list[PersonRow]:
    """``rows`` with each person's rhythm (runs on the worker thread that reads the page)."""
    if not rows:
        return rows
    found = {r.person_id: r for r in contact_rhythms(session, date.today(), [p.id for p in rows])}
    return [
        RhythmPersonRow(
            **{f.name: getattr(row, f.name) for f in fields(PersonRow)}, rhythm=found.get(row.id)
        )
        for row in rows
    ]


def _rhythm(row: PersonRow) -> ContactRhythm | None:
    return row.rhythm if isinstance(row, RhythmPersonRow) else None


def rhythm_cell(row: PersonRow) -> str:
    """ "45 days ago", "today", "never"."""
    found = _rhythm(row)
    return days_ago(found.days_since) if found is not None else ""


def _marker(status: RhythmStatus) -> QIcon:
    if status not in _MARKERS:
        _MARKERS[status] = labels.rhythm_marker(status)
    return _MARKERS[status]


def rhythm_cell_data(row: PersonRow, role: int) -> Any:
    """The marker and the formula of the last-contact cell."""
    found = _rhythm(row)
    if found is None:
        return None
    if role == Qt.ItemDataRole.DecorationRole and not found.do_not_contact:
        return _marker(found.status)
    if role == Qt.ItemDataRole.ToolTipRole:
        if found.do_not_contact:
            note = translate("PeopleTableModel", "Do not contact: no rhythm to keep.")
            return f"{note}\n{rhythm_tooltip(found)}"
        return rhythm_tooltip(found)
    return None
