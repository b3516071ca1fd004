"""The example data's files under ``resources/demo``, read into typed, immutable records.

The files hold the vocabulary (organisations, roles, names, tag rules); the proportions of
the generated data set live in :mod:`techzone_crm.services.demo_people`. A broken file is a
bug in the shipped data, so problems raise :class:`DemoDataError` naming the file and entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from techzone_crm.paths import resource

DEMO_FOLDER = "demo"


class DemoDataError(ValueError):
    """A shipped example-data file is malformed."""


@dataclass(frozen=True)
class OrgSpec:
    """One organisation of the example data."""

    key: str
    name: str
    helix: str
    kind: str
    level: str | None = None
    short: str = ""
    sectors: tuple[str, ...] = ()
    region: str = ""
    website: str = ""
    partner: bool = False
    parent: str | None = None
    staff: int | None = None
    notes: str = ""
    mail: str = ""
    fictional: bool = False


@dataclass(frozen=True)
class KindSpec:
    """Roles of one kind of organisation: lead places (each a choice of titles), then others."""

    staff: int
    lead: tuple[tuple[str, ...], ...] = ()
    other: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamSpec:
    """An officer of the collaboration and what kind of relationship they own."""

    name: str
    email: str
    active: bool
    covers: tuple[str, ...]
    weight: int = 1


@dataclass(frozen=True)
class TagRule:
    """Tag people whose main organisation matches every filter given, with a probability."""

    tag: str
    share: float
    roles: tuple[str, ...] = ()
    helix: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class BoardSeat:
    """A Program Board seat, taken by whoever holds lead place ``lead`` at ``org``."""

    org: str
    lead: int
    role: str


@dataclass(frozen=True)
class HistoricSpec:
    """An organisation that exists only in people's past (merged, or a finished phase)."""

    org: str
    end: date
    start: date | None
    successors: tuple[str, ...]
    partners: bool
    share: float
    roles: tuple[str, ...]


@dataclass(frozen=True)
class OriginRule:
    """Draw names of ``origin`` for people at these kinds or regions of organisation."""

    origin: str
    share: float
    kinds: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


# A date in the data files: an ISO date, or a number of years before "today".
When = date | float


@dataclass(frozen=True)
class FixedRole:
    """A role of a hand-made person; ``lead`` claims that lead place at the organisation."""

    org: str
    role: str
    start: When | None
    end: When | None = None
    lead: int | None = None


@dataclass(frozen=True)
class FixedPerson:
    """A hand-made person (diacritics, namesakes, a former Program Board member…)."""

    given: str
    family: str
    roles: tuple[FixedRole, ...]
    prefix: str = ""
    title: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameBook:
    """Given and family names by origin, and how often each origin is drawn."""

    weights: dict[str, int]
    given: dict[str, tuple[str, ...]]
    family: dict[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class DemoBook:
    """Everything the example data is made from."""

    organisations: tuple[OrgSpec, ...]
    kinds: dict[str, KindSpec]
    titles_by_role: dict[str, tuple[str, ...]]
    other_titles: tuple[str, ...]
    area_codes: dict[str, str]
    team: tuple[TeamSpec, ...]
    tag_rules: tuple[TagRule, ...]
    board_org: str
    board_tag: str
    board: tuple[BoardSeat, ...]
    historic: tuple[HistoricSpec, ...]
    origins: tuple[OriginRule, ...]
    fixed: tuple[FixedPerson, ...]
    names: NameBook


class _Reader:
    """Typed access to one JSON object, with errors that say where the problem is."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise DemoDataError(f"{where}: expected an object")
        self.data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.data.get(key, default)
        if value is None and default is None:
            return None
        if not isinstance(value, kind):
            raise DemoDataError(f"{self.where}: '{key}' has the wrong type")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, str, default)
        if value is None:
            raise DemoDataError(f"{self.where}: '{key}' is missing")
        return str(value)

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, str, None)
        return None if value is None else str(value)

    def number(self, key: str, default: float) -> float:
        return float(self._get(key, (int, float), default))

    def optional_int(self, key: str) -> int | None:
        value = self._get(key, int, None)
        return None if value is None else int(value)

    def flag(self, key: str, default: bool = False) -> bool:
        return bool(self._get(key, bool, default))

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise DemoDataError(f"{self.where}: '{key}' must be a list of texts")
        return tuple(str(v) for v in values)

    def items(self, key: str) -> list[_Reader]:
        values = self._get(key, list, [])
        return [_Reader(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(values)]

    def child(self, key: str) -> _Reader:
        return _Reader(self.data.get(key), f"{self.where}.{key}")

    def when(self, key: str) -> When | None:
        value = self._get(key, (str, int, float), None)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise DemoDataError(f"{self.where}: '{key}' is not a date") from None
        return float(value)


def _read(name: str) -> _Reader:
    path = resource(DEMO_FOLDER, name)
    try:
        with path.open(encoding="utf-8") as stream:
            return _Reader(json.load(stream), name)
    except (OSError, json.JSONDecodeError) as exc:
        raise DemoDataError(f"cannot read the example data file {path}: {exc}") from exc


def _organisation(r: _Reader) -> OrgSpec:
    return OrgSpec(
        key=r.text("key"),
        name=r.text("name"),
        helix=r.text("helix"),
        kind=r.text("kind"),
        level=r.optional_text("level"),
        short=r.text("short", ""),
        sectors=r.texts("sectors"),
        region=r.text("region", ""),
        website=r.text("website", ""),
        partner=r.flag("partner"),
        parent=r.optional_text("parent"),
        staff=r.optional_int("staff"),
        notes=r.text("notes", ""),
        mail=r.text("mail", ""),
        fictional=r.flag("fictional"),
    )


def _kind(r: _Reader) -> KindSpec:
    lead: list[tuple[str, ...]] = []
    for i, slot in enumerate(r.data.get("lead", [])):
        if isinstance(slot, str):
            lead.append((slot,))
        elif isinstance(slot, list) and slot and all(isinstance(s, str) for s in slot):
            lead.append(tuple(slot))
        else:
            raise DemoDataError(f"{r.where}.lead[{i}]: expected a role or a list of roles")
    return KindSpec(staff=int(r.number("staff", 0)), lead=tuple(lead), other=r.texts("other"))


def _fixed(r: _Reader) -> FixedPerson:
    roles = tuple(
        FixedRole(
            org=x.text("org"),
            role=x.text("role"),
            start=x.when("start"),
            end=x.when("end"),
            lead=x.optional_int("lead"),
        )
        for x in r.items("roles")
    )
    if not roles:
        raise DemoDataError(f"{r.where}: a person needs at least one role")
    return FixedPerson(
        given=r.text("given"),
        family=r.text("family"),
        roles=roles,
        prefix=r.text("prefix", ""),
        title=r.text("title", ""),
        notes=r.text("notes", ""),
        tags=r.texts("tags"),
    )


def _names(r: _Reader) -> NameBook:
    weights = {k: int(v) for k, v in r.child("weights").data.items()}
    given = {k: r.child("given").texts(k) for k in weights}
    family: dict[str, tuple[tuple[str, str], ...]] = {}
    for origin in weights:
        pairs = r.child("family").data.get(origin, [])
        if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise DemoDataError(f"names.json: family.{origin} must hold [prefix, name] pairs")
        family[origin] = tuple((str(p[0]), str(p[1])) for p in pairs)
    for origin in weights:
        if not given[origin] or not family[origin]:
            raise DemoDataError(f"names.json: origin '{origin}' has no names")
    return NameBook(weights, given, family)


def _check(book: DemoBook) -> None:
    seen: set[str] = set()
    for org in book.organisations:
        if org.key in seen:
            raise DemoDataError(f"organisations.json: key '{org.key}' is used twice")
        if org.parent is not None and org.parent not in seen:
            raise DemoDataError(f"organisations.json: '{org.key}' comes before its parent")
        if org.kind not in book.kinds:
            raise DemoDataError(f"organisations.json: '{org.key}' has unknown kind '{org.kind}'")
        seen.add(org.key)
    referenced = [s.org for s in book.board] + [h.org for h in book.historic] + [book.board_org]
    referenced += [r.org for p in book.fixed for r in p.roles]
    referenced += [s for h in book.historic for s in h.successors]
    for key in referenced:
        if key not in seen:
            raise DemoDataError(f"people.json refers to the unknown organisation '{key}'")


@cache
def load_book() -> DemoBook:
    """Read and check the example data files (once per process; they never change)."""
    orgs = _read("organisations.json")
    people = _read("people.json")
    titles = people.child("titles")
    board = people.child("program_board")
    book = DemoBook(
        organisations=tuple(_organisation(o) for o in orgs.items("organisations")),
        kinds={k: _kind(people.child("kinds").child(k)) for k in people.child("kinds").data},
        titles_by_role={k: titles.child("by_role").texts(k) for k in titles.child("by_role").data},
        other_titles=titles.texts("other"),
        area_codes={k: str(v) for k, v in people.child("area_codes").data.items()},
        team=tuple(
            TeamSpec(
                name=t.text("name"),
                email=t.text("email"),
                active=t.flag("active", True),
                covers=t.texts("covers"),
                weight=int(t.number("weight", 1)),
            )
            for t in people.items("team")
        ),
        tag_rules=tuple(
            TagRule(
                tag=t.text("tag"),
                share=t.number("share", 1.0),
                roles=t.texts("roles"),
                helix=t.texts("helix"),
                levels=t.texts("levels"),
                sectors=t.texts("sectors"),
                kinds=t.texts("kinds"),
            )
            for t in people.items("tag_rules")
        ),
        board_org=board.text("org"),
        board_tag=board.text("tag"),
        board=tuple(
            BoardSeat(org=s.text("org"), lead=int(s.number("lead", 0)), role=s.text("role"))
            for s in board.items("members")
        ),
        historic=tuple(_historic(h) for h in people.items("historic")),
        origins=tuple(
            OriginRule(
                origin=o.text("origin"),
                share=o.number("share", 1.0),
                kinds=o.texts("kinds"),
                regions=o.texts("regions"),
            )
            for o in people.items("origins")
        ),
        fixed=tuple(_fixed(p) for p in people.items("fixed")),
        names=_names(_read("names.json")),
    )
    _check(book)
    return book


def _historic(r: _Reader) -> HistoricSpec:
    end, start = r.when("end"), r.when("start")
    if not isinstance(end, date) or not (start is None or isinstance(start, date)):
        raise DemoDataError(f"{r.where}: a historic organisation needs ISO dates")
    return HistoricSpec(
        org=r.text("org"),
        end=end,
        start=start,
        successors=r.texts("successors"),
        partners=r.flag("partners"),
        share=r.number("share", 0.0),
        roles=r.texts("roles"),
    )
