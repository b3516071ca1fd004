"""Example data: a realistic, entirely fictional-person register for the TechZone region.

Public bodies carry their real names and web addresses; every person and company is
invented, and every e-mail address and invented web address is under the reserved
``.example`` domain. Everything is stored through the services, so the usual validation
applies, and the result depends only on ``seed`` and ``today``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from techzone_crm.db.models import Organisation
from techzone_crm.errors import UserError
from techzone_crm.services import maintenance
from techzone_crm.services.affiliations import AffiliationData, add_affiliation
from techzone_crm.services.demo_people import PersonPlan, mail_domain, plan_people
from techzone_crm.services.demo_public_affairs import STEPS, load_public_affairs
from techzone_crm.services.demo_relationships import RELATIONSHIP_STEPS, load_relationships
from techzone_crm.services.demo_specs import DemoBook, OrgSpec, load_book
from techzone_crm.services.organisations import OrganisationData, add_organisation
from techzone_crm.services.people import EmailData, PersonData, PhoneData, add_person
from techzone_crm.services.team import TeamMemberData, add_team_member

DEFAULT_SEED = 2021
NOT_EMPTY = (
    "The database already holds data; example data can only be loaded into an empty database."
)
FICTIONAL_COMPANY = "Fictief bedrijf (voorbeeldgegevens)."
FICTIONAL_ORGANISATION = "Fictieve organisatie (voorbeeldgegevens)."
# Progress is reported every this many records: often enough for a smooth bar, rarely
# enough not to slow the load down with repaints.
PROGRESS_STEP = 20

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """What loading the example data added."""

    organisations: int
    people: int
    affiliations: int
    team_members: int
    tags: int
    agendas: int = 0
    dossiers: int = 0
    assessments: int = 0
    interactions: int = 0
    commitments: int = 0
    relationships: int = 0

    def describe(self) -> str:
        """One or two sentences for the user."""
        text = (
            f"Loaded example data: {self.organisations} organisations, {self.people} people, "
            f"{self.affiliations} affiliations, {self.team_members} team members "
            f"and {self.tags} tags."
        )
        if self.agendas or self.interactions or self.relationships:
            parts = [
                f"{self.agendas} agendas",
                f"{self.dossiers} dossiers",
                f"{self.assessments} assessments",
                f"{self.interactions} interactions",
                f"{self.commitments} commitments",
            ]
            if self.relationships:
                parts.append(f"{self.relationships} relationships")
            text += f" For public affairs: {', '.join(parts[:-1])} and {parts[-1]}."
        return text


class _Ticker:
    """Calls ``progress(done, total)`` every few steps and once at the end."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        if progress is not None:
            progress(0, total)

    def step(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_STEP == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None and self.done % PROGRESS_STEP != 0:
            self.progress(self.done, self.total)


def load_demo(
    session: Session,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty database with the example data, in the caller's transaction.

    Raises :class:`UserError` and changes nothing if the database holds any organisation,
    person or team member. Dates of roles are relative to ``today`` (the current date by
    default), so the same ``seed`` and ``today`` always give identical rows.
    """
    if not maintenance.counts(session).empty:
        raise UserError(NOT_EMPTY)
    day = today or date.today()
    book = load_book()
    plans = plan_people(random.Random(seed), book, day)
    steps = STEPS + RELATIONSHIP_STEPS
    ticker = _Ticker(progress, len(book.organisations) + len(plans) + steps)

    # Holding the organisations and team members keeps them in the session's (weak)
    # identity map, so that the services' look-ups by id need no query.
    # Backup owners, do-not-contact flags and addresses come from a generator of their own,
    # so that adding them left the names, roles and owners of the data set as they were.
    extras = random.Random(seed * 7919 + 1)
    orgs = _add_organisations(session, book, ticker, extras)
    team = [add_team_member(session, TeamMemberData(t.name, t.email, t.active)) for t in book.team]
    org_ids = {key: org.id for key, org in orgs.items()}
    team_ids = [member.id for member in team]
    active = [member.id for member, spec in zip(team, book.team, strict=True) if spec.active]
    for plan in plans:
        _add_person(
            session, plan, org_ids, team_ids, _PersonExtras.draw(extras, plan, team_ids, active)
        )
        ticker.step()
    # Agendas, dossiers and a year of contacts draw from a generator of their own too.
    affairs = load_public_affairs(session, random.Random(seed * 7919 + 2), day, ticker.step)
    relationships = load_relationships(session, random.Random(seed * 7919 + 3), day, ticker.step)
    ticker.finish()

    counts = maintenance.counts(session)
    return DemoSummary(
        counts.organisations,
        counts.people,
        counts.affiliations,
        counts.team_members,
        counts.tags,
        agendas=affairs.agendas,
        dossiers=affairs.dossiers,
        assessments=affairs.assessments,
        interactions=affairs.interactions,
        commitments=affairs.commitments,
        relationships=relationships,
    )


def _add_organisations(
    session: Session, book: DemoBook, ticker: _Ticker, extras: random.Random
) -> dict[str, Organisation]:
    orgs = {o.key: o for o in book.organisations}
    added: dict[str, Organisation] = {}
    for spec in book.organisations:
        org = add_organisation(
            session,
            OrganisationData(
                name=spec.name,
                helix=spec.helix,
                government_level=spec.level,
                sectors=spec.sectors,
                short_name=spec.short,
                region=spec.region,
                website=_website(spec, orgs),
                parent_id=added[spec.parent].id if spec.parent else None,
                is_partner=spec.partner,
                notes=_notes(spec),
                **_address(spec, extras),
            ),
        )
        added[spec.key] = org
        ticker.step()
    return added


# Invented companies get invented addresses; real bodies are left without one rather
# than given a wrong one.
_STREETS = ["Industrieweg", "Bedrijvenpark", "Handelsweg", "Transportweg", "Innovatielaan"]
_POSTCODES = {"Emmen": 7821, "Coevorden": 7741, "Hardenberg": 7771, "Hoogeveen": 7903}


def _address(spec: OrgSpec, extras: random.Random) -> dict[str, str]:
    if not spec.fictional or spec.helix != "business":
        return {}
    number = _POSTCODES.get(spec.region, 7800 + extras.randrange(100))
    letters = "".join(extras.choice("ABCEGHJKLMNPRSTVWXZ") for _ in range(2))
    return {
        "street": f"{extras.choice(_STREETS)} {extras.randint(1, 120)}",
        "postal_code": f"{number} {letters}",
        "city": spec.region,
    }


@dataclass(frozen=True)
class _PersonExtras:
    backup_owner_id: int | None
    do_not_contact: bool

    @staticmethod
    def draw(
        extras: random.Random, plan: PersonPlan, team_ids: list[int], active: list[int]
    ) -> _PersonExtras:
        owner = None if plan.owner is None else team_ids[plan.owner]
        backups = [member for member in active if member != owner]
        backup = extras.choice(backups) if owner is not None and extras.random() < 0.3 else None
        return _PersonExtras(backup, extras.random() < 0.02)


def _website(spec: OrgSpec, orgs: dict[str, OrgSpec]) -> str:
    if spec.fictional:
        # Invented organisations get an address that cannot exist on the internet.
        return f"https://www.{mail_domain(spec, orgs)}"
    return spec.website


def _notes(spec: OrgSpec) -> str:
    if not spec.fictional:
        return spec.notes
    marker = FICTIONAL_COMPANY if spec.helix == "business" else FICTIONAL_ORGANISATION
    return f"{marker} {spec.notes}".strip()


def _add_person(
    session: Session,
    plan: PersonPlan,
    org_ids: dict[str, int],
    team_ids: list[int],
    extras: _PersonExtras,
) -> None:
    person = add_person(
        session,
        PersonData(
            given_name=plan.given,
            family_name=plan.family,
            name_prefix=plan.prefix,
            title=plan.title,
            notes=plan.notes,
            owner_id=None if plan.owner is None else team_ids[plan.owner],
            backup_owner_id=extras.backup_owner_id,
            do_not_contact=extras.do_not_contact,
            emails=[EmailData(address) for address in plan.emails],
            phones=[PhoneData(number, kind) for number, kind in plan.phones],
            tags=plan.tags,
        ),
    )
    for role in plan.roles:
        add_affiliation(
            session,
            AffiliationData(
                person_id=person.id,
                organisation_id=org_ids[role.org],
                role=role.role,
                start_date=role.start,
                end_date=role.end,
            ),
        )
