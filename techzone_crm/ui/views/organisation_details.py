"""The detail pane of an organisation: its facts and its people, current and former."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.db.models import GovernmentLevel, Helix, Sector
from techzone_crm.errors import NotFoundError
from techzone_crm.services import organisations
from techzone_crm.services.organisations import MemberRow
from techzone_crm.ui import labels
from techzone_crm.ui.models.grouped_model import Group, GroupedRecord, GroupedRecordsModel
from techzone_crm.ui.views.detail_pane import DetailPane, format_period, link


@dataclass(frozen=True)
class OrganisationFacts:
    """What the pane shows of an organisation, read in one short session."""

    id: int
    name: str
    short_name: str
    helix: Helix
    government_level: GovernmentLevel | None
    sectors: set[Sector]
    region: str
    website: str
    parent_name: str
    is_partner: bool
    notes: str
    people: list[MemberRow]


def read_organisation(db: Database, org_id: int) -> OrganisationFacts:
    """Everything the pane needs about ``org_id``."""
    with db.read() as session:
        org = organisations.get_organisation(session, org_id)
        return OrganisationFacts(
            id=org.id,
            name=org.name,
            short_name=org.short_name,
            helix=org.helix,
            government_level=org.government_level,
            sectors=org.sectors,
            region=org.region,
            website=org.website,
            parent_name=org.parent.name if org.parent else "",
            is_partner=org.is_partner,
            notes=org.notes,
            people=organisations.organisation_people(session, org_id),
        )


class OrganisationDetails(DetailPane):
    """Shows one organisation and who works (or worked) there.

    Signals:
        edit_requested(int): edit the organisation with this id.
        person_activated(int, str): go to this person (id and sorted name).
    """

    edit_requested = Signal(int)
    person_activated = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select an organisation to see its details."), parent)
        self._db = db
        self.org_id: int | None = None
        self.facts_shown: OrganisationFacts | None = None
        self.helix_label = self.fact(self.tr("Helix"))
        self.level_label = self.fact(self.tr("Government level"))
        self.sectors_label = self.fact(self.tr("Sectors"))
        self.region_label = self.fact(self.tr("Region"))
        self.parent_label = self.fact(self.tr("Part of"))
        self.website_label = self.fact(self.tr("Website"))
        self.partner_label = self.fact(self.tr("Partner"))

        self.section(self.tr("People"))
        self.people_model = GroupedRecordsModel(
            [self.tr("Name"), self.tr("Role"), self.tr("Period")], self
        )
        self.people_view = self.grouped_list(self.people_model)
        self.people_view.setAccessibleName(self.tr("People"))
        self.people_view.setToolTip(self.tr("Double-click a person to go to them"))
        self.body.addWidget(self.people_view)

        self.section(self.tr("Notes"))
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.notes_label)
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.people_view.activated.connect(self._person_activated)

    def show_organisation(self, org_id: int | None) -> None:
        """Show ``org_id`` (None: nothing selected)."""
        self.org_id = org_id
        if org_id is None:
            self.facts_shown = None
            self.show_empty(self.tr("Select an organisation to see its details."))
            return
        try:
            facts = read_organisation(self._db, org_id)
        except NotFoundError:
            self.org_id = None
            self.show_empty(self.tr("This organisation no longer exists."))
            return
        self.facts_shown = facts
        self.title.setText(facts.name)
        self.subtitle.setText(facts.short_name)
        self.subtitle.setVisible(bool(facts.short_name))
        colour = labels.HELIX_COLOUR[facts.helix]
        self.set_fact(
            self.helix_label,
            f'<span style="color:{colour}">■</span> {html.escape(labels.label(facts.helix))}',
        )
        self.set_fact(self.level_label, html.escape(labels.label(facts.government_level)))
        self.set_fact(self.sectors_label, html.escape(labels.sectors_text(facts.sectors)))
        self.set_fact(self.region_label, html.escape(facts.region))
        self.set_fact(self.parent_label, html.escape(facts.parent_name))
        shown_site = facts.website.split("://", 1)[-1].rstrip("/")
        self.set_fact(self.website_label, link(facts.website, shown_site) if facts.website else "")
        self.set_fact(self.partner_label, html.escape(labels.yes_no(facts.is_partner)))
        self.notes_label.setText(facts.notes or self.tr("No notes."))
        self.notes_label.setEnabled(bool(facts.notes))
        self._fill_people(facts.people)
        self.show_content()

    def _fill_people(self, members: list[MemberRow]) -> None:
        def record(m: MemberRow) -> GroupedRecord:
            return GroupedRecord(
                [m.person_name, m.role, format_period(m.start_date, m.end_date)],
                m.person_id,
                dimmed=not m.current,
            )

        self.people_model.set_groups(
            [
                Group(self.tr("Current"), [record(m) for m in members if m.current]),
                Group(self.tr("Former"), [record(m) for m in members if not m.current]),
            ]
        )

    def _edit(self) -> None:
        if self.org_id is not None:
            self.edit_requested.emit(self.org_id)

    def _person_activated(self, index: QModelIndex) -> None:
        person_id = index.data(GroupedRecordsModel.ID_ROLE)
        if person_id is not None:
            name = str(index.siblingAtColumn(0).data())
            self.person_activated.emit(int(person_id), name)
