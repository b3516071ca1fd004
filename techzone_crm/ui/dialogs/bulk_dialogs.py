"""Small dialogs for bulk edits: choose a relationship owner, or a tag to add or remove."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.ui.icons import app_icon


class _ChoiceDialog(QDialog):
    """A sentence saying what will change, one combo box, and OK/Cancel."""

    def __init__(
        self, title: str, prompt: str, label: str, button: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(420)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setAccessibleName(label.rstrip(":"))
        form = QFormLayout()
        form.addRow(label, self.combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class OwnerDialog(_ChoiceDialog):
    """Choose the relationship owner for the selected people (or nobody)."""

    def __init__(
        self, members: list[tuple[int, str]], prompt: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Set relationship owner"),
            prompt,
            self.tr("Owner:"),
            self.tr("Set owner"),
            parent,
        )
        self.combo.addItem(self.tr("Nobody (clear the owner)"), None)
        for member_id, name in members:
            self.combo.addItem(name, member_id)
        if members:
            self.combo.setCurrentIndex(1)

    def owner(self) -> tuple[int | None, str]:
        """The chosen team member's id (None: nobody) and name."""
        owner_id = self.combo.currentData()
        return owner_id, self.combo.currentText() if owner_id is not None else ""

    @classmethod
    def ask(
        cls, parent: QWidget | None, members: list[tuple[int, str]], prompt: str
    ) -> tuple[int | None, str] | None:
        """The owner chosen, or None if the user cancelled."""
        dialog = cls(members, prompt, parent)
        return dialog.owner() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TagDialog(_ChoiceDialog):
    """Type or choose a tag to add to (or remove from) the selected records.

    With ``new_allowed`` a name that is not a tag yet may be typed (adding creates it).
    """

    def __init__(
        self,
        known: list[str],
        title: str,
        prompt: str,
        button: str,
        new_allowed: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, prompt, self.tr("Tag:"), button, parent)
        self.combo.addItems(known)
        self.combo.setEditable(new_allowed)
        if new_allowed:
            self.combo.setCurrentIndex(-1)
            line, completer = self.combo.lineEdit(), self.combo.completer()
            assert line is not None and completer is not None  # an editable combo has both
            line.setPlaceholderText(self.tr("a tag, e.g. Program Board"))
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.currentTextChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.tag()))

    def tag(self) -> str:
        """The tag's name as typed or chosen."""
        return self.combo.currentText().strip()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        known: list[str],
        title: str,
        prompt: str,
        button: str,
        new_allowed: bool,
    ) -> str | None:
        """The tag chosen, or None if the user cancelled."""
        dialog = cls(known, title, prompt, button, new_allowed, parent)
        return dialog.tag() if dialog.exec() == QDialog.DialogCode.Accepted else None
