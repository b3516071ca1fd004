"""Listing dossiers: several stages at once, sorting, and the agenda names of each."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import IssueStage
from techzone_crm.errors import NotFoundError
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.dossier_positions import PositionData, add_position, get_position
from techzone_crm.services.dossiers import (
    OPEN_STAGES,
    DossierData,
    DossierQuery,
    DossierSort,
    add_dossier,
    agenda_names,
    count_dossiers,
    link_agenda,
    list_dossiers,
)

from .factories import person


def _titles(session: Session, query: DossierQuery) -> list[str]:
    return [r.title for r in list_dossiers(session, query)]


def test_open_stages_leave_out_dormant_dossiers(session: Session) -> None:
    add_dossier(session, DossierData("Nedersaksenlijn", stage="current"))
    add_dossier(session, DossierData("Kunststoffenlab", stage="dormant"))
    add_dossier(session, DossierData("JTF na 2027", stage="latent"))
    query = DossierQuery(stages=OPEN_STAGES)
    assert _titles(session, query) == ["Nedersaksenlijn", "JTF na 2027"]
    assert count_dossiers(session, query) == 2
    both = DossierQuery(stages=frozenset({IssueStage.DORMANT, IssueStage.LATENT}))
    assert _titles(session, both) == ["JTF na 2027", "Kunststoffenlab"]


def test_sorting_by_title_agendas_and_positions(session: Session) -> None:
    rail = add_dossier(session, DossierData("Nedersaksenlijn", stage="current"))
    jobs = add_dossier(session, DossierData("arbeidsmarkt", stage="critical"))
    add_dossier(session, DossierData("Zonneparken", stage="latent"))
    deal = add_agenda(session, AgendaData("Regio Deal", "national"))
    eu = add_agenda(session, AgendaData("JTF", "eu"))
    link_agenda(session, rail.id, deal.id)
    link_agenda(session, rail.id, eu.id)
    link_agenda(session, jobs.id, deal.id)
    for family in ("Berg", "Bos", "Dijk"):
        who = person(session, "Jan", family)
        add_position(session, jobs.id, PositionData(1, person_id=who.id), today=date(2026, 1, 1))

    by_title = DossierQuery(sort=DossierSort.TITLE)
    assert _titles(session, by_title) == ["arbeidsmarkt", "Nedersaksenlijn", "Zonneparken"]
    backwards = DossierQuery(sort=DossierSort.TITLE, descending=True)
    assert _titles(session, backwards) == ["Zonneparken", "Nedersaksenlijn", "arbeidsmarkt"]
    most_agendas = DossierQuery(sort=DossierSort.AGENDAS, descending=True)
    assert _titles(session, most_agendas) == ["Nedersaksenlijn", "arbeidsmarkt", "Zonneparken"]
    fewest_positions = DossierQuery(sort=DossierSort.POSITIONS)
    # Ties (no positions) keep the most pressing stage first.
    assert _titles(session, fewest_positions) == ["Nedersaksenlijn", "Zonneparken", "arbeidsmarkt"]
    least_pressing = DossierQuery(sort=DossierSort.STAGE, descending=True)
    assert _titles(session, least_pressing) == ["Zonneparken", "Nedersaksenlijn", "arbeidsmarkt"]


def test_agenda_names_name_each_agenda_once(session: Session) -> None:
    rail = add_dossier(session, DossierData("Nedersaksenlijn"))
    alone = add_dossier(session, DossierData("Zonneparken"))
    deal = add_agenda(session, AgendaData("Regio Deal", "national"))
    chips = add_agenda(session, AgendaData("Chips Act", "eu"))
    mobility = add_theme(session, deal.id, ThemeData("Bereikbaarheid"))
    jobs = add_theme(session, deal.id, ThemeData("Arbeidsmarkt"))
    link_agenda(session, rail.id, deal.id, mobility.id)
    link_agenda(session, rail.id, deal.id, jobs.id)
    link_agenda(session, rail.id, chips.id)
    assert agenda_names(session, [rail.id, alone.id]) == {rail.id: ["Chips Act", "Regio Deal"]}
    assert agenda_names(session, []) == {}


def test_get_position_names_its_stakeholder(session: Session) -> None:
    rail = add_dossier(session, DossierData("Nedersaksenlijn"))
    who = person(session, "Jan", "Berg")
    data = PositionData(-1, person_id=who.id, source="Statendebat", source_date=date(2026, 3, 12))
    added = add_position(session, rail.id, data, today=date(2026, 6, 1))
    row = get_position(session, added.id)
    assert (row.name, row.position, row.source, row.source_date) == (
        "Berg, Jan",
        -1,
        "Statendebat",
        date(2026, 3, 12),
    )
    with pytest.raises(NotFoundError):
        get_position(session, added.id + 1)
