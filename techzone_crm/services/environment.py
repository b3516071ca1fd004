"""The environment analysis of the database: read the network, run the pipeline, and the
assessment history the power/interest grid shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.analysis.filters import NetworkFilter
from techzone_crm.analysis.model import NodeKind
from techzone_crm.analysis.pipeline import (
    EnvironmentAnalysis,
    GridEntry,
    run_pipeline,
    salience_counts,
)
from techzone_crm.db.models import Assessment
from techzone_crm.services.network import network_data
from techzone_crm.services.network_links import organisation_key, person_key

__all__ = ["EnvironmentAnalysis", "GridEntry", "analyse", "grid_entries", "salience_counts"]

_STAKEHOLDERS = frozenset({NodeKind.PERSON.value, NodeKind.ORGANISATION.value})


def analyse(
    session: Session,
    today: date,
    flt: NetworkFilter | None = None,
    *,
    layout_cache_dir: Path | None = None,
    **options: Any,
) -> EnvironmentAnalysis:
    """Read the network as of ``today`` and analyse what ``flt`` selects (the options are those
    of :func:`~techzone_crm.analysis.pipeline.run_pipeline`)."""
    data = network_data(session, today)
    return run_pipeline(data, flt, layout_cache_dir=layout_cache_dir, **options)


def _two_latest(session: Session, today: date) -> dict[str, list[tuple[int, int, int]]]:
    """Stakeholder key → (power, interest, attitude) of its newest two overall assessments up
    to ``today``, newest first (one query)."""
    ranked = (
        select(
            Assessment.person_id,
            Assessment.organisation_id,
            Assessment.power,
            Assessment.interest,
            Assessment.attitude,
            func.row_number()
            .over(
                partition_by=(Assessment.person_id, Assessment.organisation_id),
                order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),
            )
            .label("rank"),
        )
        .where(Assessment.dossier_id.is_(None), Assessment.assessed_on <= today)
        .subquery()
    )
    stmt = (
        select(
            ranked.c.person_id,
            ranked.c.organisation_id,
            ranked.c.power,
            ranked.c.interest,
            ranked.c.attitude,
        )
        .where(ranked.c.rank <= 2)
        .order_by(ranked.c.person_id, ranked.c.organisation_id, ranked.c.rank)
    )
    found: dict[str, list[tuple[int, int, int]]] = {}
    for person_id, organisation_id, power, interest, attitude in session.execute(stmt):
        key = person_key(person_id) if person_id is not None else organisation_key(organisation_id)
        found.setdefault(key, []).append((power, interest, attitude))
    return found


def grid_entries(session: Session, analysis: EnvironmentAnalysis) -> list[GridEntry]:
    """The assessed people and organisations of the analysed graph with their latest and
    previous overall power and interest, the most powerful first."""
    history = _two_latest(session, analysis.today)
    entries = []
    for key, attrs in analysis.graph.nodes(data=True):
        kind = str(attrs.get("kind", ""))
        if kind not in _STAKEHOLDERS or key not in history:
            continue
        (power, interest, attitude), *before = history[key]
        previous = (before[0][0], before[0][1]) if before else None
        label = str(attrs.get("label") or key)
        entries.append(GridEntry(key, label, power, interest, previous, attitude, kind))
    entries.sort(key=lambda e: (-e.power, -e.interest, e.label.casefold(), e.key))
    return entries
