"""Searching people and organisations as the user types.

Every behaviour test runs twice: on SQLite's FTS5 index and on the LIKE fallback that other
databases (PostgreSQL) use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.services import maintenance, organisations, people, search
from techzone_crm.services.organisations import (
    OrganisationData,
    OrganisationQuery,
    delete_organisation,
    list_organisations,
    update_organisation,
)
from techzone_crm.services.people import (
    EmailData,
    PersonData,
    PersonQuery,
    count_people,
    delete_person,
    list_people,
    update_person,
)
from techzone_crm.services.search import Fts5Search, LikeSearch, SearchBackend

from .factories import org, person, role


@dataclass
class Backend:
    name: str
    used: list[str]


@pytest.fixture(params=["fts5", "like"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Backend:
    """The search backend under test, put in place wherever the services look it up."""
    chosen = Backend(request.param, [])
    implementation = Fts5Search if request.param == "fts5" else LikeSearch

    def backend_for(_session: Session) -> SearchBackend:
        chosen.used.append(implementation.__name__)
        return implementation()

    for module in (search, people, organisations):
        monkeypatch.setattr(module, "backend_for", backend_for)
    return chosen


@pytest.fixture
def register(db: Database) -> Database:
    """Five people (two called Hélène/Helene, two Berg, two Jan) at four organisations."""
    with db.sessions.begin() as session:
        rug = org(
            session,
            "Rijksuniversiteit Groningen",
            "education",
            short_name="RUG",
            region="Groningen",
        )
        drenthe = org(session, "Provincie Drenthe", "government", region="Drenthe")
        avebe = org(session, "Avebe", region="Veendam")
        org(session, "Université de Lille", "education", region="Hauts-de-France")
        role(
            session,
            person(session, "Hélène", "Dijkstra", emails=["h.dijkstra@rug.nl"]),
            rug,
            "hoogleraar",
        )
        jan = person(
            session, "Jan", "Berg", name_prefix="van der", emails=["jan.vanderberg@drenthe.nl"]
        )
        role(session, jan, drenthe, "gedeputeerde", date(2019, 1, 1))
        role(
            session,
            person(session, "Jan", "Bakker", emails=["j.bakker@avebe.com"]),
            avebe,
            "directeur",
        )
        person(session, "Piet", "Berg")
        person(session, "Helene", "Mulder")
    return db


def found(db: Database, text: str) -> list[str]:
    with db.read() as session:
        rows = list_people(session, PersonQuery(text=text))
        assert count_people(session, PersonQuery(text=text)) == len(rows)
        return [r.display_name for r in rows]


def found_organisations(db: Database, text: str) -> list[str]:
    with db.read() as session:
        return [r.name for r in list_organisations(session, OrganisationQuery(text=text))]


def test_the_chosen_backend_is_used(register: Database, backend: Backend) -> None:
    found(register, "jan")
    found_organisations(register, "avebe")

    expected = "Fts5Search" if backend.name == "fts5" else "LikeSearch"
    assert backend.used and set(backend.used) == {expected}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hel", ["Hélène Dijkstra", "Helene Mulder"]),
        ("hélè", ["Hélène Dijkstra", "Helene Mulder"]),
        ("dijks", ["Hélène Dijkstra"]),
        ("berg", ["Jan van der Berg", "Piet Berg"]),
        ("van der berg", ["Jan van der Berg"]),
    ],
)
def test_prefix_matches_as_you_type(
    register: Database, backend: Backend, typed: str, expected: list[str]
) -> None:
    assert found(register, typed) == expected


@pytest.mark.parametrize(
    "typed", ["Helene", "HELENE", "Hélène", "hélène", "HÉLÈNE", "He\u0301le\u0300ne"]
)
def test_accents_and_case_are_ignored_both_ways(
    register: Database, backend: Backend, typed: str
) -> None:
    assert found(register, typed) == ["Hélène Dijkstra", "Helene Mulder"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jan.vanderberg@drenthe.nl", ["Jan van der Berg"]),
        ("avebe.com", ["Jan Bakker"]),
        ("rijksuniversiteit", ["Hélène Dijkstra"]),
        ("provincie drenthe", ["Jan van der Berg"]),
        ("gedeputeerde", ["Jan van der Berg"]),
        ("directeur avebe", ["Jan Bakker"]),
    ],
)
def test_matches_email_organisation_and_role(
    register: Database, backend: Backend, typed: str, expected: list[str]
) -> None:
    assert found(register, typed) == expected


def test_every_word_is_required(register: Database, backend: Backend) -> None:
    assert found(register, "jan berg") == ["Jan van der Berg"]
    assert found(register, "jan") == ["Jan Bakker", "Jan van der Berg"]
    assert found(register, "jan mulder") == []


@pytest.mark.parametrize(
    "typed",
    ['"', "*", "-", "(", ")", "'", "%", "^", ":", "\\", '"*"', "()", "-- ;", "+", "@"],
)
def test_punctuation_alone_does_not_filter(
    register: Database, backend: Backend, typed: str
) -> None:
    assert len(found(register, typed)) == 5
    assert len(found_organisations(register, typed)) == 4


@pytest.mark.parametrize(
    "typed",
    ['"berg', 'berg"', "berg*", "(berg)", "-berg", "berg -", "berg:", "berg%", "'berg'", "{berg}"],
)
def test_punctuation_around_words_is_ignored(
    register: Database, backend: Backend, typed: str
) -> None:
    assert found(register, typed) == ["Jan van der Berg", "Piet Berg"]


@pytest.mark.parametrize(
    "typed",
    ["AND", "OR", "NOT", "NEAR", "jan AND berg", "berg OR bakker", "NOT berg", "jan NEAR berg"],
)
def test_search_operators_are_plain_words(register: Database, backend: Backend, typed: str) -> None:
    assert found(register, typed) == found(register, typed.lower())


def test_or_does_not_widen_the_search(register: Database, backend: Backend) -> None:
    assert found(register, "berg OR bakker") == []


def test_organisations_match_name_short_name_and_region(
    register: Database, backend: Backend
) -> None:
    assert found_organisations(register, "prov") == ["Provincie Drenthe"]
    assert found_organisations(register, "rug") == ["Rijksuniversiteit Groningen"]
    assert found_organisations(register, "veendam") == ["Avebe"]
    assert found_organisations(register, "universite lille") == ["Université de Lille"]
    assert found_organisations(register, "UNIVERSITÉ LILLE") == ["Université de Lille"]


def test_search_follows_a_renamed_organisation(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [rug] = list_organisations(session, OrganisationQuery(text="rijksuniversiteit"))
        update_organisation(
            session, rug.id, OrganisationData("University of Groningen", "education")
        )

    assert found(register, "university") == ["Hélène Dijkstra"]
    assert found(register, "hoogleraar groningen") == ["Hélène Dijkstra"]
    assert found(register, "rijksuniversiteit") == []
    assert found_organisations(register, "rijksuniversiteit") == []
    assert found_organisations(register, "university") == ["University of Groningen"]


def test_search_follows_a_removed_email_address(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [jan] = list_people(session, PersonQuery(text="vanderberg"))
        update_person(session, jan.id, PersonData("Jan", "Berg", name_prefix="van der"))

    assert found(register, "vanderberg") == []
    assert found(register, "drenthe.nl") == []
    assert found(register, "gedeputeerde") == ["Jan van der Berg"]


def test_search_follows_an_added_email_address(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [piet] = list_people(session, PersonQuery(text="piet"))
        update_person(
            session, piet.id, PersonData("Piet", "Berg", emails=[EmailData("piet@emmen.nl")])
        )

    assert found(register, "emmen") == ["Piet Berg"]


def test_search_follows_a_renamed_person(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [piet] = list_people(session, PersonQuery(text="piet"))
        update_person(session, piet.id, PersonData("Pieter", "Bos"))

    assert found(register, "bos") == ["Pieter Bos"]
    assert found(register, "berg") == ["Jan van der Berg"]


def test_search_follows_a_deleted_person(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [dijkstra] = list_people(session, PersonQuery(text="dijkstra"))
        delete_person(session, dijkstra.id)

    assert found(register, "helene") == ["Helene Mulder"]
    assert found(register, "rug") == []


def test_search_follows_a_deleted_organisation(register: Database, backend: Backend) -> None:
    with register.sessions.begin() as session:
        [drenthe] = list_organisations(session, OrganisationQuery(text="provincie"))
        delete_organisation(session, drenthe.id)

    assert found(register, "provincie") == []
    assert found(register, "gedeputeerde") == []
    assert found_organisations(register, "drenthe") == []


def test_search_is_combined_with_other_filters(register: Database, backend: Backend) -> None:
    with register.read() as session:
        [drenthe] = list_organisations(session, OrganisationQuery(text="provincie"))
        rows = list_people(session, PersonQuery(text="jan", organisation_id=drenthe.id))

    assert [r.display_name for r in rows] == ["Jan van der Berg"]


def test_title_short_name_parent_and_website_are_searched(db: Database, backend: Backend) -> None:
    with db.sessions.begin() as session:
        ministry = org(session, "Ministerie van EZK", "government", website="www.rijksoverheid.nl")
        rvo = org(session, "Rijksdienst", "government", short_name="RVO", parent_id=ministry.id)
        role(session, person(session, "Karin", "Dijk", title="ir."), rvo, "adviseur")

    assert found(db, "ir. dijk") == ["ir. Karin Dijk"]
    assert found(db, "rvo") == ["ir. Karin Dijk"]
    assert found_organisations(db, "ministerie") == ["Ministerie van EZK", "Rijksdienst"]
    assert found_organisations(db, "rijksoverheid") == ["Ministerie van EZK"]


def test_renamed_parent_is_found_in_its_children(db: Database, backend: Backend) -> None:
    with db.sessions.begin() as session:
        ministry = org(session, "Ministerie van EZK", "government")
        org(session, "RVO", "government", parent_id=ministry.id)
        ministry_id = ministry.id
    with db.sessions.begin() as session:
        update_organisation(
            session, ministry_id, OrganisationData("Ministerie van KGG", "government")
        )

    assert found_organisations(db, "kgg") == ["Ministerie van KGG", "RVO"]
    assert found_organisations(db, "ezk") == []


# SQLite-only behaviour of the FTS5 index.


def test_words_with_sharp_s_are_found(db: Database) -> None:
    with db.sessions.begin() as session:
        person(session, "Jörg", "Großmann")

    assert found(db, "großmann") == ["Jörg Großmann"]
    assert found(db, "GROß") == ["Jörg Großmann"]
    assert found(db, "jorg") == ["Jörg Großmann"]


def test_index_stays_sound_after_many_changes(register: Database) -> None:
    with register.sessions.begin() as session:
        for row in list_people(session, PersonQuery(text="jan")):
            update_person(session, row.id, PersonData("Johannes", "Jansen"))
        for row in list_organisations(session, OrganisationQuery()):
            update_organisation(session, row.id, OrganisationData(row.name + " B.V.", "business"))
        [piet] = list_people(session, PersonQuery(text="piet"))
        delete_person(session, piet.id)

    with register.read() as session:
        assert maintenance.integrity_problems(session) == []
    assert found(register, "johannes b.v.") == ["Johannes Jansen", "Johannes Jansen"]
    assert found(register, "jan") == ["Johannes Jansen", "Johannes Jansen"]


def test_long_queries_are_cut_to_a_bounded_number_of_words(register: Database) -> None:
    typed = " ".join(["jan"] * 50)

    assert Fts5Search.match_expression(typed).count("AND") == search.MAX_QUERY_WORDS - 1
    assert found(register, typed) == ["Jan Bakker", "Jan van der Berg"]
