"""Tags are found by name whatever the case, and created only when new."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Tag
from techzone_crm.errors import ValidationError
from techzone_crm.services.tags import list_tags, tags_by_name

from .factories import person


def _tag_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Tag)) or 0


def test_existing_tag_is_reused_whatever_the_case(session: Session) -> None:
    [board] = tags_by_name(session, ["Program Board"])
    session.flush()

    again = tags_by_name(session, ["program board", "PROGRAM BOARD ", " Program  Board"])

    assert again == [board]
    assert board.name == "Program Board"
    assert _tag_count(session) == 1


def test_new_tags_are_created_once_in_the_order_given(session: Session) -> None:
    found = tags_by_name(session, ["Kerngroep HTSM", "kerngroep htsm", "Energy", "KERNGROEP HTSM"])
    session.flush()

    assert [t.name for t in found] == ["Kerngroep HTSM", "Energy"]
    assert _tag_count(session) == 2
    assert tags_by_name(session, []) == []


def test_people_share_tags_typed_in_different_case(session: Session) -> None:
    jan = person(session, "Jan", "Berg", tags=["Program Board"])
    els = person(session, "Els", "Bakker", tags=["program board", "Chemie"])

    assert jan.tags[0] is els.tags[0]
    assert list_tags(session) == ["Chemie", "Program Board"]


def test_list_tags_sorts_ignoring_case(session: Session) -> None:
    tags_by_name(session, ["beta", "Alpha", "gamma", "Delta"])
    session.flush()

    assert list_tags(session) == ["Alpha", "beta", "Delta", "gamma"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_bad_tag_name_is_refused(session: Session, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        tags_by_name(session, ["ok", name])

    assert caught.value.field == "tags"
