"""People and organisations linked to an agenda or one of its themes, with a role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Agenda, AgendaStakeholder, AgendaTheme, StakeholderRole
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.agendas import WHAT as AGENDA
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.services.stakeholder_refs import checked_stakeholder, stakeholder_names

WHAT = "stakeholder link"


@dataclass
class StakeholderLinkData:
    """Who is linked (exactly one of person and organisation), where, and in what role."""

    role: StakeholderRole | str
    person_id: int | None = None
    organisation_id: int | None = None
    #: None: the agenda as a whole.
    theme_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class StakeholderLinkRow:
    """A linked stakeholder, for lists: agenda-wide links first, then by theme."""

    id: int
    version: int
    theme_id: int | None
    theme: str
    role: StakeholderRole
    person_id: int | None
    organisation_id: int | None
    name: str
    note: str


def _apply(
    session: Session, link: AgendaStakeholder, agenda_id: int, data: StakeholderLinkData
) -> None:
    link.role = v.choice("role", StakeholderRole, data.role)
    link.person_id, link.organisation_id = checked_stakeholder(
        session, data.person_id, data.organisation_id
    )
    if data.theme_id is not None:
        theme = session.get(AgendaTheme, data.theme_id)
        if theme is None:
            raise ValidationError("theme_id", f"unknown theme #{data.theme_id}")
        if theme.agenda_id != agenda_id:
            raise ValidationError("theme_id", "is a theme of another agenda")
    link.theme_id = data.theme_id
    link.note = v.long_text("note", data.note)
    same = select(AgendaStakeholder.id).where(
        AgendaStakeholder.agenda_id == agenda_id,
        AgendaStakeholder.role == link.role,
        AgendaStakeholder.person_id.is_(None)
        if link.person_id is None
        else AgendaStakeholder.person_id == link.person_id,
        AgendaStakeholder.organisation_id.is_(None)
        if link.organisation_id is None
        else AgendaStakeholder.organisation_id == link.organisation_id,
        AgendaStakeholder.theme_id.is_(None)
        if link.theme_id is None
        else AgendaStakeholder.theme_id == link.theme_id,
    )
    if link.id is not None:
        same = same.where(AgendaStakeholder.id != link.id)
    if session.scalar(same) is not None:
        raise ValidationError("role", "this stakeholder is already linked here in this role")


def link_stakeholder(
    session: Session, agenda_id: int, data: StakeholderLinkData
) -> AgendaStakeholder:
    """Link a person or organisation to an agenda or one of its themes."""
    fetch(session, Agenda, agenda_id, AGENDA)
    link = AgendaStakeholder(agenda_id=agenda_id)
    with session.no_autoflush:
        _apply(session, link, agenda_id, data)
    session.add(link)
    save(session, WHAT)
    return link


def update_stakeholder_link(
    session: Session, link_id: int, data: StakeholderLinkData, expected_version: int | None = None
) -> AgendaStakeholder:
    """Change the role, theme or note of a link."""
    link = fetch(session, AgendaStakeholder, link_id, WHAT)
    check_version(link, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, link, link.agenda_id, data)
    save(session, WHAT)
    return link


def unlink_stakeholder(session: Session, link_id: int, expected_version: int | None = None) -> None:
    """Remove a link; the person or organisation stays."""
    link = fetch(session, AgendaStakeholder, link_id, WHAT)
    check_version(link, expected_version, WHAT)
    session.delete(link)
    save(session, WHAT)


_ROLES = list(StakeholderRole)


def list_stakeholders(session: Session, agenda_id: int) -> list[StakeholderLinkRow]:
    """The links of an agenda: agenda-wide first, then per theme; by role, then name."""
    stmt = (
        select(AgendaStakeholder, AgendaTheme.position, func.coalesce(AgendaTheme.name, ""))
        .outerjoin(AgendaTheme, AgendaTheme.id == AgendaStakeholder.theme_id)
        .where(AgendaStakeholder.agenda_id == agenda_id)
    )
    found = session.execute(stmt).all()
    people, orgs = stakeholder_names(
        session,
        [s.person_id for s, _, _ in found if s.person_id is not None],
        [s.organisation_id for s, _, _ in found if s.organisation_id is not None],
    )
    keyed = []
    for s, position, theme in found:
        if s.person_id is not None:
            name = people.get(s.person_id, "")
        else:
            name = orgs.get(s.organisation_id or 0, "")
        row = StakeholderLinkRow(
            id=s.id,
            version=s.version,
            theme_id=s.theme_id,
            theme=theme,
            role=s.role,
            person_id=s.person_id,
            organisation_id=s.organisation_id,
            name=name,
            note=s.note,
        )
        place = -1 if position is None else position
        keyed.append(((place, s.theme_id or 0, _ROLES.index(s.role), name.casefold()), row))
    return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]
