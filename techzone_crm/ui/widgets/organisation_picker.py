"""Choosing an organisation by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.services import organisations

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SUGGESTIONS = 20


class OrganisationPicker(QLineEdit):
    """A line edit that suggests organisations as you type (full-text, any word, accents
    ignored) and remembers which one was chosen.

    Signals:
        picked(int): an organisation was chosen from the suggestions.
    """

    picked = Signal(int)

    def __init__(
        self, db: Database, exclude_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._exclude_id = exclude_id
        self._chosen: tuple[int, str] | None = None
        self.setPlaceholderText(self.tr("Type to search organisations"))
        self.setClearButtonEnabled(True)
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        # The database already matched the words; Qt must not filter again by prefix.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        # The index overload carries the id; the stubs do not know overloaded signals.
        self._completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.textEdited.connect(self._suggest)

    def _suggest(self, text: str) -> None:
        if self._chosen and text != self._chosen[1]:
            self._chosen = None
        with self._db.read() as session:
            found = organisations.find_organisations(session, text, _SUGGESTIONS + 1)
        self.suggestions.clear()
        for org_id, name in found:
            if org_id == self._exclude_id:
                continue
            item = QStandardItem(name)
            item.setData(org_id, _ID_ROLE)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if text.strip() and self.suggestions.rowCount():
            self._completer.complete()
        elif (popup := self._completer.popup()) is not None:
            popup.hide()

    def _activated(self, index: QModelIndex) -> None:
        org_id = int(index.data(_ID_ROLE))
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        self.set_organisation(org_id, name)
        self.picked.emit(org_id)

    def set_organisation(self, org_id: int | None, name: str = "") -> None:
        """Show ``name`` as the chosen organisation (None: nothing chosen)."""
        self._chosen = (org_id, name) if org_id is not None else None
        self.setText(name if org_id is not None else "")

    def organisation_id(self) -> int | None:
        """The chosen organisation; a typed name that matches exactly one counts as chosen."""
        text = self.text().strip()
        if not text:
            return None
        if self._chosen and self._chosen[1] == text:
            return self._chosen[0]
        with self._db.read() as session:
            found = organisations.find_organisations(session, text, _SUGGESTIONS)
        exact = [i for i, n in found if n.casefold() == text.casefold() and i != self._exclude_id]
        return exact[0] if len(exact) == 1 else None

    @property
    def unresolved(self) -> bool:
        """True if text was typed that does not name one organisation."""
        return bool(self.text().strip()) and self.organisation_id() is None
