"""A seeded generator that writes a realistic stakeholder database for the benchmarks.

The network has the shape of a real one: organisations and their people fall in clusters by
helix and region; inside a cluster a few hubs know many people, and a few brokers also know
people in other clusters. The team meets people (interactions with attendees, team members,
organisations, agendas and dossiers), owns the relationships with the best-connected, and has
assessed a good part of them, some twice. Agendas have themes and linked stakeholders, own
themes serve external agendas, dossiers carry positions, and people and organisations have
explicit relationships.

Generation stops when the analysis graph (as :func:`techzone_crm.services.network.network_data`
reads it) has the wanted number of ties, counted as distinct tied pairs of nodes. Everything is
drawn from one seeded generator; the rows go in with SQLAlchemy Core ``insert()`` executemany
and the search index is filled once at the end.

Run it alone to keep a database to look at::

    .venv/bin/python -m benchmarks.generate_db /tmp/bench.sqlite --scale analysis --seed 0
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from benchmarks import vocabulary as v
from benchmarks.generate_people import PeopleWriter, Rows
from benchmarks.generate_register import RegisterSize, RegisterWriter, insert_rows
from benchmarks.harness import Context, seconds
from techzone_crm.db import fts
from techzone_crm.db.migrate import open_database
from techzone_crm.db.models import (
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    Dossier,
    DossierAgenda,
    DossierStakeholder,
    Interaction,
    Relationship,
    ThemeAlignment,
    agenda_sector,
    interaction_agenda,
    interaction_attendee,
    interaction_dossier,
    interaction_organisation,
    interaction_team_member,
)

#: The day every generated database is analysed on, so that runs compare.
TODAY = date(2025, 6, 2)
STAMP = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
_PAIR_COLUMNS = ("person_a_id", "person_b_id", "organisation_a_id", "organisation_b_id")


@dataclass(frozen=True)
class Scale:
    """How big a generated database is: nodes and ties of its analysis graph, and for a
    large one the register of people, organisations and interactions around that graph."""

    name: str
    nodes: int
    ties: int
    register: RegisterSize | None = None
    #: The scale whose whole database is exactly this one's analysis graph.
    network: str = ""

    @property
    def network_scale(self) -> str:
        """The scale to generate to analyse just this scale's network (itself if no register)."""
        return self.network or self.name


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", 300, 1_500),
    # A regional team: about 3,000 people, all of them in the analysis graph.
    "region": Scale("region", 3_485, 17_500),
    "analysis": Scale("analysis", 5_000, 25_000),
    # A province-wide team: the network of "analysis" (same seed, same rows) inside a register
    # of 100,000 people, 20,000 organisations and 300,000 interactions.
    "large": Scale(
        "large", 5_000, 25_000, RegisterSize(100_000, 20_000, 300_000), network="analysis"
    ),
}


@dataclass(frozen=True)
class Generated:
    """What was written: the file, the nodes and ties of its graph, and rows per table."""

    path: Path
    nodes: int
    ties: int
    rows: dict[str, int]

    def describe(self) -> str:
        """ "5,000 nodes, 25,000 ties (4,326 people, …)"."""
        counts = ", ".join(
            f"{self.rows.get(t, 0):,} {t}"
            for t in ("person", "organisation", "interaction", "relationship", "assessment")
        )
        return f"{self.nodes:,} nodes, {self.ties:,} ties ({counts})"


class _NetworkWriter(PeopleWriter):
    """Agendas, dossiers, links, relationships and interactions on top of the people."""

    def structure(self) -> None:
        """Agendas with themes and sectors, alignments, dossiers with their agenda links."""
        rng = self.rng
        theme_id = 0
        own_themes: list[int] = []
        external: list[tuple[int, int]] = []
        for aid, (name, level, themes) in enumerate(v.AGENDAS[: self.agenda_count], start=1):
            owner = self.government_at(level)
            self.add(
                Agenda,
                id=aid,
                name=name,
                level=level,
                description="",
                website="",
                owner_organisation_id=owner,
                **self.tracked(),
            )
            self.agenda_keys.append(f"agenda:{aid}")
            if owner is not None:
                self.pair(f"organisation:{owner}", f"agenda:{aid}")
            for sector in rng.sample(v.SECTORS, rng.randint(1, 2)):
                self.add(agenda_sector, agenda_id=aid, sector=sector)
            for position, theme in enumerate(themes):
                theme_id += 1
                lead_org = lead_person = None
                if level == "own":
                    lead_org = rng.choice(self.partners or list(self.orgs))
                    lead_person = self.person_at(lead_org)
                    own_themes.append(theme_id)
                else:
                    external.append((aid, theme_id))
                self.add(
                    AgendaTheme,
                    id=theme_id,
                    agenda_id=aid,
                    name=theme,
                    description="",
                    position=position,
                    lead_organisation_id=lead_org,
                    lead_person_id=lead_person,
                    **self.tracked(),
                )
                key = f"theme:{theme_id}"
                self.theme_agenda[theme_id] = aid
                self.theme_keys.append(key)
                self.pair(key, f"agenda:{aid}")
                if lead_org is not None:
                    self.pair(f"organisation:{lead_org}", key)
                if lead_person is not None:
                    self.pair(f"person:{lead_person}", key)
        for own in own_themes:
            aid, tid = rng.choice(external)
            with_theme = rng.random() < 0.7
            self.add(
                ThemeAlignment,
                own_theme_id=own,
                agenda_id=aid,
                theme_id=tid if with_theme else None,
            )
            self.pair(f"theme:{own}", f"theme:{tid}" if with_theme else f"agenda:{aid}")
        for did in range(1, self.dossier_count + 1):
            title = v.DOSSIERS[(did - 1) % len(v.DOSSIERS)]
            self.add(
                Dossier, id=did, title=title, description="", stage=rng.choice(v.STAGES),
                **self.tracked(),
            )  # fmt: skip
            self.dossier_keys.append(f"dossier:{did}")
            tid = rng.choice([t for _, t in external] or [1])
            self.add(DossierAgenda, dossier_id=did, agenda_id=self.theme_agenda[tid], theme_id=tid)
            self.pair(f"dossier:{did}", f"theme:{tid}")

    def agenda_links(self) -> None:
        """People and organisations linked to agendas and themes with a role; positions."""
        rng = self.rng
        done: set[tuple[str, int, int | None]] = set()
        people = rng.sample(self.people, min(len(self.people), self.n_nodes // 10))
        orgs = rng.sample(list(self.orgs), min(len(self.orgs), 60))
        for key in [f"person:{p.id}" for p in people] + [f"organisation:{o}" for o in orgs]:
            target = rng.choice(self.agenda_keys + self.theme_keys)
            tid = int(target.split(":")[1]) if target.startswith("theme:") else None
            aid = self.theme_agenda[tid] if tid is not None else int(target.split(":")[1])
            if (key, aid, tid) in done:
                continue
            done.add((key, aid, tid))
            helix = self.helix_of(key)
            role = "decides" if helix == "government" and rng.random() < 0.5 else None
            self.add(
                AgendaStakeholder,
                agenda_id=aid,
                theme_id=tid,
                role=role or rng.choice(v.STAKEHOLDER_ROLES),
                note="",
                **self.stakeholder(key),
                **self.tracked(),
            )
            self.pair(key, target)
        for p in rng.sample(self.people, min(len(self.people), self.n_nodes // 25)):
            did = rng.randint(1, self.dossier_count)
            self.add(
                DossierStakeholder,
                dossier_id=did,
                person_id=p.id,
                organisation_id=None,
                position=rng.randint(-2, 2),
                source=rng.choice(("Statendebat", "Raadsvergadering", "Interview", "Brief")),
                source_date=TODAY - timedelta(days=rng.randint(10, 400)),
                source_reference="",
                note="",
                **self.tracked(),
            )
            self.pair(f"person:{p.id}", f"dossier:{did}")

    def relationship(self) -> None:
        """One explicit relationship: mostly between people, sometimes between organisations."""
        rng = self.rng
        if rng.random() < 0.1 and len(self.orgs) > 1:
            a = rng.choice(list(self.orgs))
            b = rng.choice(self.orgs_near(a))
            if a == b:
                return
            pair = {"organisation_a_id": a, "organisation_b_id": b}
            keys = (f"organisation:{a}", f"organisation:{b}")
            kind = rng.choice(v.ORG_RELATIONSHIP_KINDS)
        else:
            first = rng.choice(self.brokers) if self.brokers and rng.random() < 0.1 else None
            first = first or self.pick(rng.randrange(len(self.clusters)))
            second = self.pick(self.partner_cluster(first))
            if first.id == second.id:
                return
            pair = {"person_a_id": first.id, "person_b_id": second.id}
            keys = (f"person:{first.id}", f"person:{second.id}")
            kind = rng.choice(v.RELATIONSHIP_KINDS)
        self.add(
            Relationship,
            kind=kind,
            strength=rng.randint(1, 5),
            note="",
            started_on=None,
            **{**dict.fromkeys(_PAIR_COLUMNS), **pair},
            **self.tracked(),
        )
        self.pair(*keys)

    def interaction(self, iid: int) -> None:
        """One contact: attendees from one or a few clusters, team members, topics."""
        rng = self.rng
        planned = rng.random() < 0.02
        days = int(rng.expovariate(1 / 150))
        on = TODAY + timedelta(days=rng.randint(1, 60)) if planned else TODAY - timedelta(days=days)
        members = rng.sample(range(1, len(v.TEAM) + 1), 1 if rng.random() < 0.8 else 2)
        first = self.pick(rng.randrange(len(self.clusters)))
        attendees = {first.id: first}
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            other = self.pick(self.partner_cluster(first))
            attendees[other.id] = other
        orgs = {first.org} if rng.random() < 0.3 else set()
        if rng.random() < 0.05:
            attendees, orgs = {}, {first.org}
        topics: list[str] = []
        if rng.random() < 0.25:
            topics.append(rng.choice(self.agenda_keys))
        if rng.random() < 0.15:
            topics.append(rng.choice(self.dossier_keys))
        kind = rng.choice(v.INTERACTION_KINDS)
        subject = f"{rng.choice(v.SUBJECTS)} {self.org_names[first.org]}"
        self.add(
            Interaction, id=iid, occurred_on=on, kind=kind, subject=subject[:300], notes="",
            **self.tracked(),
        )  # fmt: skip
        for pid in sorted(attendees):
            self.add(interaction_attendee, interaction_id=iid, person_id=pid)
        for mid in members:
            self.add(interaction_team_member, interaction_id=iid, team_member_id=mid)
        for oid in sorted(orgs):
            self.add(interaction_organisation, interaction_id=iid, organisation_id=oid)
        for topic in topics:
            table, column = (
                (interaction_agenda, "agenda_id")
                if topic.startswith("agenda:")
                else (interaction_dossier, "dossier_id")
            )
            self.add(table, interaction_id=iid, **{column: int(topic.split(":")[1])})
        if planned:
            return  # a planned contact is no tie yet
        people = [f"person:{p}" for p in sorted(attendees)]
        participants = people or [f"organisation:{o}" for o in sorted(orgs)]
        for i, a in enumerate(participants):
            for b in participants[i + 1 :]:
                self.pair(a, b)
            for mid in members:
                self.pair(f"team_member:{mid}", a)
            for topic in topics:
                self.pair(a, topic)
        for a in people:
            for oid in orgs:
                self.pair(a, f"organisation:{oid}")

    def contacts(self) -> None:
        """Relationships and interactions until the graph has the wanted number of ties."""
        iid = 0
        stalled = 0
        while len(self.pairs) < self.n_ties and stalled < 10_000:
            before = len(self.pairs)
            if self.rng.random() < 0.45:
                self.relationship()
            else:
                iid += 1
                self.interaction(iid)
            stalled = stalled + 1 if len(self.pairs) == before else 0


def _write(path: Path, rows: Rows, register: RegisterWriter | None = None) -> dict[str, int]:
    db = open_database(path)
    counts: dict[str, int] = {}
    try:
        with db.engine.begin() as conn:
            for statement in fts.drop_statements(1):
                conn.execute(text(statement))
            insert_rows(conn, rows, counts)
            if register is not None:
                register.write(conn, counts)
            # The search index is built once from every row, not row by row by its triggers.
            for statement in fts.create_statements(1):
                conn.execute(text(statement))
    finally:
        db.close()
    return counts


def generate_database(
    path: Path, *, nodes: int, ties: int, seed: int = 0, register: RegisterSize | None = None
) -> Generated:
    """Write a new database at ``path`` whose analysis graph has about ``nodes`` nodes and
    ``ties`` ties (distinct tied pairs), inside ``register`` if given (its totals of people,
    organisations and interactions); the same arguments write the same rows."""
    if nodes < 100:
        raise ValueError(f"a generated database needs at least 100 nodes, not {nodes}")
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; the generator only writes new databases")
    writer = _NetworkWriter(random.Random(seed), nodes, ties, STAMP, TODAY)
    writer.team()
    writer.organisations()
    writer.structure_people()
    writer.structure()
    writer.agenda_links()
    writer.ownership()
    writer.assessments()
    writer.contacts()
    nodes_made, ties_made = writer.node_count, len(writer.pairs)
    bulk = None if register is None else RegisterWriter(writer, register, seed)
    counts = _write(path, writer.rows, bulk)
    return Generated(path, nodes_made, ties_made, counts)


def generate_scale(path: Path, scale: str, seed: int = 0) -> Generated:
    """:func:`generate_database` at one of the :data:`SCALES`."""
    chosen = SCALES[scale]
    return generate_database(
        path, nodes=chosen.nodes, ties=chosen.ties, seed=seed, register=chosen.register
    )


def database_for(ctx: Context) -> tuple[Path, int]:
    """The generated database of ``ctx``'s scale and seed in its work folder, and how many
    people it has; generated on first use and then reused (keep it with ``--workdir``).

    The benchmarks that use it only read it; those that write work on a copy.
    """
    path = ctx.workdir / f"crm-{ctx.scale}-seed{ctx.seed}.sqlite"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        made = generate_scale(partial, ctx.scale, ctx.seed)
        partial.rename(path)
        took = seconds(time.perf_counter() - started)
        ctx.log(f"generated {path.name}: {made.describe()} in {took}")
    with closing(sqlite3.connect(path)) as conn:
        (people,) = conn.execute("SELECT count(*) FROM person").fetchone()
    return path, int(people)


def main(argv: list[str] | None = None) -> int:
    """Write one database: ``python -m benchmarks.generate_db PATH [--scale] [--seed]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate_db")
    parser.add_argument("path", type=Path, help="the new database file")
    parser.add_argument("--scale", choices=sorted(SCALES), default="analysis")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        made = generate_scale(args.path, args.scale, args.seed)
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{made.path}: {made.describe()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
