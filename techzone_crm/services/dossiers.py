"""Use cases for dossiers (public-affairs issues) and the agendas they belong to.

Stakeholders' positions are in :mod:`techzone_crm.services.dossier_positions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import (
    Agenda,
    AgendaTheme,
    Assessment,
    Commitment,
    Dossier,
    DossierAgenda,
    DossierStakeholder,
    IssueStage,
    interaction_dossier,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.agendas import LinkedRecordsError
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.services.search import words_in_any

WHAT = "dossier"
LINK = "agenda link"


@dataclass
class DossierData:
    """What a user enters for a dossier."""

    title: str
    description: str = ""
    stage: IssueStage | str = IssueStage.EMERGING


#: The stages of a dossier that is still being worked on (all but dormant / closed).
OPEN_STAGES: frozenset[IssueStage] = frozenset(s for s in IssueStage if s is not IssueStage.DORMANT)


class DossierSort(StrEnum):
    """What a dossier list can be sorted by."""

    STAGE = "stage"  # the most pressing first: critical … dormant
    TITLE = "title"
    AGENDAS = "agendas"
    POSITIONS = "positions"


@dataclass(frozen=True)
class DossierQuery:
    """Which dossiers to list: by stage, linked agenda, and words in title or description.

    ``stages`` (if not empty) keeps only dossiers in one of those stages, on top of ``stage``.
    """

    text: str = ""
    stage: IssueStage | None = None
    agenda_id: int | None = None
    stages: frozenset[IssueStage] = frozenset()
    sort: DossierSort = DossierSort.STAGE
    descending: bool = False


@dataclass(frozen=True)
class DossierRow:
    """One line of a dossier list."""

    id: int
    version: int
    title: str
    stage: IssueStage
    agendas: int
    positions: int


@dataclass(frozen=True)
class DossierAgendaRow:
    """An agenda (or one theme of it) a dossier belongs to."""

    id: int
    agenda_id: int
    agenda: str
    theme_id: int | None
    theme: str


@dataclass(frozen=True)
class DossierLinks:
    """What a delete of a dossier would remove or unlink, so that it can be explained first."""

    positions: int = 0
    agendas: int = 0
    interactions: int = 0
    assessments: int = 0
    commitments: int = 0

    @property
    def empty(self) -> bool:
        """True if nothing refers to the dossier."""
        return (
            not (self.positions or self.agendas or self.interactions or self.assessments)
            and not self.commitments
        )

    def describe(self) -> list[str]:
        """One plain sentence per kind of link, for a confirmation dialog."""
        lines = []
        if self.positions:
            lines.append(f"{self.positions} stakeholder position(s) are deleted with it.")
        if self.assessments:
            lines.append(f"{self.assessments} assessment(s) made for this dossier are deleted.")
        if self.agendas:
            lines.append(f"{self.agendas} link(s) to agendas are removed.")
        if self.interactions:
            lines.append(f"{self.interactions} interaction(s) stay but lose their link to it.")
        if self.commitments:
            lines.append(f"{self.commitments} commitment(s) stay but lose their link to it.")
        return lines


# --- dossiers ----------------------------------------------------------------------------


def _apply(dossier: Dossier, data: DossierData) -> None:
    dossier.title = v.required("title", data.title, 200)
    dossier.description = v.long_text("description", data.description)
    dossier.stage = v.choice("stage", IssueStage, data.stage)


def add_dossier(session: Session, data: DossierData) -> Dossier:
    """Create a dossier."""
    dossier = Dossier()
    _apply(dossier, data)
    session.add(dossier)
    save(session, WHAT)
    return dossier


def update_dossier(
    session: Session, dossier_id: int, data: DossierData, expected_version: int | None = None
) -> Dossier:
    """Change a dossier; ``expected_version`` guards against overwriting others' edits."""
    dossier = fetch(session, Dossier, dossier_id, WHAT)
    check_version(dossier, expected_version, WHAT)
    _apply(dossier, data)
    save(session, WHAT)
    return dossier


def get_dossier(session: Session, dossier_id: int) -> Dossier:
    """One dossier by id."""
    return fetch(session, Dossier, dossier_id, WHAT)


def _count(session: Session, stmt: Select[int]) -> int:
    return session.scalar(stmt) or 0


def dossier_links(session: Session, dossier_id: int) -> DossierLinks:
    """Counts of what refers to a dossier."""
    n = select(func.count())
    return DossierLinks(
        positions=_count(
            session,
            n.select_from(DossierStakeholder).where(DossierStakeholder.dossier_id == dossier_id),
        ),
        agendas=_count(
            session, n.select_from(DossierAgenda).where(DossierAgenda.dossier_id == dossier_id)
        ),
        interactions=_count(
            session,
            n.select_from(interaction_dossier).where(
                interaction_dossier.c.dossier_id == dossier_id
            ),
        ),
        assessments=_count(
            session, n.select_from(Assessment).where(Assessment.dossier_id == dossier_id)
        ),
        commitments=_count(
            session, n.select_from(Commitment).where(Commitment.dossier_id == dossier_id)
        ),
    )


def delete_dossier(
    session: Session, dossier_id: int, expected_version: int | None = None, confirm: bool = False
) -> DossierLinks:
    """Delete a dossier with its positions, agenda links and dossier assessments.

    Unless ``confirm``, a dossier that anything refers to is refused with a
    :class:`LinkedRecordsError` whose ``links`` is a :class:`DossierLinks`. Interactions
    and commitments stay; only their link to the dossier goes. Returns what was removed.
    """
    dossier = fetch(session, Dossier, dossier_id, WHAT)
    check_version(dossier, expected_version, WHAT)
    links = dossier_links(session, dossier_id)
    if not links.empty and not confirm:
        raise LinkedRecordsError(WHAT, links)
    session.delete(dossier)
    save(session, WHAT)
    return links


def _conditions(query: DossierQuery) -> list[ColumnElement[bool]]:
    conditions = words_in_any(query.text, Dossier.title, Dossier.description)
    if query.stage is not None:
        conditions.append(Dossier.stage == query.stage)
    if query.stages:
        conditions.append(Dossier.stage.in_(sorted(query.stages)))
    if query.agenda_id is not None:
        conditions.append(
            Dossier.id.in_(
                select(DossierAgenda.dossier_id).where(DossierAgenda.agenda_id == query.agenda_id)
            )
        )
    return conditions


def count_dossiers(session: Session, query: DossierQuery) -> int:
    """How many dossiers match ``query``."""
    return session.scalar(select(func.count(Dossier.id)).where(*_conditions(query))) or 0


def list_dossiers(
    session: Session, query: DossierQuery = DossierQuery(), page: Page = FIRST_PAGE
) -> list[DossierRow]:
    """One page of dossiers, by default the most pressing stage first, then by title.

    Sorted by ``query.sort`` (descending reverses that key only; ties go by stage and title).
    """
    pressing = [
        IssueStage.CRITICAL,
        IssueStage.CURRENT,
        IssueStage.EMERGING,
        IssueStage.LATENT,
        IssueStage.DORMANT,
    ]
    stage_key = case({s.value: i for i, s in enumerate(pressing)}, value=Dossier.stage, else_=99)
    agendas = (
        select(func.count()).where(DossierAgenda.dossier_id == Dossier.id).correlate(Dossier)
    ).scalar_subquery()
    positions = (
        select(func.count()).where(DossierStakeholder.dossier_id == Dossier.id).correlate(Dossier)
    ).scalar_subquery()
    keys: dict[DossierSort, ColumnElement[object]] = {
        DossierSort.STAGE: stage_key,
        DossierSort.TITLE: func.lower(Dossier.title),
        DossierSort.AGENDAS: agendas,
        DossierSort.POSITIONS: positions,
    }
    first = keys[DossierSort(query.sort)]
    stmt = (
        select(Dossier.id, Dossier.version, Dossier.title, Dossier.stage, agendas, positions)
        .where(*_conditions(query))
        .order_by(
            first.desc() if query.descending else first,
            stage_key,
            func.lower(Dossier.title),
            Dossier.id,
        )
        .offset(page.offset)
        .limit(page.limit)
    )
    return [
        DossierRow(id=r[0], version=r[1], title=r[2], stage=r[3], agendas=r[4], positions=r[5])
        for r in session.execute(stmt)
    ]


def agenda_names(session: Session, dossier_ids: Iterable[int]) -> dict[int, list[str]]:
    """The names of the agendas each dossier belongs to (each once, by name), by dossier id."""
    ids = set(dossier_ids)
    if not ids:
        return {}
    stmt = (
        select(DossierAgenda.dossier_id, Agenda.name)
        .join(Agenda, Agenda.id == DossierAgenda.agenda_id)
        .where(DossierAgenda.dossier_id.in_(ids))
        .order_by(DossierAgenda.dossier_id, func.lower(Agenda.name), Agenda.id)
    )
    names: dict[int, list[str]] = {}
    for dossier_id, name in session.execute(stmt):
        shown = names.setdefault(dossier_id, [])
        if name not in shown:  # an agenda linked through several of its themes
            shown.append(name)
    return names


# --- agendas and themes ------------------------------------------------------------------


def link_agenda(
    session: Session, dossier_id: int, agenda_id: int, theme_id: int | None = None
) -> DossierAgenda:
    """Put a dossier under an agenda, or under one theme of it."""
    fetch(session, Dossier, dossier_id, WHAT)
    agenda = session.get(Agenda, agenda_id)
    if agenda is None:
        raise ValidationError("agenda_id", f"unknown agenda #{agenda_id}")
    if theme_id is not None:
        theme = session.get(AgendaTheme, theme_id)
        if theme is None:
            raise ValidationError("theme_id", f"unknown theme #{theme_id}")
        if theme.agenda_id != agenda_id:
            raise ValidationError("theme_id", f"is not a theme of '{agenda.name}'")
    same = select(DossierAgenda.id).where(
        DossierAgenda.dossier_id == dossier_id,
        DossierAgenda.agenda_id == agenda_id,
        DossierAgenda.theme_id.is_(None)
        if theme_id is None
        else DossierAgenda.theme_id == theme_id,
    )
    if session.scalar(same) is not None:
        raise ValidationError("theme_id" if theme_id else "agenda_id", "is already linked")
    link = DossierAgenda(dossier_id=dossier_id, agenda_id=agenda_id, theme_id=theme_id)
    session.add(link)
    save(session, LINK)
    return link


def unlink_agenda(session: Session, link_id: int) -> None:
    """Take a dossier out of an agenda or theme."""
    session.delete(fetch(session, DossierAgenda, link_id, LINK))
    save(session, LINK)


def dossier_agendas(session: Session, dossier_id: int) -> list[DossierAgendaRow]:
    """The agendas and themes of a dossier, by agenda name and theme order."""
    stmt = (
        select(
            DossierAgenda.id,
            Agenda.id,
            Agenda.name,
            AgendaTheme.id,
            func.coalesce(AgendaTheme.name, ""),
        )
        .join(Agenda, Agenda.id == DossierAgenda.agenda_id)
        .outerjoin(AgendaTheme, AgendaTheme.id == DossierAgenda.theme_id)
        .where(DossierAgenda.dossier_id == dossier_id)
        .order_by(func.lower(Agenda.name), AgendaTheme.position.nulls_first(), DossierAgenda.id)
    )
    return [DossierAgendaRow(*r) for r in session.execute(stmt)]


def find_dossiers(session: Session, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(id, title) of dossiers matching ``text``, for pickers (the most pressing first)."""
    rows = list_dossiers(session, DossierQuery(text=text), Page(0, limit))
    return [(r.id, r.title) for r in rows]
