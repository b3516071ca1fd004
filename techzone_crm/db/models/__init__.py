"""All models, imported here so that the metadata is complete."""

from techzone_crm.db.models.affiliation import Affiliation
from techzone_crm.db.models.agenda import (
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    ThemeAlignment,
    agenda_sector,
)
from techzone_crm.db.models.assessment import Assessment
from techzone_crm.db.models.distinct_pair import DistinctPeople
from techzone_crm.db.models.dossier import Dossier, DossierAgenda, DossierStakeholder
from techzone_crm.db.models.enums import (
    AgendaLevel,
    CommitmentStatus,
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
from techzone_crm.db.models.export_log import ExportKind, ExportLog
from techzone_crm.db.models.import_mapping import ImportMapping
from techzone_crm.db.models.interaction import (
    Commitment,
    Interaction,
    interaction_agenda,
    interaction_attendee,
    interaction_dossier,
    interaction_organisation,
    interaction_team_member,
)
from techzone_crm.db.models.organisation import Organisation, OrganisationSector
from techzone_crm.db.models.person import EmailAddress, Person, PhoneNumber
from techzone_crm.db.models.relationship import Relationship
from techzone_crm.db.models.saved_view import SavedView, ViewKind
from techzone_crm.db.models.tag import Tag, organisation_tag, person_tag
from techzone_crm.db.models.team import TeamMember

__all__ = [
    "Affiliation",
    "Agenda",
    "AgendaLevel",
    "AgendaStakeholder",
    "AgendaTheme",
    "Assessment",
    "Commitment",
    "CommitmentStatus",
    "DistinctPeople",
    "Dossier",
    "DossierAgenda",
    "DossierStakeholder",
    "EmailAddress",
    "EmailKind",
    "EngagementLevel",
    "ExportKind",
    "ExportLog",
    "GovernmentLevel",
    "Helix",
    "ImportMapping",
    "Interaction",
    "InteractionKind",
    "IssueStage",
    "Organisation",
    "OrganisationSector",
    "Person",
    "PhoneKind",
    "PhoneNumber",
    "Relationship",
    "RelationshipKind",
    "SavedView",
    "Sector",
    "StakeholderRole",
    "Tag",
    "TeamMember",
    "ThemeAlignment",
    "ViewKind",
    "agenda_sector",
    "interaction_agenda",
    "interaction_attendee",
    "interaction_dossier",
    "interaction_organisation",
    "interaction_team_member",
    "organisation_tag",
    "person_tag",
]
