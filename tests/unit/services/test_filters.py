"""Filters that combine, saved views, owners, do-not-contact and addresses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import GovernmentLevel, Helix, Sector, ViewKind
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services import organisations, people, saved_views, team
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery

from .factories import org, person, role

LAST_YEAR = date.today() - timedelta(days=365)
LONG_AGO = date(2010, 1, 1)


@pytest.fixture
def register(session: Session) -> dict[str, int]:
    """A small register: who works where, owned by whom, tagged how."""
    anna = team.add_team_member(session, team.TeamMemberData("Anna de Boer")).id
    bart = team.add_team_member(session, team.TeamMemberData("Bart Mulder")).id
    emmen = org(
        session,
        "Gemeente Emmen",
        "government",
        government_level="municipality",
        region="Emmen",
        is_partner=True,
    )
    chem = org(
        session, "Polymeer B.V.", "business", sectors=["chemistry"], region="Emmen", tags=["Chemie"]
    )
    truck = org(session, "Truckhub B.V.", "business", sectors=["logistics"], region="Coevorden")
    wethouder = person(session, "Els", "Bakker", owner_id=anna, tags=["Program Board"])
    directeur = person(session, "Piet", "Smit", owner_id=bart, backup_owner_id=anna)
    planner = person(session, "Kees", "Dijk", do_not_contact=True)
    retired = person(session, "Oud", "Gediende")
    role(session, wethouder, emmen, "wethouder", LAST_YEAR)
    role(session, directeur, chem, "directeur", LAST_YEAR)
    role(session, planner, truck, "planner", LAST_YEAR)
    role(session, retired, chem, "directeur", LONG_AGO, LONG_AGO + timedelta(days=900))
    return {
        "anna": anna,
        "bart": bart,
        "emmen": emmen.id,
        "chem": chem.id,
        "truck": truck.id,
        "els": wethouder.id,
        "piet": directeur.id,
        "kees": planner.id,
        "oud": retired.id,
    }


def names(session: Session, query: PersonQuery) -> list[str]:
    found = people.list_people(session, query)
    assert people.count_people(session, query) == len(found)
    return [p.sorted_name for p in found]


def test_filters_on_the_organisation_of_a_current_role(
    session: Session, register: dict[str, int]
) -> None:
    assert names(session, PersonQuery(helix=Helix.GOVERNMENT)) == ["Bakker, Els"]
    assert names(session, PersonQuery(government_level=GovernmentLevel.MUNICIPALITY)) == [
        "Bakker, Els"
    ]
    # The former director of the chemistry company is not counted: their role ended.
    assert names(session, PersonQuery(sector=Sector.CHEMISTRY)) == ["Smit, Piet"]
    assert names(session, PersonQuery(region="emmen")) == ["Bakker, Els", "Smit, Piet"]
    assert names(session, PersonQuery(partners_only=True)) == ["Bakker, Els"]


def test_filters_combine(session: Session, register: dict[str, int]) -> None:
    query = PersonQuery(region="Emmen", helix=Helix.BUSINESS, owner_id=register["bart"])
    assert names(session, query) == ["Smit, Piet"]
    assert names(session, PersonQuery(region="Emmen", owner_id=register["anna"])) == ["Bakker, Els"]
    assert names(session, PersonQuery(region="Coevorden", owner_id=register["anna"])) == []


def test_owner_tag_role_and_do_not_contact_filters(
    session: Session, register: dict[str, int]
) -> None:
    assert names(session, PersonQuery(without_owner=True)) == ["Dijk, Kees", "Gediende, Oud"]
    assert names(session, PersonQuery(tag="program board")) == ["Bakker, Els"]
    assert names(session, PersonQuery(current_role=False)) == ["Gediende, Oud"]
    assert "Gediende, Oud" not in names(session, PersonQuery(current_role=True))
    assert "Dijk, Kees" not in names(session, PersonQuery(exclude_do_not_contact=True))
    assert names(session, PersonQuery(organisation_id=register["chem"])) == [
        "Gediende, Oud",
        "Smit, Piet",
    ]


def test_do_not_contact_shows_in_the_list(session: Session, register: dict[str, int]) -> None:
    flagged = {p.sorted_name: p.do_not_contact for p in people.list_people(session, PersonQuery())}
    assert flagged["Dijk, Kees"] is True
    assert flagged["Bakker, Els"] is False


def test_backup_owner_must_differ_from_the_owner(
    session: Session, register: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught:
        person(
            session, "Zelf", "Dezelfde", owner_id=register["anna"], backup_owner_id=register["anna"]
        )
    assert caught.value.field == "backup_owner_id"
    with pytest.raises(ValidationError) as caught:
        person(session, "Niemand", "Bekend", backup_owner_id=999)
    assert caught.value.field == "backup_owner_id"
    assert people.get_person(session, register["piet"]).backup_owner_id == register["anna"]


def test_organisation_filters(session: Session, register: dict[str, int]) -> None:
    def org_names(query: OrganisationQuery) -> list[str]:
        found = organisations.list_organisations(session, query)
        assert organisations.count_organisations(session, query) == len(found)
        return [o.name for o in found]

    assert org_names(OrganisationQuery(region="EMMEN")) == ["Gemeente Emmen", "Polymeer B.V."]
    assert org_names(OrganisationQuery(tag="chemie")) == ["Polymeer B.V."]
    assert org_names(OrganisationQuery(region="Emmen", helix=Helix.BUSINESS)) == ["Polymeer B.V."]
    child = org(session, "Afdeling Economie", "government", parent_id=register["emmen"])
    assert org_names(OrganisationQuery(parent_id=register["emmen"])) == [child.name]


def test_address_is_kept_and_dutch_postcodes_are_tidied(session: Session) -> None:
    created = org(
        session,
        "Drenthe College",
        "education",
        street="Sluisdijk 1",
        postal_code="7811ap",
        city="Emmen",
    )
    assert (created.street, created.postal_code, created.city) == (
        "Sluisdijk 1",
        "7811 AP",
        "Emmen",
    )
    foreign = org(session, "Landkreis Emsland", "government", postal_code="49716")
    assert foreign.postal_code == "49716"


def test_saved_view_round_trip(session: Session, register: dict[str, int]) -> None:
    query = PersonQuery(region="Emmen", helix=Helix.BUSINESS, current_role=True, descending=True)
    view = saved_views.save_view(session, ViewKind.PEOPLE, "Bedrijven in Emmen", query)
    saved_views.save_view(
        session, ViewKind.ORGANISATIONS, "Partners", OrganisationQuery(partners_only=True)
    )

    assert saved_views.list_views(session, ViewKind.PEOPLE) == [(view.id, "Bedrijven in Emmen")]
    assert saved_views.load_view(session, view.id) == query
    assert names(session, saved_views.load_view(session, view.id)) == ["Smit, Piet"]


def test_saving_under_an_existing_name_replaces_the_view(
    session: Session, register: dict[str, int]
) -> None:
    first = saved_views.save_view(session, ViewKind.PEOPLE, "Mijn lijst", PersonQuery(tag="x"))
    second = saved_views.save_view(session, ViewKind.PEOPLE, "Mijn lijst", PersonQuery(tag="y"))
    assert first.id == second.id
    assert saved_views.load_view(session, first.id) == PersonQuery(tag="y")
    saved_views.delete_view(session, first.id)
    assert saved_views.list_views(session, ViewKind.PEOPLE) == []
    with pytest.raises(NotFoundError):
        saved_views.load_view(session, first.id)


def test_saved_view_needs_a_name_and_a_matching_query(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        saved_views.save_view(session, ViewKind.PEOPLE, "  ", PersonQuery())
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        saved_views.save_view(session, ViewKind.PEOPLE, "Verkeerd", OrganisationQuery())
    assert caught.value.field == "query"


def test_a_view_saved_by_another_version_still_opens() -> None:
    text = '{"helix": "martian", "region": "Emmen", "colour": "blue", "owner_id": "x"}'
    assert saved_views.decode_query(ViewKind.PEOPLE, text) == PersonQuery(region="Emmen")
