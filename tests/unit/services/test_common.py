"""Paging windows, lookups by id and version checks."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from techzone_crm.db.models import Person
from techzone_crm.errors import ConflictError, NotFoundError
from techzone_crm.services.common import FIRST_PAGE, MAX_PAGE, Page, check_version, fetch

from .factories import person


@pytest.mark.parametrize(("offset", "limit"), [(-1, 10), (0, 0), (0, -5), (0, MAX_PAGE + 1)])
def test_bad_page_is_refused(offset: int, limit: int) -> None:
    with pytest.raises(ValueError, match="bad page"):
        Page(offset, limit)


def test_page_defaults() -> None:
    assert Page(0, 200) == FIRST_PAGE
    assert Page(40, MAX_PAGE).limit == MAX_PAGE


def test_fetch_finds_or_names_what_is_missing(session: Session) -> None:
    jan = person(session, "Jan", "Berg")

    assert fetch(session, Person, jan.id, "person") is jan
    with pytest.raises(NotFoundError, match=r"The contact #999 does not exist"):
        fetch(session, Person, 999, "contact")


def test_check_version(session: Session) -> None:
    jan = person(session, "Jan", "Berg")

    check_version(jan, None, "person")
    check_version(jan, 1, "person")
    with pytest.raises(ConflictError, match=r"changed elsewhere .*version 0, now 1"):
        check_version(jan, 0, "person")
