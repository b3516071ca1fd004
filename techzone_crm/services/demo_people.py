"""Planning the invented people of the example data: names, roles over time, contacts, tags.

Everything here is pure (no database): the same random generator, data files and ``today``
give the same plan, which :mod:`techzone_crm.services.demo` then stores through the services.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from techzone_crm.db.models import PhoneKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation
from techzone_crm.services.demo_specs import DemoBook, DemoDataError, OrgSpec, When
from techzone_crm.text import fold

# Proportions of the generated data set.
FORMER_SHARE = 0.22  # people with an earlier role (elsewhere, or a lower one at the same place)
SAME_ORG_SHARE = 0.3  # of those: promoted within the same organisation
SAME_HELIX_SHARE = 0.6  # of the others: the earlier place is in the same helix
SIDE_JOB_KINDS = ("council", "provincial_council")
SIDE_JOB_SHARE = 0.4  # elected members with a day job elsewhere (a second current role)
SIDE_JOB_HELICES = ("business", "education", "civil_society")
UNKNOWN_START_SHARE = 0.07  # roles whose start nobody noted
UNOWNED_SHARE = 0.12  # people not yet assigned to an officer, so that the gap can be seen
EMAIL_SHARE = 0.93
SECOND_EMAIL_SHARE = 0.5
MOBILE_SHARE = 0.75
LANDLINE_SHARE = 0.55
OTHER_TITLE_SHARE = 0.1
SAME_ORIGIN_GIVEN_SHARE = 0.85
MAIL_STYLES = {"first.last": 50, "f.last": 35, "firstlast": 15}
YEAR = 365.25

_LEGAL_FORM = re.compile(r"\b(b\.v\.|gmbh|u\.a\.)", re.IGNORECASE)


@dataclass(frozen=True)
class RolePlan:
    """One affiliation to create."""

    org: str
    role: str
    start: date | None
    end: date | None = None


@dataclass
class PersonPlan:
    """One person to create; ``roles[0]`` is the main, current role."""

    given: str
    family: str
    prefix: str = ""
    title: str = ""
    notes: str = ""
    roles: list[RolePlan] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, PhoneKind]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    owner: int | None = None  # index into the team
    fixed: bool = False


def slug(text: str) -> str:
    """A lower-case ASCII label for a domain name: "Drentse Energiecoöperatie U.A." → …."""
    bare = _LEGAL_FORM.sub(" ", fold(text))
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")


def mail_domain(org: OrgSpec, orgs: dict[str, OrgSpec]) -> str:
    """The invented mail domain of ``org``: its own, its parent's, or one made from its name.

    Every domain ends in the reserved top-level domain ``.example``, so no address in the
    example data can belong to a real person.
    """
    node: OrgSpec | None = org
    while node is not None:
        if node.mail:
            return node.mail
        node = orgs[node.parent] if node.parent else None
    return f"{slug(org.name)}.example"


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", fold(text))


def _has_roles(book: DemoBook, org: OrgSpec) -> bool:
    kind = book.kinds[org.kind]
    return kind.staff > 0 and bool(kind.other or kind.lead)


def plan_people(rng: random.Random, book: DemoBook, today: date) -> list[PersonPlan]:
    """The people of the example data, in the order they are to be stored."""
    return _Planner(rng, book, today).plan()


class _Planner:
    """Builds the plan in steps; each step draws from the one generator in a fixed order."""

    def __init__(self, rng: random.Random, book: DemoBook, today: date) -> None:
        self.rng = rng
        self.book = book
        self.today = today
        self.orgs = {o.key: o for o in book.organisations}
        self.people: list[PersonPlan] = []
        self.lead_holders: dict[tuple[str, int], int] = {}
        self.names_taken: set[tuple[str, str, str]] = set()
        self.mail_styles: dict[str, str] = {}
        self.addresses: set[str] = set()
        # Organisations where people can have worked (not merged or purely formal ones).
        self.staffed = [o for o in book.organisations if _has_roles(book, o)]

    def plan(self) -> list[PersonPlan]:
        fixed_places = self._fixed_people()
        self._staff(fixed_places)
        self._side_jobs()
        self._careers()
        self._board()
        for person in self.people:
            self._contacts(person)
            self._tags(person)
            self._owner(person)
        return self.people

    # Dates -----------------------------------------------------------------------------

    def _when(self, value: When | None) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return self.today - timedelta(days=round(value * YEAR))

    def _days_ago(self, least: int, most: int) -> date:
        return self.today - timedelta(days=self.rng.randint(least, most))

    # Who works where -------------------------------------------------------------------

    def _fixed_people(self) -> Counter[str]:
        places: Counter[str] = Counter()
        for spec in self.book.fixed:
            roles = [
                RolePlan(r.org, r.role, self._when(r.start), self._when(r.end)) for r in spec.roles
            ]
            if roles[0].end is not None:
                raise DemoDataError(f"people.json: {spec.given} {spec.family} needs a current role")
            person = PersonPlan(
                given=spec.given,
                family=spec.family,
                prefix=spec.prefix,
                title=spec.title,
                notes=spec.notes,
                roles=roles,
                tags=list(spec.tags),
                fixed=True,
            )
            for role in spec.roles:
                if role.end is None:
                    places[role.org] += 1
                    if role.lead is not None:
                        self.lead_holders[(role.org, role.lead)] = len(self.people)
            self.names_taken.add((spec.given, spec.prefix, spec.family))
            self.people.append(person)
        return places

    def _staff(self, fixed_places: Counter[str]) -> None:
        for org in self.book.organisations:
            kind = self.book.kinds[org.kind]
            wanted = (kind.staff if org.staff is None else org.staff) - fixed_places[org.key]
            places: list[tuple[int | None, str]] = []
            for i, options in enumerate(kind.lead):
                if (org.key, i) not in self.lead_holders and len(places) < wanted:
                    places.append((i, self.rng.choice(options)))
            while len(places) < wanted and kind.other:
                places.append((None, self.rng.choice(kind.other)))
            for lead, role in places:
                if lead is not None:
                    self.lead_holders[(org.key, lead)] = len(self.people)
                person = self._new_person(org)
                person.title = self._title(role)
                start = (
                    None
                    if self.rng.random() < UNKNOWN_START_SHARE
                    else self._days_ago(60, 12 * 365)
                )
                person.roles.append(RolePlan(org.key, role, start))
                self.people.append(person)

    def _new_person(self, org: OrgSpec) -> PersonPlan:
        names = self.book.names
        origin = self._origin(org)
        for _ in range(50):
            given_origin = origin
            if self.rng.random() >= SAME_ORIGIN_GIVEN_SHARE and "dutch" in names.given:
                given_origin = "dutch"
            given = self.rng.choice(names.given[given_origin])
            prefix, family = self.rng.choice(names.family[origin])
            if (given, prefix, family) not in self.names_taken:
                break
        self.names_taken.add((given, prefix, family))
        return PersonPlan(given=given, prefix=prefix, family=family)

    def _origin(self, org: OrgSpec) -> str:
        for rule in self.book.origins:
            if org.kind in rule.kinds or org.region in rule.regions:
                if self.rng.random() < rule.share:
                    return rule.origin
                break
        weights = self.book.names.weights
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _title(self, role: str) -> str:
        options = self.book.titles_by_role.get(role)
        if options:
            return self.rng.choice(options)
        if self.rng.random() < OTHER_TITLE_SHARE:
            return self.rng.choice(self.book.other_titles)
        return ""

    def _side_jobs(self) -> None:
        pool = [
            o for o in self.staffed if o.helix in SIDE_JOB_HELICES and self.book.kinds[o.kind].other
        ]
        for person in self.people:
            home = self.orgs[person.roles[0].org]
            if person.fixed or home.kind not in SIDE_JOB_KINDS:
                continue
            if self.rng.random() >= SIDE_JOB_SHARE:
                continue
            nearby = [o for o in pool if o.region == home.region] or pool
            org = self.rng.choice(nearby)
            role = self.rng.choice(self.book.kinds[org.kind].other)
            person.roles.append(RolePlan(org.key, role, self._days_ago(365, 15 * 365)))

    def _careers(self) -> None:
        for person in self.people:
            if not person.fixed and not self._historic_past(person):
                self._former_role(person)

    def _historic_past(self, person: PersonPlan) -> bool:
        """Roles at organisations that no longer exist; True if one replaced the usual past."""
        home = person.roles[0]
        org = self.orgs[home.org]
        parent = self.orgs[org.parent] if org.parent else None
        partner = org.partner or (parent is not None and parent.partner)
        replaced = False
        for past in self.book.historic:
            if home.org in past.successors and self.rng.random() < past.share:
                start = past.end - timedelta(days=self.rng.randint(2 * 365, 14 * 365))
                person.roles.append(
                    RolePlan(past.org, self.rng.choice(past.roles), start, past.end)
                )
                # The merger moved everyone across on one day.
                person.roles[0] = replace(home, start=past.end + timedelta(days=1))
                replaced = True
            elif past.partners and partner and self.rng.random() < past.share:
                first = past.start or past.end - timedelta(days=3 * 365)
                start = first + timedelta(days=self.rng.randint(0, 180))
                person.roles.append(
                    RolePlan(past.org, self.rng.choice(past.roles), start, past.end)
                )
        return replaced

    def _former_role(self, person: PersonPlan) -> None:
        home = person.roles[0]
        if home.start is None or self.rng.random() >= FORMER_SHARE:
            return
        org = self.orgs[home.org]
        kind = self.book.kinds[org.kind]
        lower = [r for r in kind.other if r != home.role]
        if lower and self.rng.random() < SAME_ORG_SHARE:
            former, role = org, self.rng.choice(lower)
        else:
            pool = [o for o in self.staffed if o.key != org.key]
            if self.rng.random() < SAME_HELIX_SHARE:
                pool = [o for o in pool if o.helix == org.helix] or pool
            former = self.rng.choice(pool)
            former_kind = self.book.kinds[former.kind]
            roles = former_kind.other or tuple(r for slot in former_kind.lead for r in slot)
            role = self.rng.choice(roles)
        end = home.start - timedelta(days=self.rng.randint(1, 120))
        start = end - timedelta(days=self.rng.randint(365, 8 * 365))
        person.roles.append(RolePlan(former.key, role, start, end))

    def _board(self) -> None:
        for seat in self.book.board:
            holder = self.lead_holders.get((seat.org, seat.lead))
            if holder is None:
                raise DemoDataError(
                    f"people.json: nobody holds lead place {seat.lead} at '{seat.org}' "
                    "for the Program Board"
                )
            person = self.people[holder]
            start = self._days_ago(180, 4 * 365)
            home_start = person.roles[0].start
            if home_start is not None and start < home_start:
                start = home_start
            person.roles.append(RolePlan(self.book.board_org, seat.role, start))

    # Contact details, tags, owner --------------------------------------------------------

    def _contacts(self, person: PersonPlan) -> None:
        current = [r for r in person.roles if r.end is None]
        if self.rng.random() < EMAIL_SHARE:
            person.emails.append(self._email(person, current[0].org))
        for role in current[1:]:
            if role.org != self.book.board_org and self.rng.random() < SECOND_EMAIL_SHARE:
                person.emails.append(self._email(person, role.org))
        if self.rng.random() < MOBILE_SHARE:
            mobile = self._phone(self._mobile)
            if mobile:
                person.phones.append((mobile, PhoneKind.MOBILE))
        code = self.book.area_codes.get(self.orgs[current[0].org].region)
        if code and self.rng.random() < LANDLINE_SHARE:
            landline = self._phone(lambda: self._landline(code))
            if landline:
                person.phones.append((landline, PhoneKind.WORK))

    def _email(self, person: PersonPlan, org_key: str) -> str:
        domain = mail_domain(self.orgs[org_key], self.orgs)
        if domain not in self.mail_styles:
            styles = list(MAIL_STYLES)
            self.mail_styles[domain] = self.rng.choices(styles, list(MAIL_STYLES.values()))[0]
        given = _ascii(person.given)
        family = _ascii(person.prefix + person.family)
        local = {
            "first.last": f"{given}.{family}",
            "f.last": f"{given[:1]}.{family}",
            "firstlast": f"{given}{family}",
        }[self.mail_styles[domain]]
        address, n = f"{local}@{domain}", 2
        while address in self.addresses:
            address, n = f"{local}{n}@{domain}", n + 1
        self.addresses.add(address)
        return address

    def _phone(self, make: Callable[[], str]) -> str:
        """A number from ``make`` that passes the phone validation (a few tries)."""
        for _ in range(10):
            number = make()
            try:
                validation.phone("phone", number)
            except ValidationError:
                continue
            return number
        return ""

    def _mobile(self) -> str:
        rest = str(self.rng.randint(10_000_000, 59_999_999))
        return [
            f"06-{rest}",
            f"06 {rest[:4]} {rest[4:]}",
            f"+31 6 {rest}",
            f"06{rest}",
        ][self.rng.randrange(4)]

    def _landline(self, code: str) -> str:
        # Dutch numbers have ten digits with the area code; Brussels 7 and German towns 6 after it.
        foreign = 7 if code.startswith("+32") else 6
        digits = foreign if code.startswith("+") else 10 - len(code)
        first = str(self.rng.randint(2, 9))
        rest = "".join(str(self.rng.randint(0, 9)) for _ in range(digits - 1))
        separator = "-" if not code.startswith("+") and self.rng.random() < 0.4 else " "
        return f"{code}{separator}{first}{rest}"

    def _tags(self, person: PersonPlan) -> None:
        current = [r for r in person.roles if r.end is None]
        org = self.orgs[current[0].org]
        tags = list(person.tags)
        for rule in self.book.tag_rules:
            matches = (
                (not rule.roles or any(r.role.startswith(rule.roles) for r in current))
                and (not rule.helix or org.helix in rule.helix)
                and (not rule.levels or org.level in rule.levels)
                and (not rule.sectors or any(s in rule.sectors for s in org.sectors))
                and (not rule.kinds or org.kind in rule.kinds)
            )
            if matches and self.rng.random() < rule.share:
                tags.append(rule.tag)
        if any(r.org == self.book.board_org for r in current):
            tags.insert(0, self.book.board_tag)
        person.tags = list(dict.fromkeys(tags))

    def _owner(self, person: PersonPlan) -> None:
        if self.rng.random() < UNOWNED_SHARE:
            return
        org = self.orgs[person.roles[0].org]
        team = self.book.team
        candidates = [i for i, t in enumerate(team) if org.level and org.level in t.covers]
        candidates = candidates or [i for i, t in enumerate(team) if org.helix in t.covers]
        if candidates:
            weights = [team[i].weight for i in candidates]
            person.owner = self.rng.choices(candidates, weights=weights)[0]
