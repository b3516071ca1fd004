"""What the buttons on an agenda's page do: themes, stakeholder links, alignments, meetings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QToolButton, QTreeView
from sqlalchemy.orm import Session

from techzone_crm.db.models import InteractionKind
from techzone_crm.services import agenda_stakeholders, agenda_themes
from techzone_crm.services.agendas import AgendaLinks
from techzone_crm.services.interactions import InteractionData
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.agenda_link_dialogs import (
    AlignmentDialog,
    StakeholderLinkDialog,
    ThemeDialog,
)
from techzone_crm.ui.dialogs.form import RecordDialog
from techzone_crm.ui.i18n import translate

if TYPE_CHECKING:
    from techzone_crm.ui.views.agendas_view import AgendasView


def _count(one: str, many: str, n: int) -> str:
    """The sentence for ``n`` things: ``one`` for a single one, else ``many`` (both with %n)."""
    return QCoreApplication.translate("AgendaActions", one if n == 1 else many, "", n)


def links_text(links: AgendaLinks, kept_theme: bool = False) -> str:
    """What a delete does to the links, one sentence each, and that it cannot be undone."""
    lines = []
    if links.themes:
        lines.append(
            _count(
                "Its theme is deleted with it.", "Its %n themes are deleted with it.", links.themes
            )
        )
    if links.stakeholders:
        lines.append(
            _count(
                "%n stakeholder link is removed; the person or organisation is kept.",
                "%n stakeholder links are removed; the people and organisations are kept.",
                links.stakeholders,
            )
        )
    if links.alignments:
        lines.append(
            _count(
                "%n alignment with an own theme is removed.",
                "%n alignments with own themes are removed.",
                links.alignments,
            )
        )
    if links.dossiers:
        lines.append(
            _count(
                "%n dossier loses its link to it; the dossier is kept.",
                "%n dossiers lose their link to it; the dossiers are kept.",
                links.dossiers,
            )
        )
    if links.interactions:
        lines.append(
            _count(
                "%n interaction is kept but no longer mentions it.",
                "%n interactions are kept but no longer mention it.",
                links.interactions,
            )
        )
    if not lines:
        lines.append(
            translate("AgendaActions", "Nothing else refers to this theme.")
            if kept_theme
            else translate("AgendaActions", "Nothing else refers to this agenda.")
        )
    lines.append(translate("AgendaActions", "This cannot be undone."))
    return "\n\n".join(lines)


class AgendaActions(QObject):
    """Connects the agenda page's buttons to dialogs, questions and the services."""

    def __init__(self, view: AgendasView) -> None:
        super().__init__(view)
        self.view = view
        pane = view.agenda_details
        self.pane = pane
        pane.add_theme_button.clicked.connect(self.add_theme)
        pane.edit_theme_button.clicked.connect(self.edit_theme)
        pane.remove_theme_button.clicked.connect(self.remove_theme)
        pane.align_button.clicked.connect(self.align)
        pane.unalign_button.clicked.connect(self.remove_alignment)
        pane.link_button.clicked.connect(self.link_stakeholder)
        pane.edit_link_button.clicked.connect(self.edit_link)
        pane.unlink_button.clicked.connect(self.unlink)
        pane.interaction_button.clicked.connect(self.record_interaction)
        pane.themes_view.doubleClicked.connect(self._theme_double_clicked)
        self.menu: QMenu | None = None
        for tree, buttons in (
            (
                pane.themes_view,
                [
                    pane.edit_theme_button,
                    pane.remove_theme_button,
                    pane.align_button,
                    pane.unalign_button,
                ],
            ),
            (
                pane.stakeholders_view,
                [pane.edit_link_button, pane.unlink_button, pane.interaction_button],
            ),
        ):
            tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tree.customContextMenuRequested.connect(
                lambda pos, t=tree, b=buttons: self._context_menu(t, b, pos)
            )

    def _context_menu(self, tree: QTreeView, buttons: list[QToolButton], pos: QPoint) -> None:
        # The same actions as the buttons under the list, for the row under the pointer.
        index = tree.indexAt(pos)
        if index.isValid():
            tree.setCurrentIndex(index)
        menu = QMenu(tree)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in buttons:
            if button.isVisibleTo(self.pane) and button.isEnabled():
                action = menu.addAction(button.icon(), button.text())
                action.triggered.connect(button.click)
        if not menu.isEmpty():
            menu.popup(tree.viewport().mapToGlobal(pos))
        self.menu = menu

    def _open(self, dialog: RecordDialog, message: str) -> None:
        self.view.dialog = dialog
        dialog.saved.connect(lambda _id: self.view.after_write(message))
        dialog.open()

    # -- themes ---------------------------------------------------------------------------

    def add_theme(self) -> None:
        """A new theme for the agenda on the page."""
        if self.pane.agenda_id is not None:
            dialog = ThemeDialog(self.view.db, self.pane.agenda_id, None, self.view)
            self._open(dialog, translate("AgendaActions", "Theme added."))

    def edit_theme(self) -> None:
        """Edit the selected theme."""
        theme = self.pane.selected_theme()
        if self.pane.agenda_id is not None and theme is not None:
            dialog = ThemeDialog(self.view.db, self.pane.agenda_id, theme.id, self.view)
            self._open(dialog, translate("AgendaActions", "Theme saved."))

    def _theme_double_clicked(self) -> None:
        if self.pane.selected_alignment() is None:
            self.edit_theme()

    def remove_theme(self) -> None:
        """Delete the selected theme after saying what goes with it."""
        theme = self.pane.selected_theme()
        if theme is None:
            return
        try:
            with self.view.db.read() as session:
                links = agenda_themes.theme_links(session, theme.id)
        except Exception as exc:
            self.view.report_problem(exc, translate("AgendaActions", "Theme not removed"))
            return
        if not prompts.confirm(
            self.view,
            translate("AgendaActions", "Remove theme"),
            translate("AgendaActions", "Remove the theme “{name}”?").format(name=theme.name),
            links_text(links, kept_theme=True),
            translate("AgendaActions", "Remove"),
        ):
            return
        self._write(
            lambda s: agenda_themes.delete_theme(s, theme.id, theme.version, confirm=True),
            translate("AgendaActions", "Theme removed."),
            translate("AgendaActions", "Theme not removed"),
        )

    # -- alignments -----------------------------------------------------------------------

    def align(self) -> None:
        """Record which external agenda the selected own theme serves."""
        theme = self.pane.selected_theme()
        if self.pane.agenda_id is not None:
            dialog = AlignmentDialog(
                self.view.db, self.pane.agenda_id, theme.id if theme else None, self.view
            )
            self._open(dialog, translate("AgendaActions", "Alignment added."))

    def remove_alignment(self) -> None:
        """Remove the selected alignment after asking."""
        alignment = self.pane.selected_alignment()
        if alignment is None:
            return
        target = f"{alignment.agenda} › {alignment.theme}" if alignment.theme else alignment.agenda
        if not prompts.confirm(
            self.view,
            translate("AgendaActions", "Remove alignment"),
            translate("AgendaActions", "“{own}” no longer serves {target}?").format(
                own=alignment.own_theme, target=target
            ),
            translate("AgendaActions", "Both themes are kept; only the alignment goes."),
            translate("AgendaActions", "Remove"),
        ):
            return
        self._write(
            lambda s: agenda_themes.remove_alignment(s, alignment.id),
            translate("AgendaActions", "Alignment removed."),
            translate("AgendaActions", "Alignment not removed"),
        )

    # -- stakeholders ---------------------------------------------------------------------

    def link_stakeholder(self) -> None:
        """Link a person or organisation, under the selected theme if a theme's row is chosen."""
        if self.pane.agenda_id is not None:
            dialog = StakeholderLinkDialog(
                self.view.db, self.pane.agenda_id, None, self.pane.selected_section(), self.view
            )
            self._open(dialog, translate("AgendaActions", "Stakeholder linked."))

    def edit_link(self) -> None:
        """Change the role, theme or note of the selected link."""
        chosen = self.pane.selected_link()
        if self.pane.agenda_id is not None and chosen is not None:
            dialog = StakeholderLinkDialog(
                self.view.db, self.pane.agenda_id, chosen[0], None, self.view
            )
            self._open(dialog, translate("AgendaActions", "Link saved."))

    def unlink(self) -> None:
        """Remove the selected link after asking; the person or organisation stays."""
        chosen = self.pane.selected_link()
        facts = self.pane.facts_shown
        if chosen is None or facts is None:
            return
        link_id, name = chosen[0], chosen[1]
        if not prompts.confirm(
            self.view,
            translate("AgendaActions", "Unlink stakeholder"),
            translate("AgendaActions", "Unlink {name} from {agenda}?").format(
                name=name, agenda=facts.name
            ),
            translate(
                "AgendaActions",
                "Only this link goes (with its role and note); {name} stays in the register.",
            ).format(name=name),
            translate("AgendaActions", "Unlink"),
        ):
            return
        self._write(
            lambda s: agenda_stakeholders.unlink_stakeholder(s, link_id),
            translate("AgendaActions", "Unlinked {name}.").format(name=name),
            translate("AgendaActions", "Not unlinked"),
        )

    def record_interaction(self) -> None:
        """Ask for the interaction dialog, preset with this agenda and the selected stakeholder."""
        if self.pane.agenda_id is None:
            return
        chosen = self.pane.selected_link()
        person_id = chosen[2] if chosen else None
        organisation_id = chosen[3] if chosen else None
        self.view.interaction_requested.emit(
            InteractionData(
                occurred_on=date.today(),
                kind=InteractionKind.MEETING,
                subject="",
                attendee_ids=[person_id] if person_id is not None else [],
                organisation_ids=[organisation_id] if organisation_id is not None else [],
                agenda_ids=[self.pane.agenda_id],
            )
        )

    # -- writing --------------------------------------------------------------------------

    def _write(self, work: Callable[[Session], object], message: str, problem_title: str) -> None:
        try:
            with self.view.db.sessions.begin() as session:
                work(session)
        except Exception as exc:
            self.view.report_problem(exc, problem_title)
            return
        self.view.after_write(message)
