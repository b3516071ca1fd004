"""Full-text search over people and organisations.

SQLite uses FTS5 tables kept in sync by triggers (see :mod:`techzone_crm.db.fts`); other
databases fall back to LIKE over folded columns. Both match every word of the query as a
prefix (SQLite) or substring (fallback) and ignore case and diacritics. A query without any
words (only punctuation) filters nothing, like an empty one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    column,
    exists,
    func,
    or_,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from techzone_crm.db.models import Affiliation, EmailAddress, Organisation, Person
from techzone_crm.text import fold

MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    """The folded words of ``query`` (punctuation is a separator, as in the FTS tokenizer)."""
    return _WORD.findall(fold(query))[:MAX_QUERY_WORDS]


class SearchBackend(Protocol):
    """Turns a query into a selectable of matching ids."""

    def person_ids(self, query: str) -> Select[int]:
        """Ids of people matching every word of ``query``."""
        ...

    def organisation_ids(self, query: str) -> Select[int]:
        """Ids of organisations matching every word of ``query``."""
        ...


class Fts5Search:
    """SQLite FTS5 with prefix matching."""

    @staticmethod
    def match_expression(query: str) -> str:
        """An FTS5 MATCH string: every word quoted, as a prefix, all required."""
        # The words are left unfolded: the tokenizer folds them exactly as it folded the
        # indexed text, whereas Python's casefold() would turn "Straße" into "strasse".
        found = _WORD.findall(unicodedata.normalize("NFC", query))[:MAX_QUERY_WORDS]
        return " AND ".join(f'"{w}"*' for w in found)

    def _ids(self, name: str, query: str) -> Select[int]:
        fts = table(name, column("rowid", Integer), column(name, String))
        match = self.match_expression(query)
        if not match:
            return select(fts.c.rowid)
        return select(fts.c.rowid).where(fts.c[name].op("MATCH")(match))

    def person_ids(self, query: str) -> Select[int]:
        return self._ids("person_fts", query)

    def organisation_ids(self, query: str) -> Select[int]:
        return self._ids("organisation_fts", query)


def _contains(
    column: ColumnElement[str] | InstrumentedAttribute[str], word: str
) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def words_in_any(
    text: str, *columns: ColumnElement[str] | InstrumentedAttribute[str]
) -> list[ColumnElement[bool]]:
    """One condition per word of ``text``: it occurs in one of ``columns`` (any case)."""
    return [or_(*(_contains(func.lower(c), word) for c in columns)) for word in words(text)]


class LikeSearch:
    """Portable fallback (PostgreSQL and others): substring match on folded columns.

    It looks at the same fields as the FTS5 documents (see :mod:`techzone_crm.db.fts`).
    """

    def person_ids(self, query: str) -> Select[int]:
        conditions = []
        for word in words(query):
            conditions.append(
                or_(
                    _contains(Person.sort_name, word),
                    _contains(func.lower(Person.title), word),
                    exists().where(
                        EmailAddress.person_id == Person.id,
                        _contains(func.lower(EmailAddress.address), word),
                    ),
                    exists().where(
                        Affiliation.person_id == Person.id,
                        Affiliation.organisation_id == Organisation.id,
                        or_(
                            _contains(Organisation.sort_name, word),
                            _contains(func.lower(Organisation.short_name), word),
                            _contains(func.lower(Affiliation.role), word),
                        ),
                    ),
                )
            )
        return select(Person.id).where(*conditions)

    def organisation_ids(self, query: str) -> Select[int]:
        parent = aliased(Organisation)
        conditions = [
            or_(
                _contains(Organisation.sort_name, word),
                _contains(func.lower(Organisation.short_name), word),
                _contains(func.lower(Organisation.region), word),
                _contains(func.lower(Organisation.website), word),
                exists().where(
                    parent.id == Organisation.parent_id, _contains(parent.sort_name, word)
                ),
            )
            for word in words(query)
        ]
        return select(Organisation.id).where(*conditions)


def backend_for(session: Session) -> SearchBackend:
    """FTS5 on SQLite, the LIKE fallback elsewhere."""
    if session.get_bind().dialect.name == "sqlite":
        return Fts5Search()
    return LikeSearch()
