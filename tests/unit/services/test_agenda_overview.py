"""The agenda page: relationship flags and last-contact dates of linked stakeholders."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Interaction,
    InteractionKind,
    Organisation,
    Person,
    TeamMember,
    interaction_attendee,
    interaction_organisation,
)
from techzone_crm.services.agenda_overview import agenda_overview
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, add_agenda

from .factories import org, person, role

TODAY = date(2024, 6, 1)


def _member(session: Session, name: str, active: bool = True) -> TeamMember:
    member = TeamMember(name=name, active=active)
    session.add(member)
    session.flush()
    return member


def _meeting(
    session: Session,
    on: date,
    attendees: list[Person] = [],  # noqa: B006 - never mutated
    organisations: list[Organisation] = [],  # noqa: B006
) -> Interaction:
    meeting = Interaction(occurred_on=on, kind=InteractionKind.MEETING, subject="Overleg")
    session.add(meeting)
    session.flush()
    for p in attendees:
        session.execute(
            interaction_attendee.insert().values(interaction_id=meeting.id, person_id=p.id)
        )
    for o in organisations:
        session.execute(
            interaction_organisation.insert().values(
                interaction_id=meeting.id, organisation_id=o.id
            )
        )
    return meeting


def test_people_relationship_and_last_contact(session: Session) -> None:
    anna_owner = _member(session, "Anna (PA)")
    gone = _member(session, "Piet (left)", active=False)
    agenda = add_agenda(session, AgendaData("Regio Deal", "national"))
    owned = person(session, "Jan", "Berg", name_prefix="van der", owner_id=anna_owner.id)
    backup_only = person(session, "Els", "Smit", backup_owner_id=anna_owner.id)
    orphan = person(session, "Kees", "Mulder", owner_id=gone.id)
    province = org(session, "Provincie Drenthe", helix="government")
    role(session, owned, province, "Gedeputeerde", start=date(2023, 1, 1))
    for p in (owned, backup_only, orphan):
        link_stakeholder(session, agenda.id, StakeholderLinkData("decides", person_id=p.id))
    _meeting(session, date(2024, 1, 10), [owned, orphan])
    _meeting(session, date(2024, 5, 2), [owned])
    _meeting(session, TODAY + timedelta(days=3), [backup_only])  # planned, not a contact yet

    [section] = agenda_overview(session, agenda.id, TODAY).sections
    rows = {r.name: r for r in section.rows}
    jan = rows["Berg, Jan van der"]
    assert jan.has_relationship and jan.owners == ("Anna (PA)",)
    assert (jan.last_contact, jan.days_since) == (date(2024, 5, 2), 30)
    assert jan.organisation == "Provincie Drenthe"
    els = rows["Smit, Els"]
    assert els.has_relationship
    assert (els.last_contact, els.days_since) == (None, None)
    kees = rows["Mulder, Kees"]
    # An owner who left the team no longer holds the relationship.
    assert not kees.has_relationship
    assert kees.last_contact == date(2024, 1, 10)
    assert section.with_relationship == 2


def test_organisation_relationship_through_current_people(session: Session) -> None:
    owner = _member(session, "Anna (PA)")
    agenda = add_agenda(session, AgendaData("Regio Deal", "national"))
    ezk = org(session, "Ministerie van EZK", helix="government")
    province = org(session, "Provincie Drenthe", helix="government")
    former = person(session, "Jan", "Oud", owner_id=owner.id)
    role(session, former, province, start=date(2015, 1, 1), end=date(2020, 12, 31))
    current = person(session, "Els", "Nieuw")
    role(session, current, province, start=date(2021, 1, 1))
    civil_servant = person(session, "Kees", "Ambtenaar", owner_id=owner.id)
    role(session, civil_servant, ezk, start=date(2022, 1, 1))
    for o in (ezk, province):
        link_stakeholder(session, agenda.id, StakeholderLinkData("funds", organisation_id=o.id))
    _meeting(session, date(2024, 2, 1), organisations=[province])
    _meeting(session, date(2024, 4, 1), [current])
    _meeting(session, date(2024, 5, 1), [former])  # left the province: not its contact

    rows = {r.name: r for r in agenda_overview(session, agenda.id, TODAY).sections[0].rows}
    assert rows["Ministerie van EZK"].owners == ("Anna (PA)",)
    assert rows["Ministerie van EZK"].last_contact is None
    # The owned person left the province, the current one has no owner.
    assert not rows["Provincie Drenthe"].has_relationship
    assert rows["Provincie Drenthe"].last_contact == date(2024, 4, 1)
    assert rows["Provincie Drenthe"].days_since == 61


def test_sections_per_theme_with_lead(session: Session) -> None:
    own = add_agenda(session, AgendaData("Strategische agenda DTZ", "own"))
    partner = org(session, "NHL Stenden", helix="education")
    lead = person(session, "Anna", "Bakker")
    add_theme(session, own.id, ThemeData("Talent", lead_organisation_id=partner.id))
    energy = add_theme(
        session,
        own.id,
        ThemeData("Energie", lead_organisation_id=partner.id, lead_person_id=lead.id),
    )
    link_stakeholder(
        session, own.id, StakeholderLinkData("implements", person_id=lead.id, theme_id=energy.id)
    )
    overview = agenda_overview(session, own.id, TODAY)
    assert [(s.name, s.lead, len(s.rows)) for s in overview.sections] == [
        ("Strategische agenda DTZ", "", 0),
        ("Talent", "NHL Stenden", 0),
        ("Energie", "NHL Stenden / Bakker, Anna", 1),
    ]


def test_overview_reads_in_a_fixed_number_of_queries(session: Session) -> None:
    owner = _member(session, "Anna (PA)")
    agenda = add_agenda(session, AgendaData("Regio Deal", "national"))
    theme = add_theme(session, agenda.id, ThemeData("Energie"))

    def count_queries(n: int) -> int:
        for i in range(n):
            p = person(session, "P", f"Person {len(agenda.themes)}-{i}-{n}", owner_id=owner.id)
            o = org(session, f"Org {i}-{n}")
            role(session, p, o, start=date(2020, 1, 1))
            _meeting(session, date(2024, 1, 1 + i), [p], [o])
            link_stakeholder(session, agenda.id, StakeholderLinkData("decides", person_id=p.id))
            link_stakeholder(
                session,
                agenda.id,
                StakeholderLinkData("benefits", organisation_id=o.id, theme_id=theme.id),
            )
        session.expire_all()
        statements: list[str] = []
        engine = session.get_bind()

        def seen(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", seen)
        try:
            agenda_overview(session, agenda.id, TODAY)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        return len(statements)

    assert count_queries(2) == count_queries(10) <= 10
