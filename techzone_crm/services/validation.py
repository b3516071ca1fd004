"""Normalising and checking input; every failure names the field."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from techzone_crm.errors import ValidationError
from techzone_crm.text import clean

DEFAULT_REGION = "NL"

E = TypeVar("E", bound=StrEnum)


def required(field: str, value: str | None, max_length: int) -> str:
    """A trimmed, non-empty text of at most ``max_length`` characters."""
    text = clean(value)
    if not text:
        raise ValidationError(field, "is required")
    return limited(field, text, max_length)


def limited(field: str, value: str | None, max_length: int) -> str:
    """A trimmed text of at most ``max_length`` characters (may be empty)."""
    text = clean(value)
    if len(text) > max_length:
        raise ValidationError(field, f"is too long (at most {max_length} characters)")
    return text


def long_text(field: str, value: str | None, max_length: int = 20_000) -> str:
    """Free text such as notes: line breaks kept, ends trimmed, length bounded."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(field, f"is too long (at most {max_length} characters)")
    return text


def choice(field: str, enum: type[E], value: E | str | None) -> E:
    """A member of ``enum`` given as member or value."""
    if value is None or value == "":
        raise ValidationError(field, "is required")
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(field, f"'{value}' is not one of: {allowed}") from None


def optional_choice(field: str, enum: type[E], value: E | str | None) -> E | None:
    """Like :func:`choice`, but empty means None."""
    if value is None or value == "":
        return None
    return choice(field, enum, value)


def email(field: str, value: str) -> str:
    """A syntactically valid e-mail address, normalised (domain lower-cased)."""
    # The validators' libraries are loaded on first use, not when the application starts.
    from email_validator import EmailNotValidError, validate_email

    text = clean(value)
    if not text:
        raise ValidationError(field, "is empty")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(field, f"'{text}' is not a valid e-mail address ({exc})") from None
    return str(result.normalized)


def phone(field: str, value: str, region: str = DEFAULT_REGION) -> str:
    """A valid phone number in E.164 form; national numbers are read as Dutch."""
    import phonenumbers

    text = clean(value)
    if not text:
        raise ValidationError(field, "is empty")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, f"'{text}' is not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(field, f"'{text}' is not a valid phone number")
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


# Lists and exports show the same numbers again and again; parsing one costs ~50 µs.
@lru_cache(maxsize=65536)
def format_phone(e164: str, home_region: str = DEFAULT_REGION) -> str:
    """An E.164 number as people write it: national for home numbers, international otherwise."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) == home_region:
        return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


_DUTCH_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")


def postal_code(field: str, value: str | None) -> str:
    """A postal code; Dutch ones are written the standard way ("7811 AP")."""
    text = limited(field, value, 20)
    match = _DUTCH_POSTCODE.match(text)
    if match:
        return f"{match.group(1)} {match.group(2).upper()}"
    return text


def website(field: str, value: str | None) -> str:
    """A web address; "example.nl" becomes "https://example.nl"."""
    text = limited(field, value, 300)
    if not text:
        return ""
    if " " in text or "." not in text:
        raise ValidationError(field, f"'{text}' is not a web address")
    if not text.lower().startswith(("http://", "https://")):
        text = "https://" + text
    return text


def period(start: date | None, end: date | None, end_field: str = "end_date") -> None:
    """Refuse an end date before the start date."""
    if start is not None and end is not None and end < start:
        raise ValidationError(
            end_field, f"ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        )
