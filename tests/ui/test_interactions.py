"""Interactions in the GUI: the dialog with its commitments, the page, the pane's section."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Commitment, Helix, Interaction, InteractionKind
from techzone_crm.services import affiliations, interactions, organisations, people
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.commitments import CommitmentData, add_commitment
from techzone_crm.services.dossiers import DossierData, add_dossier
from techzone_crm.services.interactions import InteractionData
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.interaction_dialog import InteractionDialog, open_interaction_dialog
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.models.interactions_model import InteractionsTableModel
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.contacts_view import ContactsView
from techzone_crm.ui.views.interactions_section import InteractionsFocus
from techzone_crm.ui.views.interactions_view import InteractionsView
from techzone_crm.ui.widgets.record_picker import RecordPicker

from .helpers import wait_loaded

pytestmark = pytest.mark.gui

NAMES = [("Jan", "Berg"), ("Els", "Dijk"), ("Piet", "Smit"), ("Mia", "Bos"), ("Kees", "Mulder")]


@dataclass
class Seeded:
    people: list[int]
    anna: int
    emmen: int
    agenda: int
    dossier: int


@pytest.fixture
def seeded(db: Database) -> Seeded:
    """Five people (Jan Berg works at Gemeente Emmen), a team member, an agenda, a dossier."""
    with db.sessions.begin() as s:
        ids = [people.add_person(s, people.PersonData(g, f)).id for g, f in NAMES]
        emmen = organisations.add_organisation(
            s, organisations.OrganisationData("Gemeente Emmen", Helix.GOVERNMENT)
        ).id
        affiliations.add_affiliation(s, affiliations.AffiliationData(ids[0], emmen, "Wethouder"))
        anna = add_team_member(s, TeamMemberData("Anna Smit")).id
        agenda = add_agenda(s, AgendaData("Regio Deal", "national")).id
        dossier = add_dossier(s, DossierData("Waterstofpilot")).id
    return Seeded(ids, anna, emmen, agenda, dossier)


@pytest.fixture
def view(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter
) -> Iterator[InteractionsView]:
    page = InteractionsView(db, runner, reporter)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    yield page


def type_into(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    """Type a name and press Enter (it is taken if it names exactly one record)."""
    qtbot.keyClicks(picker, text)
    qtbot.keyClick(picker, Qt.Key.Key_Return)


def choose(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    """Type part of a name and choose the first suggestion."""
    qtbot.keyClicks(picker, text)
    assert picker.suggestions.rowCount() >= 1
    picker._completer.activated[QModelIndex].emit(picker.suggestions.index(0, 0))


def save(dialog: InteractionDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def meet(db: Database, seeded: Seeded, subject: str, days_ago: int = 0, **kw: object) -> int:
    with db.sessions.begin() as s:
        data = InteractionData(
            date.today() - timedelta(days=days_ago),
            kw.pop("kind", "meeting"),  # type: ignore[arg-type]
            subject,
            attendee_ids=kw.pop("attendees", [seeded.people[0]]),  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )
        return interactions.add_interaction(s, data).id


def test_recording_a_meeting_with_five_attendees_an_agenda_a_dossier_and_a_commitment(
    qtbot: QtBot, qtmodeltester, db: Database, seeded: Seeded, view: InteractionsView
) -> None:
    view.new_record()
    dialog = view.dialog
    assert dialog is not None and dialog.windowTitle() == "Record interaction"
    assert dialog.date_edit.date().toPython() == date.today()
    assert dialog.kind_combo.currentText() == "Meeting"
    qtbot.keyClicks(dialog.subject_edit, "Overleg waterstofpilot")
    choose(qtbot, dialog.attendees.picker, "jan berg")  # shown with his organisation
    for given, family in NAMES[1:]:
        type_into(qtbot, dialog.attendees.picker, f"{given} {family}")
    assert dialog.attendees.names() == [
        "Jan Berg (Gemeente Emmen)",
        *(f"{g} {f}" for g, f in NAMES[1:]),
    ]
    assert dialog.isVisible() and count(db, Interaction) == 0  # Enter did not save
    # Jan Berg's organisation came along with him.
    assert dialog.organisations.names() == ["Gemeente Emmen"]
    type_into(qtbot, dialog.team_members.picker, "Anna Smit")
    type_into(qtbot, dialog.agendas.picker, "Regio Deal")
    type_into(qtbot, dialog.dossiers.picker, "Waterstofpilot")
    dialog.notes_edit.setPlainText("Provincie doet mee.")

    dialog.commitments.add_button.click()
    row = dialog.commitments.rows[0]
    assert row.team.currentText() == "Anna Smit"  # the team member present
    assert row.party.currentText() == "Jan Berg (Gemeente Emmen)"  # the first attendee
    qtbot.keyClicks(row.description, "Memo over de subsidie sturen")
    due = date.today() + timedelta(days=14)
    row.due.set_value(due)

    with qtbot.waitSignal(view.changed):
        save(dialog)
    assert not dialog.isVisible()

    with db.read() as s:
        stored = s.scalars(select(Interaction)).one()
        row_read = interactions.get_interaction(s, stored.id)
        promise = s.scalars(select(Commitment)).one()
    assert row_read.subject == "Overleg waterstofpilot"
    assert sorted(r.id for r in row_read.attendees) == sorted(seeded.people)
    assert [r.id for r in row_read.team_members] == [seeded.anna]
    assert [r.id for r in row_read.organisations] == [seeded.emmen]
    assert [r.id for r in row_read.agendas] == [seeded.agenda]
    assert [r.id for r in row_read.dossiers] == [seeded.dossier]
    assert promise.interaction_id == stored.id
    assert promise.due_on == due
    assert promise.description == "Memo over de subsidie sturen"
    assert (promise.by_us, promise.team_member_id, promise.person_id) == (
        True,
        seeded.anna,
        seeded.people[0],
    )
    assert promise.dossier_id == seeded.dossier  # the meeting's one dossier

    model = view.interactions_model
    qtmodeltester.check(model, force_py=True)
    wait_loaded(qtbot, model)
    assert model.index(0, InteractionsTableModel.SUBJECT).data() == "Overleg waterstofpilot"
    assert model.index(0, InteractionsTableModel.ATTENDEES).data() == "Berg, Jan; Bos, Mia +3"
    tip = model.index(0, InteractionsTableModel.ATTENDEES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Berg, Jan", "Bos, Mia", "Dijk, Els", "Mulder, Kees", "Smit, Piet"]
    qtbot.waitUntil(lambda: view.selected_id() == stored.id)
    details = view.interaction_details
    assert details.title.text() == "Overleg waterstofpilot"
    for given, family in NAMES:
        assert f"{family}, {given}" in details.attendees_label.text()
    assert "Gemeente Emmen" in details.organisations_label.text()
    assert details.agendas_label.text() == "Regio Deal"
    assert details.dossiers_label.text() == "Waterstofpilot"
    commitments = details.commitments_model
    open_group = commitments.index(0, 0)
    assert open_group.data() == "Open (1)"
    first = commitments.index(0, 0, open_group)
    assert first.data() == "Memo over de subsidie sturen"
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None  # the state marker
    assert commitments.index(0, 1, open_group).data() == "Anna Smit → Berg, Jan"
    assert commitments.index(0, 2, open_group).data() == details_date(due)


def details_date(day: date) -> str:
    from techzone_crm.ui.views.detail_pane import format_date

    return format_date(day)


def test_a_missing_subject_is_shown_at_the_field_and_nothing_is_saved(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    dialog = InteractionDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.attendees.picker, "Jan")
    dialog.commitments.add_button.click()
    dialog.commitments.rows[0].description.setText("Terugbellen")
    save(dialog)
    assert dialog.isVisible()
    widget, label, _name = dialog.feedback._fields["subject"]
    assert label.isVisible() and label.text() == "Subject is required."
    assert widget.property("invalid") is True
    assert count(db, Interaction) == 0 and count(db, Commitment) == 0


def test_an_attendee_typed_but_not_found_is_reported_at_the_attendees(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    dialog = InteractionDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.subject_edit.setText("Kennismaking")
    type_into(qtbot, dialog.attendees.picker, "Els Dijk")
    assert dialog.isVisible()  # Enter in a picker adds the name; it does not save
    widget, label, _name = dialog.feedback._fields["attendee_ids"]
    type_into(qtbot, dialog.attendees.picker, "Niemand Bekend")
    assert dialog.isVisible() and not label.isHidden()  # told at once
    save(dialog)
    assert dialog.isVisible()
    assert widget is dialog.attendees.picker and widget.property("invalid") is True
    assert label.text() == "“Niemand Bekend” is not known; choose one from the suggestions."
    assert dialog.attendees.names() == ["Els Dijk"]  # nothing dropped, nothing guessed
    assert count(db, Interaction) == 0


def test_a_bad_commitment_is_shown_at_its_row_and_saves_nothing(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    dialog = InteractionDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.subject_edit.setText("Kennismaking")
    type_into(qtbot, dialog.attendees.picker, "Els Dijk")
    dialog.commitments.add_button.click()
    dialog.commitments.add_button.click()
    first, second = dialog.commitments.rows
    first.description.setText("Notitie sturen")
    first.team.setCurrentIndex(first.team.findData(seeded.anna))
    second.description.setText("Cijfers nasturen")  # we promise, but nobody on our team
    save(dialog)
    assert dialog.isVisible()
    assert not second.errors.isHidden()
    assert second.errors.text() == "Say which team member made the promise."
    assert second.team.property("invalid") is True
    assert first.errors.isHidden()
    # The interaction was written before the commitments: all of it was rolled back.
    assert count(db, Interaction) == 0 and count(db, Commitment) == 0

    second.direction.setCurrentIndex(1)  # they promise: no team member needed
    with qtbot.waitSignal(dialog.saved):
        save(dialog)
    with db.read() as s:
        by_us = sorted(s.scalars(select(Commitment.by_us)).all())
    assert by_us == [False, True]


def test_deleting_asks_and_keeps_the_commitments(
    qtbot: QtBot, db: Database, seeded: Seeded, view: InteractionsView, monkeypatch
) -> None:
    meeting = meet(db, seeded, "Lunch met de wethouder")
    with db.sessions.begin() as s:
        add_commitment(
            s,
            CommitmentData(
                "Uitnodiging sturen",
                team_member_id=seeded.anna,
                person_id=seeded.people[0],
                interaction_id=meeting,
            ),
        )
    view.refresh()
    wait_loaded(qtbot, view.model)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.interaction_details.interaction_id == meeting)

    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(prompts, "confirm", lambda *a: asked.append(a[1:4]) or False)
    view.delete_selected()
    assert count(db, Interaction) == 1  # declined: nothing happened
    title, text, details = asked[0]
    assert title == "Delete interaction"
    assert text.startswith("Delete “Lunch met de wethouder” (")
    assert "The 1 commitment(s) made there are kept" in details

    monkeypatch.setattr(prompts, "confirm", lambda *a: True)
    with qtbot.waitSignal(view.changed):
        view.delete_selected()
    assert count(db, Interaction) == 0
    with db.read() as s:
        kept = s.scalars(select(Commitment)).one()
    assert kept.description == "Uitnodiging sturen" and kept.interaction_id is None
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible()
    assert view.empty_label.text().startswith("No interactions recorded yet.")


def test_the_preset_fills_the_dialog(qtbot: QtBot, db: Database, seeded: Seeded) -> None:
    preset = InteractionData(
        date(2024, 5, 14),
        InteractionKind.WORKING_VISIT,
        "Werkbezoek",
        notes="Rondleiding",
        attendee_ids=[seeded.people[0], seeded.people[1]],
        team_member_ids=[seeded.anna],
        organisation_ids=[seeded.emmen],
        agenda_ids=[seeded.agenda],
        dossier_ids=[seeded.dossier],
    )
    saved: list[int] = []
    dialog = open_interaction_dialog(db, None, preset, saved.append)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Record interaction"
    assert dialog.date_edit.date().toPython() == date(2024, 5, 14)
    assert dialog.kind_combo.currentText() == "Working visit"
    assert dialog.subject_edit.text() == "Werkbezoek"
    assert dialog.notes_edit.toPlainText() == "Rondleiding"
    assert dialog.attendees.names() == ["Jan Berg (Gemeente Emmen)", "Els Dijk"]
    assert dialog.team_members.names() == ["Anna Smit"]
    assert dialog.organisations.names() == ["Gemeente Emmen"]
    assert dialog.agendas.names() == ["Regio Deal"]
    assert dialog.dossiers.names() == ["Waterstofpilot"]
    dialog.commitments.add_button.click()
    parties = [dialog.commitments.rows[0].party.itemText(i) for i in range(4)]
    assert parties == [
        "Jan Berg (Gemeente Emmen)",
        "Els Dijk",
        "Gemeente Emmen",
        "Another person…",
    ]
    save(dialog)
    assert len(saved) == 1 and count(db, Interaction) == 1


def test_editing_lists_the_commitments_made_and_adds_new_ones(
    qtbot: QtBot, db: Database, seeded: Seeded
) -> None:
    meeting = meet(db, seeded, "Overleg", team_member_ids=[seeded.anna])
    due = date.today() - timedelta(days=3)
    with db.sessions.begin() as s:
        add_commitment(
            s,
            CommitmentData(
                "Notitie sturen",
                team_member_id=seeded.anna,
                person_id=seeded.people[0],
                interaction_id=meeting,
                due_on=due,
            ),
        )
    dialog = InteractionDialog(db, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Edit interaction"
    assert dialog.subject_edit.text() == "Overleg"
    existing = dialog.commitments.existing
    assert existing.isVisible() and existing.topLevelItemCount() == 1
    item = existing.topLevelItem(0)
    assert (item.text(0), item.text(1), item.text(2)) == (
        "Overdue",
        "Notitie sturen",
        details_date(due),
    )
    dialog.commitments.add_button.click()
    row = dialog.commitments.rows[0]
    row.description.setText("Verslag delen")
    row.party.setCurrentIndex(row.party.count() - 1)  # another person
    assert not row.other.isHidden()
    qtbot.keyClicks(row.other, "Mia Bos")  # typed in full: taken on saving
    with qtbot.waitSignal(dialog.saved):
        save(dialog)
    with db.read() as s:
        made = s.scalars(select(Commitment).order_by(Commitment.id)).all()
        assert [(c.description, c.interaction_id, c.person_id) for c in made] == [
            ("Notitie sturen", meeting, seeded.people[0]),
            ("Verslag delen", meeting, seeded.people[3]),
        ]


def test_search_filters_and_the_empty_texts(
    qtbot: QtBot, db: Database, seeded: Seeded, view: InteractionsView
) -> None:
    meet(db, seeded, "Overleg spoorlijn", 2)
    meet(db, seeded, "Telefoontje", 40, kind="call", attendees=[seeded.people[1]])
    meet(db, seeded, "Beurs", 200, kind="event", attendees=[seeded.people[2]])
    view.refresh()
    wait_loaded(qtbot, view.model)
    assert view.model.rowCount() == 3
    assert view.current_status() == "3 interactions"

    view.search.setText("dijk")  # an attendee's name
    view.search.flush()
    wait_loaded(qtbot, view.model)
    assert view.model.index(0, InteractionsTableModel.SUBJECT).data() == "Telefoontje"
    assert view.current_status() == "Showing 1 of 3 interactions"
    view.search.setText("nergens")
    view.search.flush()
    assert view.model.rowCount() == 0
    assert view.empty_label.text() == "No interaction mentions “nergens”."
    view.search.clear()

    view.period_filter.setCurrentIndex(view.period_filter.findData(90))
    assert view.model.rowCount() == 2
    view.kind_filter.setCurrentIndex(view.kind_filter.findData(InteractionKind.EVENT))
    assert view.model.rowCount() == 0
    assert view.empty_label.text() == "No interaction matches the search and filters."
    view.period_filter.setCurrentIndex(0)
    assert view.model.rowCount() == 1
    view.kind_filter.setCurrentIndex(0)
    view.team_filter.setCurrentIndex(view.team_filter.findData(seeded.anna))
    assert view.model.rowCount() == 0  # Anna was at none of them
    view.team_filter.setCurrentIndex(0)

    view.show_focus(
        InteractionsFocus(interactions.InteractionQuery(person_id=seeded.people[1]), "With Els")
    )
    assert view.model.rowCount() == 1 and view.focus_button.isVisible()
    view.focus_button.click()
    assert view.model.rowCount() == 3 and not view.focus_button.isVisible()


def test_attendees_in_the_details_are_links_to_the_person(
    qtbot: QtBot, db: Database, seeded: Seeded, view: InteractionsView
) -> None:
    meeting = meet(db, seeded, "Overleg", organisation_ids=[seeded.emmen])
    view.refresh(select_id=meeting)
    details = view.interaction_details
    with qtbot.waitSignal(view.person_activated) as person:
        details.attendees_label.linkActivated.emit(f"person:{seeded.people[0]}")
    assert person.args == [seeded.people[0], "Berg, Jan"]
    with qtbot.waitSignal(view.organisation_activated) as org:
        details.organisations_label.linkActivated.emit(f"organisation:{seeded.emmen}")
    assert org.args == [seeded.emmen, "Gemeente Emmen"]


def test_the_person_pane_lists_the_last_interactions_and_presets_a_new_one(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter, seeded: Seeded
) -> None:
    jan = seeded.people[0]
    for days in range(7):
        meet(db, seeded, f"Gesprek {days}", days * 10)
    meet(db, seeded, "Zonder Jan", 1, attendees=[seeded.people[1]])
    contacts = ContactsView(db, runner, reporter)
    qtbot.addWidget(contacts)
    contacts.show()
    contacts.refresh(select_id=jan)
    section = contacts.person_details.interactions
    assert section.heading.text() == "Interactions (7)"
    subjects = [
        section.list.topLevelItem(i).text(2) for i in range(section.list.topLevelItemCount())
    ]
    assert subjects == [f"Gesprek {d}" for d in range(5)]  # the last five, newest first
    assert section.list.topLevelItem(0).text(1) == "Meeting"
    assert section.all_button.text() == "Show all 7"

    with qtbot.waitSignal(contacts.interaction_requested) as requested:
        section.record_button.click()
    preset = requested.args[0]
    assert isinstance(preset, InteractionData)
    assert preset.occurred_on == date.today()
    assert preset.kind is InteractionKind.MEETING
    assert list(preset.attendee_ids) == [jan]
    assert list(preset.organisation_ids) == [seeded.emmen]

    with qtbot.waitSignal(contacts.interactions_requested) as shown:
        section.all_button.click()
    focus = shown.args[0]
    assert isinstance(focus, InteractionsFocus)
    assert focus.query.person_id == jan and focus.title == "With Jan Berg"
