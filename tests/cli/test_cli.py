"""The command line as a user runs it: exit codes, output, and what ends up in the database."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from techzone_crm.cli import EXIT_OK, EXIT_USER_ERROR, main
from techzone_crm.db.migrate import head_revision, open_database
from techzone_crm.db.models import Helix, ViewKind
from techzone_crm.services import people, saved_views


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_creates_and_migrates_a_new_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "info")
    assert code == EXIT_OK
    assert db_path.exists()
    assert f"schema\t{head_revision()}" in out
    assert "people\t0" in out


def test_db_from_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("TECHZONE_CRM_DB", str(target))
    code, out, _ = run(capsys, "info")
    assert code == EXIT_OK
    assert str(target) in out
    assert target.exists()


def test_default_database_lives_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    code, out, _ = run(capsys, "info")
    assert code == EXIT_OK
    created = list((tmp_path / "xdg").rglob("techzone-crm.sqlite"))
    assert len(created) == 1
    assert str(created[0]) in out


def test_sqlalchemy_url_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"
    code, _, _ = run(capsys, "--db", url, "info")
    assert code == EXIT_OK
    assert (tmp_path / "url.sqlite").exists()


def test_demo_fills_an_empty_database_and_then_searches(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "demo")
    assert code == EXIT_OK
    assert "organisations" in out
    db = open_database(db_path)
    try:
        with db.read() as session:
            assert people.count_people(session, people.PersonQuery()) >= 400
    finally:
        db.close()

    code, out, _ = run(capsys, "--db", str(db_path), "search", "emmen")
    assert code == EXIT_OK
    assert "organisation\t" in out and "Gemeente Emmen" in out

    code, out, _ = run(capsys, "--db", str(db_path), "people", "--limit", "5")
    assert code == EXIT_OK
    assert len(out.strip().splitlines()) == 6  # header + 5 rows


def test_demo_refuses_a_database_with_data_and_changes_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", str(db_path), "demo")[0] == EXIT_OK
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    conn.close()

    code, _, err = run(capsys, "--db", str(db_path), "demo")
    assert code == EXIT_USER_ERROR
    assert "already" in err.lower()
    with sqlite3.connect(db_path) as conn:
        after = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    conn.close()
    assert after == before


def test_newer_database_is_refused_with_exit_code_2(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", str(db_path), "info")[0] == EXIT_OK
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()

    code, _, err = run(capsys, "--db", str(db_path), "people")
    assert code == EXIT_USER_ERROR
    assert "newer version" in err
    assert "Traceback" not in err


def test_not_a_database_gives_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"this is a shopping list, not a database" * 100)
    code, _, err = run(capsys, "--db", str(junk), "info")
    assert code == EXIT_USER_ERROR
    assert "not a TechZone CRM database" in err or "damaged" in err


def test_check_reports_a_sound_database(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == EXIT_OK
    assert "no problems found" in out


def test_search_without_hits_says_so(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "search", "zzzzq")
    assert code == EXIT_OK
    assert out == ""
    assert "Nothing matches" in err


def test_people_filters_combine_and_saved_views_are_usable(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", str(db_path), "demo")[0] == EXIT_OK

    code, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "people",
        "--helix",
        "government",
        "--region",
        "Emmen",
        "--limit",
        "1000",
    )
    assert code == EXIT_OK
    emmen_government = out.rstrip("\n").splitlines()[1:]
    assert emmen_government
    code, out, _ = run(capsys, "--db", str(db_path), "people", "--limit", "1000")
    assert len(out.rstrip("\n").splitlines()[1:]) > len(emmen_government)

    code, out, _ = run(capsys, "--db", str(db_path), "people", "--no-owner", "--limit", "1000")
    assert code == EXIT_OK
    assert all(line.split("\t")[6] == "" for line in out.rstrip("\n").splitlines()[1:])

    db = open_database(db_path)
    try:
        with db.sessions.begin() as session:
            saved_views.save_view(
                session,
                ViewKind.PEOPLE,
                "Overheid Emmen",
                people.PersonQuery(helix=Helix.GOVERNMENT, region="Emmen"),
            )
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", str(db_path), "views")
    assert "people\tOverheid Emmen" in out
    code, out, _ = run(
        capsys, "--db", str(db_path), "people", "--view", "overheid emmen", "--limit", "1000"
    )
    assert code == EXIT_OK
    assert out.rstrip("\n").splitlines()[1:] == emmen_government


def test_unknown_owner_or_view_is_a_clear_error(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "people", "--owner", "Nobody Known")
    assert code == EXIT_USER_ERROR
    assert "No team member is called 'Nobody Known'" in err
    code, _, err = run(capsys, "--db", str(db_path), "organisations", "--view", "Missing")
    assert code == EXIT_USER_ERROR
    assert "no saved view called 'Missing'" in err


def test_a_reader_that_stops_early_is_not_an_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    assert run(capsys, "--db", str(db_path), "info")[0] == EXIT_OK
    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdout", ClosedPipe())
        code = main(["--db", str(db_path), "people"])
    _, err = capsys.readouterr()
    assert code == EXIT_OK
    assert "internal error" not in err
