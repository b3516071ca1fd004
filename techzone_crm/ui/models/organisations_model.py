"""The organisations table."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from sqlalchemy.orm import Session

from techzone_crm.services import organisations
from techzone_crm.services.common import Page
from techzone_crm.services.organisations import (
    OrganisationQuery,
    OrganisationRow,
    OrganisationSort,
)
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.models.paged_model import PagedTableModel


class OrganisationsTableModel(PagedTableModel[OrganisationRow, OrganisationQuery]):
    """Organisations matching an :class:`OrganisationQuery`, sorted in SQL."""

    NAME, SHORT_NAME, HELIX, LEVEL, SECTORS, REGION, PARTNER, PEOPLE = range(8)

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Name"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Short name"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Helix"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Government level"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Sectors"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Region"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "Partner"),
        QT_TRANSLATE_NOOP("OrganisationsTableModel", "People"),
    )
    SORT_KEYS: ClassVar[dict[int, Any]] = {
        NAME: OrganisationSort.NAME,
        HELIX: OrganisationSort.HELIX,
        LEVEL: OrganisationSort.LEVEL,
        REGION: OrganisationSort.REGION,
        PARTNER: OrganisationSort.PARTNER,
        PEOPLE: OrganisationSort.PEOPLE,
    }
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset({PEOPLE})
    WIDTHS: ClassVar[dict[int, int]] = {
        NAME: 40,
        SHORT_NAME: 12,
        HELIX: 27,
        LEVEL: 18,
        SECTORS: 20,
        REGION: 18,
        PARTNER: 8,
        PEOPLE: 8,
    }

    def count_rows(self, session: Session, query: OrganisationQuery) -> int:
        return organisations.count_organisations(session, query)

    def count_all(self, session: Session) -> int:
        return organisations.count_organisations(session, OrganisationQuery())

    def fetch_rows(
        self, session: Session, query: OrganisationQuery, page: Page
    ) -> list[OrganisationRow]:
        return organisations.list_organisations(session, query, page)

    def display(self, row: OrganisationRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.SHORT_NAME:
            return row.short_name
        if column == self.HELIX:
            return labels.label(row.helix)
        if column == self.LEVEL:
            return labels.label(row.government_level)
        if column == self.SECTORS:
            return labels.sectors_text(row.sectors)
        if column == self.REGION:
            return row.region
        if column == self.PARTNER:
            return labels.yes_no(True) if row.is_partner else ""
        return QLocale().toString(row.current_people)

    def cell_data(self, row: OrganisationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.HELIX:
            return labels.helix_colour(row.helix)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and row.parent_name:
            return QCoreApplication.translate("OrganisationsTableModel", "Part of {parent}").format(
                parent=row.parent_name
            )
        return None
