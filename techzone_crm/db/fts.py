"""SQLite FTS5 search tables kept in sync by triggers.

Migrations call :func:`create_statements` / :func:`drop_statements` with the version of the
search schema they were written for, so that an old migration keeps producing the same schema
when this module grows a new version. A migration that recreates the person, organisation,
e-mail or affiliation tables must drop and recreate these objects.
"""

from __future__ import annotations

# Tables whose names start with these prefixes belong to FTS5 and are not ORM models.
FTS_TABLE_PREFIXES = ("person_fts", "organisation_fts")


def include_object(
    _obj: object, name: str | None, type_: str, _reflected: bool, _compare_to: object
) -> bool:
    """Alembic filter: leave the FTS5 tables (created by raw SQL) out of model comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE_PREFIXES))


_TOKENIZER = "unicode61 remove_diacritics 2"

_PERSON_DOC_V1 = """
CREATE VIEW person_search_doc AS
SELECT p.id AS id,
       p.given_name || ' ' || p.name_prefix || ' ' || p.family_name || ' ' || p.title || ' ' ||
       coalesce((SELECT group_concat(e.address, ' ')
                   FROM email_address e WHERE e.person_id = p.id), '') || ' ' ||
       coalesce((SELECT group_concat(a.role || ' ' || o.name || ' ' || o.short_name, ' ')
                   FROM affiliation a JOIN organisation o ON o.id = a.organisation_id
                  WHERE a.person_id = p.id), '') AS body
  FROM person p
"""

_ORGANISATION_DOC_V1 = """
CREATE VIEW organisation_search_doc AS
SELECT o.id AS id,
       o.name || ' ' || o.short_name || ' ' || o.region || ' ' || o.website || ' ' ||
       coalesce((SELECT par.name FROM organisation par WHERE par.id = o.parent_id), '') AS body
  FROM organisation o
"""


def _refresh_person(ref: str) -> str:
    return (
        f"DELETE FROM person_fts WHERE rowid = {ref}; "
        f"INSERT INTO person_fts(rowid, body) "
        f"SELECT id, body FROM person_search_doc WHERE id = {ref};"
    )


def _refresh_organisation(ref: str) -> str:
    return (
        f"DELETE FROM organisation_fts WHERE rowid = {ref}; "
        f"INSERT INTO organisation_fts(rowid, body) "
        f"SELECT id, body FROM organisation_search_doc WHERE id = {ref};"
    )


def _trigger(name: str, when: str, table: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {when} ON {table} BEGIN {body} END"


def _v1() -> list[str]:
    people_of_org = "(SELECT person_id FROM affiliation WHERE organisation_id = NEW.id)"
    return [
        f"CREATE VIRTUAL TABLE person_fts USING fts5(body, tokenize = '{_TOKENIZER}')",
        f"CREATE VIRTUAL TABLE organisation_fts USING fts5(body, tokenize = '{_TOKENIZER}')",
        _PERSON_DOC_V1,
        _ORGANISATION_DOC_V1,
        _trigger("person_fts_ai", "INSERT", "person", _refresh_person("NEW.id")),
        _trigger("person_fts_au", "UPDATE", "person", _refresh_person("NEW.id")),
        _trigger(
            "person_fts_ad", "DELETE", "person", "DELETE FROM person_fts WHERE rowid = OLD.id;"
        ),
        _trigger("email_fts_ai", "INSERT", "email_address", _refresh_person("NEW.person_id")),
        _trigger(
            "email_fts_au",
            "UPDATE",
            "email_address",
            _refresh_person("OLD.person_id") + _refresh_person("NEW.person_id"),
        ),
        _trigger("email_fts_ad", "DELETE", "email_address", _refresh_person("OLD.person_id")),
        _trigger("affiliation_fts_ai", "INSERT", "affiliation", _refresh_person("NEW.person_id")),
        _trigger(
            "affiliation_fts_au",
            "UPDATE",
            "affiliation",
            _refresh_person("OLD.person_id") + _refresh_person("NEW.person_id"),
        ),
        _trigger("affiliation_fts_ad", "DELETE", "affiliation", _refresh_person("OLD.person_id")),
        _trigger("organisation_fts_ai", "INSERT", "organisation", _refresh_organisation("NEW.id")),
        _trigger(
            "organisation_fts_au",
            "UPDATE",
            "organisation",
            _refresh_organisation("NEW.id")
            # People's documents carry the organisation's name; children carry the parent's.
            + f" DELETE FROM person_fts WHERE rowid IN {people_of_org};"
            + " INSERT INTO person_fts(rowid, body) SELECT id, body FROM person_search_doc"
            + f" WHERE id IN {people_of_org};"
            + " DELETE FROM organisation_fts WHERE rowid IN"
            + " (SELECT id FROM organisation WHERE parent_id = NEW.id);"
            + " INSERT INTO organisation_fts(rowid, body) SELECT id, body"
            + " FROM organisation_search_doc WHERE id IN"
            + " (SELECT id FROM organisation WHERE parent_id = NEW.id);",
        ),
        _trigger(
            "organisation_fts_ad",
            "DELETE",
            "organisation",
            "DELETE FROM organisation_fts WHERE rowid = OLD.id;",
        ),
        # Fill the index from rows that exist already (an upgrade of a populated file).
        "INSERT INTO person_fts(rowid, body) SELECT id, body FROM person_search_doc",
        "INSERT INTO organisation_fts(rowid, body) SELECT id, body FROM organisation_search_doc",
    ]


_DROP_V1 = [
    *(
        f"DROP TRIGGER IF EXISTS {name}"
        for name in (
            "person_fts_ai",
            "person_fts_au",
            "person_fts_ad",
            "email_fts_ai",
            "email_fts_au",
            "email_fts_ad",
            "affiliation_fts_ai",
            "affiliation_fts_au",
            "affiliation_fts_ad",
            "organisation_fts_ai",
            "organisation_fts_au",
            "organisation_fts_ad",
        )
    ),
    "DROP VIEW IF EXISTS person_search_doc",
    "DROP VIEW IF EXISTS organisation_search_doc",
    "DROP TABLE IF EXISTS person_fts",
    "DROP TABLE IF EXISTS organisation_fts",
]


def create_statements(version: int) -> list[str]:
    """The SQL that creates search schema ``version`` and fills it from existing rows."""
    if version == 1:
        return _v1()
    raise ValueError(f"unknown search schema version {version}")


def drop_statements(version: int) -> list[str]:
    """The SQL that removes search schema ``version``."""
    if version == 1:
        return list(_DROP_V1)
    raise ValueError(f"unknown search schema version {version}")
