"""Counting what refers to people and organisations before they are deleted."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from techzone_crm.services import bulk, interactions
from techzone_crm.services.bulk import RecordKind
from techzone_crm.services.stakeholder_links import (
    Fate,
    Link,
    organisations_links,
    people_links,
)

from .factories import org, person
from .history_seed import seed

TODAY = date(2025, 1, 15)


def test_a_person_has_their_history_counted_by_what_a_delete_does(session: Session) -> None:
    w = seed(session)

    links = people_links(session, [w.jan], TODAY)

    assert links.of_fate(Fate.DELETED) == [
        (Link.ROLES, 2),
        (Link.ASSESSMENTS, 2),
        (Link.AGENDA_LINKS, 1),
        (Link.POSITIONS, 1),
        (Link.COMMITMENTS, 1),
        (Link.DISTINCT_MARKS, 1),
    ]
    assert links.of_fate(Fate.KEPT) == [(Link.INTERACTIONS, 2), (Link.THEME_LEADS, 1)]
    assert links.current_roles == 1
    assert links.count(Link.AGENDAS_OWNED) == 0
    assert not links.empty


def test_an_organisation_has_its_history_counted(session: Session) -> None:
    w = seed(session)
    part = org(session, "Wijkteam Emmen-Centrum", "government", parent_id=w.emmen)

    links = organisations_links(session, [w.emmen], TODAY)

    assert links.of_fate(Fate.DELETED) == [
        (Link.ROLES, 1),
        (Link.ASSESSMENTS, 1),
        (Link.AGENDA_LINKS, 1),
        (Link.POSITIONS, 1),
        (Link.COMMITMENTS, 1),
    ]
    assert links.of_fate(Fate.KEPT) == [
        (Link.INTERACTIONS, 1),
        (Link.THEME_LEADS, 1),
        (Link.AGENDAS_OWNED, 1),
        (Link.PARTS, 1),
    ]
    # A part deleted along with its parent does not "stay without it".
    both = organisations_links(session, [w.emmen, part.id], TODAY)
    assert both.count(Link.PARTS) == 0


def test_rows_shared_by_several_people_count_once(session: Session) -> None:
    w = seed(session)

    links = bulk.delete_links(session, RecordKind.PERSON, [w.jan, w.els])

    assert links.count(Link.INTERACTIONS) == 2  # the meeting both attended, and the call
    assert links.count(Link.DISTINCT_MARKS) == 1  # the mark between the two of them
    assert links.count(Link.ASSESSMENTS) == 2


def test_nothing_refers_to_a_new_person(session: Session) -> None:
    kees = person(session, "Kees", "Mulder")
    interactions.add_interaction(
        session, interactions.InteractionData(date(2024, 1, 1), "call", "Zonder Kees")
    )

    links = people_links(session, [kees.id], TODAY)

    assert links.empty
    assert links.of_fate(Fate.DELETED) == [] and links.of_fate(Fate.KEPT) == []
