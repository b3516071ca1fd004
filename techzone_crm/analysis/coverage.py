"""Agenda coverage: for every external agenda and every own theme, who decides on or influences
it and how the team reaches them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import networkx as nx

from techzone_crm.analysis.model import NetworkData, NodeKind
from techzone_crm.analysis.reach import GapSettings, Reach

OWN_LEVEL = "own"


@dataclass(frozen=True)
class Coverage:
    """How well the team covers one agenda (with its themes) or one own theme."""

    key: str
    label: str
    level: str
    linked: tuple[str, ...]  # decision-makers and influencers (the key roles)
    key_players: tuple[str, ...]  # … of whom high power (grid, salience or score)
    direct: tuple[str, ...]  # … of whom a team member has a tie
    warm: tuple[str, ...]  # … of whom the latest team contact is recent
    via: tuple[tuple[str, tuple[str, ...]], ...]  # not direct, reachable: (key, path keys)
    last_contact: date | None
    helix_counts: tuple[tuple[str, int], ...]  # of every stakeholder linked, in any role

    @property
    def covered(self) -> bool:
        """Whether a key player among the linked – or, when none of them is one, anyone
        linked – has a warm tie to the team."""
        wanted = self.key_players or self.linked
        return any(s in wanted for s in self.warm)


def coverage_subjects(reach: Reach) -> list[tuple[str, set[str], str]]:
    """(subject key, the agenda and theme keys it covers, level) for every external agenda
    and every theme of the own agenda, in label order."""
    subjects = []
    themes_of: dict[str, set[str]] = {}
    for theme, agenda in reach.theme_agenda.items():
        themes_of.setdefault(agenda, set()).add(theme)
    for key, attrs in reach.graph.nodes(data=True):
        level = attrs.get("level", "")
        if attrs["kind"] == NodeKind.AGENDA and level != OWN_LEVEL:
            subjects.append((key, {key} | themes_of.get(key, set()), level))
        elif attrs["kind"] == NodeKind.THEME:
            parent = reach.theme_agenda.get(key)
            agenda_level = reach.nodes[parent].get("level", "") if parent else level
            if agenda_level == OWN_LEVEL:
                subjects.append((key, {key}, OWN_LEVEL))
    return sorted(subjects, key=lambda s: (reach.label(s[0]).casefold(), s[0]))


def _coverage(reach: Reach, key: str, family: set[str], level: str) -> Coverage:
    key_roles = set(reach.settings.key_roles)
    linked_roles: dict[str, set[str]] = {}
    for agenda in family:
        for stakeholder, roles in reach.roles.get(agenda, {}).items():
            linked_roles.setdefault(stakeholder, set()).update(roles)
    linked = tuple(sorted(s for s, roles in linked_roles.items() if roles & key_roles))
    direct = tuple(s for s in linked if reach.reached(s))
    warm = tuple(s for s in direct if reach.warm(s))
    via = tuple((s, tuple(reach.paths[s])) for s in linked if s not in direct and s in reach.paths)
    dates = [d for s in direct if (d := reach.last_contact(s)) is not None]
    helices = Counter(h for s in linked_roles if (h := reach.nodes[s].get("helix", "")))
    return Coverage(
        key=key,
        label=reach.label(key),
        level=level,
        linked=linked,
        key_players=tuple(s for s in linked if reach.is_key_player(s)),
        direct=direct,
        warm=warm,
        via=via,
        last_contact=max(dates, default=None),
        helix_counts=tuple(sorted(helices.items())),
    )


def coverage_of(reach: Reach) -> list[Coverage]:
    """The coverage of every external agenda and own theme in the graph."""
    return [_coverage(reach, key, family, level) for key, family, level in coverage_subjects(reach)]


def agenda_coverage(
    data: NetworkData, graph: nx.Graph, settings: GapSettings | None = None
) -> list[Coverage]:
    """The coverage of every external agenda and own theme (for tables and the heat map)."""
    return coverage_of(Reach(data, graph, settings or GapSettings()))
