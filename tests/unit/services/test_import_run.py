"""Running an import: bulk writes that look like the forms' writes, merges that fill gaps."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.engine import Database
from techzone_crm.db.models import (
    Affiliation,
    EmailAddress,
    GovernmentLevel,
    Helix,
    Organisation,
    Person,
    Tag,
)
from techzone_crm.errors import ValidationError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.services import affiliations, people
from techzone_crm.services.importing import (
    DuplicateAction,
    ImportCancelled,
    ImportRejected,
    ImportSummary,
    plan_import,
    run_import,
)
from techzone_crm.text import person_sort_key

from . import factories as f
from .import_tables import mapping, table

JAN = [
    "Jan",
    "van der",
    "Berg",
    "jan@drenthe.nl",
    "0592 365 555",
    "Provincie Drenthe",
    "Gedeputeerde",
    "Program Board",
]


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _import(session: Session, rows: list[list[str]], **kw: object) -> ImportSummary:
    plan = plan_import(session, table(rows), mapping())
    return run_import(session, plan, **kw)  # type: ignore[arg-type]


def test_a_new_person_is_stored_as_the_form_would_store_it(session: Session) -> None:
    summary = _import(session, [JAN])

    (pid,) = summary.created
    person = people.get_person(session, pid)
    assert person.display_name == "Jan van der Berg"
    assert person.sort_name == person_sort_key("Berg", "Jan", "van der")
    assert person.version == 1 and person.created_at is not None
    assert [e.address for e in person.emails] == ["jan@drenthe.nl"]
    assert [p.number for p in person.phones] == ["+31592365555"]
    assert [t.name for t in person.tags] == ["Program Board"]
    (role,) = affiliations.person_affiliations(session, pid)
    assert (role.organisation_name, role.role, role.current) == (
        "Provincie Drenthe",
        "Gedeputeerde",
        True,
    )
    org = session.get(Organisation, role.organisation_id)
    assert org is not None
    assert (org.helix, org.government_level, org.sort_name, org.version) == (
        Helix.GOVERNMENT,
        GovernmentLevel.PROVINCE,
        "provincie drenthe",
        1,
    )
    assert summary.organisations_created == [org.id]
    # The search index was kept up to date by the triggers.
    found = people.list_people(session, people.PersonQuery(text="drenthe gedeputeerde"))
    assert [r.id for r in found] == [pid]
    # And the form can edit the imported person.
    people.update_person(
        session, pid, people.PersonData("Jan", "Berg", name_prefix="van der", title="dr."), 1
    )
    assert people.get_person(session, pid).version == 2


def test_new_organisations_take_the_helix_of_the_file_the_name_or_the_default(
    session: Session,
) -> None:
    headers = ["Achternaam", "Organisatie", "Helix"]
    fields = {0: ImportField.FAMILY_NAME, 1: ImportField.ORGANISATION, 2: ImportField.HELIX}
    rows = [
        ["A", "Techbedrijf", ""],
        ["B", "Techbedrijf", "maatschappelijk"],
        ["C", "Gemeente Emmen", ""],
        ["D", "Hanzehogeschool Groningen", ""],
        ["E", "Stichting Natuur", ""],
        ["F", "Ministerie van EZK", ""],
        ["G", "Bakkerij Jansen", ""],
    ]
    plan = plan_import(session, table(rows, headers), fields, default_helix=Helix.EDUCATION)

    summary = run_import(session, plan)

    kinds = {o.name: (o.helix, o.government_level) for o in session.scalars(select(Organisation))}
    assert kinds == {
        "Techbedrijf": (Helix.CIVIL_SOCIETY, None),
        "Gemeente Emmen": (Helix.GOVERNMENT, GovernmentLevel.MUNICIPALITY),
        "Hanzehogeschool Groningen": (Helix.EDUCATION, None),
        "Stichting Natuur": (Helix.CIVIL_SOCIETY, None),
        "Ministerie van EZK": (Helix.GOVERNMENT, GovernmentLevel.NATIONAL),
        "Bakkerij Jansen": (Helix.EDUCATION, None),
    }
    assert len(summary.organisations_created) == 6


def test_without_a_default_a_new_organisation_is_a_business(session: Session) -> None:
    _import(session, [["Els", "", "Bakker", "", "", "Bakkerij Jansen"]])

    assert session.scalars(select(Organisation.helix)).one() is Helix.BUSINESS


def test_problems_reject_the_whole_import_unless_invalid_rows_are_skipped(
    session: Session,
) -> None:
    rows = [JAN, ["Els", "", "", "els@"], ["Kees", "", "Smit"]]
    plan = plan_import(session, table(rows), mapping())

    with pytest.raises(ImportRejected) as caught:
        run_import(session, plan)
    assert caught.value.plan is plan
    assert "1 row of the file has problems, so nothing was imported" in caught.value.message
    assert _count(session, Person) == 0 and _count(session, Organisation) == 0

    summary = run_import(session, plan, skip_invalid=True)
    assert (len(summary.created), summary.rejected) == (2, 1)
    assert summary.describe() == (
        "2 new people created, 1 row rejected and 1 new organisation created."
    )


def test_a_preview_cannot_be_imported(session: Session) -> None:
    t = table([JAN])
    t.truncated = True
    with pytest.raises(ValidationError):
        run_import(session, plan_import(session, t, mapping()))


def test_a_merge_fills_gaps_and_never_overwrites(session: Session) -> None:
    province = f.org(session, "Provincie Drenthe", "government")
    jan = f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"], notes="Eigen notitie")
    f.role(session, jan, province, "")
    headers = [
        "Voornaam",
        "Tussenvoegsel",
        "Achternaam",
        "Titel",
        "E-mailadres",
        "Telefoon",
        "Organisatie",
        "Functie",
        "Tags",
        "Notities",
        "Niet benaderen",
    ]
    fields = [
        ImportField.GIVEN_NAME,
        ImportField.NAME_PREFIX,
        ImportField.FAMILY_NAME,
        ImportField.TITLE,
        ImportField.EMAIL,
        ImportField.PHONE,
        ImportField.ORGANISATION,
        ImportField.ROLE,
        ImportField.TAGS,
        ImportField.NOTES,
        ImportField.DO_NOT_CONTACT,
    ]
    row = [
        "Johannes",
        "van der",
        "Bergen",
        "dr.",
        "JAN@drenthe.nl; j.berg@privé.nl",
        "06 12345678",
        "Provincie Drenthe",
        "Gedeputeerde",
        "Program Board",
        "Andere notitie",
        "ja",
    ]
    plan = plan_import(session, table([row], headers), dict(enumerate(fields)))

    summary = run_import(session, plan)

    assert (summary.created, summary.merged, summary.unchanged) == ([], [jan.id], [])
    person = people.get_person(session, jan.id)
    assert (person.given_name, person.family_name) == ("Jan", "Berg")  # never overwritten
    assert (person.name_prefix, person.title) == ("van der", "dr.")  # gaps filled
    assert person.sort_name == person_sort_key("Berg", "Jan", "van der")
    assert person.notes == "Eigen notitie"
    assert person.do_not_contact is True
    assert [e.address for e in person.emails] == ["jan@drenthe.nl", "j.berg@privé.nl"]
    assert [p.number for p in person.phones] == ["+31612345678"]
    assert [t.name for t in person.tags] == ["Program Board"]
    (role,) = affiliations.person_affiliations(session, jan.id)
    assert role.role == "Gedeputeerde"  # the empty role at the organisation was filled in
    assert person.version == 2
    assert _count(session, Person) == 1


def test_a_merge_adds_a_role_at_another_organisation(session: Session) -> None:
    jan = f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"])
    f.role(session, jan, f.org(session, "Gemeente Emmen", "government"), "wethouder")

    _import(session, [["Jan", "", "Berg", "jan@drenthe.nl", "", "Provincie Drenthe", "adviseur"]])

    roles = {
        (r.organisation_name, r.role) for r in affiliations.person_affiliations(session, jan.id)
    }
    assert roles == {("Gemeente Emmen", "wethouder"), ("Provincie Drenthe", "adviseur")}


def test_create_and_skip_override_the_merge(session: Session) -> None:
    jan = f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"])
    rows = [
        ["Jan", "", "Berg", "jan@drenthe.nl"],
        ["Johan", "", "Berg", "jan@drenthe.nl", "", "Gemeente Emmen"],
        ["Anna", "", "Smit"],
    ]
    plan = plan_import(session, table(rows), mapping())
    assert sorted(plan.duplicates) == [2, 3]

    summary = run_import(session, plan, actions={2: DuplicateAction.CREATE, 3: "skip"})

    assert summary.skipped == 1 and summary.merged == [] and summary.unchanged == []
    assert len(summary.created) == 2
    names = sorted(p.sorted_name for p in session.scalars(select(Person)))
    assert names == ["Berg, Jan", "Berg, Jan", "Smit, Anna"]
    assert jan.id not in summary.created
    assert summary.organisations_created == []  # the only row with it was skipped


def test_rows_of_one_person_in_the_file_become_one_person(session: Session) -> None:
    rows = [
        ["Jan", "", "Berg", "jan@x.nl", "", "Gemeente Emmen", ""],
        ["Jan", "", "Berg", "jan@y.nl", "06 12345678", "gemeente emmen", "wethouder"],
        ["", "", "Berg", "JAN@y.nl", "", "", "", "Board"],
    ]

    summary = _import(session, rows)

    (pid,) = summary.created
    person = people.get_person(session, pid)
    assert [e.address for e in person.emails] == ["jan@x.nl", "jan@y.nl"]
    assert [p.number for p in person.phones] == ["+31612345678"]
    assert [t.name for t in person.tags] == ["Board"]
    assert [r.role for r in affiliations.person_affiliations(session, pid)] == ["wethouder"]


def test_when_the_first_row_is_skipped_a_later_row_of_that_person_is_created(
    session: Session,
) -> None:
    rows = [
        ["Jan", "", "Berg", "jan@x.nl"],
        ["Jan", "", "Berg", "jan@x.nl", "06 12345678"],
        ["Jan", "", "Berg", "jan@x.nl", "", "", "", "Board"],
    ]
    plan = plan_import(session, table(rows), mapping())

    summary = run_import(session, plan, actions={2: DuplicateAction.SKIP})

    (pid,) = summary.created
    person = people.get_person(session, pid)
    assert ([p.number for p in person.phones], [t.name for t in person.tags]) == (
        ["+31612345678"],
        ["Board"],
    )


def test_importing_the_same_table_twice_changes_nothing_the_second_time(db: Database) -> None:
    rows = [
        JAN,
        [
            "Els",
            "",
            "Bakker",
            "els@chemie.nl; els@thuis.nl",
            "06 12345678",
            "Hélène Chemie B.V.",
            "directeur",
            "Kerngroep Chemie, Program Board",
        ],
        ["Kees", "de", "Vries", "", "", "Hélène Chemie B.V.", "adviseur"],
        ["Anna", "", "Smit"],
    ]
    with db.sessions.begin() as s:
        first = run_import(s, plan_import(s, table(rows), mapping()))
    assert len(first.created) == 4

    with db.sessions.begin() as s:
        plan = plan_import(s, table(rows), mapping())
        second = run_import(s, plan)

    assert len(plan.duplicates) == 4
    assert (second.created, second.merged, second.organisations_created) == ([], [], [])
    assert sorted(second.unchanged) == sorted(first.created)
    assert second.describe() == "0 new people created and 4 known people already up to date."
    with db.read() as s:
        assert _count(s, Person) == 4 and _count(s, Organisation) == 2
        assert _count(s, EmailAddress) == 3 and _count(s, Affiliation) == 3
        assert _count(s, Tag) == 2
        assert {p.version for p in s.scalars(select(Person))} == {1}


def test_progress_and_cancelling_between_batches(db: Database) -> None:
    rows = [[f"P{i}", "", "Jansen", f"p{i}@x.nl"] for i in range(2500)]
    seen: list[tuple[int, int]] = []
    with db.sessions.begin() as s:
        plan = plan_import(s, table(rows), mapping())
        run_import(s, plan, progress=lambda d, t: seen.append((d, t)))
        s.rollback()
    assert seen == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]

    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled), db.sessions.begin() as s:
        run_import(s, plan, cancelled=cancelled)
    with db.read() as s:
        assert _count(s, Person) == 0


def test_a_person_deleted_since_the_plan_is_created_again(session: Session) -> None:
    jan = f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"])
    plan = plan_import(session, table([JAN]), mapping())
    people.delete_person(session, jan.id)

    summary = run_import(session, plan)

    assert len(summary.created) == 1 and summary.merged == []


def test_objects_loaded_before_see_the_merge(session: Session) -> None:
    jan = f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"])

    _import(session, [["Jan", "", "Berg", "jan@drenthe.nl", "06 12345678"]])

    assert [p.number for p in jan.phones] == ["+31612345678"]
    assert jan.version == 2


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (ImportSummary(), "0 new people created."),
        (ImportSummary(created=[1]), "1 new person created."),
        (
            ImportSummary([1, 2, 3], [4], [5, 6], 1, 2, [7]),
            "3 new people created, 1 known person updated, 2 known people already up to date, "
            "1 row skipped, 2 rows rejected and 1 new organisation created.",
        ),
    ],
)
def test_the_summary_in_plain_english(summary: ImportSummary, text: str) -> None:
    assert summary.describe() == text
