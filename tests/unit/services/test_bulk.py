"""Bulk edits of people and organisations: what changes, what is refused."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import Helix
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services import bulk, organisations, people, team
from techzone_crm.services.bulk import RecordKind
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery
from techzone_crm.services.team import TeamMemberData

from .factories import org, person, role


def _owners(session: Session, ids: list[int]) -> list[int | None]:
    return [people.get_person(session, i).owner_id for i in ids]


def _tags(session: Session, person_id: int) -> list[str]:
    return sorted(t.name for t in people.get_person(session, person_id).tags)


def test_set_owner_changes_only_those_with_another_owner(session: Session) -> None:
    sanne = team.add_team_member(session, TeamMemberData("Sanne de Vries")).id
    pim = team.add_team_member(session, TeamMemberData("Pim Smit")).id
    ids = [
        person(session, "Jan", "Berg", owner_id=sanne).id,
        person(session, "Els", "Bakker", owner_id=pim).id,
        person(session, "Kees", "Mulder").id,
    ]
    versions = [people.get_person(session, i).version for i in ids]

    changed = bulk.set_owner(session, ids, sanne)

    assert changed == ids[1:]
    assert _owners(session, ids) == [sanne, sanne, sanne]
    assert people.get_person(session, ids[0]).version == versions[0]
    assert people.get_person(session, ids[1]).version > versions[1]
    assert bulk.set_owner(session, ids, None) == ids
    assert _owners(session, ids) == [None, None, None]


def test_set_owner_refuses_an_unknown_team_member_and_changes_nothing(session: Session) -> None:
    jan = person(session).id
    with pytest.raises(ValidationError) as caught:
        bulk.set_owner(session, [jan], 999)
    assert caught.value.field == "owner_id"
    assert _owners(session, [jan]) == [None]


def test_a_missing_record_refuses_the_whole_edit(session: Session) -> None:
    jan = person(session).id
    with pytest.raises(NotFoundError, match="1 of the selected people"):
        bulk.set_do_not_contact(session, [jan, jan + 100], True)
    assert not people.get_person(session, jan).do_not_contact


def test_do_not_contact_is_set_and_cleared(session: Session) -> None:
    ids = [person(session, "Jan").id, person(session, "Els", do_not_contact=True).id]
    assert bulk.set_do_not_contact(session, ids, True) == ids[:1]
    assert all(people.get_person(session, i).do_not_contact for i in ids)
    assert bulk.set_do_not_contact(session, ids, False) == ids
    assert not any(people.get_person(session, i).do_not_contact for i in ids)


def test_adding_a_tag_reuses_an_existing_one_whatever_its_case(session: Session) -> None:
    jan = person(session, "Jan", tags=["Energie"]).id
    els = person(session, "Els").id
    assert bulk.add_tag(session, RecordKind.PERSON, [jan, els], " energie ") == [els]
    assert _tags(session, jan) == ["Energie"] and _tags(session, els) == ["Energie"]
    assert bulk.add_tag(session, RecordKind.PERSON, [els], "Kerngroep") == [els]
    assert _tags(session, els) == ["Energie", "Kerngroep"]
    with pytest.raises(ValidationError):
        bulk.add_tag(session, RecordKind.PERSON, [els], "   ")


def test_removing_a_tag_from_people_and_organisations(session: Session) -> None:
    jan = person(session, "Jan", tags=["Energie", "Board"]).id
    els = person(session, "Els").id
    emmen = org(session, "Gemeente Emmen", tags=["Energie"]).id
    assert bulk.remove_tag(session, RecordKind.PERSON, [jan, els], "ENERGIE") == [jan]
    assert _tags(session, jan) == ["Board"]
    assert bulk.remove_tag(session, RecordKind.ORGANISATION, [emmen], "Energie") == [emmen]
    assert organisations.get_organisation(session, emmen).tags == []
    with pytest.raises(ValidationError, match="not a known tag"):
        bulk.remove_tag(session, RecordKind.PERSON, [jan], "Onbekend")


def test_partner_status_and_organisation_tags(session: Session) -> None:
    ids = [org(session, "Gemeente Emmen", is_partner=True).id, org(session, "Bedrijf Noord").id]
    assert bulk.set_partner(session, ids, True) == ids[1:]
    assert bulk.add_tag(session, RecordKind.ORGANISATION, ids, "Kerngroep") == ids
    assert [t.name for t in organisations.get_organisation(session, ids[1]).tags] == ["Kerngroep"]
    assert bulk.set_partner(session, ids, False) == ids
    assert organisations.count_organisations(session, OrganisationQuery(partners_only=True)) == 0


def test_ids_matching_follow_the_list_query(session: Session) -> None:
    jan = person(session, "Jan", "Berg", tags=["Energie"]).id
    person(session, "Els", "Bakker")
    kees = person(session, "Kees", "Berg").id
    assert bulk.person_ids_matching(session, PersonQuery(text="berg")) == [jan, kees]
    assert bulk.person_ids_matching(session, PersonQuery(tag="energie")) == [jan]
    assert len(bulk.person_ids_matching(session, PersonQuery())) == 3
    gov = org(session, "Gemeente Emmen", Helix.GOVERNMENT).id
    org(session, "Bedrijf Noord")
    query = OrganisationQuery(helix=Helix.GOVERNMENT)
    assert bulk.organisation_ids_matching(session, query) == [gov]
    assert len(bulk.organisation_ids_matching(session, OrganisationQuery())) == 2


def test_deleting_several_takes_their_roles_and_unlinks_parts(session: Session) -> None:
    province = org(session, "Provincie Drenthe", "government")
    department = org(session, "Afdeling Economie", "government", parent_id=province.id)
    els = person(session, "Els", "Bakker")
    jan = person(session, "Jan", "Berg")
    role(session, els, province, "gedeputeerde")
    role(session, jan, department, "adviseur")

    assert bulk.links_of(session, RecordKind.PERSON, [els.id, jan.id]) == (2, 0)
    assert bulk.links_of(session, RecordKind.ORGANISATION, [province.id]) == (1, 1)
    assert bulk.delete_records(session, RecordKind.PERSON, [els.id, jan.id]) == [els.id, jan.id]
    assert people.count_people(session, people.PersonQuery()) == 0
    bulk.delete_records(session, RecordKind.ORGANISATION, [province.id])
    assert organisations.get_organisation(session, department.id).parent_id is None
    with pytest.raises(NotFoundError):
        bulk.delete_records(session, RecordKind.PERSON, [els.id])
