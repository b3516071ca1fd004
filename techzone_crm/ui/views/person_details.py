"""The detail pane of a person: contact facts, roles (current and former), relationships, notes."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.errors import NotFoundError
from techzone_crm.services import affiliations, people, relationships
from techzone_crm.services.affiliations import AffiliationRow
from techzone_crm.services.assessments import Stakeholder
from techzone_crm.services.relationships import RelationshipRow
from techzone_crm.services.rhythm import ContactRhythm, contact_rhythm
from techzone_crm.services.validation import format_phone
from techzone_crm.ui import labels
from techzone_crm.ui.markers import DO_NOT_CONTACT_COLOUR, do_not_contact_text
from techzone_crm.ui.models.grouped_model import Group, GroupedRecord, GroupedRecordsModel
from techzone_crm.ui.views.assessment_section import AssessmentSection
from techzone_crm.ui.views.detail_pane import (
    DetailPane,
    button_row,
    format_period,
    link,
    tool_button,
)
from techzone_crm.ui.views.interactions_section import (
    InteractionsSection,
    RecentInteractions,
    read_recent,
)
from techzone_crm.ui.views.relationships_section import RelationshipsSection
from techzone_crm.ui.views.rhythm_text import last_contact_html, rhythm_tooltip


@dataclass(frozen=True)
class PersonFacts:
    """What the pane shows of a person, read in one short session."""

    id: int
    display_name: str
    emails: list[tuple[str, str]]
    phones: list[tuple[str, str]]
    owner: str
    tags: list[str]
    notes: str
    roles: list[AffiliationRow]
    backup_owner: str = ""
    do_not_contact: bool = False
    rhythm: ContactRhythm | None = None
    interactions: RecentInteractions | None = None
    relationships: list[RelationshipRow] = field(default_factory=list)


def read_person(db: Database, person_id: int) -> PersonFacts:
    """Everything the pane needs about ``person_id``."""
    with db.read() as session:
        person = people.get_person(session, person_id)
        return PersonFacts(
            id=person.id,
            display_name=person.display_name,
            emails=[(e.address, labels.label(e.kind)) for e in person.emails],
            phones=[(format_phone(p.number), labels.label(p.kind)) for p in person.phones],
            owner=person.owner.name if person.owner else "",
            tags=sorted((t.name for t in person.tags), key=str.casefold),
            notes=person.notes,
            roles=affiliations.person_affiliations(session, person_id),
            backup_owner=person.backup_owner.name if person.backup_owner else "",
            do_not_contact=person.do_not_contact,
            rhythm=contact_rhythm(session, person_id, date.today()),
            interactions=read_recent(session, person_id=person_id),
            relationships=relationships.person_relationships(session, person_id),
        )


class PersonDetails(DetailPane):
    """Shows one person; its buttons ask the view to edit the person or a role.

    Signals:
        edit_requested(int): edit the person with this id.
        add_role_requested(int): add a role to the person with this id.
        role_requested(int, int, str): person id, affiliation id and "edit", "end" or "remove".
        interval_requested(int): change the contact interval of the person with this id.
        person_activated(int, str): go to this person (id and name), from a relationship.
    """

    edit_requested = Signal(int)
    add_role_requested = Signal(int)
    role_requested = Signal(int, int, str)
    interval_requested = Signal(int)
    person_activated = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select a person to see their details."), parent)
        self._db = db
        self.person_id: int | None = None
        self.facts_shown: PersonFacts | None = None
        self.emails_label = self.fact(self.tr("E-mail"))
        self.phones_label = self.fact(self.tr("Phone"))
        self.do_not_contact_badge = QLabel(do_not_contact_text())
        self.do_not_contact_badge.setStyleSheet(
            f"background: {DO_NOT_CONTACT_COLOUR}; color: white; font-weight: bold;"
            " border-radius: 4px; padding: 2px 8px;"
        )
        self.do_not_contact_badge.setToolTip(self.tr("This person asked not to be approached"))
        self.do_not_contact_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.do_not_contact_badge.hide()
        # Right under the heading, above the rule: the first thing anyone reads.
        self.body.insertWidget(1, self.do_not_contact_badge, 0, Qt.AlignmentFlag.AlignLeft)
        self.owner_label = self.fact(self.tr("Relationship owner"))
        self.backup_owner_label = self.fact(self.tr("Backup owner"))
        self.tags_label = self.fact(self.tr("Tags"))
        self.last_contact_label = self.fact(self.tr("Last contact"))
        self.last_contact_label.setOpenExternalLinks(False)
        self.last_contact_label.linkActivated.connect(self._change_interval)

        self.section(self.tr("Roles"))
        self.roles_model = GroupedRecordsModel(
            [self.tr("Organisation"), self.tr("Role"), self.tr("Period")], self
        )
        self.roles_view = self.grouped_list(self.roles_model)
        self.roles_view.setAccessibleName(self.tr("Roles"))
        self.body.addWidget(self.roles_view)
        self.add_role_button = tool_button(self.tr("Add role…"), "role-add")
        self.edit_role_button = tool_button(self.tr("Edit…"), "edit")
        self.end_role_button = tool_button(self.tr("End role…"))
        self.end_role_button.setToolTip(self.tr("Record that this person left (sets the end date)"))
        self.remove_role_button = tool_button(self.tr("Remove"), "delete")
        self.remove_role_button.setToolTip(self.tr("Delete a role that was entered by mistake"))
        self.body.addLayout(
            button_row(
                self.add_role_button,
                self.edit_role_button,
                self.end_role_button,
                self.remove_role_button,
            )
        )

        self.relationships = RelationshipsSection(db)
        self.body.addWidget(self.relationships)

        self.assessment = AssessmentSection(db)
        self.body.addWidget(self.assessment)

        self.interactions = InteractionsSection()
        self.body.addWidget(self.interactions)

        self.section(self.tr("Notes"))
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.notes_label)
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.add_role_button.clicked.connect(self._add_role)
        self.edit_role_button.clicked.connect(lambda: self._role("edit"))
        self.end_role_button.clicked.connect(lambda: self._role("end"))
        self.remove_role_button.clicked.connect(lambda: self._role("remove"))
        self.roles_view.doubleClicked.connect(lambda _i: self._role("edit"))
        self.roles_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.roles_model.rowsRemoved.connect(self._update_buttons)
        self.relationships.person_activated.connect(self.person_activated)
        self.relationships.changed.connect(lambda: self.show_person(self.person_id))
        self._update_buttons()

    def show_person(self, person_id: int | None) -> None:
        """Show ``person_id`` (None: nothing selected)."""
        self.person_id = person_id
        if person_id is None:
            self.facts_shown = None
            self.show_empty(self.tr("Select a person to see their details."))
            return
        try:
            facts = read_person(self._db, person_id)
        except NotFoundError:
            self.person_id = None
            self.show_empty(self.tr("This person no longer exists."))
            return
        self.facts_shown = facts
        self.title.setText(facts.display_name)
        current = [r for r in facts.roles if r.current]
        self.subtitle.setText(
            ", ".join(x for x in (current[0].role, current[0].organisation_name) if x)
            if current
            else ""
        )
        self.subtitle.setVisible(bool(current))
        self.emails_label.setToolTip("\n".join(a for a, _k in facts.emails))
        self.set_fact(
            self.emails_label,
            "<br>".join(
                f"{link('mailto:' + a, a)} <small>({html.escape(k)})</small>"
                for a, k in facts.emails
            ),
        )
        self.set_fact(
            self.phones_label,
            "<br>".join(
                f"{link('tel:' + n.replace(' ', ''), n)} <small>({html.escape(k)})</small>"
                for n, k in facts.phones
            ),
        )
        self.set_fact(self.owner_label, html.escape(facts.owner) or self.tr("<i>nobody yet</i>"))
        self.set_fact(self.backup_owner_label, html.escape(facts.backup_owner))
        self.do_not_contact_badge.setVisible(facts.do_not_contact)
        self.set_fact(self.tags_label, html.escape(", ".join(facts.tags)))
        self._show_rhythm(facts.rhythm)
        self.notes_label.setText(facts.notes or self.tr("No notes."))
        self.notes_label.setEnabled(bool(facts.notes))
        self._fill_roles(facts.roles)
        self.relationships.show_relationships(
            facts.relationships, person_id=facts.id, name=facts.display_name
        )
        self.assessment.show_stakeholder(Stakeholder.person(facts.id), facts.display_name)
        if facts.interactions is not None:
            self.interactions.show_recent(facts.interactions, facts.display_name)
        self.show_content()

    def _fill_roles(self, roles: list[AffiliationRow]) -> None:
        def record(r: AffiliationRow) -> GroupedRecord:
            return GroupedRecord(
                [r.organisation_name, r.role, format_period(r.start_date, r.end_date)],
                r.id,
                dimmed=not r.current,
            )

        self.roles_model.set_groups(
            [
                Group(self.tr("Current"), [record(r) for r in roles if r.current]),
                Group(self.tr("Former"), [record(r) for r in roles if not r.current]),
            ]
        )
        if not roles:
            self.roles_view.setAccessibleDescription(self.tr("No roles recorded yet"))

    def selected_role(self) -> int | None:
        """The id of the role selected in the list, if any."""
        index: QModelIndex = self.roles_view.currentIndex()
        if not index.isValid() or not self.roles_view.selectionModel().isSelected(index):
            return None
        value = index.data(GroupedRecordsModel.ID_ROLE)
        return int(value) if value is not None else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_role() is not None
        for button in (self.edit_role_button, self.end_role_button, self.remove_role_button):
            button.setEnabled(chosen)

    def _show_rhythm(self, found: ContactRhythm | None) -> None:
        if found is None:
            self.set_fact(self.last_contact_label, "")
            return
        change = link("#interval", self.tr("Change…"))
        self.set_fact(self.last_contact_label, f"{last_contact_html(found)} &nbsp;{change}")
        self.last_contact_label.setToolTip(rhythm_tooltip(found))

    def _change_interval(self, _href: str) -> None:
        if self.person_id is not None:
            self.interval_requested.emit(self.person_id)

    def _edit(self) -> None:
        if self.person_id is not None:
            self.edit_requested.emit(self.person_id)

    def _add_role(self) -> None:
        if self.person_id is not None:
            self.add_role_requested.emit(self.person_id)

    def _role(self, action: str) -> None:
        role_id = self.selected_role()
        if self.person_id is not None and role_id is not None:
            self.role_requested.emit(self.person_id, role_id, action)
