"""The agenda list (counting, sorting) and the agenda page's coverage and contact rhythm."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    AgendaLevel,
    Interaction,
    InteractionKind,
    Person,
    TeamMember,
    interaction_attendee,
    interaction_organisation,
)
from techzone_crm.services.agenda_overview import (
    ORGANISATION_INTERVAL,
    agenda_overview,
    overview_coverage,
    overview_rhythms,
)
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import (
    AgendaData,
    AgendaQuery,
    AgendaSort,
    add_agenda,
    count_agendas,
    list_agendas,
)
from techzone_crm.services.common import Page
from techzone_crm.services.rhythm import RhythmStatus, set_contact_interval

from .factories import org, person

TODAY = date(2024, 6, 1)


def _agendas(session: Session) -> dict[str, int]:
    made = {}
    for name, level, start in (
        ("Regio Deal", AgendaLevel.NATIONAL, date(2019, 7, 1)),
        ("Eigen agenda", AgendaLevel.OWN, date(2021, 1, 1)),
        ("JTF", AgendaLevel.EU, None),
        ("Agenda Drenthe", AgendaLevel.PROVINCE, date(2023, 7, 1)),
    ):
        made[name] = add_agenda(session, AgendaData(name, level, starts_on=start)).id
    add_theme(session, made["JTF"], ThemeData("Scholing"))
    add_theme(session, made["JTF"], ThemeData("Industrie"))
    add_theme(session, made["Regio Deal"], ThemeData("Economie"))
    return made


def _names(session: Session, query: AgendaQuery) -> list[str]:
    return [r.name for r in list_agendas(session, query)]


def test_count_follows_the_filters(session: Session) -> None:
    _agendas(session)
    assert count_agendas(session) == 4
    assert count_agendas(session, AgendaQuery(level=AgendaLevel.EU)) == 1
    assert count_agendas(session, AgendaQuery(own=False)) == 3
    assert count_agendas(session, AgendaQuery(text="regio")) == 1
    assert len(list_agendas(session, AgendaQuery(), Page(1, 2))) == 2


def test_sorting_by_each_column(session: Session) -> None:
    _agendas(session)
    assert _names(session, AgendaQuery()) == ["Eigen agenda", "Regio Deal", "Agenda Drenthe", "JTF"]
    assert _names(session, AgendaQuery(sort=AgendaSort.LEVEL, descending=True)) == [
        "JTF",
        "Agenda Drenthe",
        "Regio Deal",
        "Eigen agenda",
    ]
    assert _names(session, AgendaQuery(sort=AgendaSort.NAME)) == [
        "Agenda Drenthe",
        "Eigen agenda",
        "JTF",
        "Regio Deal",
    ]
    assert _names(session, AgendaQuery(sort=AgendaSort.NAME, descending=True))[0] == "Regio Deal"
    # Agendas without a start date come last either way.
    assert _names(session, AgendaQuery(sort=AgendaSort.PERIOD)) == [
        "Regio Deal",
        "Eigen agenda",
        "Agenda Drenthe",
        "JTF",
    ]
    assert _names(session, AgendaQuery(sort=AgendaSort.PERIOD, descending=True)) == [
        "Agenda Drenthe",
        "Eigen agenda",
        "Regio Deal",
        "JTF",
    ]
    by_themes = _names(session, AgendaQuery(sort=AgendaSort.THEMES, descending=True))
    assert by_themes[:2] == ["JTF", "Regio Deal"]


def _meet(session: Session, on: date, who: Person | None = None, org_id: int | None = None) -> None:
    meeting = Interaction(occurred_on=on, kind=InteractionKind.MEETING, subject="Overleg")
    session.add(meeting)
    session.flush()
    if who is not None:
        session.execute(
            interaction_attendee.insert().values(interaction_id=meeting.id, person_id=who.id)
        )
    if org_id is not None:
        session.execute(
            interaction_organisation.insert().values(
                interaction_id=meeting.id, organisation_id=org_id
            )
        )


def test_coverage_counts_each_stakeholder_once_and_rhythms_follow_the_dashboard(
    session: Session,
) -> None:
    anna = TeamMember(name="Anna Smit")
    session.add(anna)
    session.flush()
    agenda = add_agenda(session, AgendaData("Regio Deal", AgendaLevel.NATIONAL)).id
    theme = add_theme(session, agenda, ThemeData("Economie")).id
    kees = person(session, "Kees", "Kern", owner_id=anna.id)
    rob = person(session, "Rob", "Rood", owner_id=anna.id)
    set_contact_interval(session, rob.id, 30)
    nina = person(session, "Nina", "Niemand")
    province = org(session, "Provincie Drenthe", helix="government")
    _meet(session, TODAY - timedelta(days=10), kees)
    _meet(session, TODAY - timedelta(days=40), rob)  # past 30 days, not 45: amber
    _meet(session, TODAY - timedelta(days=200), org_id=province.id)
    for who, where, role in (
        (kees, None, "decides"),
        (kees, theme, "influences"),
        (rob, theme, "decides"),
        (nina, None, "benefits"),
    ):
        link_stakeholder(
            session, agenda, StakeholderLinkData(role, person_id=who.id, theme_id=where)
        )
    link_stakeholder(
        session, agenda, StakeholderLinkData("funds", organisation_id=province.id, theme_id=theme)
    )

    overview = agenda_overview(session, agenda, TODAY)
    coverage = overview_coverage(overview)
    assert (coverage.linked, coverage.with_relationship, coverage.recent) == (4, 2, 2)
    assert overview_coverage(overview, recent_days=5).recent == 0

    rhythms = overview_rhythms(session, overview, TODAY)
    by_name = {r.name: rhythms[r.link_id] for s in overview.sections for r in s.rows}
    assert by_name["Kern, Kees"].status is RhythmStatus.OK
    assert by_name["Kern, Kees"].target_days == 180
    assert by_name["Rood, Rob"].status is RhythmStatus.AMBER
    assert by_name["Rood, Rob"].target_days == 30
    assert by_name["Niemand, Nina"].status is RhythmStatus.NEVER
    assert by_name["Provincie Drenthe"].status is RhythmStatus.AMBER
    assert by_name["Provincie Drenthe"].target_days == ORGANISATION_INTERVAL
