"""The environment analysis of the example data: the pipeline on the database, the grid's
assessment history and the salience classes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.model import NodeKind
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import Assessment, Person
from techzone_crm.services import demo
from techzone_crm.services.assessments import AssessmentData, Stakeholder, add_assessment, history
from techzone_crm.services.environment import (
    EnvironmentAnalysis,
    analyse,
    grid_entries,
    salience_counts,
)
from techzone_crm.services.network_links import organisation_key, person_key

TODAY = date(2024, 3, 1)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("environment") / "demo.sqlite")
    with database.sessions.begin() as s:
        demo.load_demo(s, seed=2021, today=TODAY)
    yield database
    database.close()


@pytest.fixture(scope="module")
def whole(db: Database) -> EnvironmentAnalysis:
    with db.read() as s:
        return analyse(s, TODAY)


class Statements:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.count = 0

    def _seen(self, *_args: object) -> None:
        self.count += 1

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


def test_the_whole_example_network_is_analysed(whole: EnvironmentAnalysis) -> None:
    kinds = {kind for _, kind in whole.graph.nodes(data="kind")}

    assert whole.today == TODAY
    assert whole.nodes > 500 and whole.ties > 2000
    assert {NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.TEAM_MEMBER} <= kinds
    assert set(whole.metrics.rows) == set(whole.graph) == set(whole.positions)
    assert whole.gaps and whole.coverage
    assert "betweenness:" in whole.metrics.method


def test_a_filter_narrows_the_analysis(db: Database, whole: EnvironmentAnalysis) -> None:
    with db.read() as s:
        government = analyse(s, TODAY, NetworkFilter(helix="government"))

    helices = {h for _, h in government.graph.nodes(data="helix") if h}
    assert 0 < government.nodes < whole.nodes
    assert "business" not in {
        government.graph.nodes[k]["helix"]
        for k, kind in government.graph.nodes(data="kind")
        if kind == NodeKind.ORGANISATION
    }
    assert "government" in helices


def test_grid_entries_are_the_latest_and_previous_overall_assessments(
    db: Database, whole: EnvironmentAnalysis
) -> None:
    with db.read() as s:
        entries = grid_entries(s, whole)
        assert entries
        for entry in entries:
            kind, ident = entry.key.split(":")
            who = (
                Stakeholder.person(int(ident))
                if kind == NodeKind.PERSON
                else Stakeholder.organisation(int(ident))
            )
            rows = [r for r in history(s, who) if r.assessed_on <= TODAY]
            assert (entry.power, entry.interest, entry.attitude) == (
                rows[0].power,
                rows[0].interest,
                rows[0].attitude,
            )
            before = (rows[1].power, rows[1].interest) if len(rows) > 1 else None
            assert entry.previous == before
            assert entry.label == whole.label(entry.key)
            assert entry.kind == kind

    assert all(e.key in whole.graph for e in entries)
    assert [e.power for e in entries] == sorted((e.power for e in entries), reverse=True)


def test_grid_entries_only_cover_the_analysed_graph(db: Database) -> None:
    with db.read() as s:
        government = analyse(s, TODAY, NetworkFilter(helix="government"))
        entries = grid_entries(s, government)

    assert entries and all(e.key in government.graph for e in entries)


def test_grid_entries_are_read_in_one_statement(db: Database, whole: EnvironmentAnalysis) -> None:
    with db.read() as s:
        s.execute(select(1))  # the transaction has begun
        with Statements(db.engine) as statements:
            grid_entries(s, whole)

    assert statements.count == 1


def test_a_first_assessment_has_no_previous_and_a_dossier_assessment_does_not_count(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    database = open_database(tmp_path_factory.mktemp("grid") / "demo.sqlite")
    try:
        with database.sessions.begin() as s:
            demo.load_demo(s, seed=2021, today=TODAY)
            assessed = set(s.scalars(select(Assessment.person_id)))
            organisation = s.scalars(
                select(Assessment.organisation_id).where(Assessment.organisation_id.is_not(None))
            ).first()
            fresh = next(
                pid
                for (pid,) in s.execute(select(Person.id).order_by(Person.id))
                if pid not in assessed
            )
            add_assessment(s, AssessmentData(TODAY, 5, 4, person_id=fresh, attitude=-1), TODAY)
        with database.read() as s:
            analysis = analyse(s, TODAY)
            entries = {e.key: e for e in grid_entries(s, analysis)}
    finally:
        database.close()

    entry = entries[person_key(fresh)]
    assert (entry.power, entry.interest, entry.previous, entry.attitude) == (5, 4, None, -1)
    if organisation is not None:
        assert entries[organisation_key(organisation)].kind == NodeKind.ORGANISATION


def test_salience_counts_cover_every_assessed_stakeholder(whole: EnvironmentAnalysis) -> None:
    counts = salience_counts(whole)
    assessed = [
        k
        for k, attrs in whole.graph.nodes(data=True)
        if attrs["kind"] in (NodeKind.PERSON, NodeKind.ORGANISATION) and attrs["salience"]
    ]

    assert sum(len(names) for names in counts.values()) == len(assessed) > 0
    assert set(counts) <= {
        "definitive",
        "dominant",
        "dangerous",
        "dependent",
        "dormant",
        "discretionary",
        "demanding",
        "non_stakeholder",
    }
