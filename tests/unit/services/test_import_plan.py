"""Planning an import: the form's rules on every row, organisations and duplicates matched."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import EmailKind, Helix, Person, PhoneKind
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.services.importing import (
    DuplicateAction,
    ImportCancelled,
    MatchReason,
    RowProblem,
    plan_import,
)

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
]


def test_a_valid_row_becomes_a_candidate_in_the_form_s_normal_form(session: Session) -> None:
    rows = [
        [
            "Jan",
            "Van Der",
            "Berg",
            "Jan@Drenthe.NL",
            "0592 365 555",
            "Provincie Drenthe",
            "Gedeputeerde",
            "Program Board; kerngroep,Program board",
        ]
    ]

    plan = plan_import(session, table(rows), mapping(), source_name="lijst.csv")

    assert plan.problems == [] and plan.total_rows == 1
    (c,) = plan.candidates
    assert (c.row, c.organisation, c.role, c.organisation_id) == (
        2,
        "Provincie Drenthe",
        "Gedeputeerde",
        None,
    )
    d = c.data
    assert (d.given_name, d.name_prefix, d.family_name) == ("Jan", "van der", "Berg")
    assert [(e.address, e.kind) for e in d.emails] == [("Jan@drenthe.nl", EmailKind.WORK)]
    assert [(p.number, p.kind) for p in d.phones] == [("+31592365555", PhoneKind.WORK)]
    assert list(d.tags) == ["Program Board", "kerngroep"]
    assert c.name == "Jan van der Berg"
    assert plan.organisations_new == ["Provincie Drenthe"]
    assert session.scalar(select(func.count(Person.id))) == 0


def test_every_problem_of_a_row_is_reported_with_its_column(session: Session) -> None:
    headers = ["Voornaam", "Achternaam", "E-mailadres", "Telefoon", "Helix", "Niet benaderen"]
    fields = [
        ImportField.GIVEN_NAME,
        ImportField.FAMILY_NAME,
        ImportField.EMAIL,
        ImportField.PHONE,
        ImportField.HELIX,
        ImportField.DO_NOT_CONTACT,
    ]
    rows = [
        ["Els", "Bakker", "els@chemie.nl", "06 12345678", "bedrijf", "nee"],
        ["Piet", "", "piet@@x", "12", "kerk", "misschien"],
        ["x" * 101, "Jansen", "ok@example.org; fout", "", "", ""],
    ]

    plan = plan_import(session, table(rows, headers), dict(enumerate(fields)))

    assert [c.row for c in plan.candidates] == [2]
    assert plan.rejected_rows == [3, 4]
    by_row = {(p.row, p.column): p.message for p in plan.problems}
    assert by_row[(3, "Achternaam")] == "a family name is required"
    assert "is not a valid e-mail address" in by_row[(3, "E-mailadres")]
    assert "is not a" in by_row[(3, "Telefoon")]
    assert by_row[(3, "Helix")].startswith("'kerk' is not a helix")
    assert by_row[(3, "Niet benaderen")] == "'misschien' is not yes or no (ja/nee)"
    assert by_row[(4, "Voornaam")] == "is too long (at most 100 characters)"
    assert "'fout' is not a valid e-mail address" in by_row[(4, "E-mailadres")]
    assert len([p for p in plan.problems if p.row == 3]) == 5
    assert RowProblem(3, "Achternaam", "a family name is required").text == (
        'row 3, "Achternaam": a family name is required'
    )


def test_several_columns_and_separators_feed_the_repeatable_fields(session: Session) -> None:
    headers = ["Achternaam", "Werk", "Privé", "Mobiel", "Opmerking", "Notitie", "Label"]
    fields = [
        ImportField.FAMILY_NAME,
        ImportField.EMAIL,
        ImportField.EMAIL_PRIVATE,
        ImportField.MOBILE,
        ImportField.NOTES,
        ImportField.NOTES,
        ImportField.TAGS,
    ]
    rows = [
        [
            "Bakker",
            "a@werk.nl\nb@werk.nl",
            "a@werk.nl, c@thuis.nl",
            "06 12345678;06 87654321",
            "Eerste regel",
            "Tweede",
            "'=HYPERLINK(x)",
        ]
    ]

    plan = plan_import(session, table(rows, headers), dict(enumerate(fields)))

    d = plan.candidates[0].data
    assert [(e.address, e.kind) for e in d.emails] == [
        ("a@werk.nl", EmailKind.WORK),
        ("b@werk.nl", EmailKind.WORK),
        ("c@thuis.nl", EmailKind.PRIVATE),
    ]
    assert [(p.number, p.kind) for p in d.phones] == [
        ("+31612345678", PhoneKind.MOBILE),
        ("+31687654321", PhoneKind.MOBILE),
    ]
    assert d.notes == "Eerste regel\n\nTweede"
    assert list(d.tags) == ["=HYPERLINK(x)"]


def test_the_formula_guard_of_our_exports_is_taken_off(session: Session) -> None:
    rows = [["'-Jan", "", "'=Berg", "", "'+31 592 365 555", "'@Provincie"]]

    plan = plan_import(session, table(rows), mapping())

    c = plan.candidates[0]
    assert (c.data.given_name, c.data.family_name, c.organisation) == (
        "-Jan",
        "=Berg",
        "@Provincie",
    )
    assert c.data.phones[0].number == "+31592365555"


@pytest.mark.parametrize(
    ("text", "helix"),
    [
        ("government", Helix.GOVERNMENT),
        ("Civil society", Helix.CIVIL_SOCIETY),
        ("civil_society", Helix.CIVIL_SOCIETY),
        ("Education & knowledge", Helix.EDUCATION),
        ("Overheid", Helix.GOVERNMENT),
        ("bedrijf", Helix.BUSINESS),
        ("onderwijs", Helix.EDUCATION),
        ("maatschappelijk", Helix.CIVIL_SOCIETY),
        ("", None),
    ],
)
def test_helix_codes_english_labels_and_dutch_words(
    session: Session, text: str, helix: Helix | None
) -> None:
    t = table([["Berg", "Org", text]], ["Achternaam", "Organisatie", "Helix"])
    fields = {0: ImportField.FAMILY_NAME, 1: ImportField.ORGANISATION, 2: ImportField.HELIX}

    assert plan_import(session, t, fields).candidates[0].helix is helix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja", True),
        ("Yes", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("nee", False),
        ("no", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_do_not_contact_words(session: Session, text: str, expected: bool) -> None:
    t = table([["Berg", text]], ["Achternaam", "Niet benaderen"])
    fields = {0: ImportField.FAMILY_NAME, 1: ImportField.DO_NOT_CONTACT}

    assert plan_import(session, t, fields).candidates[0].data.do_not_contact is expected


def test_organisations_are_matched_by_name_short_name_or_a_close_spelling(session: Session) -> None:
    chemie = f.org(session, "Hélène Chemie B.V.")
    province = f.org(session, "Provincie Drenthe", "government", short_name="PDR")
    emmen = f.org(session, "Gemeente Emmen", "government")
    rows = [
        [f"P{i}", "", "Jansen", "", "", name]
        for i, name in enumerate(
            [
                "helene chemie BV",
                "HELENE CHEMIE",
                "PDR",
                "Provincie Drenthe",
                "Gemeente  Emmen.",
                "Gemeente Emmer",
                "Nieuw Bedrijf",
                "nieuw bedrijf b.v.",
                "Nieuw Bedrijf",
            ]
        )
    ]

    plan = plan_import(session, table(rows), mapping())

    ids = [c.organisation_id for c in plan.candidates]
    assert ids == [chemie.id, chemie.id, province.id, province.id, emmen.id, None, None, None, None]
    assert plan.organisations_new == ["Gemeente Emmer", "Nieuw Bedrijf"]
    assert plan.organisations_matched == {
        "helene chemie BV": "Hélène Chemie B.V.",
        "HELENE CHEMIE": "Hélène Chemie B.V.",
        "PDR": "Provincie Drenthe",
        "Provincie Drenthe": "Provincie Drenthe",
        "Gemeente Emmen.": "Gemeente Emmen",
    }


def test_a_close_spelling_of_a_long_name_matches(session: Session) -> None:
    org = f.org(session, "Rijksdienst voor Ondernemend Nederland", "government")
    rows = [["Els", "", "Bakker", "", "", "Rijksdienst voor Ondernemend Nederlnd"]]

    assert plan_import(session, table(rows), mapping()).candidates[0].organisation_id == org.id


def test_duplicates_against_the_database(session: Session) -> None:
    province = f.org(session, "Provincie Drenthe", "government")
    jan = f.person(session, "Jan", "Berg", name_prefix="van der", emails=["Jan@Drenthe.nl"])
    piet = f.person(session, "Piet", "Jansen")
    f.role(session, piet, province, "adviseur")
    anna = f.person(session, "Anna", "Smit")
    rows = [
        ["J.", "", "Anders", "JAN@drenthe.NL"],  # e-mail, whatever the name
        ["Piet", "", "Janssen", "", "", "Provincie Drenthe"],  # similar name, same organisation
        ["Anna", "", "Smit"],  # same name, no organisation
        ["Anna", "", "Smit", "", "", "Provincie Drenthe"],  # same name, other organisation
        ["Kees", "", "Jansen", "", "", "Provincie Drenthe"],  # other person at the organisation
    ]

    plan = plan_import(session, table(rows), mapping())

    d = plan.duplicates
    assert sorted(d) == [2, 3, 4]
    assert (d[2].reason, d[2].score, d[2].person_id) == (MatchReason.EMAIL, 100, jan.id)
    assert d[2].existing_name == "Jan van der Berg"
    assert (d[3].reason, d[3].person_id) == (MatchReason.NAME_ORGANISATION, piet.id)
    assert 80 <= d[3].score < 100
    assert d[3].existing_organisation == "Provincie Drenthe"
    assert (d[4].reason, d[4].person_id) == (MatchReason.NAME, anna.id)
    assert {x.default_action for x in d.values()} == {DuplicateAction.MERGE}


def test_duplicates_within_the_file_point_at_the_first_row(session: Session) -> None:
    rows = [
        ["Jan", "", "Berg", "jan@x.nl", "", "Gemeente Emmen"],
        ["Jan", "", "Berg", "", "", "gemeente emmen"],  # same name and organisation
        ["J.", "", "Berg", "JAN@x.nl"],  # same e-mail
        ["Jan", "", "Berg"],  # same name but no organisation: not enough
    ]

    plan = plan_import(session, table(rows), mapping())

    assert sorted(plan.duplicates) == [3, 4]
    for row in (3, 4):
        dup = plan.duplicates[row]
        assert (dup.reason, dup.other_row, dup.person_id) == (MatchReason.IN_FILE, 2, None)
        assert (dup.existing_name, dup.existing_organisation) == ("Jan Berg", "Gemeente Emmen")
    assert plan.organisations_new == ["Gemeente Emmen"]


def test_a_vcard_s_fixed_fields_count_as_mapped(session: Session) -> None:
    t = ImportTable(
        SourceFormat.VCARD,
        ["Given name", "Family name", "E-mail"],
        [["Els", "Bakker", "els@chemie.nl"]],
        [1],
        fixed_fields={0: "given_name", 1: "family_name", 2: "email"},
    )

    plan = plan_import(session, t, {})

    assert plan.problems == []
    assert plan.candidates[0].data.emails[0].address == "els@chemie.nl"


def test_the_report_counts_in_plain_english(session: Session) -> None:
    f.org(session, "Provincie Drenthe", "government")
    f.person(session, "Jan", "Berg", emails=["jan@drenthe.nl"])
    rows = [JAN, ["Els", "", "", "els@"], ["Kees", "", "Smit", "", "", "Nieuw B.V."]]

    plan = plan_import(session, table(rows), mapping(), source_name="lijst.csv")
    text = plan.report()

    assert text.startswith('lijst.csv: 3 rows (CSV, encoding utf-8, delimiter ";").')
    assert "2 rows can be imported, 1 row is rejected." in text
    assert "1 new organisation will be created: Nieuw B.V.\n" in text
    assert "1 organisation matches an existing one: Provincie Drenthe." in text
    assert "1 row may be people already known" in text
    assert 'row 3, "Achternaam": a family name is required' in text
    assert "row 2, Jan van der Berg has the e-mail address of Jan Berg, 100% sure" in text


def test_progress_is_reported_and_cancelling_stops_the_plan(session: Session) -> None:
    rows = [[f"P{i}", "", "Jansen"] for i in range(2500)]
    seen: list[tuple[int, int]] = []

    plan_import(session, table(rows), mapping(), progress=lambda d, t: seen.append((d, t)))

    assert seen == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        plan_import(session, table(rows), mapping(), cancelled=cancelled)


def test_google_s_separator_between_values_of_one_label(session: Session) -> None:
    rows = [["Els", "", "Bakker", "a@werk.nl ::: b@werk.nl", "06 12345678 ::: 06 87654321"]]

    d = plan_import(session, table(rows), mapping()).candidates[0].data

    assert [e.address for e in d.emails] == ["a@werk.nl", "b@werk.nl"]
    assert [p.number for p in d.phones] == ["+31612345678", "+31687654321"]
