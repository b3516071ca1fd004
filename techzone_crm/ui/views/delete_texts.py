"""The words of a delete question for people and organisations: what goes, what stays."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from techzone_crm.services.stakeholder_links import Fate, Link, StakeholderLinks

_CONTEXT = "DeleteTexts"

# (singular, plural) per kind of link; {current} is the number of current roles.
_PERSON: dict[Link, tuple[str, str]] = {
    Link.ROLES: ("%n role at an organisation", "%n roles at organisations"),
    Link.ASSESSMENTS: ("%n assessment", "%n assessments"),
    Link.AGENDA_LINKS: ("%n link to an agenda", "%n links to agendas"),
    Link.POSITIONS: ("%n position on a dossier", "%n positions on dossiers"),
    Link.COMMITMENTS: ("%n commitment (toezegging)", "%n commitments (toezeggingen)"),
    Link.DISTINCT_MARKS: ("%n “not the same person” mark", "%n “not the same person” marks"),
    Link.INTERACTIONS: ("%n interaction they attended", "%n interactions they attended"),
    Link.THEME_LEADS: ("%n agenda theme they lead", "%n agenda themes they lead"),
    Link.RELATIONSHIPS: ("%n relationship with another person", "%n relationships with others"),
}
_ORGANISATION: dict[Link, tuple[str, str]] = {
    Link.ROLES: ("%n role of a person here", "%n roles of people here"),
    Link.ASSESSMENTS: ("%n assessment", "%n assessments"),
    Link.AGENDA_LINKS: ("%n link to an agenda", "%n links to agendas"),
    Link.POSITIONS: ("%n position on a dossier", "%n positions on dossiers"),
    Link.COMMITMENTS: ("%n commitment (toezegging)", "%n commitments (toezeggingen)"),
    Link.INTERACTIONS: ("%n interaction it took part in", "%n interactions it took part in"),
    Link.THEME_LEADS: ("%n agenda theme it leads", "%n agenda themes it leads"),
    Link.AGENDAS_OWNED: ("%n agenda it sets", "%n agendas it sets"),
    Link.RELATIONSHIPS: (
        "%n relationship with another organisation",
        "%n relationships with other organisations",
    ),
    Link.PARTS: ("%n organisation that is part of it", "%n organisations that are part of it"),
}
_ORGANISATIONS: dict[Link, tuple[str, str]] = {
    **_ORGANISATION,
    Link.ROLES: ("%n role of a person there", "%n roles of people there"),
    Link.INTERACTIONS: ("%n interaction they took part in", "%n interactions they took part in"),
    Link.THEME_LEADS: ("%n agenda theme they lead", "%n agenda themes they lead"),
    Link.AGENDAS_OWNED: ("%n agenda they set", "%n agendas they set"),
    Link.PARTS: ("%n organisation below them", "%n organisations below them"),
}


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, "", n)


def _phrase(forms: tuple[str, str], n: int) -> str:
    # The singular apart: without a translation installed "%n" does not pick a form.
    return _tr(forms[0] if n == 1 else forms[1], n)


def _listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) == 1:
        return items[0]
    return _tr("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _items(links: StakeholderLinks, fate: Fate, forms: dict[Link, tuple[str, str]]) -> list[str]:
    items = []
    for link, n in links.of_fate(fate):
        text = _phrase(forms[link], n)
        if link is Link.ROLES and links.current_roles:
            text = _tr("{roles} ({current} current)").format(
                roles=text, current=links.current_roles
            )
        items.append(text)
    return items


def _sentences(
    links: StakeholderLinks,
    forms: dict[Link, tuple[str, str]],
    deleted: str,
    kept: str,
    back: str,
) -> str:
    lines = []
    gone = _items(links, Fate.DELETED, forms)
    if gone:
        lines.append(deleted.format(items=_listed(gone)))
    stay = _items(links, Fate.KEPT, forms)
    if stay:
        lines.append(kept.format(items=_listed(stay)))
    lines.append(back)
    return "\n\n".join(lines)


def person_delete_text(links: StakeholderLinks) -> str:
    """What deleting one person does to what refers to them, and that Undo brings it back."""
    return _sentences(
        links,
        _PERSON,
        _tr("Deleted with them: {items}."),
        _tr("Kept, without them: {items}."),
        _tr("Edit › Undo brings everything back.")
        if not links.empty
        else _tr("Edit › Undo brings them back."),
    )


def organisation_delete_text(links: StakeholderLinks) -> str:
    """What deleting one organisation does to what refers to it (the people are kept)."""
    return _sentences(
        links,
        _ORGANISATION,
        _tr("Deleted with it: {items}. The people themselves are kept.")
        if links.count(Link.ROLES)
        else _tr("Deleted with it: {items}."),
        _tr("Kept, without it: {items}."),
        _tr("Edit › Undo brings everything back.")
        if not links.empty
        else _tr("Edit › Undo brings it back."),
    )


def several_delete_text(links: StakeholderLinks, people: bool) -> str:
    """What deleting several people (or organisations) does to what refers to them."""
    return _sentences(
        links,
        _PERSON if people else _ORGANISATIONS,
        _tr("Deleted with them: {items}. The people themselves are kept.")
        if not people and links.count(Link.ROLES)
        else _tr("Deleted with them: {items}."),
        _tr("Kept, without them: {items}."),
        _tr("Edit › Undo brings everything back."),
    )
