"""The register around the network of a large generated database, written in bulk.

A province-wide team keeps far more people than it works with closely: the register adds
people, organisations, contacts, relationships and assessments around the network that
:mod:`benchmarks.generate_db` generates first. It has the same shape (organisations and people
in clusters by helix and region, skewed organisation sizes, hubs who meet many people, a few
brokers who reach other clusters), but no row of it ties two nodes of that network together:
the network stays, unchanged, inside the register. Rows go in chunks, so that memory stays
flat however big the register is.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, Table, insert

from benchmarks import vocabulary as v
from benchmarks.generate_people import PeopleWriter, Rows
from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    Assessment,
    Dossier,
    DossierAgenda,
    DossierStakeholder,
    EmailAddress,
    Interaction,
    Organisation,
    OrganisationSector,
    Person,
    PhoneNumber,
    Relationship,
    TeamMember,
    ThemeAlignment,
    agenda_sector,
    interaction_agenda,
    interaction_attendee,
    interaction_dossier,
    interaction_organisation,
    interaction_team_member,
)

#: Tables in the order their rows can go in (every foreign key points to an earlier one).
ORDER: tuple[Any, ...] = (
    TeamMember, Organisation, OrganisationSector, Person, EmailAddress, PhoneNumber, Affiliation,
    Agenda, agenda_sector, AgendaTheme, ThemeAlignment, Dossier, DossierAgenda, AgendaStakeholder,
    DossierStakeholder, Assessment, Relationship, Interaction, interaction_attendee,
    interaction_team_member, interaction_organisation, interaction_agenda, interaction_dossier,
)  # fmt: skip

_CHUNK = 20_000
#: A hub of the register (about one in fifty) has a relationship owner in the team.
_OWNED_HUB = 11.5


def insert_rows(conn: Connection, rows: Rows, counts: dict[str, int]) -> None:
    """Insert and forget the collected ``rows``, adding to ``counts`` per table."""
    for target in ORDER:
        table: Table = getattr(target, "__table__", target)
        batch = rows.get(table.name, [])
        if batch:
            conn.execute(insert(table), batch)
        counts[table.name] = counts.get(table.name, 0) + len(batch)
    rows.clear()


@dataclass(frozen=True)
class RegisterSize:
    """How many people, organisations and interactions the whole database has."""

    people: int
    organisations: int
    interactions: int


class RegisterWriter:
    """Writes the register after the network of ``core`` (whose rows are already in)."""

    def __init__(self, core: PeopleWriter, size: RegisterSize, seed: int) -> None:
        self.core = core
        self.size = size
        core.rng = self.rng = random.Random(f"register-{seed}")
        self.first_person = len(core.people) + 1
        self.by_cluster: dict[int, list[int]] = defaultdict(list)
        self.hub_totals: dict[int, list[float]] = {}
        self.brokers: set[int] = set()
        self.cluster_of: dict[int, int] = {}
        self.org_of: dict[int, int] = {}

    def write(self, conn: Connection, counts: dict[str, int]) -> None:
        """Every row of the register, chunk by chunk."""
        self._organisations(conn, counts)
        self._people(conn, counts)
        self._relationships(conn, counts)
        self._interactions(conn, counts, counts.get(Interaction.__tablename__, 0) + 1)

    def _flush(self, conn: Connection, counts: dict[str, int], force: bool = False) -> None:
        if force or sum(len(r) for r in self.core.rows.values()) >= 5 * _CHUNK:
            insert_rows(conn, self.core.rows, counts)

    def _organisations(self, conn: Connection, counts: dict[str, int]) -> None:
        core = self.core
        clusters = len(core.clusters)
        for oid in range(max(core.orgs) + 1, self.size.organisations + 1):
            core.organisation_row(oid, self.rng.randrange(clusters))
            if self.rng.random() < 0.1:
                key = f"organisation:{oid}"
                core._assessment(key, self._assessed_on(), *self._grid())
            self._flush(conn, counts)
        self._flush(conn, counts, force=True)

    def _assessed_on(self) -> date:
        return self.core.today - timedelta(days=self.rng.randint(0, 400))

    def _grid(self) -> tuple[int, int]:
        return self.rng.randint(1, 5), self.rng.randint(1, 5)

    def _people(self, conn: Connection, counts: dict[str, int]) -> None:
        core, rng = self.core, self.rng
        org_ids = list(core.orgs)
        # Organisation sizes are skewed: a few large employers, many small ones.
        sizes = list(accumulate(rng.paretovariate(1.2) for _ in org_ids))
        hubs: dict[int, list[float]] = defaultdict(list)
        for pid in range(self.first_person, self.size.people + 1):
            oid = rng.choices(org_ids, cum_weights=sizes)[0]
            c = core.orgs[oid]
            hub = rng.paretovariate(1.6)
            if rng.random() < 0.02:
                self.brokers.add(pid)
            owner = rng.randint(1, len(v.TEAM)) if hub > _OWNED_HUB else None
            core.person_rows(pid, oid, core.clusters[c][0], org_ids, owner)
            self.by_cluster[c].append(pid)
            self.cluster_of[pid] = c
            self.org_of[pid] = oid
            hubs[c].append(hub)
            if owner is not None or rng.random() < 0.1:
                if rng.random() < 0.33:
                    before = self.core.today - timedelta(days=rng.randint(401, 800))
                    core._assessment(f"person:{pid}", before, *self._grid())
                core._assessment(f"person:{pid}", self._assessed_on(), *self._grid())
            self._flush(conn, counts)
        self._flush(conn, counts, force=True)
        self.hub_totals = {c: list(accumulate(h)) for c, h in hubs.items()}
        core.pairs.clear()  # the register's ties are not counted: the network's are

    def _pick(self, cluster: int) -> int:
        """Someone of that cluster of the register, hubs more often."""
        if cluster not in self.by_cluster:
            cluster = self.rng.choice(list(self.by_cluster))
        totals = self.hub_totals[cluster]
        at = bisect_left(totals, self.rng.random() * totals[-1])
        return self.by_cluster[cluster][min(at, len(totals) - 1)]

    def _partner_cluster(self, pid: int) -> int:
        chance = 0.5 if pid in self.brokers else 0.04
        if self.rng.random() < chance:
            return self.rng.randrange(len(self.core.clusters))
        return self.cluster_of[pid]

    def _relationships(self, conn: Connection, counts: dict[str, int]) -> None:
        rng, core = self.rng, self.core
        clusters = len(core.clusters)
        for _ in range(self.size.people // 5):
            first = self._pick(rng.randrange(clusters))
            second = self._pick(self._partner_cluster(first))
            if first == second:
                continue
            core.add(
                Relationship,
                kind=rng.choice(v.RELATIONSHIP_KINDS),
                strength=rng.randint(1, 5),
                note="",
                started_on=None,
                person_a_id=first,
                person_b_id=second,
                organisation_a_id=None,
                organisation_b_id=None,
                **core.tracked(),
            )
            self._flush(conn, counts)
        self._flush(conn, counts, force=True)

    def _interactions(self, conn: Connection, counts: dict[str, int], first_id: int) -> None:
        rng, core = self.rng, self.core
        clusters = len(core.clusters)
        team = range(1, len(v.TEAM) + 1)
        for iid in range(first_id, self.size.interactions + 1):
            planned = rng.random() < 0.02
            days = int(rng.expovariate(1 / 150))
            on = core.today + timedelta(days=rng.randint(1, 60)) if planned else None
            first = self._pick(rng.randrange(clusters))
            attendees = {first}
            for _ in range(rng.choice((0, 0, 1, 2, 3))):
                attendees.add(self._pick(self._partner_cluster(first)))
            org = self.org_of[first] if rng.random() < 0.3 else None
            core.add(
                Interaction,
                id=iid,
                occurred_on=on or core.today - timedelta(days=days),
                kind=rng.choice(v.INTERACTION_KINDS),
                subject=f"{rng.choice(v.SUBJECTS)} {rng.choice(v.ORG_WORDS)}",
                notes="",
                **core.tracked(),
            )
            for pid in sorted(attendees):
                core.add(interaction_attendee, interaction_id=iid, person_id=pid)
            for mid in rng.sample(team, 1 if rng.random() < 0.8 else 2):
                core.add(interaction_team_member, interaction_id=iid, team_member_id=mid)
            if org is not None:
                core.add(interaction_organisation, interaction_id=iid, organisation_id=org)
            if rng.random() < 0.25:
                aid = int(rng.choice(core.agenda_keys).split(":")[1])
                core.add(interaction_agenda, interaction_id=iid, agenda_id=aid)
            if rng.random() < 0.15:
                did = int(rng.choice(core.dossier_keys).split(":")[1])
                core.add(interaction_dossier, interaction_id=iid, dossier_id=did)
            self._flush(conn, counts)
        self._flush(conn, counts, force=True)
