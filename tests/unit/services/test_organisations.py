"""Adding, editing, listing and deleting organisations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    Affiliation,
    GovernmentLevel,
    Helix,
    Organisation,
    OrganisationSector,
    Person,
    Sector,
)
from techzone_crm.errors import NotFoundError, ValidationError
from techzone_crm.services.common import Page
from techzone_crm.services.organisations import (
    OrganisationData,
    OrganisationLinks,
    OrganisationQuery,
    OrganisationSort,
    add_organisation,
    count_organisations,
    delete_organisation,
    find_organisations,
    get_organisation,
    list_organisations,
    organisation_links,
    organisation_people,
    update_organisation,
)

from .factories import org, person, role

TODAY = date(2024, 6, 1)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Organisation, OrganisationSector, Affiliation)
        )


def test_added_organisation_is_stored_normalised(db: Database) -> None:
    with db.sessions.begin() as session:
        added = add_organisation(
            session,
            OrganisationData(
                name="  Provincie   Drenthe ",
                helix="government",
                government_level="province",
                sectors=["htsm", Sector.LOGISTICS, "htsm"],
                short_name="PDR",
                region="Drenthe",
                website="www.provincie.drenthe.nl",
                is_partner=True,
                notes="Kerngroep\nHTSM",
            ),
        )

    with db.read() as session:
        stored = get_organisation(session, added.id)
        assert stored.name == "Provincie Drenthe"
        assert stored.helix is Helix.GOVERNMENT
        assert stored.government_level is GovernmentLevel.PROVINCE
        assert stored.sectors == {Sector.HTSM, Sector.LOGISTICS}
        assert stored.website == "https://www.provincie.drenthe.nl"
        assert stored.is_partner
        assert stored.notes == "Kerngroep\nHTSM"
        assert stored.version == 1


def test_update_changes_fields_sectors_and_parent(db: Database) -> None:
    with db.sessions.begin() as session:
        ministry = org(session, "Ministerie van EZK", "government", government_level="national")
        rvo = org(session, "RVO", "government", sectors=["htsm", "chemistry"])
        ids = ministry.id, rvo.id

    with db.sessions.begin() as session:
        update_organisation(
            session,
            ids[1],
            OrganisationData(
                name="Rijksdienst voor Ondernemend Nederland",
                helix="government",
                government_level="national",
                sectors=["chemistry", "other"],
                parent_id=ids[0],
            ),
        )

    with db.read() as session:
        stored = get_organisation(session, ids[1])
        assert stored.name == "Rijksdienst voor Ondernemend Nederland"
        assert stored.sectors == {Sector.CHEMISTRY, Sector.OTHER}
        assert stored.parent is not None and stored.parent.id == ids[0]
        [row] = [r for r in list_organisations(session, OrganisationQuery()) if r.id == ids[1]]
        assert row.parent_name == "Ministerie van EZK"
        assert row.sectors == (Sector.CHEMISTRY, Sector.OTHER)
    assert _counts(db)[1] == 2


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Gemeente Emmen (Drenthe)"},
        {"sectors": ["htsm"]},
        {"is_partner": True},
        {"parent": True},
        {"name": "Gemeente Emmen (Drenthe)", "sectors": ["htsm"], "parent": True},
    ],
    ids=["name", "sectors", "partner", "parent", "all"],
)
def test_every_saved_edit_moves_the_version_by_exactly_one(
    db: Database, change: dict[str, object]
) -> None:
    with db.sessions.begin() as session:
        parent_id = org(session, "Provincie Drenthe").id
        org_id = org(session, "Gemeente Emmen").id

    data = OrganisationData(name="Gemeente Emmen", helix="business")
    for key, value in change.items():
        if key == "parent":
            data.parent_id = parent_id
        else:
            setattr(data, key, value)
    with db.sessions.begin() as session:
        first = update_organisation(session, org_id, data).version
    data.notes = "second edit"
    with db.sessions.begin() as session:
        second = update_organisation(session, org_id, data).version

    assert (first, second) == (2, 3)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (OrganisationData(name="", helix="business"), "name"),
        (OrganisationData(name="X" * 201, helix="business"), "name"),
        (OrganisationData(name="Avebe", helix=""), "helix"),
        (OrganisationData(name="Avebe", helix="weather"), "helix"),
        (
            OrganisationData(name="Avebe", helix="business", government_level="province"),
            "government_level",
        ),
        (
            OrganisationData(name="Emmen", helix="government", government_level="city"),
            "government_level",
        ),
        (OrganisationData(name="Avebe", helix="business", sectors=["fishing"]), "sectors"),
        (OrganisationData(name="Avebe", helix="business", website="not a site"), "website"),
        (OrganisationData(name="Avebe", helix="business", short_name="A" * 51), "short_name"),
        (OrganisationData(name="Avebe", helix="business", parent_id=999), "parent_id"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    db: Database, data: OrganisationData, field: str
) -> None:
    with db.sessions.begin() as session:
        org_id = org(session, "Avebe", sectors=["chemistry"]).id
    before = _counts(db)

    with pytest.raises(ValidationError) as added, db.sessions.begin() as session:
        add_organisation(session, data)
    with pytest.raises(ValidationError) as updated, db.sessions.begin() as session:
        update_organisation(session, org_id, data)

    assert added.value.field == updated.value.field == field
    assert _counts(db) == before
    with db.read() as session:
        stored = get_organisation(session, org_id)
        assert (stored.name, stored.helix, stored.version) == ("Avebe", Helix.BUSINESS, 1)
        assert stored.sectors == {Sector.CHEMISTRY}


def test_government_level_is_allowed_for_government_only(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government", government_level="municipality")

    assert emmen.government_level is GovernmentLevel.MUNICIPALITY


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_organisation_cannot_sit_under_itself(db: Database, depth: int) -> None:
    with db.sessions.begin() as session:
        top = org(session, "Ministerie")
        chain = [top]
        for i in range(depth):
            chain.append(org(session, f"Afdeling {i}", parent_id=chain[-1].id))
        ids = [o.id for o in chain]

    with pytest.raises(ValidationError) as caught, db.sessions.begin() as session:
        update_organisation(
            session,
            ids[0],
            OrganisationData(name="Ministerie", helix="business", parent_id=ids[-1]),
        )

    assert caught.value.field == "parent_id"
    with db.read() as session:
        assert get_organisation(session, ids[0]).parent_id is None


def test_delete_reports_links_removes_roles_and_unlinks_children(db: Database) -> None:
    with db.sessions.begin() as session:
        province = org(session, "Provincie Drenthe", "government")
        department = org(session, "Afdeling Economie", "government", parent_id=province.id)
        jan = person(session, "Jan", "Berg")
        els = person(session, "Els", "Bakker")
        role(session, jan, province, "gedeputeerde", date(2019, 1, 1))
        role(session, els, province, "statenlid", date(2011, 1, 1), date(2015, 1, 1))
        role(session, els, department, "beleidsmedewerker")
        ids = province.id, department.id

    with db.read() as session:
        assert organisation_links(session, ids[0]) == OrganisationLinks(2, 1, 1)
        assert not organisation_links(session, ids[0]).empty
        assert organisation_links(session, ids[1]) == OrganisationLinks(1, 1, 0)

    with db.sessions.begin() as session:
        removed = delete_organisation(session, ids[0])

    assert removed == OrganisationLinks(affiliations=2, current_affiliations=1, children=1)
    with db.read() as session:
        with pytest.raises(NotFoundError):
            get_organisation(session, ids[0])
        child = get_organisation(session, ids[1])
        assert child.parent_id is None
        assert child.version == 2
        assert session.scalar(select(func.count()).select_from(Person)) == 2
        assert session.scalar(select(func.count()).select_from(Affiliation)) == 1


def test_organisation_without_links_reports_empty(session: Session) -> None:
    avebe = org(session, "Avebe")

    assert organisation_links(session, avebe.id).empty
    assert delete_organisation(session, avebe.id).empty


def test_organisation_people_current_first(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government")
    role(
        session,
        person(session, "Anna", "Aalders"),
        emmen,
        "wethouder",
        date(2006, 1, 1),
        date(2010, 1, 1),
    )
    role(session, person(session, "Karin", "Dijk"), emmen, "burgemeester", date(2017, 1, 1))
    role(session, person(session, "Els", "Bakker"), emmen, "wethouder", date(2022, 1, 1))

    rows = organisation_people(session, emmen.id, today=TODAY)

    assert [(r.person_name, r.current) for r in rows] == [
        ("Bakker, Els", True),
        ("Dijk, Karin", True),
        ("Aalders, Anna", False),
    ]
    with pytest.raises(NotFoundError):
        organisation_people(session, 999)


def test_count_and_filters(session: Session) -> None:
    emmen = org(session, "Gemeente Emmen", "government", government_level="municipality")
    drenthe = org(
        session, "Provincie Drenthe", "government", government_level="province", is_partner=True
    )
    avebe = org(session, "Avebe", sectors=["chemistry"])
    rug = org(session, "Rijksuniversiteit Groningen", "education", sectors=["htsm", "chemistry"])

    def ids(**query: object) -> set[int]:
        q = OrganisationQuery(**query)  # type: ignore[arg-type]
        found = {r.id for r in list_organisations(session, q)}
        assert count_organisations(session, q) == len(found)
        return found

    assert ids() == {emmen.id, drenthe.id, avebe.id, rug.id}
    assert ids(helix=Helix.GOVERNMENT) == {emmen.id, drenthe.id}
    assert ids(government_level=GovernmentLevel.PROVINCE) == {drenthe.id}
    assert ids(sector=Sector.CHEMISTRY) == {avebe.id, rug.id}
    assert ids(partners_only=True) == {drenthe.id}
    assert ids(text="groningen", sector=Sector.HTSM) == {rug.id}


def test_find_organisations_for_pickers(session: Session) -> None:
    for name in ["Gemeente Emmen", "Gemeente Assen", "Avebe"]:
        org(session, name)

    assert [n for _, n in find_organisations(session, "gem")] == [
        "Gemeente Assen",
        "Gemeente Emmen",
    ]
    assert [n for _, n in find_organisations(session, "", limit=2)] == ["Avebe", "Gemeente Assen"]


@pytest.fixture
def sort_sample(session: Session) -> None:
    """Organisations where every sortable column has ties, broken by name."""
    for name, helix, level, region, partner, current_people in [
        ("Gemeente Emmen", "government", "municipality", "Drenthe", False, 2),
        ("Provincie Drenthe", "government", "province", "drenthe", True, 3),
        ("Gemeente Assen", "government", "municipality", "Drenthe", True, 0),
        ("Avebe", "business", None, "Groningen", False, 1),
        ("Zernike Campus", "education", None, "", True, 0),
        ("Chemport", "business", None, "Groningen", False, 2),
    ]:
        created = org(
            session, name, helix, government_level=level, region=region, is_partner=partner
        )
        for i in range(current_people):
            role(
                session, person(session, "Medewerker", f"{name} {i}"), created, "", date(2020, 1, 1)
            )
        role(
            session,
            person(session, "Oud", f"{name}"),
            created,
            "",
            date(2000, 1, 1),
            date(2001, 1, 1),
        )


def _sort_value(row: object, sort: OrganisationSort) -> object:
    value = {
        OrganisationSort.NAME: lambda r: r.name.lower(),
        # Helix and level sort in the order of their vocabulary, unset levels last.
        OrganisationSort.HELIX: lambda r: list(Helix).index(r.helix),
        OrganisationSort.LEVEL: lambda r: (
            list(GovernmentLevel).index(r.government_level)
            if r.government_level
            else len(GovernmentLevel)
        ),
        OrganisationSort.REGION: lambda r: r.region.lower(),
        OrganisationSort.PARTNER: lambda r: r.is_partner,
        OrganisationSort.PEOPLE: lambda r: r.current_people,
    }[sort]
    return value(row)


@pytest.mark.parametrize("sort", list(OrganisationSort))
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_organisations_sort_on_every_column(
    session: Session, sort_sample: None, sort: OrganisationSort, descending: bool
) -> None:
    rows = list_organisations(
        session, OrganisationQuery(sort=sort, descending=descending), today=TODAY
    )

    keys = [(_sort_value(r, sort), r.name.lower()) for r in rows]
    expected = sorted(keys, key=lambda k: k[1])
    expected.sort(key=lambda k: k[0], reverse=descending)  # stable: ties stay in name order
    assert keys == expected
    assert len({k[0] for k in keys}) > 1


def test_list_counts_current_people(session: Session, sort_sample: None) -> None:
    rows = list_organisations(session, OrganisationQuery(), today=TODAY)

    assert {r.name: r.current_people for r in rows} == {
        "Avebe": 1,
        "Chemport": 2,
        "Gemeente Assen": 0,
        "Gemeente Emmen": 2,
        "Provincie Drenthe": 3,
        "Zernike Campus": 0,
    }


@pytest.mark.parametrize("size", [1, 4, 5])
def test_pages_are_disjoint_and_complete(session: Session, sort_sample: None, size: int) -> None:
    query = OrganisationQuery(sort=OrganisationSort.PARTNER)
    everyone = [r.id for r in list_organisations(session, query, Page(0, 1000))]

    paged = []
    for offset in range(0, len(everyone) + size, size):
        paged += [r.id for r in list_organisations(session, query, Page(offset, size))]

    assert paged == everyone
    assert len(set(paged)) == len(everyone) == count_organisations(session, query) == 6
