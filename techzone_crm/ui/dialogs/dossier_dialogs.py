"""Adding and editing a dossier, and putting a dossier under an agenda or one of its themes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import IssueStage
from techzone_crm.errors import ValidationError
from techzone_crm.services import agendas, dossiers
from techzone_crm.services.agendas import AgendaQuery
from techzone_crm.services.common import Page
from techzone_crm.services.dossiers import DossierData
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP, translate
from techzone_crm.ui.models.dossiers_model import stage_marker
from techzone_crm.ui.undoable import RecordKey

STAGE_HINT: dict[IssueStage, str] = {
    IssueStage.LATENT: QT_TRANSLATE_NOOP(
        "DossierDialog", "Not yet in the public debate; only insiders see it coming."
    ),
    IssueStage.EMERGING: QT_TRANSLATE_NOOP(
        "DossierDialog", "Stakeholders start to take positions; the issue can still be shaped."
    ),
    IssueStage.CURRENT: QT_TRANSLATE_NOOP(
        "DossierDialog", "On the political agenda; decisions are being prepared."
    ),
    IssueStage.CRITICAL: QT_TRANSLATE_NOOP(
        "DossierDialog", "A decision is near and positions have hardened: act now."
    ),
    IssueStage.DORMANT: QT_TRANSLATE_NOOP(
        "DossierDialog", "Decided or no longer in play; kept for the record."
    ),
}


def stage_hint(stage: IssueStage) -> str:
    """What a stage of the issue life cycle means, in one sentence."""
    return translate("DossierDialog", STAGE_HINT[stage])


def stage_combo() -> QComboBox:
    """The five stages of the issue life cycle, each with its marker and meaning."""
    combo = QComboBox()
    for stage, text in labels.choices(IssueStage):
        combo.addItem(stage_marker(IssueStage(stage)), text, stage.value)
        combo.setItemData(
            combo.count() - 1, stage_hint(IssueStage(stage)), Qt.ItemDataRole.ToolTipRole
        )
    return combo


class DossierDialog(RecordDialog):
    """Add a dossier (``dossier_id`` None) or edit one.

    Signals:
        saved(int): inherited; the dossier's id after a successful save.
    """

    def __init__(
        self, db: Database, dossier_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, dossier_id, parent)
        self.setWindowTitle(
            self.tr("New dossier") if dossier_id is None else self.tr("Edit dossier")
        )
        self.setMinimumWidth(560)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Nedersaksenlijn: rail Groningen–Enschede"))
        self.title_edit.setMaxLength(200)
        self.stage_combo = stage_combo()
        self.stage_combo.setAccessibleName(self.tr("Stage"))
        self.stage_hint = QLabel()
        self.stage_hint.setWordWrap(True)
        self.stage_hint.setEnabled(False)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(120)
        self.description_edit.setPlaceholderText(
            self.tr("What is at stake, for whom, and what we want to achieve")
        )

        self.field("title", self.tr("Title:"), self.title_edit)
        self.field("stage", self.tr("Stage:"), self.stage_combo)
        self.form.addRow("", self.stage_hint)
        self.field("description", self.tr("Description:"), self.description_edit)

        self.stage_combo.currentIndexChanged.connect(self._stage_changed)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(IssueStage.EMERGING.value))
        self._stage_changed()
        if dossier_id is not None:
            self.reload()
        self.title_edit.setFocus()

    def _stage_changed(self) -> None:
        value = self.stage_combo.currentData()
        self.stage_hint.setText(stage_hint(IssueStage(value)) if value else "")

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        dossier = dossiers.get_dossier(session, self.record_id)
        self.version = dossier.version
        self.title_edit.setText(dossier.title)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(dossier.stage.value))
        self.description_edit.setPlainText(dossier.description)

    def collect(self) -> DossierData:
        return DossierData(
            title=self.title_edit.text(),
            description=self.description_edit.toPlainText(),
            stage=str(self.stage_combo.currentData()),
        )

    def write(self, session: Session, data: DossierData) -> int:
        if self.record_id is None:
            return dossiers.add_dossier(session, data).id
        return dossiers.update_dossier(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return dossiers.get_dossier(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []  # dossiers have no undo snapshots; the view opens this dialog without undo

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""


class AgendaLinkDialog(RecordDialog):
    """Put ``dossier_id`` under an agenda, or under one theme of it.

    Signals:
        saved(int): inherited; the id of the new link.
    """

    #: More agendas than anyone keeps; the combo lists them all.
    MAX_AGENDAS = 500

    def __init__(self, db: Database, dossier_id: int, parent: QWidget | None = None) -> None:
        super().__init__(db, None, parent)
        self.dossier_id = dossier_id
        self.setWindowTitle(self.tr("Link to an agenda"))
        self.setMinimumWidth(500)
        with db.read() as session:
            title = dossiers.get_dossier(session, dossier_id).title
            rows = agendas.list_agendas(session, AgendaQuery(), Page(0, self.MAX_AGENDAS))
            linked = {r.agenda_id for r in dossiers.dossier_agendas(session, dossier_id)}
        self.dossier_label = QLabel(title)
        self.dossier_label.setWordWrap(True)
        self.agenda_combo = QComboBox()
        self.agenda_combo.setAccessibleName(self.tr("Agenda"))
        self.agenda_combo.setPlaceholderText(self.tr("Choose an agenda"))
        for row in rows:
            text = f"{row.name} ({labels.label(row.level)})"
            if row.id in linked:
                text = self.tr("{agenda} – already linked").format(agenda=text)
            self.agenda_combo.addItem(text, row.id)
        self.agenda_combo.setCurrentIndex(-1)
        self.theme_combo = QComboBox()
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        hint = QLabel(
            self.tr(
                "Choose a theme when the dossier serves one priority of the agenda; "
                "leave it at the whole agenda otherwise."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        self.form.addRow(self.tr("Dossier:"), self.dossier_label)
        self.field("agenda_id", self.tr("Agenda:"), self.agenda_combo)
        self.field("theme_id", self.tr("Theme:"), self.theme_combo)
        self.form.addRow("", hint)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Link"))
        self.agenda_combo.currentIndexChanged.connect(self._agenda_changed)
        self._agenda_changed()
        if not rows:
            self.banner.setText(self.tr("There are no agendas yet. Add one on the Agendas page."))
            self.banner.show()
        self.agenda_combo.setFocus()

    def _agenda_changed(self) -> None:
        self.theme_combo.clear()
        self.theme_combo.addItem(self.tr("The agenda as a whole"), None)
        agenda_id = self.agenda_combo.currentData()
        if agenda_id is not None:
            with self.db.read() as session:
                agenda = agendas.get_agenda(session, int(agenda_id))
                for theme in sorted(agenda.themes, key=lambda t: (t.position, t.id)):
                    self.theme_combo.addItem(theme.name, theme.id)
        self.theme_combo.setEnabled(self.theme_combo.count() > 1)

    def collect(self) -> tuple[int, int | None]:
        agenda_id = self.agenda_combo.currentData()
        if agenda_id is None:
            raise ValidationError("agenda_id", self.tr("is required; choose one from the list"))
        theme_id = self.theme_combo.currentData()
        return int(agenda_id), int(theme_id) if theme_id is not None else None

    def write(self, session: Session, data: tuple[int, int | None]) -> int:
        agenda_id, theme_id = data
        return dossiers.link_agenda(session, self.dossier_id, agenda_id, theme_id).id

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []

    def undo_text(self, session: Session, record_id: int) -> str:
        return ""
