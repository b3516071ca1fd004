"""`techzone-crm export` on the example data: every format, filters, columns and bad input."""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path

import networkx as nx
import pytest
import vobject

from techzone_crm.cli import EXIT_OK, EXIT_USER_ERROR, main


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing an option
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.sqlite"
    assert call("--db", str(path), "demo")[0] == EXIT_OK
    return path


def people_count(demo: Path) -> int:
    with closing(sqlite3.connect(demo)) as conn:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])


def log_rows(demo: Path) -> list[tuple[str, str, int, str]]:
    with closing(sqlite3.connect(demo)) as conn:
        return list(conn.execute("SELECT kind, format, count, path FROM export_log ORDER BY id"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "csv-nl", "vcard", "graphml", "gexf"])
def test_every_format_writes_every_person(demo: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"list.{fmt}"
    code, printed, err = call(
        "--db", str(demo), "export", "people", "--format", fmt, "-o", str(out)
    )
    total = people_count(demo)
    assert code == EXIT_OK, err
    assert printed == f"Wrote {total:,} people to {out}\n"
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    if fmt == "vcard":
        assert len(list(vobject.readComponents(out.read_bytes().decode("utf-8")))) == total
    elif fmt in ("graphml", "gexf"):
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "person") == total
    elif fmt == "xlsx":
        assert out.read_bytes().startswith(b"PK")
    else:
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (fmt == "csv-nl")
        rows = list(
            csv.reader(
                io.StringIO(raw.decode("utf-8-sig"), newline=""),
                delimiter=";" if fmt == "csv-nl" else ",",
            )
        )
        assert len(rows) == total + 1
        assert rows[0][:3] == ["Given name", "Name prefix", "Family name"]
    assert log_rows(demo)[-1] == ("people", fmt, total, str(out.resolve()))


def test_filters_and_columns_choose_the_rows_and_their_order(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "board.csv"
    code, printed, err = call(
        "--db",
        str(demo),
        "export",
        "people",
        "--format",
        "csv",
        "-o",
        str(out),
        "--tag",
        "Program Board",
        "--columns",
        "name,organisation,phone",
    )
    assert code == EXIT_OK, err
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert rows[0] == ["Name", "Organisation", "Phone"]
    assert 1 < len(rows) - 1 < people_count(demo)
    assert printed == f"Wrote {len(rows) - 1} people to {out}\n"
    with closing(sqlite3.connect(demo)) as conn:
        logged = conn.execute("SELECT filter FROM export_log ORDER BY id DESC").fetchone()[0]
    assert "Program Board" in logged


def test_organisations_export_with_filters(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "gov.csv"
    code, printed, err = call(
        "--db",
        str(demo),
        "export",
        "organisations",
        "--format",
        "csv-nl",
        "-o",
        str(out),
        "--helix",
        "government",
        "--columns",
        "name,helix",
    )
    assert code == EXIT_OK, err
    rows = list(
        csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert rows[0] == ["Name", "Helix"]
    assert {r[1] for r in rows[1:]} == {"government"}
    assert printed.startswith(f"Wrote {len(rows) - 1} organisations to ")


def test_vcard_with_notes(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "people.vcf"
    code, _, err = call(
        "--db",
        str(demo),
        "export",
        "people",
        "--format",
        "vcard",
        "--notes",
        "-o",
        str(out),
        "--search",
        "a",
    )
    assert code == EXIT_OK, err
    cards = list(vobject.readComponents(out.read_bytes().decode("utf-8")))
    assert cards and all(c.version.value == "3.0" for c in cards)
    assert any("note" in c.contents for c in cards)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["people", "--format", "csv", "--columns", "name,shoe_size"], "shoe_size"),
        (["organisations", "--format", "vcard"], "--format"),
        (["people", "--format", "pdf"], "--format"),
        (["people", "--format", "csv", "--owner", "Nobody Here"], "Nobody Here"),
        (["people", "--format", "csv", "--view", "No such view"], "No such view"),
    ],
)
def test_bad_input_exits_with_2_naming_it_and_writes_nothing(
    demo: Path, tmp_path: Path, args: list[str], named: str
) -> None:
    before = len(log_rows(demo))
    code, _, err = call("--db", str(demo), "export", *args, "-o", str(tmp_path / "out.file"))
    assert code == EXIT_USER_ERROR
    assert named in err
    assert list(tmp_path.iterdir()) == []
    assert len(log_rows(demo)) == before


def test_a_missing_folder_is_named(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "x.csv"
    code, _, err = call("--db", str(demo), "export", "people", "--format", "csv", "-o", str(target))
    assert code == EXIT_USER_ERROR
    assert "-o:" in err and "does not exist" in err
