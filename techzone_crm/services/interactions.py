"""Use cases for interactions: meetings, calls, e-mails, events and working visits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Affiliation,
    Agenda,
    Commitment,
    Dossier,
    Interaction,
    InteractionKind,
    Organisation,
    Person,
    TeamMember,
    interaction_agenda,
    interaction_attendee,
    interaction_dossier,
    interaction_organisation,
    interaction_team_member,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.common import FIRST_PAGE, Page, check_version, fetch, save
from techzone_crm.services.search import MAX_QUERY_WORDS
from techzone_crm.text import fold, person_sorted_name

WHAT = "interaction"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class InteractionData:
    """What a user enters for an interaction."""

    occurred_on: date
    kind: InteractionKind | str
    subject: str
    notes: str = ""
    attendee_ids: Sequence[int] = ()
    team_member_ids: Sequence[int] = ()
    organisation_ids: Sequence[int] = ()
    agenda_ids: Sequence[int] = ()
    dossier_ids: Sequence[int] = ()


@dataclass(frozen=True)
class Ref:
    """A linked record: its id and the name to show."""

    id: int
    name: str


@dataclass(frozen=True)
class InteractionRow:
    """An interaction with the names of everything linked to it."""

    id: int
    version: int
    occurred_on: date
    kind: InteractionKind
    subject: str
    notes: str
    attendees: tuple[Ref, ...] = ()
    team_members: tuple[Ref, ...] = ()
    organisations: tuple[Ref, ...] = ()
    agendas: tuple[Ref, ...] = ()
    dossiers: tuple[Ref, ...] = ()

    def to_data(self) -> InteractionData:
        """The row as input for an edit form."""
        return InteractionData(
            occurred_on=self.occurred_on,
            kind=self.kind,
            subject=self.subject,
            notes=self.notes,
            attendee_ids=[r.id for r in self.attendees],
            team_member_ids=[r.id for r in self.team_members],
            organisation_ids=[r.id for r in self.organisations],
            agenda_ids=[r.id for r in self.agendas],
            dossier_ids=[r.id for r in self.dossiers],
        )


class InteractionSort(StrEnum):
    """What an interaction list can be sorted by (ties: newest first)."""

    DATE = "date"
    KIND = "kind"
    SUBJECT = "subject"


@dataclass(frozen=True)
class InteractionQuery:
    """Which interactions to list; every filter given must hold.

    ``text`` matches every word in the subject, the notes, an attendee's or an
    organisation's name (any case, as a substring).
    """

    person_id: int | None = None
    team_member_id: int | None = None
    organisation_id: int | None = None
    agenda_id: int | None = None
    dossier_id: int | None = None
    kind: InteractionKind | None = None
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    text: str = ""
    sort: InteractionSort = InteractionSort.DATE
    descending: bool = True


@dataclass(frozen=True)
class _Link:
    """How one kind of link is stored, checked and named."""

    field: str
    table: Table
    column: str
    model: type[Any]
    what: str
    #: The columns that make up the shown name; the first one also sorts.
    name_columns: tuple[Any, ...]
    label: Callable[..., str] = str


# The association tables of an interaction, with how to check and name their rows.
LINKS: tuple[_Link, ...] = (
    _Link(
        "attendee_ids",
        interaction_attendee,
        "person_id",
        Person,
        "person",
        (Person.sort_name, Person.given_name, Person.name_prefix, Person.family_name),
        lambda _key, given, prefix, family: person_sorted_name(given, prefix, family),
    ),
    _Link(
        "team_member_ids",
        interaction_team_member,
        "team_member_id",
        TeamMember,
        "team member",
        (TeamMember.name,),
    ),
    _Link(
        "organisation_ids",
        interaction_organisation,
        "organisation_id",
        Organisation,
        "organisation",
        (Organisation.sort_name, Organisation.name),
        lambda _key, name: str(name),
    ),
    _Link("agenda_ids", interaction_agenda, "agenda_id", Agenda, "agenda", (Agenda.name,)),
    _Link("dossier_ids", interaction_dossier, "dossier_id", Dossier, "dossier", (Dossier.title,)),
)


def _checked_ids(session: Session, link: _Link, ids: Sequence[int]) -> list[int]:
    """``ids`` without repeats, all existing, in the order given."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    found = set(session.scalars(select(link.model.id).where(link.model.id.in_(unique))))
    missing = [i for i in unique if i not in found]
    if missing:
        raise ValidationError(link.field, f"unknown {link.what} #{missing[0]}")
    return unique


def _apply(session: Session, item: Interaction, data: InteractionData) -> dict[str, list[int]]:
    if not isinstance(data.occurred_on, date):
        raise ValidationError("occurred_on", "is required")
    item.occurred_on = data.occurred_on
    item.kind = v.choice("kind", InteractionKind, data.kind)
    item.subject = v.required("subject", data.subject, 300)
    item.notes = v.long_text("notes", data.notes)
    return {link.field: _checked_ids(session, link, getattr(data, link.field)) for link in LINKS}


def _write_links(session: Session, interaction_id: int, wanted: dict[str, list[int]]) -> None:
    for link in LINKS:
        table = link.table
        session.execute(delete(table).where(table.c.interaction_id == interaction_id))
        rows = [{"interaction_id": interaction_id, link.column: i} for i in wanted[link.field]]
        if rows:
            session.execute(insert(table), rows)


def add_interaction(session: Session, data: InteractionData) -> InteractionRow:
    """Record an interaction with its attendees and links."""
    item = Interaction()
    with session.no_autoflush:
        wanted = _apply(session, item, data)
    session.add(item)
    save(session, WHAT)
    _write_links(session, item.id, wanted)
    return get_interaction(session, item.id)


def update_interaction(
    session: Session,
    interaction_id: int,
    data: InteractionData,
    expected_version: int | None = None,
) -> InteractionRow:
    """Change an interaction and its links; ``expected_version`` guards against lost edits."""
    item = fetch(session, Interaction, interaction_id, WHAT)
    check_version(item, expected_version, WHAT)
    with session.no_autoflush:
        wanted = _apply(session, item, data)
    # The links live in other tables: touch the interaction so every saved edit moves its
    # version and a concurrent edit of the attendees is detected too.
    item.updated_at = utcnow()
    save(session, WHAT)
    _write_links(session, item.id, wanted)
    return get_interaction(session, item.id)


def interaction_commitments(session: Session, interaction_id: int) -> int:
    """How many commitments were made at the interaction (they survive its deletion)."""
    stmt = select(func.count()).where(Commitment.interaction_id == interaction_id)
    return session.scalar(stmt) or 0


def delete_interaction(
    session: Session, interaction_id: int, expected_version: int | None = None
) -> int:
    """Delete an interaction and its links; returns the commitments that lose the link.

    Commitments are kept: a promise stays a promise when the meeting record goes.
    """
    item = fetch(session, Interaction, interaction_id, WHAT)
    check_version(item, expected_version, WHAT)
    kept = session.scalars(
        select(Commitment).where(Commitment.interaction_id == interaction_id)
    ).all()
    for commitment in kept:
        commitment.interaction_id = None
    session.delete(item)
    save(session, WHAT)
    return len(kept)


def _refs(session: Session, ids: Sequence[int]) -> dict[int, dict[str, list[Ref]]]:
    """interaction id → link field → linked records, by name (one query per kind)."""
    found: dict[int, dict[str, list[Ref]]] = {i: {} for i in ids}
    if not ids:
        return found
    for link in LINKS:
        table = link.table
        other = link.model.id
        stmt = (
            select(table.c.interaction_id, other, *link.name_columns)
            .join(link.model, other == table.c[link.column])
            .where(table.c.interaction_id.in_(ids))
            .order_by(link.name_columns[0], other)
        )
        for interaction_id, other_id, *name in session.execute(stmt):
            ref = Ref(other_id, link.label(*name))
            found[interaction_id].setdefault(link.field, []).append(ref)
    return found


def _rows(session: Session, items: Sequence[Interaction]) -> list[InteractionRow]:
    refs = _refs(session, [i.id for i in items])
    return [
        InteractionRow(
            id=i.id,
            version=i.version,
            occurred_on=i.occurred_on,
            kind=i.kind,
            subject=i.subject,
            notes=i.notes,
            attendees=tuple(refs[i.id].get("attendee_ids", ())),
            team_members=tuple(refs[i.id].get("team_member_ids", ())),
            organisations=tuple(refs[i.id].get("organisation_ids", ())),
            agendas=tuple(refs[i.id].get("agenda_ids", ())),
            dossiers=tuple(refs[i.id].get("dossier_ids", ())),
        )
        for i in items
    ]


def get_interaction(session: Session, interaction_id: int) -> InteractionRow:
    """One interaction with its links."""
    return _rows(session, [fetch(session, Interaction, interaction_id, WHAT)])[0]


def _filtered(query: InteractionQuery) -> Select[Interaction]:
    stmt = select(Interaction)
    linked = (
        (query.person_id, interaction_attendee, "person_id"),
        (query.team_member_id, interaction_team_member, "team_member_id"),
        (query.organisation_id, interaction_organisation, "organisation_id"),
        (query.agenda_id, interaction_agenda, "agenda_id"),
        (query.dossier_id, interaction_dossier, "dossier_id"),
    )
    for wanted, table, column in linked:
        if wanted is not None:
            stmt = stmt.where(
                Interaction.id.in_(select(table.c.interaction_id).where(table.c[column] == wanted))
            )
    if query.kind is not None:
        stmt = stmt.where(Interaction.kind == query.kind)
    if query.since is not None:
        stmt = stmt.where(Interaction.occurred_on >= query.since)
    if query.until is not None:
        stmt = stmt.where(Interaction.occurred_on <= query.until)
    return stmt.where(*(_mentions(word) for word in _words(query.text)))


def _contains(column: Any, word: str) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _words(text: str) -> list[str]:
    """The lower-case words of ``text`` (as typed: stored subjects keep their accents)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())[:MAX_QUERY_WORDS]


def _mentions(word: str) -> ColumnElement[bool]:
    """``word`` is in the subject, the notes or the name of an attendee or organisation.

    Names are matched without accents; the subject and notes as typed or without accents.
    """
    folded = fold(word)
    attendees = (
        select(interaction_attendee.c.interaction_id)
        .join(Person, Person.id == interaction_attendee.c.person_id)
        .where(_contains(Person.sort_name, folded))
    )
    organisations = (
        select(interaction_organisation.c.interaction_id)
        .join(Organisation, Organisation.id == interaction_organisation.c.organisation_id)
        .where(_contains(Organisation.sort_name, folded))
    )
    return or_(
        _contains(Interaction.subject, word),
        _contains(Interaction.notes, word),
        _contains(Interaction.subject, folded),
        _contains(Interaction.notes, folded),
        Interaction.id.in_(attendees),
        Interaction.id.in_(organisations),
    )


_SORT_COLUMNS: dict[InteractionSort, Any] = {
    InteractionSort.DATE: Interaction.occurred_on,
    InteractionSort.KIND: Interaction.kind,
    InteractionSort.SUBJECT: func.lower(Interaction.subject),
}


def count_interactions(session: Session, query: InteractionQuery) -> int:
    """How many interactions match ``query``."""
    sub = _filtered(query).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def list_interactions(
    session: Session, query: InteractionQuery, page: Page = FIRST_PAGE
) -> list[InteractionRow]:
    """One page of matching interactions, newest first unless ``query`` sorts otherwise."""
    column = _SORT_COLUMNS[query.sort]
    first = column.desc() if query.descending else column.asc()
    stmt = (
        _filtered(query)
        .order_by(first, Interaction.occurred_on.desc(), Interaction.id.desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return _rows(session, session.scalars(stmt).all())


def quick_add(
    session: Session,
    subject: str,
    *,
    kind: InteractionKind | str = InteractionKind.CALL,
    occurred_on: date | None = None,
    person_id: int | None = None,
    team_member_id: int | None = None,
    organisation_id: int | None = None,
    agenda_id: int | None = None,
    dossier_id: int | None = None,
) -> InteractionRow:
    """Record a call (by default) today from a person's, agenda's or dossier's page."""

    def one(ident: int | None) -> list[int]:
        return [] if ident is None else [ident]

    return add_interaction(
        session,
        InteractionData(
            occurred_on=occurred_on or date.today(),
            kind=kind,
            subject=subject,
            attendee_ids=one(person_id),
            team_member_ids=one(team_member_id),
            organisation_ids=one(organisation_id),
            agenda_ids=one(agenda_id),
            dossier_ids=one(dossier_id),
        ),
    )


def link_names(session: Session, field: str, ids: Sequence[int]) -> list[Ref]:
    """The names of the records ``ids`` of one link field ("agenda_ids" …), in that order.

    Ids of records that no longer exist are left out.
    """
    link = next(x for x in LINKS if x.field == field)
    if not ids:
        return []
    stmt = select(link.model.id, *link.name_columns).where(link.model.id.in_(list(ids)))
    names = {row[0]: link.label(*row[1:]) for row in session.execute(stmt)}
    return [Ref(i, names[i]) for i in dict.fromkeys(ids) if i in names]


def current_organisations(
    session: Session, person_ids: Sequence[int], today: date | None = None
) -> dict[int, Ref]:
    """Person id → the organisation of their main current role (the one started last)."""
    if not person_ids:
        return {}
    day = today or date.today()
    stmt = (
        select(Affiliation.person_id, Organisation.id, Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.person_id.in_(list(person_ids)), is_current(day))
        .order_by(Affiliation.start_date.desc(), Affiliation.id.desc())
    )
    found: dict[int, Ref] = {}
    for person_id, org_id, name in session.execute(stmt):
        found.setdefault(person_id, Ref(org_id, name))
    return found
