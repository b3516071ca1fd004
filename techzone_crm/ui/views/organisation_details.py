"""The detail pane of an organisation: its facts, its people (current and former), relationships."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.db.models import GovernmentLevel, Helix, Sector
from techzone_crm.errors import NotFoundError
from techzone_crm.services import choices, organisations, relationships
from techzone_crm.services.assessments import Stakeholder
from techzone_crm.services.organisations import MemberRow
from techzone_crm.services.relationships import RelationshipRow
from techzone_crm.ui import labels
from techzone_crm.ui.markers import do_not_contact_icon, do_not_contact_tooltip
from techzone_crm.ui.models.grouped_model import Group, GroupedRecord, GroupedRecordsModel
from techzone_crm.ui.views.assessment_section import AssessmentSection
from techzone_crm.ui.views.detail_pane import DetailPane, fact_label, format_period, link
from techzone_crm.ui.views.interactions_section import (
    InteractionsSection,
    RecentInteractions,
    read_recent,
)
from techzone_crm.ui.views.relationships_section import RelationshipsSection

_ORG_LINK = "organisation:"


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
    street: str = ""
    postal_code: str = ""
    city: str = ""
    tags: list[str] = field(default_factory=list)
    #: (id, name) from the top of the hierarchy down to this organisation.
    path: list[tuple[int, str]] = field(default_factory=list)
    children: list[tuple[int, str]] = field(default_factory=list)
    do_not_contact: set[int] = field(default_factory=set)
    interactions: RecentInteractions | None = None
    relationships: list[RelationshipRow] = field(default_factory=list)


def read_organisation(db: Database, org_id: int) -> OrganisationFacts:
    """Everything the pane needs about ``org_id``."""
    with db.read() as session:
        org = organisations.get_organisation(session, org_id)
        members = organisations.organisation_people(session, org_id)
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
            people=members,
            street=org.street,
            postal_code=org.postal_code,
            city=org.city,
            tags=sorted((t.name for t in org.tags), key=str.casefold),
            path=choices.organisation_path(session, org_id),
            children=choices.child_organisations(session, org_id),
            do_not_contact=choices.do_not_contact_ids(session, {m.person_id for m in members}),
            interactions=read_recent(session, organisation_id=org_id),
            relationships=relationships.organisation_relationships(session, org_id),
        )


class OrganisationDetails(DetailPane):
    """Shows one organisation and who works (or worked) there.

    Signals:
        edit_requested(int): edit the organisation with this id.
        person_activated(int, str): go to this person (id and sorted name).
        organisation_activated(int): open this organisation (a parent or a part of it).
    """

    edit_requested = Signal(int)
    person_activated = Signal(int, str)
    organisation_activated = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select an organisation to see its details."), parent)
        self._db = db
        self.org_id: int | None = None
        self.facts_shown: OrganisationFacts | None = None
        # Ministry › DG › Directorate, above the heading; each parent opens on a click.
        self.breadcrumb = fact_label()
        self.breadcrumb.setOpenExternalLinks(False)
        self.breadcrumb.setAccessibleName(self.tr("Part of"))
        self.body.insertWidget(0, self.breadcrumb)
        self.helix_label = self.fact(self.tr("Helix"))
        self.level_label = self.fact(self.tr("Government level"))
        self.sectors_label = self.fact(self.tr("Sectors"))
        self.region_label = self.fact(self.tr("Region"))
        self.parent_label = self.fact(self.tr("Part of"))
        self.address_label = self.fact(self.tr("Address"))
        self.website_label = self.fact(self.tr("Website"))
        self.partner_label = self.fact(self.tr("Partner"))
        self.tags_label = self.fact(self.tr("Tags"))

        self.section(self.tr("People"))
        self.people_model = GroupedRecordsModel(
            [self.tr("Name"), self.tr("Role"), self.tr("Period")], self
        )
        self.people_view = self.grouped_list(self.people_model)
        self.people_view.setAccessibleName(self.tr("People"))
        self.people_view.setToolTip(self.tr("Double-click a person to go to them"))
        self.body.addWidget(self.people_view)

        self.children_heading = self.section(self.tr("Parts of this organisation"))
        self.children_label = fact_label()
        self.children_label.setOpenExternalLinks(False)
        self.children_label.setAccessibleName(self.tr("Parts of this organisation"))
        self.body.addWidget(self.children_label)

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
        self.body.addWidget(self.notes_label)
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.people_view.activated.connect(self._person_activated)
        self.breadcrumb.linkActivated.connect(self._organisation_link)
        self.children_label.linkActivated.connect(self._organisation_link)
        self.relationships.organisation_activated.connect(
            lambda org_id, _name: self.organisation_activated.emit(org_id)
        )
        self.relationships.changed.connect(lambda: self.show_organisation(self.org_id))

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
        self.set_fact(self.tags_label, html.escape(", ".join(facts.tags)))
        place = " ".join(x for x in (facts.postal_code, facts.city) if x)
        self.set_fact(
            self.address_label, "<br>".join(html.escape(x) for x in (facts.street, place) if x)
        )
        self._fill_hierarchy(facts)
        self.notes_label.setText(facts.notes or self.tr("No notes."))
        self.notes_label.setEnabled(bool(facts.notes))
        self._fill_people(facts.people, facts.do_not_contact)
        self.relationships.show_relationships(
            facts.relationships, organisation_id=facts.id, name=facts.name
        )
        self.assessment.show_stakeholder(Stakeholder.organisation(facts.id), facts.name)
        if facts.interactions is not None:
            self.interactions.show_recent(facts.interactions, facts.name)
        self.show_content()

    def _fill_hierarchy(self, facts: OrganisationFacts) -> None:
        parents = facts.path[:-1]
        self.breadcrumb.setText(
            " › ".join(link(f"{_ORG_LINK}{i}", name) for i, name in parents)
            + (" ›" if parents else "")
        )
        self.breadcrumb.setVisible(bool(parents))
        self.children_label.setText(
            "<br>".join(link(f"{_ORG_LINK}{i}", name) for i, name in facts.children)
        )
        self.children_heading.setVisible(bool(facts.children))
        self.children_label.setVisible(bool(facts.children))

    def _organisation_link(self, href: str) -> None:
        if href.startswith(_ORG_LINK):
            self.organisation_activated.emit(int(href[len(_ORG_LINK) :]))

    def _fill_people(self, members: list[MemberRow], flagged: set[int]) -> None:
        def record(m: MemberRow) -> GroupedRecord:
            marked = m.person_id in flagged
            return GroupedRecord(
                [m.person_name, m.role, format_period(m.start_date, m.end_date)],
                m.person_id,
                dimmed=not m.current,
                tooltip=do_not_contact_tooltip(m.person_name) if marked else "",
                icon=do_not_contact_icon() if marked else None,
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
