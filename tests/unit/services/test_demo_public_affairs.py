"""The public-affairs part of the example data: agendas, dossiers, history, contacts, promises."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import (
    AgendaLevel,
    Assessment,
    Commitment,
    Interaction,
    IssueStage,
    Organisation,
    Relationship,
    RelationshipKind,
    ThemeAlignment,
)
from techzone_crm.services.agendas import AgendaQuery, list_agendas
from techzone_crm.services.assessments import Stakeholder, movement
from techzone_crm.services.commitments import CommitmentQuery, CommitmentState, list_commitments
from techzone_crm.services.demo import DemoSummary, load_demo
from techzone_crm.services.dossiers import list_dossiers
from techzone_crm.services.network import network_data
from techzone_crm.services.relationships import organisation_relationships
from techzone_crm.services.rhythm import RhythmStatus, overdue_contacts

TODAY = date(2024, 3, 1)


def _load(path: Path, today: date = TODAY) -> tuple[Database, DemoSummary]:
    db = open_database(path)
    with db.sessions.begin() as session:
        summary = load_demo(session, seed=2021, today=today)
    return db, summary


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db, summary = _load(tmp_path_factory.mktemp("affairs") / "demo.sqlite")
    yield db, summary
    db.close()


@pytest.fixture
def s(loaded: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with loaded[0].sessions() as session:
        yield session


def test_the_summary_counts_the_public_affairs_data(
    loaded: tuple[Database, DemoSummary], s: Session
) -> None:
    summary = loaded[1]
    assert summary.agendas >= 8
    assert summary.dossiers >= 5
    assert summary.interactions >= 250
    assert summary.commitments >= 30
    assert summary.assessments >= 80
    assert s.scalar(select(func.count()).select_from(Interaction)) == summary.interactions
    assert s.scalar(select(func.count()).select_from(Commitment)) == summary.commitments
    assert s.scalar(select(func.count()).select_from(Assessment)) == summary.assessments
    assert f"{summary.interactions} interactions" in summary.describe()
    assert summary.relationships >= 400
    assert s.scalar(select(func.count()).select_from(Relationship)) == summary.relationships
    assert f"{summary.relationships} relationships" in summary.describe()


def test_every_agenda_level_and_the_own_agenda_with_led_themes(s: Session) -> None:
    rows = list_agendas(s)
    assert {row.level for row in rows} == set(AgendaLevel)
    own = [row for row in rows if row.level is AgendaLevel.OWN]
    assert [row.name for row in own] == ["Strategische agenda Dutch TechZone 2021-2026"]
    assert own[0].themes >= 4
    assert all(row.stakeholders >= 2 for row in rows)
    assert (s.scalar(select(func.count()).select_from(ThemeAlignment)) or 0) >= 10
    assert len(list_agendas(s, AgendaQuery(level=AgendaLevel.EU))) >= 3


def test_dossiers_at_several_stages_with_sourced_positions(s: Session) -> None:
    rows = list_dossiers(s)
    assert len({row.stage for row in rows}) >= 4
    assert IssueStage.CRITICAL in {row.stage for row in rows}
    assert all(row.agendas >= 1 and row.positions >= 1 for row in rows)


def test_assessments_have_history_that_shows_movement(s: Session) -> None:
    people = s.scalars(
        select(Assessment.person_id)
        .where(Assessment.person_id.is_not(None))
        .group_by(Assessment.person_id)
        .having(func.count() >= 2)
    ).all()
    assert len(people) >= 40
    moved = [movement(s, Stakeholder.person(p)) for p in people if p is not None]
    assert sum(1 for m in moved if m is not None and m.changes) >= 30


def test_commitments_in_every_state_by_us_and_by_stakeholders(s: Session) -> None:
    rows = list_commitments(s, CommitmentQuery(), today=TODAY)
    assert {row.state for row in rows} == set(CommitmentState)
    assert any(r.by_us for r in rows) and any(not r.by_us for r in rows)
    overdue = [r for r in rows if r.state is CommitmentState.OVERDUE]
    assert overdue and all(r.due_on is not None and r.due_on < TODAY for r in overdue)


def test_the_follow_up_list_has_amber_red_and_never(s: Session) -> None:
    statuses = {r.status for r in overdue_contacts(s, TODAY)}
    assert {RhythmStatus.AMBER, RhythmStatus.RED, RhythmStatus.NEVER} <= statuses
    latest = s.scalar(select(func.max(Interaction.occurred_on)))
    assert latest is not None and latest <= TODAY


def test_relationships_of_every_kind_and_strength_between_people_and_organisations(
    s: Session,
) -> None:
    rows = s.execute(
        select(Relationship.kind, Relationship.person_a_id.is_not(None), Relationship.strength)
    ).all()
    people = {kind for kind, between_people, _ in rows if between_people}
    organisations = {kind for kind, between_people, _ in rows if not between_people}
    assert {"works_with", "advises", "reports_to"} <= people
    assert {"member_of", "funds", "partner_of"} <= organisations
    assert sum(1 for _, between_people, _ in rows if between_people) >= 300
    assert sum(1 for _, between_people, _ in rows if not between_people) >= 100
    strengths = [strength for _, _, strength in rows]
    assert set(strengths) == {1, 2, 3, 4, 5}
    dated = s.scalar(select(func.count()).where(Relationship.started_on.is_not(None)))
    assert dated is not None and 0.6 * len(rows) <= dated < len(rows)
    assert (s.scalar(select(func.max(Relationship.started_on))) or TODAY) <= TODAY


def test_the_partners_are_members_of_the_collaboration_and_funding_flows_to_it(
    s: Session,
) -> None:
    dtz = s.scalars(select(Organisation.id).where(Organisation.name == "Dutch TechZone")).one()
    rows = organisation_relationships(s, dtz)
    members = {r.other_name for r in rows if r.kind is RelationshipKind.MEMBER_OF}
    funders = {r.other_name for r in rows if r.kind is RelationshipKind.FUNDS}
    assert {"Gemeente Emmen", "Gemeente Coevorden", "Provincie Drenthe", "Drenthe College"} <= (
        members
    )
    assert "Regio Deal Zuid- en Oost-Drenthe" in funders
    assert all(not r.outgoing for r in rows)


def test_people_cluster_by_helix_with_a_few_brokers_between(s: Session) -> None:
    data = network_data(s, TODAY)
    helix = {n.key: n.helix for n in data.nodes}
    ties = [t for t in data.ties if t.kind == "relationship" and t.source.startswith("person:")]
    crossing = [t for t in ties if helix[t.source] != helix[t.target]]
    assert 0.1 * len(ties) <= len(crossing) <= 0.35 * len(ties)
    per_person: dict[str, int] = {}
    for t in crossing:
        for key in (t.source, t.target):
            per_person[key] = per_person.get(key, 0) + 1
    brokers = [key for key, n in per_person.items() if n >= 5]
    assert 5 <= len(brokers) <= 25
    # The brokers carry a good share of the ties between the helices.
    assert sum(per_person[b] for b in brokers) >= 0.4 * len(crossing)


def test_same_seed_and_today_give_the_same_rows(tmp_path: Path, s: Session) -> None:
    db, _ = _load(tmp_path / "again.sqlite")
    query = select(Interaction.occurred_on, Interaction.kind, Interaction.subject).order_by(
        Interaction.id
    )
    commitments = select(Commitment.description, Commitment.due_on, Commitment.status).order_by(
        Commitment.id
    )
    relationships = select(
        Relationship.kind,
        Relationship.person_a_id,
        Relationship.person_b_id,
        Relationship.organisation_a_id,
        Relationship.organisation_b_id,
        Relationship.strength,
        Relationship.started_on,
        Relationship.note,
    ).order_by(Relationship.id)
    try:
        with db.sessions() as other:
            assert other.execute(query).all() == s.execute(query).all()
            assert other.execute(commitments).all() == s.execute(commitments).all()
            assert other.execute(relationships).all() == s.execute(relationships).all()
    finally:
        db.close()
