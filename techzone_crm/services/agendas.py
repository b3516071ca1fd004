"""Use cases for strategic agendas.

Themes and alignments are in :mod:`techzone_crm.services.agenda_themes`, stakeholder links in
:mod:`techzone_crm.services.agenda_stakeholders`, the agenda page in
:mod:`techzone_crm.services.agenda_overview`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, case, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Agenda,
    AgendaLevel,
    AgendaStakeholder,
    AgendaTheme,
    DossierAgenda,
    Organisation,
    Sector,
    ThemeAlignment,
    agenda_sector,
    interaction_agenda,
)
from techzone_crm.errors import UserError, ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.services.search import words_in_any

WHAT = "agenda"


@dataclass
class AgendaData:
    """What a user enters for an agenda."""

    name: str
    level: AgendaLevel | str
    description: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    website: str = ""
    owner_organisation_id: int | None = None
    sectors: Collection[Sector | str] = ()


class AgendaSort(StrEnum):
    """What an agenda list is sorted by (ties by name)."""

    LEVEL = "level"  # the own agenda first, then Rijk, province, Noord-Nederland, EU
    NAME = "name"
    PERIOD = "period"  # by start date, agendas without one last
    THEMES = "themes"
    STAKEHOLDERS = "stakeholders"


@dataclass(frozen=True)
class AgendaQuery:
    """Which agendas to list: by level, own or external, and words in name or description."""

    text: str = ""
    level: AgendaLevel | None = None
    #: True: only the own agenda(s); False: only external ones.
    own: bool | None = None
    sort: AgendaSort = AgendaSort.LEVEL
    descending: bool = False


@dataclass(frozen=True)
class AgendaRow:
    """One line of an agenda list."""

    id: int
    version: int
    name: str
    level: AgendaLevel
    starts_on: date | None
    ends_on: date | None
    owner_organisation: str
    themes: int
    stakeholders: int
    sectors: tuple[Sector, ...] = field(default=())


@dataclass(frozen=True)
class AgendaLinks:
    """What a delete of an agenda or theme would remove, so that it can be explained first.

    Interactions are never removed: only their link to the agenda goes.
    """

    themes: int = 0
    stakeholders: int = 0
    alignments: int = 0
    dossiers: int = 0
    interactions: int = 0

    @property
    def empty(self) -> bool:
        """True if nothing refers to the record."""
        return not (
            self.themes
            or self.stakeholders
            or self.alignments
            or self.dossiers
            or self.interactions
        )

    def describe(self) -> list[str]:
        """One plain sentence per kind of link, for a confirmation dialog."""
        lines = []
        if self.themes:
            lines.append(f"{self.themes} theme(s) are deleted with it.")
        if self.stakeholders:
            lines.append(f"{self.stakeholders} stakeholder link(s) are removed.")
        if self.alignments:
            lines.append(f"{self.alignments} alignment(s) of own themes are removed.")
        if self.dossiers:
            lines.append(f"{self.dossiers} dossier(s) lose their link to it.")
        if self.interactions:
            lines.append(f"{self.interactions} interaction(s) stay but lose their link to it.")
        return lines


class Explainable(Protocol):
    """Counts of what a delete would touch, with a sentence per kind."""

    def describe(self) -> list[str]: ...


class LinkedRecordsError(UserError):
    """A delete that would remove links was not confirmed; ``links`` says which.

    ``links`` is an :class:`AgendaLinks` for agendas and themes, a ``DossierLinks`` for
    dossiers: a dialog shows ``links.describe()`` and asks again with ``confirm=True``.
    """

    def __init__(self, what: str, links: Explainable) -> None:
        super().__init__(f"The {what} is in use: " + " ".join(links.describe()))
        self.links = links


# --- agendas -----------------------------------------------------------------------------


def _apply(session: Session, agenda: Agenda, data: AgendaData) -> set[Sector]:
    agenda.name = v.required("name", data.name, 200)
    level = v.choice("level", AgendaLevel, data.level)
    if agenda.id is not None and level is not agenda.level:
        _check_level_change(session, agenda.id, level)
    agenda.level = level
    agenda.description = v.long_text("description", data.description)
    v.period(data.starts_on, data.ends_on, "ends_on")
    agenda.starts_on, agenda.ends_on = data.starts_on, data.ends_on
    agenda.website = v.website("website", data.website)
    owner = data.owner_organisation_id
    if owner is not None and session.get(Organisation, owner) is None:
        raise ValidationError("owner_organisation_id", f"unknown organisation #{owner}")
    agenda.owner_organisation_id = owner
    return {v.choice("sectors", Sector, s) for s in data.sectors}


def _check_level_change(session: Session, agenda_id: int, level: AgendaLevel) -> None:
    """Refuse a level change that would leave leads or alignments where they make no sense."""
    if level is not AgendaLevel.OWN:
        led = session.scalar(
            select(func.count())
            .select_from(AgendaTheme)
            .where(
                AgendaTheme.agenda_id == agenda_id,
                or_(
                    AgendaTheme.lead_organisation_id.is_not(None),
                    AgendaTheme.lead_person_id.is_not(None),
                ),
            )
        )
        if led:
            raise ValidationError("level", "themes of this agenda have a lead; remove them first")
        if session.scalar(select(func.count()).where(own_side(agenda_id))):
            raise ValidationError("level", "themes of this agenda are aligned; remove that first")
    elif session.scalar(
        select(func.count())
        .select_from(ThemeAlignment)
        .where(ThemeAlignment.agenda_id == agenda_id)
    ):
        raise ValidationError("level", "own themes are aligned with this agenda; remove that first")


def own_side(agenda_id: int) -> ColumnElement[bool]:
    """SQL condition: the alignment starts from a theme of this agenda."""
    return ThemeAlignment.own_theme_id.in_(
        select(AgendaTheme.id).where(AgendaTheme.agenda_id == agenda_id)
    )


def _set_sectors(session: Session, agenda_id: int, wanted: set[Sector]) -> bool:
    """Store the agenda's sectors; True if they changed."""
    have = set(
        session.scalars(
            select(agenda_sector.c.sector).where(agenda_sector.c.agenda_id == agenda_id)
        )
    )
    if have == wanted:
        return False
    if have - wanted:
        session.execute(
            delete(agenda_sector).where(
                agenda_sector.c.agenda_id == agenda_id, agenda_sector.c.sector.in_(have - wanted)
            )
        )
    if wanted - have:
        session.execute(
            insert(agenda_sector),
            [{"agenda_id": agenda_id, "sector": s} for s in sorted(wanted - have)],
        )
    return True


def add_agenda(session: Session, data: AgendaData) -> Agenda:
    """Create an agenda."""
    agenda = Agenda()
    with session.no_autoflush:
        sectors = _apply(session, agenda, data)
    session.add(agenda)
    save(session, WHAT)
    _set_sectors(session, agenda.id, sectors)
    return agenda


def update_agenda(
    session: Session, agenda_id: int, data: AgendaData, expected_version: int | None = None
) -> Agenda:
    """Change an agenda; ``expected_version`` guards against overwriting others' edits."""
    agenda = fetch(session, Agenda, agenda_id, WHAT)
    check_version(agenda, expected_version, WHAT)
    with session.no_autoflush:
        sectors = _apply(session, agenda, data)
    if _set_sectors(session, agenda_id, sectors):
        # Sectors live in another table: touch the agenda so that its version moves.
        agenda.updated_at = utcnow()
    save(session, WHAT)
    return agenda


def get_agenda(session: Session, agenda_id: int) -> Agenda:
    """One agenda by id."""
    return fetch(session, Agenda, agenda_id, WHAT)


def agenda_sectors(session: Session, agenda_id: int) -> set[Sector]:
    """The sectors an agenda is linked to."""
    stmt = select(agenda_sector.c.sector).where(agenda_sector.c.agenda_id == agenda_id)
    return set(session.scalars(stmt))


def _count(session: Session, stmt: Select[int]) -> int:
    return session.scalar(stmt) or 0


def agenda_links(session: Session, agenda_id: int) -> AgendaLinks:
    """Counts of what refers to an agenda."""
    n = select(func.count())
    return AgendaLinks(
        themes=_count(
            session, n.select_from(AgendaTheme).where(AgendaTheme.agenda_id == agenda_id)
        ),
        stakeholders=_count(
            session,
            n.select_from(AgendaStakeholder).where(AgendaStakeholder.agenda_id == agenda_id),
        ),
        alignments=_count(
            session,
            n.select_from(ThemeAlignment).where(
                or_(ThemeAlignment.agenda_id == agenda_id, own_side(agenda_id))
            ),
        ),
        dossiers=_count(
            session,
            select(func.count(func.distinct(DossierAgenda.dossier_id))).where(
                DossierAgenda.agenda_id == agenda_id
            ),
        ),
        interactions=_count(
            session,
            n.select_from(interaction_agenda).where(interaction_agenda.c.agenda_id == agenda_id),
        ),
    )


def delete_agenda(
    session: Session, agenda_id: int, expected_version: int | None = None, confirm: bool = False
) -> AgendaLinks:
    """Delete an agenda with its themes, stakeholder links, alignments and dossier links.

    Unless ``confirm``, an agenda that anything refers to is refused with a
    :class:`LinkedRecordsError`. Interactions stay; only their link to the agenda goes.
    Returns what was removed.
    """
    agenda = fetch(session, Agenda, agenda_id, WHAT)
    check_version(agenda, expected_version, WHAT)
    links = agenda_links(session, agenda_id)
    if not links.empty and not confirm:
        raise LinkedRecordsError(WHAT, links)
    session.delete(agenda)
    save(session, WHAT)
    return links


def _text_condition(text: str) -> list[ColumnElement[bool]]:
    return words_in_any(text, Agenda.name, Agenda.description)


def _conditions(query: AgendaQuery) -> list[ColumnElement[bool]]:
    conditions = _text_condition(query.text)
    if query.level is not None:
        conditions.append(Agenda.level == query.level)
    if query.own is True:
        conditions.append(Agenda.level == AgendaLevel.OWN)
    elif query.own is False:
        conditions.append(Agenda.level != AgendaLevel.OWN)
    return conditions


def count_agendas(session: Session, query: AgendaQuery = AgendaQuery()) -> int:
    """How many agendas :func:`list_agendas` gives for ``query`` over all pages."""
    stmt = select(func.count()).select_from(Agenda).where(*_conditions(query))
    return session.scalar(stmt) or 0


def list_agendas(
    session: Session, query: AgendaQuery = AgendaQuery(), page: Page = FIRST_PAGE
) -> list[AgendaRow]:
    """One page of agendas, by default the own agenda first, then by level (Rijk … EU), name."""
    themes = (
        select(func.count()).where(AgendaTheme.agenda_id == Agenda.id).correlate(Agenda)
    ).scalar_subquery()
    stakeholders = (
        select(func.count()).where(AgendaStakeholder.agenda_id == Agenda.id).correlate(Agenda)
    ).scalar_subquery()
    order = [AgendaLevel.OWN, *[lv for lv in AgendaLevel if lv is not AgendaLevel.OWN]]
    level_key = case({lv.value: i for i, lv in enumerate(order)}, value=Agenda.level, else_=99)
    keys: dict[AgendaSort, list[Any]] = {
        AgendaSort.LEVEL: [level_key],
        AgendaSort.NAME: [func.lower(Agenda.name)],
        AgendaSort.PERIOD: [Agenda.starts_on, Agenda.ends_on],
        AgendaSort.THEMES: [themes],
        AgendaSort.STAKEHOLDERS: [stakeholders],
    }
    first = [k.desc() if query.descending else k for k in keys[query.sort]]
    if query.sort is AgendaSort.PERIOD:
        first.insert(0, Agenda.starts_on.is_(None))  # agendas without a start stay last
    stmt = (
        select(
            Agenda.id,
            Agenda.version,
            Agenda.name,
            Agenda.level,
            Agenda.starts_on,
            Agenda.ends_on,
            func.coalesce(Organisation.name, ""),
            themes,
            stakeholders,
        )
        .outerjoin(Organisation, Organisation.id == Agenda.owner_organisation_id)
        .where(*_conditions(query))
        .order_by(*first, func.lower(Agenda.name), Agenda.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    rows = session.execute(stmt).all()
    sectors: dict[int, list[Sector]] = {}
    if rows:
        for agenda_id, sector in session.execute(
            select(agenda_sector.c.agenda_id, agenda_sector.c.sector).where(
                agenda_sector.c.agenda_id.in_([r[0] for r in rows])
            )
        ):
            sectors.setdefault(agenda_id, []).append(sector)
    return [
        AgendaRow(
            id=r[0],
            version=r[1],
            name=r[2],
            level=r[3],
            starts_on=r[4],
            ends_on=r[5],
            owner_organisation=r[6],
            themes=r[7] or 0,
            stakeholders=r[8] or 0,
            sectors=tuple(sorted(sectors.get(r[0], []))),
        )
        for r in rows
    ]


def find_agendas(session: Session, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(id, name) of agendas matching ``text``, for pickers (the own agenda first)."""
    return [(r.id, r.name) for r in list_agendas(session, AgendaQuery(text=text), Page(0, limit))]
