"""The contacts table: people with their current main role, first e-mail and phone."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session

from techzone_crm.services import people
from techzone_crm.services.common import Page
from techzone_crm.services.people import PersonQuery, PersonRow, PersonSort
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.markers import do_not_contact_icon, do_not_contact_tooltip
from techzone_crm.ui.models.paged_model import PagedTableModel
from techzone_crm.ui.models.person_rhythm import rhythm_cell, rhythm_cell_data, with_rhythms


class PeopleTableModel(PagedTableModel[PersonRow, PersonQuery]):
    """People matching a :class:`PersonQuery`, sorted in SQL (Dutch name order by default)."""

    NAME, ORGANISATION, ROLE, EMAIL, PHONE, OWNER, LAST_CONTACT = range(7)

    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("PeopleTableModel", "Name"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "Organisation"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "Role"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "E-mail"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "Phone"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "Relationship owner"),
        QT_TRANSLATE_NOOP("PeopleTableModel", "Last contact"),
    )
    SORT_KEYS: ClassVar[dict[int, Any]] = {
        NAME: PersonSort.NAME,
        ORGANISATION: PersonSort.ORGANISATION,
        ROLE: PersonSort.ROLE,
        EMAIL: PersonSort.EMAIL,
        PHONE: PersonSort.PHONE,
        OWNER: PersonSort.OWNER,
    }
    WIDTHS: ClassVar[dict[int, int]] = {
        NAME: 26,
        ORGANISATION: 28,
        ROLE: 24,
        EMAIL: 30,
        PHONE: 15,
        OWNER: 18,
        LAST_CONTACT: 19,
    }

    def count_rows(self, session: Session, query: PersonQuery) -> int:
        return people.count_people(session, query)

    def count_all(self, session: Session) -> int:
        return people.count_people(session, PersonQuery())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The order of a sort on a derived column, computed once per reset and query and
        # then sliced for every page (pages are fetched on worker threads, hence the lock).
        self._order: tuple[tuple[int, PersonQuery], list[int]] | None = None
        self._order_lock = threading.Lock()

    def fetch_rows(self, session: Session, query: PersonQuery, page: Page) -> list[PersonRow]:
        return with_rhythms(session, self._fetch_people(session, query, page))

    def _fetch_people(self, session: Session, query: PersonQuery, page: Page) -> list[PersonRow]:
        if query.sort is PersonSort.NAME:
            return people.list_people(session, query, page)  # straight from the name index
        key = (self.generation, query)
        with self._order_lock:
            order = self._order[1] if self._order is not None and self._order[0] == key else None
        if order is None:
            order = people.ids_in_order(session, query)
            with self._order_lock:
                self._order = (key, order)
        return people.people_rows(session, order[page.offset : page.offset + page.limit])

    def display(self, row: PersonRow, column: int) -> str:
        return (
            row.sorted_name,
            row.organisation,
            row.role,
            row.email,
            row.phone,
            row.owner,
            rhythm_cell(row),
        )[column]

    def cell_data(self, row: PersonRow, column: int, role: int) -> Any:
        if column == self.LAST_CONTACT:
            return rhythm_cell_data(row, role)
        if column != self.NAME:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.do_not_contact:
                return do_not_contact_tooltip(row.display_name)
            return row.display_name
        if role == Qt.ItemDataRole.DecorationRole and row.do_not_contact:
            return do_not_contact_icon()
        return None
