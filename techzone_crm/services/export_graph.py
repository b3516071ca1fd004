"""Exported people or organisations as a network: nodes, affiliations and relationships."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Affiliation, Organisation, Relationship
from techzone_crm.io.graph_writer import GraphEdge, GraphNode
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.export_rows import OrganisationValues, PersonValues, word


class _Column(Protocol):
    @property
    def key(self) -> str: ...


def _attributes(cells: dict[str, object], columns: Sequence[_Column]) -> dict[str, object]:
    return {c.key: cells[c.key] for c in columns if c.key != "name"}


def _relationship_edges(
    session: Session, a: Any, b: Any, prefix: str, ids: Sequence[int]
) -> list[GraphEdge]:
    stmt = select(Relationship.kind, a, b, Relationship.strength).where(or_(a.in_(ids), b.in_(ids)))
    return [
        GraphEdge(f"{prefix}:{x}", f"{prefix}:{y}", kind.value, {"strength": strength})
        for kind, x, y, strength in session.execute(stmt)
    ]


def people_graph(
    session: Session, values: Iterable[PersonValues], columns: Sequence[_Column], day: date
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The people, the organisations of their current roles, and the ties between them."""
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    organisation_ids: set[int] = set()
    batch: list[PersonValues] = []

    def flush() -> None:
        ids = [v.id for v in batch]
        stmt = select(Affiliation.person_id, Affiliation.organisation_id, Affiliation.role).where(
            Affiliation.person_id.in_(ids), is_current(day)
        )
        for person_id, org_id, role in session.execute(stmt):
            organisation_ids.add(org_id)
            edges.append(
                GraphEdge(
                    f"person:{person_id}", f"organisation:{org_id}", "affiliation", {"role": role}
                )
            )
        edges.extend(
            _relationship_edges(
                session, Relationship.person_a_id, Relationship.person_b_id, "person", ids
            )
        )
        batch.clear()

    for value in values:
        nodes.append(
            GraphNode(
                f"person:{value.id}",
                str(value.cells["name"]),
                "person",
                _attributes(value.cells, columns),  # type: ignore[arg-type]
            )
        )
        batch.append(value)
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    org_list = sorted(organisation_ids)
    for start in range(0, len(org_list), 1000):
        chunk = org_list[start : start + 1000]
        for org in session.scalars(select(Organisation).where(Organisation.id.in_(chunk))):
            nodes.append(
                GraphNode(
                    f"organisation:{org.id}",
                    org.name,
                    "organisation",
                    {"helix": word(org.helix), "level": word(org.government_level)},
                )
            )
        edges.extend(
            _relationship_edges(
                session,
                Relationship.organisation_a_id,
                Relationship.organisation_b_id,
                "organisation",
                chunk,
            )
        )
    return nodes, edges


def organisation_graph(
    session: Session, values: Iterable[OrganisationValues], columns: Sequence[_Column]
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The organisations, their relationships and which one is part of which."""
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    ids: list[int] = []
    for value in values:
        nodes.append(
            GraphNode(
                f"organisation:{value.id}",
                str(value.cells["name"]),
                "organisation",
                _attributes(value.cells, columns),  # type: ignore[arg-type]
            )
        )
        ids.append(value.id)
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        edges.extend(
            _relationship_edges(
                session,
                Relationship.organisation_a_id,
                Relationship.organisation_b_id,
                "organisation",
                chunk,
            )
        )
        parents = select(Organisation.id, Organisation.parent_id).where(
            Organisation.id.in_(chunk), Organisation.parent_id.is_not(None)
        )
        edges.extend(
            GraphEdge(f"organisation:{child}", f"organisation:{parent}", "part_of")
            for child, parent in session.execute(parents)
        )
    return nodes, edges
