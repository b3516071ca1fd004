"""Garbage collection paused for bulk work, so that no full collection stalls the GUI."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from techzone_crm.gc_pause import collection_paused
from techzone_crm.services import import_plan, stakeholder_export
from techzone_crm.services.importing import plan_import, run_import

from .services.import_tables import mapping, table


def test_collection_is_paused_inside_and_restored_after_nested_blocks() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it
    assert gc.isenabled()


def test_a_block_in_another_thread_keeps_it_paused_until_both_have_ended() -> None:
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collection_paused():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with collection_paused():
        pass
    assert not gc.isenabled()
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_collection_stays_off_if_it_was_off_before() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_built_is_still_freed_once_unreferenced() -> None:
    with collection_paused():
        built = [[i] for i in range(1000)]
    probe = built[0]
    del built
    assert gc.is_tracked(probe)  # alive through its own reference, the rest gone with the list


def test_imports_and_exports_run_without_collections(
    session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []
    planned = import_plan._person

    def person(*args: object) -> object:
        seen.append(gc.isenabled())
        return planned(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(import_plan, "_person", person)
    plan = plan_import(
        session, table([["Jan", "", "Berg", "jan@drenthe.nl", "", "", ""]]), mapping()
    )
    assert seen == [False]
    assert gc.isenabled()

    writes = stakeholder_export._write_table

    def write(*args: object) -> int:
        seen.append(gc.isenabled())
        return writes(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stakeholder_export, "_write_table", write)
    run_import(session, plan)
    stakeholder_export.export_people(session, tmp_path / "people.csv", "csv")
    assert seen == [False, False]
    assert gc.isenabled()
