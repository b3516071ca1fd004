"""Adding, editing, listing and deleting people."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import EmailAddress, EmailKind, Person, PhoneKind, PhoneNumber, Tag
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services import people, team
from techzone_crm.services.common import Page
from techzone_crm.services.people import (
    EmailData,
    PersonData,
    PersonQuery,
    PersonSort,
    PhoneData,
    add_person,
    count_people,
    delete_person,
    get_person,
    list_people,
    update_person,
)

from .factories import org, person, role


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Person, EmailAddress, PhoneNumber, Tag)
        )


def test_added_person_is_stored_normalised(db: Database) -> None:
    with db.sessions.begin() as session:
        added = add_person(
            session,
            PersonData(
                given_name="  Jan ",
                name_prefix="Van der",
                family_name="Berg",
                title="dr.",
                emails=[EmailData("Jan.Berg@Drenthe.NL"), EmailData("jan@thuis.nl", "private")],
                phones=[PhoneData("06-1234 5678", "mobile")],
                tags=["Program Board"],
            ),
        )

    with db.read() as session:
        stored = get_person(session, added.id)
        assert stored.display_name == "dr. Jan van der Berg"
        assert stored.sorted_name == "Berg, Jan van der"
        assert [(e.address, e.kind) for e in stored.emails] == [
            ("Jan.Berg@drenthe.nl", EmailKind.WORK),
            ("jan@thuis.nl", EmailKind.PRIVATE),
        ]
        assert [(p.number, p.kind) for p in stored.phones] == [("+31612345678", PhoneKind.MOBILE)]
        assert [t.name for t in stored.tags] == ["Program Board"]
        assert stored.version == 1


def test_list_shows_the_main_role_first_email_and_formatted_phone(session: Session) -> None:
    province = org(session, "Provincie Drenthe", "government")
    old_job = org(session, "Gemeente Assen", "government")
    jan = person(
        session,
        "Jan",
        "Berg",
        name_prefix="van der",
        emails=["jan@drenthe.nl", "jan@thuis.nl"],
        phones=["0592 365 555", "06 12345678"],
    )
    role(session, jan, old_job, "wethouder", date(2010, 1, 1), date(2018, 12, 31))
    role(session, jan, province, "gedeputeerde", date(2019, 1, 1))

    [row] = list_people(session, PersonQuery())

    assert row.sorted_name == "Berg, Jan van der"
    assert row.display_name == "Jan van der Berg"
    assert (row.organisation, row.role) == ("Provincie Drenthe", "gedeputeerde")
    assert row.email == "jan@drenthe.nl"
    assert row.phone == "0592 365 555"
    assert row.version == jan.version


def test_person_without_a_current_role_is_listed_without_one(session: Session) -> None:
    els = person(session, "Els", "Bakker")
    role(
        session,
        els,
        org(session, "Gemeente Assen"),
        "wethouder",
        date(2010, 1, 1),
        date(2014, 1, 1),
    )

    [row] = list_people(session, PersonQuery())

    assert (row.organisation, row.role, row.email, row.phone, row.owner) == ("", "", "", "", "")


def test_people_are_listed_in_dutch_name_order(session: Session) -> None:
    for given, prefix, family in [
        ("Karin", "", "Dijk"),
        ("Jan", "van der", "Berg"),
        ("Els", "", "Bakker"),
        ("Sanne", "de", "Vries"),
    ]:
        person(session, given, family, name_prefix=prefix)

    rows = list_people(session, PersonQuery())

    assert [r.sorted_name for r in rows] == [
        "Bakker, Els",
        "Berg, Jan van der",
        "Dijk, Karin",
        "Vries, Sanne de",
    ]


def test_update_replaces_addresses_numbers_and_tags(db: Database) -> None:
    with db.sessions.begin() as session:
        jan = person(session, "Jan", "Berg", emails=["a@x.nl", "b@x.nl"], phones=["0612345678"])
        jan_id = jan.id

    with db.sessions.begin() as session:
        update_person(
            session,
            jan_id,
            PersonData(
                given_name="Jan",
                family_name="Berg",
                emails=[EmailData("b@x.nl")],
                phones=[PhoneData("050 123 4567"), PhoneData("06 12345678", "mobile")],
                tags=["Kerngroep HTSM"],
            ),
        )

    with db.read() as session:
        stored = get_person(session, jan_id)
        assert [e.address for e in stored.emails] == ["b@x.nl"]
        assert [(p.number, p.kind) for p in stored.phones] == [
            ("+31501234567", PhoneKind.WORK),
            ("+31612345678", PhoneKind.MOBILE),
        ]
        assert [t.name for t in stored.tags] == ["Kerngroep HTSM"]
    assert _counts(db) == (1, 1, 2, 1)


@pytest.mark.parametrize(
    "change",
    [
        {"given_name": "Johannes"},
        {"notes": "Met at the Energy Port event"},
        {"emails": [EmailData("jan@berg.nl")]},
        {"phones": [PhoneData("06 12345678")]},
        {"tags": ["Program Board"]},
    ],
    ids=["name", "notes", "email", "phone", "tag"],
)
def test_every_saved_edit_moves_the_version_by_exactly_one(
    db: Database, change: dict[str, object]
) -> None:
    with db.sessions.begin() as session:
        jan_id = person(session, "Jan", "Berg").id

    versions = []
    for _ in range(2):
        with db.sessions.begin() as session:
            data = PersonData(given_name="Jan", family_name="Berg")
            for key, value in change.items():
                setattr(data, key, value)
            versions.append(update_person(session, jan_id, data).version)
            data.notes += " (again)"
            versions.append(update_person(session, jan_id, data).version)

    assert versions == [2, 3, 4, 5]
    with db.read() as session:
        assert get_person(session, jan_id).version == 5


def test_delete_removes_the_person_with_their_details(db: Database) -> None:
    with db.sessions.begin() as session:
        jan = person(session, "Jan", "Berg", emails=["jan@x.nl"], phones=["0612345678"], tags=["A"])
        role(session, jan, org(session, "Gemeente Emmen"), "wethouder")
        role(session, jan, org(session, "Provincie Drenthe"), "adviseur")
        els_id = person(session, "Els", "Bakker").id
        jan_id = jan.id

    with db.sessions.begin() as session:
        assert delete_person(session, jan_id) == 2

    with db.read() as session:
        with pytest.raises(NotFoundError, match="does not exist"):
            get_person(session, jan_id)
        assert [r.id for r in list_people(session, PersonQuery())] == [els_id]
    assert _counts(db) == (1, 0, 0, 1)


def test_unknown_person_is_reported(session: Session) -> None:
    with pytest.raises(NotFoundError, match="person #999"):
        update_person(session, 999, PersonData("Jan", "Berg"))
    with pytest.raises(NotFoundError):
        delete_person(session, 999)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonData(given_name="Jan", family_name=""), "family_name"),
        (PersonData(given_name="Jan", family_name="   "), "family_name"),
        (PersonData(given_name="", family_name="Berg"), "given_name"),
        (PersonData(given_name="Jan", family_name="B" * 101), "family_name"),
        (PersonData("Jan", "Berg", emails=[EmailData("jan.berg")]), "emails[0]"),
        (PersonData("Jan", "Berg", emails=[EmailData("a@x.nl"), EmailData("")]), "emails[1]"),
        (PersonData("Jan", "Berg", emails=[EmailData("a@x.nl"), EmailData("A@X.nl")]), "emails[1]"),
        (PersonData("Jan", "Berg", emails=[EmailData("a@x.nl", "pigeon")]), "emails[0].kind"),
        (PersonData("Jan", "Berg", phones=[PhoneData("12")]), "phones[0]"),
        (
            PersonData("Jan", "Berg", phones=[PhoneData("0612345678"), PhoneData("06 1234 5678")]),
            "phones[1]",
        ),
        (PersonData("Jan", "Berg", phones=[PhoneData("0612345678", "fax")]), "phones[0].kind"),
        (PersonData("Jan", "Berg", owner_id=42), "owner_id"),
        (PersonData("Jan", "Berg", tags=["ok", "  "]), "tags"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    db: Database, data: PersonData, field: str
) -> None:
    with db.sessions.begin() as session:
        jan_id = person(session, "Jan", "Berg", emails=["jan@x.nl"], phones=["0501234567"]).id
    before = _counts(db)

    with pytest.raises(ValidationError) as added, db.sessions.begin() as session:
        add_person(session, data)
    with pytest.raises(ValidationError) as updated, db.sessions.begin() as session:
        update_person(session, jan_id, data)

    assert added.value.field == updated.value.field == field
    assert _counts(db) == before
    with db.read() as session:
        stored = get_person(session, jan_id)
        assert (stored.given_name, stored.family_name, stored.version) == ("Jan", "Berg", 1)
        assert [e.address for e in stored.emails] == ["jan@x.nl"]
        assert [p.number for p in stored.phones] == ["+31501234567"]


def test_count_and_filters(session: Session) -> None:
    anna = team.add_team_member(session, team.TeamMemberData("Anna de Boer"))
    emmen = org(session, "Gemeente Emmen")
    jan = person(session, "Jan", "Berg", owner_id=anna.id)
    els = person(session, "Els", "Bakker")
    role(session, els, emmen, "wethouder")
    person(session, "Karin", "Dijk")

    def ids(query: PersonQuery) -> set[int]:
        assert count_people(session, query) == len(list_people(session, query))
        return {r.id for r in list_people(session, query)}

    assert count_people(session, PersonQuery()) == 3
    assert ids(PersonQuery(owner_id=anna.id)) == {jan.id}
    assert len(ids(PersonQuery(without_owner=True))) == 2
    assert ids(PersonQuery(organisation_id=emmen.id)) == {els.id}
    assert ids(PersonQuery(text="bakker", without_owner=True)) == {els.id}
    assert owner_of(session, jan.id) == "Anna de Boer"


def owner_of(session: Session, person_id: int) -> str:
    [row] = [r for r in list_people(session, PersonQuery()) if r.id == person_id]
    return row.owner


# Four people whose values for every sortable column are in a different order.
SORT_SAMPLE = [
    # given, family, organisation, role, e-mail, phone (E.164), owner
    ("Els", "Bakker", "Zernike Campus", "adviseur", "zz@x.nl", "+31501000002", "Bram"),
    ("Jan", "Berg", "Avebe", "wethouder", "bb@x.nl", "+31501000004", "Anna"),
    ("Karin", "Dijk", "Chemport", "directeur", "aa@x.nl", "+31501000001", "Dirk"),
    ("Sanne", "Vries", "Gemeente Emmen", "burgemeester", "cc@x.nl", "+31501000003", "Carla"),
]
SORT_COLUMN = {
    PersonSort.NAME: 1,
    PersonSort.ORGANISATION: 2,
    PersonSort.ROLE: 3,
    PersonSort.EMAIL: 4,
    PersonSort.PHONE: 5,
    PersonSort.OWNER: 6,
}


@pytest.fixture
def sort_sample(session: Session) -> dict[str, str]:
    """The sample people, plus Piet Mulder who has none of the details (sorts first)."""
    for given, family, org_name, title, email, phone, owner in SORT_SAMPLE:
        member = team.add_team_member(session, team.TeamMemberData(owner))
        somebody = person(
            session, given, family, emails=[email], phones=[phone], owner_id=member.id
        )
        role(session, somebody, org(session, org_name), title, date(2020, 1, 1))
    person(session, "Piet", "Mulder")
    return {family: given for given, family, *_ in SORT_SAMPLE}


@pytest.mark.parametrize("sort", list(PersonSort))
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_people_sort_on_every_column(
    session: Session, sort_sample: dict[str, str], sort: PersonSort, descending: bool
) -> None:
    column = SORT_COLUMN[sort]
    ordered = sorted(SORT_SAMPLE, key=lambda r: r[column].lower())
    families = [family for _given, family, *_ in ordered]
    # Piet Mulder has no details: first on those columns, in name order on the name.
    expected = sorted([*families, "Mulder"]) if sort is PersonSort.NAME else ["Mulder", *families]
    if descending:
        expected.reverse()

    rows = list_people(session, PersonQuery(sort=sort, descending=descending))

    assert [r.sorted_name.split(",")[0] for r in rows] == expected


@pytest.mark.parametrize("sort", [PersonSort.NAME, PersonSort.OWNER, PersonSort.ORGANISATION])
@pytest.mark.parametrize("size", [1, 4, 7])
def test_pages_are_disjoint_and_complete(session: Session, sort: PersonSort, size: int) -> None:
    # Same names and empty columns, so only the tie-breakers order many rows.
    for i in range(9):
        person(session, "Jan", "Jansen" if i % 3 else "Bakker")
    role(session, person(session, "Els", "Dijk"), org(session, "Avebe"), "directeur")
    query = PersonQuery(sort=sort)
    everyone = [r.id for r in list_people(session, query, Page(0, 1000))]

    paged: list[int] = []
    for offset in range(0, len(everyone) + size, size):
        window = list_people(session, query, Page(offset, size))
        assert len(window) <= size
        paged += [r.id for r in window]

    assert len(everyone) == count_people(session, query) == 10
    assert paged == everyone
    assert len(set(paged)) == 10


@pytest.mark.parametrize("sort", list(PersonSort))
def test_an_order_computed_once_gives_the_same_pages(session: Session, sort: PersonSort) -> None:
    for i in range(12):
        person(session, f"Naam{i}", f"Familie{(i * 7) % 12}", emails=[f"p{(i * 5) % 12}@x.example"])
    query = PersonQuery(sort=sort, descending=True)
    order = people.ids_in_order(session, query)
    for offset in (0, 5, 10):
        page = people.list_people(session, query, Page(offset, 5))
        assert people.people_rows(session, order[offset : offset + 5]) == page
