"""Example data for the public-affairs work: agendas, dossiers, assessments, contacts, promises.

The agendas and dossiers come from ``resources/demo/agendas.json``; people are found among
the example people by organisation and role. Assessments, interactions and commitments are
drawn from the caller's generator relative to ``today``: a year of contacts in which some
key players were deliberately left alone for too long (amber and red on the follow-up list)
and a few never contacted, and commitments in every state. Everything goes through the
services, so the usual validation applies.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, TeamMember
from techzone_crm.paths import resource
from techzone_crm.services.agenda_stakeholders import StakeholderLinkData, link_stakeholder
from techzone_crm.services.agenda_themes import ThemeData, add_theme, align_theme
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment, grid_quadrant
from techzone_crm.services.commitments import CommitmentData, add_commitment, cancel, mark_done
from techzone_crm.services.demo_specs import DEMO_FOLDER, load_book
from techzone_crm.services.dossier_positions import PositionData, add_position
from techzone_crm.services.dossiers import DossierData, add_dossier, link_agenda
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.rhythm import RED_FACTOR, target_interval

#: How often :func:`load_public_affairs` calls its ``step`` callback.
STEPS = 9
_INTERACTION_STEPS = 5
KEY_STAKEHOLDERS = 42
INTERACTIONS = 320
_KINDS = ["meeting"] * 5 + ["call"] * 4 + ["email"] * 4 + ["event"] * 2 + ["working_visit"] * 2
_ENGAGEMENT = ["inform", "consult", "involve", "collaborate", "empower"]
# Shares of the key stakeholders by how their contact rhythm stands on ``today``.
_RHYTHM_PLAN = ["ok"] * 24 + ["amber"] * 8 + ["red"] * 6 + ["never"] * 4
_SUBJECTS = {
    "meeting": [
        "Bestuurlijk overleg over {a}",
        "Afstemming over {a}",
        "Voortgangsgesprek over {a}",
    ],
    "call": ["Telefoontje over {a}", "Kort belmoment over {a}"],
    "email": ["Notitie over {a} gedeeld", "Reactie op conceptstuk over {a}"],
    "event": [
        "Netwerkbijeenkomst over {a}",
        "Techniekdag Zuidoost-Drenthe",
        "Regiocongres over {a}",
    ],
    "working_visit": ["Werkbezoek over {a}", "Bedrijfsbezoek met {a} op de agenda"],
}
_OUR_PROMISES = [
    "Notitie met cijfers over de regionale arbeidsmarkt sturen",
    "Uitnodiging voor een werkbezoek aan een leerwerkplaats versturen",
    "Verslag van het overleg rondsturen",
    "Contact leggen met de lector kunststoftechnologie",
    "Voorstel voor een gezamenlijke lobbybrief opstellen",
]
_THEIR_PROMISES = [
    "Reactie op het voorstel geven",
    "Cijfers over de instroom aanleveren",
    "Agenderen in het bestuurlijk overleg",
    "Contactpersoon bij de directie noemen",
    "Terugkoppeling na het Statendebat",
]


@dataclass(frozen=True)
class PublicAffairsCounts:
    """What loading the public-affairs example data added."""

    agendas: int
    dossiers: int
    assessments: int
    interactions: int
    commitments: int


class _Directory:
    """Organisations by key and their current people by role, from the loaded example data."""

    def __init__(self, session: Session) -> None:
        keys = {spec.name: spec.key for spec in load_book().organisations}
        self.orgs = {
            keys[name]: ident
            for ident, name in session.execute(
                select(Organisation.id, Organisation.name).order_by(Organisation.id)
            )
            if name in keys
        }
        self.people: dict[str, list[tuple[str, int]]] = {}
        self.org_of: dict[int, int] = {}
        rows = session.execute(
            select(Organisation.name, Affiliation.role, Affiliation.person_id, Organisation.id)
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
            .where(Affiliation.end_date.is_(None))
            .order_by(Affiliation.id)
        )
        for name, role, person_id, org_id in rows:
            self.people.setdefault(keys.get(name, ""), []).append((role, person_id))
            self.org_of.setdefault(person_id, org_id)

    def person(self, org: str, role: str | None) -> int | None:
        """The person holding ``role`` at ``org`` (any role if empty); None: the organisation."""
        staff = self.people.get(org, [])
        if role is None or not staff:
            return None
        return next((p for r, p in staff if r == role), staff[0][1])

    def stakeholder(self, spec: dict[str, Any]) -> tuple[int | None, int | None]:
        """``(person_id, organisation_id)`` for a spec with ``org`` and optional ``person``."""
        person = self.person(spec["org"], spec.get("person"))
        return (person, None) if person is not None else (None, self.orgs[spec["org"]])


def _read() -> dict[str, Any]:
    with resource(DEMO_FOLDER, "agendas.json").open(encoding="utf-8") as stream:
        data: dict[str, Any] = json.load(stream)
    return data


@dataclass
class _Loaded:
    agendas: dict[str, int]
    #: agenda id → how people speak of it in a subject line ("de Regio Deal")
    topics: dict[int, str]
    themes: dict[tuple[str, str], int]
    dossiers: list[tuple[int, list[int]]]
    key_people: list[int]


def _add_agendas(session: Session, d: _Directory, spec: dict[str, Any]) -> _Loaded:
    loaded = _Loaded({}, {}, {}, [], [])
    for a in spec["agendas"]:
        agenda = add_agenda(
            session,
            AgendaData(
                name=a["name"],
                level=a["level"],
                description=a["description"],
                starts_on=date.fromisoformat(a["starts"]) if a.get("starts") else None,
                ends_on=date.fromisoformat(a["ends"]) if a.get("ends") else None,
                website=a.get("website", ""),
                owner_organisation_id=d.orgs[a["owner"]],
                sectors=a["sectors"],
            ),
        )
        loaded.agendas[a["key"]] = agenda.id
        loaded.topics[agenda.id] = a["topic"]
        for t in a["themes"]:
            lead = t.get("lead")
            person = d.person(lead, t.get("person")) if lead else None
            theme = add_theme(
                session,
                agenda.id,
                ThemeData(
                    name=t["name"],
                    lead_organisation_id=d.orgs[lead] if lead else None,
                    lead_person_id=person,
                ),
            )
            loaded.themes[a["key"], t["name"]] = theme.id
            if person is not None:
                loaded.key_people.append(person)
        for s in a["stakeholders"]:
            person, org = d.stakeholder(s)
            theme_id = loaded.themes[a["key"], s["theme"]] if s.get("theme") else None
            link_stakeholder(
                session,
                agenda.id,
                StakeholderLinkData(s["role"], person, org, theme_id, s.get("note", "")),
            )
            if person is not None:
                loaded.key_people.append(person)
    own_key = next(a["key"] for a in spec["agendas"] if a["level"] == "own")
    for own_theme, agenda_key, theme in spec["alignments"]:
        target = loaded.themes[agenda_key, theme] if theme else None
        align_theme(session, loaded.themes[own_key, own_theme], loaded.agendas[agenda_key], target)
    return loaded


def _add_dossiers(
    session: Session, d: _Directory, spec: dict[str, Any], loaded: _Loaded, today: date
) -> None:
    for item in spec["dossiers"]:
        dossier = add_dossier(
            session, DossierData(item["title"], item["description"], item["stage"])
        )
        agenda_ids: list[int] = []
        for agenda_key, theme in item["agendas"]:
            agenda_id = loaded.agendas[agenda_key]
            link_agenda(
                session, dossier.id, agenda_id, loaded.themes[agenda_key, theme] if theme else None
            )
            agenda_ids.append(agenda_id)
        for p in item["positions"]:
            person, org = d.stakeholder(p)
            add_position(
                session,
                dossier.id,
                PositionData(
                    position=p["position"],
                    person_id=person,
                    organisation_id=org,
                    source=p["source"],
                    source_date=today - timedelta(days=p["days"]),
                    source_reference=p["reference"],
                ),
                today=today,
            )
            if person is not None:
                loaded.key_people.append(person)
        loaded.dossiers.append((dossier.id, agenda_ids))


def _assess(
    session: Session, rng: random.Random, people: list[int], team: list[int], today: date
) -> tuple[dict[int, int], int]:
    """Two or three dated assessments per person: person → target contact interval, count."""
    targets: dict[int, int] = {}
    count = 0
    for n, person in enumerate(people):
        key = n % 2 == 0
        power = rng.randint(4, 5) if key else rng.randint(2, 5)
        interest = rng.randint(4, 5) if key else rng.randint(1, 3)
        attitude, agreement, trust = rng.randint(-1, 1), rng.randint(2, 4), rng.randint(2, 4)
        engagement = rng.randint(0, 2)
        ages = sorted(rng.sample(range(10, 365), rng.randint(2, 3)), reverse=True)
        for step, age in enumerate(ages):
            if step:
                # A stakeholder moves: usually warmer as the relationship grows.
                interest = max(1, min(5, interest + rng.choice([-1, 1, 1]) * (not key)))
                attitude = min(2, attitude + rng.choice([0, 1]))
                trust = max(1, min(5, trust + rng.choice([-1, 1, 1])))
                agreement = max(1, min(5, agreement + rng.choice([0, 1])))
                engagement = min(3, engagement + 1)
            add_assessment(
                session,
                AssessmentData(
                    assessed_on=today - timedelta(days=age),
                    power=power,
                    interest=interest,
                    person_id=person,
                    assessed_by_id=rng.choice(team),
                    has_power=power >= 4,
                    has_legitimacy=rng.random() < 0.8,
                    has_urgency=interest >= 4 and rng.random() < 0.6,
                    attitude=attitude,
                    agreement=agreement,
                    trust=trust,
                    engagement_current=_ENGAGEMENT[engagement],
                    engagement_desired=_ENGAGEMENT[min(4, engagement + rng.randint(0, 2))],
                ),
                today=today,
            )
            count += 1
        targets[person] = target_interval(None, grid_quadrant(power, interest))
    return targets, count


def _last_contact(rng: random.Random, plan: str, target: int) -> int | None:
    """Days ago of the latest contact for a rhythm plan (None: never contacted)."""
    red_from = int(target * RED_FACTOR)
    if plan == "ok":
        return rng.randint(1, target - 3)
    if plan == "amber":
        return rng.randint(target + 3, red_from - 3)
    if plan == "red":
        return rng.randint(red_from + 5, min(360, red_from * 2))
    return None


def _interactions(
    session: Session,
    rng: random.Random,
    d: _Directory,
    loaded: _Loaded,
    last: dict[int, int | None],
    team: list[int],
    today: date,
    step: Callable[[], None],
) -> list[tuple[int, date, list[int], int | None]]:
    """A year of contacts; nobody in ``last`` is met after their last-contact day."""
    key = [p for p, days in last.items() if days is not None]
    others = sorted(p for p in d.org_of if p not in last)
    planned: list[tuple[int, list[int]]] = [(last[p] or 0, [p]) for p in key]
    while len(planned) < INTERACTIONS:
        age = rng.randint(0, 364)
        allowed = [p for p in key if (last[p] or 0) <= age]
        count = rng.choice([1, 1, 2, 2, 3, 5])
        chosen = rng.sample(allowed, min(len(allowed), rng.randint(0, count)))
        chosen += rng.sample(others, count - len(chosen) if count > len(chosen) else 0)
        planned.append((age, chosen or [rng.choice(others)]))
    planned.sort(key=lambda item: (-item[0], item[1]))
    made: list[tuple[int, date, list[int], int | None]] = []
    for n, (age, attendees) in enumerate(planned):
        kind = rng.choice(_KINDS)
        agenda_id = rng.choice(list(loaded.agendas.values())) if rng.random() < 0.6 else None
        dossier_id, dossier_agendas = rng.choice(loaded.dossiers)
        with_dossier = rng.random() < 0.3
        if with_dossier and agenda_id is None:
            agenda_id = dossier_agendas[0]
        topic = loaded.topics[agenda_id] if agenda_id is not None else "de samenwerking"
        row = add_interaction(
            session,
            InteractionData(
                occurred_on=today - timedelta(days=age),
                kind=kind,
                subject=rng.choice(_SUBJECTS[kind]).format(a=topic),
                attendee_ids=attendees,
                team_member_ids=rng.sample(team, rng.randint(1, 2)),
                organisation_ids=sorted({d.org_of[p] for p in attendees}),
                agenda_ids=[agenda_id] if agenda_id is not None else [],
                dossier_ids=[dossier_id] if with_dossier else [],
            ),
        )
        made.append((row.id, row.occurred_on, attendees, dossier_id if with_dossier else None))
        if (n + 1) * _INTERACTION_STEPS // len(planned) > n * _INTERACTION_STEPS // len(planned):
            step()
    return made


def _commitments(
    session: Session,
    rng: random.Random,
    d: _Directory,
    made: list[tuple[int, date, list[int], int | None]],
    team: list[int],
    today: date,
) -> int:
    """Commitments in every state, by us and by stakeholders; returns how many."""
    plan = {"done": (30, 330, 18), "cancelled": (30, 330, 5), "overdue": (20, 120, 8)}
    plan |= {"open": (0, 40, 12), "undated": (0, 90, 3)}
    count = 0
    for state, (young, old, wanted) in plan.items():
        pool = [m for m in made if young <= (today - m[1]).days <= old]
        for ident, day, attendees, dossier in sorted(rng.sample(pool, min(wanted, len(pool)))):
            by_us = rng.random() < 0.6
            age = (today - day).days
            due: date | None = None
            if state == "open":
                due = today + timedelta(days=rng.randint(3, 60))
            elif state != "undated":
                due = day + timedelta(days=rng.randint(7, max(7, age - 1)))
                due = min(due, today - timedelta(days=1))
            person = attendees[0]
            c = add_commitment(
                session,
                CommitmentData(
                    description=rng.choice(_OUR_PROMISES if by_us else _THEIR_PROMISES),
                    by_us=by_us,
                    team_member_id=rng.choice(team) if by_us or rng.random() < 0.5 else None,
                    person_id=person,
                    organisation_id=d.org_of.get(person),
                    dossier_id=dossier,
                    interaction_id=ident,
                    due_on=due,
                ),
            )
            if state == "done" and due is not None:
                kept = due + timedelta(days=rng.randint(-5, 5))
                mark_done(session, c.id, max(day, min(kept, today)), today=today)
            elif state == "cancelled":
                cancel(session, c.id)
            count += 1
    return count


def load_public_affairs(
    session: Session, rng: random.Random, today: date, step: Callable[[], None]
) -> PublicAffairsCounts:
    """Add the public-affairs example data on top of the example people and organisations."""
    spec = _read()
    d = _Directory(session)
    team = list(
        session.scalars(select(TeamMember.id).where(TeamMember.active).order_by(TeamMember.id))
    )
    loaded = _add_agendas(session, d, spec)
    step()
    _add_dossiers(session, d, spec, loaded, today)
    step()
    people = list(dict.fromkeys(loaded.key_people))
    spare = sorted(p for p in d.org_of if p not in set(people))
    people += rng.sample(spare, max(0, KEY_STAKEHOLDERS - len(people)))
    targets, assessments = _assess(session, rng, people, team, today)
    step()
    plans = (_RHYTHM_PLAN * (len(people) // len(_RHYTHM_PLAN) + 1))[: len(people)]
    rng.shuffle(plans)
    last = {p: _last_contact(rng, plan, targets[p]) for p, plan in zip(people, plans, strict=True)}
    made = _interactions(session, rng, d, loaded, last, team, today, step)
    commitments = _commitments(session, rng, d, made, team, today)
    step()
    return PublicAffairsCounts(
        len(loaded.agendas), len(loaded.dossiers), assessments, len(made), commitments
    )
