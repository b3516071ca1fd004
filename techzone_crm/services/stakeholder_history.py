"""The public-affairs rows that refer to a person or an organisation, kept as plain values.

Deleting a person or an organisation takes some rows along (assessments, agenda links,
positions on dossiers, commitments, interaction attendance) and clears references in others
(theme leads, agenda owners). A :class:`History` keeps them, ids and values only, so that an
undo puts every row back as it was; the snapshots of :mod:`techzone_crm.services.snapshots`
carry one where a change touched them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from techzone_crm.db.base import Base
from techzone_crm.db.models import (
    Agenda,
    AgendaStakeholder,
    AgendaTheme,
    Assessment,
    Commitment,
    DistinctPeople,
    DossierStakeholder,
    Relationship,
    interaction_attendee,
    interaction_organisation,
)
from techzone_crm.errors import ConflictError

#: Which kind of record a history belongs to: the table its rows refer to.
RecordTable = Literal["person", "organisation"]

# Far below SQLite's limit on bound parameters per statement.
_CHUNK = 500


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class Part:
    """A column that refers to the record, and what a delete of the record does to its row."""

    table: Table
    column: str
    #: True: the row stays and the reference is cleared (ON DELETE SET NULL);
    #: False: the row is deleted with the record (ON DELETE CASCADE).
    cleared: bool


#: Every reference to a person or an organisation outside the record's own snapshot
#: (which has addresses, numbers, tags, roles, sectors and parts).
PARTS: dict[str, tuple[Part, ...]] = {
    "person": (
        Part(_table(Assessment), "person_id", False),
        Part(_table(AgendaStakeholder), "person_id", False),
        Part(_table(DossierStakeholder), "person_id", False),
        Part(_table(Commitment), "person_id", False),
        Part(interaction_attendee, "person_id", False),
        Part(_table(DistinctPeople), "person_a_id", False),
        Part(_table(DistinctPeople), "person_b_id", False),
        Part(_table(Relationship), "person_a_id", False),
        Part(_table(Relationship), "person_b_id", False),
        Part(_table(AgendaTheme), "lead_person_id", True),
    ),
    "organisation": (
        Part(_table(Assessment), "organisation_id", False),
        Part(_table(AgendaStakeholder), "organisation_id", False),
        Part(_table(DossierStakeholder), "organisation_id", False),
        Part(_table(Commitment), "organisation_id", False),
        Part(interaction_organisation, "organisation_id", False),
        Part(_table(Relationship), "organisation_a_id", False),
        Part(_table(Relationship), "organisation_b_id", False),
        Part(_table(AgendaTheme), "lead_organisation_id", True),
        Part(_table(Agenda), "owner_organisation_id", True),
    ),
}

# How a refused restore names a row.
_WHAT = {
    "assessment": "assessment",
    "agenda_stakeholder": "link to an agenda",
    "dossier_stakeholder": "position on a dossier",
    "commitment": "commitment",
    "relationship": "relationship",
    "agenda_theme": "agenda theme",
    "agenda": "agenda",
}


@dataclass(frozen=True)
class RowState:
    """A row that refers to the record through ``column``, with all its values."""

    table: str
    column: str
    values: tuple[tuple[str, Any], ...]

    @property
    def key(self) -> tuple[str, tuple[Any, ...]]:
        """Which row this is: its table and primary key."""
        values = dict(self.values)
        table = Base.metadata.tables[self.table]
        return self.table, tuple(values[c.name] for c in table.primary_key.columns)


@dataclass(frozen=True)
class RefState:
    """A row that names the record in ``column`` and stays when the record is deleted."""

    table: str
    column: str
    row_id: int
    created_at: datetime

    @property
    def key(self) -> tuple[str, str, int]:
        """Which reference this is."""
        return self.table, self.column, self.row_id


@dataclass(frozen=True)
class History:
    """The rows referring to one record; restoring it puts them back.

    ``drop_rows`` and ``drop_refs`` are what the change being undone gave the record (a merge
    moves rows to the person kept): restoring takes those away again.
    """

    rows: tuple[RowState, ...] = ()
    refs: tuple[RefState, ...] = ()
    drop_rows: tuple[RowState, ...] = ()
    drop_refs: tuple[RefState, ...] = ()

    @property
    def empty(self) -> bool:
        """True if nothing refers to the record and nothing is to be taken away."""
        return not (self.rows or self.refs or self.drop_rows or self.drop_refs)

    def against(self, other: History) -> History:
        """This history, taking away on restore what ``other`` has and this one has not."""
        rows = {r.key for r in self.rows}
        refs = {r.key for r in self.refs}
        return History(
            self.rows,
            self.refs,
            tuple(r for r in other.rows if r.key not in rows),
            tuple(r for r in other.refs if r.key not in refs),
        )


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def capture(session: Session, record: RecordTable, ids: Iterable[int]) -> dict[int, History]:
    """The history of each of ``ids`` as stored now, in a few queries per part."""
    wanted = list(dict.fromkeys(ids))
    rows: dict[int, list[RowState]] = {i: [] for i in wanted}
    refs: dict[int, list[RefState]] = {i: [] for i in wanted}
    for part in PARTS[record]:
        table, column = part.table, part.table.c[part.column]
        for chunk in _chunks(wanted):
            if part.cleared:
                stmt = select(table.c.id, table.c.created_at, column).where(column.in_(chunk))
                for row_id, created_at, owner in session.execute(stmt):
                    refs[owner].append(RefState(table.name, part.column, row_id, created_at))
                continue
            for row in session.execute(select(table).where(column.in_(chunk))):
                values = tuple((c.name, row._mapping[c]) for c in table.columns)
                refs_to = row._mapping[column]
                rows[refs_to].append(RowState(table.name, part.column, values))
    return {
        i: History(
            tuple(sorted(rows[i], key=lambda r: repr(r.key))),
            tuple(sorted(refs[i], key=lambda r: r.key)),
        )
        for i in wanted
    }


def capture_one(session: Session, record: RecordTable, record_id: int) -> History:
    """The history of one record as stored now."""
    return capture(session, record, [record_id])[record_id]


class _Restorer:
    """Puts one record's history back within a session, remembering what exists."""

    def __init__(self, session: Session, record_id: int) -> None:
        self.session = session
        self.record_id = record_id
        self.known: dict[tuple[str, Any], bool] = {}

    def exists(self, table: Table, column: str, value: Any) -> bool:
        key = (f"{table.name}.{column}", value)
        if key not in self.known:
            stmt = select(table.c[column]).where(table.c[column] == value).limit(1)
            self.known[key] = self.session.execute(stmt).first() is not None
        return self.known[key]

    def current(self, table: Table, values: dict[str, Any]) -> Any:
        where = [c == values[c.name] for c in table.primary_key.columns]
        return self.session.execute(select(table).where(*where)).first()

    def drop_row(self, state: RowState) -> None:
        table = Base.metadata.tables[state.table]
        values = dict(state.values)
        now = self.current(table, values)
        if now is None or now._mapping[state.column] != self.record_id:
            return  # gone already, or given back to where it came from
        if "version" in table.c and now._mapping["version"] != values["version"]:
            what = _WHAT.get(table.name, table.name)
            raise ConflictError(f"The {what} #{values['id']} was changed elsewhere meanwhile.")
        where = [c == values[c.name] for c in table.primary_key.columns]
        self.session.execute(delete(table).where(*where))
        _expire(self.session, table, values)

    def put_row(self, state: RowState) -> None:
        table = Base.metadata.tables[state.table]
        values = dict(state.values)
        for fk in table.foreign_keys:
            name = fk.parent.name
            if name == state.column or values.get(name) is None:
                continue
            if not self.exists(fk.column.table, fk.column.name, values[name]):
                if fk.ondelete == "SET NULL":
                    values[name] = None
                else:
                    return  # what it belonged to is gone; the row would have gone with it
        now = self.current(table, values)
        if now is None:
            self.session.execute(insert(table).values(values))
        elif [c.name for c in table.primary_key.columns] != ["id"]:
            return  # a link row: there already
        elif now._mapping["created_at"] != values["created_at"]:
            # The id was given to a new row meanwhile: this one comes back under a new id.
            fresh = {k: v for k, v in values.items() if k != "id"}
            self.session.execute(insert(table).values(fresh))
        elif dict(now._mapping) != values:
            changed = {k: v for k, v in values.items() if k != "id"}
            changed["version"] = now._mapping["version"] + 1
            self.session.execute(update(table).where(table.c.id == values["id"]).values(changed))
            _expire(self.session, table, values)

    def drop_ref(self, state: RefState) -> None:
        self._set_ref(state, self.record_id, None)

    def put_ref(self, state: RefState) -> None:
        self._set_ref(state, None, self.record_id)

    def _set_ref(self, state: RefState, was: int | None, value: int | None) -> None:
        """Set the reference to ``value`` if the row still names ``was`` (else it was edited)."""
        table = Base.metadata.tables[state.table]
        column = table.c[state.column]
        stmt = select(table.c.created_at, column).where(table.c.id == state.row_id)
        now = self.session.execute(stmt).first()
        if now is None or now[0] != state.created_at or now[1] != was:
            return
        self.session.execute(
            update(table)
            .where(table.c.id == state.row_id)
            .values({state.column: value, "version": table.c.version + 1})
        )
        _expire(self.session, table, {"id": state.row_id})


def _mapped(table: Table) -> type[Any] | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


def _expire(session: Session, table: Table, values: dict[str, Any]) -> None:
    """Make a loaded object of the row read it again (it was written past the ORM)."""
    cls = _mapped(table)
    if cls is None:
        return
    ident = tuple(values[c.name] for c in table.primary_key.columns)
    obj = session.identity_map.get(identity_key(cls, ident))
    if obj is not None:
        session.expire(obj)


def restore(session: Session, record_id: int, history: History) -> None:
    """Put the rows of ``history`` back for the record ``record_id``, which exists.

    What the record was given since (``drop_rows``, ``drop_refs``) is taken away first; a row
    changed elsewhere in between raises a ConflictError. Rows whose agenda, dossier or
    interaction was deleted meanwhile stay gone; a dossier, interaction or team member gone
    from a commitment or an assessment is left empty.
    """
    session.flush()
    restorer = _Restorer(session, record_id)
    for row in history.drop_rows:
        restorer.drop_row(row)
    for ref in history.drop_refs:
        restorer.drop_ref(ref)
    for row in history.rows:
        restorer.put_row(row)
    for ref in history.refs:
        restorer.put_ref(ref)
