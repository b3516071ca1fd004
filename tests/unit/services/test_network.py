"""Reading the whole stakeholder network out of the database as plain data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from techzone_crm.analysis.model import NetworkData, Node, NodeKind, Tie, TieKind, node_key
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    AgendaTheme,
    Dossier,
    Organisation,
    Person,
    Relationship,
    TeamMember,
)
from techzone_crm.services import team
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme, align_theme
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.demo import load_demo
from techzone_crm.services.dossier_positions import PositionData, add_position
from techzone_crm.services.dossiers import DossierData, add_dossier, link_agenda
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.network import network_data
from techzone_crm.services.network_links import (
    organisation_key,
    person_key,
    position_relation,
    team_key,
)
from techzone_crm.services.relationships import RelationshipData, add_relationship

from .factories import org, person, role

TODAY = date(2025, 6, 1)
MEETING = date(2025, 3, 1)
EMAIL = date(2025, 5, 20)
#: network_data reads everything in at most this many statements, whatever the size of the data.
MAX_STATEMENTS = 25


@dataclass
class Small:
    anna: int
    bart: int
    province: int
    company: int
    jan: int
    els: int
    piet: int
    regio: int
    werken: int
    own: int
    talent: int
    rail: int


def _small(session: Session) -> Small:
    """Two officers, two organisations, three people and everything that links them."""
    anna = team.add_team_member(session, team.TeamMemberData("Anna de Boer")).id
    bart = team.add_team_member(session, team.TeamMemberData("Bart Smit", active=False)).id
    province = org(
        session,
        "Provincie Drenthe",
        "government",
        government_level="province",
        sectors=["logistics", "htsm"],
    )
    company = org(session, "Hondsrug Precisie B.V.", "business", sectors=["htsm"])
    jan = person(
        session,
        "Jan",
        "Berg",
        name_prefix="van der",
        title="dr.",
        owner_id=anna,
        backup_owner_id=bart,
    )
    els = person(session, "Els", "Bakker", do_not_contact=True, emails=["els@hondsrug.example"])
    piet = person(session, "Piet", "Mulder", owner_id=bart)
    role(session, jan, province, "gedeputeerde", start=date(2019, 5, 1))
    role(session, jan, company, "directeur", start=date(2010, 1, 1), end=date(2019, 4, 30))
    role(session, els, company, "directeur", start=date(2020, 1, 1))
    role(session, els, province, "adviseur", start=date(2026, 1, 1))  # not yet begun
    for day, power, interest, legit, dossier in [
        (date(2024, 1, 10), 3, 3, False, None),
        (date(2025, 2, 1), 5, 4, True, None),  # the newest overall one counts
    ]:
        add_assessment(
            session,
            AssessmentData(
                day,
                power,
                interest,
                person_id=jan.id,
                has_power=power >= 4,
                has_legitimacy=legit,
                attitude=1,
                dossier_id=dossier,
            ),
            today=TODAY,
        )
    add_assessment(
        session,
        AssessmentData(date(2025, 1, 1), 5, 2, organisation_id=province.id, attitude=-1),
        today=TODAY,
    )
    regio = add_agenda(
        session,
        AgendaData("Regio Deal", "national", owner_organisation_id=province.id, sectors=["htsm"]),
    ).id
    werken = add_theme(session, regio, ThemeData("Werken")).id
    own = add_agenda(session, AgendaData("Strategische agenda", "own")).id
    talent = add_theme(
        session, own, ThemeData("Talent", lead_organisation_id=company.id, lead_person_id=els.id)
    ).id
    align_theme(session, talent, regio, werken)
    link_stakeholder(session, regio, StakeholderLinkData("decides", person_id=jan.id))
    link_stakeholder(
        session, regio, StakeholderLinkData("benefits", organisation_id=company.id, theme_id=werken)
    )
    rail = add_dossier(session, DossierData("Spoorlijn", stage="current")).id
    link_agenda(session, rail, regio)
    add_position(session, rail, PositionData(2, person_id=jan.id), today=TODAY)
    add_position(session, rail, PositionData(-1, organisation_id=company.id), today=TODAY)
    add_position(session, rail, PositionData(0, person_id=piet.id), today=TODAY)
    # A dossier assessment is not the overall standing.
    add_assessment(
        session,
        AssessmentData(date(2025, 5, 1), 1, 1, person_id=jan.id, dossier_id=rail),
        today=TODAY,
    )
    add_relationship(session, RelationshipData.people("advises", els.id, jan.id, 4), today=TODAY)
    add_relationship(
        session, RelationshipData.organisations("partner_of", company.id, province.id, 2)
    )
    add_interaction(
        session,
        InteractionData(
            MEETING,
            "meeting",
            "Bestuurlijk overleg",
            attendee_ids=[jan.id, els.id],
            team_member_ids=[anna],
            organisation_ids=[province.id],
            agenda_ids=[regio],
            dossier_ids=[rail],
        ),
    )
    add_interaction(
        session,
        InteractionData(
            EMAIL, "email", "Brief", team_member_ids=[bart], organisation_ids=[company.id]
        ),
    )
    # Planned, not yet a contact.
    add_interaction(
        session, InteractionData(date(2025, 7, 1), "call", "Later", attendee_ids=[piet.id])
    )
    return Small(
        anna,
        bart,
        province.id,
        company.id,
        jan.id,
        els.id,
        piet.id,
        regio,
        werken,
        own,
        talent,
        rail,
    )


def test_every_node_with_what_the_analysis_filters_and_explains_by(session: Session) -> None:
    w = _small(session)

    data = network_data(session, TODAY)

    assert data.today == TODAY
    nodes = {n.key: n for n in data.nodes}
    assert len(nodes) == len(data.nodes) == 12
    assert nodes[f"person:{w.jan}"] == Node(
        f"person:{w.jan}",
        NodeKind.PERSON,
        "dr. Jan van der Berg",
        helix="government",
        level="province",
        sectors=("htsm", "logistics"),
        organisation="Provincie Drenthe",
        role="gedeputeerde",
        owner="Anna de Boer",
        owner_key=f"team_member:{w.anna}",
        power=5,
        interest=4,
        quadrant="key_player",
        salience="dominant",
        attitude=1,
        days_since_contact=92,
        overdue=True,  # a key player: every 42 days, 92 is past 1.5 × 42
    )
    # Do-not-contact: still in the network, with nothing but name and role.
    assert nodes[f"person:{w.els}"] == Node(
        f"person:{w.els}",
        NodeKind.PERSON,
        "Els Bakker",
        helix="business",
        sectors=("htsm",),
        organisation="Hondsrug Precisie B.V.",
        role="directeur",
        days_since_contact=92,
        overdue=False,  # not assessed: every 180 days
    )
    assert nodes[f"person:{w.piet}"] == Node(
        f"person:{w.piet}",
        NodeKind.PERSON,
        "Piet Mulder",
        owner="Bart Smit",
        owner_key=f"team_member:{w.bart}",
    )
    assert nodes[f"organisation:{w.province}"] == Node(
        f"organisation:{w.province}",
        NodeKind.ORGANISATION,
        "Provincie Drenthe",
        helix="government",
        level="province",
        sectors=("htsm", "logistics"),
        power=5,
        interest=2,
        quadrant="keep_satisfied",
        salience="non_stakeholder",
        attitude=-1,
    )
    assert nodes[f"organisation:{w.company}"] == Node(
        f"organisation:{w.company}",
        NodeKind.ORGANISATION,
        "Hondsrug Precisie B.V.",
        helix="business",
        sectors=("htsm",),
    )
    assert nodes[f"agenda:{w.regio}"] == Node(
        f"agenda:{w.regio}", NodeKind.AGENDA, "Regio Deal", level="national", sectors=("htsm",)
    )
    assert nodes[f"theme:{w.werken}"] == Node(
        f"theme:{w.werken}", NodeKind.THEME, "Werken", level="national", sectors=("htsm",)
    )
    assert nodes[f"agenda:{w.own}"] == Node(
        f"agenda:{w.own}", NodeKind.AGENDA, "Strategische agenda", level="own"
    )
    assert nodes[f"theme:{w.talent}"] == Node(
        f"theme:{w.talent}", NodeKind.THEME, "Talent", level="own"
    )
    assert nodes[f"dossier:{w.rail}"] == Node(f"dossier:{w.rail}", NodeKind.DOSSIER, "Spoorlijn")
    assert nodes[f"team_member:{w.anna}"] == Node(
        f"team_member:{w.anna}", NodeKind.TEAM_MEMBER, "Anna de Boer"
    )
    assert nodes[f"team_member:{w.bart}"] == Node(
        f"team_member:{w.bart}", NodeKind.TEAM_MEMBER, "Bart Smit", role="inactive"
    )


def test_every_raw_tie_with_the_inputs_of_its_strength(session: Session) -> None:
    w = _small(session)
    jan, els, piet = f"person:{w.jan}", f"person:{w.els}", f"person:{w.piet}"
    province, company = f"organisation:{w.province}", f"organisation:{w.company}"
    anna, bart = f"team_member:{w.anna}", f"team_member:{w.bart}"
    regio, werken = f"agenda:{w.regio}", f"theme:{w.werken}"
    own, talent, rail = f"agenda:{w.own}", f"theme:{w.talent}", f"dossier:{w.rail}"
    k = TieKind

    def met(a: str, b: str, by: str | None = None) -> Tie:
        return Tie(a, b, k.INTERACTION, relation="meeting", on=MEETING, by=by)

    expected = [
        Tie(jan, province, k.AFFILIATION, relation="gedeputeerde"),
        Tie(jan, company, k.AFFILIATION, relation="directeur", current=False),
        Tie(els, company, k.AFFILIATION, relation="directeur"),
        Tie(els, province, k.AFFILIATION, relation="adviseur", current=False),
        Tie(anna, jan, k.OWNERSHIP, relation="owner", by=anna),
        Tie(bart, jan, k.OWNERSHIP, relation="backup_owner", by=bart),
        Tie(bart, piet, k.OWNERSHIP, relation="owner", by=bart),
        Tie(els, jan, k.RELATIONSHIP, strength=4.0, relation="advises"),
        Tie(company, province, k.RELATIONSHIP, strength=2.0, relation="partner_of"),
        Tie(province, regio, k.AGENDA_LINK, relation="sets"),
        Tie(werken, regio, k.THEME),
        Tie(talent, own, k.THEME),
        Tie(els, talent, k.AGENDA_LINK, relation="leads"),
        Tie(company, talent, k.AGENDA_LINK, relation="leads"),
        Tie(jan, regio, k.AGENDA_LINK, relation="decides"),
        Tie(company, werken, k.AGENDA_LINK, relation="benefits"),
        Tie(talent, werken, k.ALIGNMENT),
        Tie(jan, rail, k.POSITION, relation="+2"),
        Tie(company, rail, k.POSITION, relation="-1"),
        Tie(piet, rail, k.POSITION, relation="0"),
        Tie(rail, regio, k.DOSSIER_AGENDA),
        # The meeting: attendees, the officer, the province, the agenda and the dossier.
        met(jan, els) if w.jan < w.els else met(els, jan),
        met(anna, jan, by=anna),
        met(anna, els, by=anna),
        met(jan, province),
        met(els, province),
        met(jan, regio),
        met(jan, rail),
        met(els, regio),
        met(els, rail),
        # The e-mail named nobody: the contact counts for the organisation.
        Tie(bart, company, k.INTERACTION, relation="email", on=EMAIL, by=bart),
    ]

    data = network_data(session, TODAY)

    assert Counter(data.ties) == Counter(expected)
    assert len(data.ties) == len(expected)
    keys = {n.key for n in data.nodes}
    assert all(t.source in keys and t.target in keys for t in data.ties)


def test_an_empty_database_is_an_empty_network(session: Session) -> None:
    assert network_data(session, TODAY) == NetworkData(TODAY)


class Statements:
    """Counts the SQL statements an engine runs."""

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


def _counted(db: Database) -> tuple[NetworkData, int]:
    with db.read() as s, Statements(db.engine) as statements:
        data = network_data(s, TODAY)
    return data, statements.count


def test_a_small_network_is_read_in_a_few_statements(db: Database) -> None:
    with db.sessions.begin() as s:
        _small(s)

    _, count = _counted(db)

    assert count <= MAX_STATEMENTS


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("network") / "demo.sqlite")
    with db.sessions.begin() as s:
        load_demo(s, seed=2021, today=TODAY)
    yield db
    db.close()


def test_the_example_data_is_read_whole_in_the_same_number_of_statements(
    demo: Database, db: Database
) -> None:
    with db.sessions.begin() as s:
        _small(s)
    _, small = _counted(db)

    data, count = _counted(demo)

    assert count == small <= MAX_STATEMENTS  # no statement per row, however many rows
    with demo.read() as s:
        rows = {
            kind: s.scalar(select(func.count()).select_from(model))
            for kind, model in [
                (NodeKind.PERSON, Person),
                (NodeKind.ORGANISATION, Organisation),
                (NodeKind.AGENDA, Agenda),
                (NodeKind.THEME, AgendaTheme),
                (NodeKind.DOSSIER, Dossier),
                (NodeKind.TEAM_MEMBER, TeamMember),
            ]
        }
        affiliations = s.scalar(select(func.count()).select_from(Affiliation))
        relationships = s.scalar(select(func.count()).select_from(Relationship))
        owned = s.scalar(select(func.count()).where(Person.owner_id.is_not(None)))
        backed = s.scalar(select(func.count()).where(Person.backup_owner_id.is_not(None)))
    assert Counter(n.kind for n in data.nodes) == rows
    ties = Counter(t.kind for t in data.ties)
    assert ties[TieKind.AFFILIATION] == affiliations
    assert ties[TieKind.RELATIONSHIP] == relationships
    assert ties[TieKind.OWNERSHIP] == (owned or 0) + (backed or 0)
    assert ties[TieKind.INTERACTION] > 1000
    assert set(ties) == set(TieKind)
    keys = {n.key for n in data.nodes}
    assert all(t.source in keys and t.target in keys for t in data.ties)


def test_the_example_people_have_standings_and_rhythms(demo: Database) -> None:
    with demo.read() as s:
        people = [n for n in network_data(s, TODAY).nodes if n.kind is NodeKind.PERSON]

    assessed = [n for n in people if n.power is not None]
    assert len(assessed) >= 40
    assert {n.quadrant for n in assessed} >= {"key_player", "keep_satisfied"}
    assert any(n.overdue for n in people)
    assert any(n.days_since_contact is None for n in assessed)  # key players never contacted
    assert sum(1 for n in people if n.organisation) == len(people)  # everyone has a role
    assert sum(1 for n in people if n.owner_key is None) >= 20


def test_reading_twice_gives_the_same_network_in_the_same_order(demo: Database) -> None:
    with demo.read() as s:
        first = network_data(s, TODAY)
        second = network_data(s, TODAY)

    assert first == second


def test_the_keys_are_the_ones_the_analysis_makes() -> None:
    assert person_key(12) == node_key(NodeKind.PERSON, 12) == "person:12"
    assert organisation_key(3) == node_key(NodeKind.ORGANISATION, 3)
    assert team_key(1) == node_key(NodeKind.TEAM_MEMBER, 1)
    assert [position_relation(p) for p in (2, 1, 0, -1, -2)] == ["+2", "+1", "0", "-1", "-2"]
