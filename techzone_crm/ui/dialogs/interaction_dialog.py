"""Recording and editing an interaction with the commitments made at it, in one save."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import InteractionKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import commitments, interactions, people, team
from techzone_crm.services.commitments import CommitmentData, CommitmentQuery
from techzone_crm.services.interactions import InteractionData
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.commitments_editor import CommitmentsEditor, Party
from techzone_crm.ui.dialogs.form import RecordDialog, error_label, with_error
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.widgets.optional_date import date_edit, to_qdate
from techzone_crm.ui.widgets.record_picker import (
    RecordListEdit,
    agenda_picker,
    dossier_picker,
    organisation_picker,
    person_picker,
    team_picker,
)


@dataclass(frozen=True)
class InteractionInput:
    """What the dialog saves: the interaction and the new commitments (by row index)."""

    interaction: InteractionData
    commitments: list[tuple[int, CommitmentData]]


def person_labels(session: Session, ids: Sequence[int]) -> list[tuple[int, str]]:
    """People as the person picker names them: "Jan van der Berg (Gemeente Emmen)"."""
    return [
        (r.id, f"{r.display_name} ({r.organisation})" if r.organisation else r.display_name)
        for r in people.people_rows(session, list(ids))
    ]


class InteractionDialog(RecordDialog):
    """A new interaction (``interaction_id`` None, optionally filled from ``preset``) or an
    existing one to edit.

    Signals:
        saved(int): inherited; the interaction's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        interaction_id: int | None = None,
        parent: QWidget | None = None,
        preset: InteractionData | None = None,
    ) -> None:
        super().__init__(db, interaction_id, parent)
        self._filling = False
        self._pickers: dict[QObject, tuple[str, RecordListEdit]] = {}
        self.setWindowTitle(
            self.tr("Record interaction") if interaction_id is None else self.tr("Edit interaction")
        )
        self.date_edit = date_edit(with_weekday=True)
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        for kind, text in labels.choices(InteractionKind):
            self.kind_combo.addItem(text, kind)
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(self.tr("e.g. Talk about the hydrogen pilot"))
        self.subject_edit.setMaxLength(300)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(self.tr("What was discussed, agreed, noticed"))
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.attendees = RecordListEdit(person_picker(db))
        self.team_members = RecordListEdit(team_picker(db))
        self.organisations = RecordListEdit(organisation_picker(db))
        self.agendas = RecordListEdit(agenda_picker(db))
        self.dossiers = RecordListEdit(dossier_picker(db))
        with db.read() as session:
            members = team.list_team_members(session)
        self.commitments = CommitmentsEditor(db, members)

        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_edit)
        kind_label = QLabel(self.tr("Kind:"))
        kind_label.setBuddy(self.kind_combo)
        row.addSpacing(12)
        row.addWidget(kind_label)
        row.addWidget(self.kind_combo)
        row.addStretch(1)
        errors = self.field("occurred_on", self.tr("Date:"), when, self.tr("The date"))
        self.feedback.register("occurred_on", self.date_edit, errors, self.tr("The date"))
        self.feedback.register("kind", self.kind_combo, errors, self.tr("The kind"))
        self.field("subject", self.tr("Subject:"), self.subject_edit)
        self._list_field("attendee_ids", self.tr("Attendees:"), self.attendees)
        self._list_field("team_member_ids", self.tr("Our team:"), self.team_members)
        self._list_field("organisation_ids", self.tr("Organisations:"), self.organisations)
        self._list_field("agenda_ids", self.tr("Agendas:"), self.agendas)
        self._list_field("dossier_ids", self.tr("Dossiers:"), self.dossiers)
        self.field("notes", self.tr("Notes:"), self.notes_edit)
        self.section(self.tr("Commitments made (toezeggingen)"))
        self.form.addRow(self.commitments)
        self.feedback.register_list("commitments", self.commitments.resolve)

        self.attendees.changed.connect(self._attendees_changed)
        self.organisations.changed.connect(self._parties_changed)
        self.team_members.changed.connect(self._team_changed)
        self._known_attendees: set[int] = set()

        if interaction_id is not None:
            self.reload()
        elif preset is not None:
            self.apply(preset)
        self._scrollable()
        self.commitments.add_button.clicked.connect(lambda: QTimer.singleShot(0, self.fit))
        self.subject_edit.setFocus()

    def _scrollable(self) -> None:
        # Many attendees and commitments make a tall form: it scrolls between the fixed
        # error banner and buttons instead of growing off the screen.
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeItem(self.form)
        self.form.setParent(None)
        self.content = QWidget()
        self.content.setLayout(self.form)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.content)
        outer.insertWidget(1, self.scroll_area, 1)
        outer.setStretch(2, 0)
        self.fit()

    def fit(self) -> None:
        """Grow to show the whole form, up to most of the screen's height."""
        hint = self.content.sizeHint()
        width = max(self.width() if self.isVisible() else 0, 760, hint.width() + 40)
        height = hint.height() + self.buttons.sizeHint().height() + 48
        screen = self.screen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height() * 9 // 10)
        self.resize(width, max(height, self.height() if self.isVisible() else 0))

    def _list_field(self, field: str, label: str, edit: RecordListEdit) -> None:
        errors = error_label()
        self.form.addRow(label, with_error(edit, errors))
        # The red frame goes round the picker, where the unresolved text is.
        self.feedback.register(field, edit.picker, errors, label.rstrip(":"))
        self._pickers[edit.picker] = (field, edit)
        edit.picker.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in a list's picker adds the name typed there; it must not also press Save.
        target = self._pickers.get(watched) if isinstance(watched, QLineEdit) else None
        if (
            target is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and target[1].picker.text().strip()
        ):
            field, edit = target
            self.feedback.clear()
            try:
                self._ids(field, edit)
            except ValidationError as exc:
                self.feedback.show(exc.field, exc.problem)
            return True
        return super().eventFilter(watched, event)

    # -- filling ----------------------------------------------------------------------

    def apply(self, data: InteractionData) -> None:
        """Show ``data`` (a preset or the stored interaction); names are read from the db."""
        self._filling = True
        try:
            self.date_edit.setDate(to_qdate(data.occurred_on))
            index = self.kind_combo.findData(InteractionKind(data.kind))
            self.kind_combo.setCurrentIndex(max(index, 0))
            self.subject_edit.setText(data.subject)
            self.notes_edit.setPlainText(data.notes)
            with self.db.read() as session:
                self.attendees.set_records(person_labels(session, data.attendee_ids))
                for edit, field in (
                    (self.team_members, "team_member_ids"),
                    (self.organisations, "organisation_ids"),
                    (self.agendas, "agenda_ids"),
                    (self.dossiers, "dossier_ids"),
                ):
                    refs = interactions.link_names(session, field, getattr(data, field))
                    edit.set_records((r.id, r.name) for r in refs)
        finally:
            self._filling = False
        self._known_attendees = set(self.attendees.ids())
        self._parties_changed()
        self._team_changed()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        row = interactions.get_interaction(session, self.record_id)
        self.version = row.version
        made = commitments.list_commitments(session, CommitmentQuery(interaction_id=self.record_id))
        self.apply(row.to_data())
        self.commitments.set_existing(made)

    def _attendees_changed(self) -> None:
        ids = self.attendees.ids()
        added = [i for i in ids if i not in self._known_attendees]
        self._known_attendees = set(ids)
        if added and not self._filling:
            # Whoever comes, comes on behalf of their organisation: list it (removable).
            with self.db.read() as session:
                found = interactions.current_organisations(session, added)
            for person_id in added:
                org = found.get(person_id)
                if org is not None:
                    self.organisations.add(org.id, org.name)
        self._parties_changed()

    def _parties_changed(self) -> None:
        people_names = zip(self.attendees.ids(), self.attendees.names(), strict=True)
        org_names = zip(self.organisations.ids(), self.organisations.names(), strict=True)
        self.commitments.set_parties(
            [
                *(Party("person", i, n) for i, n in people_names),
                *(Party("organisation", i, n) for i, n in org_names),
            ]
        )

    def _team_changed(self) -> None:
        self.commitments.set_team_present(self.team_members.ids())

    # -- saving -----------------------------------------------------------------------

    def _ids(self, field: str, edit: RecordListEdit) -> list[int]:
        """The chosen ids, and the typed text if it names one record; else refused."""
        if not edit.take_typed():
            raise ValidationError(
                field,
                self.tr("“{text}” is not known; choose one from the suggestions").format(
                    text=edit.picker.text().strip()
                ),
            )
        return edit.ids()

    def collect(self) -> InteractionInput:
        # In the order of the form, so the first problem the user sees is the topmost.
        if not self.subject_edit.text().strip():
            raise ValidationError("subject", self.tr("is required"))
        day = self.date_edit.date()
        attendee_ids = self._ids("attendee_ids", self.attendees)
        team_member_ids = self._ids("team_member_ids", self.team_members)
        organisation_ids = self._ids("organisation_ids", self.organisations)
        agenda_ids = self._ids("agenda_ids", self.agendas)
        dossier_ids = self._ids("dossier_ids", self.dossiers)
        data = InteractionData(
            occurred_on=date(day.year(), day.month(), day.day()),
            kind=InteractionKind(self.kind_combo.currentData()),
            subject=self.subject_edit.text(),
            notes=self.notes_edit.toPlainText(),
            attendee_ids=attendee_ids,
            team_member_ids=team_member_ids,
            organisation_ids=organisation_ids,
            agenda_ids=agenda_ids,
            dossier_ids=dossier_ids,
        )
        # A commitment made at a meeting about one dossier belongs to that dossier.
        dossier = dossier_ids[0] if len(dossier_ids) == 1 else None
        return InteractionInput(data, self.commitments.collect(dossier))

    def save(self) -> bool:
        saved = super().save()
        focused = self.focusWidget()
        if not saved and focused is not None and self.content.isAncestorOf(focused):
            self.scroll_area.ensureWidgetVisible(focused)
        return saved

    def write(self, session: Session, data: InteractionInput) -> int:
        if self.record_id is None:
            row = interactions.add_interaction(session, data.interaction)
        else:
            row = interactions.update_interaction(
                session, self.record_id, data.interaction, self.version
            )
        for index, commitment in data.commitments:
            commitment.interaction_id = row.id
            try:
                commitments.add_commitment(session, commitment)
            except ValidationError as exc:
                raise ValidationError(f"commitments[{index}].{exc.field}", exc.problem) from exc
        return row.id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return interactions.get_interaction(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        # Interactions are not on the undo stack (it holds people and organisations).
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""


def open_interaction_dialog(
    db: Database,
    parent: QWidget | None,
    preset: InteractionData | None = None,
    on_saved: Callable[[int], None] | None = None,
    interaction_id: int | None = None,
) -> InteractionDialog:
    """Open the dialog (window-modal) for a new interaction from ``preset``, or to edit one.

    ``on_saved(id)`` runs after a successful save; the dialog deletes itself when closed.
    """
    dialog = InteractionDialog(db, interaction_id, parent, preset)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog
