"""A generated stakeholder network with the shape of a real one, for benchmarks and tests.

Organisations and their people fall in clusters by helix and region; inside a cluster a few hubs
know many people, and a few brokers also know people in other clusters. The team meets people,
owns some relationships, and agendas, themes and dossiers have stakeholders linked to them.
Everything is drawn from one seeded random generator: the same arguments give the same network.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from techzone_crm.analysis.model import NetworkData, Node, NodeKind, Tie, TieKind, node_key

HELICES = ("government", "business", "education", "civil_society")
LEVELS = ("municipality", "province", "national", "northern_netherlands", "eu")
AGENDA_LEVELS = ("national", "province", "northern_netherlands", "eu", "own")
SECTORS = ("htsm", "logistics", "chemistry", "other")
REGIONS = ("Groningen", "Drenthe", "Fryslân", "Twente", "Randstad")
ROLES = ("decides", "influences", "funds", "implements", "benefits")
RELATIONS = ("works_with", "advises", "reports_to", "member_of", "partner_of")
INTERACTION_KINDS = ("meeting", "meeting", "call", "email", "email", "event", "working_visit")
SALIENCES = ("definitive", "dominant", "dangerous", "dependent", "dormant", "discretionary")


@dataclass
class _Person:
    key: str
    cluster: int
    org: str
    hub: float
    broker: bool
    attrs: dict[str, object] = field(default_factory=dict)


def _quadrant(power: int, interest: int) -> str:
    high_power, high_interest = power >= 4, interest >= 4
    if high_power:
        return "key_player" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


class _Generator:
    def __init__(self, nodes: int, ties: int, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.n_nodes = nodes
        self.n_ties = ties
        self.nodes: list[Node] = []
        self.ties: list[Tie] = []
        self.team = [node_key(NodeKind.TEAM_MEMBER, i) for i in range(1, 7)]
        self.clusters = [(h, r) for h in HELICES for r in REGIONS]
        self.people: list[_Person] = []
        self.by_cluster: dict[int, list[_Person]] = {}
        self.org_cluster: dict[str, int] = {}
        self.orgs_by_cluster: dict[int, list[str]] = {}
        self.last_contact: dict[str, date] = {}
        self.owner: dict[str, str] = {}

    def run(self) -> NetworkData:
        self._structure()
        self._stakeholders()
        self._agenda_links()
        self._ownership()
        self._relationships_and_interactions()
        self._finish_people()
        return NetworkData(today=self.today, nodes=self.nodes, ties=self.ties)

    def _structure(self) -> None:
        for i, key in enumerate(self.team, start=1):
            self.nodes.append(Node(key, NodeKind.TEAM_MEMBER, f"Team member {i}"))
        self.agendas: list[str] = []
        self.themes: list[str] = []
        own: list[str] = []
        theme_id = 0
        for a in range(1, 9):
            level = AGENDA_LEVELS[(a - 1) % len(AGENDA_LEVELS)]
            key = node_key(NodeKind.AGENDA, a)
            self.agendas.append(key)
            self.nodes.append(Node(key, NodeKind.AGENDA, f"Agenda {a}", level=level))
            for t in range(4):
                theme_id += 1
                theme = node_key(NodeKind.THEME, theme_id)
                self.themes.append(theme)
                self.nodes.append(Node(theme, NodeKind.THEME, f"Theme {a}.{t + 1}", level=level))
                self.ties.append(Tie(theme, key, TieKind.THEME))
                if level == "own":
                    own.append(theme)
        external = [t for t in self.themes if t not in own]
        for theme in own:
            self.ties.append(Tie(theme, self.rng.choice(external), TieKind.ALIGNMENT))
        self.dossiers = [node_key(NodeKind.DOSSIER, d) for d in range(1, 11)]
        for d, key in enumerate(self.dossiers, start=1):
            self.nodes.append(Node(key, NodeKind.DOSSIER, f"Dossier {d}"))
            self.ties.append(Tie(key, self.rng.choice(self.themes), TieKind.DOSSIER_AGENDA))

    def _stakeholders(self) -> None:
        rng = self.rng
        left = self.n_nodes - len(self.nodes)
        n_orgs = max(len(self.clusters), left // 8)
        for o in range(1, n_orgs + 1):
            cluster = (o - 1) % len(self.clusters) if o <= len(self.clusters) else None
            c = rng.randrange(len(self.clusters)) if cluster is None else cluster
            helix, region = self.clusters[c]
            key = node_key(NodeKind.ORGANISATION, o)
            self.org_cluster[key] = c
            self.orgs_by_cluster.setdefault(c, []).append(key)
            level = rng.choice(LEVELS) if helix == "government" else None
            sectors = (rng.choice(SECTORS),) if helix == "business" else ()
            self.nodes.append(
                Node(
                    key,
                    NodeKind.ORGANISATION,
                    f"{helix.title()} organisation {o} ({region})",
                    helix=helix,
                    level=level,
                    sectors=sectors,
                )
            )
        orgs = list(self.org_cluster)
        for p in range(1, left - n_orgs + 1):
            org = rng.choice(orgs)
            c = self.org_cluster[org]
            person = _Person(
                node_key(NodeKind.PERSON, p),
                c,
                org,
                hub=rng.paretovariate(1.6),
                broker=rng.random() < 0.02,
            )
            self.people.append(person)
            self.by_cluster.setdefault(c, []).append(person)
            self.ties.append(Tie(person.key, org, TieKind.AFFILIATION, relation="member"))
            if rng.random() < 0.1:
                former = rng.choice(orgs)
                if former != org:
                    self.ties.append(Tie(person.key, former, TieKind.AFFILIATION, current=False))
        self.weights = {c: [p.hub for p in ps] for c, ps in self.by_cluster.items()}

    def _agenda_links(self) -> None:
        rng = self.rng
        targets = self.agendas + self.themes
        for person in rng.sample(self.people, min(len(self.people), self.n_nodes // 10)):
            helix = self.clusters[person.cluster][0]
            role = "decides" if helix == "government" and rng.random() < 0.5 else rng.choice(ROLES)
            self.ties.append(
                Tie(person.key, rng.choice(targets), TieKind.AGENDA_LINK, relation=role)
            )
        for org in rng.sample(list(self.org_cluster), min(len(self.org_cluster), 60)):
            self.ties.append(
                Tie(org, rng.choice(targets), TieKind.AGENDA_LINK, relation=rng.choice(ROLES))
            )
        for person in rng.sample(self.people, min(len(self.people), self.n_nodes // 25)):
            position = rng.randint(-2, 2)
            self.ties.append(
                Tie(person.key, rng.choice(self.dossiers), TieKind.POSITION, strength=position)
            )

    def _ownership(self) -> None:
        ranked = sorted(self.people, key=lambda p: -p.hub)
        for person in ranked[: max(1, len(ranked) // 20)]:
            member = self.rng.choice(self.team)
            self.owner[person.key] = member
            self.ties.append(Tie(member, person.key, TieKind.OWNERSHIP, by=member))

    def _pick(self, cluster: int) -> _Person:
        return self.rng.choices(self.by_cluster[cluster], weights=self.weights[cluster])[0]

    def _partner_cluster(self, person: _Person) -> int:
        chance = 0.5 if person.broker else 0.04
        if self.rng.random() < chance:
            return self.rng.choice(list(self.by_cluster))
        return person.cluster

    def _relationships_and_interactions(self) -> None:
        rng = self.rng
        brokers = [p for p in self.people if p.broker]
        while len(self.ties) < self.n_ties:
            if rng.random() < 0.6:
                a = rng.choice(brokers) if brokers and rng.random() < 0.1 else None
                a = a or self._pick(rng.choice(list(self.by_cluster)))
                b = self._pick(self._partner_cluster(a))
                if a.key != b.key:
                    self.ties.append(
                        Tie(
                            a.key,
                            b.key,
                            TieKind.RELATIONSHIP,
                            strength=rng.randint(1, 5),
                            relation=rng.choice(RELATIONS),
                        )
                    )
                continue
            self._interaction()

    def _interaction(self) -> None:
        rng = self.rng
        member = rng.choice(self.team)
        first = self._pick(rng.choice(list(self.by_cluster)))
        attendees = {first.key: first}
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            other = self._pick(self._partner_cluster(first))
            attendees[other.key] = other
        on = self.today - timedelta(days=int(rng.expovariate(1 / 150)))
        kind = rng.choice(INTERACTION_KINDS)
        keys = sorted(attendees)
        for i, a in enumerate(keys):
            self.ties.append(Tie(member, a, TieKind.INTERACTION, relation=kind, on=on, by=member))
            if on > self.last_contact.get(a, date.min):
                self.last_contact[a] = on
            for b in keys[i + 1 :]:
                self.ties.append(Tie(a, b, TieKind.INTERACTION, relation=kind, on=on, by=member))

    def _finish_people(self) -> None:
        rng = self.rng
        labels = {n.key: n.label for n in self.nodes}
        for i, person in enumerate(self.people, start=1):
            helix = self.clusters[person.cluster][0]
            power = interest = None
            quadrant = salience = None
            attitude = None
            if rng.random() < 0.4 or person.key in self.owner:
                power, interest = rng.randint(1, 5), rng.randint(1, 5)
                quadrant = _quadrant(power, interest)
                salience = rng.choice(SALIENCES) if rng.random() < 0.5 else None
                attitude = rng.randint(-2, 2)
            last = self.last_contact.get(person.key)
            days = None if last is None else (self.today - last).days
            owner = self.owner.get(person.key)
            self.nodes.append(
                Node(
                    person.key,
                    NodeKind.PERSON,
                    f"Person {i}",
                    helix=helix,
                    organisation=labels[person.org],
                    role="Hub" if person.hub > 6 else ("Broker" if person.broker else "Member"),
                    owner="" if owner is None else labels[owner],
                    owner_key=owner,
                    power=power,
                    interest=interest,
                    quadrant=quadrant,
                    salience=salience,
                    attitude=attitude,
                    days_since_contact=days,
                    overdue=quadrant == "key_player" and (days is None or days > 42),
                )
            )


def generate_network(
    nodes: int = 5000, ties: int = 25000, *, seed: int = 0, today: date = date(2025, 6, 2)
) -> NetworkData:
    """A clustered stakeholder network of about ``nodes`` nodes and ``ties`` raw ties."""
    if nodes < 100:
        raise ValueError(f"a generated network needs at least 100 nodes, not {nodes}")
    return _Generator(nodes, ties, seed, today).run()
