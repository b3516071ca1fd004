"""The example data: what a user trying the app finds in it, and that loading it is safe."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import (
    Affiliation,
    EmailAddress,
    GovernmentLevel,
    Helix,
    Organisation,
    Person,
    PhoneNumber,
    Sector,
    Tag,
    TeamMember,
)
from techzone_crm.errors import UserError
from techzone_crm.services import maintenance, validation
from techzone_crm.services.demo import NOT_EMPTY, DemoSummary, load_demo
from techzone_crm.services.organisations import (
    OrganisationData,
    OrganisationQuery,
    add_organisation,
    count_organisations,
)
from techzone_crm.services.people import PersonQuery, count_people, list_people
from techzone_crm.services.team import TeamMemberData, add_team_member

TODAY = date(2024, 3, 1)
# Generous: the load takes about two seconds; this only catches a pathological slowdown.
MAX_LOAD_SECONDS = 20


class Loaded:
    """A database with the example data, the summary and the progress reports."""

    def __init__(self, db: Database, summary: DemoSummary, reports: list[tuple[int, int]]):
        self.db = db
        self.summary = summary
        self.reports = reports
        self.seconds = 0.0


def _load(path: Path, seed: int = 2021) -> Loaded:
    db = open_database(path)
    reports: list[tuple[int, int]] = []
    started = time.perf_counter()
    with db.sessions.begin() as session:
        summary = load_demo(
            session, seed=seed, progress=lambda d, t: reports.append((d, t)), today=TODAY
        )
    loaded = Loaded(db, summary, reports)
    loaded.seconds = time.perf_counter() - started
    return loaded


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """One database with the example data, shared by the read-only tests of this module."""
    result = _load(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield result
    result.db.close()


@pytest.fixture
def s(loaded: Loaded) -> Iterator[Session]:
    """A read session on the loaded example data."""
    with loaded.db.read() as session:
        yield session


def _org(session: Session, name: str) -> Organisation:
    org = session.scalars(select(Organisation).where(Organisation.name == name)).one_or_none()
    assert org is not None, f"{name} is missing from the example data"
    return org


def _snapshot(session: Session) -> dict[str, list[Any]]:
    """Everything a user sees, in storage order, without timestamps."""
    people = [
        (
            p.title,
            p.given_name,
            p.name_prefix,
            p.family_name,
            p.owner.name if p.owner else None,
            [e.address for e in p.emails],
            [n.number for n in p.phones],
            sorted(t.name for t in p.tags),
            p.notes,
        )
        for p in session.scalars(select(Person).order_by(Person.id))
    ]
    orgs = [
        (o.name, o.parent.name if o.parent else None, o.helix, o.government_level, o.website)
        for o in session.scalars(select(Organisation).order_by(Organisation.id))
    ]
    roles = [
        (a.person_id, a.organisation.name, a.role, a.start_date, a.end_date)
        for a in session.scalars(select(Affiliation).order_by(Affiliation.id))
    ]
    return {"people": people, "organisations": orgs, "affiliations": roles}


# Size and shape -------------------------------------------------------------------------


def test_counts_meet_the_minimums_and_the_summary_tells_the_truth(
    loaded: Loaded, s: Session
) -> None:
    summary = loaded.summary
    assert summary.organisations >= 150
    assert summary.people >= 400
    assert summary.affiliations >= summary.people + 80
    assert 4 <= summary.team_members <= 5
    counts = maintenance.counts(s)
    assert (counts.organisations, counts.people, counts.affiliations) == (
        summary.organisations,
        summary.people,
        summary.affiliations,
    )
    text = summary.describe()
    assert f"{summary.organisations} organisations" in text
    assert f"{summary.people} people" in text
    assert f"{summary.team_members} team members" in text


def test_loading_is_quick_and_reports_progress(loaded: Loaded) -> None:
    assert loaded.seconds < MAX_LOAD_SECONDS
    reports = loaded.reports
    total = reports[0][1]
    assert reports[0] == (0, total)
    assert reports[-1] == (total, total)
    assert len(reports) >= 10, "a progress bar needs more than a start and an end"
    done = [d for d, _ in reports]
    assert done == sorted(done) and all(t == total for _, t in reports)


def test_every_helix_and_every_government_level_is_present(s: Session) -> None:
    for helix in Helix:
        assert count_organisations(s, OrganisationQuery(helix=helix)) >= 10, helix
    for level in GovernmentLevel:
        assert count_organisations(s, OrganisationQuery(government_level=level)) >= 3, level


def test_the_four_municipalities_and_province_drenthe_are_partners(s: Session) -> None:
    for town in ("Coevorden", "Emmen", "Hardenberg", "Hoogeveen"):
        municipality = _org(s, f"Gemeente {town}")
        assert municipality.government_level is GovernmentLevel.MUNICIPALITY
        assert municipality.is_partner
        assert municipality.region == town
    drenthe = _org(s, "Provincie Drenthe")
    assert drenthe.is_partner and drenthe.government_level is GovernmentLevel.PROVINCE
    overijssel = _org(s, "Provincie Overijssel")
    assert overijssel.government_level is GovernmentLevel.PROVINCE
    partners = count_organisations(s, OrganisationQuery(partners_only=True))
    assert 10 <= partners <= 40
    partner_helices = set(
        s.scalars(select(Organisation.helix).where(Organisation.is_partner.is_(True)))
    )
    assert {Helix.GOVERNMENT, Helix.BUSINESS, Helix.EDUCATION} <= partner_helices


def test_hierarchies_go_several_levels_deep(s: Session) -> None:
    ministry = _org(s, "Ministerie van Economische Zaken")
    assert ministry.government_level is GovernmentLevel.NATIONAL
    grandchildren = [g.name for c in ministry.children for g in c.children]
    assert "Directie Topsectoren en Industriebeleid" in grandchildren
    assert "Rijksdienst voor Ondernemend Nederland" in [c.name for c in ministry.children]
    assert len(_org(s, "Provincie Drenthe").children) >= 3
    assert "DG Regionaal en Stedelijk Beleid" in [
        c.name for c in _org(s, "Europese Commissie").children
    ]
    board = _org(s, "Dutch TechZone Program Board")
    assert board.parent is not None and board.parent.name == "Dutch TechZone"


def test_the_program_board_has_members_from_several_partners(s: Session) -> None:
    board = _org(s, "Dutch TechZone Program Board")
    seats = [a for a in board.affiliations if a.is_current(TODAY)]
    assert len(seats) >= 8
    assert sum(a.role.startswith("voorzitter") for a in seats) == 1
    home_helices = {
        other.organisation.helix
        for seat in seats
        for other in seat.person.affiliations
        if other.organisation_id != board.id
    }
    assert {Helix.GOVERNMENT, Helix.BUSINESS, Helix.EDUCATION} <= home_helices
    assert all("Program Board" in {t.name for t in a.person.tags} for a in seats)
    former = [a for a in board.affiliations if not a.is_current(TODAY)]
    assert former, "a former member shows how the board changed"


# People ---------------------------------------------------------------------------------


def test_everyone_has_a_current_role_and_careers_have_a_past(s: Session) -> None:
    people = list(s.scalars(select(Person)))
    current = Counter[int]()
    former = Counter[int]()
    for person in people:
        for a in person.affiliations:
            (current if a.is_current(TODAY) else former)[person.id] += 1
    assert all(current[p.id] >= 1 for p in people), "someone has no current role"
    assert len(former) >= 60
    assert sum(1 for n in current.values() if n >= 2) >= 10
    # Elected members often have a day job too (not counting Program Board seats).
    board = _org(s, "Dutch TechZone Program Board")
    day_jobs = [
        p
        for p in people
        if len({a.organisation_id for a in p.affiliations if a.is_current(TODAY)} - {board.id}) >= 2
    ]
    assert len(day_jobs) >= 5
    # Someone who moved on: an old role ended before a current one began.
    moved = 0
    for person in people:
        ended = [a.end_date for a in person.affiliations if a.end_date and a.end_date < TODAY]
        began = [a.start_date for a in person.affiliations if a.is_current(TODAY) and a.start_date]
        if ended and began and min(ended) < max(began):
            moved += 1
    assert moved >= 50


def test_roles_and_dates_are_consistent(s: Session) -> None:
    for a in s.scalars(select(Affiliation)):
        assert a.role, "every affiliation says what the role is"
        if a.start_date:
            assert a.start_date <= TODAY
        if a.end_date:
            assert a.end_date < TODAY
            assert a.start_date is None or a.start_date <= a.end_date
    roles = set(s.scalars(select(Affiliation.role)))
    for expected in (
        "burgemeester",
        "wethouder Economische Zaken",
        "gedeputeerde Economie",
        "Statenlid",
        "lector",
        "programmamanager",
        "beleidsadviseur economie",
    ):
        assert expected in roles, expected


def test_names_are_dutch_with_prefixes_titles_and_a_few_accents(s: Session) -> None:
    people = list(s.scalars(select(Person)))
    prefixes = Counter(p.name_prefix for p in people if p.name_prefix)
    assert sum(prefixes.values()) >= 60
    assert {"van", "de", "van der", "van den", "ter"} <= set(prefixes)
    titles = Counter(p.title for p in people if p.title)
    assert sum(titles.values()) >= 30
    assert any(t.startswith("prof.") for t in titles)
    accented = [p.display_name for p in people if not p.display_name.isascii()]
    assert len(accented) >= 4
    # Dutch sorting: "van der Veen" sits under V, next to the other Veens.
    rows = list_people(s, PersonQuery(text="veen zoe"))
    assert [r.sorted_name for r in rows] == ["Veen, Zoë van der"]


def test_search_ignores_accents(s: Session) -> None:
    found = list_people(s, PersonQuery(text="helene"))
    assert [r.display_name for r in found] == ["dr. Hélène Bouwmeester"]
    assert count_people(s, PersonQuery(text="celik")) >= 1
    assert count_people(s, PersonQuery(text="muller")) >= 1
    assert count_people(s, PersonQuery(text="Müller")) == count_people(
        s, PersonQuery(text="muller")
    )
    assert count_organisations(s, OrganisationQuery(text="energiecooperatie")) == 1


def test_namesakes_are_two_people_at_different_organisations(s: Session) -> None:
    rows = list_people(s, PersonQuery(text="jan vries"))
    namesakes = [r for r in rows if r.display_name == "Jan de Vries"]
    assert len(namesakes) == 2
    assert namesakes[0].organisation != namesakes[1].organisation


def test_no_address_can_reach_a_real_person(s: Session) -> None:
    addresses = list(s.scalars(select(EmailAddress.address)))
    assert len(addresses) >= 350
    assert all(a.endswith(".example") for a in addresses), [
        a for a in addresses if not a.endswith(".example")
    ]
    team_addresses = list(s.scalars(select(TeamMember.email)))
    assert all(a.endswith(".example") for a in team_addresses)
    assert len(set(addresses)) == len(addresses), "two people share an address"


def test_invented_companies_are_marked_and_have_unreal_websites(s: Session) -> None:
    companies = list(s.scalars(select(Organisation).where(Organisation.helix == Helix.BUSINESS)))
    assert len(companies) >= 40
    for company in companies:
        assert company.website.startswith("https://www.") and company.website.endswith(".example")
        assert "Fictief" in company.notes
    sectors = Counter(sector for c in companies for sector in c.sectors)
    assert min(sectors[x] for x in (Sector.HTSM, Sector.LOGISTICS, Sector.CHEMISTRY)) >= 10
    # Real public bodies keep their real address.
    assert _org(s, "Gemeente Emmen").website == "https://emmen.nl"


def test_phone_numbers_are_valid_and_regional(s: Session) -> None:
    numbers = list(s.scalars(select(PhoneNumber.number)))
    assert len(numbers) >= 400
    for number in numbers:
        assert validation.phone("phone", number) == number
    assert sum(n.startswith("+316") for n in numbers) >= 150
    for area in ("+31591", "+31524", "+31523", "+31528", "+3150", "+3138"):
        assert any(n.startswith(area) for n in numbers), area


def test_most_people_have_an_owner_and_some_are_left_to_assign(s: Session) -> None:
    people = list(s.scalars(select(Person)))
    unowned = [p for p in people if p.owner_id is None]
    assert 0.05 * len(people) <= len(unowned) <= 0.25 * len(people)
    owned = Counter(p.owner.name for p in people if p.owner)
    team = list(s.scalars(select(TeamMember)))
    assert all(owned[m.name] > 0 for m in team)
    # A colleague who left still owns relationships: the hand-over shows in the data.
    assert any(not m.active for m in team)


def test_backup_owners_and_do_not_contact_flags_are_there_to_try(s: Session) -> None:
    people = list(s.scalars(select(Person)))
    backed = [p for p in people if p.backup_owner_id is not None]
    assert len(backed) >= 50
    assert all(p.backup_owner_id != p.owner_id and p.backup_owner.active for p in backed)
    flagged = [p for p in people if p.do_not_contact]
    assert 1 <= len(flagged) <= 0.05 * len(people)


def test_invented_companies_have_addresses_and_real_bodies_none(s: Session) -> None:
    with_address = list(s.scalars(select(Organisation).where(Organisation.street != "")))
    assert len(with_address) >= 30
    assert all(o.helix == "business" and o.postal_code and o.city for o in with_address)
    assert _org(s, "Gemeente Emmen").street == ""


def test_tags_group_people_the_way_the_officer_does(s: Session) -> None:
    used = Counter(t.name for p in s.scalars(select(Person)) for t in p.tags)
    for tag in ("Program Board", "Kerngroep HTSM", "Nieuwjaarsreceptie", "Bestuurlijk overleg"):
        assert used[tag] >= 5, tag
    assert set(s.scalars(select(Tag.name))) == set(used)


def test_the_database_is_sound_after_loading(s: Session) -> None:
    assert maintenance.integrity_problems(s) == []


# Determinism and safety -----------------------------------------------------------------


def test_same_seed_gives_identical_rows_and_another_seed_other_people(
    loaded: Loaded, tmp_path: Path
) -> None:
    again = _load(tmp_path / "again.sqlite")
    other = _load(tmp_path / "other.sqlite", seed=7)
    try:
        with loaded.db.read() as a, again.db.read() as b, other.db.read() as c:
            first, second, third = _snapshot(a), _snapshot(b), _snapshot(c)
    finally:
        again.db.close()
        other.db.close()
    assert first == second
    assert third["organisations"] == first["organisations"]
    assert third["people"] != first["people"]


def test_a_database_with_data_is_refused_and_left_unchanged(db: Database) -> None:
    with db.sessions.begin() as session:
        add_organisation(session, OrganisationData("Eigen organisatie", Helix.CIVIL_SOCIETY))
    with db.sessions.begin() as session, pytest.raises(UserError) as caught:
        load_demo(session, today=TODAY)
    assert caught.value.message == NOT_EMPTY
    with db.read() as session:
        counts = maintenance.counts(session)
        assert (counts.organisations, counts.people, counts.team_members) == (1, 0, 0)


def test_a_team_alone_also_counts_as_data(session: Session) -> None:
    add_team_member(session, TeamMemberData("Officer"))
    with pytest.raises(UserError, match="already holds data"):
        load_demo(session, today=TODAY)
    assert maintenance.counts(session).organisations == 0
