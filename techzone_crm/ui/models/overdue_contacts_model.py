"""Contacts past their rhythm, under a heading per relationship owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from techzone_crm.services.rhythm import ContactRhythm, RhythmStatus
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.rhythm_text import interval_text, rhythm_tooltip

_CONTEXT = "OverdueContactsModel"


@dataclass(frozen=True)
class DueContact:
    """A person past their rhythm, with their current organisation."""

    rhythm: ContactRhythm
    organisation: str = ""


def group_by_owner(contacts: Sequence[DueContact]) -> list[tuple[str, list[DueContact]]]:
    """(owner name, contacts) by owner name; the people nobody owns last, as "No owner"."""
    groups: dict[int | None, tuple[str, list[DueContact]]] = {}
    for c in contacts:
        key = c.rhythm.owner_id
        name = c.rhythm.owner if key is not None else translate(_CONTEXT, "No owner")
        groups.setdefault(key, (name, []))[1].append(c)
    owned = sorted((g for k, g in groups.items() if k is not None), key=lambda g: g[0].casefold())
    return owned + ([groups[None]] if None in groups else [])


class OverdueContactsModel(QStandardItemModel):
    """Owner headings with their overdue contacts below, most overdue first."""

    NAME, ORGANISATION, QUADRANT, TARGET, LAST_CONTACT, DAYS = range(6)
    PERSON_ROLE = Qt.ItemDataRole.UserRole + 1  #: int: the person's id (record rows only)
    NAME_ROLE = Qt.ItemDataRole.UserRole + 2  #: str: the person's name
    OWNER_ROLE = Qt.ItemDataRole.UserRole + 3  #: int | None: the owner's team-member id
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  #: RhythmStatus

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(
            [
                translate(_CONTEXT, "Name"),
                translate(_CONTEXT, "Organisation"),
                translate(_CONTEXT, "Quadrant"),
                translate(_CONTEXT, "Target"),
                translate(_CONTEXT, "Last contact"),
                translate(_CONTEXT, "Days since"),
            ]
        )
        self.groups: list[tuple[str, list[DueContact]]] = []

    def set_contacts(self, contacts: Sequence[DueContact]) -> None:
        """Replace the contents with ``contacts``, grouped by owner."""
        self.removeRows(0, self.rowCount())
        self.groups = group_by_owner(contacts)
        columns = self.columnCount()
        for owner, members in self.groups:
            heading = QStandardItem(
                translate(_CONTEXT, "{owner} ({count})").format(owner=owner, count=len(members))
            )
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            heading.setEditable(False)
            heading.setSelectable(False)
            heading.setData(members[0].rhythm.owner_id, self.OWNER_ROLE)
            for c in members:
                heading.appendRow(self._record(c))
            fillers = [QStandardItem() for _ in range(columns - 1)]
            for filler in fillers:
                filler.setEditable(False)
                filler.setSelectable(False)
            self.appendRow([heading, *fillers])

    def _record(self, c: DueContact) -> list[QStandardItem]:
        r = c.rhythm
        tip = rhythm_tooltip(r)
        cells = [
            (r.name, r.name),
            (c.organisation, c.organisation),
            (labels.label(r.quadrant) or translate(_CONTEXT, "Not assessed"), ""),
            (interval_text(r.target_days), tip),
            (format_date(r.last_contact) or translate(_CONTEXT, "Never"), tip),
            ("–" if r.days_since is None else QLocale().toString(r.days_since), tip),
        ]
        items = []
        for text, tooltip in cells:
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(r.person_id, self.PERSON_ROLE)
            item.setData(r.name, self.NAME_ROLE)
            item.setData(r.owner_id, self.OWNER_ROLE)
            item.setData(r.status, self.STATUS_ROLE)
            if tooltip:
                item.setToolTip(tooltip)
            items.append(item)
        days = items[self.DAYS]
        days.setIcon(labels.rhythm_marker(r.status))
        days.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if r.days_overdue:
            past = (
                translate(_CONTEXT, "1 day past the target.")
                if r.days_overdue == 1
                else QCoreApplication.translate(
                    _CONTEXT, "%n days past the target.", "", r.days_overdue
                )
            )
            days.setToolTip(f"{past}\n{tip}")
        if r.status is RhythmStatus.RED:
            days.setForeground(QBrush(QColor(labels.RHYTHM_COLOUR[RhythmStatus.RED])))
        return items

    def contact_count(self) -> int:
        """How many people are listed (headings not counted)."""
        return sum(len(members) for _owner, members in self.groups)
