"""`techzone-crm analyse` on the example data: the files it writes, what is in them, filters."""

from __future__ import annotations

import csv
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import networkx as nx
import pytest
from sqlalchemy import select

from techzone_crm.analysis.gaps import GapKind
from techzone_crm.analysis.tables import GAPS_HEADER, METRICS_HEADER
from techzone_crm.cli import EXIT_OK, EXIT_USER_ERROR, main
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import EmailAddress, PhoneNumber

FILES = (
    "network.png",
    "network.svg",
    "network.pdf",
    "power-interest.png",
    "coverage.png",
    "salience.png",
    "metrics.csv",
    "gaps.csv",
    "stakeholders.graphml",
)
MAGIC = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml", ".graphml": b"<?xml"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyse") / "demo.sqlite"
    assert call("--db", str(path), "demo")[0] == EXIT_OK
    return path


@pytest.fixture(scope="module")
def whole(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The unfiltered analysis: the output folder and what the command printed."""
    out = tmp_path_factory.mktemp("whole") / "analysis"
    code, printed, err = call("--db", str(demo), "analyse", "--out", str(out))
    assert code == EXIT_OK, err
    return out, printed


def metrics_keys(out: Path) -> list[str]:
    return [row[0] for row in read_csv(out / "metrics.csv")[1:]]


def test_every_file_is_written_and_named(whole: tuple[Path, str]) -> None:
    out, printed = whole
    for name in FILES:
        path = out / name
        assert path.is_file(), name
        assert path.stat().st_size > 0, name
        assert path.read_bytes().startswith(MAGIC.get(path.suffix, b"")), name
        assert name in printed
    assert "Method: betweenness: exact; communities: Louvain" in printed
    assert re.search(r"Analysed \d+ nodes and [\d,]+ ties: Whole network", printed)


def test_metrics_have_one_row_per_node_of_the_graph(whole: tuple[Path, str]) -> None:
    out, printed = whole
    rows = read_csv(out / "metrics.csv")
    assert tuple(rows[0]) == METRICS_HEADER
    keys = [row[0] for row in rows[1:]]
    graph = nx.read_graphml(out / "stakeholders.graphml")
    assert len(keys) == len(set(keys)) == graph.number_of_nodes()
    assert set(keys) == set(graph.nodes)
    assert f"Analysed {len(keys)} nodes" in printed
    assert all(len(row) == len(METRICS_HEADER) for row in rows[1:])
    communities = {row[METRICS_HEADER.index("community")] for row in rows[1:]}
    assert communities and all(c.isdigit() for c in communities)
    betweenness = [float(row[METRICS_HEADER.index("betweenness")]) for row in rows[1:]]
    assert betweenness == sorted(betweenness, reverse=True)  # the brokers first


def test_gaps_say_why_and_what_to_do(whole: tuple[Path, str]) -> None:
    out, _ = whole
    rows = read_csv(out / "gaps.csv")
    assert tuple(rows[0]) == GAPS_HEADER
    assert len(rows) > 1
    kinds = {k.value for k in GapKind}
    for kind, subject, reason, action, _owner in rows[1:]:
        assert kind in kinds
        assert subject and len(reason) > 10 and action


def test_graphml_is_plain_and_holds_no_contact_details(demo: Path, whole: tuple[Path, str]) -> None:
    out, _ = whole
    text = (out / "stakeholders.graphml").read_text(encoding="utf-8")
    graph = nx.read_graphml(out / "stakeholders.graphml")
    names = {name for _, attrs in graph.nodes(data=True) for name in attrs}
    names |= {name for *_, attrs in graph.edges(data=True) for name in attrs}
    assert {"label", "kind", "helix", "role", "betweenness", "community"} <= names
    assert not [n for n in names if re.search("mail|phone|address|note|street", n)]
    for _, attrs in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    db = open_database(demo)
    try:
        with db.read() as session:
            emails = session.scalars(select(EmailAddress.address)).all()
            phones = session.scalars(select(PhoneNumber.number)).all()
    finally:
        db.close()
    assert emails and phones
    assert not EMAIL.search(text)
    assert not [p for p in phones if p in text or p.lstrip("+") in text]


def test_a_filter_narrows_the_network(demo: Path, whole: tuple[Path, str], tmp_path: Path) -> None:
    everything = metrics_keys(whole[0])
    code, printed, err = call(
        "--db", str(demo), "analyse", "--out", str(tmp_path), "--helix", "government"
    )
    assert code == EXIT_OK, err
    narrowed = metrics_keys(tmp_path)
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed) <= set(everything)
    rows = read_csv(tmp_path / "metrics.csv")[1:]
    kind, helix = METRICS_HEADER.index("kind"), METRICS_HEADER.index("helix")
    assert {r[helix] for r in rows if r[kind] == "organisation"} == {"government"}
    assert "helix: government" in printed
    assert all((tmp_path / name).stat().st_size > 0 for name in FILES)


def test_agenda_by_name_and_ego_network(
    demo: Path, whole: tuple[Path, str], tmp_path: Path
) -> None:
    everything = set(metrics_keys(whole[0]))
    code, printed, err = call(
        "--db", str(demo), "analyse", "--out", str(tmp_path / "a"), "--agenda", "regio deal"
    )
    assert code == EXIT_OK, err
    assert "Regio Deal" in printed
    agenda = metrics_keys(tmp_path / "a")
    assert any(k.startswith("agenda:") for k in agenda)
    assert len(agenda) < len(everything)

    person = next(r for r in read_csv(tmp_path / "a" / "metrics.csv")[1:] if r[2] == "person")
    code, printed, err = call(
        "--db", str(demo), "analyse", "--out", str(tmp_path / "e"), "--ego", person[1],
        "--steps", "1", "--colour-by", "community",
    )  # fmt: skip
    assert code == EXIT_OK, err
    ego = set(metrics_keys(tmp_path / "e"))
    assert person[0] in ego
    assert len(ego) < len(everything)
    assert f"around {person[1]}" in printed


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--agenda", "Nergens-agenda", "--agenda: no agenda is called 'Nergens-agenda'"),
        ("--dossier", "999", "--dossier: no dossier is called '999'"),
        ("--ego", "Niemand Bekend", "--ego: no person, organisation or team member is called"),
        ("--theme", "a", "--theme: 'a' could be"),
        ("--steps", "2", "--steps needs --ego"),
        ("--min-strength", "-1", "--min-strength cannot be negative"),
        ("--window-days", "-5", "--window-days cannot be negative"),
    ],
)
def test_a_bad_filter_exits_2_naming_it(
    demo: Path, tmp_path: Path, option: str, value: str, message: str
) -> None:
    out = tmp_path / "never"
    code, printed, err = call("--db", str(demo), "analyse", "--out", str(out), option, value)
    assert code == EXIT_USER_ERROR
    assert message in err
    assert "Traceback" not in err and printed == ""
    assert not out.exists()


def test_an_unknown_choice_is_refused_by_the_parser(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo), "analyse", "--out", str(tmp_path / "x"), "--helix", "aliens"])
    assert exit_info.value.code == EXIT_USER_ERROR
    assert "argument --helix: invalid choice: 'aliens'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_out_must_be_a_folder(demo: Path, tmp_path: Path) -> None:
    taken = tmp_path / "file.txt"
    taken.write_text("x", encoding="utf-8")
    code, _, err = call("--db", str(demo), "analyse", "--out", str(taken))
    assert code == EXIT_USER_ERROR
    assert "--out" in err and "is a file" in err


def test_the_map_shows_the_most_influential_and_all_on_request(demo: Path, tmp_path: Path) -> None:
    sizes = {}
    for name, extra in (("default", ()), ("all", ("--map-nodes", "0", "--map-min-strength", "0"))):
        out = tmp_path / name
        code, _printed, err = call("--db", str(demo), "analyse", "--out", str(out), *extra)
        assert code == EXIT_OK, err
        svg = (out / "network.svg").read_text(encoding="utf-8")
        sizes[name] = svg.count("<path")
        # The tables always hold the whole network.
        assert len(metrics_keys(out)) == len(metrics_keys(tmp_path / "default"))
    assert sizes["default"] < sizes["all"]
    code, _printed, err = call(
        "--db", str(demo), "analyse", "--out", str(tmp_path / "bad"), "--map-nodes", "-1"
    )
    assert code == EXIT_USER_ERROR and "--map-nodes" in err
    assert not (tmp_path / "bad").exists()
