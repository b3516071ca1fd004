"""Fixed vocabularies stored as short strings (portable across SQLite and PostgreSQL)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum as SAEnum


class Helix(StrEnum):
    """The triple helix plus civil society."""

    GOVERNMENT = "government"
    BUSINESS = "business"
    EDUCATION = "education"  # education and knowledge institutions
    CIVIL_SOCIETY = "civil_society"


class GovernmentLevel(StrEnum):
    """Where a government body sits."""

    MUNICIPALITY = "municipality"
    PROVINCE = "province"
    NATIONAL = "national"  # Rijk
    NORTHERN_NETHERLANDS = "northern_netherlands"
    EU = "eu"


class Sector(StrEnum):
    """The collaboration's spearhead sectors."""

    HTSM = "htsm"
    LOGISTICS = "logistics"
    CHEMISTRY = "chemistry"
    OTHER = "other"


class EmailKind(StrEnum):
    """What an e-mail address is for."""

    WORK = "work"
    PRIVATE = "private"
    OTHER = "other"


class PhoneKind(StrEnum):
    """What a phone number is for."""

    WORK = "work"
    MOBILE = "mobile"
    PRIVATE = "private"
    OTHER = "other"


def enum_column(enum: type[StrEnum], name: str) -> SAEnum:
    """A non-native enum type (VARCHAR + CHECK) storing the members' values."""
    values: Any = lambda e: [m.value for m in e]  # noqa: E731
    return SAEnum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=values,
        validate_strings=True,
    )


class AgendaLevel(StrEnum):
    """Whose strategic agenda: the external ones by level, or the collaboration's own."""

    NATIONAL = "national"  # Rijk
    PROVINCE = "province"
    NORTHERN_NETHERLANDS = "northern_netherlands"
    EU = "eu"
    OWN = "own"


class StakeholderRole(StrEnum):
    """How a stakeholder relates to an agenda or theme."""

    DECIDES = "decides"
    INFLUENCES = "influences"
    IMPLEMENTS = "implements"
    FUNDS = "funds"
    BENEFITS = "benefits"


class IssueStage(StrEnum):
    """The life-cycle stage of a public-affairs issue (dossier)."""

    LATENT = "latent"
    EMERGING = "emerging"
    CURRENT = "current"
    CRITICAL = "critical"
    DORMANT = "dormant"  # dormant or closed


class EngagementLevel(StrEnum):
    """The participation ladder, from informing to empowering."""

    INFORM = "inform"  # meeweten
    CONSULT = "consult"  # meedenken
    INVOLVE = "involve"  # meedoen
    COLLABORATE = "collaborate"  # meebeslissen
    EMPOWER = "empower"


class InteractionKind(StrEnum):
    """What kind of contact an interaction was."""

    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    WORKING_VISIT = "working_visit"
    OTHER = "other"


class CommitmentStatus(StrEnum):
    """Where a commitment (toezegging) stands; "overdue" is derived from the due date."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class RelationshipKind(StrEnum):
    """How two people or two organisations are related; "a <kind> b" reads as a sentence.

    Works with and partner of go both ways; the others have a direction (a advises b).
    """

    WORKS_WITH = "works_with"
    ADVISES = "advises"
    REPORTS_TO = "reports_to"
    MEMBER_OF = "member_of"
    FUNDS = "funds"
    PARTNER_OF = "partner_of"
