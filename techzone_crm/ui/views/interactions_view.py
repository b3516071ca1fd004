"""The Interactions page: meetings, calls, e-mails, events and working visits, newest first."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QToolButton, QWidget
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import InteractionKind
from techzone_crm.services import interactions, team
from techzone_crm.services.interactions import InteractionQuery
from techzone_crm.ui import labels
from techzone_crm.ui.dialogs.interaction_dialog import InteractionDialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.interactions_model import InteractionsTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.deleting import DeletePlan
from techzone_crm.ui.views.detail_pane import format_date
from techzone_crm.ui.views.interaction_details import InteractionDetails
from techzone_crm.ui.views.interactions_section import InteractionsFocus
from techzone_crm.ui.views.record_view import RecordView

#: The period filter: days back from today (0: any date).
PERIODS: tuple[int, ...] = (0, 30, 90, 365)


def _bold(widget: QWidget, on: bool) -> None:
    font = QFont(widget.font())
    font.setBold(on)
    widget.setFont(font)


class InteractionsView(RecordView):
    """Every recorded interaction, searchable and filtered by kind, period and team member.

    Signals:
        person_activated(int, str): go to this person (id, sorted name).
        organisation_activated(int, str): go to this organisation (id, name).
        changed(): an interaction was saved or deleted (other pages show them too).
        (inherited) status_changed(str), message(str), current_changed().
    """

    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)

    # The pane holds notes and commitments worth reading.
    DETAILS_SHARE = 38 / 100

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        model = InteractionsTableModel(db, runner, InteractionQuery())
        details = InteractionDetails(db)
        super().__init__(db, model, details, reporter, "interactions", parent)
        model.setParent(self)
        self.interactions_model = model
        self.interaction_details = details
        self.dialog: InteractionDialog | None = None
        #: The person or organisation the list is narrowed to ("With Berg, Jan"), if any.
        self.focus: InteractionsFocus | None = None
        self.search.setPlaceholderText(
            self.tr("Search subject, notes, attendees or organisations (Ctrl+F)")
        )
        self.search.setAccessibleName(self.tr("Search interactions"))
        self.table.setAccessibleName(self.tr("Interactions"))

        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Kind"))
        self.kind_filter.setToolTip(self.tr("Only interactions of this kind"))
        self.kind_filter.addItem(self.tr("All kinds"), "")
        for kind, text in labels.choices(InteractionKind):
            self.kind_filter.addItem(text, kind)
        self.period_filter = QComboBox()
        self.period_filter.setAccessibleName(self.tr("Period"))
        self.period_filter.setToolTip(self.tr("Only interactions in this period, up to today"))
        for days, text in zip(
            PERIODS,
            (
                self.tr("Any date"),
                self.tr("Last 30 days"),
                self.tr("Last 90 days"),
                self.tr("Last 12 months"),
            ),
            strict=True,
        ):
            self.period_filter.addItem(text, days)
        self.team_filter = QComboBox()
        self.team_filter.setAccessibleName(self.tr("Team member"))
        self.team_filter.setToolTip(self.tr("Only interactions this team member took part in"))
        self.focus_button = QToolButton()
        self.focus_button.setAutoRaise(True)
        self.focus_button.setToolTip(self.tr("Show the interactions with everyone again"))
        self.focus_button.hide()
        for widget in (self.focus_button, self.kind_filter, self.period_filter, self.team_filter):
            self.filter_bar.addWidget(widget)
        self._fill_team()

        for combo in (self.kind_filter, self.period_filter, self.team_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.focus_button.clicked.connect(self.clear_focus)
        details.edit_requested.connect(self.edit_record)
        details.person_activated.connect(self.person_activated)
        details.organisation_activated.connect(self.organisation_activated)
        model.reset()

    def _fill_team(self) -> None:
        current = self.team_filter.currentData()
        with self.db.read() as session:
            members = team.list_team_members(session, active_only=False)
        self.team_filter.blockSignals(True)
        self.team_filter.clear()
        self.team_filter.addItem(self.tr("Whole team"), 0)
        for member_id, name in members:
            self.team_filter.addItem(name, member_id)
        self.team_filter.setCurrentIndex(max(self.team_filter.findData(current), 0))
        self.team_filter.blockSignals(False)

    # -- filters ----------------------------------------------------------------------

    def build_query(self) -> InteractionQuery:
        """The list's query from the search, the filters and the person or organisation."""
        days = int(self.period_filter.currentData() or 0)
        kind = self.kind_filter.currentData()
        base = self.focus.query if self.focus is not None else InteractionQuery()
        return dataclasses.replace(
            self.model.query,
            person_id=base.person_id,
            organisation_id=base.organisation_id,
            agenda_id=base.agenda_id,
            dossier_id=base.dossier_id,
            kind=InteractionKind(kind) if kind else None,
            team_member_id=self.team_filter.currentData() or None,
            since=date.today() - timedelta(days=days) if days else None,
            until=None,
        )

    def _filters_changed(self) -> None:
        for combo in (self.kind_filter, self.period_filter, self.team_filter):
            _bold(combo, combo.currentIndex() > 0)
        self.focus_button.setVisible(self.focus is not None)
        if self.focus is not None:
            self.focus_button.setText(self.tr("{title}  ×").format(title=self.focus.title))
            self.focus_button.setAccessibleName(
                self.tr("Remove the filter: {title}").format(title=self.focus.title)
            )
        self.model.set_query(self.build_query())

    def filters_active(self) -> int:
        combos = (self.kind_filter, self.period_filter, self.team_filter)
        return sum(1 for c in combos if c.currentIndex() > 0) + (self.focus is not None)

    def show_focus(self, focus: InteractionsFocus) -> None:
        """Show the interactions of ``focus`` (a person's, say), selecting its interaction."""
        self.focus = focus
        self.search.clear()
        self.search.flush()
        self.period_filter.setCurrentIndex(0)
        self._filters_changed()
        if focus.interaction_id is not None:
            self.refresh(select_id=focus.interaction_id)

    def clear_focus(self) -> None:
        """Show the interactions with everyone again."""
        self.focus = None
        self._filters_changed()

    def refresh(self, select_id: int | None = None) -> None:
        self._fill_team()
        super().refresh(select_id)

    # -- texts ------------------------------------------------------------------------

    def status_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return self.tr("Showing %1 of %Ln interactions", "", total).replace(
                "%1", self.locale().toString(shown)
            )
        return self.tr("%Ln interactions", "", total)

    def empty_text(self, filtered: bool) -> str:
        text = self.search.text().strip()
        if self.filters_active():
            return self.tr("No interaction matches the search and filters.")
        if filtered:
            return self.tr("No interaction mentions “{text}”.").format(text=text)
        return self.tr(
            "No interactions recorded yet.\nPress Ctrl+N to record a meeting, call or e-mail, "
            "or use “Record interaction…” on a person or organisation."
        )

    # -- the pane ---------------------------------------------------------------------

    def show_details(self, record_id: int | None) -> None:
        self.interaction_details.show_interaction(record_id)

    def details_id(self) -> int | None:
        return self.interaction_details.interaction_id

    # -- records ----------------------------------------------------------------------

    def new_record(self) -> None:
        self._open(InteractionDialog(self.db, None, self))

    def edit_record(self, record_id: int) -> None:
        self._open(InteractionDialog(self.db, record_id, self))

    def _open(self, dialog: InteractionDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, interaction_id: int) -> None:
        self.refresh(select_id=interaction_id)
        facts = self.interaction_details.facts_shown
        if facts is not None:
            self.message.emit(self.tr("Saved “{subject}”.").format(subject=facts.row.subject))
        self.changed.emit()

    def plan_delete(self, session: Session, record_id: int) -> DeletePlan:
        row = interactions.get_interaction(session, record_id)
        kept = interactions.interaction_commitments(session, record_id)
        parts = []
        if kept:
            parts.append(
                self.tr(
                    "The %n commitment(s) made there are kept; they no longer refer to this "
                    "interaction.",
                    "",
                    kept,
                )
            )
        parts.append(
            self.tr(
                "The people, organisations, agendas and dossiers linked to it are not changed. "
                "This cannot be undone."
            )
        )
        name = self.tr("“{subject}” ({date})").format(
            subject=row.subject, date=format_date(row.occurred_on)
        )
        return DeletePlan(None, name, row.version, self.tr("Delete interaction"), " ".join(parts))

    def perform_delete(self, session: Session, record_id: int, plan: DeletePlan) -> str:
        kept = interactions.delete_interaction(session, record_id, plan.version)
        if kept:
            message = self.tr("Deleted {name}; kept its %n commitment(s).", "", kept)
        else:
            message = self.tr("Deleted {name}.")
        return message.format(name=plan.name)
