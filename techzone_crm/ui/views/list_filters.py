"""Puts a filter bar and saved views into a list page and keeps them and the list in step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout

from techzone_crm.db.models import ViewKind
from techzone_crm.ui.views.record_view import RecordView
from techzone_crm.ui.widgets.filter_bar import FilterBar
from techzone_crm.ui.widgets.saved_views import SavedViewsBar


class ListFilters(QObject):
    """The filters and saved views of one :class:`RecordView`.

    The search row gains the "Filters" and "Clear filters" buttons and the saved views; the
    filter bar goes between it and the table.
    """

    def __init__(self, view: RecordView, kind: ViewKind) -> None:
        super().__init__(view)
        self.view = view
        self.bar = FilterBar(view.db, kind)
        self.saved = SavedViewsBar(view.db, kind, self.current_query)
        view.filter_bar.addWidget(self.bar.toggle_button)
        view.filter_bar.addWidget(self.bar.clear_button)
        view.filter_bar.addWidget(self.saved)
        layout = view.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.bar)

        self.bar.changed.connect(self._filters_changed)
        self.saved.view_chosen.connect(self.apply_query)
        self.saved.message.connect(view.message)
        view.model.modelReset.connect(self._list_reset)

    def current_query(self) -> Any:
        """What the list shows now: search text, filters and sort."""
        self.view.search.flush()
        return self.view.model.query

    def apply_query(self, query: Any) -> None:
        """Show ``query``: its search text, filters and sort order."""
        self.bar.show_query(query)
        self.view.model.set_query(query)
        self.view.search.setText(query.text)
        self.view.search.flush()
        column, order = self.view.model.sort_column()
        self.view.table.horizontalHeader().setSortIndicator(column, order)

    def _filters_changed(self) -> None:
        self.view.model.set_query(self.bar.apply(self.view.model.query))

    def _list_reset(self) -> None:
        self.saved.query_changed(self.view.model.query)
        # New regions or tags may have been saved since the choices were read.
        self.bar.reload_choices()
