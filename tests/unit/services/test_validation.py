"""Input rules: every refusal names the field, accepted input is normalised."""

from __future__ import annotations

from datetime import date

import pytest

from techzone_crm.db.models import Helix
from techzone_crm.errors import UserError, ValidationError
from techzone_crm.services import validation as v


def test_validation_error_names_the_field() -> None:
    error = ValidationError("family_name", "is required")

    assert isinstance(error, UserError)
    assert error.field == "family_name"
    assert error.problem == "is required"
    assert error.message == "family_name: is required"
    assert error.exit_code == 2


@pytest.mark.parametrize("value", [None, "", "   \t "])
def test_required_text_refuses_nothing(value: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        v.required("family_name", value, 100)

    assert caught.value.field == "family_name"


def test_text_is_trimmed_and_bounded() -> None:
    assert v.required("name", "  Gemeente   Emmen ", 200) == "Gemeente Emmen"
    assert v.limited("region", None, 100) == ""
    with pytest.raises(ValidationError, match="at most 5 characters") as caught:
        v.limited("short_name", "ABCDEF", 5)
    assert caught.value.field == "short_name"


def test_notes_keep_their_line_breaks() -> None:
    assert v.long_text("notes", "  first line\n\nsecond line \n") == "first line\n\nsecond line"
    with pytest.raises(ValidationError) as caught:
        v.long_text("notes", "x" * 11, max_length=10)
    assert caught.value.field == "notes"


def test_choice_accepts_members_and_values() -> None:
    assert v.choice("helix", Helix, "education") is Helix.EDUCATION
    assert v.choice("helix", Helix, Helix.BUSINESS) is Helix.BUSINESS
    assert v.optional_choice("helix", Helix, "") is None
    assert v.optional_choice("helix", Helix, None) is None


def test_choice_lists_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as caught:
        v.choice("helix", Helix, "weather")

    assert caught.value.field == "helix"
    assert "government, business, education, civil_society" in caught.value.problem
    with pytest.raises(ValidationError, match="is required"):
        v.choice("helix", Helix, "")


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("Jan.Berg@Example.NL", "Jan.Berg@example.nl"),
        ("  info@drenthe.nl ", "info@drenthe.nl"),
        ("hélène@université.fr", "hélène@université.fr"),
    ],
)
def test_email_is_normalised(entered: str, stored: str) -> None:
    assert v.email("emails[0]", entered) == stored


@pytest.mark.parametrize(
    "entered", ["jan", "jan@", "@example.nl", "jan berg@example.nl", "a@b@c.nl"]
)
def test_bad_email_is_refused_naming_the_field(entered: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.email("emails[1]", entered)

    assert caught.value.field == "emails[1]"
    assert "not a valid e-mail address" in caught.value.problem


@pytest.mark.parametrize(
    ("entered", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("06-1234 5678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("050 123 4567", "+31501234567"),
        ("+32 2 555 12 12", "+3225551212"),
        ("+49 30 1234567", "+49301234567"),
    ],
)
def test_phone_is_stored_as_e164(entered: str, e164: str) -> None:
    assert v.phone("phones[0]", entered) == e164


@pytest.mark.parametrize("entered", ["", "hello", "123", "06 1234", "+31 6 1234567890123"])
def test_bad_phone_is_refused_naming_the_field(entered: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.phone("phones[2]", entered)

    assert caught.value.field == "phones[2]"


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+31612345678", "06 12345678"),
        ("+31501234567", "050 123 4567"),
        ("+3225551212", "+32 2 555 12 12"),
        ("not a number", "not a number"),
    ],
)
def test_phone_is_shown_as_people_write_it(e164: str, shown: str) -> None:
    assert v.format_phone(e164) == shown


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("", ""),
        ("www.drenthe.nl", "https://www.drenthe.nl"),
        ("http://emmen.nl", "http://emmen.nl"),
        ("HTTPS://RUG.NL/", "HTTPS://RUG.NL/"),
    ],
)
def test_website_gets_a_scheme(entered: str, stored: str) -> None:
    assert v.website("website", entered) == stored


@pytest.mark.parametrize("entered", ["drenthe", "www drenthe nl", "x" * 300 + ".nl"])
def test_bad_website_is_refused_naming_the_field(entered: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.website("website", entered)

    assert caught.value.field == "website"


def test_period_refuses_an_end_before_the_start() -> None:
    v.period(date(2020, 1, 1), date(2020, 1, 1))
    v.period(None, date(2020, 1, 1))
    v.period(date(2020, 1, 1), None)

    with pytest.raises(ValidationError) as caught:
        v.period(date(2020, 1, 2), date(2020, 1, 1))

    assert caught.value.field == "end_date"
    assert "2020-01-01" in caught.value.problem and "2020-01-02" in caught.value.problem
