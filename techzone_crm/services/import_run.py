"""Running a planned import in the caller's transaction, in batches.

Each person the import writes is a target: a new one, or a known one whose empty fields the
rows fill in (a merge never overwrites a value). Rows of one person in the file fold into one
target. New people are inserted a batch at a time; cancelling between batches raises
ImportCancelled, and the caller's transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from techzone_crm.db.base import utcnow
from techzone_crm.db.models import (
    Affiliation,
    EmailAddress,
    EmailKind,
    GovernmentLevel,
    Helix,
    Person,
    PhoneKind,
    PhoneNumber,
    Tag,
    person_tag,
)
from techzone_crm.errors import ValidationError
from techzone_crm.gc_pause import collection_paused
from techzone_crm.services.affiliations import is_current
from techzone_crm.services.import_match import organisation_key
from techzone_crm.services.import_types import (
    Candidate,
    DuplicateAction,
    ImportCancelled,
    ImportPlan,
    ImportRejected,
    ImportSummary,
    MatchReason,
)
from techzone_crm.services.import_values import guess_kind
from techzone_crm.services.import_write import (
    PersonRows,
    chunks,
    existing_ids,
    insert_organisations,
    person_row,
    tag_ids,
    update_people,
    update_roles,
    write_details,
    write_people,
)
from techzone_crm.text import person_sort_key

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: People written per batch: progress is reported and cancelling looked at in between.
BATCH = 1000


@dataclass(frozen=True)
class _Before:
    """What a known person held before the import."""

    fields: tuple[Any, ...]
    emails: int
    phones: int
    tags: frozenset[str]
    roles: dict[int, tuple[int | None, str]]


_NOTHING = _Before((), 0, 0, frozenset(), {})


@dataclass
class _Target:
    """A person the import writes, with what it holds once the rows are folded in."""

    person_id: int | None  # None: a new person
    given: str
    prefix: str
    family: str
    title: str
    notes: str
    do_not_contact: bool
    emails: list[tuple[str, EmailKind]] = field(default_factory=list)
    phones: list[tuple[str, PhoneKind]] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)  # case-folded → as written
    # Current roles by organisation id: (affiliation id or None for a new one, role).
    roles: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    rows: list[Candidate] = field(default_factory=list)
    before: _Before = _NOTHING

    @classmethod
    def new(cls, c: Candidate) -> _Target:
        d = c.data
        return cls(None, "", d.name_prefix, d.family_name, "", "", False)

    def fields(self) -> tuple[Any, ...]:
        return (self.given, self.prefix, self.title, self.notes, self.do_not_contact)

    def fold_in(self, c: Candidate, org_id: int | None) -> None:
        """Fill what is empty from row ``c``; add its addresses, numbers, tags and role."""
        d = c.data
        self.given = self.given or d.given_name
        self.prefix = self.prefix or d.name_prefix
        self.title = self.title or d.title
        self.notes = self.notes or d.notes
        self.do_not_contact = self.do_not_contact or d.do_not_contact
        have = {a.lower() for a, _ in self.emails}
        for e in d.emails:
            if e.address.lower() not in have:
                have.add(e.address.lower())
                self.emails.append((e.address, EmailKind(e.kind)))
        numbers = {n for n, _ in self.phones}
        for p in d.phones:
            if p.number not in numbers:
                numbers.add(p.number)
                self.phones.append((p.number, PhoneKind(p.kind)))
        for tag in d.tags:
            self.tags.setdefault(tag.casefold(), tag)
        if org_id is not None:
            affiliation_id, role = self.roles.get(org_id, (None, ""))
            self.roles[org_id] = (affiliation_id, role or c.role)
        self.rows.append(c)


def _check(plan: ImportPlan, skip_invalid: bool) -> None:
    if plan.truncated:
        raise ValidationError("plan", "only the first rows of the file were read; read it all")
    if plan.problems and not skip_invalid:
        raise ImportRejected(plan)


def _assign(
    plan: ImportPlan, actions: Mapping[int, DuplicateAction | str]
) -> tuple[list[tuple[Candidate, int | str]], int]:
    """Each imported row with its target (a known person's id, or a new one's key)."""
    assigned: list[tuple[Candidate, int | str]] = []
    leaders: dict[int, int | str] = {}
    skipped = 0
    for c in plan.candidates:
        dup = plan.duplicates.get(c.row)
        chosen = actions.get(c.row)
        action = DuplicateAction(chosen) if chosen else (dup.default_action if dup else None)
        if action is DuplicateAction.SKIP:
            skipped += 1
            continue
        target: int | str = f"row {c.row}"
        if dup is not None and action is DuplicateAction.MERGE:
            if dup.reason is MatchReason.IN_FILE and dup.other_row is not None:
                target = leaders.setdefault(dup.other_row, target)
            elif dup.person_id is not None:
                target = dup.person_id
        leaders.setdefault(c.row, target)
        assigned.append((c, target))
    return assigned, skipped


def _organisations(
    session: Session, plan: ImportPlan, rows: Sequence[Candidate], summary: ImportSummary
) -> dict[int, int]:
    """Row → organisation id, creating the organisations the database lacks."""
    known = existing_ids(session, "organisation", (c.organisation_id or 0 for c in rows))
    groups: dict[str, list[Candidate]] = {}
    found: dict[int, int] = {}
    for c in rows:
        if c.organisation_id is not None and c.organisation_id in known:
            found[c.row] = c.organisation_id
        elif c.organisation:
            groups.setdefault(organisation_key(c.organisation), []).append(c)
    new: list[tuple[str, Helix, GovernmentLevel | None]] = []
    for members in groups.values():
        name = members[0].organisation
        helix = next((c.helix for c in members if c.helix is not None), None)
        guessed = guess_kind(name)
        level = guessed[1] if guessed is not None else None
        if helix is None:
            helix = guessed[0] if guessed is not None else plan.default_helix or Helix.BUSINESS
        new.append((name, helix, level if helix is Helix.GOVERNMENT else None))
    ids = insert_organisations(session, new, utcnow())
    summary.organisations_created.extend(ids)
    for members, org_id in zip(groups.values(), ids, strict=True):
        found.update((c.row, org_id) for c in members)
    return found


def _load_known(session: Session, person_ids: Sequence[int]) -> dict[int, _Target]:
    """The current state of the known people the rows merge into."""
    targets: dict[int, _Target] = {}
    today = date.today()
    for part in chunks(sorted(person_ids)):
        for pid, given, prefix, family, title, notes, dnc in session.execute(
            select(
                Person.id,
                Person.given_name,
                Person.name_prefix,
                Person.family_name,
                Person.title,
                Person.notes,
                Person.do_not_contact,
            ).where(Person.id.in_(part))
        ):
            targets[pid] = _Target(pid, given, prefix, family, title, notes, dnc)
        for pid, address, kind in session.execute(
            select(EmailAddress.person_id, EmailAddress.address, EmailAddress.kind)
            .where(EmailAddress.person_id.in_(part))
            .order_by(EmailAddress.position, EmailAddress.id)
        ):
            targets[pid].emails.append((address, kind))
        for pid, number, phone_kind in session.execute(
            select(PhoneNumber.person_id, PhoneNumber.number, PhoneNumber.kind)
            .where(PhoneNumber.person_id.in_(part))
            .order_by(PhoneNumber.position, PhoneNumber.id)
        ):
            targets[pid].phones.append((number, phone_kind))
        for pid, name in session.execute(
            select(person_tag.c.person_id, Tag.name)
            .join(Tag, Tag.id == person_tag.c.tag_id)
            .where(person_tag.c.person_id.in_(part))
        ):
            targets[pid].tags.setdefault(name.casefold(), name)
        for aid, pid, org_id, role in session.execute(
            select(
                Affiliation.id, Affiliation.person_id, Affiliation.organisation_id, Affiliation.role
            )
            .where(Affiliation.person_id.in_(part), is_current(today))
            .order_by(Affiliation.id)
        ):
            targets[pid].roles.setdefault(org_id, (aid, role))
    for t in targets.values():
        t.before = _Before(
            t.fields(), len(t.emails), len(t.phones), frozenset(t.tags), dict(t.roles)
        )
    return targets


def _rows_of(targets: Sequence[_Target], tags: dict[str, int], now: Any) -> PersonRows:
    """The rows that store what ``targets`` gained (index = position in ``targets``)."""
    batch = PersonRows()
    for i, t in enumerate(targets):
        b = t.before
        if t.person_id is None:
            batch.people.append(
                person_row(t.given, t.prefix, t.family, t.title, t.notes, t.do_not_contact, now)
            )
        batch.emails += [(i, a, k, p) for p, (a, k) in enumerate(t.emails) if p >= b.emails]
        batch.phones += [(i, n, k, p) for p, (n, k) in enumerate(t.phones) if p >= b.phones]
        batch.roles += [(i, org, r) for org, (aid, r) in t.roles.items() if aid is None]
        batch.tags += [(i, tags[key]) for key in t.tags if key not in b.tags]
    return batch


def _changed(t: _Target) -> bool:
    b = t.before
    now = _Before(t.fields(), len(t.emails), len(t.phones), frozenset(t.tags), t.roles)
    return now != b


def _batches(
    items: Sequence[_Target],
    done: int,
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Any:
    for start in range(0, len(items), BATCH):
        if cancelled is not None and cancelled():
            raise ImportCancelled
        yield items[start : start + BATCH]
        if progress is not None:
            progress(min(done + start + BATCH, total), total)


@collection_paused()
def run_import(
    session: Session,
    plan: ImportPlan,
    *,
    actions: Mapping[int, DuplicateAction | str] | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportSummary:
    """Write the plan in the caller's transaction (not committed here).

    ``actions`` (by row) overrides the duplicates' default actions. When rows have problems
    the import is all-or-nothing (ImportRejected, nothing written) unless ``skip_invalid``.
    """
    _check(plan, skip_invalid)
    session.flush()
    summary = ImportSummary(rejected=len(plan.rejected_rows))
    assigned, summary.skipped = _assign(plan, actions or {})
    now = utcnow()
    org_of = _organisations(session, plan, [c for c, _ in assigned], summary)
    tags = tag_ids(session, (t for c, _ in assigned for t in c.data.tags), now)
    known = _load_known(session, [t for _, t in assigned if isinstance(t, int)])
    targets: dict[int | str, _Target] = dict(known.items())
    for c, key in assigned:
        if key not in targets:
            # A new person, or a known one deleted since the plan was made.
            key = key if isinstance(key, str) else f"person {key}"
            targets.setdefault(key, _Target.new(c))
        targets[key].fold_in(c, org_of.get(c.row))
    new = [t for t in targets.values() if t.person_id is None]
    merged = [t for t in known.values() if _changed(t)]
    total = len(new) + len(merged)
    if progress is not None:
        progress(0, total)
    for part in _batches(new, 0, total, progress, cancelled):
        summary.created += write_people(session, _rows_of(part, tags, now), now)
    for part in _batches(merged, len(new), total, progress, cancelled):
        _write_merges(session, part, tags, now)
    if cancelled is not None and cancelled():
        raise ImportCancelled
    summary.merged = [t.person_id for t in merged if t.person_id is not None]
    summary.unchanged = [pid for pid, t in known.items() if not _changed(t)]
    session.expire_all()
    return summary


def _write_merges(
    session: Session, part: Sequence[_Target], tags: dict[str, int], now: Any
) -> None:
    update_people(
        session,
        [
            {
                "pid": t.person_id,
                "given": t.given,
                "prefix": t.prefix,
                "title": t.title,
                "notes": t.notes,
                "dnc": t.do_not_contact,
                "sort": person_sort_key(t.family, t.given, t.prefix)[:240],
            }
            for t in part
        ],
        now,
    )
    write_details(session, _rows_of(part, tags, now), [t.person_id or 0 for t in part], now)
    update_roles(
        session,
        [
            (aid, role)
            for t in part
            for org, (aid, role) in t.roles.items()
            if aid is not None and role != t.before.roles[org][1]
        ],
        now,
    )
