"""What an import plans and does: problems, candidates, duplicates, the plan and the summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from techzone_crm.db.models import Helix
from techzone_crm.errors import UserError
from techzone_crm.io.table import SourceFormat
from techzone_crm.services.people import PersonData
from techzone_crm.text import person_display_name


class DuplicateAction(StrEnum):
    """What to do with a row that may be someone already known."""

    MERGE = "merge"  # fill the gaps of the known person
    SKIP = "skip"  # leave the row out
    CREATE = "create"  # import the row as a new person anyway


class MatchReason(StrEnum):
    """Why a row may be someone already known."""

    EMAIL = "email"  # an e-mail address of a person in the database
    NAME_ORGANISATION = "name_organisation"  # a similar name at the same organisation
    NAME = "name"  # the same name (the row has no organisation)
    IN_FILE = "in_file"  # the same person as an earlier row of the file


@dataclass(frozen=True)
class RowProblem:
    """Why a row cannot be imported; ``column`` is the title of the column at fault."""

    row: int
    column: str
    message: str

    @property
    def text(self) -> str:
        """The problem in one line: 'row 4, "E-mail": … is not a valid e-mail address'."""
        where = f'row {self.row}, "{self.column}"' if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class Candidate:
    """A valid row: the person it describes and where they work."""

    row: int
    data: PersonData
    organisation: str  # as written in the file ("" when none)
    role: str
    helix: Helix | None  # the row's helix of a new organisation
    organisation_id: int | None  # the existing organisation matched, None: a new one

    @property
    def name(self) -> str:
        """The person's name as written: "dr. Jan van der Berg"."""
        d = self.data
        return person_display_name(d.given_name, d.name_prefix, d.family_name, d.title)


@dataclass(frozen=True)
class Duplicate:
    """A row that may be a known person (``person_id``) or an earlier row (``other_row``)."""

    row: int
    reason: MatchReason
    score: int  # 0–100: how sure the match is
    person_id: int | None
    other_row: int | None
    existing_name: str
    existing_organisation: str
    default_action: DuplicateAction = DuplicateAction.MERGE

    @property
    def text(self) -> str:
        """Why the row matches, in words."""
        who = self.existing_name
        if self.existing_organisation:
            who += f" ({self.existing_organisation})"
        if self.reason is MatchReason.IN_FILE:
            return f"is the same person as row {self.other_row} of the file, {who}"
        why = {
            MatchReason.EMAIL: "has the e-mail address of",
            MatchReason.NAME_ORGANISATION: "has a name like that of",
            MatchReason.NAME: "has the same name as",
        }[self.reason]
        return f"{why} {who}, {self.score}% sure"


def count(number: int, one: str, many: str) -> str:
    """ "1 person", "3 people"."""
    return f"{number} {one if number == 1 else many}"


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (a listed name may end in one: "Chemie B.V.")."""
    return text if text.endswith(".") else text + "."


def _rows(number: int) -> str:
    return count(number, "row", "rows")


@dataclass
class ImportPlan:
    """What an import would do: valid rows, problems, duplicates and organisations."""

    format: SourceFormat
    encoding: str
    delimiter: str
    sheet: str
    source_name: str
    total_rows: int
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: dict[int, Duplicate] = field(default_factory=dict)
    organisations_new: list[str] = field(default_factory=list)
    organisations_matched: dict[str, str] = field(default_factory=dict)
    #: The helix of new organisations that neither the file nor their name settles.
    default_helix: Helix | None = None
    #: The plan covers only the first rows of the file (a preview); it cannot be run.
    truncated: bool = False

    @property
    def rejected_rows(self) -> list[int]:
        """The rows with a problem, in file order."""
        return sorted({p.row for p in self.problems})

    def _source(self) -> str:
        details = [self.format.value.upper()]
        if self.sheet:
            details.append(f'sheet "{self.sheet}"')
        if self.encoding:
            details.append(f"encoding {self.encoding}")
        if self.delimiter:
            shown = {"\t": "tab", " ": "space"}.get(self.delimiter, f'"{self.delimiter}"')
            details.append(f"delimiter {shown}")
        name = self.source_name or "The file"
        return f"{name}: {_rows(self.total_rows)} ({', '.join(details)})."

    def report(self) -> str:
        """The validation and duplicates report in plain English."""
        rejected = self.rejected_rows
        lines = [self._source()]
        if self.truncated:
            lines.append("Only the first rows were read (a preview).")
        valid = len(self.candidates)
        lines.append(
            f"{_rows(valid)} can be imported, "
            f"{_rows(len(rejected))} {'is' if len(rejected) == 1 else 'are'} rejected."
        )
        if self.organisations_new:
            names = ", ".join(self.organisations_new)
            new = count(len(self.organisations_new), "new organisation", "new organisations")
            lines.append(_sentence(f"{new} will be created: {names}"))
        if self.organisations_matched:
            n = len(self.organisations_matched)
            pairs = ", ".join(
                name if name == known else f"{name} → {known}"
                for name, known in self.organisations_matched.items()
            )
            lines.append(
                _sentence(
                    f"{count(n, 'organisation matches', 'organisations match')} "
                    f"{'an existing one' if n == 1 else 'existing ones'}: {pairs}"
                )
            )
        if self.duplicates:
            lines.append(
                f"{_rows(len(self.duplicates))} may be people already known; "
                "they are merged unless you choose otherwise."
            )
        if self.problems:
            lines += ["", "Rejected rows:"]
            lines += [f"  {p.text}" for p in self.problems]
        if self.duplicates:
            lines += ["", "Possible duplicates:"]
            by_row = {c.row: c for c in self.candidates}
            for row in sorted(self.duplicates):
                dup = self.duplicates[row]
                name = by_row[row].name if row in by_row else ""
                lines.append(
                    f"  row {row}, {name} {dup.text} ({dup.default_action.value} by default)"
                )
        return "\n".join(lines)


class ImportRejected(UserError):  # noqa: N818 (the name the GUI and CLI use)
    """Rows of the file have problems and the import was all-or-nothing: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        n = len(plan.rejected_rows)
        super().__init__(
            f"{_rows(n)} of {plan.source_name or 'the file'} "
            f"{'has' if n == 1 else 'have'} problems, so nothing was imported "
            "(import the valid rows only, or correct the file):\n" + plan.report()
        )
        self.plan = plan


class ImportCancelled(UserError):  # noqa: N818 (the name the GUI and CLI use)
    """The user stopped the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


@dataclass
class ImportSummary:
    """What an import did: the people created, merged and left unchanged (by id)."""

    created: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    skipped: int = 0
    rejected: int = 0
    organisations_created: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """The summary in one plain English sentence."""
        parts = [f"{count(len(self.created), 'new person', 'new people')} created"]
        if self.merged:
            parts.append(f"{count(len(self.merged), 'known person', 'known people')} updated")
        if self.unchanged:
            n = len(self.unchanged)
            parts.append(f"{count(n, 'known person', 'known people')} already up to date")
        if self.skipped:
            parts.append(f"{_rows(self.skipped)} skipped")
        if self.rejected:
            parts.append(f"{_rows(self.rejected)} rejected")
        if self.organisations_created:
            n = len(self.organisations_created)
            parts.append(f"{count(n, 'new organisation', 'new organisations')} created")
        if len(parts) == 1:
            return parts[0][0].upper() + parts[0][1:] + "."
        text = ", ".join(parts[:-1]) + " and " + parts[-1] + "."
        return text[0].upper() + text[1:]
