"""Helpers for the GUI tests: waiting for rows, inserting many people quickly."""

from __future__ import annotations

import random
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from techzone_crm.db.engine import Database
from techzone_crm.db.models import Affiliation, EmailAddress, Organisation, Person
from techzone_crm.text import fold, person_sort_key

FAMILY_NAMES = ["Berg", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Dijk"]


def wait_loaded(qtbot: QtBot, model: Any) -> None:
    """Wait until the rows on screen have arrived from the database."""
    if model.rowCount() == 0:
        return
    model.row_at(0)  # ask for the first page in case no view has painted yet
    qtbot.waitUntil(lambda: not model.loading and model.row_at(0) is not None)


def bulk_people(db: Database, count: int, organisations: int = 20, seed: int = 7) -> None:
    """Insert ``count`` people with an e-mail and a role each, quickly (no ORM objects)."""
    rnd = random.Random(seed)
    with db.sessions.begin() as session:
        first_org = (session.query(Organisation).count() or 0) + 1
        session.execute(
            insert(Organisation),
            [
                {
                    "name": f"Bedrijf {i:03d}",
                    "sort_name": fold(f"Bedrijf {i:03d}"),
                    "helix": "business",
                    "version": 1,
                }
                for i in range(organisations)
            ],
        )
        first_person = (session.query(Person).count() or 0) + 1
        rows = []
        for i in range(count):
            family = f"{rnd.choice(FAMILY_NAMES)}{i:05d}"
            rows.append(
                {
                    "given_name": "Jan",
                    "family_name": family,
                    "version": 1,
                    "sort_name": person_sort_key(family, "Jan", ""),
                }
            )
        session.execute(insert(Person), rows)
        session.execute(
            insert(Affiliation),
            [
                {
                    "person_id": first_person + i,
                    "version": 1,
                    "role": "Adviseur",
                    "organisation_id": first_org + rnd.randrange(organisations),
                }
                for i in range(count)
            ],
        )
        session.execute(
            insert(EmailAddress),
            [
                {
                    "person_id": first_person + i,
                    "address": f"p{i:05d}@example.nl",
                    "kind": "work",
                    "position": 0,
                }
                for i in range(count)
            ],
        )
