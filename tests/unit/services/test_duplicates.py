"""Finding people who may be entered twice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from techzone_crm.errors import ValidationError
from techzone_crm.services import duplicates
from techzone_crm.services.duplicates import (
    DuplicatePair,
    ReasonKind,
    family_key,
    find_duplicate_people,
)

from .factories import org, person, role


def _pair(pairs: list[DuplicatePair], a: int, b: int) -> DuplicatePair:
    found = [p for p in pairs if {p.person_a.id, p.person_b.id} == {a, b}]
    assert found, f"no pair {a}/{b} among {[(p.person_a.name, p.person_b.name) for p in pairs]}"
    return found[0]


def test_family_key_drops_the_tussenvoegsel_wherever_it_was_typed() -> None:
    assert family_key("van der", "Berg") == "berg"
    assert family_key("", "van der Berg") == "berg"
    assert family_key("v.d.", "Bérg") == "berg"
    assert family_key("", "Klein Gunnewiek") == "kleingunnewiek"


def test_names_written_differently_are_paired_with_the_reason(session: Session) -> None:
    full = person(session, "Jan", "Berg", name_prefix="van der")
    initials = person(session, "J.", "Berg", name_prefix="v.d.")
    plain = person(session, "Jan", "Berg")
    typo = person(session, "Hendrik", "Jansen")
    typo_too = person(session, "Hendrik", "Janssen")

    pairs = find_duplicate_people(session)

    same = _pair(pairs, full.id, plain.id)
    assert [r.kind for r in same.reasons] == [ReasonKind.SAME_NAME]
    by_initials = _pair(pairs, full.id, initials.id)
    assert ReasonKind.INITIALS in [r.kind for r in by_initials.reasons]
    assert "J." in [r.detail for r in by_initials.reasons]
    similar = _pair(pairs, typo.id, typo_too.id)
    assert [r.kind for r in similar.reasons] == [ReasonKind.SIMILAR_NAME]
    assert "similar names" in similar.reasons[0].text
    assert same.score > similar.score
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_a_shared_email_or_phone_pairs_people_with_other_names(session: Session) -> None:
    a = person(session, "Anna", "Smit", emails=["Anna.Smit@Emmen.example"])
    b = person(session, "Annie", "Wolters", emails=["anna.smit@emmen.example"])
    c = person(session, "Kees", "Dijk", phones=["06 12345678"])
    d = person(session, "Cornelis", "Post", phones=["+31 6 1234 5678"])

    pairs = find_duplicate_people(session)

    by_email = _pair(pairs, a.id, b.id)
    assert (by_email.reasons[-1].kind, by_email.reasons[-1].detail) == (
        ReasonKind.SAME_EMAIL,
        "anna.smit@emmen.example",
    )
    by_phone = _pair(pairs, c.id, d.id)
    assert [r.kind for r in by_phone.reasons] == [ReasonKind.SAME_PHONE]
    assert "6 12345678" in by_phone.reasons[0].text


def test_evidence_adds_up_and_a_shared_organisation_counts(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    a = person(session, "Jan", "Vries", name_prefix="de", emails=["jan@emmen.example"])
    b = person(session, "Jan", "Vries", name_prefix="de", emails=["jan@emmen.example"])
    c = person(session, "Els", "Bakker")
    d = person(session, "Els", "Bakker")
    role(session, c, emmen, "wethouder", date(2020, 1, 1))
    role(session, d, emmen, "", date(2021, 1, 1))

    pairs = find_duplicate_people(session, today=date(2024, 1, 1))

    assert _pair(pairs, a.id, b.id).score == 100
    with_org = _pair(pairs, c.id, d.id)
    assert ReasonKind.SAME_ORGANISATION in [r.kind for r in with_org.reasons]
    assert "Gemeente Emmen" in with_org.reasons[-1].text
    assert with_org.score > 65  # more than the name alone


def test_unrelated_people_and_relatives_are_not_paired(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    people = [
        person(session, "Jan", "Berg"),
        person(session, "Marieke", "Visser"),
        person(session, "Annelies", "Lange", name_prefix="de"),
        person(session, "Janneke", "Lange", name_prefix="de"),  # a sister, not a duplicate
        person(session, "Piet", "Hoekstra"),
        person(session, "K.", "Hoekstra"),  # other initials
    ]
    for p in people:
        role(session, p, emmen, "medewerker")

    assert find_duplicate_people(session) == []


def test_results_are_capped_and_progress_is_reported(session: Session) -> None:
    for _ in range(5):
        person(session, "Jan", "Jansen")
    reports: list[tuple[int, int]] = []

    pairs = find_duplicate_people(session, limit=3, progress=lambda d, t: reports.append((d, t)))

    assert len(pairs) == 3
    assert reports[0] == (0, 10) and reports[-1] == (10, 10)


def test_a_large_block_of_one_name_is_compared_with_neighbours_only(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(duplicates, "LARGE_BLOCK", 4)
    monkeypatch.setattr(duplicates, "WINDOW", 1)
    many = [person(session, "Jan", "Jansen") for _ in range(8)]
    other = person(session, "Piet", "Jansen", emails=["p@x.example"])
    same_mail = person(session, "Piet", "Jansen", emails=["p@x.example"])

    pairs = find_duplicate_people(session, limit=100)

    jans = [p for p in pairs if p.involves(many[0].id) or p.involves(many[-1].id)]
    assert 0 < len(jans) < 7  # not every pair of the eight, but still some
    assert len([p for p in pairs if not p.involves(other.id)]) < 8 * 7 // 2
    assert _pair(pairs, other.id, same_mail.id).score == 100


def test_people_marked_distinct_are_not_paired_again(session: Session) -> None:
    jan = person(session, "Jan", "de Vries", emails=["jan@emmen.example"])
    namesake = person(session, "Jan", "de Vries", emails=["jan@hoogeveen.example"])
    assert len(duplicates.find_duplicate_people(session)) == 1

    duplicates.mark_distinct(session, namesake.id, jan.id)
    duplicates.mark_distinct(session, jan.id, namesake.id)  # once is enough
    assert duplicates.find_duplicate_people(session) == []
    assert duplicates.distinct_pairs(session) == {(jan.id, namesake.id)}

    duplicates.unmark_distinct(session, jan.id, namesake.id)
    assert len(duplicates.find_duplicate_people(session)) == 1


def test_a_person_cannot_be_distinct_from_themselves(session: Session) -> None:
    jan = person(session, "Jan", "de Vries")
    with pytest.raises(ValidationError):
        duplicates.mark_distinct(session, jan.id, jan.id)
