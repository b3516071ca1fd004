"""The sentences of the gap analysis, translated in the user's language.

The analysis gives each gap's reason and action as phrases: a template key and its fields
(:mod:`techzone_crm.analysis.wording`). The templates are listed here again, marked for
``pyside6-lupdate``, and translated in the context ``AnalysisWording`` when shown; a test
checks that this table and the analysis's stay the same.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from techzone_crm.analysis.wording import Phrase
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "AnalysisWording"

TEMPLATES: dict[str, str] = {
    "filter.none": QT_TRANSLATE_NOOP("AnalysisWording", "Whole network"),
    "filter.agenda": QT_TRANSLATE_NOOP("AnalysisWording", "{name}"),
    "filter.dossier": QT_TRANSLATE_NOOP("AnalysisWording", "Dossier {name}"),
    "filter.helix": QT_TRANSLATE_NOOP("AnalysisWording", "helix: {value}"),
    "filter.level": QT_TRANSLATE_NOOP("AnalysisWording", "level: {value}"),
    "filter.sector": QT_TRANSLATE_NOOP("AnalysisWording", "sector: {value}"),
    "filter.min_strength": QT_TRANSLATE_NOOP(
        "AnalysisWording", "ties of strength {value} and more"
    ),
    "filter.window": QT_TRANSLATE_NOOP("AnalysisWording", "interactions of the last {n} days"),
    "filter.ego.one": QT_TRANSLATE_NOOP("AnalysisWording", "one step around {name}"),
    "filter.ego.other": QT_TRANSLATE_NOOP("AnalysisWording", "{n} steps around {name}"),
    "path.hop": QT_TRANSLATE_NOOP("AnalysisWording", "{label} ({relation}, {strength:.1f})"),
    "coverage.none_linked": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject}: no decision-makers or influencers are linked yet."
    ),
    "coverage.linked.one": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject}: 1 decision-maker or influencer linked"
    ),
    "coverage.linked.other": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject}: {n} decision-makers and influencers linked"
    ),
    "coverage.no_warm": QT_TRANSLATE_NOOP(
        "AnalysisWording", ", none with a tie to our team in the last {days} days."
    ),
    "coverage.key_cold.one": QT_TRANSLATE_NOOP(
        "AnalysisWording",
        ", and the key player among them has had no tie to our team in the last {days} days.",
    ),
    "coverage.key_cold.other": QT_TRANSLATE_NOOP(
        "AnalysisWording",
        ", {n} of them key players: none with a tie to our team in the last {days} days.",
    ),
    "coverage.direct_cold": QT_TRANSLATE_NOOP(
        "AnalysisWording", " {n} of them known to the team, the latest contact {last} days ago."
    ),
    "coverage.via": QT_TRANSLATE_NOOP("AnalysisWording", " Reachable through others: {names}."),
    "coverage.via_name": QT_TRANSLATE_NOOP("AnalysisWording", "{name} (via {through})"),
    "coverage.unreachable": QT_TRANSLATE_NOOP(
        "AnalysisWording", " Nobody in the network leads to them yet."
    ),
    "coverage.helix": QT_TRANSLATE_NOOP("AnalysisWording", " Linked by helix: {helices}."),
    "action.link_stakeholders": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Map who decides on and influences {subject} and link them."
    ),
    "action.introduce": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Ask {start} (who knows {contact}) to introduce you to {target}."
    ),
    "action.contact_again": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Plan a contact with {target}: {start} knows them."
    ),
    "action.find_way_in": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Find a way in to {target}: nobody in the network knows them yet."
    ),
    "key.profile": QT_TRANSLATE_NOOP("AnalysisWording", "{subject}: {profile}."),
    "key.no_owner": QT_TRANSLATE_NOOP(
        "AnalysisWording", " Nobody in the team holds the relationship."
    ),
    "key.no_tie": QT_TRANSLATE_NOOP("AnalysisWording", " No tie to anyone in the team."),
    "key.overdue": QT_TRANSLATE_NOOP(
        "AnalysisWording", " Last contact {days} days ago, past their contact rhythm."
    ),
    "key.overdue_unknown": QT_TRANSLATE_NOOP(
        "AnalysisWording", " No contact recorded, and they are due."
    ),
    "action.assign_owner_to": QT_TRANSLATE_NOOP(
        "AnalysisWording",
        "Make {member} (who knows them best) the owner of the relationship with {subject}.",
    ),
    "action.plan_contact": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{owner} to plan a contact with {subject}."
    ),
    "spof.person": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject} ({profile}) is known to one team member only: {member}."
    ),
    "spof.organisation": QT_TRANSLATE_NOOP(
        "AnalysisWording", "We reach {subject} only through {contact}."
    ),
    "action.second_colleague": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Bring a second colleague into the relationship with {subject}."
    ),
    "action.second_contact": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Build a second contact at {subject}, for example {candidate}."
    ),
    "action.second_contact_any": QT_TRANSLATE_NOOP(
        "AnalysisWording", "Build a second contact at {subject}."
    ),
    "helix.share_linked": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject}: {shares} of {n} linked stakeholders."
    ),
    "helix.share_ties": QT_TRANSLATE_NOOP(
        "AnalysisWording", "{subject}: {shares} of {n} team ties."
    ),
    "helix.missing": QT_TRANSLATE_NOOP("AnalysisWording", " None from {helices}."),
    "helix.low": QT_TRANSLATE_NOOP("AnalysisWording", " Under {threshold}% from {helices}."),
    "action.balance": QT_TRANSLATE_NOOP("AnalysisWording", "Involve {helices} in {subject}."),
    "subject.sector": QT_TRANSLATE_NOOP("AnalysisWording", "Sector {name}"),
    "list.pair": QT_TRANSLATE_NOOP("AnalysisWording", "{first} and {last}"),
    "list.more": QT_TRANSLATE_NOOP("AnalysisWording", "{items} and {n} more"),
    "profile.power": QT_TRANSLATE_NOOP("AnalysisWording", "power {power}"),
    "profile.decides": QT_TRANSLATE_NOOP("AnalysisWording", "decision-maker"),
    "profile.influences": QT_TRANSLATE_NOOP("AnalysisWording", "influencer"),
    "profile.sets": QT_TRANSLATE_NOOP("AnalysisWording", "sets the agenda"),
    "profile.leads": QT_TRANSLATE_NOOP("AnalysisWording", "theme lead"),
}


def phrase_text(phrase: Phrase) -> str:
    """One phrase in the user's language (the English template when none is installed)."""
    source = TEMPLATES.get(phrase.key)
    if source is None:
        return phrase.text()
    template = QCoreApplication.translate(CONTEXT, source)
    try:
        return template.format(**dict(phrase.fields))
    except (KeyError, IndexError, ValueError):
        return phrase.text()  # a translation that names a wrong field falls back to English


def phrases_text(phrases: tuple[Phrase, ...], fallback: str = "") -> str:
    """Phrases joined into one text, or ``fallback`` when there are none."""
    if not phrases:
        return fallback
    return "".join(phrase_text(p) for p in phrases)
