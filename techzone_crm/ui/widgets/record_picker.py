"""Choosing records by typing part of their name: one (a picker) or several (a list of chips).

A *finder* is a service function ``(session, text, limit) -> [(id, label)]``; the pickers below
pair one with the right placeholder: people, organisations, agendas, dossiers, team members.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import agendas, dossiers, organisations, people, team
from techzone_crm.ui.widgets.flow_layout import FlowLayout

Finder = Callable[[Session, str, int], list[tuple[int, str]]]

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SUGGESTIONS = 20


class RecordPicker(QLineEdit):
    """A line edit that suggests records as you type and remembers which one was chosen.

    Signals:
        picked(int): a record was chosen from the suggestions.
    """

    picked = Signal(int)

    def __init__(
        self,
        db: Database,
        finder: Finder,
        placeholder: str,
        exclude_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._finder = finder
        self._exclude_id = exclude_id
        self._chosen: tuple[int, str] | None = None
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        # The database already matched the words; Qt must not filter again by prefix.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        # The index overload carries the id; the stubs do not know overloaded signals.
        self._completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.textEdited.connect(self._suggest)

    def _find(self, text: str) -> list[tuple[int, str]]:
        with self._db.read() as session:
            found = self._finder(session, text, _SUGGESTIONS + 1)
        return [(i, n) for i, n in found if i != self._exclude_id]

    def _suggest(self, text: str) -> None:
        if self._chosen and text != self._chosen[1]:
            self._chosen = None
        self.suggestions.clear()
        for record_id, name in self._find(text):
            item = QStandardItem(name)
            item.setData(record_id, _ID_ROLE)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if text.strip() and self.suggestions.rowCount():
            self._completer.complete()
        elif (popup := self._completer.popup()) is not None:
            popup.hide()

    def _activated(self, index: QModelIndex) -> None:
        record_id = int(index.data(_ID_ROLE))
        self.set_record(record_id, str(index.data(Qt.ItemDataRole.DisplayRole)))
        self.picked.emit(record_id)

    def set_record(self, record_id: int | None, name: str = "") -> None:
        """Show ``name`` as the chosen record (None: nothing chosen)."""
        self._chosen = (record_id, name) if record_id is not None else None
        self.setText(name if record_id is not None else "")

    def chosen_name(self) -> str:
        """The label of the chosen record ("" if none)."""
        return self._chosen[1] if self._chosen else ""

    def resolved(self) -> tuple[int, str] | None:
        """The chosen record as (id, label); typed text counts as chosen if it names one
        record exactly, or if exactly one record matches it at all."""
        text = self.text().strip()
        if not text:
            return None
        if self._chosen and self._chosen[1] == text:
            return self._chosen
        found = self._find(text)
        exact = [(i, n) for i, n in found if n.casefold() == text.casefold()]
        if len(exact) == 1:
            return exact[0]
        return found[0] if len(found) == 1 and not exact else None

    def record_id(self) -> int | None:
        """The id of :meth:`resolved` (None if nothing or nothing clear was chosen)."""
        chosen = self.resolved()
        return chosen[0] if chosen else None

    @property
    def unresolved(self) -> bool:
        """True if text was typed that does not name one record."""
        return bool(self.text().strip()) and self.record_id() is None


def person_picker(db: Database, parent: QWidget | None = None) -> RecordPicker:
    """A picker of people (shown with their current organisation)."""
    placeholder = QCoreApplication.translate("RecordPicker", "Type to search people")
    return RecordPicker(db, people.find_people, placeholder, parent=parent)


def agenda_picker(db: Database, parent: QWidget | None = None) -> RecordPicker:
    """A picker of strategic agendas."""
    placeholder = QCoreApplication.translate("RecordPicker", "Type to search agendas")
    return RecordPicker(db, agendas.find_agendas, placeholder, parent=parent)


def dossier_picker(db: Database, parent: QWidget | None = None) -> RecordPicker:
    """A picker of dossiers."""
    placeholder = QCoreApplication.translate("RecordPicker", "Type to search dossiers")
    return RecordPicker(db, dossiers.find_dossiers, placeholder, parent=parent)


def team_picker(db: Database, parent: QWidget | None = None) -> RecordPicker:
    """A picker of active team members."""
    placeholder = QCoreApplication.translate("RecordPicker", "Type to search the team")
    return RecordPicker(db, team.find_team_members, placeholder, parent=parent)


def organisation_picker(
    db: Database, exclude_id: int | None = None, parent: QWidget | None = None
) -> RecordPicker:
    """A picker of organisations (full-text, any word, accents ignored)."""
    placeholder = QCoreApplication.translate("RecordPicker", "Type to search organisations")
    return RecordPicker(db, organisations.find_organisations, placeholder, exclude_id, parent)


class _Chip(QWidget):
    """One chosen record: its name and a small × to remove it."""

    def __init__(self, name: str, remove_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#chip { background: palette(midlight); border-radius: 10px; }"
            "QToolButton { border: none; padding: 0 2px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        self.label = QLabel(name)
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setToolTip(remove_text)
        self.remove.setAccessibleName(remove_text)
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)


class RecordListEdit(QWidget):
    """Several chosen records, shown as removable chips above a picker that adds one more.

    Signals:
        changed(): a record was added or removed.
    """

    changed = Signal()

    def __init__(self, picker: RecordPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = picker
        self._chosen: dict[int, str] = {}
        self._chips: dict[int, _Chip] = {}
        self.chips = FlowLayout(spacing=4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.chips)
        layout.addWidget(picker)
        picker.picked.connect(self._picked)
        picker.returnPressed.connect(self._typed)

    def _picked(self, record_id: int) -> None:
        self.add(record_id, self.picker.chosen_name())
        self.picker.set_record(None)

    def _typed(self) -> None:
        self.take_typed()

    def take_typed(self) -> bool:
        """Add the record the typed text names; False if text is left that names none."""
        chosen = self.picker.resolved()
        if chosen is not None:
            self.add(*chosen)
            self.picker.set_record(None)
        return not self.picker.text().strip()

    def add(self, record_id: int, name: str) -> None:
        """Add a record (once)."""
        if record_id in self._chosen:
            return
        self._chosen[record_id] = name
        chip = _Chip(name, self.tr("Remove {name}").format(name=name))
        chip.remove.clicked.connect(lambda: self.remove(record_id))
        self._chips[record_id] = chip
        self.chips.addWidget(chip)
        self.changed.emit()

    def remove(self, record_id: int) -> None:
        """Take a record off the list."""
        if self._chosen.pop(record_id, None) is None:
            return
        chip = self._chips.pop(record_id)
        self.chips.removeWidget(chip)
        chip.deleteLater()
        self.changed.emit()

    def set_records(self, records: Iterable[tuple[int, str]]) -> None:
        """Replace the list with ``records`` (id, name)."""
        for record_id in list(self._chosen):
            self.remove(record_id)
        for record_id, name in records:
            self.add(record_id, name)

    def ids(self) -> list[int]:
        """The chosen ids, in the order they were added."""
        return list(self._chosen)

    def names(self) -> list[str]:
        """The chosen names, in the order they were added."""
        return list(self._chosen.values())


class StakeholderPicker(QWidget):
    """A person or an organisation: a kind switch beside the matching picker.

    Signals:
        picked(): a person or organisation was chosen.
    """

    picked = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Person"), "person")
        self.kind.addItem(self.tr("Organisation"), "organisation")
        self.kind.setAccessibleName(self.tr("Person or organisation"))
        self.person = person_picker(db)
        self.organisation = organisation_picker(db)
        self.organisation.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.person, 1)
        layout.addWidget(self.organisation, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.person.picked.connect(lambda _i: self.picked.emit())
        self.organisation.picked.connect(lambda _i: self.picked.emit())

    def _kind_changed(self) -> None:
        is_person = self.kind.currentData() == "person"
        self.person.setVisible(is_person)
        self.organisation.setVisible(not is_person)

    def current_picker(self) -> RecordPicker:
        """The picker for the chosen kind."""
        return self.person if self.kind.currentData() == "person" else self.organisation

    def set_stakeholder(
        self, person_id: int | None, organisation_id: int | None, name: str = ""
    ) -> None:
        """Show a chosen person or organisation (both None: nothing chosen)."""
        self.kind.setCurrentIndex(1 if organisation_id is not None else 0)
        self.person.set_record(person_id, name)
        self.organisation.set_record(organisation_id, name)

    def stakeholder(self) -> tuple[int | None, int | None]:
        """(person id, organisation id): at most one is set."""
        if self.kind.currentData() == "person":
            return self.person.record_id(), None
        return None, self.organisation.record_id()

    @property
    def unresolved(self) -> bool:
        """True if text was typed that does not name one person or organisation."""
        return self.current_picker().unresolved
