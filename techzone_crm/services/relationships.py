"""Explicit relationships between two people or between two organisations.

A relationship reads "a <kind> b" ("Jan advises Els"); works with and partner of go both
ways. Its strength runs from 1 (weak) to 5 (strong). Between the same two there is at most
one relationship of each kind, whichever way round it was entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from techzone_crm.db.models import Organisation, Person, Relationship, RelationshipKind
from techzone_crm.errors import ValidationError
from techzone_crm.services import validation as v
from techzone_crm.services.common import check_version, fetch, save
from techzone_crm.text import person_display_name

WHAT = "relationship"

MIN_STRENGTH = 1
MAX_STRENGTH = 5

#: Kinds that mean the same read either way ("a works with b" is "b works with a").
MUTUAL: frozenset[RelationshipKind] = frozenset(
    {RelationshipKind.WORKS_WITH, RelationshipKind.PARTNER_OF}
)


@dataclass
class RelationshipData:
    """What a user enters: "a <kind> b" for two people or two organisations, and a strength."""

    kind: RelationshipKind | str
    person_a_id: int | None = None
    person_b_id: int | None = None
    organisation_a_id: int | None = None
    organisation_b_id: int | None = None
    strength: int = 3
    note: str = ""
    started_on: date | None = None

    @classmethod
    def people(
        cls, kind: RelationshipKind | str, a: int, b: int, strength: int = 3, **kw: Any
    ) -> RelationshipData:
        """Person ``a`` <kind> person ``b``."""
        return cls(kind, person_a_id=a, person_b_id=b, strength=strength, **kw)

    @classmethod
    def organisations(
        cls, kind: RelationshipKind | str, a: int, b: int, strength: int = 3, **kw: Any
    ) -> RelationshipData:
        """Organisation ``a`` <kind> organisation ``b``."""
        return cls(kind, organisation_a_id=a, organisation_b_id=b, strength=strength, **kw)


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship as a list shows it, seen from one side (``this_id``).

    ``outgoing`` is True when the listed record is side a ("this advises other"), False when
    it is side b ("other advises this"); for mutual kinds the direction does not matter.
    """

    id: int
    version: int
    kind: RelationshipKind
    strength: int
    note: str
    started_on: date | None
    #: True: between two people; False: between two organisations.
    between_people: bool
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    this_id: int

    @property
    def outgoing(self) -> bool:
        """True if the listed record is side a."""
        return self.this_id == self.a_id

    @property
    def mutual(self) -> bool:
        """True if the kind reads the same either way."""
        return self.kind in MUTUAL

    @property
    def other_id(self) -> int:
        """The id of the other side."""
        return self.b_id if self.outgoing else self.a_id

    @property
    def other_name(self) -> str:
        """The name of the other side."""
        return self.b_name if self.outgoing else self.a_name

    def to_data(self) -> RelationshipData:
        """The row as input for an edit form."""
        if self.between_people:
            return RelationshipData.people(
                self.kind,
                self.a_id,
                self.b_id,
                self.strength,
                note=self.note,
                started_on=self.started_on,
            )
        return RelationshipData.organisations(
            self.kind,
            self.a_id,
            self.b_id,
            self.strength,
            note=self.note,
            started_on=self.started_on,
        )


def _strength(value: Any) -> int:
    # bool is an int in Python; a checkbox value here is a programming slip, not a strength.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            "strength", f"must be a whole number from {MIN_STRENGTH} to {MAX_STRENGTH}"
        )
    if not MIN_STRENGTH <= value <= MAX_STRENGTH:
        raise ValidationError(
            "strength", f"must be from {MIN_STRENGTH} to {MAX_STRENGTH} (got {value})"
        )
    return value


_NOT_SELF = {
    "person": "a person cannot have a relationship with themselves",
    "organisation": "an organisation cannot have a relationship with itself",
}


def _pair(session: Session, data: RelationshipData) -> tuple[bool, int, int]:
    """(between people, a, b) after checking that the two exist and differ."""
    people = (data.person_a_id, data.person_b_id)
    orgs = (data.organisation_a_id, data.organisation_b_id)
    has_people = any(i is not None for i in people)
    has_orgs = any(i is not None for i in orgs)
    if has_people and has_orgs:
        field = "organisation_a_id" if data.organisation_a_id is not None else "organisation_b_id"
        raise ValidationError(
            field, "a relationship is between two people or between two organisations"
        )
    if not has_people and not has_orgs:
        raise ValidationError("person_a_id", "choose two people or two organisations")
    what = "person" if has_people else "organisation"
    model: type[Person | Organisation] = Person if has_people else Organisation
    a, b = people if has_people else orgs
    for side, ident in (("a", a), ("b", b)):
        field = f"{what}_{side}_id"
        if ident is None:
            raise ValidationError(field, "is required")
        if session.get(model, ident) is None:
            raise ValidationError(field, f"unknown {what} #{ident}")
    assert a is not None and b is not None
    if a == b:
        raise ValidationError(f"{what}_b_id", _NOT_SELF[what])
    return has_people, a, b


def _between(between_people: bool, a: int, b: int) -> ColumnElement[bool]:
    """SQL: a relationship between ``a`` and ``b``, either way round."""
    if between_people:
        col_a, col_b = Relationship.person_a_id, Relationship.person_b_id
    else:
        col_a, col_b = Relationship.organisation_a_id, Relationship.organisation_b_id
    return or_((col_a == a) & (col_b == b), (col_a == b) & (col_b == a))


def _apply(session: Session, rel: Relationship, data: RelationshipData, today: date) -> None:
    kind = v.choice("kind", RelationshipKind, data.kind)
    between_people, a, b = _pair(session, data)
    strength = _strength(data.strength)
    if data.started_on is not None:
        if not isinstance(data.started_on, date):
            raise ValidationError("started_on", "must be a date")
        if data.started_on > today:
            raise ValidationError("started_on", f"is in the future ({data.started_on.isoformat()})")
    note = v.long_text("note", data.note)
    same = select(Relationship.id).where(Relationship.kind == kind, _between(between_people, a, b))
    if rel.id is not None:
        same = same.where(Relationship.id != rel.id)
    if session.scalar(same.limit(1)) is not None:
        raise ValidationError(
            "kind", f"these two already have a “{kind.value.replace('_', ' ')}” relationship"
        )
    rel.kind = kind
    if between_people:
        rel.person_a_id, rel.person_b_id = a, b
        rel.organisation_a_id = rel.organisation_b_id = None
    else:
        rel.organisation_a_id, rel.organisation_b_id = a, b
        rel.person_a_id = rel.person_b_id = None
    rel.strength = strength
    rel.note = note
    rel.started_on = data.started_on


def add_relationship(
    session: Session, data: RelationshipData, today: date | None = None
) -> RelationshipRow:
    """Record that a <kind> b."""
    rel = Relationship()
    with session.no_autoflush:
        _apply(session, rel, data, today or date.today())
    session.add(rel)
    save(session, WHAT)
    return _rows(session, [rel])[0]


def update_relationship(
    session: Session,
    relationship_id: int,
    data: RelationshipData,
    expected_version: int | None = None,
    today: date | None = None,
) -> RelationshipRow:
    """Change a relationship; ``expected_version`` guards against overwriting others' edits."""
    rel = fetch(session, Relationship, relationship_id, WHAT)
    check_version(rel, expected_version, WHAT)
    with session.no_autoflush:
        _apply(session, rel, data, today or date.today())
    save(session, WHAT)
    return _rows(session, [rel])[0]


def delete_relationship(
    session: Session, relationship_id: int, expected_version: int | None = None
) -> None:
    """Remove a relationship (the two people or organisations stay)."""
    rel = fetch(session, Relationship, relationship_id, WHAT)
    check_version(rel, expected_version, WHAT)
    session.delete(rel)
    save(session, WHAT)


def get_relationship(session: Session, relationship_id: int) -> RelationshipRow:
    """One relationship by id, seen from side a."""
    return _rows(session, [fetch(session, Relationship, relationship_id, WHAT)])[0]


def person_relationships(session: Session, person_id: int) -> list[RelationshipRow]:
    """A person's relationships either way round: strongest first, then by the other's name."""
    fetch(session, Person, person_id, "person")
    stmt = select(Relationship).where(
        or_(Relationship.person_a_id == person_id, Relationship.person_b_id == person_id)
    )
    return _sorted(_rows(session, list(session.scalars(stmt)), person_id))


def organisation_relationships(session: Session, organisation_id: int) -> list[RelationshipRow]:
    """An organisation's relationships either way round: strongest first, then by name."""
    fetch(session, Organisation, organisation_id, "organisation")
    stmt = select(Relationship).where(
        or_(
            Relationship.organisation_a_id == organisation_id,
            Relationship.organisation_b_id == organisation_id,
        )
    )
    return _sorted(_rows(session, list(session.scalars(stmt)), organisation_id))


def move_person_relationships(session: Session, from_id: int, to_id: int) -> int:
    """Give person ``from_id``'s relationships to ``to_id`` (when merging two people).

    One between the two becomes pointless and one the other person already has (same kind,
    same third person) would be a duplicate: those stay behind. Returns how many moved.
    """
    rels = list(
        session.scalars(
            select(Relationship).where(
                or_(Relationship.person_a_id == from_id, Relationship.person_b_id == from_id)
            )
        )
    )
    taken: set[tuple[RelationshipKind, int]] = set()
    for kind, a, b in session.execute(
        select(Relationship.kind, Relationship.person_a_id, Relationship.person_b_id).where(
            or_(Relationship.person_a_id == to_id, Relationship.person_b_id == to_id)
        )
    ):
        other = b if a == to_id else a
        if other is not None:
            taken.add((kind, other))
    moved = 0
    for rel in rels:
        moving = rel.person_b_id if rel.person_a_id == from_id else rel.person_a_id
        if moving is None or moving == to_id or (rel.kind, moving) in taken:
            continue
        taken.add((rel.kind, moving))
        for column in (Relationship.person_a_id, Relationship.person_b_id):
            session.execute(
                update(Relationship)
                .where(Relationship.id == rel.id, column == from_id)
                .values({column: to_id, Relationship.version: Relationship.version + 1}),
                execution_options={"synchronize_session": "fetch"},
            )
        moved += 1
    return moved


def _sorted(rows: list[RelationshipRow]) -> list[RelationshipRow]:
    return sorted(rows, key=lambda r: (-r.strength, r.other_name.casefold(), r.kind, r.id))


def _rows(
    session: Session, rels: list[Relationship], this_id: int | None = None
) -> list[RelationshipRow]:
    """Rows for ``rels``, with the names of both sides in at most two queries."""
    pids = {i for r in rels for i in (r.person_a_id, r.person_b_id) if i is not None}
    oids = {i for r in rels for i in (r.organisation_a_id, r.organisation_b_id) if i is not None}
    people: dict[int, str] = {}
    if pids:
        stmt = select(
            Person.id, Person.given_name, Person.name_prefix, Person.family_name, Person.title
        ).where(Person.id.in_(pids))
        people = {
            pid: person_display_name(given, prefix, family, title)
            for pid, given, prefix, family, title in session.execute(stmt)
        }
    orgs: dict[int, str] = {}
    if oids:
        stmt_o = select(Organisation.id, Organisation.name).where(Organisation.id.in_(oids))
        orgs = {oid: name for oid, name in session.execute(stmt_o)}
    rows = []
    for r in rels:
        between_people = r.person_a_id is not None
        if between_people:
            assert r.person_a_id is not None and r.person_b_id is not None
            a, b, names = r.person_a_id, r.person_b_id, people
        else:
            assert r.organisation_a_id is not None and r.organisation_b_id is not None
            a, b, names = r.organisation_a_id, r.organisation_b_id, orgs
        rows.append(
            RelationshipRow(
                id=r.id,
                version=r.version,
                kind=r.kind,
                strength=r.strength,
                note=r.note,
                started_on=r.started_on,
                between_people=between_people,
                a_id=a,
                a_name=names.get(a, ""),
                b_id=b,
                b_name=names.get(b, ""),
                this_id=a if this_id is None else this_id,
            )
        )
    return rows
