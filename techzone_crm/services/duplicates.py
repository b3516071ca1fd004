"""Candidate duplicate people: similar names, shared e-mail addresses or phone numbers.

Comparing every pair would take hours on a large register, so candidates come from blocks:
people with the same family name (without the tussenvoegsel), neighbours in the order of
that name (typos such as "Jansen"/"Janssen"), and people who share an e-mail address or a
phone number. Only those pairs are scored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rapidfuzz import fuzz
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Affiliation,
    DistinctPeople,
    EmailAddress,
    Organisation,
    Person,
    PhoneNumber,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.common import fetch
from techzone_crm.services.validation import format_phone
from techzone_crm.text import fold, person_display_name

Progress = Callable[[int, int], None]

#: Pairs below this score are not worth showing.
DEFAULT_MIN_SCORE = 55
#: At most this many pairs come back, the best first.
DEFAULT_LIMIT = 1000
#: How many neighbours in family-name order are compared with each person.
WINDOW = 4
#: A block of one family name larger than this is split by the first given-name initial.
LARGE_BLOCK = 40

# Words that make up a tussenvoegsel, also when typed into the family name.
_PREFIX_WORDS = frozenset(
    "van de der den het t te ten ter in op v d vd la le du von zu s da dos di del".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Weights of the evidence; a pair scores at most 100.
_NAME_WEIGHT = 0.65
_EMAIL_POINTS = 35
_PHONE_POINTS = 25
_ORGANISATION_POINTS = 10
# A shared address or number is worth a look even when the names differ (a new surname,
# a nickname), so it scores at least this much on its own.
_EMAIL_FLOOR = 65
_PHONE_FLOOR = 60
#: Pairs found only through their names need at least this name similarity.
_NAME_ONLY_THRESHOLD = 80.0


class ReasonKind(StrEnum):
    """Why two people may be the same person."""

    SAME_NAME = "same_name"
    SIMILAR_NAME = "similar_name"
    INITIALS = "initials"
    SAME_EMAIL = "same_email"
    SAME_PHONE = "same_phone"
    SAME_ORGANISATION = "same_organisation"


_REASON_TEXT = {
    ReasonKind.SAME_NAME: "same name",
    ReasonKind.SIMILAR_NAME: "similar names ({detail}% alike)",
    ReasonKind.INITIALS: "the initials {detail} match the given name",
    ReasonKind.SAME_EMAIL: "same e-mail address {detail}",
    ReasonKind.SAME_PHONE: "same phone number {detail}",
    ReasonKind.SAME_ORGANISATION: "both work at {detail}",
}


@dataclass(frozen=True)
class Reason:
    """One reason, with what it is about (an address, a number, a percentage)."""

    kind: ReasonKind
    detail: str = ""

    @property
    def text(self) -> str:
        """The reason in plain English."""
        return _REASON_TEXT[self.kind].format(detail=self.detail)


@dataclass(frozen=True)
class PersonSummary:
    """Enough of a person to show and to merge it (the version guards the merge)."""

    id: int
    version: int
    name: str


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who may be one, with a score from 0 to 100 and the reasons."""

    person_a: PersonSummary
    person_b: PersonSummary
    score: int
    reasons: tuple[Reason, ...]

    def involves(self, person_id: int) -> bool:
        """True if either side is ``person_id``."""
        return person_id in (self.person_a.id, self.person_b.id)


@dataclass
class _Person:
    summary: PersonSummary
    given: tuple[str, ...]  # folded words of the given name
    family: str  # folded family name without the tussenvoegsel, letters only
    emails: set[str]
    phones: set[str]
    organisations: set[int]

    @property
    def initials_only(self) -> bool:
        return bool(self.given) and all(len(w) == 1 for w in self.given)


def family_key(name_prefix: str, family_name: str) -> str:
    """The family name without its tussenvoegsel, folded: "v.d. Berg" and "Berg" give "berg"."""
    words = _WORD.findall(fold(family_name))
    while len(words) > 1 and words[0] in _PREFIX_WORDS:
        words.pop(0)
    return "".join(words)


def _given_words(given_name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(given_name)))


def _given_similarity(a: _Person, b: _Person) -> tuple[float, Reason | None]:
    """How alike the given names are (0–100); initials count as a match of the full name."""
    if not a.given or not b.given:
        return 50.0, None  # unknown: neither for nor against
    if a.initials_only or b.initials_only:
        short, full = (a, b) if a.initials_only else (b, a)
        wanted = "".join(short.given)
        have = "".join(w[0] for w in full.given)
        if have.startswith(wanted) or wanted.startswith(have):
            initials = ".".join(wanted.upper()) + "."
            return (100.0 if full.initials_only else 90.0), Reason(ReasonKind.INITIALS, initials)
        return 0.0, None
    one, two = " ".join(a.given), " ".join(b.given)
    return max(fuzz.ratio(one, two), fuzz.token_set_ratio(one, two)), None


def _name_similarity(a: _Person, b: _Person) -> tuple[float, Reason | None]:
    given, reason = _given_similarity(a, b)
    # Both parts must be alike: the same family name with another given name is
    # usually a relative or a colleague, not the same person.
    similarity = fuzz.ratio(a.family, b.family) * given / 100
    if a.given and b.given and not (a.initials_only or b.initials_only):
        # Given and family name swapped, or split differently, still compare equal.
        full_a = " ".join((*a.given, a.family))
        full_b = " ".join((*b.given, b.family))
        swapped = fuzz.token_sort_ratio(full_a, full_b)
        if swapped >= 95:
            similarity = max(similarity, swapped)
    return similarity, reason


def _score(a: _Person, b: _Person, names: dict[int, str]) -> tuple[int, tuple[Reason, ...]]:
    similarity, initials = _name_similarity(a, b)
    reasons: list[Reason] = []
    if similarity >= 99.5 and initials is None:
        reasons.append(Reason(ReasonKind.SAME_NAME))
    elif similarity >= _NAME_ONLY_THRESHOLD:
        reasons.append(Reason(ReasonKind.SIMILAR_NAME, str(round(similarity))))
    if initials is not None:
        reasons.append(initials)
    points = _NAME_WEIGHT * similarity
    shared_emails = sorted(a.emails & b.emails)
    if shared_emails:
        points = max(points + _EMAIL_POINTS, _EMAIL_FLOOR)
        reasons.extend(Reason(ReasonKind.SAME_EMAIL, e) for e in shared_emails)
    shared_phones = sorted(a.phones & b.phones)
    if shared_phones:
        points = max(points + _PHONE_POINTS, _PHONE_FLOOR)
        reasons.extend(Reason(ReasonKind.SAME_PHONE, format_phone(n)) for n in shared_phones)
    shared_orgs = sorted(a.organisations & b.organisations)
    if shared_orgs and (similarity >= _NAME_ONLY_THRESHOLD or shared_emails or shared_phones):
        points += _ORGANISATION_POINTS
        reasons.extend(Reason(ReasonKind.SAME_ORGANISATION, names[o]) for o in shared_orgs)
    return min(100, round(points)), tuple(reasons)


def _load(session: Session, today: date) -> tuple[dict[int, _Person], dict[int, str]]:
    people: dict[int, _Person] = {}
    rows = session.execute(
        select(
            Person.id,
            Person.version,
            Person.given_name,
            Person.name_prefix,
            Person.family_name,
            Person.title,
        )
    )
    for pid, version, given, prefix, family, title in rows:
        people[pid] = _Person(
            PersonSummary(pid, version, person_display_name(given, prefix, family, title)),
            _given_words(given),
            family_key(prefix, family),
            set(),
            set(),
            set(),
        )
    for pid, address in session.execute(
        select(EmailAddress.person_id, func.lower(EmailAddress.address))
    ):
        people[pid].emails.add(address)
    for pid, number in session.execute(select(PhoneNumber.person_id, PhoneNumber.number)):
        people[pid].phones.add(number)
    names: dict[int, str] = {}
    current = (
        select(Affiliation.person_id, Organisation.id, Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(is_current(today))
    )
    for pid, org_id, org_name in session.execute(current):
        people[pid].organisations.add(org_id)
        names[org_id] = org_name
    return people, names


def _pairs_within(ids: list[int]) -> Iterable[tuple[int, int]]:
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            yield (first, second) if first < second else (second, first)


def _pairs_near(ids: list[int], window: int) -> Iterable[tuple[int, int]]:
    """Each id with the ``window`` ids after it (``ids`` sorted by what should be close)."""
    for i, first in enumerate(ids):
        for second in ids[i + 1 : i + 1 + window]:
            yield (first, second) if first < second else (second, first)


def _block_pairs(ids: list[int], people: dict[int, _Person]) -> Iterable[tuple[int, int]]:
    """Pairs among people of one family name; a large block is narrowed down first."""
    if len(ids) <= LARGE_BLOCK:
        return _pairs_within(ids)
    by_initial: dict[str, list[int]] = defaultdict(list)
    for pid in ids:
        given = people[pid].given
        by_initial[given[0][0] if given else ""].append(pid)
    unknown = by_initial.pop("", [])
    found: list[tuple[int, int]] = []
    for group in by_initial.values():
        group = group + unknown
        if len(group) <= LARGE_BLOCK:
            found.extend(_pairs_within(group))
        else:
            # Hundreds with one name and initial: only neighbours in given-name order.
            group.sort(key=lambda i: (people[i].given, i))
            found.extend(_pairs_near(group, 2 * WINDOW))
    return found


def _candidates(people: dict[int, _Person]) -> set[tuple[int, int]]:
    """Pairs worth scoring, each as (lower id, higher id)."""
    found: set[tuple[int, int]] = set()
    by_family: dict[str, list[int]] = defaultdict(list)
    by_email: dict[str, list[int]] = defaultdict(list)
    by_phone: dict[str, list[int]] = defaultdict(list)
    for pid, p in people.items():
        if p.family:
            by_family[p.family].append(pid)
        for address in p.emails:
            by_email[address].append(pid)
        for number in p.phones:
            by_phone[number].append(pid)
    for ids in by_family.values():
        found.update(_block_pairs(ids, people))
    for block in (by_email, by_phone):
        for ids in block.values():
            # A shared office number or info@ address says nothing about hundreds of people.
            if len(ids) <= LARGE_BLOCK:
                found.update(_pairs_within(ids))
    ordered = sorted(people, key=lambda i: (people[i].family, people[i].given))
    found.update(
        pair
        for pair in _pairs_near(ordered, WINDOW)
        if people[pair[0]].family != people[pair[1]].family
    )
    return found


def find_duplicate_people(
    session: Session,
    *,
    min_score: int = DEFAULT_MIN_SCORE,
    limit: int = DEFAULT_LIMIT,
    progress: Progress | None = None,
    today: date | None = None,
) -> list[DuplicatePair]:
    """Candidate duplicate people, the most likely first (at most ``limit`` pairs).

    ``progress(done, total)`` is called now and then while pairs are scored; it may raise
    to stop the search.
    """
    people, organisation_names = _load(session, today or date.today())
    candidates = sorted(_candidates(people) - distinct_pairs(session))
    total = len(candidates)
    if progress is not None:
        progress(0, total)
    found: list[DuplicatePair] = []
    for done, (first, second) in enumerate(candidates, 1):
        a, b = people[first], people[second]
        score, reasons = _score(a, b, organisation_names)
        if score >= min_score and reasons:
            found.append(DuplicatePair(a.summary, b.summary, score, reasons))
        if progress is not None and done % 2000 == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    found.sort(key=lambda p: (-p.score, fold(p.person_a.name), p.person_a.id, p.person_b.id))
    return found[:limit]


def _ordered(first_id: int, second_id: int) -> tuple[int, int]:
    if first_id == second_id:
        raise ValidationError("person_b_id", "is the same person")
    return (first_id, second_id) if first_id < second_id else (second_id, first_id)


def distinct_pairs(session: Session) -> set[tuple[int, int]]:
    """Pairs (lower id, higher id) the user confirmed are different people."""
    rows = session.execute(select(DistinctPeople.person_a_id, DistinctPeople.person_b_id))
    return {(a, b) for a, b in rows}


def mark_distinct(session: Session, first_id: int, second_id: int) -> None:
    """Remember that two people are not the same: the finder no longer pairs them."""
    a, b = _ordered(first_id, second_id)
    fetch(session, Person, a, "person")
    fetch(session, Person, b, "person")
    if session.get(DistinctPeople, (a, b)) is None:
        session.add(DistinctPeople(person_a_id=a, person_b_id=b))
        session.flush()


def unmark_distinct(session: Session, first_id: int, second_id: int) -> None:
    """Let the finder pair two people again (undo of :func:`mark_distinct`)."""
    pair = session.get(DistinctPeople, _ordered(first_id, second_id))
    if pair is not None:
        session.delete(pair)
        session.flush()
