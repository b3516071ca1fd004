"""Pick-list helpers: regions and tags in use, do-not-contact lookups, the hierarchy."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from techzone_crm.errors import NotFoundError
from techzone_crm.services import choices

from .factories import org, person


def test_regions_are_distinct_sorted_and_skip_blanks(session: Session) -> None:
    org(session, "A", region="Emmen")
    org(session, "B", region="emmen ")
    org(session, "C", region="Coevorden")
    org(session, "D")
    assert choices.regions(session) == ["Coevorden", "Emmen"]


def test_tags_in_use_are_split_by_what_they_are_on(session: Session) -> None:
    person(session, "Els", "Bakker", tags=["Program Board", "HTSM"])
    org(session, "Polymeer B.V.", tags=["Chemie"])
    assert choices.person_tags(session) == ["HTSM", "Program Board"]
    assert choices.organisation_tags(session) == ["Chemie"]


def test_do_not_contact_ids(session: Session) -> None:
    kees = person(session, "Kees", "Dijk", do_not_contact=True)
    els = person(session, "Els", "Bakker")
    assert choices.do_not_contact_ids(session, [kees.id, els.id]) == {kees.id}
    assert choices.do_not_contact_ids(session, []) == set()


def test_organisation_path_and_children(session: Session) -> None:
    ministry = org(session, "Ministerie van EZ", "government")
    dg = org(session, "DG Bedrijfsleven", "government", parent_id=ministry.id)
    directorate = org(session, "Directie Regio", "government", parent_id=dg.id)
    other = org(session, "Directie Innovatie", "government", parent_id=dg.id)
    assert choices.organisation_path(session, directorate.id) == [
        (ministry.id, "Ministerie van EZ"),
        (dg.id, "DG Bedrijfsleven"),
        (directorate.id, "Directie Regio"),
    ]
    assert choices.organisation_path(session, ministry.id) == [(ministry.id, "Ministerie van EZ")]
    assert choices.child_organisations(session, dg.id) == [
        (other.id, "Directie Innovatie"),
        (directorate.id, "Directie Regio"),
    ]
    assert choices.child_organisations(session, directorate.id) == []
    with pytest.raises(NotFoundError):
        choices.organisation_path(session, 9999)
