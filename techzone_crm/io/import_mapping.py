"""Which column of an imported file feeds which field: suggested from the headers, and checked.

Headers are recognised in Dutch and English, from the exports of Google Contacts, Outlook
(English and Dutch), Thunderbird and Apple, and this app's own export. The middle-name columns
of address books (Google "Middle Name" / "Additional Name", Outlook "Middelste naam") are where
Dutch address books keep the tussenvoegsel, so they feed the name prefix unless a tussenvoegsel
column is there too. Salutation columns ("Aanhef": "Dhr.", "Mevr.") are left unmapped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from techzone_crm.errors import ValidationError
from techzone_crm.io.import_fields import REPEATABLE, ImportField
from techzone_crm.io.names import split_full_name
from techzone_crm.text import fold

__all__ = [
    "FIELD_LABELS",
    "check_mapping",
    "normalise_header",
    "split_full_name",
    "suggest_mapping",
]

F = ImportField

#: The column titles of this app's own export (services.stakeholder_export.PEOPLE_COLUMNS)
#: and of the vCard table, exactly as written; they win over the synonyms below.
OWN_TITLES: dict[str, ImportField] = {
    "Name": F.FULL_NAME,
    "Given name": F.GIVEN_NAME,
    "Name prefix": F.NAME_PREFIX,
    "Family name": F.FAMILY_NAME,
    "Title": F.TITLE,
    "Organisation": F.ORGANISATION,
    "Role": F.ROLE,
    "Helix": F.HELIX,
    "E-mail": F.EMAIL,
    "Phone": F.PHONE,
    "Tags": F.TAGS,
    "Do not contact": F.DO_NOT_CONTACT,
    "E-mail (work)": F.EMAIL,
    "E-mail (private)": F.EMAIL_PRIVATE,
    "Phone (work)": F.PHONE,
    "Mobile": F.MOBILE,
    "Phone (private)": F.PHONE_PRIVATE,
    "Notes": F.NOTES,
    "Categories": F.TAGS,
}

_SYNONYMS: dict[ImportField, str] = {
    F.GIVEN_NAME: "voornaam voornamen roepnaam firstname givenname forename prenom vorname",
    F.NAME_PREFIX: "tussenvoegsel tussenvoegsels voorvoegsel voorvoegsels tussenv prefix "
    "lastnameprefix surnameprefix familynameprefix achternaamprefix",
    F.FAMILY_NAME: "achternaam lastname familyname surname familienaam geslachtsnaam nachname "
    "achternaamzondertussenvoegsel",
    F.FULL_NAME: "naam name displayname volledigenaam fullname weergavenaam contactnaam "
    "contactpersoon naamcontactpersoon",
    # Google's and Outlook's "Name Prefix" / "Title" hold "Dr." or "Mr.".
    F.TITLE: "titel title titels titles nameprefix titulatuur academischetitel honorific",
    F.EMAIL: "email emailadres emailaddress mail emailvalue primaryemail secondaryemail "
    "emailwerk werkemail workemail businessemail zakelijkeemail emailzakelijk eersteemailadres "
    "tweedeemailadres derdeemailadres emailadreswerk zakelijkemailadres",
    F.EMAIL_PRIVATE: "priveemail priveemailadres emailprive emailadresprive homeemail "
    "personalemail privateemail emailhome emailthuis emailprivate",
    F.PHONE: "telefoon telefoonnummer tel telnr telefoonnr phone phonenumber telephone "
    "businessphone workphone officephone telefoonopwerk telefoonwerk werktelefoon phonevalue "
    "zakelijketelefoon telefoonzakelijk vastetelefoon vastnummer primaryphone "
    "companymainphone hoofdtelefoonbedrijf doorkiesnummer",
    F.MOBILE: "mobiel mobielnummer mobieletelefoon mobielenummer mobile mobilephone "
    "mobilenumber cell cellphone gsm mobielwerk 06 06nummer",
    F.PHONE_PRIVATE: "privetelefoon telefoonprive telefoonthuis thuistelefoon thuisnummer "
    "homephone privatephone personalphone",
    F.ORGANISATION: "organisatie organisation organization organisatienaam organizationname "
    "organisationname bedrijf bedrijfsnaam company companyname werkgever employer instelling "
    "instantie firma",
    F.ROLE: "functie functietitel functienaam jobtitle role rol position organizationtitle "
    "organisationtitle",
    F.HELIX: "helix",
    F.TAGS: "tags tag labels label categorieen categorie categories category groupmembership "
    "groepen groep groups trefwoorden",
    F.NOTES: "notities notitie opmerkingen opmerking notes note toelichting aantekeningen memo "
    "comments commentaar bijzonderheden",
    F.DO_NOT_CONTACT: "nietbenaderen donotcontact nietcontacteren geencontact",
}
SYNONYMS: dict[str, ImportField] = {
    word: field for field, words in _SYNONYMS.items() for word in words.split()
}
#: Middle-name columns: the name prefix, when no column says "tussenvoegsel" itself.
MIDDLE_NAMES = frozenset({"middlename", "additionalname", "middelstenaam", "tweedenaam"})
#: Generic name headers: the family name next to a given-name column, the given name next to
#: a family-name column ("Naam;Tussenvoegsel;Achternaam").
_PLAIN_NAME = frozenset({"naam", "name"})

#: Fields as the messages name them.
FIELD_LABELS: dict[ImportField, str] = {
    F.FULL_NAME: "Full name",
    F.GIVEN_NAME: "Given name",
    F.NAME_PREFIX: "Name prefix (tussenvoegsel)",
    F.FAMILY_NAME: "Family name",
    F.TITLE: "Title",
    F.EMAIL: "E-mail (work)",
    F.EMAIL_PRIVATE: "E-mail (private)",
    F.PHONE: "Phone (work)",
    F.MOBILE: "Mobile",
    F.PHONE_PRIVATE: "Phone (private)",
    F.ORGANISATION: "Organisation",
    F.ROLE: "Role",
    F.HELIX: "Helix",
    F.TAGS: "Tags",
    F.NOTES: "Notes",
    F.DO_NOT_CONTACT: "Do not contact",
}

_NOT_LETTERS = re.compile(r"[^a-z]+")
_NOT_LETTERS_OR_DIGITS = re.compile(r"[^a-z0-9]+")


def normalise_header(header: str) -> str:
    """A header as it is looked up: "E-mail 1 - Value" gives "emailvalue", "Privé e-mail"
    gives "priveemail"; a header of digits only keeps them ("06")."""
    folded = fold(header)
    letters = _NOT_LETTERS.sub("", folded)
    return letters or _NOT_LETTERS_OR_DIGITS.sub("", folded)


def _field_of(header: str) -> ImportField | None:
    title = " ".join(header.split())
    if title in OWN_TITLES:
        return OWN_TITLES[title]
    return SYNONYMS.get(normalise_header(title))


def suggest_mapping(headers: Sequence[str]) -> dict[int, ImportField]:
    """The field each column probably holds (column index → field); unknown columns are left out.

    A field that only one column may feed goes to the first column that matches. A full-name
    column is left out when there are given-name and family-name columns; a plain "Naam" is
    the family name next to a given-name column, and the given name next to a family-name one.
    """
    found: dict[int, ImportField] = {}
    middle: list[int] = []
    for index, header in enumerate(headers):
        field = _field_of(header)
        if field is not None:
            found[index] = field
        elif normalise_header(header) in MIDDLE_NAMES:
            middle.append(index)
    fields = set(found.values())
    if middle and F.NAME_PREFIX not in fields:
        found[middle[0]] = F.NAME_PREFIX
        found = dict(sorted(found.items()))
    has_given, has_family = F.GIVEN_NAME in fields, F.FAMILY_NAME in fields
    if has_given != has_family:
        for index, field in found.items():
            if field is F.FULL_NAME and normalise_header(headers[index]) in _PLAIN_NAME:
                found[index] = F.GIVEN_NAME if has_family else F.FAMILY_NAME
                break
    fields = set(found.values())
    drop_full_name = F.GIVEN_NAME in fields and F.FAMILY_NAME in fields
    mapping: dict[int, ImportField] = {}
    taken: set[ImportField] = set()
    for index, field in found.items():
        if field is F.FULL_NAME and drop_full_name:
            continue
        if field in taken and field not in REPEATABLE:
            continue
        taken.add(field)
        mapping[index] = field
    return mapping


def check_mapping(mapping: Mapping[int, ImportField]) -> None:
    """Refuse a mapping without a name or with a single-column field chosen for two columns.

    Raises :class:`ValidationError` for the field "mapping".
    """
    columns: dict[ImportField, list[int]] = {}
    for index, field in sorted(mapping.items()):
        columns.setdefault(ImportField(field), []).append(index)
    for field, indexes in columns.items():
        if field not in REPEATABLE and len(indexes) > 1:
            numbers = ", ".join(str(i + 1) for i in indexes[:-1])
            raise ValidationError(
                "mapping",
                f"{FIELD_LABELS[field]} is chosen for columns {numbers} and {indexes[-1] + 1}; "
                "it can come from one column only.",
            )
    if F.FULL_NAME not in columns and not (F.GIVEN_NAME in columns and F.FAMILY_NAME in columns):
        raise ValidationError(
            "mapping",
            "Choose the column with the full name, or the columns with the given name and "
            "the family name.",
        )
