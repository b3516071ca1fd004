"""The ties that interactions make, read in bulk for :mod:`techzone_crm.services.network`.

An interaction's participants are its attendees or, when nobody was named, the organisations
linked to it. Every two participants, every team member and participant (``by`` the team
member), every attendee and linked organisation, and every participant and linked agenda or
dossier get one tie with the day (for the recency decay) and the kind of contact. Planned
interactions (after ``today``) are no contact yet and make no ties.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import partial
from itertools import combinations

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from techzone_crm.analysis.model import NodeKind, Tie, TieKind, node_key
from techzone_crm.db.models import (
    Interaction,
    interaction_agenda,
    interaction_attendee,
    interaction_dossier,
    interaction_organisation,
    interaction_team_member,
)
from techzone_crm.services.network_links import rows

# The linked records of interactions: table, its column, and the kind of node it names.
_LINKS: tuple[tuple[Table, str, NodeKind], ...] = (
    (interaction_attendee, "person_id", NodeKind.PERSON),
    (interaction_team_member, "team_member_id", NodeKind.TEAM_MEMBER),
    (interaction_organisation, "organisation_id", NodeKind.ORGANISATION),
    (interaction_agenda, "agenda_id", NodeKind.AGENDA),
    (interaction_dossier, "dossier_id", NodeKind.DOSSIER),
)


def _linked(session: Session, table: Table, column: str, kind: NodeKind) -> dict[int, list[str]]:
    """interaction id → node keys of the linked records, in id order (one query)."""
    found: dict[int, list[str]] = defaultdict(list)
    stmt = select(table.c.interaction_id, table.c[column]).order_by(
        table.c.interaction_id, table.c[column]
    )
    prefix = node_key(kind, 0)[:-1]
    for interaction_id, ident in rows(session, stmt):
        found[interaction_id].append(f"{prefix}{ident}")
    return found


def interaction_ties(session: Session, today: date) -> list[Tie]:
    """The ties of every interaction up to ``today``, in six queries."""
    links = {kind: _linked(session, table, column, kind) for table, column, kind in _LINKS}
    stmt = (
        select(Interaction.id, Interaction.occurred_on, Interaction.kind)
        .where(Interaction.occurred_on <= today)
        .order_by(Interaction.occurred_on, Interaction.id)
    )
    ties: list[Tie] = []
    for ident, day, kind in rows(session, stmt):
        attendees = links[NodeKind.PERSON].get(ident, [])
        organisations = links[NodeKind.ORGANISATION].get(ident, [])
        participants = attendees or organisations
        topics = links[NodeKind.AGENDA].get(ident, []) + links[NodeKind.DOSSIER].get(ident, [])
        make = partial(Tie, kind=TieKind.INTERACTION, relation=kind.value, on=day)
        ties.extend(make(a, b) for a, b in combinations(participants, 2))
        for member in links[NodeKind.TEAM_MEMBER].get(ident, []):
            ties.extend(make(member, p, by=member) for p in participants)
        if attendees:
            ties.extend(make(p, o) for p in attendees for o in organisations)
        ties.extend(make(p, t) for p in participants for t in topics)
    return ties
