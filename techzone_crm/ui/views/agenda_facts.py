"""What an agenda's page shows, read in one short session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from techzone_crm.db.engine import Database
from techzone_crm.db.models import AgendaLevel, Organisation, Person, Sector
from techzone_crm.services import agendas
from techzone_crm.services.agenda_overview import (
    AgendaOverview,
    LinkRhythm,
    OverviewCoverage,
    agenda_overview,
    overview_coverage,
    overview_rhythms,
)
from techzone_crm.services.agenda_themes import AlignmentRow, list_alignments


@dataclass(frozen=True)
class ThemeFacts:
    """A theme of the agenda, with what its dialog needs."""

    id: int
    version: int
    name: str
    description: str
    lead_organisation: tuple[int, str] | None
    lead_person: tuple[int, str] | None

    @property
    def lead(self) -> str:
        """ "Partner / person", or empty."""
        return " / ".join(x[1] for x in (self.lead_organisation, self.lead_person) if x)


@dataclass(frozen=True)
class AgendaFacts:
    """What the page shows of an agenda, read in one short session."""

    id: int
    version: int
    name: str
    level: AgendaLevel
    starts_on: date | None
    ends_on: date | None
    description: str
    website: str
    owner: tuple[int, str] | None
    sectors: set[Sector]
    themes: list[ThemeFacts]
    alignments: list[AlignmentRow]
    overview: AgendaOverview
    coverage: OverviewCoverage
    rhythms: dict[int, LinkRhythm] = field(default_factory=dict)

    @property
    def own(self) -> bool:
        """True for the collaboration's own strategic agenda."""
        return self.level is AgendaLevel.OWN


def read_agenda(db: Database, agenda_id: int, today: date | None = None) -> AgendaFacts:
    """Everything the page needs about ``agenda_id``."""
    day = today or date.today()
    with db.read() as session:
        agenda = agendas.get_agenda(session, agenda_id)

        def org(ident: int | None) -> tuple[int, str] | None:
            found = session.get(Organisation, ident) if ident is not None else None
            return (found.id, found.name) if found is not None else None

        def person(ident: int | None) -> tuple[int, str] | None:
            found = session.get(Person, ident) if ident is not None else None
            return (found.id, found.display_name) if found is not None else None

        overview = agenda_overview(session, agenda_id, day)
        return AgendaFacts(
            id=agenda.id,
            version=agenda.version,
            name=agenda.name,
            level=agenda.level,
            starts_on=agenda.starts_on,
            ends_on=agenda.ends_on,
            description=agenda.description,
            website=agenda.website,
            owner=org(agenda.owner_organisation_id),
            sectors=agendas.agenda_sectors(session, agenda_id),
            themes=[
                ThemeFacts(
                    t.id,
                    t.version,
                    t.name,
                    t.description,
                    org(t.lead_organisation_id),
                    person(t.lead_person_id),
                )
                for t in agenda.themes
            ],
            alignments=list_alignments(session, agenda_id),
            overview=overview,
            coverage=overview_coverage(overview),
            rhythms=overview_rhythms(session, overview, day),
        )
