"""The fields a column of an imported file can be mapped to."""

from __future__ import annotations

from enum import StrEnum


class ImportField(StrEnum):
    """What a column holds. A column mapped to none of these is ignored."""

    FULL_NAME = "full_name"  # "dr. Jan van der Berg" or "Berg, Jan van der"
    GIVEN_NAME = "given_name"  # voornaam
    NAME_PREFIX = "name_prefix"  # tussenvoegsel
    FAMILY_NAME = "family_name"  # achternaam
    TITLE = "title"  # "dr.", "mr.", "prof."
    EMAIL = "email"  # a work address
    EMAIL_PRIVATE = "email_private"
    PHONE = "phone"  # a work number
    MOBILE = "mobile"
    PHONE_PRIVATE = "phone_private"
    ORGANISATION = "organisation"
    ROLE = "role"  # functie
    HELIX = "helix"  # of the organisation: government, business, education, civil society
    TAGS = "tags"  # several, separated by "," or ";"
    NOTES = "notes"
    DO_NOT_CONTACT = "do_not_contact"


#: Fields that several columns may feed (their values are all kept, in column order).
REPEATABLE = frozenset(
    {
        ImportField.EMAIL,
        ImportField.EMAIL_PRIVATE,
        ImportField.PHONE,
        ImportField.MOBILE,
        ImportField.PHONE_PRIVATE,
        ImportField.TAGS,
        ImportField.NOTES,
    }
)
