"""Example relationships: who works with, advises and reports to whom; who funds and joins what.

Between organisations they come from ``resources/demo/relationships.json``: the partners of
the collaboration, associations of governments, funding lines, education–business partnerships,
and companies in the business clubs, sector associations and clusters of their region and
sector. Between people they are drawn from the example people's current roles, so the network
has the shape of a real one: staff report to the head of their organisation and departments
to the head above them, colleagues work together, most other ties stay within a helix (clusters
of government, business, education and civil society), and a few brokers – the programme
office, the practice centre, the lectorate, knowledge institutes, employers – advise and work
with people across the helices. Everything goes through the services.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, RelationshipKind
from techzone_crm.paths import resource
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.demo_specs import DEMO_FOLDER, DemoBook, OrgSpec, load_book
from techzone_crm.services.relationships import RelationshipData, add_relationship

#: How often :func:`load_relationships` calls its ``step`` callback.
RELATIONSHIP_STEPS = 2

# Elected and representative bodies: their members report to nobody there.
_NO_HIERARCHY = frozenset(
    {
        "council",
        "provincial_council",
        "provincial_executive",
        "parliament",
        "european_parliament",
        "committee_of_the_regions",
        "media",
        "board",
        "collaboration",
    }
)
#: Organisations whose staff connect the helices, and how many of their people do.
_BROKERS: dict[str, int] = {
    "dtz-bureau": 3,
    "regiodeal": 1,
    "tc-zod": 1,
    "nhl-emmen": 2,
    "psp": 1,
    "vno": 1,
    "nom": 1,
    "wsp": 1,
}
REPORTS_SHARE = 0.6  # staff who report to the head of their organisation
DEPARTMENT_SHARE = 0.8  # heads of a part who report to the head above them
COLLEAGUE_SHARE = 0.2  # people who name a close colleague
SAME_HELIX_SHARE = 0.3  # people with a tie elsewhere in their own helix
NEARBY_SHARE = 0.7  # of those: in the same region or sector
DATED_SHARE = 0.8  # relationships whose start is known
_NOTES = [
    "Kennen elkaar uit het Techniekpact Drenthe.",
    "Oud-collega's.",
    "Zitten samen in de werkgroep arbeidsmarkt.",
    "Overleggen maandelijks.",
    "Samen in de stuurgroep van de Regio Deal.",
]


@dataclass(frozen=True)
class _Role:
    person: int
    org: str
    role: str
    start: date | None


@dataclass
class _People:
    """The example people's current roles, by organisation key."""

    book: DemoBook
    specs: dict[str, OrgSpec]
    org_ids: dict[str, int]
    staff: dict[str, list[_Role]] = field(default_factory=dict)
    main: dict[int, _Role] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, book: DemoBook, today: date) -> _People:
        specs = {o.key: o for o in book.organisations}
        keys = {o.name: o.key for o in book.organisations}
        ids = {
            keys[name]: ident
            for ident, name in session.execute(select(Organisation.id, Organisation.name))
            if name in keys
        }
        found = cls(book, specs, ids)
        stmt = (
            select(
                Affiliation.person_id, Organisation.name, Affiliation.role, Affiliation.start_date
            )
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
            .where(is_current(today))
            .order_by(Affiliation.id)
        )
        for person, name, role, start in session.execute(stmt):
            if name not in keys:
                continue
            r = _Role(person, keys[name], role, start)
            found.staff.setdefault(r.org, []).append(r)
            if r.org != book.board_org:  # a board seat is a second role
                found.main.setdefault(person, r)
        return found

    def helix(self, person: int) -> str:
        return self.specs[self.main[person].org].helix

    def leads(self, org: str) -> set[str]:
        kind = self.book.kinds.get(self.specs[org].kind)
        return {title for place in kind.lead for title in place} if kind else set()

    def head(self, org: str) -> int | None:
        """Who holds the last lead place (the director, the secretary-general …)."""
        kind = self.book.kinds.get(self.specs[org].kind)
        if kind is None or not kind.lead:
            return None
        return next((r.person for r in self.staff.get(org, []) if r.role in kind.lead[-1]), None)


class _Maker:
    """Adds relationships through the service, at most one per pair."""

    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.session = session
        self.rng = rng
        self.today = today
        self.pairs: set[tuple[str, int, int]] = set()
        self.count = 0

    def _started(self, *starts: date | None) -> date | None:
        if self.rng.random() >= DATED_SHARE:
            return None
        day = self.today - timedelta(days=self.rng.randint(60, 3000))
        known = [s for s in starts if s is not None]
        return min(self.today, max([day, *known]))

    def add(
        self,
        kind: RelationshipKind,
        a: int,
        b: int,
        strength: int,
        *,
        people: bool = True,
        starts: tuple[date | None, ...] = (),
    ) -> None:
        pair = ("p" if people else "o", min(a, b), max(a, b))
        if a == b or pair in self.pairs:
            return
        self.pairs.add(pair)
        note = self.rng.choice(_NOTES) if people and self.rng.random() < 0.1 else ""
        make = RelationshipData.people if people else RelationshipData.organisations
        data = make(kind, a, b, strength, note=note, started_on=self._started(*starts))
        add_relationship(self.session, data, today=self.today)
        self.count += 1


def _read() -> dict[str, Any]:
    with resource(DEMO_FOLDER, "relationships.json").open(encoding="utf-8") as stream:
        data: dict[str, Any] = json.load(stream)
    return data


def _organisations(make: _Maker, d: _People, spec: dict[str, Any]) -> None:
    for kind, a, b, strength in spec["organisations"]:
        make.add(RelationshipKind(kind), d.org_ids[a], d.org_ids[b], strength, people=False)
    companies = [o for o in d.book.organisations if o.helix == "business"]
    for rule in spec["memberships"]:
        regions, sectors = set(rule.get("regions", ())), set(rule.get("sectors", ()))
        for company in companies:
            if regions and company.region not in regions:
                continue
            if sectors and not sectors & set(company.sectors):
                continue
            if make.rng.random() < rule["share"]:
                strength = make.rng.choice([2, 3, 3, 4])
                club = d.org_ids[rule["of"]]
                make.add(
                    RelationshipKind.MEMBER_OF, d.org_ids[company.key], club, strength, people=False
                )


def _hierarchy(make: _Maker, d: _People) -> None:
    """Staff report to the head of their organisation; heads of parts to the head above."""
    rng = make.rng
    for org, staff in d.staff.items():
        spec = d.specs[org]
        if spec.kind in _NO_HIERARCHY:
            continue
        head, leads = d.head(org), d.leads(org)
        for r in staff:
            if head is not None and r.role not in leads and rng.random() < REPORTS_SHARE:
                make.add(RelationshipKind.REPORTS_TO, r.person, head, rng.choice([3, 3, 4, 5]))
        parent = spec.parent
        if head is not None and parent and d.specs[parent].kind not in _NO_HIERARCHY:
            above = d.head(parent)
            if above is not None and rng.random() < DEPARTMENT_SHARE:
                make.add(RelationshipKind.REPORTS_TO, head, above, rng.choice([3, 4, 4, 5]))


def _colleagues(make: _Maker, d: _People) -> None:
    """Close colleagues at one organisation, and ties elsewhere in the same helix."""
    rng = make.rng
    for staff in d.staff.values():
        for r in staff:
            if len(staff) > 1 and rng.random() < COLLEAGUE_SHARE:
                other = rng.choice([s for s in staff if s.person != r.person])
                make.add(RelationshipKind.WORKS_WITH, r.person, other.person, rng.randint(2, 4))
    by_helix: dict[str, list[_Role]] = {}
    for r in d.main.values():
        by_helix.setdefault(d.specs[r.org].helix, []).append(r)
    for person, r in sorted(d.main.items()):
        if rng.random() >= SAME_HELIX_SHARE:
            continue
        spec = d.specs[r.org]
        elsewhere = [o for o in by_helix[spec.helix] if o.org != r.org]
        near = [
            o
            for o in elsewhere
            if d.specs[o.org].region == spec.region
            or set(d.specs[o.org].sectors) & set(spec.sectors)
        ]
        pool = near if near and rng.random() < NEARBY_SHARE else elsewhere
        if pool:
            other = rng.choice(pool)
            strength = rng.choice([1, 2, 2, 3, 3, 4])
            make.add(
                RelationshipKind.WORKS_WITH,
                person,
                other.person,
                strength,
                starts=(r.start, other.start),
            )


def _brokers(make: _Maker, d: _People) -> None:
    """A few people who advise and work with people in the other helices."""
    rng = make.rng
    decision_makers = sorted(p for p, r in d.main.items() if r.role in d.leads(r.org))
    for org, n in _BROKERS.items():
        for broker in d.staff.get(org, [])[:n]:
            helix = d.helix(broker.person)
            others = [p for p in decision_makers if d.helix(p) != helix]
            for p in rng.sample(others, min(len(others), rng.randint(3, 6))):
                make.add(RelationshipKind.ADVISES, broker.person, p, rng.randint(2, 5))
            wider = sorted(p for p in d.main if d.helix(p) != helix)
            for p in rng.sample(wider, min(len(wider), rng.randint(2, 3))):
                make.add(RelationshipKind.WORKS_WITH, broker.person, p, rng.randint(2, 4))
    board = d.staff.get(d.book.board_org, [])
    secretary = next((r for r in board if r.role.startswith("secretaris")), None)
    for r in board:
        if secretary is not None:
            make.add(RelationshipKind.WORKS_WITH, secretary.person, r.person, rng.randint(3, 4))
        if rng.random() < 0.4:
            other = rng.choice([s for s in board if s.person != r.person])
            make.add(RelationshipKind.WORKS_WITH, r.person, other.person, rng.randint(2, 4))


def load_relationships(
    session: Session, rng: random.Random, today: date, step: Callable[[], None]
) -> int:
    """Add the example relationships on top of the example people; returns how many."""
    book = load_book()
    d = _People.read(session, book, today)
    make = _Maker(session, rng, today)
    _organisations(make, d, _read())
    step()
    _hierarchy(make, d)
    _colleagues(make, d)
    _brokers(make, d)
    step()
    return make.count
