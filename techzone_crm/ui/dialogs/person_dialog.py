"""Adding and editing a person."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import EmailKind, PhoneKind
from techzone_crm.services import people, tags, team
from techzone_crm.services.people import EmailData, PersonData, PhoneData
from techzone_crm.text import person_sorted_name
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.undoable import RecordKey, person_key
from techzone_crm.ui.widgets.entry_list import EntryList
from techzone_crm.ui.widgets.tag_edit import TagEdit

# Common Dutch name prefixes (tussenvoegsels), to notice one typed into the family name.
_PREFIXES = (
    "van der",
    "van den",
    "van de",
    "in 't",
    "van 't",
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "'t",
    "op de",
    "in de",
    "uit de",
    "uit den",
)


def _leading_prefix(family: str) -> str:
    """The name prefix a family name starts with ("de" in "de Boer"), or empty."""
    lowered = family.strip().casefold()
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        if lowered.startswith(prefix + " ") and len(lowered) > len(prefix) + 1:
            return family.strip()[: len(prefix)]
    return ""


class PersonDialog(RecordDialog):
    """Add a person (``person_id`` None) or edit one.

    Signals:
        saved(int): inherited; the person's id after a successful save.
    """

    def __init__(
        self, db: Database, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, person_id, parent)
        self.setWindowTitle(self.tr("New person") if person_id is None else self.tr("Edit person"))
        self.setMinimumWidth(560)
        self._email_rows: list[int] = []
        self._phone_rows: list[int] = []

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. dr. or prof. dr. ir."))
        self.given_edit = QLineEdit()
        self.prefix_edit = QLineEdit()
        self.prefix_edit.setPlaceholderText(self.tr("tussenvoegsel, e.g. van der"))
        self.family_edit = QLineEdit()
        self.family_edit.setPlaceholderText(self.tr("without the prefix, e.g. Berg"))
        self.sorted_preview = QLabel()
        self.sorted_preview.setEnabled(False)  # drawn dimmed: a hint, not a field
        self.emails = EntryList(
            EmailKind,
            self.tr("name@example.nl"),
            self.tr("Add e-mail address"),
            self.tr("Remove this e-mail address"),
        )
        self.phones = EntryList(
            PhoneKind,
            self.tr("e.g. 06 12345678 or +49 30 1234567"),
            self.tr("Add phone number"),
            self.tr("Remove this phone number"),
        )
        self.owner_combo = QComboBox()
        self.backup_combo = QComboBox()
        self.backup_combo.setToolTip(
            self.tr("Who takes over the relationship when the owner is away")
        )
        self.do_not_contact_check = QCheckBox(self.tr("Do not contact"))
        self.do_not_contact_check.setToolTip(
            self.tr("This person asked not to be approached; the flag shows wherever they appear")
        )
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)
        with db.read() as session:
            known_tags = tags.list_tags(session)
            members = team.list_team_members(session, active_only=False)
        self.tags_edit = TagEdit(known_tags)
        self.owner_combo.addItem(self.tr("Nobody yet"), None)
        self.backup_combo.addItem(self.tr("Nobody"), None)
        for member_id, name in members:
            self.owner_combo.addItem(name, member_id)
            self.backup_combo.addItem(name, member_id)

        self.section(self.tr("Name"))
        self.field("title", self.tr("Title:"), self.title_edit)
        self.field("given_name", self.tr("Given name:"), self.given_edit)
        self.field("name_prefix", self.tr("Name prefix:"), self.prefix_edit)
        self.field("family_name", self.tr("Family name:"), self.family_edit)
        self.form.addRow("", self.sorted_preview)
        self.section(self.tr("Contact"))
        self.form.addRow(self.tr("E-mail:"), self.emails)
        self.form.addRow(self.tr("Phone:"), self.phones)
        self.feedback.register_list("emails", self._email_target)
        self.feedback.register_list("phones", self._phone_target)
        self.section(self.tr("Relationship"))
        self.field("owner_id", self.tr("Relationship owner:"), self.owner_combo)
        self.field("backup_owner_id", self.tr("Backup owner:"), self.backup_combo)
        self.field("do_not_contact", "", self.do_not_contact_check, self.tr("Do not contact"))
        self.field("tags", self.tr("Tags:"), self.tags_edit)
        self.field("notes", self.tr("Notes:"), self.notes_edit)

        for edit in (self.given_edit, self.prefix_edit, self.family_edit):
            edit.textChanged.connect(self._update_preview)
        if person_id is None:
            self.emails.set_entries([])
            self.phones.set_entries([])
            self._update_preview()
        else:
            self.reload()
        self.given_edit.setFocus()

    def _update_preview(self) -> None:
        family = self.family_edit.text().strip()
        if not family:
            self.sorted_preview.setText(self.tr("Sorted under the family name, without prefix"))
            return
        name = person_sorted_name(self.given_edit.text(), self.prefix_edit.text(), family)
        text = self.tr("Sorted as: {name}").format(name=name)
        prefix = _leading_prefix(family) if not self.prefix_edit.text().strip() else ""
        if prefix:
            text += " — " + self.tr("put “{prefix}” under Name prefix to sort by {rest}").format(
                prefix=prefix, rest=family[len(prefix) :].strip()
            )
        self.sorted_preview.setText(text)

    def _email_target(self, index: int, part: str | None) -> tuple[QWidget, QLabel, str] | None:
        if not 0 <= index < len(self._email_rows):
            return None
        row = self._email_rows[index]
        widget = self.emails.kind_combo(row) if part == "kind" else self.emails.text_edit(row)
        return widget, self.emails.error_label(row), self.tr("This e-mail address")

    def _phone_target(self, index: int, part: str | None) -> tuple[QWidget, QLabel, str] | None:
        if not 0 <= index < len(self._phone_rows):
            return None
        row = self._phone_rows[index]
        widget = self.phones.kind_combo(row) if part == "kind" else self.phones.text_edit(row)
        return widget, self.phones.error_label(row), self.tr("This phone number")

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        person = people.get_person(session, self.record_id)
        self.version = person.version
        self.title_edit.setText(person.title)
        self.given_edit.setText(person.given_name)
        self.prefix_edit.setText(person.name_prefix)
        self.family_edit.setText(person.family_name)
        self.emails.set_entries([(e.address, e.kind) for e in person.emails])
        self.phones.set_entries([(p.number, p.kind) for p in person.phones])
        index = self.owner_combo.findData(person.owner_id)
        self.owner_combo.setCurrentIndex(max(0, index))
        self.backup_combo.setCurrentIndex(
            max(0, self.backup_combo.findData(person.backup_owner_id))
        )
        self.do_not_contact_check.setChecked(person.do_not_contact)
        self.tags_edit.set_tags(sorted((t.name for t in person.tags), key=str.casefold))
        self.notes_edit.setPlainText(person.notes)
        self.setWindowTitle(self.tr("Edit {name}").format(name=person.display_name))

    def collect(self) -> PersonData:
        emails = self.emails.entries()
        phones = self.phones.entries()
        self._email_rows = [row for row, _, _ in emails]
        self._phone_rows = [row for row, _, _ in phones]
        return PersonData(
            given_name=self.given_edit.text(),
            family_name=self.family_edit.text(),
            name_prefix=self.prefix_edit.text(),
            title=self.title_edit.text(),
            notes=self.notes_edit.toPlainText(),
            owner_id=self.owner_combo.currentData(),
            backup_owner_id=self.backup_combo.currentData(),
            do_not_contact=self.do_not_contact_check.isChecked(),
            emails=[EmailData(text, kind) for _, text, kind in emails],
            phones=[PhoneData(text, kind) for _, text, kind in phones],
            tags=self.tags_edit.tags(),
        )

    def write(self, session: Session, data: PersonData) -> int:
        if self.record_id is None:
            return people.add_person(session, data).id
        return people.update_person(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return people.get_person(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return [] if record_id is None else [person_key(record_id)]

    def undo_text(self, session: Session, record_id: int) -> str:
        name = people.get_person(session, record_id).display_name
        if self.record_id is None:
            return self.tr("New person {name}").format(name=name)
        return self.tr("Edit {name}").format(name=name)
