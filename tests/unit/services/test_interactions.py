"""Recording, editing, listing and deleting interactions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Agenda,
    AgendaLevel,
    Commitment,
    Dossier,
    Interaction,
    InteractionKind,
    interaction_attendee,
)
from techzone_crm.errors import ConflictError, ValidationError
from techzone_crm.services.common import Page
from techzone_crm.services.interactions import (
    InteractionData,
    InteractionQuery,
    InteractionSort,
    Ref,
    add_interaction,
    count_interactions,
    current_organisations,
    delete_interaction,
    get_interaction,
    link_names,
    list_interactions,
    quick_add,
    update_interaction,
)
from techzone_crm.services.team import TeamMemberData, add_team_member

from .factories import org, person, role


def _agenda_and_dossier(session: Session) -> tuple[Agenda, Dossier]:
    agenda = Agenda(name="Regio Deal Zuid- en Oost-Drenthe", level=AgendaLevel.NATIONAL)
    dossier = Dossier(title="Spoorverbinding Emmen–Groningen")
    session.add_all([agenda, dossier])
    session.flush()
    return agenda, dossier


def _count(session: Session, what: object) -> int:
    return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


def test_meeting_with_five_attendees_two_officers_an_agenda_and_a_dossier(
    session: Session,
) -> None:
    names = ["Jansen", "de Vries", "Bakker", "van der Berg", "Visser"]
    people = [
        person(session, "Piet", n.split()[-1], name_prefix=" ".join(n.split()[:-1])) for n in names
    ]
    officers = [add_team_member(session, TeamMemberData(n)) for n in ("Anna Bos", "Kees Mulder")]
    province = org(session, "Provincie Drenthe", "government", government_level="province")
    agenda, dossier = _agenda_and_dossier(session)

    row = add_interaction(
        session,
        InteractionData(
            occurred_on=date(2024, 5, 14),
            kind="meeting",
            subject="  Overleg spoorlijn  ",
            notes="Gedeputeerde positief.\nVervolg in juni.",
            attendee_ids=[p.id for p in people],
            team_member_ids=[o.id for o in officers],
            organisation_ids=[province.id],
            agenda_ids=[agenda.id],
            dossier_ids=[dossier.id],
        ),
    )
    assert row.subject == "Overleg spoorlijn"
    assert row.kind is InteractionKind.MEETING
    # Attendees are listed by family name, the prefix ignored ("van der Berg" under B).
    assert [r.name for r in row.attendees] == [
        "Bakker, Piet",
        "Berg, Piet van der",
        "Jansen, Piet",
        "Visser, Piet",
        "Vries, Piet de",
    ]
    assert {r.id for r in row.attendees} == {p.id for p in people}
    assert [r.name for r in row.team_members] == ["Anna Bos", "Kees Mulder"]
    assert [r.name for r in row.organisations] == ["Provincie Drenthe"]
    assert [r.name for r in row.agendas] == [agenda.name]
    assert [r.name for r in row.dossiers] == [dossier.title]

    # It shows on the agenda's, the dossier's and every attendee's page.
    for query in (
        InteractionQuery(agenda_id=agenda.id),
        InteractionQuery(dossier_id=dossier.id),
        InteractionQuery(person_id=people[3].id),
        InteractionQuery(team_member_id=officers[1].id),
        InteractionQuery(organisation_id=province.id),
    ):
        assert [r.id for r in list_interactions(session, query)] == [row.id]


def test_attendees_sorted_by_family_name(session: Session) -> None:
    berg = person(session, "Jan", "Berg", name_prefix="van der")
    visser = person(session, "Eva", "Visser")
    bakker = person(session, "Tom", "Bakker")
    row = quick_add(session, "Kennismaking", occurred_on=date(2024, 1, 5), person_id=visser.id)
    row = update_interaction(
        session, row.id, replace(row.to_data(), attendee_ids=[visser.id, berg.id, bakker.id])
    )
    assert [r.name for r in row.attendees] == ["Bakker, Tom", "Berg, Jan van der", "Visser, Eva"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"subject": "   "}, "subject", "required"),
        ({"subject": "x" * 301}, "subject", "too long"),
        ({"kind": "fax"}, "kind", "not one of"),
        ({"attendee_ids": [4242]}, "attendee_ids", "unknown person #4242"),
        ({"team_member_ids": [77]}, "team_member_ids", "unknown team member #77"),
        ({"organisation_ids": [77]}, "organisation_ids", "unknown organisation"),
        ({"agenda_ids": [77]}, "agenda_ids", "unknown agenda"),
        ({"dossier_ids": [77]}, "dossier_ids", "unknown dossier"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    session: Session, change: dict[str, object], field: str, words: str
) -> None:
    p = person(session)
    data = InteractionData(date(2024, 5, 1), "call", "Bellen", attendee_ids=[p.id])
    with pytest.raises(ValidationError) as err:
        add_interaction(session, replace(data, **change))  # type: ignore[arg-type]
    assert err.value.field == field
    assert words in err.value.problem
    assert _count(session, Interaction) == 0
    assert _count(session, interaction_attendee) == 0


def test_editing_replaces_the_links_and_checks_the_version(session: Session) -> None:
    a, b = person(session, "A"), person(session, "B")
    row = add_interaction(
        session, InteractionData(date(2024, 5, 1), "call", "Bellen", attendee_ids=[a.id, a.id])
    )
    assert [r.id for r in row.attendees] == [a.id]  # a repeated id is one attendee
    changed = update_interaction(
        session, row.id, replace(row.to_data(), attendee_ids=[b.id]), row.version
    )
    assert [r.id for r in changed.attendees] == [b.id]
    assert changed.version == row.version + 1
    assert list_interactions(session, InteractionQuery(person_id=a.id)) == []
    with pytest.raises(ConflictError):
        update_interaction(session, row.id, row.to_data(), row.version)
    with pytest.raises(ValidationError):
        update_interaction(session, row.id, replace(row.to_data(), attendee_ids=[999]))
    assert [r.id for r in get_interaction(session, row.id).attendees] == [b.id]


def test_list_newest_first_with_dates_kind_and_paging(session: Session) -> None:
    p = person(session)
    days = [date(2024, 3, 1), date(2024, 1, 15), date(2024, 2, 1), date(2023, 12, 31)]
    for i, day in enumerate(days):
        quick_add(session, f"Contact {i}", occurred_on=day, person_id=p.id, kind="email")
    quick_add(session, "Bezoek", occurred_on=date(2024, 2, 1), kind="working_visit")
    everything = list_interactions(session, InteractionQuery())
    assert [r.occurred_on for r in everything] == sorted([*days, date(2024, 2, 1)], reverse=True)
    # Same day: the one recorded last comes first.
    assert [r.subject for r in everything[1:3]] == ["Bezoek", "Contact 2"]

    in_2024 = InteractionQuery(person_id=p.id, since=date(2024, 1, 1), until=date(2024, 2, 1))
    assert [r.subject for r in list_interactions(session, in_2024)] == ["Contact 2", "Contact 1"]
    assert count_interactions(session, InteractionQuery(kind=InteractionKind.EMAIL)) == 4
    second_page = list_interactions(session, InteractionQuery(), Page(offset=2, limit=2))
    assert [r.id for r in second_page] == [r.id for r in everything[2:4]]


def test_quick_add_defaults_to_a_call_today(session: Session) -> None:
    p = person(session)
    row = quick_add(session, "Even bellen", person_id=p.id)
    assert row.kind is InteractionKind.CALL
    assert row.occurred_on == date.today()
    assert [r.id for r in row.attendees] == [p.id]


def test_deleting_keeps_the_commitments_made_there(session: Session) -> None:
    p = person(session)
    row = quick_add(session, "Overleg", occurred_on=date(2024, 4, 1), person_id=p.id)
    session.add(Commitment(description="Notitie sturen", person_id=p.id, interaction_id=row.id))
    session.flush()
    assert delete_interaction(session, row.id, row.version) == 1
    assert _count(session, Interaction) == 0
    assert _count(session, interaction_attendee) == 0
    kept = session.scalars(select(Commitment)).one()
    assert kept.interaction_id is None


def test_text_search_matches_every_word_in_subject_notes_and_names(session: Session) -> None:
    berg = person(session, "Hélène", "Berg", name_prefix="van der")
    dijk = person(session, "Els", "Dijk")
    emmen = org(session, "Gemeente Emmen", "government")
    day = date(2024, 3, 1)
    rail = add_interaction(
        session,
        InteractionData(day, "meeting", "Overleg spoorlijn", attendee_ids=[berg.id]),
    )
    cafe = add_interaction(
        session,
        InteractionData(
            day, "call", "Café-overleg", notes="Waterstof 50% subsidie", organisation_ids=[emmen.id]
        ),
    )
    add_interaction(session, InteractionData(day, "email", "Nieuwsbrief", attendee_ids=[dijk.id]))

    def found(text: str) -> list[int]:
        query = InteractionQuery(text=text)
        rows = list_interactions(session, query)
        assert count_interactions(session, query) == len(rows)
        return sorted(r.id for r in rows)

    assert found("spoor") == [rail.id]
    assert found("helene") == [rail.id]  # attendee names without accents
    assert found("BERG overleg") == [rail.id]  # every word must match somewhere
    assert found("emmen") == [cafe.id]  # an organisation's name
    assert found("waterstof") == [cafe.id]  # the notes
    assert found("café") == [cafe.id]  # a subject as typed, with its accent
    assert found("50%") == [cafe.id]  # % is a word character to nobody: "50" matches
    assert found("overleg") == [rail.id, cafe.id]
    assert found("") == sorted([rail.id, cafe.id, *found("nieuwsbrief")])
    assert found("onbekend") == []


def test_sorting_by_subject_and_oldest_first(session: Session) -> None:
    for day, subject in ((1, "beta"), (3, "Alfa"), (2, "gamma")):
        add_interaction(session, InteractionData(date(2024, 1, day), "call", subject))
    by_subject = InteractionQuery(sort=InteractionSort.SUBJECT, descending=False)
    assert [r.subject for r in list_interactions(session, by_subject)] == ["Alfa", "beta", "gamma"]
    oldest = InteractionQuery(descending=False)
    assert [r.subject for r in list_interactions(session, oldest)] == ["beta", "gamma", "Alfa"]
    assert [r.subject for r in list_interactions(session, InteractionQuery())] == [
        "Alfa",
        "gamma",
        "beta",
    ]


def test_link_names_and_current_organisations(session: Session) -> None:
    agenda, dossier = _agenda_and_dossier(session)
    jan = person(session, "Jan", "Berg", name_prefix="van der")
    els = person(session, "Els", "Dijk")
    old, new = org(session, "Oud BV"), org(session, "Nieuw BV")
    role(session, jan, old, start=date(2015, 1, 1), end=date(2019, 12, 31))
    role(session, jan, new, start=date(2020, 1, 1))
    assert link_names(session, "attendee_ids", [els.id, jan.id, 9999]) == [
        Ref(els.id, "Dijk, Els"),
        Ref(jan.id, "Berg, Jan van der"),
    ]
    assert link_names(session, "agenda_ids", [agenda.id]) == [Ref(agenda.id, agenda.name)]
    assert link_names(session, "dossier_ids", [dossier.id]) == [Ref(dossier.id, dossier.title)]
    assert link_names(session, "organisation_ids", []) == []
    assert current_organisations(session, [jan.id, els.id]) == {jan.id: Ref(new.id, "Nieuw BV")}
    assert current_organisations(session, [jan.id], today=date(2018, 6, 1)) == {
        jan.id: Ref(old.id, "Oud BV")
    }
