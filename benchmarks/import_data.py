"""A seeded list of people with organisations, as a Dutch-Excel CSV and as raw table rows.

The same people feed both sides of the import benchmark: the CSV file our import reads,
and the rows the raw ``executemany`` baseline writes (already normalised, as the import
stores them: E.164 phone numbers, folded sort names).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import vocabulary as v
from techzone_crm.text import fold, person_sort_key

HEADERS = (
    "Voornaam",
    "Tussenvoegsel",
    "Achternaam",
    "Titel",
    "Organisatie",
    "Functie",
    "E-mailadres",
    "Telefoon",
)
STAMP = "2025-06-01 12:00:00.000000"
_FORMS = {
    "government": ("Gemeente", "Provincie", "Waterschap"),
    "business": ("B.V.", "Techniek B.V.", "Groep", "& Partners"),
    "education": ("Hogeschool", "ROC", "Kennisinstituut"),
    "civil_society": ("Stichting", "Vereniging", "Coöperatie"),
}


@dataclass(frozen=True)
class ImportScale:
    """How many people and organisations the generated list has."""

    people: int
    organisations: int


SCALES: dict[str, ImportScale] = {
    "tiny": ImportScale(300, 30),
    "region": ImportScale(3_000, 600),
    "analysis": ImportScale(100_000, 5_000),
    "large": ImportScale(100_000, 20_000),
}


@dataclass
class PeopleList:
    """The generated people (file cells and stored values) and their organisations."""

    organisations: list[tuple[str, str]] = field(default_factory=list)  # name, helix
    cells: list[list[str]] = field(default_factory=list)
    stored: list[dict[str, Any]] = field(default_factory=list)


def _organisation(rng: random.Random, helix: str, taken: set[str]) -> str:
    towns = [t for region in v.REGIONS.values() for t in region]
    while True:
        form = rng.choice(_FORMS[helix])
        word, town = rng.choice(v.ORG_WORDS), rng.choice(towns)
        if helix == "government":
            name = f"{form} {town}" if rng.random() < 0.5 else f"{form} {town} – {word}"
        elif helix == "business":
            name = f"{word} {town} {form}"
        else:
            name = f"{form} {word} {town}"
        if name not in taken:
            taken.add(name)
            return name
        # A second organisation of the same name gets its department, as lists have it.
        name = f"{name}, afdeling {rng.randint(1, 99)}"
        if name not in taken:
            taken.add(name)
            return name


def _phone(rng: random.Random) -> tuple[str, str]:
    """A Dutch number as people type it, and its E.164 form."""
    if rng.random() < 0.5:
        digits = f"6{rng.randint(1, 5)}{rng.randint(0, 9_999_999):07d}"
        typed = rng.choice((f"06 {digits[1:]}", f"06-{digits[1:]}", f"+31 6 {digits[1:]}"))
    else:
        area = rng.choice(("50", "591", "592", "58", "53", "528"))
        rest = str(rng.randint(10**8, 10**9 - 1))[: 9 - len(area)]
        digits = area + rest
        typed = rng.choice((f"0{area} {rest}", f"0{area}-{rest}", f"+31 {area} {rest}"))
    return typed, f"+31{digits}"


def generate_people(scale: ImportScale, seed: int = 0) -> PeopleList:
    """``scale.people`` people with distinct names and e-mail addresses at its organisations."""
    rng = random.Random(seed)
    made = PeopleList()
    taken: set[str] = set()
    for i in range(scale.organisations):
        helix = v.HELICES[i % len(v.HELICES)] if i < len(v.HELICES) else rng.choice(v.HELICES)
        made.organisations.append((_organisation(rng, helix, taken), helix))
    weights = [rng.paretovariate(1.2) for _ in made.organisations]
    org_of = rng.choices(range(len(made.organisations)), weights=weights, k=scale.people)
    names: set[tuple[str, str, str]] = set()
    for number, org in enumerate(org_of, start=1):
        while True:
            given, prefix = rng.choice(v.GIVEN), rng.choice(v.PREFIXES)
            family = rng.choice(v.FAMILY)
            if rng.random() < 0.6:
                family = f"{family}-{rng.choice(v.FAMILY)}"
            if (given, prefix, family) not in names:
                names.add((given, prefix, family))
                break
        helix = made.organisations[org][1]
        title, role = rng.choice(v.TITLES), rng.choice(v.ROLES[helix])
        local = fold(f"{given}.{prefix}{family}").replace(" ", "").replace("'", "")
        email = f"{local}.{number}@org{org + 1}.example"
        typed, e164 = _phone(rng)
        made.cells.append(
            [given, prefix, family, title, made.organisations[org][0], role, email, typed]
        )
        made.stored.append(
            {
                "given_name": given,
                "name_prefix": prefix,
                "family_name": family,
                "title": title,
                "sort_name": person_sort_key(family, given, prefix)[:240],
                "organisation": org + 1,
                "role": role,
                "email": email,
                "phone": e164,
            }
        )
    return made


def write_csv(path: Path, made: PeopleList) -> None:
    """The list as Dutch Excel saves it with "CSV UTF-8": ";", a BOM, CRLF."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(made.cells)
