"""The dialogs of an agenda's page: a theme, a linked stakeholder, an alignment."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    AgendaLevel,
    AgendaStakeholder,
    AgendaTheme,
    Organisation,
    Person,
    StakeholderRole,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import agenda_stakeholders, agenda_themes, agendas
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData
from techzone_crm.services.agenda_themes import ThemeData
from techzone_crm.services.agendas import AgendaQuery
from techzone_crm.services.common import fetch
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog, error_label, with_error
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.widgets.record_picker import (
    StakeholderPicker,
    organisation_picker,
    person_picker,
)


def _names(session: Session, organisation_id: int | None, person_id: int | None) -> tuple[str, str]:
    org = session.get(Organisation, organisation_id) if organisation_id is not None else None
    person = session.get(Person, person_id) if person_id is not None else None
    return (org.name if org else "", person.display_name if person else "")


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


class _AgendaPart(RecordDialog):
    """A dialog for something inside an agenda, which has no undo history of its own."""

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""


class ThemeDialog(_AgendaPart):
    """Add a theme to ``agenda_id`` (``theme_id`` None) or edit one.

    The lead partner and lead person are asked only on the own agenda's themes.
    """

    def __init__(
        self,
        db: Database,
        agenda_id: int,
        theme_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, theme_id, parent)
        self.agenda_id = agenda_id
        self.setWindowTitle(self.tr("New theme") if theme_id is None else self.tr("Edit theme"))
        self.setMinimumWidth(520)
        with db.read() as session:
            agenda = agendas.get_agenda(session, agenda_id)
            self.own = agenda.level is AgendaLevel.OWN
            agenda_name = agenda.name
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. HTSM and smart industry"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.lead_org_picker = organisation_picker(db)
        self.lead_person_picker = person_picker(db)

        agenda_label = QLabel(agenda_name)
        agenda_label.setWordWrap(True)
        self.form.addRow(self.tr("Agenda:"), agenda_label)
        self.field("name", self.tr("Theme:"), self.name_edit, self.tr("The theme's name"))
        self.field("description", self.tr("Description:"), self.description_edit)
        self.lead_org_errors = self.field(
            "lead_organisation_id", self.tr("Lead partner:"), self.lead_org_picker
        )
        self.lead_person_errors = self.field(
            "lead_person_id", self.tr("Lead person:"), self.lead_person_picker
        )
        self.lead_hint = _hint(
            self.tr(
                "Which partner and which person carry this theme, so that the partners use "
                "each other's strengths."
            )
        )
        self.form.addRow("", self.lead_hint)
        self._show_leads(self.own)
        if theme_id is not None:
            self.reload()
        self.name_edit.setFocus()

    def _show_leads(self, shown: bool) -> None:
        # The pickers sit in their field box (with the error line); the hint is its own field.
        for widget in (self.lead_org_picker, self.lead_person_picker):
            box = widget.parentWidget()
            assert box is not None
            self.form.setRowVisible(box, shown)
        self.form.setRowVisible(self.lead_hint, shown)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        theme = fetch(session, AgendaTheme, self.record_id, agenda_themes.WHAT)
        self.version = theme.version
        self.name_edit.setText(theme.name)
        self.description_edit.setPlainText(theme.description)
        org_name, person_name = _names(session, theme.lead_organisation_id, theme.lead_person_id)
        self.lead_org_picker.set_record(theme.lead_organisation_id, org_name)
        self.lead_person_picker.set_record(theme.lead_person_id, person_name)

    def collect(self) -> ThemeData:
        for field_name, picker in (
            ("lead_organisation_id", self.lead_org_picker),
            ("lead_person_id", self.lead_person_picker),
        ):
            if picker.unresolved:
                raise ValidationError(
                    field_name, self.tr("is not known; choose one from the suggestions")
                )
        return ThemeData(
            name=self.name_edit.text(),
            description=self.description_edit.toPlainText(),
            lead_organisation_id=self.lead_org_picker.record_id(),
            lead_person_id=self.lead_person_picker.record_id(),
        )

    def write(self, session: Session, data: ThemeData) -> int:
        if self.record_id is None:
            return agenda_themes.add_theme(session, self.agenda_id, data).id
        return agenda_themes.update_theme(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return fetch(session, AgendaTheme, self.record_id, agenda_themes.WHAT).version

    def save(self) -> bool:
        saved = super().save()
        if not saved and not (
            self.lead_org_errors.isHidden() and self.lead_person_errors.isHidden()
        ):
            # The agenda stopped being the own agenda meanwhile: show why the lead is refused.
            self._show_leads(True)
        return saved


def theme_choices(combo: QComboBox, themes: list[tuple[int, str]], whole: str) -> None:
    """Fill ``combo`` with "the agenda as a whole" (None) and the themes (their ids)."""
    combo.clear()
    combo.addItem(whole, None)
    for theme_id, name in themes:
        combo.addItem(name, theme_id)


def _themes(session: Session, agenda_id: int) -> list[tuple[int, str]]:
    return [(t.id, t.name) for t in agendas.get_agenda(session, agenda_id).themes]


class StakeholderLinkDialog(_AgendaPart):
    """Link a person or organisation to ``agenda_id`` (``link_id`` None) or edit a link.

    ``theme_id`` preselects the theme of a new link (None: the agenda as a whole).
    """

    def __init__(
        self,
        db: Database,
        agenda_id: int,
        link_id: int | None = None,
        theme_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, link_id, parent)
        self.agenda_id = agenda_id
        self.setWindowTitle(
            self.tr("Link stakeholder") if link_id is None else self.tr("Edit stakeholder link")
        )
        self.setMinimumWidth(560)
        with db.read() as session:
            agenda_name = agendas.get_agenda(session, agenda_id).name
            themes = _themes(session, agenda_id)
        self.stakeholder = StakeholderPicker(db)
        self.role_combo = QComboBox()
        for role, text in labels.choices(StakeholderRole):
            self.role_combo.addItem(text, role.value)
        self.role_combo.setToolTip(
            self.tr("Decides, influences, implements, funds or benefits from the agenda")
        )
        self.theme_combo = QComboBox()
        theme_choices(self.theme_combo, themes, self.tr("The agenda as a whole"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.note_edit.setPlaceholderText(self.tr("e.g. chairs the steering group"))

        agenda_label = QLabel(agenda_name)
        agenda_label.setWordWrap(True)
        self.form.addRow(self.tr("Agenda:"), agenda_label)
        errors = error_label()
        self.feedback.register("person_id", self.stakeholder.person, errors, self.tr("The person"))
        # The kind switch and both pickers share the row and its error line.
        self.form.addRow(self.tr("Stakeholder:"), with_error(self.stakeholder, errors))
        self.feedback.register(
            "organisation_id", self.stakeholder.organisation, errors, self.tr("The organisation")
        )
        self.field("role", self.tr("Role:"), self.role_combo)
        self.field("theme_id", self.tr("Theme:"), self.theme_combo, self.tr("The theme"))
        self.field("note", self.tr("Note:"), self.note_edit)
        if link_id is not None:
            self.reload()
        else:
            index = self.theme_combo.findData(theme_id) if theme_id is not None else 0
            self.theme_combo.setCurrentIndex(max(index, 0))
        self.stakeholder.current_picker().setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        link = fetch(session, AgendaStakeholder, self.record_id, agenda_stakeholders.WHAT)
        self.version = link.version
        org_name, person_name = _names(session, link.organisation_id, link.person_id)
        self.stakeholder.set_stakeholder(
            link.person_id, link.organisation_id, person_name or org_name
        )
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(link.role.value), 0))
        self.theme_combo.setCurrentIndex(max(self.theme_combo.findData(link.theme_id), 0))
        self.note_edit.setPlainText(link.note)

    def collect(self) -> StakeholderLinkData:
        picker = self.stakeholder.current_picker()
        field_name = "person_id" if picker is self.stakeholder.person else "organisation_id"
        if not picker.text().strip():
            raise ValidationError(field_name, self.tr("choose a person or an organisation"))
        if self.stakeholder.unresolved:
            raise ValidationError(
                field_name, self.tr("is not known; choose one from the suggestions")
            )
        person_id, organisation_id = self.stakeholder.stakeholder()
        return StakeholderLinkData(
            role=str(self.role_combo.currentData()),
            person_id=person_id,
            organisation_id=organisation_id,
            theme_id=self.theme_combo.currentData(),
            note=self.note_edit.toPlainText(),
        )

    def write(self, session: Session, data: StakeholderLinkData) -> int:
        if self.record_id is None:
            return agenda_stakeholders.link_stakeholder(session, self.agenda_id, data).id
        return agenda_stakeholders.update_stakeholder_link(
            session, self.record_id, data, self.version
        ).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return fetch(session, AgendaStakeholder, self.record_id, agenda_stakeholders.WHAT).version


class AlignmentDialog(_AgendaPart):
    """Record that a theme of the own agenda ``agenda_id`` serves an external agenda."""

    def __init__(
        self,
        db: Database,
        agenda_id: int,
        own_theme_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, None, parent)
        self.setWindowTitle(self.tr("Align with an external agenda"))
        self.setMinimumWidth(600)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("Align"))
        with db.read() as session:
            own_themes = _themes(session, agenda_id)
            external = agendas.list_agendas(session, AgendaQuery(own=False))
        self.own_combo = QComboBox()
        for theme_id, name in own_themes:
            self.own_combo.addItem(name, theme_id)
        if own_theme_id is not None:
            self.own_combo.setCurrentIndex(max(self.own_combo.findData(own_theme_id), 0))
        self.agenda_combo = QComboBox()
        for combo in (self.own_combo, self.agenda_combo):
            # Long agenda names must not squeeze the labels: elide in the closed box.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(40)
        self.agenda_combo.addItem(self.tr("Choose an agenda"), None)
        for row in external:
            self.agenda_combo.addItem(f"{row.name} ({labels.label(row.level)})", row.id)
        self.theme_combo = QComboBox()
        self.theme_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_combo.setMinimumContentsLength(40)
        self.field("own_theme_id", self.tr("Own theme:"), self.own_combo, self.tr("The own theme"))
        self.field("agenda_id", self.tr("Serves agenda:"), self.agenda_combo, self.tr("The agenda"))
        self.field("theme_id", self.tr("Theme of it:"), self.theme_combo, self.tr("The theme"))
        self.form.addRow(
            "",
            _hint(
                self.tr(
                    "Choose a theme of the external agenda, or leave it at the agenda as a whole."
                )
            ),
        )
        self.agenda_combo.currentIndexChanged.connect(self._agenda_changed)
        self._agenda_changed()
        self.agenda_combo.setFocus()

    def _agenda_changed(self) -> None:
        agenda_id = self.agenda_combo.currentData()
        themes: list[tuple[int, str]] = []
        if agenda_id is not None:
            with self.db.read() as session:
                themes = _themes(session, int(agenda_id))
        theme_choices(self.theme_combo, themes, self.tr("The agenda as a whole"))
        self.theme_combo.setEnabled(bool(themes))

    def load(self, session: Session) -> None:
        """Nothing to load: an alignment is only made, never edited."""

    def collect(self) -> tuple[int, int, int | None]:
        own = self.own_combo.currentData()
        if own is None:
            raise ValidationError("own_theme_id", self.tr("is required; add a theme first"))
        agenda_id = self.agenda_combo.currentData()
        if agenda_id is None:
            raise ValidationError("agenda_id", self.tr("is required"))
        return int(own), int(agenda_id), self.theme_combo.currentData()

    def write(self, session: Session, data: tuple[int, int, int | None]) -> int:
        return agenda_themes.align_theme(session, *data).id

    def current_version(self, session: Session) -> int:
        return 0
