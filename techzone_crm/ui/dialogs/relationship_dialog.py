"""Adding and editing an explicit relationship between two people or two organisations.

The dialog reads as a sentence from the record it was opened on ("Jan Berg advises …"), so
choosing the kind also chooses the direction. Relationships are not on the undo stack.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSizePolicy, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import RelationshipKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import organisations, people, relationships
from techzone_crm.services.relationships import (
    MAX_STRENGTH,
    MIN_STRENGTH,
    MUTUAL,
    RelationshipData,
    RelationshipRow,
)
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP
from techzone_crm.ui.widgets.optional_date import OptionalDateEdit
from techzone_crm.ui.widgets.record_picker import organisation_picker, person_picker

STRENGTH_WORDS: dict[int, str] = {
    1: QT_TRANSLATE_NOOP("RelationshipStrength", "weak"),
    2: QT_TRANSLATE_NOOP("RelationshipStrength", "fair"),
    3: QT_TRANSLATE_NOOP("RelationshipStrength", "good"),
    4: QT_TRANSLATE_NOOP("RelationshipStrength", "strong"),
    5: QT_TRANSLATE_NOOP("RelationshipStrength", "very strong"),
}

DEFAULT_STRENGTH = 3


def strength_word(strength: int) -> str:
    """The word for a strength: 1 "weak" … 5 "very strong"."""
    return QCoreApplication.translate("RelationshipStrength", STRENGTH_WORDS[strength])


def strength_dots(strength: int) -> str:
    """A strength as filled and open dots: 4 is "●●●●○"."""
    return "●" * strength + "○" * (MAX_STRENGTH - strength)


def strength_text(strength: int) -> str:
    """ "4 of 5 – strong"."""
    return QCoreApplication.translate("RelationshipStrength", "{n} of {max} – {word}").format(
        n=strength, max=MAX_STRENGTH, word=strength_word(strength)
    )


def directions() -> list[tuple[RelationshipKind, bool]]:
    """Every (kind, outgoing) a record can be on: both ways for kinds with a direction."""
    found: list[tuple[RelationshipKind, bool]] = []
    for kind in RelationshipKind:
        found.append((kind, True))
        if kind not in MUTUAL:
            found.append((kind, False))
    return found


class RelationshipDialog(RecordDialog):
    """A relationship of ``person_id`` with another person, or of ``organisation_id`` with
    another organisation: a new one, or ``relationship_id`` to edit.

    Editing without a person or organisation reads it from side a.

    Signals:
        saved(int): inherited; the relationship's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        person_id: int | None = None,
        organisation_id: int | None = None,
        relationship_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, relationship_id, parent)
        self.setMinimumWidth(560)
        self.setWindowTitle(
            self.tr("New relationship") if relationship_id is None else self.tr("Edit relationship")
        )
        stored: RelationshipRow | None = None
        with db.read() as session:
            if relationship_id is not None:
                stored = relationships.get_relationship(session, relationship_id)
                if person_id is None and organisation_id is None:
                    if stored.between_people:
                        person_id = stored.a_id
                    else:
                        organisation_id = stored.a_id
            if person_id is not None:
                self.between_people = True
                self.this_id = person_id
                self.this_name = people.get_person(session, person_id).display_name
            elif organisation_id is not None:
                self.between_people = False
                self.this_id = organisation_id
                self.this_name = organisations.get_organisation(session, organisation_id).name
            else:
                raise ValueError("a relationship dialog needs a person or an organisation")
        #: For a mutual kind, the stored order of the two (kept when saving unchanged).
        self._stored_outgoing = True

        self.this_label = QLabel(self.this_name)
        font = QFont(self.this_label.font())
        font.setBold(True)
        self.this_label.setFont(font)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Relationship"))
        self._directions = directions()
        for kind, outgoing in self._directions:
            self.kind_combo.addItem(
                self.tr("{wording} …").format(wording=labels.relationship_wording(kind, outgoing))
            )
        self.kind_combo.setToolTip(
            self.tr("Read from {name}'s side: the choice sets the direction too").format(
                name=self.this_name
            )
        )
        if self.between_people:
            self.other_picker = person_picker(db)
        else:
            self.other_picker = organisation_picker(db)
        self.strength_combo = QComboBox()
        self.strength_combo.setAccessibleName(self.tr("Strength"))
        for strength in range(MIN_STRENGTH, MAX_STRENGTH + 1):
            self.strength_combo.addItem(
                f"{strength_dots(strength)}  {strength} – {strength_word(strength)}", strength
            )
        self.start_edit = OptionalDateEdit(self.tr("Started on"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("e.g. former colleagues at the province"))
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAccessibleName(self.tr("Reads as"))
        # One line that never widens the dialog (a wrapping label leaves gaps in a form);
        # the tooltip has the whole sentence.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        this_title = self.tr("Person:") if self.between_people else self.tr("Organisation:")
        other_title = (
            self.tr("Other person:") if self.between_people else self.tr("Other organisation:")
        )
        self.form.addRow(this_title, self.this_label)
        self.kind_errors = self.field("kind", self.tr("Relationship:"), self.kind_combo)
        self.other_errors = other_errors = self.field(
            "other", other_title, self.other_picker, other_title.rstrip(":")
        )
        # The service names side a or b; whichever it is, the other side is the one typed here.
        side = "person" if self.between_people else "organisation"
        for field in (f"{side}_a_id", f"{side}_b_id"):
            self.feedback.register(field, self.other_picker, other_errors, other_title.rstrip(":"))
        self.form.addRow("", self.preview)
        self.field("strength", self.tr("Strength:"), self.strength_combo)
        hint = QLabel(self.tr("The network analysis uses this as the tie's strength."))
        hint.setEnabled(False)
        self.form.addRow("", hint)
        self.field("started_on", self.tr("Since:"), self.start_edit, self.tr("The start date"))
        self.field("note", self.tr("Note:"), self.note_edit)

        self.set_strength(DEFAULT_STRENGTH)
        self.kind_combo.currentIndexChanged.connect(self._update_preview)
        self.other_picker.textChanged.connect(self._update_preview)
        if stored is not None:
            self._fill(stored)
        self._update_preview()
        # Ticking the known start date moved the focus; the dialog starts at the top.
        (self.other_picker if relationship_id is None else self.kind_combo).setFocus()

    # -- fields -------------------------------------------------------------------------

    def set_direction(self, kind: RelationshipKind, outgoing: bool = True) -> None:
        """Choose ``kind`` as read from this record (``outgoing``: this record is side a)."""
        self.kind_combo.setCurrentIndex(self._directions.index((kind, outgoing or kind in MUTUAL)))

    def direction(self) -> tuple[RelationshipKind, bool]:
        """The chosen kind and whether this record is side a."""
        return self._directions[max(self.kind_combo.currentIndex(), 0)]

    def set_strength(self, strength: int) -> None:
        """Choose a strength from 1 to 5."""
        self.strength_combo.setCurrentIndex(max(self.strength_combo.findData(strength), 0))

    def _update_preview(self, *_args: object) -> None:
        kind, outgoing = self.direction()
        other = self.other_picker.text().strip() or "…"
        this = f"<b>{html.escape(self.this_name)}</b>"
        wording = html.escape(labels.relationship_wording(kind, outgoing))
        self.preview.setText(f"{this} {wording} <b>{html.escape(other)}</b>")
        self.preview.setToolTip(
            f"{self.this_name} {labels.relationship_wording(kind, outgoing)} {other}"
        )

    def _fill(self, row: RelationshipRow) -> None:
        self.version = row.version
        this_is_a = row.a_id == self.this_id
        self._stored_outgoing = this_is_a
        self.set_direction(row.kind, this_is_a)
        other_id, other_name = (row.b_id, row.b_name) if this_is_a else (row.a_id, row.a_name)
        self.other_picker.set_record(other_id, other_name)
        self.set_strength(row.strength)
        self.start_edit.set_value(row.started_on)
        self.note_edit.setText(row.note)

    # -- RecordDialog -------------------------------------------------------------------

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        self._fill(relationships.get_relationship(session, self.record_id))

    def collect(self) -> RelationshipData:
        if not self.other_picker.text().strip():
            raise ValidationError("other", self.tr("is required"))
        other_id = self.other_picker.record_id()
        if other_id is None:
            raise ValidationError("other", self.tr("is not known; choose one from the suggestions"))
        kind, outgoing = self.direction()
        if kind in MUTUAL:
            outgoing = self._stored_outgoing
        a, b = (self.this_id, other_id) if outgoing else (other_id, self.this_id)
        make = RelationshipData.people if self.between_people else RelationshipData.organisations
        return make(
            kind,
            a,
            b,
            int(self.strength_combo.currentData()),
            note=self.note_edit.text(),
            started_on=self.start_edit.value(),
        )

    def write(self, session: Session, data: RelationshipData) -> int:
        self._check_not_duplicate(session, data)
        if self.record_id is None:
            return relationships.add_relationship(session, data).id
        return relationships.update_relationship(session, self.record_id, data, self.version).id

    def _check_not_duplicate(self, session: Session, data: RelationshipData) -> None:
        # The service refuses it too; this says it in the user's words and from this side.
        kind = RelationshipKind(data.kind)
        if self.between_people:
            a, b = data.person_a_id, data.person_b_id
            rows = relationships.person_relationships(session, self.this_id)
        else:
            a, b = data.organisation_a_id, data.organisation_b_id
            rows = relationships.organisation_relationships(session, self.this_id)
        other = b if a == self.this_id else a
        for row in rows:
            if row.kind is kind and row.other_id == other and row.id != self.record_id:
                raise ValidationError(
                    "kind",
                    self.tr("“{this} {wording} {other}” is already recorded; edit that one").format(
                        this=self.this_name,
                        wording=labels.relationship_wording(kind, row.outgoing or row.mutual),
                        other=row.other_name,
                    ),
                )

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return relationships.get_relationship(session, self.record_id).version
