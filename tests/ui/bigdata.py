"""A register of 100,000 people and 20,000 organisations, built in seconds for scale tests."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

from techzone_crm.db import fts
from techzone_crm.db.migrate import open_database
from techzone_crm.text import fold, person_sort_key

GIVEN = ["Jan", "Anna", "Piet", "Els", "Kees", "Sanne", "Hélène", "Daan", "Femke", "Bram"]
FAMILY = ["Berg", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Dijk", "Kok"]
PREFIXES = ["", "", "", "van", "van der", "de", "ter"]
ROLES = ["directeur", "beleidsadviseur", "wethouder", "lector", "accountmanager", "planner"]
STAMP = "2026-01-01 00:00:00"


def build(path: Path, people: int = 100_000, organisations: int = 20_000, seed: int = 3) -> None:
    """Create a migrated database at ``path`` holding that many people and organisations.

    Rows go in with plain executemany and the search index is filled once at the end
    (the per-row triggers would take minutes at this size).
    """
    open_database(path).close()
    rnd = random.Random(seed)
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in fts.drop_statements(1):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO organisation (id, name, short_name, sort_name, helix, region, website,"
            " is_partner, notes, street, postal_code, city, created_at, updated_at, version)"
            " VALUES (?, ?, '', ?, ?, ?, '', ?, '', '', '', '', ?, ?, 1)",
            (
                (
                    i,
                    name := f"Organisatie {i:05d}",
                    fold(name),
                    rnd.choice(["government", "business", "education", "civil_society"]),
                    rnd.choice(["Emmen", "Coevorden", "Hardenberg", "Hoogeveen"]),
                    int(i % 10 == 0),
                    STAMP,
                    STAMP,
                )
                for i in range(1, organisations + 1)
            ),
        )
        rows = []
        for i in range(1, people + 1):
            given, family, prefix = rnd.choice(GIVEN), rnd.choice(FAMILY), rnd.choice(PREFIXES)
            family = f"{family}{i % 997}"
            rows.append((i, given, prefix, family, person_sort_key(family, given, prefix)))
        conn.executemany(
            "INSERT INTO person (id, given_name, name_prefix, family_name, title, notes,"
            " sort_name, do_not_contact, created_at, updated_at, version)"
            f" VALUES (?, ?, ?, ?, '', '', ?, 0, '{STAMP}', '{STAMP}', 1)",
            rows,
        )
        conn.executemany(
            "INSERT INTO email_address (person_id, address, kind, position)"
            " VALUES (?, ?, 'work', 0)",
            ((i, f"p{i}@org{i % organisations}.example") for i in range(1, people + 1)),
        )
        conn.executemany(
            "INSERT INTO affiliation (person_id, organisation_id, role, notes, created_at,"
            f" updated_at, version) VALUES (?, ?, ?, '', '{STAMP}', '{STAMP}', 1)",
            ((i, rnd.randint(1, organisations), rnd.choice(ROLES)) for i in range(1, people + 1)),
        )
        for statement in fts.create_statements(1):
            conn.execute(statement)
