"""Every sentence the analysis produces, as English templates with named fields.

The rows carry the template keys and the fields (:class:`Phrase`) next to the English text, so
a user interface can translate the template and fill in the same fields. Keys ending in ".one"
or ".other" are the singular and plural of one sentence (see :func:`counted`).
"""

from __future__ import annotations

from dataclasses import dataclass

Field = str | int | float

TEMPLATES: dict[str, str] = {
    # Filters, for plot titles.
    "filter.none": "Whole network",
    "filter.agenda": "{name}",
    "filter.dossier": "Dossier {name}",
    "filter.helix": "helix: {value}",
    "filter.level": "level: {value}",
    "filter.sector": "sector: {value}",
    "filter.min_strength": "ties of strength {value} and more",
    "filter.window": "interactions of the last {n} days",
    "filter.ego.one": "one step around {name}",
    "filter.ego.other": "{n} steps around {name}",
    # Warmest path.
    "path.hop": "{label} ({relation}, {strength:.1f})",
    # Agenda and theme coverage.
    "coverage.none_linked": "{subject}: no decision-makers or influencers are linked yet.",
    "coverage.linked.one": "{subject}: 1 decision-maker or influencer linked",
    "coverage.linked.other": "{subject}: {n} decision-makers and influencers linked",
    "coverage.no_warm": ", none with a tie to our team in the last {days} days.",
    "coverage.key_cold.one": (
        ", and the key player among them has had no tie to our team in the last {days} days."
    ),
    "coverage.key_cold.other": (
        ", {n} of them key players: none with a tie to our team in the last {days} days."
    ),
    "coverage.direct_cold": " {n} of them known to the team, the latest contact {last} days ago.",
    "coverage.via": " Reachable through others: {names}.",
    "coverage.via_name": "{name} (via {through})",
    "coverage.unreachable": " Nobody in the network leads to them yet.",
    "coverage.helix": " Linked by helix: {helices}.",
    "action.link_stakeholders": "Map who decides on and influences {subject} and link them.",
    "action.introduce": "Ask {start} (who knows {contact}) to introduce you to {target}.",
    "action.contact_again": "Plan a contact with {target}: {start} knows them.",
    "action.find_way_in": "Find a way in to {target}: nobody in the network knows them yet.",
    # Key players.
    "key.profile": "{subject}: {profile}.",
    "key.no_owner": " Nobody in the team holds the relationship.",
    "key.no_tie": " No tie to anyone in the team.",
    "key.overdue": " Last contact {days} days ago, past their contact rhythm.",
    "key.overdue_unknown": " No contact recorded, and they are due.",
    "action.assign_owner_to": (
        "Make {member} (who knows them best) the owner of the relationship with {subject}."
    ),
    "action.plan_contact": "{owner} to plan a contact with {subject}.",
    # Single points of failure.
    "spof.person": "{subject} ({profile}) is known to one team member only: {member}.",
    "spof.organisation": "We reach {subject} only through {contact}.",
    "action.second_colleague": "Bring a second colleague into the relationship with {subject}.",
    "action.second_contact": "Build a second contact at {subject}, for example {candidate}.",
    "action.second_contact_any": "Build a second contact at {subject}.",
    # Helix imbalance.
    "helix.share_linked": "{subject}: {shares} of {n} linked stakeholders.",
    "helix.share_ties": "{subject}: {shares} of {n} team ties.",
    "helix.missing": " None from {helices}.",
    "helix.low": " Under {threshold}% from {helices}.",
    "action.balance": "Involve {helices} in {subject}.",
    "subject.sector": "Sector {name}",
    # Lists and profiles.
    "list.pair": "{first} and {last}",
    "list.more": "{items} and {n} more",
    "profile.power": "power {power}",
    "profile.decides": "decision-maker",
    "profile.influences": "influencer",
    "profile.sets": "sets the agenda",
    "profile.leads": "theme lead",
}

#: Stored values → words (helices, levels, sectors, quadrants, salience classes).
VALUE_LABELS: dict[str, str] = {
    "government": "government",
    "business": "business",
    "education": "education",
    "civil_society": "civil society",
    "municipality": "municipality",
    "province": "province",
    "national": "national (Rijk)",
    "northern_netherlands": "Northern Netherlands",
    "eu": "EU",
    "own": "own agenda",
    "htsm": "HTSM",
    "logistics": "logistics",
    "chemistry": "chemistry",
    "other": "other",
    "key_player": "key player",
    "keep_satisfied": "keep satisfied",
    "keep_informed": "keep informed",
    "monitor": "monitor",
    "definitive": "definitive",
    "dominant": "dominant",
    "dangerous": "dangerous",
    "dependent": "dependent",
    "dormant": "dormant",
    "discretionary": "discretionary",
    "demanding": "demanding",
    "non_stakeholder": "non-stakeholder",
}

#: (tie kind, relation) → what the tie is, in words; ("kind", "") is the fallback of a kind.
RELATION_LABELS: dict[tuple[str, str], str] = {
    ("relationship", "works_with"): "works with",
    ("relationship", "advises"): "advises",
    ("relationship", "reports_to"): "reports to",
    ("relationship", "member_of"): "member of",
    ("relationship", "funds"): "funds",
    ("relationship", "partner_of"): "partner of",
    ("relationship", ""): "knows",
    ("affiliation", ""): "works at",
    ("ownership", ""): "own contact",
    ("ownership", "backup_owner"): "backup contact",
    ("interaction", "meeting"): "met",
    ("interaction", "working_visit"): "working visit",
    ("interaction", "event"): "event",
    ("interaction", "call"): "call",
    ("interaction", "email"): "e-mail",
    ("interaction", ""): "contact",
    ("agenda_link", "decides"): "decides on",
    ("agenda_link", "influences"): "influences",
    ("agenda_link", "funds"): "funds",
    ("agenda_link", "implements"): "implements",
    ("agenda_link", "benefits"): "benefits from",
    ("agenda_link", "sets"): "sets",
    ("agenda_link", "leads"): "leads",
    ("agenda_link", ""): "linked to",
    ("alignment", ""): "aligned with",
    ("theme", ""): "theme of",
    ("position", ""): "position on",
    ("dossier_agenda", ""): "linked to",
    ("", ""): "tie",
}


@dataclass(frozen=True)
class Phrase:
    """One sentence: a template key and the values of its fields."""

    key: str
    fields: tuple[tuple[str, Field], ...] = ()

    def text(self) -> str:
        """The English sentence."""
        return TEMPLATES[self.key].format(**dict(self.fields))


def phrase(key: str, **fields: Field) -> Phrase:
    """A :class:`Phrase` (the key must be in :data:`TEMPLATES`)."""
    if key not in TEMPLATES:
        raise KeyError(key)
    return Phrase(key, tuple(sorted(fields.items())))


def counted(key: str, n: int, **fields: Field) -> Phrase:
    """The singular ("key.one") or plural ("key.other") phrase for ``n``."""
    return phrase(f"{key}.{'one' if n == 1 else 'other'}", n=n, **fields)


def say(key: str, **fields: Field) -> str:
    """The English text of a template."""
    return phrase(key, **fields).text()


def text(phrases: tuple[Phrase, ...]) -> str:
    """Phrases joined into one text (each brings its own spacing and punctuation)."""
    return "".join(p.text() for p in phrases)


def value_label(value: str) -> str:
    """A stored value in words ("civil_society" → "civil society")."""
    return VALUE_LABELS.get(value, value.replace("_", " "))


def relation_label(kind: str, relation: str) -> str:
    """What a tie is, in words ("works with", "met" …)."""
    return (
        RELATION_LABELS.get((kind, relation))
        or RELATION_LABELS.get((kind, ""))
        or RELATION_LABELS[("", "")]
    )


def names(items: list[str], limit: int = 3) -> str:
    """ "A, B and C" or "A, B, C and 2 more"."""
    if len(items) > limit:
        return say("list.more", items=", ".join(items[:limit]), n=len(items) - limit)
    if len(items) <= 1:
        return "".join(items)
    return say("list.pair", first=", ".join(items[:-1]), last=items[-1])
