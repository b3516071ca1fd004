"""The team, organisations, people, owners and assessments of a generated database."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table

from benchmarks import vocabulary as v
from techzone_crm.db.models import (
    Affiliation,
    Assessment,
    EmailAddress,
    Organisation,
    OrganisationSector,
    Person,
    PhoneNumber,
    TeamMember,
)
from techzone_crm.text import fold, person_sort_key

Rows = dict[str, list[dict[str, Any]]]


@dataclass
class _Person:
    id: int
    cluster: int
    org: int
    hub: float  # how many people this person tends to meet, relative to the others
    broker: bool  # also meets people of other clusters


class PeopleWriter:
    """Collects the rows of every table and the distinct tied pairs of the graph."""

    def __init__(
        self, rng: random.Random, nodes: int, ties: int, stamp: datetime, today: date
    ) -> None:
        self.rng = rng
        self.n_nodes = nodes
        self.n_ties = ties
        self.stamp = stamp
        self.today = today
        self.rows: Rows = defaultdict(list)
        self.pairs: set[tuple[str, str]] = set()
        self.clusters = [(h, r) for h in v.HELICES for r in v.REGIONS]
        self.agenda_count = len(v.AGENDAS)
        self.dossier_count = 10
        self.themes_total = sum(len(a[2]) for a in v.AGENDAS[: self.agenda_count])
        self.orgs: dict[int, int] = {}  # organisation id → cluster
        self.org_names: dict[int, str] = {}
        self.org_level: dict[int, str | None] = {}
        self.orgs_by_cluster: dict[int, list[int]] = defaultdict(list)
        self.partners: list[int] = []
        self.people: list[_Person] = []
        self.by_cluster: dict[int, list[_Person]] = defaultdict(list)
        self.weights: dict[int, list[float]] = {}
        self.staff: dict[int, list[int]] = defaultdict(list)  # organisation → current people
        self.brokers: list[_Person] = []
        self.owned: set[int] = set()
        self.agenda_keys: list[str] = []
        self.theme_keys: list[str] = []
        self.dossier_keys: list[str] = []
        self.theme_agenda: dict[int, int] = {}
        self.node_count = 0

    # Rows and pairs

    def add(self, target: Any, **values: Any) -> None:
        """One row for ``target`` (a model class or an association table)."""
        table: Table = getattr(target, "__table__", target)
        self.rows[table.name].append(values)

    def tracked(self) -> dict[str, Any]:
        """The bookkeeping columns of an editable row."""
        return {"created_at": self.stamp, "updated_at": self.stamp, "version": 1}

    def pair(self, a: str, b: str) -> None:
        """Two nodes are tied (the graph adds up the ties of one pair into one edge)."""
        if a != b:
            self.pairs.add((a, b) if a < b else (b, a))

    @staticmethod
    def stakeholder(key: str) -> dict[str, int | None]:
        """The person_id / organisation_id columns of a stakeholder key."""
        kind, ident = key.split(":")
        return {
            "person_id": int(ident) if kind == "person" else None,
            "organisation_id": int(ident) if kind == "organisation" else None,
        }

    def helix_of(self, key: str) -> str:
        """The helix of a person's cluster or of an organisation."""
        kind, ident = key.split(":")
        if kind == "organisation":
            return self.clusters[self.orgs[int(ident)]][0]
        return self.clusters[self.people[int(ident) - 1].cluster][0]

    # Structure

    def team(self) -> None:
        """The officers of the collaboration."""
        for i, name in enumerate(v.TEAM, start=1):
            email = name.lower().replace(" ", ".") + "@techzone.example"
            self.add(TeamMember, id=i, name=name, email=email, active=True, **self.tracked())
        self.node_count += len(v.TEAM)

    def _org_name(self, oid: int, helix: str, level: str | None, town: str) -> str:
        rng = self.rng
        word = rng.choice(v.ORG_WORDS)
        if helix == "government":
            base = {
                "municipality": f"Gemeente {town}",
                "province": f"Provincie – {town}",
                "national": f"Ministerie – directie {word}",
                "northern_netherlands": f"Samenwerkingsverband Noord-Nederland – {word}",
                "eu": f"Europese Commissie – {word}",
            }[level or "municipality"]
        elif helix == "business":
            base = f"{word}{rng.choice(v.BUSINESS_SUFFIXES)} {rng.choice(v.BUSINESS_FORMS)}"
        elif helix == "education":
            base = f"{rng.choice(v.EDUCATION_FORMS)} {word} {town}"
        else:
            base = f"{rng.choice(v.CIVIL_FORMS)} {word} {town}"
        return f"{base} ({oid})"

    def organisations(self) -> None:
        """Organisations in clusters by helix and region; a few are partners."""
        rng = self.rng
        fixed = len(v.TEAM) + self.agenda_count + self.themes_total + self.dossier_count
        left = self.n_nodes - fixed
        count = max(len(self.clusters), left // 8)
        for oid in range(1, count + 1):
            c = oid - 1 if oid <= len(self.clusters) else rng.randrange(len(self.clusters))
            self.organisation_row(oid, c)
        self.node_count += count + self.agenda_count + self.themes_total + self.dossier_count
        self._people_left = left - count

    def organisation_row(self, oid: int, c: int) -> None:
        """One organisation of cluster ``c`` with its sectors; a few are partners."""
        rng = self.rng
        helix, region = self.clusters[c]
        town = rng.choice(v.REGIONS[region])
        level = None
        if helix == "government":
            level = rng.choice(v.LEVELS) if rng.random() < 0.95 else v.LEVELS_RARE[0]
        name = self._org_name(oid, helix, level, town)
        partner = rng.random() < 0.05
        self.add(
            Organisation,
            id=oid,
            name=name,
            short_name="",
            sort_name=fold(name)[:200],
            helix=helix,
            government_level=level,
            region=region,
            website="",
            street="",
            postal_code="",
            city=town,
            is_partner=partner,
            notes="",
            parent_id=None,
            **self.tracked(),
        )
        if helix in ("business", "education"):
            for sector in rng.sample(v.SECTORS, 1 if rng.random() < 0.7 else 2):
                self.add(OrganisationSector, organisation_id=oid, sector=sector)
        self.orgs[oid] = c
        self.org_names[oid] = name
        self.org_level[oid] = level
        self.orgs_by_cluster[c].append(oid)
        if partner:
            self.partners.append(oid)

    def structure_people(self) -> None:
        """People with a current role (and some a former one), e-mail and phone."""
        rng = self.rng
        org_ids = list(self.orgs)
        # Organisation sizes are skewed: a few large employers, many small ones.
        org_weights = [rng.paretovariate(1.2) for _ in org_ids]
        for pid in range(1, self._people_left + 1):
            oid = rng.choices(org_ids, weights=org_weights)[0]
            c = self.orgs[oid]
            person = _Person(pid, c, oid, rng.paretovariate(1.6), rng.random() < 0.02)
            self.people.append(person)
            self.by_cluster[c].append(person)
            self.staff[oid].append(pid)
            if person.broker:
                self.brokers.append(person)
            self.person_rows(pid, oid, self.clusters[c][0], org_ids)
        self.node_count += len(self.people)
        self.weights = {c: [p.hub for p in ps] for c, ps in self.by_cluster.items()}

    def person_rows(
        self, pid: int, oid: int, helix: str, former_from: Sequence[int], owner: int | None = None
    ) -> None:
        """A person's row with e-mail, maybe a phone, a current role at ``oid`` and maybe a
        former one at one of ``former_from``."""
        rng = self.rng
        given, prefix = rng.choice(v.GIVEN), rng.choice(v.PREFIXES)
        family = rng.choice(v.FAMILY)
        self.add(
            Person,
            id=pid,
            given_name=given,
            name_prefix=prefix,
            family_name=family,
            title=rng.choice(v.TITLES),
            notes="",
            sort_name=person_sort_key(family, given, prefix)[:240],
            owner_id=owner,
            backup_owner_id=None,
            do_not_contact=rng.random() < 0.01,
            contact_interval_days=None,
            **self.tracked(),
        )
        mailbox = f"{given}.{prefix}{family}".lower().replace(" ", "").replace("é", "e")
        self.add(
            EmailAddress, person_id=pid, address=f"{mailbox}.{pid}@example.org", kind="work",
            position=0,
        )  # fmt: skip
        if rng.random() < 0.6:
            number = f"+3161{rng.randrange(10**7):07d}"
            self.add(PhoneNumber, person_id=pid, number=number, kind="mobile", position=0)
        self._affiliation(pid, oid, rng.choice(v.ROLES[helix]), years_ago=rng.randint(0, 12))
        self.pair(f"person:{pid}", f"organisation:{oid}")
        if rng.random() < 0.1:
            former = rng.choice(former_from)
            if former != oid:
                self._affiliation(pid, former, rng.choice(v.ROLES[helix]), ended=True)
                self.pair(f"person:{pid}", f"organisation:{former}")

    def _affiliation(
        self, pid: int, oid: int, role: str, *, years_ago: int = 0, ended: bool = False
    ) -> None:
        start = self.today - timedelta(days=365 * years_ago + self.rng.randint(0, 364))
        end = None
        if ended:
            end = self.today - timedelta(days=self.rng.randint(60, 2000))
            start = end - timedelta(days=self.rng.randint(200, 3000))
        self.add(
            Affiliation,
            person_id=pid,
            organisation_id=oid,
            role=role,
            start_date=start,
            end_date=end,
            notes="",
            **self.tracked(),
        )

    # Who is where

    def government_at(self, level: str) -> int | None:
        """A government organisation at that level (the body that sets an agenda)."""
        found = [o for o, lvl in self.org_level.items() if lvl == level]
        return self.rng.choice(found) if found else None

    def person_at(self, oid: int) -> int | None:
        """Someone who works at ``oid`` now."""
        staff = self.staff.get(oid)
        return self.rng.choice(staff) if staff else None

    def orgs_near(self, oid: int) -> list[int]:
        """Organisations an organisation deals with: mostly its own cluster."""
        if self.rng.random() < 0.2:
            return list(self.orgs)
        return self.orgs_by_cluster[self.orgs[oid]]

    def pick(self, cluster: int) -> _Person:
        """Someone of that cluster, hubs more often."""
        if cluster not in self.by_cluster:
            cluster = self.rng.choice(list(self.by_cluster))
        return self.rng.choices(self.by_cluster[cluster], weights=self.weights[cluster])[0]

    def partner_cluster(self, person: _Person) -> int:
        """The cluster of someone this person meets: brokers reach out far more often."""
        chance = 0.5 if person.broker else 0.04
        if self.rng.random() < chance:
            return self.rng.choice(list(self.by_cluster))
        return person.cluster

    # Owners and assessments

    def ownership(self) -> None:
        """The best-connected twentieth get an owner in the team; some also a backup."""
        rng = self.rng
        ranked = sorted(self.people, key=lambda p: (-p.hub, p.id))
        rows = {row["id"]: row for row in self.rows[Person.__tablename__]}
        for person in ranked[: max(1, len(ranked) // 20)]:
            owner = rng.randint(1, len(v.TEAM))
            rows[person.id]["owner_id"] = owner
            self.owned.add(person.id)
            self.pair(f"team_member:{owner}", f"person:{person.id}")
            if rng.random() < 0.4:
                backup = rng.choice([m for m in range(1, len(v.TEAM) + 1) if m != owner])
                rows[person.id]["backup_owner_id"] = backup
                self.pair(f"team_member:{backup}", f"person:{person.id}")

    def _assessment(self, key: str, on: date, power: int, interest: int) -> None:
        rng = self.rng
        self.add(
            Assessment,
            assessed_on=on,
            dossier_id=None,
            assessed_by_id=rng.randint(1, len(v.TEAM)),
            power=power,
            interest=interest,
            has_power=power >= 4,
            has_legitimacy=rng.random() < 0.6,
            has_urgency=rng.random() < 0.3,
            attitude=rng.randint(-2, 2),
            agreement=rng.randint(1, 5),
            trust=rng.randint(1, 5),
            engagement_current=rng.choice(("inform", "consult", "involve")),
            engagement_desired=rng.choice(("consult", "involve", "collaborate")),
            note="",
            **self.stakeholder(key),
            **self.tracked(),
        )

    def assessments(self) -> None:
        """Two in five people (and every owned one) and a fifth of the organisations are
        assessed; a third of those twice, so that the grid shows movement."""
        rng = self.rng
        keys = [
            f"person:{p.id}" for p in self.people if p.id in self.owned or rng.random() < 0.4
        ] + [f"organisation:{o}" for o in self.orgs if rng.random() < 0.2]
        for key in keys:
            hubby = key.startswith("person:") and self.people[int(key[7:]) - 1].hub > 4
            power = min(5, rng.randint(1, 5) + (1 if hubby else 0))
            interest = rng.randint(1, 5)
            on = self.today - timedelta(days=rng.randint(0, 300))
            if rng.random() < 0.33:
                before_p = min(5, max(1, power + rng.choice((-2, -1, 1))))
                before_i = min(5, max(1, interest + rng.choice((-1, 0, 1))))
                self._assessment(key, on - timedelta(days=rng.randint(90, 400)), before_p, before_i)
            self._assessment(key, on, power, interest)
