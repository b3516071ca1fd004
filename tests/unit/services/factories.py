"""Short ways to create records through the services, with sensible defaults."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, Person
from techzone_crm.services import affiliations, organisations, people


def org(
    session: Session, name: str = "Gemeente Emmen", helix: str = "business", **kw: Any
) -> Organisation:
    """An organisation (a business unless ``helix`` says otherwise)."""
    return organisations.add_organisation(
        session, organisations.OrganisationData(name=name, helix=helix, **kw)
    )


def person(
    session: Session,
    given_name: str = "Jan",
    family_name: str = "Jansen",
    *,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    **kw: Any,
) -> Person:
    """A person; e-mail addresses and phone numbers as plain strings."""
    return people.add_person(
        session,
        people.PersonData(
            given_name=given_name,
            family_name=family_name,
            emails=[people.EmailData(e) for e in emails],
            phones=[people.PhoneData(p) for p in phones],
            **kw,
        ),
    )


def role(
    session: Session,
    who: Person,
    where: Organisation,
    title: str = "",
    start: date | None = None,
    end: date | None = None,
) -> Affiliation:
    """An affiliation of ``who`` at ``where``."""
    return affiliations.add_affiliation(
        session,
        affiliations.AffiliationData(who.id, where.id, title, start_date=start, end_date=end),
    )
