"""The detail pane of an interaction: who was there, what it was about, what was promised."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.errors import NotFoundError
from techzone_crm.services import commitments, interactions
from techzone_crm.services.commitments import CommitmentQuery, CommitmentRow, CommitmentState
from techzone_crm.services.interactions import InteractionRow, Ref
from techzone_crm.ui import labels
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.models.grouped_model import Group, GroupedRecord, GroupedRecordsModel
from techzone_crm.ui.views.detail_pane import DetailPane, format_date, link

_PERSON_LINK = "person:"
_ORG_LINK = "organisation:"


@dataclass(frozen=True)
class InteractionFacts:
    """What the pane shows of an interaction, read in one short session."""

    row: InteractionRow
    commitments: list[CommitmentRow]


def read_interaction(db: Database, interaction_id: int) -> InteractionFacts:
    """The interaction with its links and the commitments made at it."""
    with db.read() as session:
        row = interactions.get_interaction(session, interaction_id)
        made = commitments.list_commitments(session, CommitmentQuery(interaction_id=interaction_id))
        return InteractionFacts(row, made)


def between(c: CommitmentRow) -> str:
    """ "Anna Smit → Berg, Jan": who promised, to whom."""
    other = (
        f"{c.person} ({c.organisation})"
        if c.person and c.organisation
        else (c.person or c.organisation)
    )
    ours = c.team_member or translate("InteractionDetails", "us")
    return f"{ours} → {other}" if c.by_us else f"{other} → {ours}"


def due_text(c: CommitmentRow) -> str:
    """The due date, with what became of the commitment if it is not simply open."""
    due = format_date(c.due_on)
    if c.state is CommitmentState.OVERDUE:
        return translate("InteractionDetails", "{date} (overdue)").format(date=due)
    if c.state is CommitmentState.DONE:
        return translate("InteractionDetails", "done {date}").format(date=format_date(c.done_on))
    if c.state is CommitmentState.CANCELLED:
        return translate("InteractionDetails", "cancelled")
    return due


def _links(prefix: str, refs: Sequence[Ref]) -> str:
    return "<br>".join(link(f"{prefix}{r.id}", r.name) for r in refs)


def _plain(refs: Sequence[Ref]) -> str:
    return "<br>".join(html.escape(r.name) for r in refs)


class InteractionDetails(DetailPane):
    """Shows one interaction; attendees and organisations are links.

    Signals:
        edit_requested(int): edit the interaction with this id.
        person_activated(int, str): go to this person (id and sorted name).
        organisation_activated(int, str): go to this organisation (id and name).
    """

    edit_requested = Signal(int)
    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select an interaction to see what was discussed."), parent)
        self._db = db
        self.interaction_id: int | None = None
        self.facts_shown: InteractionFacts | None = None
        self.attendees_label = self._link_fact(self.tr("Attendees"))
        self.team_label = self.fact(self.tr("Our team"))
        self.organisations_label = self._link_fact(self.tr("Organisations"))
        self.agendas_label = self.fact(self.tr("Agendas"))
        self.dossiers_label = self.fact(self.tr("Dossiers"))

        self.section(self.tr("Notes"))
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.notes_label)

        self.commitments_heading = self.section(self.tr("Commitments made (toezeggingen)"))
        self.commitments_model = GroupedRecordsModel(
            [self.tr("What"), self.tr("Between"), self.tr("Due")], self
        )
        self.commitments_view = self.grouped_list(self.commitments_model)
        self.commitments_view.setAccessibleName(self.tr("Commitments made"))
        self.body.addWidget(self.commitments_view)
        self.no_commitments = QLabel(self.tr("No commitments were recorded at it."))
        self.no_commitments.setEnabled(False)
        self.body.addWidget(self.no_commitments)
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.attendees_label.linkActivated.connect(self._link)
        self.organisations_label.linkActivated.connect(self._link)

    def _link_fact(self, label: str) -> QLabel:
        value = self.fact(label)
        value.setOpenExternalLinks(False)
        value.setToolTip(self.tr("Click a name to go to it"))
        return value

    def show_interaction(self, interaction_id: int | None) -> None:
        """Show ``interaction_id`` (None: nothing selected)."""
        self.interaction_id = interaction_id
        if interaction_id is None:
            self.facts_shown = None
            self.show_empty(self.tr("Select an interaction to see what was discussed."))
            return
        try:
            facts = read_interaction(self._db, interaction_id)
        except NotFoundError:
            self.interaction_id = None
            self.facts_shown = None
            self.show_empty(self.tr("This interaction no longer exists."))
            return
        self.facts_shown = facts
        row = facts.row
        self.title.setText(row.subject)
        self.subtitle.setText(
            self.tr("{kind} on {date}").format(
                kind=labels.label(row.kind), date=format_date(row.occurred_on)
            )
        )
        self.subtitle.show()
        self.set_fact(self.attendees_label, _links(_PERSON_LINK, row.attendees))
        self.set_fact(self.team_label, _plain(row.team_members))
        self.set_fact(self.organisations_label, _links(_ORG_LINK, row.organisations))
        self.set_fact(self.agendas_label, _plain(row.agendas))
        self.set_fact(self.dossiers_label, _plain(row.dossiers))
        self.notes_label.setText(row.notes or self.tr("No notes."))
        self.notes_label.setEnabled(bool(row.notes))
        self._fill_commitments(facts.commitments)
        self.show_content()

    def _fill_commitments(self, rows: list[CommitmentRow]) -> None:
        open_states = (CommitmentState.OPEN, CommitmentState.OVERDUE)

        def record(c: CommitmentRow) -> GroupedRecord:
            tip = f"{labels.label(c.state)}: {c.description}"
            if c.state is CommitmentState.OVERDUE:
                tip += "\n" + self.tr("Overdue by %n day(s)", "", c.days_overdue)
            return GroupedRecord(
                [c.description, between(c), due_text(c)],
                c.id,
                dimmed=c.state not in open_states,
                tooltip=tip,
                icon=labels.commitment_marker(c.state),
            )

        self.commitments_model.set_groups(
            [
                Group(self.tr("Open"), [record(c) for c in rows if c.state in open_states]),
                Group(
                    self.tr("Done or cancelled"),
                    [record(c) for c in rows if c.state not in open_states],
                ),
            ]
        )
        self.commitments_view.setVisible(bool(rows))
        self.no_commitments.setVisible(not rows)

    def _edit(self) -> None:
        if self.interaction_id is not None:
            self.edit_requested.emit(self.interaction_id)

    def _link(self, href: str) -> None:
        facts = self.facts_shown
        if facts is None:
            return
        kind, _sep, ident = href.partition(":")
        refs = facts.row.attendees if kind == "person" else facts.row.organisations
        ref = next((r for r in refs if str(r.id) == ident), None)
        if ref is None:
            return
        if kind == "person":
            self.person_activated.emit(ref.id, ref.name)
        else:
            self.organisation_activated.emit(ref.id, ref.name)
