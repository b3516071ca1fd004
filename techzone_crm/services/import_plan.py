"""Planning an import: every row checked with the rules of the person form, then matched.

One pass over the rows; the database is read a handful of times up front (organisations,
e-mail addresses, names), never per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from techzone_crm.db.models import EmailKind, Helix, PhoneKind
from techzone_crm.errors import ValidationError
from techzone_crm.gc_pause import collection_paused
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.import_mapping import split_full_name
from techzone_crm.io.table import ImportTable
from techzone_crm.services import validation as v
from techzone_crm.services.import_match import (
    OrganisationIndex,
    PersonIndex,
    name_key,
    organisation_key,
)
from techzone_crm.services.import_types import (
    Candidate,
    Duplicate,
    ImportCancelled,
    ImportPlan,
    MatchReason,
    RowProblem,
)
from techzone_crm.services.import_values import (
    HELIX_HINT,
    helix_of,
    split_list,
    unguard,
    yes_no,
)
from techzone_crm.services.people import EmailData, PersonData, PhoneData
from techzone_crm.text import clean

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Progress is reported (and cancelling looked at) every this many rows.
STEP = 1000

_EMAIL_KINDS = {ImportField.EMAIL: EmailKind.WORK, ImportField.EMAIL_PRIVATE: EmailKind.PRIVATE}
_PHONE_KINDS = {
    ImportField.PHONE: PhoneKind.WORK,
    ImportField.MOBILE: PhoneKind.MOBILE,
    ImportField.PHONE_PRIVATE: PhoneKind.PRIVATE,
}


@dataclass
class _Validators:
    """The form's e-mail and phone checks, remembered per text (lists repeat numbers)."""

    emails: dict[str, str | ValidationError] = field(default_factory=dict)
    phones: dict[str, str | ValidationError] = field(default_factory=dict)

    @staticmethod
    def _checked(
        cache: dict[str, str | ValidationError], text: str, check: Callable[[], str]
    ) -> str:
        found = cache.get(text)
        if found is None:
            try:
                found = check()
            except ValidationError as exc:
                found = exc
            cache[text] = found
        if isinstance(found, ValidationError):
            raise found
        return found

    def email(self, text: str) -> str:
        return self._checked(self.emails, text, lambda: v.email("email", text))

    def phone(self, text: str) -> str:
        return self._checked(self.phones, text, lambda: v.phone("phone", text))


class _Row:
    """One row being checked: its cells by field, and the problems found so far."""

    def __init__(
        self,
        number: int,
        cells: list[str],
        columns: dict[ImportField, list[int]],
        headers: list[str],
    ) -> None:
        self.number = number
        self.cells = cells
        self.columns = columns
        self.headers = headers
        self.problems: list[RowProblem] = []

    def values(self, f: ImportField) -> list[tuple[str, str]]:
        """(column title, text) of the non-empty cells of ``f``, in column order."""
        found = []
        for i in self.columns.get(f, ()):
            text = unguard(self.cells[i]).strip()
            if text:
                found.append((self.headers[i], text))
        return found

    def first(self, f: ImportField) -> tuple[str, str]:
        """(column title, text) of the first non-empty cell of ``f``; ("", "") if none."""
        found = self.values(f)
        if found:
            return found[0]
        columns = self.columns.get(f)
        return (self.headers[columns[0]] if columns else "", "")

    def problem(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.number, column, message))

    def check(self, column: str, check: Callable[..., str], *args: object) -> str:
        """``check(*args)``, or "" with its ValidationError recorded at ``column``."""
        try:
            return check(*args)
        except ValidationError as exc:
            self.problem(column, exc.problem)
            return ""


def _column_fields(
    table: ImportTable, mapping: Mapping[int, ImportField]
) -> dict[int, ImportField]:
    fields = {i: ImportField(f) for i, f in table.fixed_fields.items()}
    fields.update({i: ImportField(f) for i, f in mapping.items()})
    return {i: f for i, f in fields.items() if 0 <= i < len(table.headers)}


def _names(row: _Row) -> tuple[str, str, str, str, str]:
    """(given, prefix, family, title, column of the family name), a whole name split if need be."""
    family_column, family = row.first(ImportField.FAMILY_NAME)
    parts = {
        f: row.first(f)[1]
        for f in (ImportField.GIVEN_NAME, ImportField.NAME_PREFIX, ImportField.TITLE)
    }
    full_column, full = row.first(ImportField.FULL_NAME)
    if not clean(family) and clean(full):
        given, prefix, family, title = split_full_name(clean(full))
        family_column = full_column
        parts[ImportField.GIVEN_NAME] = parts[ImportField.GIVEN_NAME] or given
        parts[ImportField.NAME_PREFIX] = parts[ImportField.NAME_PREFIX] or prefix
        parts[ImportField.TITLE] = parts[ImportField.TITLE] or title
    given_column = row.first(ImportField.GIVEN_NAME)[0] or full_column
    prefix_column = row.first(ImportField.NAME_PREFIX)[0] or full_column
    title_column = row.first(ImportField.TITLE)[0] or full_column
    given = row.check(given_column, v.limited, "given_name", parts[ImportField.GIVEN_NAME], 100)
    prefix = row.check(prefix_column, v.limited, "name_prefix", parts[ImportField.NAME_PREFIX], 30)
    title = row.check(title_column, v.limited, "title", parts[ImportField.TITLE], 50)
    if not clean(family):
        row.problem(family_column, "a family name is required")
    family = row.check(family_column, v.limited, "family_name", family, 100)
    return given, prefix.lower(), family, title, family_column


def _person(row: _Row, check: _Validators) -> PersonData:
    given, prefix, family, title, _ = _names(row)
    emails: list[EmailData] = []
    seen: set[str] = set()
    for f, kind in _EMAIL_KINDS.items():
        for column, text in row.values(f):
            for item in split_list(text):
                address = row.check(column, check.email, item)
                if address and address.lower() not in seen:
                    seen.add(address.lower())
                    emails.append(EmailData(address, kind))
    phones: list[PhoneData] = []
    numbers: set[str] = set()
    for f, phone_kind in _PHONE_KINDS.items():
        for column, text in row.values(f):
            for item in split_list(text):
                number = row.check(column, check.phone, item)
                if number and number not in numbers:
                    numbers.add(number)
                    phones.append(PhoneData(number, phone_kind))
    tags: dict[str, str] = {}
    for column, text in row.values(ImportField.TAGS):
        for item in split_list(text):
            tag = row.check(column, v.limited, "tags", item, 100)
            if tag:
                tags.setdefault(tag.casefold(), tag)
    notes_values = row.values(ImportField.NOTES)
    notes_column = notes_values[0][0] if notes_values else ""
    notes = "\n\n".join(text for _, text in notes_values)
    notes = row.check(notes_column, v.long_text, "notes", notes)
    column, text = row.first(ImportField.DO_NOT_CONTACT)
    do_not_contact = yes_no(text)
    if do_not_contact is None:
        row.problem(column, f"'{clean(text)}' is not yes or no (ja/nee)")
    return PersonData(
        given_name=given,
        family_name=family,
        name_prefix=prefix,
        title=title,
        notes=notes,
        do_not_contact=bool(do_not_contact),
        emails=emails,
        phones=phones,
        tags=list(tags.values()),
    )


def _workplace(row: _Row) -> tuple[str, str, Helix | None]:
    column, text = row.first(ImportField.ORGANISATION)
    organisation = row.check(column, v.limited, "organisation", text, 200)
    column, text = row.first(ImportField.ROLE)
    role = row.check(column, v.limited, "role", text, 200)
    column, text = row.first(ImportField.HELIX)
    helix = helix_of(text) if clean(text) else None
    if clean(text) and helix is None:
        row.problem(column, f"'{clean(text)}' is not a helix: {HELIX_HINT}")
    return organisation, role, helix


@dataclass
class _Planner:
    """The state of one pass: indexes of the database and of the rows seen so far."""

    plan: ImportPlan
    organisations: OrganisationIndex
    people: PersonIndex
    check: _Validators = field(default_factory=_Validators)
    new_keys: set[str] = field(default_factory=set)
    # Keys of earlier rows → the first row of that person in the file.
    emails_seen: dict[str, int] = field(default_factory=dict)
    names_seen: dict[tuple[str, str], int] = field(default_factory=dict)
    first_rows: dict[int, Candidate] = field(default_factory=dict)

    def add(self, number: int, row: _Row) -> None:
        data = _person(row, self.check)
        organisation, role, helix = _workplace(row)
        if row.problems:
            self.plan.problems.extend(row.problems)
            return
        organisation_id = self._organisation(organisation)
        candidate = Candidate(number, data, organisation, role, helix, organisation_id)
        self.plan.candidates.append(candidate)
        self._duplicate(candidate)

    def _organisation(self, name: str) -> int | None:
        if not name:
            return None
        found = self.organisations.match(name)
        if found is not None:
            self.plan.organisations_matched.setdefault(name, found[1])
            return found[0]
        key = organisation_key(name)
        if key not in self.new_keys:
            self.new_keys.add(key)
            self.plan.organisations_new.append(name)
        return None

    def _duplicate(self, c: Candidate) -> None:
        d = c.data
        emails = [e.address.lower() for e in d.emails]
        names = (
            name_key(d.given_name, d.name_prefix, d.family_name),
            organisation_key(c.organisation),
        )
        match = self.people.find(
            emails,
            d.given_name,
            d.name_prefix,
            d.family_name,
            c.organisation_id,
            bool(c.organisation),
        )
        first = next((self.emails_seen[e] for e in emails if e in self.emails_seen), None)
        if first is None and c.organisation:
            first = self.names_seen.get(names)
        if match is not None:
            self.plan.duplicates[c.row] = Duplicate(
                c.row,
                match.reason,
                match.score,
                match.person_id,
                None,
                match.name,
                match.organisation,
            )
        elif first is not None:
            earlier = self.first_rows[first]
            self.plan.duplicates[c.row] = Duplicate(
                c.row, MatchReason.IN_FILE, 100, None, first, earlier.name, earlier.organisation
            )
        leader = first if first is not None else c.row
        self.first_rows.setdefault(leader, c)
        for e in emails:
            self.emails_seen.setdefault(e, leader)
        if c.organisation:
            self.names_seen.setdefault(names, leader)


@collection_paused()
def plan_import(
    session: Session,
    table: ImportTable,
    mapping: Mapping[int, ImportField],
    *,
    default_helix: Helix | None = None,
    source_name: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    """Check every row of ``table`` and find the people and organisations already known.

    ``mapping`` says which field each column holds (columns not in it are ignored; a vCard's
    fixed fields count as mapped). Nothing is written.
    """
    plan = ImportPlan(
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        source_name=source_name,
        total_rows=len(table.rows),
        default_helix=default_helix,
        truncated=table.truncated,
    )
    columns: dict[ImportField, list[int]] = {}
    for i, f in sorted(_column_fields(table, mapping).items()):
        columns.setdefault(f, []).append(i)
    planner = _Planner(plan, OrganisationIndex(session), PersonIndex(session))
    total = len(table.rows)
    for done, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        if done % STEP == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None:
                progress(done, total)
        planner.add(number, _Row(number, cells, columns, table.headers))
    if progress is not None:
        progress(total, total)
    return plan
