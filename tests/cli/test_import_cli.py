"""`techzone-crm import`: mapping, all-or-nothing, skip-invalid, dry run, refusals, re-import."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from techzone_crm import cli_import
from techzone_crm.cli import EXIT_OK, EXIT_USER_ERROR, main
from techzone_crm.io.import_fields import ImportField

TABLES = ("person", "organisation", "affiliation", "email_address", "phone_number")
HEADER = "Voornaam;Tussenvoegsel;Achternaam;Organisatie;Functie;E-mailadres;Telefoon"
GOOD = [
    "Sanne;van der;Veen;Gemeente Emmen;Beleidsadviseur;s.vanderveen@emmen.example;0591-685412",
    "Jeroen;;Bakker;Provincie Drenthe;Gedeputeerde;j.bakker@drenthe.example;06 12345678",
    "Émilie;;Dubois;Gemeente Emmen;Wethouder;e.dubois@emmen.example;",
]
BAD = "Piet;;Post;Gemeente Emmen;Raadslid;piet.post(at)emmen;0591 123456"


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing an option
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


def people(db: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT given_name, name_prefix, family_name FROM person ORDER BY id")
        return [tuple(r) for r in rows]


def roles(db: Path) -> set[tuple[str, str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return set(
            conn.execute(
                "SELECT p.family_name, o.name, a.role FROM affiliation a JOIN person p "
                "ON p.id = a.person_id JOIN organisation o ON o.id = a.organisation_id"
            )
        )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path / "list.csv", [HEADER, *GOOD])


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write(tmp_path / "mixed.csv", [HEADER, GOOD[0], BAD, GOOD[1]])


def test_the_mapping_is_suggested_printed_and_the_people_imported(
    db_path: Path, good: Path
) -> None:
    code, out, err = call("--db", str(db_path), "import", str(good))
    assert code == EXIT_OK, err
    assert "Voornaam → given_name" in out
    assert "Tussenvoegsel → name_prefix" in out
    assert "E-mailadres → email" in out
    assert people(db_path) == [("Sanne", "van der", "Veen"), ("Jeroen", "", "Bakker"),
                               ("Émilie", "", "Dubois")]  # fmt: skip
    assert counts(db_path) == {
        "person": 3,
        "organisation": 2,
        "affiliation": 3,
        "email_address": 3,
        "phone_number": 2,
    }
    assert ("Dubois", "Gemeente Emmen", "Wethouder") in roles(db_path)
    assert err == ""  # no progress on a pipe, no warnings


def test_a_rejected_row_refuses_the_whole_file(db_path: Path, mixed: Path) -> None:
    code, out, err = call("--db", str(db_path), "import", str(mixed))
    assert code == EXIT_USER_ERROR
    assert "piet.post(at)emmen" in out  # the report names the value and the row
    assert "3" in out
    assert "Nothing was written" in err
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_skip_invalid_imports_the_others_and_reports_the_rejected(
    db_path: Path, mixed: Path
) -> None:
    code, out, err = call("--db", str(db_path), "import", str(mixed), "--skip-invalid")
    assert code == EXIT_OK, err
    assert "piet.post(at)emmen" in out
    assert [p[2] for p in people(db_path)] == ["Veen", "Bakker"]


def test_dry_run_reports_and_writes_nothing(db_path: Path, good: Path, mixed: Path) -> None:
    code, out, err = call("--db", str(db_path), "import", str(good), "--dry-run")
    assert code == EXIT_OK, err
    assert "Dry run: 3 people created" in out
    assert "2 new organisations" in out
    assert counts(db_path) == dict.fromkeys(TABLES, 0)

    code, out, _ = call("--db", str(db_path), "import", str(mixed), "--dry-run")
    assert code == EXIT_USER_ERROR
    assert "piet.post(at)emmen" in out
    assert "would be refused because 1 row has problems" in out
    assert counts(db_path) == dict.fromkeys(TABLES, 0)

    code, out, _ = call("--db", str(db_path), "import", str(mixed), "--dry-run", "--skip-invalid")
    assert code == EXIT_OK
    assert "2 people created" in out and "1 rejected row left out" in out
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_dry_run_shows_the_duplicates_and_what_would_happen(db_path: Path, good: Path) -> None:
    assert call("--db", str(db_path), "import", str(good))[0] == EXIT_OK
    before = counts(db_path)
    code, out, err = call("--db", str(db_path), "import", str(good), "--dry-run")
    assert code == EXIT_OK, err
    assert "Veen" in out  # the person already there, in the duplicates report
    assert "Dry run: 0 people created" in out
    code, out, _ = call(
        "--db", str(db_path), "import", str(good), "--dry-run", "--on-duplicate", "create"
    )
    assert "Dry run: 3 people created" in out
    assert counts(db_path) == before


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xls"),
        (bytes(range(256)) * 20, "garbage.csv"),
        (b"PK\x03\x04 not really a zip file", "broken.xlsx"),
    ],
)
def test_a_refused_file_leaves_the_database_unchanged(
    db_path: Path, good: Path, tmp_path: Path, content: bytes, name: str
) -> None:
    assert call("--db", str(db_path), "import", str(good))[0] == EXIT_OK
    before = counts(db_path)
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = call("--db", str(db_path), "import", str(bad))
    assert code == EXIT_USER_ERROR
    assert err.startswith("techzone-crm: ") and "internal error" not in err
    assert out == ""
    assert counts(db_path) == before


def test_a_missing_file_is_a_user_error(db_path: Path, tmp_path: Path) -> None:
    code, _, err = call("--db", str(db_path), "import", str(tmp_path / "nope.csv"))
    assert code == EXIT_USER_ERROR
    assert "nope.csv: no such file" in err


def test_importing_the_same_file_twice_creates_no_duplicates(db_path: Path, good: Path) -> None:
    assert call("--db", str(db_path), "import", str(good))[0] == EXIT_OK
    before = counts(db_path)
    code, out, err = call("--db", str(db_path), "import", str(good))
    assert code == EXIT_OK, err
    assert "0 new people created" in out and "3 known people already up to date" in out
    assert counts(db_path) == before


def test_on_duplicate_merge_adds_what_the_person_lacks(db_path: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.csv", [HEADER, GOOD[2]])
    assert call("--db", str(db_path), "import", str(first))[0] == EXIT_OK
    again = write(
        tmp_path / "b.csv",
        [HEADER, "Émilie;;Dubois;Gemeente Emmen;Wethouder;e.dubois@emmen.example;06 11223344"],
    )
    code, _, err = call("--db", str(db_path), "import", str(again), "--on-duplicate", "skip")
    assert code == EXIT_OK, err
    assert counts(db_path)["phone_number"] == 0
    code, _, err = call("--db", str(db_path), "import", str(again), "--on-duplicate", "merge")
    assert code == EXIT_OK, err
    assert counts(db_path)["person"] == 1
    assert counts(db_path)["phone_number"] == 1
    code, _, err = call("--db", str(db_path), "import", str(again), "--on-duplicate", "create")
    assert code == EXIT_OK, err
    assert counts(db_path)["person"] == 2


def test_save_mapping_then_use_it_for_the_next_file(db_path: Path, tmp_path: Path) -> None:
    header = "Kolom 1,Kolom 2,Kolom 3,Kolom 4"
    first = write(
        tmp_path / "week1.csv", [header, "Bram,Nijboer,Gemeente Assen,b.nijboer@assen.example"]
    )
    second = write(
        tmp_path / "week2.csv", [header, "Ilse,Molen,Gemeente Assen,i.molen@assen.example"]
    )
    given = ["Kolom 1=given_name", "2=family_name", "kolom 3=organisation", "Kolom 4=email"]
    maps = [part for m in given for part in ("--map", m)]
    code, out, err = call(
        "--db", str(db_path), "import", str(first), *maps, "--save-mapping", "weeklijst"
    )
    assert code == EXIT_OK, err
    assert "Kolom 4 → email" in out
    assert "Saved the mapping as 'weeklijst'." in out
    code, out, err = call("--db", str(db_path), "import", str(second), "--mapping", "weeklijst")
    assert code == EXIT_OK, err
    assert "Kolom 2 → family_name" in out
    assert people(db_path) == [("Bram", "", "Nijboer"), ("Ilse", "", "Molen")]
    assert counts(db_path)["organisation"] == 1


def test_a_rejected_import_does_not_save_its_mapping(
    db_path: Path, mixed: Path, good: Path
) -> None:
    code, _, _ = call("--db", str(db_path), "import", str(mixed), "--save-mapping", "lijst")
    assert code == EXIT_USER_ERROR
    code, _, err = call("--db", str(db_path), "import", str(good), "--mapping", "lijst")
    assert code == EXIT_USER_ERROR
    assert "lijst" in err


def test_map_can_ignore_a_column_and_bad_maps_are_refused(db_path: Path, good: Path) -> None:
    code, out, err = call("--db", str(db_path), "import", str(good), "--map", "Telefoon=-")
    assert code == EXIT_OK, err
    assert "ignored: Telefoon" in out
    assert counts(db_path)["phone_number"] == 0
    for bad, message in [
        ("Telefoon=fax", "unknown field 'fax'"),
        ("Fax=phone", "no column 'Fax'"),
        ("9=phone", "there is no column 9"),
        ("phone", "write COLUMN=FIELD"),
    ]:
        code, _, err = call("--db", str(db_path), "import", str(good), "--map", bad)
        assert code == EXIT_USER_ERROR
        assert message in err


def test_a_file_without_a_name_column_is_refused(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["Bedrijf;Telefoon", "Gemeente Emmen;0591 685000"])
    code, _, err = call("--db", str(db_path), "import", str(path))
    assert code == EXIT_USER_ERROR
    assert "--map COLUMN=FIELD" in err
    assert counts(db_path)["organisation"] == 0


def test_helix_applies_to_new_organisations_the_file_does_not_place(
    db_path: Path, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "x.csv", [HEADER, "Koen;;Jansen;Noorderpoort;Docent;k.jansen@np.example;"]
    )
    code, _, err = call("--db", str(db_path), "import", str(path), "--helix", "education")
    assert code == EXIT_OK, err
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT helix FROM organisation").fetchall() == [("education",)]


def test_encoding_and_delimiter_options(db_path: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.txt", [HEADER.replace(";", "|"), GOOD[2].replace(";", "|")], "cp1252"
    )
    code, _, err = call(
        "--db", str(db_path), "import", str(path), "--encoding", "cp1252", "--delimiter", "|"
    )
    assert code == EXIT_OK, err
    assert people(db_path) == [("Émilie", "", "Dubois")]


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_import._progress("Checking rows", 10**6) is None  # stderr is not a terminal
    err = io.StringIO()
    monkeypatch.setattr(err, "isatty", lambda: True)
    monkeypatch.setattr("sys.stderr", err)
    assert cli_import._progress("Checking rows", 10) is None  # a small file
    report = cli_import._progress("Checking rows", 10**6)
    assert report is not None
    report(500_000, 10**6)
    report(500_001, 10**6)  # the same percentage: not printed again
    report(10**6, 10**6)
    assert err.getvalue() == (
        "\rChecking rows: 500,000 of 1,000,000 (50%)"
        "\rChecking rows: 1,000,000 of 1,000,000 (100%)\n"
    )


def test_apply_maps_keeps_column_order() -> None:
    headers = ["Naam", "Mail", "Telefoon"]
    mapping = {0: ImportField.FULL_NAME, 2: ImportField.PHONE}
    assert cli_import.apply_maps(headers, mapping, ["Mail=email", "3=mobile"]) == {
        0: ImportField.FULL_NAME,
        1: ImportField.EMAIL,
        2: ImportField.MOBILE,
    }
