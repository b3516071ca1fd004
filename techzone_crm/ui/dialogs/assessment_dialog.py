"""Assessing a stakeholder on a date: a new assessment (re-assess) or a correction of one.

A new assessment starts from the latest one for the same stakeholder and dossier, dated
today, so that the user only changes what moved. The result line shows the derived classes
while the values change; they come from :mod:`techzone_crm.services.assessment_classes`.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import assessments, dossiers, organisations, people, team
from techzone_crm.services.assessment_classes import (
    engagement_gap,
    grid_quadrant,
    krachtenveld_type,
    salience_class,
)
from techzone_crm.services.assessments import AssessmentData, AssessmentRow, Stakeholder
from techzone_crm.services.common import Page
from techzone_crm.ui.dialogs.assessment_fields import (
    AttitudeCombo,
    EngagementCombo,
    ResultBox,
    ScaleCombo,
)
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.undoable import RecordKey
from techzone_crm.ui.views.assessment_texts import classes_text, row_classes_text
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.widgets.optional_date import date_edit, to_qdate

_DOSSIERS = Page(0, 200)


def _stakeholder_name(session: Session, who: Stakeholder) -> str:
    if who.person_id is not None:
        return people.get_person(session, who.person_id).display_name
    assert who.organisation_id is not None
    return organisations.get_organisation(session, who.organisation_id).name


class AssessmentDialog(RecordDialog):
    """An assessment of a person or an organisation, overall or for one dossier.

    Without ``assessment_id`` it records a new assessment of ``person_id`` or
    ``organisation_id`` (for ``dossier_id``, or overall); with it, it corrects that one.

    Signals:
        saved(int): inherited; the assessment's id after a successful save.
    """

    def __init__(
        self,
        db: Database,
        person_id: int | None = None,
        organisation_id: int | None = None,
        assessment_id: int | None = None,
        dossier_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, assessment_id, parent)
        self.setMinimumWidth(600)
        self._filling = False
        self._touched = False
        #: The assessment the form started from (a new one's predecessor, or the one edited).
        self.basis: AssessmentRow | None = None
        self._basis_is_overall = False
        with db.read() as session:
            if assessment_id is not None:
                stored = assessments.get_assessment(session, assessment_id)
                person_id, organisation_id = stored.person_id, stored.organisation_id
                dossier_id = stored.dossier_id
            self.stakeholder = Stakeholder(person_id, organisation_id)
            self.stakeholder_name = _stakeholder_name(session, self.stakeholder)
            dossier_rows = [
                (r.id, r.title) for r in dossiers.list_dossiers(session, page=_DOSSIERS)
            ]
            if dossier_id is not None and dossier_id not in {i for i, _t in dossier_rows}:
                dossier_rows.append((dossier_id, dossiers.get_dossier(session, dossier_id).title))
            members = team.list_team_members(session, active_only=False)
        self._build(dossier_rows, members)
        self._set_dossier(dossier_id)

        if assessment_id is not None:
            self.setWindowTitle(
                self.tr("Edit assessment of {name}").format(name=self.stakeholder_name)
            )
            self.hint.setText(
                self.tr(
                    "Correct a mistake here. If the stakeholder has moved, use Re-assess "
                    "instead, so that the history shows the change."
                )
            )
            self.reload()
        else:
            self._prefill(dossier_id)
        self._update_result()
        self._connect()
        self.date_edit.setFocus()
        self._fit()

    # -- building the form ----------------------------------------------------------------

    def _build(self, dossier_rows: list[tuple[int, str]], members: list[tuple[int, str]]) -> None:
        self.name_label = QLabel(f"<b>{html.escape(self.stakeholder_name)}</b>")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.date_edit = date_edit()
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setDate(QDate.currentDate())
        self.dossier_combo = QComboBox()
        # Long dossier titles are elided instead of widening the dialog.
        self.dossier_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dossier_combo.setMinimumContentsLength(30)
        self.dossier_combo.addItem(self.tr("Overall (not for one dossier)"), None)
        for dossier_id, title in dossier_rows:
            self.dossier_combo.addItem(title, dossier_id)
        self.dossier_combo.setToolTip(
            self.tr("An assessment can be overall, or for one dossier (issue) only")
        )
        self.team_combo = QComboBox()
        self.team_combo.addItem(self.tr("Nobody in particular"), None)
        for member_id, name in members:
            self.team_combo.addItem(name, member_id)

        self.power_combo = ScaleCombo(self.tr("Power"))
        self.power_combo.setToolTip(self.tr("How much it can influence the outcome"))
        self.interest_combo = ScaleCombo(self.tr("Interest"))
        self.interest_combo.setToolTip(self.tr("How much the outcome matters to it"))
        self.power_check = QCheckBox(self.tr("Power"))
        self.power_check.setToolTip(
            self.tr("Can impose its will: by force, money or public opinion")
        )
        self.legitimacy_check = QCheckBox(self.tr("Legitimacy"))
        self.legitimacy_check.setToolTip(
            self.tr("Its involvement is seen as proper and rightful by others")
        )
        self.urgency_check = QCheckBox(self.tr("Urgency"))
        self.urgency_check.setToolTip(
            self.tr("Its claim is time-critical and calls for attention now")
        )
        salience = QWidget()
        checks = QHBoxLayout(salience)
        checks.setContentsMargins(0, 0, 0, 0)
        for check in (self.power_check, self.legitimacy_check, self.urgency_check):
            checks.addWidget(check)
        checks.addStretch(1)
        self.attitude_combo = AttitudeCombo()
        self.agreement_combo = ScaleCombo(self.tr("Agreement on content"))
        self.agreement_combo.setToolTip(self.tr("How far it agrees with us on the content"))
        self.trust_combo = ScaleCombo(self.tr("Trust"))
        self.trust_combo.setToolTip(self.tr("The quality of the relationship: mutual trust"))
        self.engagement_now_combo = EngagementCombo(self.tr("Engagement now"))
        self.engagement_desired_combo = EngagementCombo(self.tr("Desired engagement"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("What changed, and why you think so"))
        self.note_edit.setMinimumHeight(60)
        self.note_edit.setMaximumHeight(90)

        self.form.addRow(self.tr("Stakeholder:"), self.name_label)
        self.form.addRow(self.hint)
        self.field("assessed_on", self.tr("Date:"), self.date_edit, self.tr("The date"))
        self.field("dossier_id", self.tr("For:"), self.dossier_combo, self.tr("The dossier"))
        self.field("assessed_by_id", self.tr("Assessed by:"), self.team_combo)
        self.section(self.tr("Power / interest grid (Mendelow)"))
        self._pair(
            ("power", self.tr("Power:"), self.power_combo),
            ("interest", self.tr("Interest:"), self.interest_combo),
        )
        self.section(self.tr("Salience (Mitchell)"))
        self.field("has_power", self.tr("Attributes:"), salience, self.tr("Salience"))
        self.section(self.tr("Position (krachtenveld)"))
        self.field("attitude", self.tr("Attitude:"), self.attitude_combo)
        self._pair(
            ("agreement", self.tr("Agreement:"), self.agreement_combo),
            ("trust", self.tr("Trust:"), self.trust_combo),
        )
        self.section(self.tr("Engagement (participation ladder)"))
        self.field("engagement_current", self.tr("Now:"), self.engagement_now_combo)
        self.field("engagement_desired", self.tr("Desired:"), self.engagement_desired_combo)
        self.field("note", self.tr("Note:"), self.note_edit)

        self.result_box = ResultBox()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.buttons) - 1, self.result_box)

    def _fit(self) -> None:
        # Qt would open the dialog at its minimum height, cutting off the wrapped hint and
        # result lines; give it the height its width needs.
        width = max(self.sizeHint().width(), self.minimumWidth())
        layout = self.layout()
        assert layout is not None
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, height if height > 0 else self.sizeHint().height())

    def _pair(self, first: tuple[str, str, QWidget], second: tuple[str, str, QWidget]) -> None:
        """Two short fields side by side in one form row, sharing one error label."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(first[2], 1)
        second_label = QLabel(second[1])
        second_label.setBuddy(second[2])
        layout.addSpacing(12)
        layout.addWidget(second_label)
        layout.addWidget(second[2], 1)
        errors = self.field(first[0], first[1], row)
        for field, label, widget in (first, second):
            self.feedback.register(field, widget, errors, label.rstrip(":"))

    def _connect(self) -> None:
        for combo in (
            self.power_combo,
            self.interest_combo,
            self.attitude_combo,
            self.agreement_combo,
            self.trust_combo,
            self.engagement_now_combo,
            self.engagement_desired_combo,
        ):
            combo.currentIndexChanged.connect(self._edited)
        for check in (self.power_check, self.legitimacy_check, self.urgency_check):
            check.toggled.connect(self._edited)
        self.note_edit.textChanged.connect(self._edited)
        self.dossier_combo.currentIndexChanged.connect(self._dossier_changed)

    # -- values -----------------------------------------------------------------------

    def _set_dossier(self, dossier_id: int | None) -> None:
        self.dossier_combo.setCurrentIndex(max(0, self.dossier_combo.findData(dossier_id)))

    def _fill(self, row: AssessmentRow) -> None:
        self._filling = True
        try:
            self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(row.assessed_by_id)))
            self.power_combo.set_value(row.power)
            self.interest_combo.set_value(row.interest)
            self.power_check.setChecked(row.has_power)
            self.legitimacy_check.setChecked(row.has_legitimacy)
            self.urgency_check.setChecked(row.has_urgency)
            self.attitude_combo.set_value(row.attitude)
            self.agreement_combo.set_value(row.agreement)
            self.trust_combo.set_value(row.trust)
            self.engagement_now_combo.set_value(row.engagement_current)
            self.engagement_desired_combo.set_value(row.engagement_desired)
        finally:
            self._filling = False
        self._update_result()

    def _prefill(self, dossier_id: int | None) -> None:
        with self.db.read() as session:
            before = assessments.latest(session, self.stakeholder, dossier_id)
            # A first assessment for a dossier starts from how they stand overall.
            overall = None
            if before is None and dossier_id is not None:
                overall = assessments.latest(session, self.stakeholder)
        self.basis = before or overall
        self._basis_is_overall = overall is not None
        if self.basis is not None:
            self._fill(self.basis)
        if self.basis is None:
            self.setWindowTitle(self.tr("Assess {name}").format(name=self.stakeholder_name))
            self.hint.setText(self.tr("No earlier assessment: this will be the first."))
            return
        self.setWindowTitle(self.tr("Re-assess {name}").format(name=self.stakeholder_name))
        when = format_date(self.basis.assessed_on)
        if overall is not None:
            self.hint.setText(
                self.tr(
                    "The first assessment for this dossier, filled in from the overall "
                    "assessment of {date}: change what differs for this dossier."
                ).format(date=when)
            )
        else:
            self.hint.setText(
                self.tr(
                    "Filled in from the assessment of {date}: change what has moved. "
                    "The earlier assessment is kept in the history."
                ).format(date=when)
            )

    def _edited(self) -> None:
        if not self._filling:
            self._touched = True
        self._update_result()

    def _dossier_changed(self) -> None:
        # A new assessment follows the dossier's own latest one while nothing was changed yet.
        if self.record_id is None and not self._touched:
            self._prefill(self.dossier_combo.currentData())

    def _update_result(self) -> None:
        current = self.engagement_now_combo.value()
        desired = self.engagement_desired_combo.value()
        text = classes_text(
            grid_quadrant(self.power_combo.value(), self.interest_combo.value()),
            salience_class(
                self.power_check.isChecked(),
                self.legitimacy_check.isChecked(),
                self.urgency_check.isChecked(),
            ),
            krachtenveld_type(self.agreement_combo.value(), self.trust_combo.value()),
            current,
            desired,
            engagement_gap(current, desired),
        )
        self.result_box.result.setText(
            self.tr("Result: {classes}").format(classes=f"<b>{html.escape(text)}</b>")
        )
        basis = self.basis if self.record_id is None else None
        if basis is not None:
            before = (
                self.tr("Overall ({date}): {classes}")
                if self._basis_is_overall
                else self.tr("Before ({date}): {classes}")
            )
            self.result_box.previous.setText(
                before.format(date=format_date(basis.assessed_on), classes=row_classes_text(basis))
            )
        self.result_box.previous.setVisible(basis is not None)

    # -- RecordDialog -------------------------------------------------------------------

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        row = assessments.get_assessment(session, self.record_id)
        self.version = row.version
        self.date_edit.setDate(to_qdate(row.assessed_on))
        self._set_dossier(row.dossier_id)
        self.note_edit.setPlainText(row.note)
        self._fill(row)

    def collect(self) -> AssessmentData:
        day = self.date_edit.date()
        return AssessmentData(
            assessed_on=date(day.year(), day.month(), day.day()),
            power=self.power_combo.value(),
            interest=self.interest_combo.value(),
            person_id=self.stakeholder.person_id,
            organisation_id=self.stakeholder.organisation_id,
            dossier_id=self.dossier_combo.currentData(),
            assessed_by_id=self.team_combo.currentData(),
            has_power=self.power_check.isChecked(),
            has_legitimacy=self.legitimacy_check.isChecked(),
            has_urgency=self.urgency_check.isChecked(),
            attitude=self.attitude_combo.value(),
            agreement=self.agreement_combo.value(),
            trust=self.trust_combo.value(),
            engagement_current=self.engagement_now_combo.value(),
            engagement_desired=self.engagement_desired_combo.value(),
            note=self.note_edit.toPlainText(),
        )

    def write(self, session: Session, data: AssessmentData) -> int:
        if self.record_id is None:
            return assessments.add_assessment(session, data).id
        return assessments.update_assessment(session, self.record_id, data, self.version).id

    def current_version(self, session: Session) -> int:
        assert self.record_id is not None
        return assessments.get_assessment(session, self.record_id).version

    def undo_keys(self, record_id: int | None) -> list[RecordKey]:
        return []  # assessments are kept as history and are not part of a record's snapshot

    def undo_text(self, session: Session, record_id: int) -> str:
        return self.tr("Assessment of {name}").format(name=self.stakeholder_name)
