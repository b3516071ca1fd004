"""Translated labels for the stored vocabularies, in one place.

The tables hold untranslated source texts marked with ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` finds them; the functions translate at call time, so a language switch
needs no restart of this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from techzone_crm.db.models import (
    AgendaLevel,
    EmailKind,
    EngagementLevel,
    GovernmentLevel,
    Helix,
    InteractionKind,
    IssueStage,
    PhoneKind,
    RelationshipKind,
    Sector,
    StakeholderRole,
)
from techzone_crm.services.assessments import GridQuadrant, KrachtenveldType, SalienceClass
from techzone_crm.services.commitments import CommitmentState
from techzone_crm.services.rhythm import RhythmStatus
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP

HELIX: dict[Helix, str] = {
    Helix.GOVERNMENT: QT_TRANSLATE_NOOP("Helix", "Government"),
    Helix.BUSINESS: QT_TRANSLATE_NOOP("Helix", "Business"),
    Helix.EDUCATION: QT_TRANSLATE_NOOP("Helix", "Education & knowledge"),
    Helix.CIVIL_SOCIETY: QT_TRANSLATE_NOOP("Helix", "Civil society"),
}

GOVERNMENT_LEVEL: dict[GovernmentLevel, str] = {
    GovernmentLevel.MUNICIPALITY: QT_TRANSLATE_NOOP("GovernmentLevel", "Municipality"),
    GovernmentLevel.PROVINCE: QT_TRANSLATE_NOOP("GovernmentLevel", "Province"),
    GovernmentLevel.NATIONAL: QT_TRANSLATE_NOOP("GovernmentLevel", "National (Rijk)"),
    GovernmentLevel.NORTHERN_NETHERLANDS: QT_TRANSLATE_NOOP(
        "GovernmentLevel", "Northern Netherlands"
    ),
    GovernmentLevel.EU: QT_TRANSLATE_NOOP("GovernmentLevel", "EU"),
}

SECTOR: dict[Sector, str] = {
    Sector.HTSM: QT_TRANSLATE_NOOP("Sector", "HTSM"),
    Sector.LOGISTICS: QT_TRANSLATE_NOOP("Sector", "Logistics"),
    Sector.CHEMISTRY: QT_TRANSLATE_NOOP("Sector", "Chemistry"),
    Sector.OTHER: QT_TRANSLATE_NOOP("Sector", "Other"),
}

EMAIL_KIND: dict[EmailKind, str] = {
    EmailKind.WORK: QT_TRANSLATE_NOOP("EmailKind", "Work"),
    EmailKind.PRIVATE: QT_TRANSLATE_NOOP("EmailKind", "Private"),
    EmailKind.OTHER: QT_TRANSLATE_NOOP("EmailKind", "Other"),
}

PHONE_KIND: dict[PhoneKind, str] = {
    PhoneKind.WORK: QT_TRANSLATE_NOOP("PhoneKind", "Work"),
    PhoneKind.MOBILE: QT_TRANSLATE_NOOP("PhoneKind", "Mobile"),
    PhoneKind.PRIVATE: QT_TRANSLATE_NOOP("PhoneKind", "Private"),
    PhoneKind.OTHER: QT_TRANSLATE_NOOP("PhoneKind", "Other"),
}

AGENDA_LEVEL: dict[AgendaLevel, str] = {
    AgendaLevel.NATIONAL: QT_TRANSLATE_NOOP("AgendaLevel", "National (Rijk)"),
    AgendaLevel.PROVINCE: QT_TRANSLATE_NOOP("AgendaLevel", "Province"),
    AgendaLevel.NORTHERN_NETHERLANDS: QT_TRANSLATE_NOOP("AgendaLevel", "Northern Netherlands"),
    AgendaLevel.EU: QT_TRANSLATE_NOOP("AgendaLevel", "EU"),
    AgendaLevel.OWN: QT_TRANSLATE_NOOP("AgendaLevel", "Own strategic agenda"),
}

INTERACTION_KIND: dict[InteractionKind, str] = {
    InteractionKind.MEETING: QT_TRANSLATE_NOOP("InteractionKind", "Meeting"),
    InteractionKind.CALL: QT_TRANSLATE_NOOP("InteractionKind", "Call"),
    InteractionKind.EMAIL: QT_TRANSLATE_NOOP("InteractionKind", "E-mail"),
    InteractionKind.EVENT: QT_TRANSLATE_NOOP("InteractionKind", "Event"),
    InteractionKind.WORKING_VISIT: QT_TRANSLATE_NOOP("InteractionKind", "Working visit"),
    InteractionKind.OTHER: QT_TRANSLATE_NOOP("InteractionKind", "Other"),
}

GRID_QUADRANT: dict[GridQuadrant, str] = {
    GridQuadrant.KEY_PLAYER: QT_TRANSLATE_NOOP("GridQuadrant", "Key player"),
    GridQuadrant.KEEP_SATISFIED: QT_TRANSLATE_NOOP("GridQuadrant", "Keep satisfied"),
    GridQuadrant.KEEP_INFORMED: QT_TRANSLATE_NOOP("GridQuadrant", "Keep informed"),
    GridQuadrant.MONITOR: QT_TRANSLATE_NOOP("GridQuadrant", "Monitor"),
}

SALIENCE_CLASS: dict[SalienceClass, str] = {
    SalienceClass.DEFINITIVE: QT_TRANSLATE_NOOP("SalienceClass", "Definitive"),
    SalienceClass.DOMINANT: QT_TRANSLATE_NOOP("SalienceClass", "Dominant"),
    SalienceClass.DANGEROUS: QT_TRANSLATE_NOOP("SalienceClass", "Dangerous"),
    SalienceClass.DEPENDENT: QT_TRANSLATE_NOOP("SalienceClass", "Dependent"),
    SalienceClass.DORMANT: QT_TRANSLATE_NOOP("SalienceClass", "Dormant"),
    SalienceClass.DISCRETIONARY: QT_TRANSLATE_NOOP("SalienceClass", "Discretionary"),
    SalienceClass.DEMANDING: QT_TRANSLATE_NOOP("SalienceClass", "Demanding"),
    SalienceClass.NON_STAKEHOLDER: QT_TRANSLATE_NOOP("SalienceClass", "Non-stakeholder"),
}

KRACHTENVELD_TYPE: dict[KrachtenveldType, str] = {
    KrachtenveldType.PARTNER: QT_TRANSLATE_NOOP("KrachtenveldType", "Partner / ally"),
    KrachtenveldType.OPPONENT_WITH_TRUST: QT_TRANSLATE_NOOP(
        "KrachtenveldType", "Opponent with trust"
    ),
    KrachtenveldType.ADVERSARY: QT_TRANSLATE_NOOP("KrachtenveldType", "Adversary"),
    KrachtenveldType.OPPORTUNIST: QT_TRANSLATE_NOOP("KrachtenveldType", "Opportunist"),
    KrachtenveldType.DOUBTER: QT_TRANSLATE_NOOP("KrachtenveldType", "Doubter"),
}

ENGAGEMENT_LEVEL: dict[EngagementLevel, str] = {
    EngagementLevel.INFORM: QT_TRANSLATE_NOOP("EngagementLevel", "Inform (meeweten)"),
    EngagementLevel.CONSULT: QT_TRANSLATE_NOOP("EngagementLevel", "Consult (meedenken)"),
    EngagementLevel.INVOLVE: QT_TRANSLATE_NOOP("EngagementLevel", "Involve (meedoen)"),
    EngagementLevel.COLLABORATE: QT_TRANSLATE_NOOP("EngagementLevel", "Collaborate (meebeslissen)"),
    EngagementLevel.EMPOWER: QT_TRANSLATE_NOOP("EngagementLevel", "Empower"),
}

STAKEHOLDER_ROLE: dict[StakeholderRole, str] = {
    StakeholderRole.DECIDES: QT_TRANSLATE_NOOP("StakeholderRole", "Decides"),
    StakeholderRole.INFLUENCES: QT_TRANSLATE_NOOP("StakeholderRole", "Influences"),
    StakeholderRole.IMPLEMENTS: QT_TRANSLATE_NOOP("StakeholderRole", "Implements"),
    StakeholderRole.FUNDS: QT_TRANSLATE_NOOP("StakeholderRole", "Funds"),
    StakeholderRole.BENEFITS: QT_TRANSLATE_NOOP("StakeholderRole", "Benefits"),
}

ISSUE_STAGE: dict[IssueStage, str] = {
    IssueStage.LATENT: QT_TRANSLATE_NOOP("IssueStage", "Latent"),
    IssueStage.EMERGING: QT_TRANSLATE_NOOP("IssueStage", "Emerging"),
    IssueStage.CURRENT: QT_TRANSLATE_NOOP("IssueStage", "Current"),
    IssueStage.CRITICAL: QT_TRANSLATE_NOOP("IssueStage", "Critical"),
    IssueStage.DORMANT: QT_TRANSLATE_NOOP("IssueStage", "Dormant / closed"),
}

COMMITMENT_STATE: dict[CommitmentState, str] = {
    CommitmentState.OPEN: QT_TRANSLATE_NOOP("CommitmentState", "Open"),
    CommitmentState.OVERDUE: QT_TRANSLATE_NOOP("CommitmentState", "Overdue"),
    CommitmentState.DONE: QT_TRANSLATE_NOOP("CommitmentState", "Done"),
    CommitmentState.CANCELLED: QT_TRANSLATE_NOOP("CommitmentState", "Cancelled"),
}

# "a <kind> b" as read from side a …
RELATIONSHIP_KIND: dict[RelationshipKind, str] = {
    RelationshipKind.WORKS_WITH: QT_TRANSLATE_NOOP("RelationshipKind", "works with"),
    RelationshipKind.ADVISES: QT_TRANSLATE_NOOP("RelationshipKind", "advises"),
    RelationshipKind.REPORTS_TO: QT_TRANSLATE_NOOP("RelationshipKind", "reports to"),
    RelationshipKind.MEMBER_OF: QT_TRANSLATE_NOOP("RelationshipKind", "member of"),
    RelationshipKind.FUNDS: QT_TRANSLATE_NOOP("RelationshipKind", "funds"),
    RelationshipKind.PARTNER_OF: QT_TRANSLATE_NOOP("RelationshipKind", "partner of"),
}

# … and from side b ("b is advised by a"); the mutual kinds read the same either way.
RELATIONSHIP_KIND_REVERSED: dict[RelationshipKind, str] = {
    RelationshipKind.WORKS_WITH: QT_TRANSLATE_NOOP("RelationshipKind", "works with"),
    RelationshipKind.ADVISES: QT_TRANSLATE_NOOP("RelationshipKind", "is advised by"),
    RelationshipKind.REPORTS_TO: QT_TRANSLATE_NOOP("RelationshipKind", "has reporting to them"),
    RelationshipKind.MEMBER_OF: QT_TRANSLATE_NOOP("RelationshipKind", "has as member"),
    RelationshipKind.FUNDS: QT_TRANSLATE_NOOP("RelationshipKind", "is funded by"),
    RelationshipKind.PARTNER_OF: QT_TRANSLATE_NOOP("RelationshipKind", "partner of"),
}

COMMITMENT_COLOUR: dict[CommitmentState, str] = {
    CommitmentState.OPEN: "#3b73b9",
    CommitmentState.OVERDUE: "#c0392b",
    CommitmentState.DONE: "#3f9b5a",
    CommitmentState.CANCELLED: "#8a8f98",
}

# Position / attitude from -2 (opponent, red) to +2 (supporter, green).
ATTITUDE_COLOUR: dict[int, str] = {
    -2: "#c0392b",
    -1: "#e67e22",
    0: "#8a8f98",
    1: "#7cb342",
    2: "#2e7d32",
}

ATTITUDE: dict[int, str] = {
    -2: QT_TRANSLATE_NOOP("Attitude", "Opponent"),
    -1: QT_TRANSLATE_NOOP("Attitude", "Critical"),
    0: QT_TRANSLATE_NOOP("Attitude", "Neutral"),
    1: QT_TRANSLATE_NOOP("Attitude", "Sympathetic"),
    2: QT_TRANSLATE_NOOP("Attitude", "Supporter"),
}

RHYTHM_STATUS: dict[RhythmStatus, str] = {
    RhythmStatus.OK: QT_TRANSLATE_NOOP("RhythmStatus", "In time"),
    RhythmStatus.AMBER: QT_TRANSLATE_NOOP("RhythmStatus", "Overdue"),
    RhythmStatus.RED: QT_TRANSLATE_NOOP("RhythmStatus", "Long overdue"),
    RhythmStatus.NEVER: QT_TRANSLATE_NOOP("RhythmStatus", "Never contacted"),
}

# Contact-rhythm colours: amber past the target, red past 1.5 × the target.
RHYTHM_COLOUR: dict[RhythmStatus, str] = {
    RhythmStatus.OK: "#3f9b5a",
    RhythmStatus.AMBER: "#e0a100",
    RhythmStatus.RED: "#c0392b",
    RhythmStatus.NEVER: "#8a8f98",
}

# Helix colours, used as small swatches in lists; chosen to stay distinct in light and dark mode.
HELIX_COLOUR: dict[Helix, str] = {
    Helix.GOVERNMENT: "#3b73b9",
    Helix.BUSINESS: "#d9822b",
    Helix.EDUCATION: "#3f9b5a",
    Helix.CIVIL_SOCIETY: "#8e5ba8",
}

_TABLES: dict[type[StrEnum], tuple[str, dict[Any, str]]] = {
    Helix: ("Helix", HELIX),
    GovernmentLevel: ("GovernmentLevel", GOVERNMENT_LEVEL),
    Sector: ("Sector", SECTOR),
    EmailKind: ("EmailKind", EMAIL_KIND),
    PhoneKind: ("PhoneKind", PHONE_KIND),
    AgendaLevel: ("AgendaLevel", AGENDA_LEVEL),
    InteractionKind: ("InteractionKind", INTERACTION_KIND),
    RhythmStatus: ("RhythmStatus", RHYTHM_STATUS),
    GridQuadrant: ("GridQuadrant", GRID_QUADRANT),
    SalienceClass: ("SalienceClass", SALIENCE_CLASS),
    KrachtenveldType: ("KrachtenveldType", KRACHTENVELD_TYPE),
    EngagementLevel: ("EngagementLevel", ENGAGEMENT_LEVEL),
    StakeholderRole: ("StakeholderRole", STAKEHOLDER_ROLE),
    IssueStage: ("IssueStage", ISSUE_STAGE),
    CommitmentState: ("CommitmentState", COMMITMENT_STATE),
    RelationshipKind: ("RelationshipKind", RELATIONSHIP_KIND),
}


def label(value: StrEnum | None) -> str:
    """The translated label of a vocabulary value; empty for None."""
    if value is None:
        return ""
    context, table = _TABLES[type(value)]
    return QCoreApplication.translate(context, table[value])


def attitude(value: int) -> str:
    """The word for an attitude or position from -2 to +2, with its sign: "+2 Supporter"."""
    word = QCoreApplication.translate("Attitude", ATTITUDE[value])
    return f"{value:+d} {word}" if value else f"0 {word}"


def attitude_marker(value: int) -> QIcon:
    """The red-to-green dot of an attitude or position."""
    return dot(ATTITUDE_COLOUR[value])


def commitment_marker(state: CommitmentState) -> QIcon:
    """The dot of a commitment's state (red when overdue)."""
    return dot(COMMITMENT_COLOUR[state])


def relationship_wording(kind: RelationshipKind, outgoing: bool = True) -> str:
    """The kind as read from one side: "advises" from side a, "is advised by" from side b."""
    table = RELATIONSHIP_KIND if outgoing else RELATIONSHIP_KIND_REVERSED
    return QCoreApplication.translate("RelationshipKind", table[kind])


def choices(enum: type[StrEnum]) -> list[tuple[StrEnum, str]]:
    """Every member of ``enum`` with its translated label, in declaration order."""
    return [(member, label(member)) for member in enum]


def sectors_text(sectors: Iterable[Sector]) -> str:
    """Sectors as a comma-separated list of labels, in declaration order."""
    chosen = set(sectors)
    return ", ".join(label(s) for s in Sector if s in chosen)


def helix_colour(helix: Helix) -> QColor:
    """The swatch colour of a helix."""
    return QColor(HELIX_COLOUR[helix])


def yes_no(value: bool) -> str:
    """ "Yes" or "No", translated."""
    return (
        QCoreApplication.translate("labels", "Yes")
        if value
        else QCoreApplication.translate("labels", "No")
    )


def dot(colour: str, size: int = 12) -> QIcon:
    """A small filled circle, for status markers in tables."""
    pixmap = QPixmap(size * 2, size * 2)  # twice the size, so it stays sharp on dense screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(4, 4, size * 2 - 8, size * 2 - 8)
    painter.end()
    return QIcon(pixmap)


def rhythm_marker(status: RhythmStatus) -> QIcon:
    """The amber, red, green or grey dot of a contact-rhythm status."""
    return dot(RHYTHM_COLOUR[status])


def helix_swatch(helix: Helix, size: int = 12) -> QIcon:
    """A small filled square in the helix's colour, for combo boxes and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(helix_colour(helix))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 2, 2)
    painter.end()
    return QIcon(pixmap)
