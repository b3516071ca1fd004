"""The agenda page: facts, themes with their leads and alignments, stakeholders by theme."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QTreeView, QWidget

from techzone_crm.db.engine import Database
from techzone_crm.errors import NotFoundError
from techzone_crm.services.agenda_overview import OverviewCoverage
from techzone_crm.services.agenda_themes import AlignmentRow
from techzone_crm.ui import labels
from techzone_crm.ui.models.agendas_model import (
    NO_RELATIONSHIP_COLOUR,
    StakeholdersModel,
    ThemeLine,
    ThemesModel,
)
from techzone_crm.ui.views.agenda_facts import AgendaFacts, ThemeFacts, read_agenda
from techzone_crm.ui.views.detail_pane import (
    DetailPane,
    button_row,
    format_period,
    link,
    tool_button,
)

_ORG_LINK = "organisation:"


def _fit(tree: QTreeView, lines: int, most: int = 16) -> None:
    # As tall as its lines (up to a limit), so the page scrolls as one.
    tree.expandAll()
    row = tree.sizeHintForRow(0) if tree.model().rowCount() else 0
    if row <= 0:
        row = tree.fontMetrics().height() + 6
    shown = min(max(lines, 2), most)
    height = tree.header().sizeHint().height() + shown * row + 2 * tree.frameWidth() + 2
    tree.setFixedHeight(height)


def _tree(model: ThemesModel | StakeholdersModel) -> QTreeView:
    tree = QTreeView()
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAllColumnsShowFocus(True)
    tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
    tree.setItemsExpandable(False)
    tree.setRootIsDecorated(False)
    tree.setIndentation(14)
    tree.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    tree.header().setStretchLastSection(False)
    return tree


class AgendaDetails(DetailPane):
    """Shows one agenda; its buttons are wired by the page (see :class:`AgendaActions`).

    Signals:
        edit_requested(int): edit the agenda with this id.
        person_activated(int, str): go to this person (id and sorted name).
        organisation_activated(int, str): go to this organisation (id and name).
    """

    edit_requested = Signal(int)
    person_activated = Signal(int, str)
    organisation_activated = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select an agenda to see its themes and stakeholders."), parent)
        self._db = db
        self.agenda_id: int | None = None
        self.facts_shown: AgendaFacts | None = None
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setAccessibleName(self.tr("Coverage"))
        self.body.insertWidget(1, self.coverage_label)
        self.period_label = self.fact(self.tr("Period"))
        self.owner_label = self.fact(self.tr("Set by"))
        self.owner_label.setOpenExternalLinks(False)
        self.website_label = self.fact(self.tr("Website"))
        self.sectors_label = self.fact(self.tr("Sectors"))
        self.served_label = self.fact(self.tr("Served by own themes"))
        self.description_label = self.fact(self.tr("Description"))

        self.themes_heading = self.section(self.tr("Themes"))
        self.themes_hint = QLabel()
        self.themes_hint.setWordWrap(True)
        self.themes_hint.setEnabled(False)
        self.body.addWidget(self.themes_hint)
        self.themes_model = ThemesModel(self)
        self.themes_view = _tree(self.themes_model)
        self.themes_view.setAccessibleName(self.tr("Themes"))
        self.themes_view.setToolTip(self.tr("Double-click a theme to edit it"))
        header = self.themes_view.header()
        header.setSectionResizeMode(ThemesModel.NAME, header.ResizeMode.Stretch)
        header.setSectionResizeMode(ThemesModel.LEAD, header.ResizeMode.Stretch)
        header.setSectionResizeMode(ThemesModel.STAKEHOLDERS, header.ResizeMode.ResizeToContents)
        self.body.addWidget(self.themes_view)
        self.add_theme_button = tool_button(self.tr("Add theme…"), "add")
        self.edit_theme_button = tool_button(self.tr("Edit theme…"), "edit")
        self.remove_theme_button = tool_button(self.tr("Remove theme"), "delete")
        self.align_button = tool_button(self.tr("Align with…"))
        self.align_button.setToolTip(
            self.tr("Record which external agenda (or theme of it) the selected own theme serves")
        )
        self.unalign_button = tool_button(self.tr("Remove alignment"))
        self.body.addLayout(
            button_row(
                self.add_theme_button,
                self.edit_theme_button,
                self.remove_theme_button,
                self.align_button,
                self.unalign_button,
            )
        )

        self.section(self.tr("Stakeholders"))
        self.stakeholders_model = StakeholdersModel(self)
        self.stakeholders_view = _tree(self.stakeholders_model)
        self.stakeholders_view.setAccessibleName(self.tr("Stakeholders"))
        self.stakeholders_view.setToolTip(
            self.tr("Double-click a person or organisation to go to them")
        )
        header = self.stakeholders_view.header()
        # Names share the width (elided, full text in the tooltip); short values fit.
        for column in (
            StakeholdersModel.NAME,
            StakeholdersModel.ORGANISATION,
            StakeholdersModel.RELATIONSHIP,
        ):
            header.setSectionResizeMode(column, header.ResizeMode.Stretch)
        for column in (
            StakeholdersModel.ROLE,
            StakeholdersModel.LAST_CONTACT,
            StakeholdersModel.DAYS,
        ):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        self.body.addWidget(self.stakeholders_view)
        self.stakeholders_empty = QLabel(
            self.tr("No stakeholders linked yet. Link the people who decide on or influence it.")
        )
        self.stakeholders_empty.setWordWrap(True)
        self.stakeholders_empty.setEnabled(False)
        self.body.addWidget(self.stakeholders_empty)
        self.link_button = tool_button(self.tr("Link stakeholder…"), "add")
        self.edit_link_button = tool_button(self.tr("Edit link…"), "edit")
        self.unlink_button = tool_button(self.tr("Unlink"), "delete")
        self.interaction_button = tool_button(self.tr("Record interaction…"), "interactions")
        self.interaction_button.setToolTip(
            self.tr("Record a meeting about this agenda (with the selected person)")
        )
        self.body.addLayout(
            button_row(
                self.link_button,
                self.edit_link_button,
                self.unlink_button,
                self.interaction_button,
            )
        )
        self.body.addStretch(1)

        self.edit_button.clicked.connect(self._edit)
        self.owner_label.linkActivated.connect(self._owner_link)
        self.stakeholders_view.activated.connect(self._stakeholder_activated)
        self.themes_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.stakeholders_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- showing --------------------------------------------------------------------------

    def show_agenda(self, agenda_id: int | None) -> None:
        """Show ``agenda_id`` (None: nothing selected)."""
        self.agenda_id = agenda_id
        if agenda_id is None:
            self.facts_shown = None
            self.show_empty(self.tr("Select an agenda to see its themes and stakeholders."))
            return
        try:
            facts = read_agenda(self._db, agenda_id)
        except NotFoundError:
            self.agenda_id = None
            self.facts_shown = None
            self.show_empty(self.tr("This agenda no longer exists."))
            return
        self.facts_shown = facts
        self.title.setText(facts.name)
        self.subtitle.setText(labels.label(facts.level))
        self._fill_facts(facts)
        self._fill_themes(facts)
        self._fill_stakeholders(facts)
        self._update_buttons()
        self.show_content()

    def _fill_facts(self, facts: AgendaFacts) -> None:
        self.coverage_label.setText(self._coverage_text(facts.coverage))
        # Without links the Stakeholders section says so itself.
        self.coverage_label.setVisible(facts.coverage.linked > 0)
        self.set_fact(self.period_label, html.escape(format_period(facts.starts_on, facts.ends_on)))
        owner = facts.owner
        self.set_fact(self.owner_label, link(f"{_ORG_LINK}{owner[0]}", owner[1]) if owner else "")
        shown_site = facts.website.split("://", 1)[-1].rstrip("/")
        self.set_fact(self.website_label, link(facts.website, shown_site) if facts.website else "")
        self.set_fact(self.sectors_label, html.escape(labels.sectors_text(facts.sectors)))
        served = [] if facts.own else facts.alignments
        self.set_fact(
            self.served_label,
            "<br>".join(
                html.escape(
                    self.tr("{own} → {theme}").format(own=a.own_theme, theme=a.theme)
                    if a.theme
                    else self.tr("{own} → the agenda as a whole").format(own=a.own_theme)
                )
                for a in served
            ),
        )
        self.set_fact(self.description_label, html.escape(facts.description).replace("\n", "<br>"))

    def _coverage_text(self, coverage: OverviewCoverage) -> str:
        if not coverage.linked:
            return self.tr("No stakeholders linked yet.")
        locale = QLocale()
        linked = (
            self.tr("%n stakeholder linked", "", coverage.linked)
            if coverage.linked == 1
            else self.tr("%n stakeholders linked", "", coverage.linked)
        )
        text = self.tr(
            "{linked}, {related} with a relationship, {recent} spoken to in the last {days} days"
        ).format(
            linked=linked,
            related=locale.toString(coverage.with_relationship),
            recent=locale.toString(coverage.recent),
            days=locale.toString(coverage.recent_days),
        )
        if not coverage.with_relationship:
            return f'<span style="color:{NO_RELATIONSHIP_COLOUR}">{html.escape(text)}</span>'
        return html.escape(text)

    def _fill_themes(self, facts: AgendaFacts) -> None:
        counts = {s.theme_id: len(s.rows) for s in facts.overview.sections}
        self.themes_model.set_themes(
            [
                ThemeLine(t.id, t.name, t.description, t.lead, counts.get(t.id, 0))
                for t in facts.themes
            ],
            facts.alignments if facts.own else [],
        )
        self.themes_view.setColumnHidden(ThemesModel.LEAD, not facts.own)
        for row in range(self.themes_model.rowCount()):
            parent = self.themes_model.index(row, 0)
            for child in range(self.themes_model.rowCount(parent)):
                self.themes_view.setFirstColumnSpanned(child, parent, True)
        if facts.own:
            hint = self.tr(
                "Each theme has a lead partner and a lead person (use each other's strengths), "
                "and serves external agendas."
            )
        else:
            hint = self.tr("The priorities of this agenda.")
        self.themes_hint.setText(hint if facts.themes else self.tr("No themes yet."))
        self.themes_view.setVisible(bool(facts.themes))
        self.align_button.setVisible(facts.own)
        self.unalign_button.setVisible(facts.own)
        _fit(self.themes_view, self.themes_model.lines(), most=24)

    def _fill_stakeholders(self, facts: AgendaFacts) -> None:
        self.stakeholders_model.set_sections(facts.overview.sections, facts.rhythms)
        for row in range(self.stakeholders_model.rowCount()):
            self.stakeholders_view.setFirstColumnSpanned(row, QModelIndex(), True)
        has_rows = facts.coverage.linked > 0
        self.stakeholders_view.setVisible(has_rows)
        self.stakeholders_empty.setVisible(not has_rows)
        _fit(self.stakeholders_view, self.stakeholders_model.lines(), most=24)

    # -- selection --------------------------------------------------------------------------

    def selected_theme(self) -> ThemeFacts | None:
        """The theme selected in the themes list (or whose alignment is selected)."""
        index = self.themes_view.currentIndex()
        facts = self.facts_shown
        if not index.isValid() or facts is None:
            return None
        if index.parent().isValid():
            index = index.parent()
        theme_id = index.siblingAtColumn(0).data(ThemesModel.THEME_ROLE)
        return next((t for t in facts.themes if t.id == theme_id), None)

    def selected_alignment(self) -> AlignmentRow | None:
        """The alignment selected in the themes list."""
        index = self.themes_view.currentIndex()
        facts = self.facts_shown
        if not index.isValid() or facts is None:
            return None
        alignment_id = index.siblingAtColumn(0).data(ThemesModel.ALIGNMENT_ROLE)
        return next((a for a in facts.alignments if a.id == alignment_id), None)

    def selected_link(self) -> tuple[int, str, int | None, int | None] | None:
        """The selected stakeholder: (link id, name, person id, organisation id)."""
        return self._link_at(self.stakeholders_view.currentIndex())

    @staticmethod
    def _link_at(index: QModelIndex) -> tuple[int, str, int | None, int | None] | None:
        link_id = index.data(StakeholdersModel.LINK_ROLE) if index.isValid() else None
        if link_id is None:
            return None
        name = str(index.siblingAtColumn(StakeholdersModel.NAME).data())
        return (
            int(link_id),
            name,
            index.data(StakeholdersModel.PERSON_ROLE),
            index.data(StakeholdersModel.ORGANISATION_ROLE),
        )

    def selected_section(self) -> int | None:
        """The theme of the selected stakeholder or heading (None: the agenda as a whole)."""
        index = self.stakeholders_view.currentIndex()
        return index.data(StakeholdersModel.THEME_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        theme = self.selected_theme() is not None
        alignment = self.selected_alignment() is not None
        self.edit_theme_button.setEnabled(theme and not alignment)
        self.remove_theme_button.setEnabled(theme and not alignment)
        facts = self.facts_shown
        self.align_button.setEnabled(facts is not None and facts.own and bool(facts.themes))
        self.unalign_button.setEnabled(alignment)
        chosen = self.selected_link() is not None
        self.edit_link_button.setEnabled(chosen)
        self.unlink_button.setEnabled(chosen)

    # -- going elsewhere -------------------------------------------------------------------

    def _edit(self) -> None:
        if self.agenda_id is not None:
            self.edit_requested.emit(self.agenda_id)

    def _owner_link(self, href: str) -> None:
        facts = self.facts_shown
        if href.startswith(_ORG_LINK) and facts is not None and facts.owner is not None:
            self.organisation_activated.emit(facts.owner[0], facts.owner[1])

    def _stakeholder_activated(self, index: QModelIndex) -> None:
        chosen = self._link_at(index)
        if chosen is None:
            return
        _link_id, name, person_id, organisation_id = chosen
        if person_id is not None:
            self.person_activated.emit(int(person_id), name)
        elif organisation_id is not None:
            self.organisation_activated.emit(int(organisation_id), name)
