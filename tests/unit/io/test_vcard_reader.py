"""vCard files (2.1, 3.0, 4.0) read as tables in fixed columns, and read back after export."""

from __future__ import annotations

from pathlib import Path

import pytest

from techzone_crm.errors import ImportFileError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.limits import ReadLimits
from techzone_crm.io.readers import detect_format, read_table
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.io.vcard_reader import VCARD_HEADERS, parse_vcards
from techzone_crm.io.vcard_writer import CELL, HOME, WORK, VCardContact, write_vcards

ANDROID = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4D=C3=BC=6C=6C=65=72;J=C3=BC=\r\n"
    "rgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "TEL;CELL:+31612345678\r\n"
    "TEL;WORK;VOICE:050-1234567\r\n"
    "TEL;HOME:050-7654321\r\n"
    "TEL;FAX:050-1111111\r\n"
    "EMAIL;HOME:jurgen@thuis.nl\r\n"
    "EMAIL;INTERNET;WORK:j.muller@assen.nl\r\n"
    "ORG:Gemeente Assen;ICT\r\n"
    "TITLE:Wethouder\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Eerste regel=0D=0ATweede regel\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQ\r\n"
    "  AAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8Q\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N:van der Berg;Jan;;;\r\n"
    "FN:Jan van der Berg\r\n"
    "TEL;CELL;PREF:06 12 34 56 78\r\n"
    "END:VCARD\r\n"
)
IPHONE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
    "N:de Vries;Zoë;;;\r\n"
    "FN:Zoë de Vries\r\n"
    "ORG:Hanzehogeschool Groningen;Lectoraat Energie\r\n"
    "TITLE:Lector\r\n"
    "item1.EMAIL;type=INTERNET;type=WORK;type=pref:z.de.vries@hanze.nl\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\n"
    "item2.EMAIL;type=INTERNET:zoe@gmail.com\r\n"
    "item2.X-ABLabel:_$!<Home>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:06 1234 5678\r\n"
    "item3.TEL:050 595 5555\r\n"
    "item3.X-ABLabel:werk\r\n"
    "CATEGORIES:energie,onderwijs\r\n"
    "END:VCARD\r\n"
)
VCARD4 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Anne-Marie de Vries-Smit\r\n"
    'TEL;TYPE="work,voice";VALUE=uri:tel:+31-50-123-4567\r\n'
    "TEL;TYPE=cell;VALUE=uri:tel:+31-6-1234-5678\r\n"
    "EMAIL;TYPE=work:am@provincie.nl\r\n"
    "ORG:Provincie Groningen\r\n"
    "ROLE:Gedeputeerde\r\n"
    "END:VCARD\r\n"
)
OUTLOOK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=nl:Bakker;Pieter;Jan;dhr.\r\n"
    "FN:Pieter Jan Bakker\r\n"
    "ORG:Bakker & Zn.\r\n"
    "TEL;WORK;VOICE:(0591) 12 34 56\r\n"
    "EMAIL;PREF;INTERNET:pieter@bakker.nl\r\n"
    "NOTE:Café op de hoek\r\n"
    "END:VCARD\r\n"
)
GOOGLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Kees ter Horst\r\n"
    "N:ter Horst;Kees;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:kees@example.org\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:k.terhorst@example.com\r\n"
    "EMAIL;TYPE=INTERNET:kees2@example.com\r\n"
    "TEL;TYPE=CELL:+31 6 11112222\r\n"
    "CATEGORIES:myContacts,Netwerk\r\n"
    "END:VCARD\r\n"
)


def read(tmp_path: Path, text: str, encoding: str = "utf-8", **kwargs: object) -> ImportTable:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(text.encode(encoding))
    return read_table(path, **kwargs)  # type: ignore[arg-type]


def card(table: ImportTable, index: int = 0) -> dict[str, str]:
    return {h: c for h, c in zip(table.headers, table.rows[index], strict=True) if c}


def test_the_table_has_fixed_columns_that_say_what_they_hold(tmp_path: Path) -> None:
    table = read(tmp_path, GOOGLE)
    assert table.format is SourceFormat.VCARD
    assert table.headers == VCARD_HEADERS
    fields = {table.headers[i]: ImportField(v) for i, v in table.fixed_fields.items()}
    assert fields["Name"] is ImportField.FULL_NAME
    assert fields["Name prefix"] is ImportField.NAME_PREFIX
    assert fields["E-mail (private)"] is ImportField.EMAIL_PRIVATE
    assert fields["Mobile"] is ImportField.MOBILE
    assert fields["Categories"] is ImportField.TAGS
    assert len(table.fixed_fields) == len(table.headers)


def test_android_21_quoted_printable_with_soft_line_breaks_and_a_photo(tmp_path: Path) -> None:
    table = read(tmp_path, ANDROID)
    assert table.row_numbers == [1, 2]
    assert card(table) == {
        "Name": "Jürgen Müller",
        "Given name": "Jürgen",
        "Family name": "Müller",
        "E-mail (work)": "j.muller@assen.nl",
        "E-mail (private)": "jurgen@thuis.nl",
        "Phone (work)": "050-1234567",
        "Mobile": "+31612345678",
        "Phone (private)": "050-7654321",
        "Organisation": "Gemeente Assen",
        "Role": "Wethouder",
        "Notes": "Eerste regel\nTweede regel",
    }
    assert card(table, 1) == {
        "Name": "Jan van der Berg",
        "Given name": "Jan",
        "Name prefix": "van der",
        "Family name": "Berg",
        "Mobile": "06 12 34 56 78",
    }


def test_quoted_printable_in_another_charset(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jansen;Ren=E9\r\n"
        "NOTE;QUOTED-PRINTABLE:caf=C3=A9\r\nEND:VCARD\r\n"
    )
    assert card(read(tmp_path, text)) == {
        "Name": "René Jansen",
        "Given name": "René",
        "Family name": "Jansen",
        "Notes": "café",
    }


def test_iphone_30_with_grouped_labels(tmp_path: Path) -> None:
    assert card(read(tmp_path, IPHONE)) == {
        "Name": "Zoë de Vries",
        "Given name": "Zoë",
        "Name prefix": "de",
        "Family name": "Vries",
        "E-mail (work)": "z.de.vries@hanze.nl",
        "E-mail (private)": "zoe@gmail.com",
        "Phone (work)": "050 595 5555",
        "Mobile": "06 1234 5678",
        "Organisation": "Hanzehogeschool Groningen",
        "Role": "Lector",
        "Categories": "energie, onderwijs",
    }


def test_vcard_40_with_uri_numbers_and_no_structured_name(tmp_path: Path) -> None:
    assert card(read(tmp_path, VCARD4)) == {
        "Name": "Anne-Marie de Vries-Smit",
        "Given name": "Anne-Marie",
        "Name prefix": "de",
        "Family name": "Vries-Smit",
        "E-mail (work)": "am@provincie.nl",
        "Phone (work)": "+31-50-123-4567",
        "Mobile": "+31-6-1234-5678",
        "Organisation": "Provincie Groningen",
        "Role": "Gedeputeerde",
    }


def test_outlook_21_in_windows_1252_with_a_middle_name_and_a_salutation(tmp_path: Path) -> None:
    table = read(tmp_path, OUTLOOK, encoding="cp1252")
    assert table.encoding == "cp1252"
    assert card(table) == {
        "Name": "Pieter Jan Bakker",
        "Given name": "Pieter Jan",
        "Family name": "Bakker",
        "E-mail (work)": "pieter@bakker.nl",
        "Phone (work)": "(0591) 12 34 56",
        "Organisation": "Bakker & Zn.",
        "Notes": "Café op de hoek",
    }


def test_google_30_with_several_addresses_in_one_cell(tmp_path: Path) -> None:
    values = card(read(tmp_path, GOOGLE))
    assert values["E-mail (work)"] == "k.terhorst@example.com\nkees2@example.com"
    assert values["E-mail (private)"] == "kees@example.org"
    assert (values["Name prefix"], values["Family name"]) == ("ter", "Horst")
    assert values["Categories"] == "myContacts, Netwerk"


def test_several_files_in_one_and_empty_cards_skipped(tmp_path: Path) -> None:
    empty = "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
    table = read(tmp_path, IPHONE + empty + "\r\n" + VCARD4 + GOOGLE)
    assert table.row_numbers == [1, 3, 4]
    assert [row[0] for row in table.rows] == [
        "Zoë de Vries",
        "Anne-Marie de Vries-Smit",
        "Kees ter Horst",
    ]


def test_folded_lines_are_unfolded(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jan van\n  der Berg\nNOTE:een lange\n\t notitie\nEND:VCARD\n"
    )
    values = card(read(tmp_path, text))
    assert values["Name"] == "Jan van der Berg"
    assert values["Notes"] == "een lange notitie"


def test_a_preview_and_the_row_limit(tmp_path: Path) -> None:
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Persoon {i}\r\nEND:VCARD\r\n" for i in range(6)
    )
    preview = read(tmp_path, text, limit_rows=2)
    assert (len(preview.rows), preview.truncated) == (2, True)
    with pytest.raises(ImportFileError, match="more than 5 rows") as caught:
        read(tmp_path, text, limits=ReadLimits(max_rows=5))
    assert caught.value.row == 6


def test_what_the_exporter_writes_reads_back(tmp_path: Path) -> None:
    contacts = [
        VCardContact(
            given_name="Jan",
            family_name="Berg",
            name_prefix="van der",
            honorific="dr.",
            organisation="Gemeente Assen; afdeling Economie",
            job_title="Wethouder, economie",
            emails=[("jan@assen.nl", WORK), ("jan@thuis.nl", HOME)],
            phones=[("+31612345678", CELL), ("+31592365555", WORK)],
            note="Eerste regel\nTweede; regel",
            uid="techzone-crm-person-1",
        ),
        VCardContact(given_name="Zoë", family_name="Vries", name_prefix="de", emails=[]),
        VCardContact(
            given_name="Hélène",
            family_name="Müller-Bijlsma",
            full_name="Hélène Müller-Bijlsma",
            phones=[("+31501234567", "VOICE"), ("+31507654321", HOME)],
            emails=[("h@x.nl", "INTERNET")],
        ),
    ]
    path = tmp_path / "export.vcf"
    write_vcards(path, contacts)
    assert detect_format(path) is SourceFormat.VCARD
    table = read_table(path)
    assert card(table, 0) == {
        "Name": "dr. Jan van der Berg",
        "Given name": "Jan",
        "Name prefix": "van der",
        "Family name": "Berg",
        "Title": "dr.",
        "E-mail (work)": "jan@assen.nl",
        "E-mail (private)": "jan@thuis.nl",
        "Phone (work)": "+31592365555",
        "Mobile": "+31612345678",
        "Organisation": "Gemeente Assen; afdeling Economie",
        "Role": "Wethouder, economie",
        "Notes": "Eerste regel\nTweede; regel",
    }
    assert card(table, 1) == {
        "Name": "Zoë de Vries",
        "Given name": "Zoë",
        "Name prefix": "de",
        "Family name": "Vries",
    }
    assert card(table, 2) == {
        "Name": "Hélène Müller-Bijlsma",
        "Given name": "Hélène",
        "Family name": "Müller-Bijlsma",
        "E-mail (work)": "h@x.nl",
        "Phone (work)": "+31501234567",
        "Phone (private)": "+31507654321",
    }


@pytest.mark.parametrize(
    ("text", "message", "row"),
    [
        ("FN:Jan\r\nEND:VCARD\r\n", "outside a card", 1),
        ("BEGIN:VCARD\r\nFN:Jan\r\n", "no END:VCARD", 1),
        ("VERSION:3.0\r\n", "outside a card", 1),
        (
            GOOGLE + "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is no vcard line\r\nEND:VCARD\r\n",
            "line 13 is not a vCard line",
            2,
        ),
        (GOOGLE + "BEGIN:VCARD\r\n;;;:x\r\nEND:VCARD\r\n", "is not a vCard line", 2),
        (GOOGLE + "stray text\r\n", "outside a card", 2),
    ],
)
def test_malformed_files_are_refused_with_the_card_number(
    text: str, message: str, row: int
) -> None:
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_vcards(text.encode())
    assert caught.value.row == row


def test_text_without_cards_is_refused() -> None:
    with pytest.raises(ImportFileError, match="no vCards"):
        parse_vcards(b"\r\n \r\n")
