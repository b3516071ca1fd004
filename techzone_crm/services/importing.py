"""Importing stakeholder lists: plan (check and match every row), then run in one transaction.

The GUI wizard and the CLI use this module only::

    plan = plan_import(session, table, mapping, source_name="list.csv")
    print(plan.report())
    with db.sessions.begin() as session:
        summary = run_import(session, plan, skip_invalid=True)
"""

from __future__ import annotations

from techzone_crm.services.import_mappings import (
    SavedMapping,
    delete_mapping,
    get_mapping,
    list_mappings,
    mapping_for,
    save_mapping,
)
from techzone_crm.services.import_plan import plan_import
from techzone_crm.services.import_run import run_import
from techzone_crm.services.import_types import (
    Candidate,
    Duplicate,
    DuplicateAction,
    ImportCancelled,
    ImportPlan,
    ImportRejected,
    ImportSummary,
    MatchReason,
    RowProblem,
)

__all__ = [
    "Candidate",
    "Duplicate",
    "DuplicateAction",
    "ImportCancelled",
    "ImportPlan",
    "ImportRejected",
    "ImportSummary",
    "MatchReason",
    "RowProblem",
    "SavedMapping",
    "delete_mapping",
    "get_mapping",
    "list_mappings",
    "mapping_for",
    "plan_import",
    "run_import",
    "save_mapping",
]
