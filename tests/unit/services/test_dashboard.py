"""The dashboard's figures: overdue contacts, commitments, unowned key players, coverage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import AgendaLevel, Person, StakeholderRole
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.commitments import CommitmentData, add_commitment, mark_done
from techzone_crm.services.dashboard import dashboard
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.rhythm import RhythmStatus
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person

TODAY = date(2024, 6, 1)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@dataclass
class World:
    anna: int
    kees: Person  # key player, owned, seen 10 days ago: a warm tie
    lotte: Person  # key player, owned, seen 50 days ago: amber
    rob: Person  # was a key player, now monitored; seen 300 days ago: red
    nina: Person  # key player owned by an inactive member, never seen
    otto: Person  # key player without an owner, seen 5 days ago
    dirk: Person  # do not contact, long overdue
    agendas: dict[str, int]


def assess(session: Session, who: Person, on: date, power: int, interest: int) -> None:
    add_assessment(
        session,
        AssessmentData(assessed_on=on, power=power, interest=interest, person_id=who.id),
        today=TODAY,
    )


def meet(session: Session, on: date, *people: Person, subject: str = "Overleg") -> None:
    add_interaction(
        session,
        InteractionData(
            occurred_on=on,
            kind="meeting",
            subject=subject,
            attendee_ids=[p.id for p in people],
        ),
    )


def seed(session: Session) -> World:
    anna = add_team_member(session, TeamMemberData("Anna Smit")).id
    bert = add_team_member(session, TeamMemberData("Bert Oud", active=False)).id
    kees = person(session, "Kees", "Kern", owner_id=anna)
    lotte = person(session, "Lotte", "Laat", owner_id=anna)
    rob = person(session, "Rob", "Rood")
    nina = person(session, "Nina", "Niemand", owner_id=bert)
    otto = person(session, "Otto", "Open")
    dirk = person(session, "Dirk", "Dicht", do_not_contact=True)
    person(session, "Vera", "Vergeten")  # never contacted, never assessed
    for who in (kees, lotte, nina, otto):
        assess(session, who, ago(100), 5, 5)
    assess(session, rob, ago(400), 5, 5)
    assess(session, rob, ago(30), 1, 1)  # moved out of the key players
    meet(session, ago(10), kees, subject="Kennismaking")
    meet(session, ago(50), lotte)
    meet(session, ago(300), rob, dirk)
    meet(session, ago(5), otto, subject="Werkbezoek")
    meet(session, TODAY + timedelta(days=3), lotte, subject="Gepland")

    def promise(what: str, due: date | None, by_us: bool = True, to: Person = kees) -> int:
        return add_commitment(
            session,
            CommitmentData(what, by_us=by_us, team_member_id=anna, person_id=to.id, due_on=due),
        ).id

    promise("Notitie sturen", ago(3))
    promise("Terugbellen", TODAY + timedelta(days=5), to=lotte)
    promise("Cijfers leveren", TODAY + timedelta(days=1), by_us=False)
    promise("Verre toezegging", TODAY + timedelta(days=20))
    mark_done(session, promise("Al gedaan", ago(8)), done_on=ago(9), today=TODAY)

    national = add_agenda(session, AgendaData("Nationale Technologiestrategie", "national")).id
    theme = add_theme(session, national, ThemeData("Halfgeleiders")).id
    eu = add_agenda(session, AgendaData("Chips Act", "eu")).id
    empty = add_agenda(session, AgendaData("Provinciale agenda", "province")).id
    company = org(session, "Chipfabriek BV")
    for agenda_id, who, theme_id in (
        (national, kees, None),
        (national, lotte, theme),
        (national, rob, None),
        (national, kees, theme),  # linked twice: counted once
        (eu, nina, None),
    ):
        link_stakeholder(
            session,
            agenda_id,
            StakeholderLinkData(StakeholderRole.DECIDES, person_id=who.id, theme_id=theme_id),
        )
    link_stakeholder(
        session, national, StakeholderLinkData(StakeholderRole.FUNDS, organisation_id=company.id)
    )
    session.flush()
    agendas = {"national": national, "eu": eu, "empty": empty}
    return World(anna, kees, lotte, rob, nina, otto, dirk, agendas)


def test_overdue_contacts_amber_and_red_most_overdue_first(session: Session) -> None:
    world = seed(session)
    board = dashboard(session, TODAY)
    assert [(r.person_id, r.status) for r in board.overdue_contacts] == [
        (world.rob.id, RhythmStatus.RED),
        (world.lotte.id, RhythmStatus.AMBER),
    ]
    assert board.overdue_contacts_total == 2
    # Nina and Vera were never contacted; Dirk asked not to be approached.
    assert board.never_contacted == 2


def test_commitments_overdue_and_due_within_two_weeks(session: Session) -> None:
    seed(session)
    board = dashboard(session, TODAY)
    assert [c.description for c in board.overdue_commitments] == ["Notitie sturen"]
    assert board.overdue_commitments[0].days_overdue == 3
    assert [c.description for c in board.due_commitments] == ["Cijfers leveren", "Terugbellen"]


def test_key_players_without_an_active_owner(session: Session) -> None:
    world = seed(session)
    rows = dashboard(session, TODAY).unowned_key_players
    assert [r.person_id for r in rows] == [world.nina.id, world.otto.id]
    nina, otto = rows
    assert (nina.name, nina.last_contact, nina.days_since) == ("Niemand, Nina", None, None)
    assert (otto.last_contact, otto.days_since) == (ago(5), 5)


def test_recent_interactions_are_the_last_two_weeks_up_to_today(session: Session) -> None:
    seed(session)
    board = dashboard(session, TODAY)
    assert [i.subject for i in board.recent_interactions] == ["Werkbezoek", "Kennismaking"]
    assert board.recent_interactions_total == 2


def test_agenda_coverage_counts_key_players_and_warm_ties(session: Session) -> None:
    world = seed(session)
    coverage = {r.agenda_id: r for r in dashboard(session, TODAY).coverage}
    national = coverage[world.agendas["national"]]
    # Kees (owned, seen in time) is warm; Lotte is overdue; Rob is no longer a key player.
    assert (national.key_players, national.warm, national.cold) == (2, 1, ("Laat, Lotte",))
    assert not national.is_gap
    eu = coverage[world.agendas["eu"]]
    assert (eu.key_players, eu.warm, eu.level) == (1, 0, AgendaLevel.EU)
    assert eu.is_gap
    empty = coverage[world.agendas["empty"]]
    assert (empty.key_players, empty.warm) == (0, 0)


def test_lists_are_capped_but_totals_count_everything(session: Session) -> None:
    seed(session)
    board = dashboard(session, TODAY, limit=1)
    assert len(board.overdue_contacts) == 1
    assert board.overdue_contacts_total == 2
    assert len(board.recent_interactions) == 1
    assert board.recent_interactions_total == 2


def test_empty_database(session: Session) -> None:
    board = dashboard(session, TODAY)
    assert board.overdue_contacts == ()
    assert board.never_contacted == 0
    assert board.overdue_commitments == board.due_commitments == ()
    assert board.unowned_key_players == board.recent_interactions == ()
    assert board.coverage == ()


@pytest.mark.parametrize("days", [0, 14])
def test_due_window_is_configurable(session: Session, days: int) -> None:
    seed(session)
    board = dashboard(session, TODAY, due_days=days)
    expected = [] if days == 0 else ["Cijfers leveren", "Terugbellen"]
    assert [c.description for c in board.due_commitments] == expected
