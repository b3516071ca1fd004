"""Checking and naming the person-or-organisation a stakeholder link points at."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Organisation, Person
from techzone_crm.errors import ValidationError
from techzone_crm.text import person_sorted_name


def checked_stakeholder(
    session: Session, person_id: int | None, organisation_id: int | None
) -> tuple[int | None, int | None]:
    """``(person_id, organisation_id)`` if exactly one is given and it exists."""
    if person_id is None and organisation_id is None:
        raise ValidationError("person_id", "choose a person or an organisation")
    if person_id is not None and organisation_id is not None:
        raise ValidationError("organisation_id", "choose a person or an organisation, not both")
    if person_id is not None and session.get(Person, person_id) is None:
        raise ValidationError("person_id", f"unknown person #{person_id}")
    if organisation_id is not None and session.get(Organisation, organisation_id) is None:
        raise ValidationError("organisation_id", f"unknown organisation #{organisation_id}")
    return person_id, organisation_id


def stakeholder_names(
    session: Session, person_ids: Iterable[int], organisation_ids: Iterable[int]
) -> tuple[dict[int, str], dict[int, str]]:
    """Sorted names of people ("Berg, Jan van der") and names of organisations, by id."""
    people: dict[int, str] = {}
    orgs: dict[int, str] = {}
    pids, oids = set(person_ids), set(organisation_ids)
    if pids:
        for pid, given, prefix, family in session.execute(
            select(Person.id, Person.given_name, Person.name_prefix, Person.family_name).where(
                Person.id.in_(pids)
            )
        ):
            people[pid] = person_sorted_name(given, prefix, family)
    if oids:
        stmt = select(Organisation.id, Organisation.name).where(Organisation.id.in_(oids))
        orgs = {oid: name for oid, name in session.execute(stmt)}
    return people, orgs
