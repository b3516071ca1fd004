"""All models, imported here so that the metadata is complete."""

from techzone_crm.db.models.affiliation import Affiliation
from techzone_crm.db.models.distinct_pair import DistinctPeople
from techzone_crm.db.models.enums import EmailKind, GovernmentLevel, Helix, PhoneKind, Sector
from techzone_crm.db.models.organisation import Organisation, OrganisationSector
from techzone_crm.db.models.person import EmailAddress, Person, PhoneNumber
from techzone_crm.db.models.saved_view import SavedView, ViewKind
from techzone_crm.db.models.tag import Tag, organisation_tag, person_tag
from techzone_crm.db.models.team import TeamMember

__all__ = [
    "Affiliation",
    "DistinctPeople",
    "EmailAddress",
    "EmailKind",
    "GovernmentLevel",
    "Helix",
    "Organisation",
    "OrganisationSector",
    "Person",
    "PhoneKind",
    "PhoneNumber",
    "SavedView",
    "Sector",
    "Tag",
    "TeamMember",
    "ViewKind",
    "organisation_tag",
    "person_tag",
]
