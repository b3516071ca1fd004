"""The agendas table, and the two trees of an agenda's page: its themes and its stakeholders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from techzone_crm.db.models import AgendaLevel
from techzone_crm.services import agendas
from techzone_crm.services.agenda_overview import LinkRhythm, OverviewRow, OverviewSection
from techzone_crm.services.agenda_themes import AlignmentRow
from techzone_crm.services.agendas import AgendaQuery, AgendaRow, AgendaSort
from techzone_crm.services.common import Page
from techzone_crm.services.rhythm import RED_FACTOR, RhythmStatus
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.models.paged_model import PagedTableModel
from techzone_crm.ui.views.detail_pane import format_date, format_period

NO_RELATIONSHIP_COLOUR = labels.RHYTHM_COLOUR[RhythmStatus.RED]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgendaModels", text)


def _number(value: int) -> str:
    return QLocale().toString(value)


class AgendasTableModel(PagedTableModel[AgendaRow, AgendaQuery]):
    """Agendas matching an :class:`AgendaQuery`; the own agenda first by default."""

    NAME, LEVEL, PERIOD, SECTORS, THEMES, STAKEHOLDERS = range(6)

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("AgendasTableModel", "Name"),
        QT_TRANSLATE_NOOP("AgendasTableModel", "Level"),
        QT_TRANSLATE_NOOP("AgendasTableModel", "Period"),
        QT_TRANSLATE_NOOP("AgendasTableModel", "Sectors"),
        QT_TRANSLATE_NOOP("AgendasTableModel", "Themes"),
        QT_TRANSLATE_NOOP("AgendasTableModel", "Stakeholders"),
    )
    SORT_KEYS: ClassVar[dict[int, Any]] = {
        NAME: AgendaSort.NAME,
        LEVEL: AgendaSort.LEVEL,
        PERIOD: AgendaSort.PERIOD,
        THEMES: AgendaSort.THEMES,
        STAKEHOLDERS: AgendaSort.STAKEHOLDERS,
    }
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset({THEMES, STAKEHOLDERS})
    WIDTHS: ClassVar[dict[int, int]] = {
        NAME: 32,
        LEVEL: 25,
        PERIOD: 25,
        SECTORS: 24,
        THEMES: 8,
        STAKEHOLDERS: 12,
    }

    def count_rows(self, session: Session, query: AgendaQuery) -> int:
        return agendas.count_agendas(session, query)

    def count_all(self, session: Session) -> int:
        return agendas.count_agendas(session, AgendaQuery())

    def fetch_rows(self, session: Session, query: AgendaQuery, page: Page) -> list[AgendaRow]:
        return agendas.list_agendas(session, query, page)

    def display(self, row: AgendaRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.LEVEL:
            return labels.label(row.level)
        if column == self.PERIOD:
            return format_period(row.starts_on, row.ends_on)
        if column == self.SECTORS:
            return labels.sectors_text(row.sectors)
        if column == self.THEMES:
            return _number(row.themes)
        return _number(row.stakeholders)

    def cell_data(self, row: AgendaRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.level is AgendaLevel.OWN:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            if row.owner_organisation:
                return QCoreApplication.translate(
                    "AgendasTableModel", "{name}\nSet by {owner}"
                ).format(name=row.name, owner=row.owner_organisation)
            return row.name
        return None


def owners_text(owners: Sequence[str]) -> str:
    """ "Anna Smit", "Anna Smit, Bart ter Horst" or "Anna Smit +3" for a long list."""
    if len(owners) <= 2:
        return ", ".join(owners)
    return _tr("{first} +{more}").format(first=owners[0], more=_number(len(owners) - 1))


def _item(text: str, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(tooltip or text)
    return item


def _heading(text: str, dimmed: bool = False) -> QStandardItem:
    item = _item(text)
    font = QFont(item.font())
    font.setBold(True)
    item.setFont(font)
    item.setSelectable(False)
    if dimmed:
        item.setForeground(_dim())
    return item


def _dim() -> QBrush:
    return QBrush(
        QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    )


def _blank() -> QStandardItem:
    item = QStandardItem()
    item.setEditable(False)
    item.setSelectable(False)
    return item


@dataclass(frozen=True)
class ThemeLine:
    """A theme as the themes tree shows it."""

    id: int
    name: str
    description: str
    lead: str
    stakeholders: int


class ThemesModel(QStandardItemModel):
    """An agenda's themes; under each own theme, the external agendas it serves."""

    THEME_ROLE = Qt.ItemDataRole.UserRole + 1  #: int: the theme's id (theme rows only)
    ALIGNMENT_ROLE = Qt.ItemDataRole.UserRole + 2  #: int: the alignment's id (its rows only)

    NAME, LEAD, STAKEHOLDERS = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(
            [_tr("Theme"), _tr("Lead partner / person"), _tr("Stakeholders")]
        )

    def set_themes(self, themes: Sequence[ThemeLine], alignments: Sequence[AlignmentRow]) -> None:
        """Show ``themes``; ``alignments`` (from own themes) go under their own theme."""
        self.removeRows(0, self.rowCount())
        for theme in themes:
            tip = f"{theme.name}\n\n{theme.description}" if theme.description else theme.name
            name = _item(theme.name, tip)
            lead = _item(
                theme.lead or _tr("No lead yet"),
                theme.lead or _tr("Which partner carries this theme? Edit the theme to set it."),
            )
            if not theme.lead:
                lead.setForeground(_dim())
            count = _item(_number(theme.stakeholders))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (name, lead, count):
                item.setData(theme.id, self.THEME_ROLE)
            for alignment in alignments:
                if alignment.own_theme_id != theme.id:
                    continue
                target = (
                    f"{alignment.agenda} › {alignment.theme}"
                    if alignment.theme
                    else _tr("{agenda} (the agenda as a whole)").format(agenda=alignment.agenda)
                )
                line = _item(
                    _tr("Serves: {target}").format(target=target),
                    _tr("This theme serves {target}").format(target=target),
                )
                line.setData(alignment.id, self.ALIGNMENT_ROLE)
                line.setForeground(_dim())
                name.appendRow([line, _blank(), _blank()])
            self.appendRow([name, lead, count])

    def lines(self) -> int:
        """How many lines the expanded tree shows."""
        return sum(1 + self.item(r).rowCount() for r in range(self.rowCount()))


class StakeholdersModel(QStandardItemModel):
    """Linked stakeholders under a heading per section: the agenda as a whole, then themes."""

    LINK_ROLE = Qt.ItemDataRole.UserRole + 1  #: int: the link's id (stakeholder rows only)
    PERSON_ROLE = Qt.ItemDataRole.UserRole + 2  #: int | None: the person linked
    ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 3  #: int | None: the organisation linked
    THEME_ROLE = Qt.ItemDataRole.UserRole + 4  #: int | None: the section's theme (every row)

    NAME, ORGANISATION, ROLE, RELATIONSHIP, LAST_CONTACT, DAYS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(
            [
                _tr("Name"),
                _tr("Organisation"),
                _tr("Role"),
                _tr("Relationship"),
                _tr("Last contact"),
                _tr("Days since"),
            ]
        )

    def set_sections(
        self, sections: Sequence[OverviewSection], rhythms: dict[int, LinkRhythm]
    ) -> None:
        """Show each section with its stakeholders; the agenda-wide one only if it has any."""
        self.removeRows(0, self.rowCount())
        for section in sections:
            whole = section.theme_id is None
            if whole and not section.rows:
                continue
            title = _tr("The agenda as a whole") if whole else section.name
            heading = _heading(f"{title} ({_number(len(section.rows))})", dimmed=not section.rows)
            heading.setData(section.theme_id, self.THEME_ROLE)
            if not section.rows:
                heading.setToolTip(_tr("No stakeholders are linked to this theme yet."))
            for row in section.rows:
                heading.appendRow(self._row(row, rhythms.get(row.link_id), section.theme_id))
            self.appendRow([heading, *[_blank() for _ in range(self.columnCount() - 1)]])

    def _row(
        self, row: OverviewRow, rhythm: LinkRhythm | None, theme_id: int | None
    ) -> list[QStandardItem]:
        name = _item(row.name, f"{row.name}\n\n{row.note}" if row.note else row.name)
        organisation = _item(row.organisation)
        role = _item(labels.label(row.role))
        if row.owners:
            relationship = _item(owners_text(row.owners), self._owners_tip(row))
        else:
            relationship = _item(_tr("No relationship"), self._owners_tip(row))
            relationship.setForeground(QBrush(QColor(NO_RELATIONSHIP_COLOUR)))
            font = QFont(relationship.font())
            font.setItalic(True)
            relationship.setFont(font)
        last = _item(format_date(row.last_contact) if row.last_contact else _tr("Never"))
        status = rhythm.status if rhythm is not None else RhythmStatus.NEVER
        days = _item("" if row.days_since is None else _number(row.days_since))
        days.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        days.setIcon(labels.rhythm_marker(status))
        tip = self._rhythm_tip(row, rhythm)
        last.setToolTip(tip)
        days.setToolTip(tip)
        items = [name, organisation, role, relationship, last, days]
        for item in items:
            item.setData(row.link_id, self.LINK_ROLE)
            item.setData(row.person_id, self.PERSON_ROLE)
            item.setData(row.organisation_id, self.ORGANISATION_ROLE)
            item.setData(theme_id, self.THEME_ROLE)
        return items

    @staticmethod
    def _owners_tip(row: OverviewRow) -> str:
        if row.person_id is not None:
            if row.owners:
                return _tr("Held by {names} (relationship owner or backup owner)").format(
                    names=", ".join(row.owners)
                )
            return _tr("Nobody in the team is this person's relationship owner or backup owner.")
        if row.owners:
            return _tr("Held through its people by {names}").format(names=", ".join(row.owners))
        return _tr("None of the people working here now has an owner in the team.")

    @staticmethod
    def _rhythm_tip(row: OverviewRow, rhythm: LinkRhythm | None) -> str:
        if rhythm is None or row.last_contact is None:
            return _tr("No contact recorded yet.")
        red = int(rhythm.target_days * RED_FACTOR)
        who = (
            _tr("Target for this person: every {target} days.")
            if row.person_id is not None
            else _tr("Target for an organisation: every {target} days.")
        )
        return _tr(
            "{status}: last contact {date}, {days} days ago.\n{who}\n"
            "Amber after {target} days, red after {red} days (1.5 × the target)."
        ).format(
            status=labels.label(rhythm.status),
            date=format_date(row.last_contact),
            days=_number(row.days_since or 0),
            who=who.format(target=_number(rhythm.target_days)),
            target=_number(rhythm.target_days),
            red=_number(red),
        )

    def lines(self) -> int:
        """How many lines the expanded tree shows."""
        return sum(1 + self.item(r).rowCount() for r in range(self.rowCount()))
