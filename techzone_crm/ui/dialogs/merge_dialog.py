"""Merging two people: a side-by-side preview where the user picks each field.

The merge runs in one transaction and goes onto the undo stack as one step: undo brings
both people back as they were, with the same ids and roles.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.services.affiliations import AffiliationRow
from techzone_crm.services.merge import (
    CHOSEN_FIELDS,
    MergeChoices,
    MergeSource,
    Side,
    merge_people,
    merge_source,
    united,
)
from techzone_crm.services.snapshots import snapshot_person
from techzone_crm.services.validation import format_phone
from techzone_crm.text import fold, person_display_name
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.i18n import QT_TRANSLATE_NOOP, translate
from techzone_crm.ui.labels import yes_no
from techzone_crm.ui.undo import ChangeCommand
from techzone_crm.ui.undoable import Recording, person_key
from techzone_crm.ui.views.detail_pane import format_period

A, B = 0, 1

_FIELD_LABELS = {
    "given_name": QT_TRANSLATE_NOOP("MergeDialog", "Given name"),
    "name_prefix": QT_TRANSLATE_NOOP("MergeDialog", "Prefix (tussenvoegsel)"),
    "family_name": QT_TRANSLATE_NOOP("MergeDialog", "Family name"),
    "title": QT_TRANSLATE_NOOP("MergeDialog", "Title"),
    "notes": QT_TRANSLATE_NOOP("MergeDialog", "Notes"),
    "owner_id": QT_TRANSLATE_NOOP("MergeDialog", "Relationship owner"),
    "backup_owner_id": QT_TRANSLATE_NOOP("MergeDialog", "Backup owner"),
    "do_not_contact": QT_TRANSLATE_NOOP("MergeDialog", "Do not contact"),
}


def _shown(source: MergeSource, name: str) -> str:
    """A field's value as the preview shows it."""
    if name == "owner_id":
        return source.owner_name
    if name == "backup_owner_id":
        return source.backup_owner_name
    value = source.values[name]
    if isinstance(value, bool):
        return yes_no(value)
    return str(value)


def default_side(first: MergeSource, second: MergeSource, name: str) -> int:
    """The side whose value a field keeps unless the user says otherwise: the fuller one."""
    a, b = first.values[name], second.values[name]
    if isinstance(a, bool) or isinstance(b, bool):
        return B if b and not a else A  # a do-not-contact wish is kept
    if a is None or b is None:
        return B if a is None and b is not None else A
    return B if len(str(b).strip()) > len(str(a).strip()) else A


def _short(text: str, limit: int = 48) -> str:
    """The first line of ``text``, cut at ``limit`` characters (the rest is in a tooltip)."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= limit and first == text.strip() else first[:limit] + "…"


def _role_key(r: AffiliationRow) -> tuple[object, ...]:
    return (r.organisation_id, fold(" ".join(r.role.split())), r.start_date, r.end_date)


def _role_text(r: AffiliationRow) -> str:
    parts = [p for p in (r.role, r.organisation_name) if p]
    period = format_period(r.start_date, r.end_date)
    return ", ".join(parts) + (f" ({period})" if period else "")


class MergeDialog(QDialog):
    """Merge two people into one, choosing field by field.

    Signals:
        merged(int, int): the survivor's id and the id of the person merged into it.
        refused(): the merge was refused (a record changed or went away meanwhile).
    """

    merged = Signal(int, int)
    refused = Signal()

    def __init__(
        self,
        db: Database,
        first_id: int,
        second_id: int,
        undo_stack: QUndoStack | None = None,
        on_applied: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.on_applied = on_applied
        #: The command of the merge once it is done (pushed if there is a stack).
        self.command: ChangeCommand | None = None
        with db.read() as session:
            self.sources = (merge_source(session, first_id), merge_source(session, second_id))
        self.setWindowTitle(self.tr("Merge people"))
        self.setMinimumWidth(760)

        intro = QLabel(
            self.tr(
                "Choose which record is kept and, for each field, whose value the merged "
                "person gets. E-mail addresses, phone numbers, tags and roles of both are "
                "kept; the other record is deleted. Edit › Undo reverses the merge."
            )
        )
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for side, source in enumerate(self.sources):
            header = QLabel(f"<b>{source.display_name}</b> <small>#{source.id}</small>")
            header.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(header, 0, side + 1)
        self.survivor_group = self._radio_row(
            grid, 1, self.tr("Keep record"), (self.tr("Keep this one"), self.tr("Keep this one"))
        )
        self.survivor_group.button(A).setChecked(True)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 2, 0, 1, 3)
        self.field_groups: dict[str, QButtonGroup] = {}
        for row, name in enumerate(CHOSEN_FIELDS, 3):
            texts = (_shown(self.sources[A], name), _shown(self.sources[B], name))
            group = self._radio_row(grid, row, translate("MergeDialog", _FIELD_LABELS[name]), texts)
            group.button(default_side(*self.sources, name)).setChecked(True)
            self.field_groups[name] = group
        # What each record holds, to judge whether they are one person.
        row = 3 + len(CHOSEN_FIELDS)
        for label, lines in (
            (self.tr("E-mail addresses"), lambda src: list(src.emails)),
            (self.tr("Roles"), lambda src: [_role_text(r) for r in src.roles]),
        ):
            grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
            for side, source in enumerate(self.sources):
                held = QLabel("\n".join(_short(t, 44) for t in lines(source)) or self.tr("none"))
                held.setEnabled(False)  # information, not a choice
                grid.addWidget(held, row, side + 1, Qt.AlignmentFlag.AlignTop)
            row += 1

        result = QFormLayout()
        result.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        a, b = self.sources
        emails = united(a.emails, b.emails, ignore_case=True)
        phones = [format_phone(n) for n in united(a.phones, b.phones, ignore_case=False)]
        tags = united(a.tags, b.tags, ignore_case=True)
        roles = list({_role_key(r): r for r in (*a.roles, *b.roles)}.values())
        self.united_labels: dict[str, QLabel] = {}
        for key, label, values in (
            ("emails", self.tr("E-mail addresses"), emails),
            ("phones", self.tr("Phone numbers"), phones),
            ("tags", self.tr("Tags"), tags),
            ("roles", self.tr("Roles"), [_role_text(r) for r in roles]),
        ):
            shown = QLabel("\n".join(values) if values else self.tr("none"))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.united_labels[key] = shown
            result.addRow(label, shown)
        result_box = QWidget()
        result_box.setLayout(result)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addLayout(grid)
        heading = QLabel(self.tr("<b>The merged person keeps all of these</b>"))
        form_layout.addSpacing(8)
        form_layout.addWidget(heading)
        form_layout.addWidget(result_box)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(940, min(760, form.sizeHint().height() + 140))

    def _radio_row(
        self, grid: QGridLayout, row: int, label: str, texts: tuple[str, str]
    ) -> QButtonGroup:
        grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
        group = QButtonGroup(self)
        for side, text in enumerate(texts):
            button = QRadioButton(_short(text) or self.tr("(empty)"))
            if _short(text) != text:
                button.setToolTip(text)
            group.addButton(button, side)
            grid.addWidget(button, row, side + 1)
        return group

    def choose(self, name: str, side: int) -> None:
        """Pick ``side`` (A or B) for the field ``name``, or for "survivor" the record kept."""
        group = self.survivor_group if name == "survivor" else self.field_groups[name]
        group.button(side).setChecked(True)

    def choices(self) -> tuple[MergeSource, MergeSource, MergeChoices]:
        """The survivor, the record merged into it, and whose value each field keeps."""
        kept = self.survivor_group.checkedId()
        survivor, loser = self.sources[kept], self.sources[1 - kept]
        picked = {
            name: Side.SURVIVOR if group.checkedId() == kept else Side.LOSER
            for name, group in self.field_groups.items()
        }
        return survivor, loser, MergeChoices(**picked)

    def accept(self) -> None:
        """Merge in one transaction and make it undoable; a conflict is explained."""
        survivor, loser, choices = self.choices()
        try:
            with self.db.sessions.begin() as session:
                # With the history of both: a merge moves the loser's assessments,
                # positions and meetings to the survivor, and an undo moves them back.
                recording = Recording(session, [person_key(survivor.id), person_key(loser.id)])
                merge_people(
                    session,
                    survivor.id,
                    loser.id,
                    choices,
                    survivor_version=survivor.version,
                    loser_version=loser.version,
                )
                changes = recording.finish(session)
                survivor_after = snapshot_person(session, survivor.id)
        except Exception as exc:
            problem = as_user_error(exc, self.db)
            if problem is None:
                raise
            prompts.show_problem(self, self.tr("Merge not possible"), problem.message)
            self.refused.emit()
            self.reject()
            return
        self.command = ChangeCommand(
            self.db,
            self.tr("Merge {loser} into {survivor}").format(
                loser=loser.display_name,
                survivor=person_display_name(
                    survivor_after.given_name,
                    survivor_after.name_prefix,
                    survivor_after.family_name,
                    survivor_after.title,
                ),
            ),
            changes,
            self.parentWidget(),
            self.on_applied,
        )
        if self.undo_stack is not None:
            self.undo_stack.push(self.command)
        self.merged.emit(survivor.id, loser.id)
        super().accept()
