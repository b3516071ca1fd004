"""Merging two records of one person into one.

The survivor keeps its id; for each of its own fields the caller chooses whose value stays.
E-mail addresses, phone numbers, tags and roles of both are kept (without duplicates), and
the other record is deleted. Everything happens in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import Affiliation, EmailAddress, Person, PhoneNumber
from techzone_crm.errors import ValidationError
from techzone_crm.services.affiliations import AffiliationRow, person_affiliations
from techzone_crm.services.common import check_version, fetch, save
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
    session.delete(loser)
    save(session, WHAT)
    return survivor


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
