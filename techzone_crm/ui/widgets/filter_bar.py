"""Filters that combine, for the people and organisation lists.

Each control sets one or two fields of the list's query (a PersonQuery or an
OrganisationQuery); the search text and the sort order are left alone. The first choice of
every control is "any", so an untouched bar filters nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QComboBox, QSizePolicy, QToolButton, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.db.models import GovernmentLevel, Helix, Sector, ViewKind
from techzone_crm.services import choices, team
from techzone_crm.ui import labels
from techzone_crm.ui.widgets.flow_layout import FlowLayout

Q = TypeVar("Q")
Fields = dict[str, Any]


def _mark(widget: QWidget, active: bool) -> None:
    """Bold text for a control that is filtering, so the active ones stand out."""
    font = QFont(widget.font())
    font.setBold(active)
    widget.setFont(font)


class _ComboFilter:
    """A combo box whose choices each stand for a set of query fields (the first: none)."""

    def __init__(self, name: str, accessible: str, default: Fields) -> None:
        self.name = name
        self.default = default
        self.combo = QComboBox()
        self.combo.setAccessibleName(accessible)
        self.combo.setToolTip(accessible)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.options: list[Fields] = []

    def fill(self, items: Sequence[tuple[str, Fields]], icons: Sequence[Any] = ()) -> None:
        """Replace the choices, keeping the current one if it is still there."""
        current = self.fields()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.options = []
        for i, (text, fields) in enumerate(items):
            if i < len(icons) and icons[i] is not None:
                self.combo.addItem(icons[i], text)
            else:
                self.combo.addItem(text)
            self.options.append({**self.default, **fields})
        self._select(current)
        self.combo.blockSignals(False)

    def fields(self) -> Fields:
        index = self.combo.currentIndex()
        return self.options[index] if 0 <= index < len(self.options) else dict(self.default)

    def active(self) -> bool:
        return self.combo.currentIndex() > 0

    def show_query(self, query: Any) -> None:
        self._select({k: getattr(query, k) for k in self.default})

    def _select(self, wanted: Fields) -> None:
        if wanted in self.options:
            self.combo.setCurrentIndex(self.options.index(wanted))
            return
        # A value no longer in the data (a saved view's region, say): keep it selectable.
        text = next((str(v) for v in wanted.values() if v not in (None, "", False)), "")
        if text:
            self.combo.addItem(text)
            self.options.append({**self.default, **wanted})
            self.combo.setCurrentIndex(len(self.options) - 1)
        else:
            self.combo.setCurrentIndex(0)


class _CheckFilter:
    """A check box for one boolean field of the query."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.box = QCheckBox(text)

    def fields(self) -> Fields:
        return {self.name: self.box.isChecked()}

    def active(self) -> bool:
        return self.box.isChecked()

    def show_query(self, query: Any) -> None:
        self.box.setChecked(bool(getattr(query, self.name)))


class FilterBar(QWidget):
    """The filter controls of one list, wrapping onto a second line when space runs out.

    ``toggle_button`` (shows or hides the bar, and says how many filters are on) and
    ``clear_button`` belong in the search row.

    Signals:
        changed(): the user changed a filter.
    """

    changed = Signal()

    def __init__(self, db: Database, kind: ViewKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.kind = kind
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)

        self._combos: dict[str, _ComboFilter] = {}
        self._checks: dict[str, _CheckFilter] = {}
        self._add_combo("helix", self.tr("Helix"), {"helix": None})
        self._add_combo("level", self.tr("Government level"), {"government_level": None})
        self._add_combo("sector", self.tr("Sector"), {"sector": None})
        self._add_combo("region", self.tr("Region"), {"region": ""})
        self._add_combo("tag", self.tr("Tag"), {"tag": ""})
        if kind is ViewKind.PEOPLE:
            self._add_combo(
                "owner", self.tr("Relationship owner"), {"owner_id": None, "without_owner": False}
            )
            self._add_combo("role", self.tr("Current role"), {"current_role": None})
        self._add_check("partners_only", self.tr("Partners only"))
        if kind is ViewKind.PEOPLE:
            self._add_check("exclude_do_not_contact", self.tr("Hide do-not-contact"))
            self._checks["partners_only"].box.setToolTip(
                self.tr("People with a current role at a partner organisation")
            )
        for control in self._controls():
            widget = control.combo if isinstance(control, _ComboFilter) else control.box
            layout.addWidget(widget)

        self.toggle_button = QToolButton()
        self.toggle_button.setCheckable(True)
        self.toggle_button.setToolTip(self.tr("Show or hide the filters"))
        self.toggle_button.toggled.connect(self.setVisible)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show everything again (the search text stays)"))
        self.clear_button.clicked.connect(self.clear)

        self._fill_static()
        self.reload_choices()
        self.hide()
        self._update_summary()

    # -- building -----------------------------------------------------------------------

    def _add_combo(self, name: str, accessible: str, default: Fields) -> None:
        control = _ComboFilter(name, accessible, default)
        control.combo.currentIndexChanged.connect(self._user_changed)
        self._combos[name] = control

    def _add_check(self, name: str, text: str) -> None:
        control = _CheckFilter(name, text)
        control.box.toggled.connect(self._user_changed)
        self._checks[name] = control

    def _controls(self) -> list[_ComboFilter | _CheckFilter]:
        return [*self._combos.values(), *self._checks.values()]

    def _fill_static(self) -> None:
        helices: list[tuple[str, Fields]] = [(self.tr("Any helix"), {})]
        helices += [(text, {"helix": Helix(h)}) for h, text in labels.choices(Helix)]
        swatches = [None, *(labels.helix_swatch(h) for h in Helix)]
        self._combos["helix"].fill(helices, swatches)
        levels: list[tuple[str, Fields]] = [(self.tr("Any government level"), {})]
        levels += [
            (text, {"government_level": GovernmentLevel(g)})
            for g, text in labels.choices(GovernmentLevel)
        ]
        self._combos["level"].fill(levels)
        sectors: list[tuple[str, Fields]] = [(self.tr("Any sector"), {})]
        sectors += [(text, {"sector": Sector(s)}) for s, text in labels.choices(Sector)]
        self._combos["sector"].fill(sectors)
        if "role" in self._combos:
            self._combos["role"].fill(
                [
                    (self.tr("With or without a current role"), {}),
                    (self.tr("With a current role"), {"current_role": True}),
                    (self.tr("Without a current role"), {"current_role": False}),
                ]
            )

    def reload_choices(self) -> None:
        """Re-read the regions, tags and team members offered (the current choices stay)."""
        with self._db.read() as session:
            regions = choices.regions(session)
            if self.kind is ViewKind.PEOPLE:
                tags = choices.person_tags(session)
                members = team.list_team_members(session, active_only=False)
            else:
                tags = choices.organisation_tags(session)
                members = []
        self._combos["region"].fill(
            [(self.tr("Any region"), {}), *((r, {"region": r}) for r in regions)]
        )
        self._combos["tag"].fill([(self.tr("Any tag"), {}), *((t, {"tag": t}) for t in tags)])
        if "owner" in self._combos:
            self._combos["owner"].fill(
                [
                    (self.tr("Any relationship owner"), {}),
                    (self.tr("No relationship owner"), {"without_owner": True}),
                    *((name, {"owner_id": member_id}) for member_id, name in members),
                ]
            )

    # -- state --------------------------------------------------------------------------

    def combo(self, name: str) -> QComboBox:
        """The combo box of a filter ("helix", "level", "sector", "region", "tag", …)."""
        return self._combos[name].combo

    def check(self, name: str) -> QCheckBox:
        """The check box of a boolean filter ("partners_only", "exclude_do_not_contact")."""
        return self._checks[name].box

    def active_count(self) -> int:
        """How many filters are on."""
        return sum(1 for c in self._controls() if c.active())

    def apply(self, query: Q) -> Q:
        """``query`` with this bar's filters (text and sort unchanged)."""
        fields: Fields = {}
        for control in self._controls():
            fields.update(control.fields())
        return dataclasses.replace(query, **fields)  # type: ignore[type-var]

    def show_query(self, query: Any) -> None:
        """Set the controls to the filters of ``query`` without reporting a change."""
        for control in self._controls():
            widget = control.combo if isinstance(control, _ComboFilter) else control.box
            widget.blockSignals(True)
            control.show_query(query)
            widget.blockSignals(False)
        if self.active_count():
            self.toggle_button.setChecked(True)
        self._update_summary()

    def clear(self) -> None:
        """Switch every filter off."""
        if not self.active_count():
            return
        for control in self._controls():
            widget = control.combo if isinstance(control, _ComboFilter) else control.box
            widget.blockSignals(True)
            if isinstance(control, _ComboFilter):
                control.combo.setCurrentIndex(0)
            else:
                control.box.setChecked(False)
            widget.blockSignals(False)
        self._user_changed()

    def _user_changed(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        count = self.active_count()
        self.toggle_button.setText(
            self.tr("Filters (%n on)", "", count) if count else self.tr("Filters")
        )
        _mark(self.toggle_button, bool(count))
        self.clear_button.setVisible(count > 0)
        for control in self._controls():
            widget = control.combo if isinstance(control, _ComboFilter) else control.box
            _mark(widget, control.active())
