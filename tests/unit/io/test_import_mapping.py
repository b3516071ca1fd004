"""Column mappings suggested from real export headers, checked, and full names taken apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techzone_crm.errors import ValidationError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.import_mapping import (
    check_mapping,
    normalise_header,
    split_full_name,
    suggest_mapping,
)
from techzone_crm.io.names import PREFIX_WORDS, SALUTATIONS, SUFFIXES, TITLE_WORDS
from techzone_crm.io.vcard_reader import VCARD_COLUMNS
from techzone_crm.services.stakeholder_export import PEOPLE_COLUMNS
from techzone_crm.text import person_display_name, person_sorted_name

F = ImportField


def headers(row: str) -> list[str]:
    """The titles of a header row, written with "|" between them."""
    return row.split("|")


GOOGLE = headers(
    "Name|Given Name|Additional Name|Family Name|Yomi Name|Given Name Yomi|"
    "Additional Name Yomi|Family Name Yomi|Name Prefix|Name Suffix|Initials|Nickname|"
    "Short Name|Maiden Name|Birthday|Gender|Location|Billing Information|Directory Server|"
    "Mileage|Occupation|Hobby|Sensitivity|Priority|Subject|Notes|Language|Photo|"
    "Group Membership|E-mail 1 - Type|E-mail 1 - Value|E-mail 2 - Type|E-mail 2 - Value|"
    "Phone 1 - Type|Phone 1 - Value|Phone 2 - Type|Phone 2 - Value|Organization 1 - Type|"
    "Organization 1 - Name|Organization 1 - Yomi Name|Organization 1 - Title|"
    "Organization 1 - Department|Organization 1 - Symbol|Organization 1 - Location|"
    "Organization 1 - Job Description"
)
GOOGLE_NEW = headers(
    "First Name|Middle Name|Last Name|Phonetic First Name|Phonetic Middle Name|"
    "Phonetic Last Name|Name Prefix|Name Suffix|Nickname|File As|Organization Name|"
    "Organization Title|Organization Department|Birthday|Notes|Photo|Labels|"
    "E-mail 1 - Label|E-mail 1 - Value|E-mail 2 - Label|E-mail 2 - Value|Phone 1 - Label|"
    "Phone 1 - Value"
)
OUTLOOK_EN = headers(
    "Title|First Name|Middle Name|Last Name|Suffix|Company|Department|Job Title|"
    "Business Street|Business City|Business Postal Code|Business Fax|Business Phone|"
    "Business Phone 2|Assistant's Phone|Car Phone|Company Main Phone|Home Fax|Home Phone|"
    "Home Phone 2|Mobile Phone|Other Phone|Pager|Categories|E-mail Address|E-mail Type|"
    "E-mail Display Name|E-mail 2 Address|E-mail 2 Type|E-mail 2 Display Name|Notes|"
    "Web Page"
)
OUTLOOK_NL = headers(
    "Titel|Voornaam|Middelste naam|Achternaam|Achtervoegsel|Bedrijf|Afdeling|Functie|"
    "Werkadres, straat|Werkadres, plaats|Fax op werk|Telefoon op werk|Telefoon op werk 2|"
    "Hoofdtelefoon bedrijf|Telefoon thuis|Telefoon thuis 2|Mobiele telefoon|Categorieën|"
    "E-mailadres|E-mailtype|Weergavenaam voor e-mail|E-mailadres 2|Notities"
)
THUNDERBIRD = headers(
    "First Name|Last Name|Display Name|Nickname|Primary Email|Secondary Email|Screen Name|"
    "Work Phone|Home Phone|Fax Number|Pager Number|Mobile Number|Home Address|Home City|"
    "Work Address|Work City|Job Title|Department|Organization|Web Page 1|Custom 1|Notes"
)
THUNDERBIRD_NL = headers(
    "Voornaam|Achternaam|Weergavenaam|Bijnaam|Eerste e-mailadres|Tweede e-mailadres|"
    "Telefoon werk|Telefoon thuis|Faxnummer|Mobiel nummer|Functie|Afdeling|Organisatie|"
    "Aantekeningen"
)


def named(headers: list[str]) -> dict[str, ImportField]:
    return {headers[i]: field for i, field in suggest_mapping(headers).items()}


@pytest.mark.parametrize(
    ("header", "normal"),
    [
        ("E-mail 1 - Value", "emailvalue"),
        ("  Privé e-mail ", "priveemail"),
        ("Categorieën", "categorieen"),
        ("06", "06"),
        ("Telefoon op werk 2", "telefoonopwerk"),
    ],
)
def test_headers_are_normalised(header: str, normal: str) -> None:
    assert normalise_header(header) == normal


def test_google_contacts() -> None:
    assert named(GOOGLE) == {
        "Given Name": F.GIVEN_NAME,
        "Additional Name": F.NAME_PREFIX,
        "Family Name": F.FAMILY_NAME,
        "Name Prefix": F.TITLE,
        "Notes": F.NOTES,
        "Group Membership": F.TAGS,
        "E-mail 1 - Value": F.EMAIL,
        "E-mail 2 - Value": F.EMAIL,
        "Phone 1 - Value": F.PHONE,
        "Phone 2 - Value": F.PHONE,
        "Organization 1 - Name": F.ORGANISATION,
        "Organization 1 - Title": F.ROLE,
    }


def test_google_contacts_new_format() -> None:
    assert named(GOOGLE_NEW) == {
        "First Name": F.GIVEN_NAME,
        "Middle Name": F.NAME_PREFIX,
        "Last Name": F.FAMILY_NAME,
        "Name Prefix": F.TITLE,
        "Organization Name": F.ORGANISATION,
        "Organization Title": F.ROLE,
        "Notes": F.NOTES,
        "Labels": F.TAGS,
        "E-mail 1 - Value": F.EMAIL,
        "E-mail 2 - Value": F.EMAIL,
        "Phone 1 - Value": F.PHONE,
    }


def test_outlook_english() -> None:
    assert named(OUTLOOK_EN) == {
        "Title": F.TITLE,
        "First Name": F.GIVEN_NAME,
        "Middle Name": F.NAME_PREFIX,
        "Last Name": F.FAMILY_NAME,
        "Company": F.ORGANISATION,
        "Job Title": F.ROLE,
        "Business Phone": F.PHONE,
        "Business Phone 2": F.PHONE,
        "Company Main Phone": F.PHONE,
        "Home Phone": F.PHONE_PRIVATE,
        "Home Phone 2": F.PHONE_PRIVATE,
        "Mobile Phone": F.MOBILE,
        "Categories": F.TAGS,
        "E-mail Address": F.EMAIL,
        "E-mail 2 Address": F.EMAIL,
        "Notes": F.NOTES,
    }


def test_outlook_dutch() -> None:
    assert named(OUTLOOK_NL) == {
        "Titel": F.TITLE,
        "Voornaam": F.GIVEN_NAME,
        "Middelste naam": F.NAME_PREFIX,
        "Achternaam": F.FAMILY_NAME,
        "Bedrijf": F.ORGANISATION,
        "Functie": F.ROLE,
        "Telefoon op werk": F.PHONE,
        "Telefoon op werk 2": F.PHONE,
        "Hoofdtelefoon bedrijf": F.PHONE,
        "Telefoon thuis": F.PHONE_PRIVATE,
        "Telefoon thuis 2": F.PHONE_PRIVATE,
        "Mobiele telefoon": F.MOBILE,
        "Categorieën": F.TAGS,
        "E-mailadres": F.EMAIL,
        "E-mailadres 2": F.EMAIL,
        "Notities": F.NOTES,
    }


def test_thunderbird_english_and_dutch() -> None:
    assert named(THUNDERBIRD) == {
        "First Name": F.GIVEN_NAME,
        "Last Name": F.FAMILY_NAME,
        "Primary Email": F.EMAIL,
        "Secondary Email": F.EMAIL,
        "Work Phone": F.PHONE,
        "Home Phone": F.PHONE_PRIVATE,
        "Mobile Number": F.MOBILE,
        "Job Title": F.ROLE,
        "Organization": F.ORGANISATION,
        "Notes": F.NOTES,
    }
    assert named(THUNDERBIRD_NL) == {
        "Voornaam": F.GIVEN_NAME,
        "Achternaam": F.FAMILY_NAME,
        "Eerste e-mailadres": F.EMAIL,
        "Tweede e-mailadres": F.EMAIL,
        "Telefoon werk": F.PHONE,
        "Telefoon thuis": F.PHONE_PRIVATE,
        "Mobiel nummer": F.MOBILE,
        "Functie": F.ROLE,
        "Organisatie": F.ORGANISATION,
        "Aantekeningen": F.NOTES,
    }


def test_our_own_export_with_every_column() -> None:
    headers = [column.title for column in PEOPLE_COLUMNS]
    assert named(headers) == {
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
    }
    assert named(["Name", "Organisation", "E-mail"])["Name"] is F.FULL_NAME


def test_the_vcard_columns_map_to_their_fixed_fields() -> None:
    headers = [title for title, _ in VCARD_COLUMNS]
    expected = {title: field for title, field in VCARD_COLUMNS if title != "Name"}
    assert named(headers) == expected


def test_a_typical_dutch_list() -> None:
    headers = ["Aanhef", "Voornaam", "Tussenvoegsel", "Achternaam", "E-mailadres", "Privé e-mail",
               "Telefoonnummer", "06", "Organisatie", "Functie", "Helix", "Sector", "Opmerkingen",
               "Niet benaderen", "Roepnaam"]  # fmt: skip
    assert named(headers) == {
        "Voornaam": F.GIVEN_NAME,
        "Tussenvoegsel": F.NAME_PREFIX,
        "Achternaam": F.FAMILY_NAME,
        "E-mailadres": F.EMAIL,
        "Privé e-mail": F.EMAIL_PRIVATE,
        "Telefoonnummer": F.PHONE,
        "06": F.MOBILE,
        "Organisatie": F.ORGANISATION,
        "Functie": F.ROLE,
        "Helix": F.HELIX,
        "Opmerkingen": F.NOTES,
        "Niet benaderen": F.DO_NOT_CONTACT,
    }


def test_full_name_only_and_naam_next_to_voornaam() -> None:
    assert named(["Naam", "Organisatie"]) == {"Naam": F.FULL_NAME, "Organisatie": F.ORGANISATION}
    assert named(["Voornaam", "Naam"]) == {"Voornaam": F.GIVEN_NAME, "Naam": F.FAMILY_NAME}
    assert named(["Naam", "Tussenvoegsel", "Achternaam"]) == {
        "Naam": F.GIVEN_NAME,
        "Tussenvoegsel": F.NAME_PREFIX,
        "Achternaam": F.FAMILY_NAME,
    }
    assert named(["Volledige naam", "Achternaam"]) == {
        "Volledige naam": F.FULL_NAME,
        "Achternaam": F.FAMILY_NAME,
    }


def test_unknown_headers_stay_unmapped() -> None:
    assert suggest_mapping(["Postcode", "Woonplaats", "", "Column 4", "Aanhef", "Suffix"]) == {}


def test_a_middle_name_is_the_prefix_unless_a_tussenvoegsel_column_is_there() -> None:
    assert named(["Voornaam", "Middelste naam", "Achternaam"])["Middelste naam"] is F.NAME_PREFIX
    assert named(["Middle Name", "Voornaam", "Tussenvoegsel", "Achternaam"]) == {
        "Voornaam": F.GIVEN_NAME,
        "Tussenvoegsel": F.NAME_PREFIX,
        "Achternaam": F.FAMILY_NAME,
    }


def test_check_mapping_accepts_a_usable_mapping() -> None:
    check_mapping({0: F.FULL_NAME, 1: F.EMAIL, 2: F.EMAIL})
    check_mapping({0: F.GIVEN_NAME, 3: F.FAMILY_NAME, 4: F.TAGS, 5: F.TAGS})


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({0: F.EMAIL, 1: F.ORGANISATION}, "full name, or the columns with the given name"),
        ({0: F.GIVEN_NAME}, "full name, or the columns with the given name"),
        ({0: F.FULL_NAME, 2: F.ORGANISATION, 5: F.ORGANISATION}, "columns 3 and 6"),
        (
            {0: F.FULL_NAME, 1: F.ROLE, 2: F.ROLE, 3: F.ROLE},
            "Role is chosen for columns 2, 3 and 4",
        ),
    ],
)
def test_check_mapping_refuses(mapping: dict[int, ImportField], message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        check_mapping(mapping)
    assert caught.value.field == "mapping"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("dr. Jan van der Berg", ("Jan", "van der", "Berg", "dr.")),
        ("Berg, Jan van der", ("Jan", "van der", "Berg", "")),
        ("Berg, dr. Jan van der", ("Jan", "van der", "Berg", "dr.")),
        ("van der Berg, Jan", ("Jan", "van der", "Berg", "")),
        ("Vries, A. de", ("A.", "de", "Vries", "")),
        ("Jan Berg", ("Jan", "", "Berg", "")),
        ("Anne-Marie de Vries-Smit", ("Anne-Marie", "de", "Vries-Smit", "")),
        ("van der Berg", ("", "van der", "Berg", "")),
        ("De Vries", ("", "De", "Vries", "")),
        ("Berg", ("", "", "Berg", "")),
        ("prof. dr. ir. Piet de Wit", ("Piet", "de", "Wit", "prof. dr. ir.")),
        ("prof.dr. Piet de Wit", ("Piet", "de", "Wit", "prof.dr.")),
        ("mr. drs. Els Borst", ("Els", "", "Borst", "mr. drs.")),
        ("Dhr. J. Jansen", ("J.", "", "Jansen", "")),
        ("de heer J. Jansen", ("J.", "", "Jansen", "")),
        ("Mevr. ing. A. in 't Veld", ("A.", "in 't", "Veld", "ing.")),
        ("Jan de Vries, MSc", ("Jan", "de", "Vries", "")),
        ("Jan de Vries MBA", ("Jan", "de", "Vries", "")),
        ("Maria van 't Hof", ("Maria", "van 't", "Hof", "")),
        ("Ben uit den Bogaard", ("Ben", "uit den", "Bogaard", "")),
        ("Kees op de Beek", ("Kees", "op de", "Beek", "")),
        ("Luc de la Rey", ("Luc", "de la", "Rey", "")),
        ("Ursula von der Leyen", ("Ursula", "von der", "Leyen", "")),
        ("Hedy d'Ancona", ("Hedy", "", "d'Ancona", "")),
        ("Jan van den Berg-van der Meer", ("Jan", "van den", "Berg-van der Meer", "")),
        ("Jan Peter Balkenende", ("Jan Peter", "", "Balkenende", "")),
        ("  Jan   ter   Horst ", ("Jan", "ter", "Horst", "")),
        ("", ("", "", "", "")),
    ],
)
def test_split_full_name(text: str, parts: tuple[str, str, str, str]) -> None:
    assert split_full_name(text) == parts


_RESERVED = {w.casefold() for w in PREFIX_WORDS | TITLE_WORDS | SALUTATIONS | SUFFIXES}
_LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëïöü", min_size=1, max_size=8)
_WORD = st.builds(lambda first, rest: first + rest, st.sampled_from("ABCDEFGHIJKLMNOPRSTVWZÉÖ"),
                  _LOWER).filter(lambda w: w.casefold() not in _RESERVED)  # fmt: skip
_FAMILY = st.one_of(_WORD, st.builds(lambda a, b: f"{a}-{b}", _WORD, _WORD))
_GIVEN = st.one_of(
    st.just(""), _WORD, st.builds(lambda a, b: f"{a}-{b}", _WORD, _WORD),
    st.builds(lambda a, b: f"{a} {b}", _WORD, _WORD),
)  # fmt: skip
_PREFIX = st.sampled_from(
    ["", "van", "de", "van der", "van den", "ter", "ten", "te", "in 't", "van 't", "op de",
     "uit den", "de la", "la", "le", "du", "d'", "von", "von der", "den", "der"]
)  # fmt: skip
_TITLE = st.sampled_from(["", "dr.", "drs.", "ir.", "ing.", "mr.", "prof.", "prof. dr."])


@settings(max_examples=300, deadline=None)
@given(_GIVEN, _PREFIX, _FAMILY, _TITLE)
def test_a_written_name_splits_into_its_parts(
    given_name: str, prefix: str, family: str, title: str
) -> None:
    written = person_display_name(given_name, prefix, family, title)
    assert split_full_name(written) == (given_name, prefix, family, title)


@settings(max_examples=300, deadline=None)
@given(_GIVEN, _PREFIX, _FAMILY)
def test_a_sorted_name_splits_into_its_parts(given_name: str, prefix: str, family: str) -> None:
    written = person_sorted_name(given_name, prefix, family)
    assert split_full_name(written) == (given_name, prefix, family, "")
