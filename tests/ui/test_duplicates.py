"""Finding duplicate people and merging them through the dialogs, with undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.services import affiliations, duplicates, organisations, people
from techzone_crm.services.affiliations import AffiliationData, person_affiliations
from techzone_crm.services.duplicates import ReasonKind
from techzone_crm.services.people import EmailData, PersonData, PhoneData
from techzone_crm.services.snapshots import snapshot_person
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs.duplicates_dialog import DuplicatesDialog
from techzone_crm.ui.dialogs.merge_dialog import A, B, MergeDialog
from techzone_crm.ui.main_window import MainWindow
from techzone_crm.ui.models.duplicates_model import DuplicatesModel
from techzone_crm.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def _seed(db: Database) -> tuple[int, int, int]:
    """Two records of Jan de Vries (one with initials) and someone unrelated."""
    with db.sessions.begin() as session:
        emmen = organisations.add_organisation(
            session, organisations.OrganisationData("Gemeente Emmen", "government")
        )
        port = organisations.add_organisation(
            session, organisations.OrganisationData("Spoorhaven Grensland", "business")
        )
        first = people.add_person(
            session,
            PersonData(
                "J.",
                "Vries",
                name_prefix="de",
                notes="met at the regional fair",
                emails=[EmailData("jan@emmen.example")],
                phones=[PhoneData("0591 685 555")],
            ),
        )
        second = people.add_person(
            session,
            PersonData(
                "Jan",
                "Vries",
                name_prefix="de",
                title="drs.",
                emails=[EmailData("JAN@emmen.example"), EmailData("jan@spoorhaven.example")],
            ),
        )
        other = people.add_person(session, PersonData("Harm", "Bakker"))
        affiliations.add_affiliation(
            session, AffiliationData(first.id, emmen.id, "wethouder", date(2022, 5, 1))
        )
        affiliations.add_affiliation(
            session, AffiliationData(second.id, port.id, "directeur", date(2019, 1, 1))
        )
        return first.id, second.id, other.id


def _open(qtbot: QtBot, dialog: DuplicatesDialog) -> None:
    with qtbot.waitSignal(dialog.searched, timeout=10_000):
        dialog.search()


def test_the_dialog_lists_a_seeded_pair_with_its_reasons(
    qtbot: QtBot, qtmodeltester: object, db: Database, runner: TaskRunner
) -> None:
    first, second, other = _seed(db)
    dialog = DuplicatesDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.show()

    _open(qtbot, dialog)

    model = dialog.model
    assert model.rowCount() == 1
    pair = dialog.selected_pair()
    assert pair is not None and {pair.person_a.id, pair.person_b.id} == {first, second}
    assert not pair.involves(other)
    reasons = model.index(0, DuplicatesModel.REASONS).data()
    assert "initials J. match the given name" in reasons
    assert "same e-mail address jan@emmen.example" in reasons
    assert model.index(0, DuplicatesModel.SCORE).data() == str(pair.score)
    tooltip = model.index(0, DuplicatesModel.NAME_A).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"{pair.person_a.name} (record #{pair.person_a.id})"
    assert {ReasonKind.INITIALS, ReasonKind.SAME_EMAIL} <= {r.kind for r in pair.reasons}
    assert dialog.merge_button.isEnabled()

    # The same pairs in a model that outlives the dialog, for the model checks.
    checked = DuplicatesModel()
    checked.set_pairs([pair, pair])
    qtmodeltester.check(checked, force_py=True)  # type: ignore[attr-defined]
    assert checked.remove_involving(first) == 2
    assert checked.rowCount() == 0


def test_a_search_can_be_stopped(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    _seed(db)
    dialog = DuplicatesDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.search()
    dialog.cancel_search()
    assert not dialog.searching
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Search stopped."
    qtbot.waitUntil(lambda: not runner.busy)


def _merge_through_dialogs(qtbot: QtBot, window: MainWindow) -> MergeDialog:
    window.duplicates_action.trigger()
    dialog: DuplicatesDialog = window.duplicates_dialog
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() == 1)
    dialog.merge_button.click()
    merge = dialog.merge_dialog
    assert merge is not None
    return merge


def test_merging_keeps_the_chosen_values_and_both_sets_of_emails_and_undo_restores(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    first, second, _other = _seed(db)
    with db.read() as session:
        before = {i: snapshot_person(session, i) for i in (first, second)}
    window = make_window()
    merge = _merge_through_dialogs(qtbot, window)
    # The defaults take the fuller value: the full given name and the title of B.
    assert merge.field_groups["given_name"].checkedId() == B
    assert merge.field_groups["notes"].checkedId() == A
    assert merge.united_labels["emails"].text() == "jan@emmen.example\njan@spoorhaven.example"
    assert "wethouder, Gemeente Emmen" in merge.united_labels["roles"].text()
    merge.choose("survivor", B)
    merge.choose("title", A)  # no title

    with qtbot.waitSignal(merge.merged):
        merge.merge_button.click()

    with db.read() as session:
        kept = people.get_person(session, second)
        assert kept.display_name == "Jan de Vries"
        assert kept.notes == "met at the regional fair"
        assert [e.address for e in kept.emails] == [
            "JAN@emmen.example",
            "jan@spoorhaven.example",
        ]
        assert [n.number for n in kept.phones] == ["+31591685555"]
        assert sorted(r.role for r in person_affiliations(session, second)) == [
            "directeur",
            "wethouder",
        ]
        assert people.count_people(session, people.PersonQuery(text="vries")) == 1
    assert window.duplicates_dialog.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 2)

    stack = window.undo_stack
    assert stack.undoText() == "Merge J. de Vries into Jan de Vries"
    stack.undo()

    with db.read() as session:
        after = {i: snapshot_person(session, i) for i in (first, second)}
    for i in (first, second):
        assert (after[i].given_name, after[i].title, after[i].notes) == (
            before[i].given_name,
            before[i].title,
            before[i].notes,
        )
        assert after[i].emails == before[i].emails
        assert after[i].phones == before[i].phones
        assert [a.id for a in after[i].affiliations] == [a.id for a in before[i].affiliations]
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 3)


def test_a_merge_of_a_record_changed_meanwhile_is_refused(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second, _other = _seed(db)
    window = make_window()
    merge = _merge_through_dialogs(qtbot, window)
    with db.sessions.begin() as session:  # another window edits one of them
        people.update_person(session, first, PersonData("Johannes", "Vries", name_prefix="de"))
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_problem", lambda _p, _t, message: shown.append(message))

    merge.merge_button.click()

    assert len(shown) == 1 and "changed elsewhere" in shown[0]
    with db.read() as session:
        assert people.get_person(session, first).given_name == "Johannes"
        assert [e.address for e in people.get_person(session, second).emails] == [
            "JAN@emmen.example",
            "jan@spoorhaven.example",
        ]
    assert window.undo_stack.count() == 0


def test_not_the_same_person_is_remembered_and_undoable(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    first, second, _other = _seed(db)
    window = make_window()
    window.duplicates_action.trigger()
    dialog: DuplicatesDialog = window.duplicates_dialog
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() == 1)

    dialog.distinct_button.click()

    assert dialog.model.rowCount() == 0
    assert window.undo_stack.undoText().startswith("Not the same person")
    with qtbot.waitSignal(dialog.searched, timeout=10_000):
        dialog.search()
    assert dialog.model.rowCount() == 0  # not paired again
    with db.read() as session:
        assert duplicates.distinct_pairs(session) == {(min(first, second), max(first, second))}

    with qtbot.waitSignal(dialog.searched, timeout=10_000):
        window.undo_stack.undo()
    assert dialog.model.rowCount() == 1
    dialog.reject()
    window.undo_stack.redo()  # the dialog is closed: the command must not reach into it
    with db.read() as session:
        assert len(duplicates.distinct_pairs(session)) == 1
