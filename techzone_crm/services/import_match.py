"""Matching imported rows to what the database holds: organisations and people.

Everything is loaded once (a handful of queries), so a file of 100,000 rows is matched in
memory. People are compared the way the duplicate finder compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, EmailAddress, Organisation, Person
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.duplicates import (
    _NAME_ONLY_THRESHOLD,
    PersonSummary,
    _given_words,
    _name_similarity,
    _Person,
    family_key,
)
from techzone_crm.services.import_types import MatchReason
from techzone_crm.text import clean, fold, person_display_name

#: An organisation in the file is an existing one when their names are this alike.
ORGANISATION_THRESHOLD = 95
#: A row without an organisation and an existing person with exactly its name: as sure as this.
SAME_NAME_SCORE = 70

_WORD = re.compile(r"[^\W_]+")
# Legal forms that say nothing about which organisation is meant ("B.V.", "N.V." …).
_LEGAL_FORMS = frozenset("bv nv vof cv ltd gmbh inc llc plc".split())  # noqa: SIM905


@lru_cache(maxsize=65536)
def organisation_key(name: str) -> str:
    """The name as compared: folded, no punctuation or legal form ("Chemie B.V." → "chemie")."""
    words = _WORD.findall(fold(name).replace(".", ""))
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


def name_key(given_name: str, name_prefix: str, family_name: str) -> str:
    """A whole name compared exactly: folded letters only ("Jan van der Berg" → "janvanderberg")."""
    return "".join(_WORD.findall(fold(f"{given_name} {name_prefix} {family_name}")))


class OrganisationIndex:
    """The existing organisations by compared name and short name."""

    def __init__(self, session: Session) -> None:
        self._by_key: dict[str, tuple[int, str]] = {}
        self._by_short: dict[str, tuple[int, str]] = {}
        rows = session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name).order_by(
                Organisation.id
            )
        )
        for org_id, name, short in rows:
            self._by_key.setdefault(organisation_key(name), (org_id, name))
            if clean(short):
                self._by_short.setdefault(organisation_key(short), (org_id, name))
        self._keys = list(self._by_key)
        self._cache: dict[str, tuple[int, str] | None] = {}

    def match(self, name: str) -> tuple[int, str] | None:
        """(id, name) of the existing organisation ``name`` means, or None."""
        key = organisation_key(name)
        if key not in self._cache:
            self._cache[key] = self._find(key)
        return self._cache[key]

    def _find(self, key: str) -> tuple[int, str] | None:
        found = self._by_key.get(key) or self._by_short.get(key)
        if found is not None or not key:
            return found
        best = process.extractOne(
            key, self._keys, scorer=fuzz.ratio, score_cutoff=ORGANISATION_THRESHOLD
        )
        return self._by_key[best[0]] if best is not None else None


@dataclass(frozen=True)
class Match:
    """A known person a row may be."""

    reason: MatchReason
    score: int
    person_id: int
    name: str
    organisation: str


@dataclass
class _Known:
    display: str
    given: str
    prefix: str
    family: str
    organisation: str = ""


@dataclass
class _AtOrganisation:
    ids: list[int] = field(default_factory=list)
    families: list[str] = field(default_factory=list)


class PersonIndex:
    """The existing people by e-mail address, exact name and organisation."""

    def __init__(self, session: Session) -> None:
        self._people: dict[int, _Known] = {}
        self._by_name: dict[str, int] = {}
        for pid, given, prefix, family, title in session.execute(
            select(
                Person.id, Person.given_name, Person.name_prefix, Person.family_name, Person.title
            ).order_by(Person.id)
        ):
            self._people[pid] = _Known(
                person_display_name(given, prefix, family, title), given, prefix, family
            )
            self._by_name.setdefault(name_key(given, prefix, family), pid)
        self._by_email: dict[str, int] = {}
        for address, pid in session.execute(
            select(func.lower(EmailAddress.address), EmailAddress.person_id).order_by(
                EmailAddress.person_id, EmailAddress.position
            )
        ):
            self._by_email.setdefault(address, pid)
        self._at: dict[int, _AtOrganisation] = {}
        current = is_current(date.today())
        for pid, org_id, org_name, now in session.execute(
            select(Affiliation.person_id, Organisation.id, Organisation.name, current)
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
            .order_by(Affiliation.start_date, Affiliation.id)
        ):
            known = self._people[pid]
            if now:
                known.organisation = org_name  # the current role begun last wins
            at = self._at.setdefault(org_id, _AtOrganisation())
            if pid not in at.ids:
                at.ids.append(pid)
                at.families.append(family_key(known.prefix, known.family))

    def _match(self, reason: MatchReason, score: int, pid: int) -> Match:
        known = self._people[pid]
        return Match(reason, score, pid, known.display, known.organisation)

    def find(
        self,
        emails: list[str],
        given_name: str,
        name_prefix: str,
        family_name: str,
        organisation_id: int | None,
        has_organisation: bool,
    ) -> Match | None:
        """The known person a row most likely is: same e-mail, else name at the organisation."""
        for address in emails:
            pid = self._by_email.get(address.lower())
            if pid is not None:
                return self._match(MatchReason.EMAIL, 100, pid)
        if organisation_id is not None:
            return self._at_organisation(given_name, name_prefix, family_name, organisation_id)
        if not has_organisation:
            pid = self._by_name.get(name_key(given_name, name_prefix, family_name))
            if pid is not None:
                return self._match(MatchReason.NAME, SAME_NAME_SCORE, pid)
        return None

    def _at_organisation(
        self, given_name: str, name_prefix: str, family_name: str, org_id: int
    ) -> Match | None:
        at = self._at.get(org_id)
        if at is None:
            return None
        family = family_key(name_prefix, family_name)
        row = _comparable(given_name, family)
        # Only people whose family name is alike can pass: the name score is at most that.
        near = process.extract(
            family, at.families, scorer=fuzz.ratio, score_cutoff=_NAME_ONLY_THRESHOLD, limit=None
        )
        best: tuple[float, int] | None = None
        for _, _, position in near:
            pid = at.ids[position]
            known = self._people[pid]
            similarity, _ = _name_similarity(
                row, _comparable(known.given, family_key(known.prefix, known.family))
            )
            if similarity >= _NAME_ONLY_THRESHOLD and (best is None or similarity > best[0]):
                best = (similarity, pid)
        if best is None:
            return None
        return self._match(MatchReason.NAME_ORGANISATION, min(100, round(best[0])), best[1])


def _comparable(given_name: str, family: str) -> _Person:
    return _Person(PersonSummary(0, 0, ""), _given_words(given_name), family, set(), set(), set())
