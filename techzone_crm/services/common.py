"""Pieces shared by the services: fetching by id, version checks, paging, sorting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from techzone_crm.errors import ConflictError, NotFoundError

T = TypeVar("T")

MAX_PAGE = 1000


@dataclass(frozen=True)
class Page:
    """A window on a sorted list: ``limit`` rows from ``offset``."""

    offset: int = 0
    limit: int = 200

    def __post_init__(self) -> None:
        if self.offset < 0 or not 0 < self.limit <= MAX_PAGE:
            raise ValueError(f"bad page {self.offset}+{self.limit}")


FIRST_PAGE = Page()


def fetch(session: Session, model: type[T], ident: int, what: str) -> T:
    """The record ``ident`` of ``model`` or a NotFoundError naming ``what``."""
    obj = session.get(model, ident)
    if obj is None:
        raise NotFoundError(f"The {what} #{ident} does not exist (it may have been deleted).")
    return obj


def check_version(obj: Any, expected: int | None, what: str) -> None:
    """Refuse to overwrite a record that changed since the caller loaded ``expected``."""
    if expected is not None and obj.version != expected:
        raise ConflictError(
            f"The {what} was changed elsewhere since you opened it "
            f"(version {expected}, now {obj.version})."
        )


def save(session: Session, what: str) -> None:
    """Flush pending changes; a row changed or deleted meanwhile becomes a ConflictError.

    ``expected_version`` catches edits made before the record was loaded; this catches the
    ones that land between loading and writing (another window or process, or a team mate).
    """
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(
            f"The {what} was changed or deleted elsewhere while you were editing it. "
            "Reload it and try again."
        ) from exc
