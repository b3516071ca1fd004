"""The gap analysis for the public-affairs plan: every row a gap, why it is one, what to do.

Kinds, most important first: agendas and own themes without a warm tie to a decision-maker or
influencer; key players (high power by grid, salience or score) without an owner or without a
tie to the team; key players overdue in their contact rhythm; single points of failure (a key
stakeholder known to one team member only, an organisation reached through one person only);
helix imbalance (an agenda's stakeholders or the team's ties in a sector leave out a helix or
give it under 15 %). The texts come from :mod:`techzone_crm.analysis.wording`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import networkx as nx

from techzone_crm.analysis import wording
from techzone_crm.analysis.coverage import Coverage, coverage_of
from techzone_crm.analysis.graph import build_graph
from techzone_crm.analysis.model import NetworkData, NodeKind
from techzone_crm.analysis.reach import GapSettings, Reach
from techzone_crm.analysis.wording import Phrase, counted, phrase

__all__ = ["GapKind", "GapRow", "GapSettings", "find_gaps"]

MAIN_HELICES = ("government", "business", "education")


class GapKind(StrEnum):
    """What kind of gap a row is."""

    AGENDA_COVERAGE = "agenda_coverage"
    KEY_PLAYER_NOT_REACHED = "key_player_not_reached"
    OVERDUE_KEY_PLAYER = "overdue_key_player"
    SINGLE_POINT_OF_FAILURE = "single_point_of_failure"
    HELIX_IMBALANCE = "helix_imbalance"


@dataclass(frozen=True)
class GapRow:
    """One gap: the subject, why it is a gap and what to do; ``owner`` is who should act."""

    kind: GapKind
    subject: str
    subject_key: str
    reason: str
    action: str
    owner: str = ""
    importance: float = 0.0
    reason_phrases: tuple[Phrase, ...] = ()
    action_phrases: tuple[Phrase, ...] = ()


def _row(
    kind: GapKind,
    reach: Reach,
    key: str,
    reason: list[Phrase],
    action: list[Phrase],
    owner: str,
    importance: float,
) -> GapRow:
    return GapRow(
        kind=kind,
        subject=reach.label(key),
        subject_key=key,
        reason=wording.text(tuple(reason)),
        action=wording.text(tuple(action)),
        owner=owner,
        importance=importance,
        reason_phrases=tuple(reason),
        action_phrases=tuple(action),
    )


def _profile(reach: Reach, key: str) -> str:
    attrs = reach.nodes[key]
    parts = [wording.value_label(v) for v in (attrs.get("quadrant"), attrs.get("salience")) if v]
    if reach.power(key):
        parts.append(wording.say("profile.power", power=reach.power(key)))
    if not parts:
        held = {r for roles in reach.roles.values() for r in roles.get(key, ())}
        parts = [
            wording.say(f"profile.{r}")
            for r in ("decides", "sets", "influences", "leads")
            if r in held
        ]
    return ", ".join(parts) or wording.value_label(str(attrs["kind"]))


def _latest_member(reach: Reach, key: str) -> str | None:
    members = reach.members(key)
    if not members:
        return None
    return max(members, key=lambda m: (members[m] or date.min, m))


def _approach(reach: Reach, target: str) -> tuple[list[Phrase], str]:
    """How to get to ``target``: contact again, be introduced, or find a way in."""
    name = reach.label(target)
    member = _latest_member(reach, target)
    if member is not None:
        return [phrase("action.contact_again", target=name, start=reach.label(member))], (
            reach.label(member)
        )
    path = reach.path(target)
    if path is None or len(path.hops) < 3:
        return [phrase("action.find_way_in", target=name)], ""
    start, contact = path.start.label, path.hops[1].label
    return [phrase("action.introduce", start=start, contact=contact, target=name)], start


def _coverage_row(reach: Reach, cov: Coverage) -> GapRow | None:
    if cov.covered:
        return None
    external = 10 if cov.level != "own" else 0
    if not cov.linked:
        return _row(
            GapKind.AGENDA_COVERAGE,
            reach,
            cov.key,
            [phrase("coverage.none_linked", subject=cov.label)],
            [phrase("action.link_stakeholders", subject=cov.label)],
            "",
            60 + external,
        )
    reason = [counted("coverage.linked", len(cov.linked), subject=cov.label)]
    days = reach.settings.recent_days
    if cov.key_players and cov.warm:
        reason.append(counted("coverage.key_cold", len(cov.key_players), days=days))
    else:
        reason.append(phrase("coverage.no_warm", days=days))
    cold = [s for s in cov.direct if s not in cov.warm]
    dates = [d for s in cold if (d := reach.last_contact(s)) is not None]
    if dates:
        reason.append(phrase("coverage.direct_cold", n=len(cold), last=reach.days_ago(max(dates))))
    if cov.via:
        via = [
            wording.say("coverage.via_name", name=reach.label(k), through=reach.label(p[1]))
            if len(p) > 2
            else reach.label(k)
            for k, p in cov.via
        ]
        reason.append(phrase("coverage.via", names=wording.names(via)))
    elif not cov.direct:
        reason.append(phrase("coverage.unreachable"))
    helices = [f"{wording.value_label(h)} {n}" for h, n in cov.helix_counts]
    if helices:
        reason.append(phrase("coverage.helix", helices=", ".join(helices)))
    candidates = [s for s in cov.key_players or cov.linked if s not in cov.warm]
    target = max(candidates, key=lambda s: (reach.power(s), reach.is_key_player(s), s))
    action, owner = _approach(reach, target)
    return _row(
        GapKind.AGENDA_COVERAGE,
        reach,
        cov.key,
        reason,
        action,
        owner,
        80 + external + min(len(cov.linked), 10),
    )


def _key_player_rows(reach: Reach, key: str) -> list[GapRow]:
    rows = []
    attrs = reach.nodes[key]
    person = attrs["kind"] == NodeKind.PERSON
    name, profile, power = reach.label(key), _profile(reach, key), reach.power(key)
    no_owner = person and not attrs.get("owner", "")
    no_tie = not reach.reached(key)
    if no_owner or no_tie:
        reason = [phrase("key.profile", subject=name, profile=profile)]
        if no_owner:
            reason.append(phrase("key.no_owner"))
        if no_tie:
            reason.append(phrase("key.no_tie"))
            action, owner = _approach(reach, key)
        else:
            member = _latest_member(reach, key) or ""
            owner = reach.label(member) if member else ""
            action = [phrase("action.assign_owner_to", subject=name, member=owner)]
        rows.append(
            _row(
                GapKind.KEY_PLAYER_NOT_REACHED,
                reach,
                key,
                reason,
                action,
                owner,
                70 + 2 * power + (5 if no_tie else 0),
            )
        )
    if attrs.get("overdue", False) and not no_tie:
        days = int(attrs.get("days_since_contact", -1))
        due = phrase("key.overdue", days=days) if days >= 0 else phrase("key.overdue_unknown")
        owner = str(attrs.get("owner", "")) or reach.label(_latest_member(reach, key) or key)
        action = [phrase("action.plan_contact", owner=owner, subject=name)]
        rows.append(
            _row(
                GapKind.OVERDUE_KEY_PLAYER,
                reach,
                key,
                [phrase("key.profile", subject=name, profile=profile), due],
                action,
                owner,
                60 + power + min(max(days, 0) / 30, 10),
            )
        )
    return rows


def _single_points(reach: Reach, key: str) -> list[GapRow]:
    attrs = reach.nodes[key]
    name = reach.label(key)
    important = reach.is_key_player(key) or reach.has_key_role(key)
    if attrs["kind"] == NodeKind.PERSON:
        members = reach.members(key)
        if not important or len(members) != 1:
            return []
        member = reach.label(next(iter(members)))
        return [
            _row(
                GapKind.SINGLE_POINT_OF_FAILURE,
                reach,
                key,
                [phrase("spof.person", subject=name, profile=_profile(reach, key), member=member)],
                [phrase("action.second_colleague", subject=name)],
                member,
                50 + reach.power(key),
            )
        ]
    contacts = reach.contacts(key)
    if not important or reach.members(key) or len(contacts) != 1:
        return []
    others = [p for p in reach.people_at.get(key, ()) if p not in contacts]
    if others:
        best = max(others, key=lambda p: (reach.power(p), p))
        action = phrase("action.second_contact", subject=name, candidate=reach.label(best))
    else:
        action = phrase("action.second_contact_any", subject=name)
    owner = reach.label(_latest_member(reach, contacts[0]) or contacts[0])
    return [
        _row(
            GapKind.SINGLE_POINT_OF_FAILURE,
            reach,
            key,
            [phrase("spof.organisation", subject=name, contact=reach.label(contacts[0]))],
            [action],
            owner if owner != reach.label(contacts[0]) else "",
            45 + reach.power(key),
        )
    ]


def _imbalance(reach: Reach, key: str, counts: Counter[str]) -> GapRow | None:
    total = sum(counts.values())
    if total < reach.settings.helix_min_ties:
        return None
    threshold = reach.settings.helix_min_share
    missing = [h for h in MAIN_HELICES if not counts.get(h)]
    low = [h for h in MAIN_HELICES if counts.get(h) and counts[h] / total < threshold]
    if not missing and not low:
        return None
    shares = ", ".join(
        f"{round(100 * counts[h] / total)}% {wording.value_label(h)}"
        for h in sorted(counts, key=lambda h: -counts[h])
    )
    if key in reach.graph:
        name = reach.label(key)
    else:
        name = wording.say("subject.sector", name=wording.value_label(key.split(":")[-1]))
    share = "helix.share_ties" if key.startswith("sector:") else "helix.share_linked"
    reason = [phrase(share, subject=name, shares=shares, n=total)]
    words = [wording.value_label(h) for h in missing]
    if missing:
        reason.append(phrase("helix.missing", helices=wording.names(words)))
    if low:
        reason.append(
            phrase(
                "helix.low",
                threshold=round(100 * threshold),
                helices=wording.names([wording.value_label(h) for h in low]),
            )
        )
    lacking = wording.names([wording.value_label(h) for h in missing + low])
    action = [phrase("action.balance", helices=lacking, subject=name)]
    worst = min(counts.get(h, 0) / total for h in MAIN_HELICES)
    return GapRow(
        GapKind.HELIX_IMBALANCE,
        name,
        key,
        wording.text(tuple(reason)),
        wording.text(tuple(action)),
        "",
        30 + 100 * (threshold - worst) / 2,
        tuple(reason),
        tuple(action),
    )


def _sector_counts(reach: Reach) -> dict[str, Counter[str]]:
    sectors: dict[str, Counter[str]] = {}
    for key in reach.direct:
        attrs = reach.nodes[key]
        own = set(filter(None, str(attrs.get("sectors", "")).split(",")))
        for org in reach.orgs_of.get(key, ()):
            own |= set(filter(None, str(reach.nodes[org].get("sectors", "")).split(",")))
        helix = attrs.get("helix", "")
        if helix:
            for sector in own:
                sectors.setdefault(sector, Counter())[helix] += len(reach.direct[key])
    return sectors


def find_gaps(
    data: NetworkData, graph: nx.Graph | None = None, settings: GapSettings | None = None
) -> list[GapRow]:
    """Every gap in ``graph`` (by default the whole network of ``data``), most important first."""
    graph = build_graph(data) if graph is None else graph
    reach = Reach(data, graph, settings or GapSettings())
    coverages = coverage_of(reach)
    rows = [r for cov in coverages if (r := _coverage_row(reach, cov)) is not None]
    for key in reach.stakeholders():
        if reach.is_key_player(key):
            rows.extend(_key_player_rows(reach, key))
        rows.extend(_single_points(reach, key))
    for cov in coverages:
        if (row := _imbalance(reach, cov.key, Counter(dict(cov.helix_counts)))) is not None:
            rows.append(row)
    for sector, counts in sorted(_sector_counts(reach).items()):
        if (row := _imbalance(reach, f"sector:{sector}", counts)) is not None:
            rows.append(row)
    order = {k: i for i, k in enumerate(GapKind)}
    rows.sort(key=lambda r: (-r.importance, order[r.kind], r.subject.casefold(), r.subject_key))
    return rows
