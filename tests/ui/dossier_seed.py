"""Example dossiers for the Dossiers page tests, the page on them, and reading what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from techzone_crm.db.engine import Database
from techzone_crm.services import people
from techzone_crm.services.agenda_themes import ThemeData, add_theme
from techzone_crm.services.agendas import AgendaData, add_agenda
from techzone_crm.services.assessments import AssessmentData, add_assessment
from techzone_crm.services.commitments import CommitmentData, add_commitment
from techzone_crm.services.dossier_positions import PositionData, add_position
from techzone_crm.services.dossiers import DossierData, add_dossier, link_agenda
from techzone_crm.services.interactions import InteractionData, add_interaction
from techzone_crm.services.organisations import OrganisationData, add_organisation
from techzone_crm.services.team import TeamMemberData, add_team_member
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.dossiers_view import DossiersView

from .helpers import wait_loaded

TODAY = date.today()


@dataclass
class Seeded:
    rail: int
    jobs: int
    closed: int
    deal: int
    theme: int
    chips: int
    jan: int
    piet: int
    gemeente: int


@pytest.fixture
def seeded(db: Database) -> Seeded:
    """Three dossiers: a current one with positions and work on it, a critical and a closed one."""
    with db.sessions.begin() as s:
        rail = add_dossier(s, DossierData("Nedersaksenlijn", "Spoor Groningen–Enschede", "current"))
        jobs = add_dossier(s, DossierData("Tekort aan technici", stage="critical"))
        closed = add_dossier(s, DossierData("Kunststoffenlab", stage="dormant"))
        deal = add_agenda(s, AgendaData("Regio Deal", "national"))
        theme = add_theme(s, deal.id, ThemeData("Bereikbaarheid"))
        chips = add_agenda(s, AgendaData("Chips Act", "eu"))
        link_agenda(s, rail.id, deal.id, theme.id)
        jan = people.add_person(s, people.PersonData("Jan", "Berg"))
        piet = people.add_person(s, people.PersonData("Piet", "Smit"))
        gemeente = add_organisation(s, OrganisationData("Gemeente Emmen", "government"))
        day = TODAY - timedelta(days=30)
        add_position(s, rail.id, PositionData(1, person_id=jan.id, source="Statendebat"))
        add_position(s, rail.id, PositionData(-1, organisation_id=gemeente.id, source_date=day))
        add_assessment(
            s, AssessmentData(day, power=4, interest=4, person_id=jan.id, dossier_id=rail.id)
        )
        add_interaction(
            s,
            InteractionData(
                day, "meeting", "Overleg spoor", attendee_ids=[jan.id], dossier_ids=[rail.id]
            ),
        )
        anna = add_team_member(s, TeamMemberData("Anna Smit"))
        add_commitment(
            s,
            CommitmentData(
                "Notitie sturen",
                team_member_id=anna.id,
                person_id=jan.id,
                dossier_id=rail.id,
                due_on=TODAY - timedelta(days=2),
            ),
        )
        return Seeded(
            rail.id, jobs.id, closed.id, deal.id, theme.id, chips.id, jan.id, piet.id, gemeente.id
        )


@pytest.fixture
def view(
    qtbot: QtBot, db: Database, runner: TaskRunner, reporter: ErrorReporter, seeded: Seeded
) -> Iterator[DossiersView]:
    page = DossiersView(db, runner, reporter)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page.model)
    yield page


def rows(view: DossiersView) -> list[tuple[str, str, str, str]]:
    model = view.model
    return [
        tuple(str(model.index(r, c).data() or "") for c in range(4))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def show(qtbot: QtBot, view: DossiersView, dossier_id: int) -> None:
    assert view.select_record(dossier_id)
    qtbot.waitUntil(lambda: view.dossier_details.dossier_id == dossier_id)


def position_rows(view: DossiersView) -> list[tuple[str, str, str]]:
    model = view.dossier_details.positions
    return [tuple(str(model.index(r, c).data()) for c in range(3)) for r in range(model.rowCount())]  # type: ignore[misc]
