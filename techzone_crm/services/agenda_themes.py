"""Themes of an agenda (with a lead on the own agenda) and alignments of own themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from techzone_crm.db.models import (
    Agenda,
    AgendaLevel,
    AgendaStakeholder,
    AgendaTheme,
    DossierAgenda,
    Organisation,
    Person,
    ThemeAlignment,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.agendas import WHAT as AGENDA
from techzone_crm.services.agendas import AgendaLinks, LinkedRecordsError
from techzone_crm.services.common import check_version, fetch, save

WHAT = "theme"


@dataclass
class ThemeData:
    """What a user enters for a theme; a lead only on the own agenda's themes."""

    name: str
    description: str = ""
    lead_organisation_id: int | None = None
    lead_person_id: int | None = None


@dataclass(frozen=True)
class AlignmentRow:
    """An own theme serving an external agenda (``theme_id`` None: the agenda as a whole)."""

    id: int
    own_theme_id: int
    own_theme: str
    agenda_id: int
    agenda: str
    theme_id: int | None
    theme: str


def _apply(session: Session, theme: AgendaTheme, agenda: Agenda, data: ThemeData) -> None:
    theme.name = v.required("name", data.name, 200)
    theme.description = v.long_text("description", data.description)
    for field_name, model, what in (
        ("lead_organisation_id", Organisation, "organisation"),
        ("lead_person_id", Person, "person"),
    ):
        ident = getattr(data, field_name)
        if ident is None:
            continue
        # Leads say which partner carries an own theme; external agendas are led by others.
        if agenda.level is not AgendaLevel.OWN:
            raise ValidationError(field_name, "a lead can only be set on the own agenda's themes")
        if session.get(model, ident) is None:
            raise ValidationError(field_name, f"unknown {what} #{ident}")
    theme.lead_organisation_id = data.lead_organisation_id
    theme.lead_person_id = data.lead_person_id


def add_theme(session: Session, agenda_id: int, data: ThemeData) -> AgendaTheme:
    """Add a theme at the end of an agenda's themes."""
    agenda = fetch(session, Agenda, agenda_id, AGENDA)
    theme = AgendaTheme(agenda_id=agenda_id)
    with session.no_autoflush:
        _apply(session, theme, agenda, data)
    last = session.scalar(
        select(func.max(AgendaTheme.position)).where(AgendaTheme.agenda_id == agenda_id)
    )
    theme.position = (last + 1) if last is not None else 0
    session.add(theme)
    save(session, WHAT)
    return theme


def update_theme(
    session: Session, theme_id: int, data: ThemeData, expected_version: int | None = None
) -> AgendaTheme:
    """Change a theme; ``expected_version`` guards against overwriting others' edits."""
    theme = fetch(session, AgendaTheme, theme_id, WHAT)
    check_version(theme, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, theme, theme.agenda, data)
    save(session, WHAT)
    return theme


def theme_links(session: Session, theme_id: int) -> AgendaLinks:
    """Counts of what refers to a theme."""
    n = select(func.count())
    return AgendaLinks(
        stakeholders=session.scalar(
            n.select_from(AgendaStakeholder).where(AgendaStakeholder.theme_id == theme_id)
        )
        or 0,
        alignments=session.scalar(
            n.select_from(ThemeAlignment).where(
                or_(ThemeAlignment.own_theme_id == theme_id, ThemeAlignment.theme_id == theme_id)
            )
        )
        or 0,
        dossiers=session.scalar(
            select(func.count(func.distinct(DossierAgenda.dossier_id))).where(
                DossierAgenda.theme_id == theme_id
            )
        )
        or 0,
    )


def delete_theme(
    session: Session, theme_id: int, expected_version: int | None = None, confirm: bool = False
) -> AgendaLinks:
    """Delete a theme with its stakeholder links and alignments.

    Unless ``confirm``, a theme that anything refers to is refused with a
    :class:`LinkedRecordsError`. Returns what was removed.
    """
    theme = fetch(session, AgendaTheme, theme_id, WHAT)
    check_version(theme, expected_version, WHAT)
    links = theme_links(session, theme_id)
    if not links.empty and not confirm:
        raise LinkedRecordsError(WHAT, links)
    session.delete(theme)
    save(session, WHAT)
    return links


def reorder_themes(session: Session, agenda_id: int, theme_ids: Sequence[int]) -> None:
    """Put an agenda's themes in the order of ``theme_ids`` (all of them, each once)."""
    agenda = fetch(session, Agenda, agenda_id, AGENDA)
    themes = {t.id: t for t in agenda.themes}
    if sorted(theme_ids) != sorted(themes):
        raise ValidationError(
            "theme_ids", "must list every theme of the agenda once (they changed elsewhere?)"
        )
    for position, ident in enumerate(theme_ids):
        if themes[ident].position != position:
            themes[ident].position = position
    save(session, WHAT)


def align_theme(
    session: Session, own_theme_id: int, agenda_id: int, theme_id: int | None = None
) -> ThemeAlignment:
    """Record that an own theme serves an external agenda, or one theme of it."""
    own = session.get(AgendaTheme, own_theme_id)
    if own is None:
        raise ValidationError("own_theme_id", f"unknown theme #{own_theme_id}")
    if own.agenda.level is not AgendaLevel.OWN:
        raise ValidationError("own_theme_id", "is not a theme of the own agenda")
    target = session.get(Agenda, agenda_id)
    if target is None:
        raise ValidationError("agenda_id", f"unknown agenda #{agenda_id}")
    if target.level is AgendaLevel.OWN:
        raise ValidationError("agenda_id", "an own theme aligns with an external agenda")
    if theme_id is not None:
        theme = session.get(AgendaTheme, theme_id)
        if theme is None:
            raise ValidationError("theme_id", f"unknown theme #{theme_id}")
        if theme.agenda_id != agenda_id:
            raise ValidationError("theme_id", f"is not a theme of '{target.name}'")
    duplicate = session.scalar(
        select(ThemeAlignment.id).where(
            ThemeAlignment.own_theme_id == own_theme_id,
            ThemeAlignment.agenda_id == agenda_id,
            ThemeAlignment.theme_id.is_(None)
            if theme_id is None
            else ThemeAlignment.theme_id == theme_id,
        )
    )
    if duplicate is not None:
        raise ValidationError("theme_id" if theme_id else "agenda_id", "is already aligned")
    alignment = ThemeAlignment(own_theme_id=own_theme_id, agenda_id=agenda_id, theme_id=theme_id)
    session.add(alignment)
    save(session, "alignment")
    return alignment


def remove_alignment(session: Session, alignment_id: int) -> None:
    """Remove an alignment."""
    session.delete(fetch(session, ThemeAlignment, alignment_id, "alignment"))
    save(session, "alignment")


def list_alignments(session: Session, agenda_id: int) -> list[AlignmentRow]:
    """Alignments from an own agenda's themes, or onto an external agenda, in theme order."""
    own = aliased(AgendaTheme)
    target_theme = aliased(AgendaTheme)
    stmt = (
        select(
            ThemeAlignment.id,
            own.id,
            own.name,
            Agenda.id,
            Agenda.name,
            target_theme.id,
            func.coalesce(target_theme.name, ""),
        )
        .join(own, own.id == ThemeAlignment.own_theme_id)
        .join(Agenda, Agenda.id == ThemeAlignment.agenda_id)
        .outerjoin(target_theme, target_theme.id == ThemeAlignment.theme_id)
        .where(or_(own.agenda_id == agenda_id, ThemeAlignment.agenda_id == agenda_id))
        .order_by(own.position, func.lower(Agenda.name), target_theme.position, ThemeAlignment.id)
    )
    return [AlignmentRow(*r) for r in session.execute(stmt)]
