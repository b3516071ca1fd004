"""Background tasks: results, failures, progress and cancellation reach the GUI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import people
from techzone_crm.services.people import PersonData, PersonQuery
from techzone_crm.ui.tasks import CancelledError, Progress, TaskRunner

pytestmark = pytest.mark.gui


def test_a_write_task_commits_and_reports_its_result_on_the_gui_thread(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    received: list[tuple[object, int]] = []

    def work(session: Session, progress: Progress) -> int:
        progress(1, 2)
        person = people.add_person(session, PersonData("Jan", "Jansen"))
        progress(2, 2)
        return person.id

    progressed: list[tuple[int, int]] = []
    with qtbot.waitSignal(runner.idle):
        runner.submit(
            work,
            write=True,
            on_finished=lambda result: received.append((result, threading.get_ident())),
            on_progress=lambda done, total: progressed.append((done, total)),
        )
    assert received == [(1, threading.get_ident())]
    assert progressed == [(1, 2), (2, 2)]
    with db.read() as session:
        assert people.count_people(session, PersonQuery()) == 1


def test_a_failing_write_is_rolled_back_and_reported(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    def work(session: Session, _progress: Progress) -> None:
        people.add_person(session, PersonData("Jan", "Jansen"))
        raise ValueError("half-way")

    task = runner.submit(work, write=True)
    with qtbot.waitSignal(task.signals.failed) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, ValueError) and error.__traceback__ is not None
    with db.read() as session:
        assert people.count_people(session, PersonQuery()) == 0


def test_a_cancelled_task_stops_at_its_next_progress_report(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    started = threading.Event()
    go_on = threading.Event()

    def work(session: Session, progress: Progress) -> None:
        people.add_person(session, PersonData("Jan", "Jansen"))
        started.set()
        go_on.wait(5)
        progress(1, 1)

    task = runner.submit(work, write=True)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.signals.failed) as blocker:
        go_on.set()
    assert isinstance(blocker.args[0], CancelledError)
    with db.read() as session:
        assert people.count_people(session, PersonQuery()) == 0
    assert not runner.busy
