"""Merging two records of one person into one.

The survivor keeps its id; for each of its own fields the caller chooses whose value stays.
E-mail addresses, phone numbers, tags and roles of both are kept (without duplicates), and
so is the public-affairs history: assessments, agenda links, positions on dossiers,
commitments, interactions attended and agenda themes led move to the survivor. The other
record is deleted. Everything happens in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from sqlalchemy import and_, insert, literal, select, update
from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Affiliation,
    AgendaStakeholder,
    AgendaTheme,
    Assessment,
    Commitment,
    DistinctPeople,
    DossierStakeholder,
    EmailAddress,
    Person,
    PhoneNumber,
    interaction_attendee,
)
from techzone_crm.errors import ValidationError
from techzone_crm.services.affiliations import AffiliationRow, person_affiliations
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.services.relationships import move_person_relationships
from techzone_crm.text import fold

WHAT = "person"


class Side(StrEnum):
    """Whose value a merged field keeps."""

    SURVIVOR = "survivor"
    LOSER = "loser"


@dataclass(frozen=True)
class MergeChoices:
    """For each field of a person, whose value the merged person keeps."""

    given_name: Side = Side.SURVIVOR
    name_prefix: Side = Side.SURVIVOR
    family_name: Side = Side.SURVIVOR
    title: Side = Side.SURVIVOR
    notes: Side = Side.SURVIVOR
    owner_id: Side = Side.SURVIVOR
    backup_owner_id: Side = Side.SURVIVOR
    do_not_contact: Side = Side.SURVIVOR


#: The fields a merge chooses between, in the order a form shows them.
CHOSEN_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(MergeChoices))


def _affiliation_key(a: Affiliation) -> tuple[int, str, object, object]:
    return (a.organisation_id, fold(" ".join(a.role.split())), a.start_date, a.end_date)


def merge_people(
    session: Session,
    survivor_id: int,
    loser_id: int,
    choices: MergeChoices | None = None,
    *,
    survivor_version: int | None = None,
    loser_version: int | None = None,
) -> Person:
    """Merge the person ``loser_id`` into ``survivor_id`` and delete it; returns the survivor.

    The versions are the ones the user saw; if either record changed since, a ConflictError
    is raised before anything is changed.
    """
    if survivor_id == loser_id:
        raise ValidationError("loser_id", "a person cannot be merged with itself")
    survivor = fetch(session, Person, survivor_id, WHAT)
    loser = fetch(session, Person, loser_id, WHAT)
    check_version(survivor, survivor_version, WHAT)
    check_version(loser, loser_version, WHAT)
    chosen = choices or MergeChoices()

    with session.no_autoflush:
        for name in CHOSEN_FIELDS:
            if getattr(chosen, name) is Side.LOSER:
                setattr(survivor, name, getattr(loser, name))
        if survivor.backup_owner_id is not None and survivor.backup_owner_id == survivor.owner_id:
            survivor.backup_owner_id = None  # one person cannot be their own stand-in

        known_emails = {e.address.lower() for e in survivor.emails}
        for e in loser.emails:
            if e.address.lower() not in known_emails:
                known_emails.add(e.address.lower())
                survivor.emails.append(
                    EmailAddress(address=e.address, kind=e.kind, position=len(survivor.emails))
                )
        known_phones = {n.number for n in survivor.phones}
        for n in loser.phones:
            if n.number not in known_phones:
                known_phones.add(n.number)
                survivor.phones.append(
                    PhoneNumber(number=n.number, kind=n.kind, position=len(survivor.phones))
                )
        tag_ids = {t.id for t in survivor.tags}
        survivor.tags.extend(t for t in loser.tags if t.id not in tag_ids)

        roles = {_affiliation_key(a) for a in survivor.affiliations}
        for aff in list(loser.affiliations):
            key = _affiliation_key(aff)
            if key in roles:
                continue  # the same role twice: it goes with the loser
            roles.add(key)
            # Moving the row keeps its id, so an undo can give it back to the loser.
            survivor.affiliations.append(aff)
        survivor.updated_at = utcnow()
    save(session, WHAT)
    _move_history(session, survivor.id, loser.id)
    session.delete(loser)
    save(session, WHAT)
    return survivor


def _move_history(session: Session, survivor_id: int, loser_id: int) -> None:
    """Give the loser's public-affairs rows to the survivor, before the loser is deleted.

    A link to the same agenda theme in the same role, a second position on a dossier the
    survivor already has one on, or a relationship the survivor already has, goes with the
    loser (like a role held twice).
    """
    move_person_relationships(session, loser_id, survivor_id)
    bump = {"synchronize_session": "fetch"}
    for model in (Assessment, Commitment):
        session.execute(
            update(model)
            .where(model.person_id == loser_id)
            .values(person_id=survivor_id, version=model.version + 1),
            execution_options=bump,
        )
    link = AgendaStakeholder
    theirs = select(link.agenda_id, link.theme_id, link.role).where(link.person_id == survivor_id)
    known = {tuple(row) for row in session.execute(theirs)}
    for link_id, agenda_id, theme_id, role in session.execute(
        select(link.id, link.agenda_id, link.theme_id, link.role).where(link.person_id == loser_id)
    ):
        if (agenda_id, theme_id, role) in known:
            continue
        known.add((agenda_id, theme_id, role))
        session.execute(
            update(link)
            .where(link.id == link_id)
            .values(person_id=survivor_id, version=link.version + 1),
            execution_options=bump,
        )
    position = DossierStakeholder
    taken = select(position.dossier_id).where(position.person_id == survivor_id)
    session.execute(
        update(position)
        .where(position.person_id == loser_id, position.dossier_id.not_in(taken))
        .values(person_id=survivor_id, version=position.version + 1),
        execution_options=bump,
    )
    session.execute(
        update(AgendaTheme)
        .where(AgendaTheme.lead_person_id == loser_id)
        .values(lead_person_id=survivor_id, version=AgendaTheme.version + 1),
        execution_options=bump,
    )
    attended = interaction_attendee
    already = select(attended.c.interaction_id).where(attended.c.person_id == survivor_id)
    session.execute(
        insert(attended).from_select(
            ["interaction_id", "person_id"],
            select(attended.c.interaction_id, literal(survivor_id)).where(
                attended.c.person_id == loser_id, attended.c.interaction_id.not_in(already)
            ),
        )
    )
    _move_distinct_marks(session, survivor_id, loser_id)


def _move_distinct_marks(session: Session, survivor_id: int, loser_id: int) -> None:
    """The loser's "not the same person" marks now hold for the survivor."""
    pairs = DistinctPeople
    others = {
        a if b == loser_id else b
        for a, b in session.execute(
            select(pairs.person_a_id, pairs.person_b_id).where(
                (pairs.person_a_id == loser_id) | (pairs.person_b_id == loser_id)
            )
        )
    }
    others.discard(survivor_id)
    for other in sorted(others):
        first, second = sorted((survivor_id, other))
        exists = session.scalar(
            select(pairs.person_a_id).where(
                and_(pairs.person_a_id == first, pairs.person_b_id == second)
            )
        )
        if exists is None:
            session.add(DistinctPeople(person_a_id=first, person_b_id=second))


@dataclass(frozen=True)
class MergeSource:
    """One side of a merge as a preview shows it (plain values, no ORM objects)."""

    id: int
    version: int
    display_name: str
    values: dict[str, object]
    owner_name: str
    backup_owner_name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    tags: tuple[str, ...]
    roles: tuple[AffiliationRow, ...]


def merge_source(session: Session, person_id: int) -> MergeSource:
    """What a merge preview needs of ``person_id``."""
    p = fetch(session, Person, person_id, WHAT)
    return MergeSource(
        id=p.id,
        version=p.version,
        display_name=p.display_name,
        values={name: getattr(p, name) for name in CHOSEN_FIELDS},
        owner_name=p.owner.name if p.owner is not None else "",
        backup_owner_name=p.backup_owner.name if p.backup_owner is not None else "",
        emails=tuple(e.address for e in p.emails),
        phones=tuple(n.number for n in p.phones),
        tags=tuple(sorted((t.name for t in p.tags), key=str.casefold)),
        roles=tuple(person_affiliations(session, p.id)),
    )


def united(first: tuple[str, ...], second: tuple[str, ...], *, ignore_case: bool) -> list[str]:
    """``first`` then what ``second`` adds, as a merge unites addresses, numbers and tags."""
    seen = {v.lower() if ignore_case else v for v in first}
    result = list(first)
    for value in second:
        key = value.lower() if ignore_case else value
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result
