"""Use cases for tags."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from techzone_crm.db.models import Tag
from techzone_crm.services import validation as v


def tags_by_name(session: Session, names: Iterable[str]) -> list[Tag]:
    """The tags with these names, created where missing (names compare case-insensitively)."""
    wanted: dict[str, str] = {}
    for name in names:
        text = v.required("tags", name, 100)
        wanted.setdefault(text.casefold(), text)
    if not wanted:
        return []
    candidates = session.scalars(select(Tag).where(func.lower(Tag.name).in_(wanted)))
    existing = {t.name.casefold(): t for t in candidates}
    result = []
    for key, text in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=text)
            session.add(tag)
            existing[key] = tag
        result.append(tag)
    return result


def list_tags(session: Session) -> list[str]:
    """All tag names, sorted."""
    return sorted(session.scalars(select(Tag.name)), key=str.casefold)
