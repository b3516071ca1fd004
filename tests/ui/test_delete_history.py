"""Deleting people and organisations with a public-affairs history: asked, then undone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    AgendaLevel,
    AgendaTheme,
    Assessment,
    Commitment,
    DossierStakeholder,
    Helix,
    interaction_attendee,
)
from techzone_crm.services import (
    agenda_themes,
    agendas,
    assessments,
    commitments,
    dossier_positions,
    dossiers,
    interactions,
    organisations,
    people,
    team,
)
from techzone_crm.services.people import PersonData
from techzone_crm.services.stakeholder_history import PARTS
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.merge_dialog import A, B
from techzone_crm.ui.main_window import ORGANISATIONS, MainWindow
from techzone_crm.ui.models.organisations_model import OrganisationsTableModel
from techzone_crm.ui.models.people_model import PeopleTableModel

from .helpers import wait_loaded

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Seeded:
    jan: int
    els: int
    emmen: int
    assessment: int
    position: int
    meeting: int
    commitment: int
    theme: int
    agenda: int


def _seed(db: Database) -> Seeded:
    """Jan van der Berg: assessed, a position on a dossier, at a meeting, promised a note."""
    with db.sessions.begin() as s:
        emmen = organisations.add_organisation(
            s, organisations.OrganisationData("Gemeente Emmen", Helix.GOVERNMENT, "municipality")
        )
        jan = people.add_person(s, PersonData("Jan", "Berg", name_prefix="van der"))
        els = people.add_person(s, PersonData("Els", "Bakker"))
        anna = team.add_team_member(s, team.TeamMemberData("Anna de Boer"))
        dossier = dossiers.add_dossier(s, dossiers.DossierData("Spoorlijn Emmen–Groningen"))
        position = dossier_positions.add_position(
            s,
            dossier.id,
            dossier_positions.PositionData(
                2, person_id=jan.id, source="Raadsdebat", source_date=date(2024, 3, 1)
            ),
        )
        assessment = assessments.add_assessment(
            s,
            assessments.AssessmentData(
                date(2024, 1, 10), 4, 3, person_id=jan.id, attitude=-1, note="sceptisch"
            ),
        )
        assessments.add_assessment(
            s, assessments.AssessmentData(date(2024, 2, 1), 3, 3, organisation_id=emmen.id)
        )
        meeting = interactions.add_interaction(
            s,
            interactions.InteractionData(
                date(2024, 5, 2),
                "meeting",
                "Overleg spoor",
                attendee_ids=[jan.id, els.id],
                organisation_ids=[emmen.id],
                team_member_ids=[anna.id],
            ),
        )
        promise = commitments.add_commitment(
            s,
            commitments.CommitmentData(
                "Notitie sturen",
                team_member_id=anna.id,
                person_id=jan.id,
                interaction_id=meeting.id,
                due_on=date(2024, 6, 1),
            ),
        )
        agenda = agendas.add_agenda(
            s, agendas.AgendaData("Regio Deal", AgendaLevel.OWN, owner_organisation_id=emmen.id)
        )
        theme = agenda_themes.add_theme(
            s, agenda.id, agenda_themes.ThemeData("Spoor", lead_organisation_id=emmen.id)
        )
        return Seeded(
            jan.id,
            els.id,
            emmen.id,
            assessment.id,
            position.id,
            meeting.id,
            promise.id,
            theme.id,
            agenda.id,
        )


def _rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row referring to people or organisations (a changed reference moves versions)."""
    tables = {part.table for parts in PARTS.values() for part in parts}
    found = {}
    with db.read() as s:
        for table in sorted(tables, key=lambda t: t.name):
            columns = [c for c in table.columns if c.name not in ("version", "updated_at")]
            rows = s.execute(select(*columns).order_by(*table.primary_key.columns))
            found[table.name] = [tuple(r) for r in rows]
    return found


def _attendees(s: Session, meeting: int) -> list[int]:
    stmt = select(interaction_attendee.c.person_id).where(
        interaction_attendee.c.interaction_id == meeting
    )
    return sorted(s.scalars(stmt))


def _asking(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    asked: list[tuple[str, ...]] = []

    def confirm(_parent: object, *texts: str) -> bool:
        asked.append(texts)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


def _names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    return [model.index(r, PeopleTableModel.NAME).data() for r in range(model.rowCount())]


def _keys(qtbot: QtBot, window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    window.activateWindow()
    qtbot.keyClick(window.contacts.table, key, mods)
    wait_loaded(qtbot, window.contacts.model)
    wait_loaded(qtbot, window.organisations.model)


def _ctrl_z(qtbot: QtBot, window: MainWindow) -> None:
    _keys(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _ctrl_shift_z(qtbot: QtBot, window: MainWindow) -> None:
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _keys(qtbot, window, Qt.Key.Key_Z, mods)


def test_deleting_a_person_names_their_history_and_ctrl_z_brings_it_all_back(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeded = _seed(db)
    before = _rows(db)
    window = make_window()
    wait_loaded(qtbot, window.contacts.model)
    window.contacts.table.selectRow(_names(window).index("Berg, Jan van der"))
    qtbot.waitUntil(lambda: window.contacts.person_details.person_id == seeded.jan)
    asked = _asking(monkeypatch)

    window.contacts.table.setFocus()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_Delete)
    wait_loaded(qtbot, window.contacts.model)

    title, question, details, _accept = asked[0]
    assert (title, question) == ("Delete person", "Delete Jan van der Berg?")
    assert details.split("\n\n") == [
        "Deleted with them: 1 assessment, 1 position on a dossier and 1 commitment (toezegging).",
        "Kept, without them: 1 interaction they attended.",
        "Edit › Undo brings everything back.",
    ]
    assert _names(window) == ["Bakker, Els"]
    with db.read() as s:
        assert s.get(Assessment, seeded.assessment) is None
        assert s.get(DossierStakeholder, seeded.position) is None
        assert s.get(Commitment, seeded.commitment) is None
        assert _attendees(s, seeded.meeting) == [seeded.els]  # the meeting itself stays

    _ctrl_z(qtbot, window)
    assert _names(window) == ["Bakker, Els", "Berg, Jan van der"]
    assert _rows(db) == before
    with db.read() as s:
        back = s.get(Assessment, seeded.assessment)
        assert back is not None
        assert (back.person_id, back.assessed_on, back.attitude, back.note) == (
            seeded.jan,
            date(2024, 1, 10),
            -1,
            "sceptisch",
        )
        position = s.get(DossierStakeholder, seeded.position)
        assert position is not None and (position.source, position.source_date) == (
            "Raadsdebat",
            date(2024, 3, 1),
        )
        promise = s.get(Commitment, seeded.commitment)
        assert promise is not None
        assert (promise.person_id, promise.interaction_id) == (seeded.jan, seeded.meeting)
        assert _attendees(s, seeded.meeting) == sorted([seeded.jan, seeded.els])

    # Redo deletes them again; undo once more brings them back once more.
    _ctrl_shift_z(qtbot, window)
    with db.read() as s:
        assert s.get(Assessment, seeded.assessment) is None
        assert _attendees(s, seeded.meeting) == [seeded.els]
    _ctrl_z(qtbot, window)
    assert _rows(db) == before


def test_deleting_an_organisation_keeps_the_agenda_it_sets_and_undo_restores_the_links(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeded = _seed(db)
    before = _rows(db)
    window = make_window(ORGANISATIONS)
    view = window.organisations
    wait_loaded(qtbot, view.model)
    assert view.model.index(0, OrganisationsTableModel.NAME).data() == "Gemeente Emmen"
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.org_details.org_id == seeded.emmen)
    asked = _asking(monkeypatch)

    window.delete_action.trigger()
    wait_loaded(qtbot, view.model)

    assert asked[0][2].split("\n\n") == [
        "Deleted with it: 1 assessment.",
        "Kept, without it: 1 interaction it took part in, 1 agenda theme it leads and "
        "1 agenda it sets.",
        "Edit › Undo brings everything back.",
    ]
    with db.read() as s:
        theme = s.get(AgendaTheme, seeded.theme)
        assert theme is not None and theme.lead_organisation_id is None
        assert agendas.get_agenda(s, seeded.agenda).owner_organisation_id is None

    window.undo_action.trigger()
    wait_loaded(qtbot, view.model)
    assert _rows(db) == before
    with db.read() as s:
        assert agendas.get_agenda(s, seeded.agenda).owner_organisation_id == seeded.emmen


def test_deleting_several_people_lists_what_they_share_once_and_one_undo_restores_it(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed(db)
    before = _rows(db)
    window = make_window()
    view = window.contacts
    wait_loaded(qtbot, view.model)
    view.table.selectAll()
    asked = _asking(monkeypatch)

    with qtbot.waitSignal(view.bulk.finished, timeout=10_000):
        window.delete_action.trigger()
    wait_loaded(qtbot, view.model)

    assert asked[0][1] == "Delete the 2 people selected?"
    assert asked[0][2].split("\n\n") == [
        "Deleted with them: 1 assessment, 1 position on a dossier and 1 commitment (toezegging).",
        "Kept, without them: 1 interaction they attended.",  # both were at the meeting
        "Edit › Undo brings everything back.",
    ]
    assert view.model.rowCount() == 0
    window.undo_action.trigger()
    wait_loaded(qtbot, view.model)
    assert _rows(db) == before


def test_a_merge_keeps_the_history_of_the_record_merged_away_and_undo_gives_it_back(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    db: Database,
) -> None:
    seeded = _seed(db)
    with db.sessions.begin() as s:
        twin = people.add_person(s, PersonData("J.", "Berg", name_prefix="van der"))
        twin_id = twin.id
    before = _rows(db)
    window = make_window()
    window.duplicates_action.trigger()
    dialog = window.duplicates_dialog
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() == 1)
    dialog.merge_button.click()
    merge = dialog.merge_dialog
    assert merge is not None
    kept = A if merge.sources[A].id == twin_id else B
    merge.choose("survivor", kept)  # Jan's record with the history is merged away

    with qtbot.waitSignal(merge.merged):
        merge.merge_button.click()

    with db.read() as s:
        assert s.get(Assessment, seeded.assessment).person_id == twin_id
        assert s.get(DossierStakeholder, seeded.position).person_id == twin_id
        assert s.get(Commitment, seeded.commitment).person_id == twin_id
        assert _attendees(s, seeded.meeting) == sorted([seeded.els, twin_id])

    window.undo_stack.undo()
    assert _rows(db) == before
    window.undo_stack.redo()
    with db.read() as s:
        assert s.get(Assessment, seeded.assessment).person_id == twin_id
        assert _attendees(s, seeded.meeting) == sorted([seeded.els, twin_id])


def test_the_delete_question_counts_relationships_for_people_and_organisations(
    db: Database,
) -> None:
    from techzone_crm.services import organisations, people, relationships, stakeholder_links
    from techzone_crm.ui.views.delete_texts import organisation_delete_text, person_delete_text

    with db.sessions.begin() as s:
        jan = people.add_person(s, people.PersonData("Jan", "Berg")).id
        els = people.add_person(s, people.PersonData("Els", "Dijk")).id
        emmen = organisations.add_organisation(
            s, organisations.OrganisationData("Gemeente Emmen", "government")
        ).id
        tz = organisations.add_organisation(
            s, organisations.OrganisationData("Dutch TechZone", "civil_society")
        ).id
        relationships.add_relationship(
            s, relationships.RelationshipData.people("works_with", jan, els, 4)
        )
        relationships.add_relationship(
            s, relationships.RelationshipData.organisations("member_of", emmen, tz, 3)
        )
        person_text = person_delete_text(stakeholder_links.people_links(s, [jan]))
        org_text = organisation_delete_text(stakeholder_links.organisations_links(s, [emmen]))
    assert "1 relationship with another person" in person_text
    assert "1 relationship with another organisation" in org_text
