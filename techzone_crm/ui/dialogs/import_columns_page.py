"""Step 2 of the import: what each column of the file holds, and saved mappings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from techzone_crm.db.models import Helix
from techzone_crm.errors import ValidationError
from techzone_crm.io.import_fields import ImportField
from techzone_crm.io.import_mapping import check_mapping, suggest_mapping
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.services.importing import (
    SavedMapping,
    delete_mapping,
    list_mappings,
    mapping_for,
    save_mapping,
)
from techzone_crm.ui import prompts
from techzone_crm.ui.dialogs import import_state
from techzone_crm.ui.dialogs.form import sentence
from techzone_crm.ui.dialogs.import_file_page import fit_columns, preview_model, preview_table
from techzone_crm.ui.dialogs.import_state import (
    ERROR_STYLE,
    BackgroundStep,
    ImportState,
    examples,
    field_label,
    fitting_mapping,
)
from techzone_crm.ui.errors import as_user_error
from techzone_crm.ui.labels import helix_swatch, label
from techzone_crm.ui.tasks import TaskRunner


class ColumnsPage(QWizardPage):
    """One line per column of the file: its title, example values and what it is imported as."""

    def __init__(
        self,
        state: ImportState,
        runner: TaskRunner,
        report_bug: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner
        self.report_bug = report_bug
        self._done_text = ""
        self.table: ImportTable | None = None
        self.saved: list[SavedMapping] = []
        self.field_combos: list[QComboBox] = []
        self.step: BackgroundStep | None = None
        self._wanted = ""  # the saved mapping to choose once the list has loaded
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr("Say what each column of the file holds. Columns set to Ignore are left out.")
        )

        self.mapping_combo = QComboBox()
        self.mapping_combo.setAccessibleName(self.tr("Mapping"))
        self.mapping_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mapping_combo.activated.connect(self._mapping_chosen)
        self.save_button = QPushButton(self.tr("Sa&ve mapping…"))
        self.save_button.setToolTip(
            self.tr("Keep these choices under a name, for the next file with the same columns")
        )
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the saved mapping chosen"))
        self.delete_button.clicked.connect(self.delete_current)
        self.mapping_label = QLabel(self.tr("&Mapping:"))
        self.mapping_label.setBuddy(self.mapping_combo)
        self.mapping_note = QLabel()
        self.mapping_note.setEnabled(False)
        self.mapping_bar = QWidget()
        top = QHBoxLayout(self.mapping_bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.mapping_label)
        top.addWidget(self.mapping_combo)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.mapping_note, 1)

        self.fixed_note = QLabel(
            self.tr(
                "A vCard says what each of its fields is, so the columns are imported as "
                "shown and cannot be changed."
            )
        )
        self.fixed_note.setWordWrap(True)
        self.fixed_note.hide()

        self.preview = preview_table()

        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(14)
        self.columns_area = QScrollArea()
        self.columns_area.setWidgetResizable(True)
        self.columns_area.setWidget(self.grid_box)
        self.columns_area.setFrameShape(QFrame.Shape.StyledPanel)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.helix_combo = QComboBox()
        self.helix_combo.setAccessibleName(self.tr("New organisations belong to"))
        self.helix_combo.addItem(self.tr("Guess from the name"), None)
        for helix in Helix:
            self.helix_combo.addItem(helix_swatch(helix), label(helix), helix.value)
        self.helix_combo.setToolTip(
            self.tr(
                "For organisations that are not in the database yet, when the file has no "
                "helix column: “Gemeente …” becomes government, “Hogeschool …” education, "
                "“Stichting …” civil society; the others get the helix chosen here."
            )
        )
        helix_label = QLabel(self.tr("New &organisations belong to:"))
        helix_label.setBuddy(self.helix_combo)
        helix_row = QHBoxLayout()
        helix_row.addWidget(helix_label)
        helix_row.addWidget(self.helix_combo)
        helix_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.mapping_bar)
        layout.addWidget(self.fixed_note)
        layout.addWidget(self.preview)
        layout.addWidget(self.columns_area, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(helix_row)

    # -- building ---------------------------------------------------------------------

    def initializePage(self) -> None:
        table = self.state.preview
        if table is None or table is self.table:
            return  # back from a later step: keep what the user chose
        self.table = table
        self.preview.setModel(preview_model(table, 20, self.preview))
        fit_columns(self.preview, 200)
        self._fit_preview_height(5)
        fixed = table.format is SourceFormat.VCARD
        self.fixed_note.setVisible(fixed)
        self.mapping_bar.setVisible(not fixed)
        self._note("")
        if fixed:
            mapping = {i: ImportField(v) for i, v in table.fixed_fields.items()}
        else:
            mapping = suggest_mapping(table.headers)
        self._build_rows(table, mapping, editable=not fixed)
        self._fill_mapping_combo()
        if not fixed:
            self._wanted = "*fitting*"
            self.load_saved()
        self._check()

    def _fit_preview_height(self, rows: int) -> None:
        view = self.preview
        scrollbar = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height()
            + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
            + scrollbar
            + 4
        )

    def _build_rows(
        self, table: ImportTable, mapping: dict[int, ImportField], *, editable: bool
    ) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for combo in self.field_combos:
            combo.deleteLater()
        self.field_combos = []
        for col, title in enumerate(
            (self.tr("Column in the file"), self.tr("Import as"), self.tr("Examples"))
        ):
            heading = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(heading, 0, col)
        for index, title in enumerate(table.headers, 1):
            name = QLabel(title or self.tr("(column {n} has no title)").format(n=index))
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            values = examples(table, index - 1)
            shown = QLabel(" · ".join(values) if values else self.tr("(empty)"))
            shown.setEnabled(False)
            shown.setToolTip("\n".join(values))
            combo = QComboBox(self.grid_box)
            combo.setAccessibleName(self.tr("Import {column} as").format(column=title))
            combo.addItem(self.tr("Ignore"), None)
            for value in ImportField:
                combo.addItem(field_label(value), value.value)
            chosen = mapping.get(index - 1)
            combo.setCurrentIndex(combo.findData(chosen.value) if chosen is not None else 0)
            combo.currentIndexChanged.connect(self._check)
            self.field_combos.append(combo)
            self.grid.addWidget(name, index, 0)
            if editable:
                self.grid.addWidget(combo, index, 1)
            else:
                # A fixed field reads better as text than as a greyed-out combo.
                combo.hide()
                self.grid.addWidget(QLabel(combo.currentText()), index, 1)
            self.grid.addWidget(shown, index, 2)
        self.grid.setRowStretch(len(table.headers) + 1, 1)

    # -- the mapping ------------------------------------------------------------------

    def mapping(self) -> dict[int, ImportField]:
        """Column index → field, for the columns not ignored."""
        found = {}
        for index, combo in enumerate(self.field_combos):
            value = combo.currentData()
            if value is not None:
                found[index] = ImportField(value)
        return found

    def set_field(self, column: int, value: ImportField | None) -> None:
        """Import column ``column`` as ``value`` (None: ignore it)."""
        combo = self.field_combos[column]
        combo.setCurrentIndex(combo.findData(value.value) if value is not None else 0)

    def apply(self, mapping: dict[int, ImportField]) -> None:
        """Set every column's field from ``mapping`` (columns not in it are ignored)."""
        for index in range(len(self.field_combos)):
            self.set_field(index, mapping.get(index))

    def mapping_error(self) -> str:
        """Why the columns as set cannot be imported ("" if they can)."""
        try:
            check_mapping(self.mapping())
        except ValidationError as exc:
            return sentence(self.tr("The mapping"), exc.problem)
        return ""

    def _check(self, *_args: object) -> None:
        error = self.mapping_error() if self.table is not None else ""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.completeChanged.emit()

    # -- saved mappings ---------------------------------------------------------------

    def load_saved(self) -> None:
        """Read the saved mappings on the task runner."""
        self._run(lambda s, _p, _c: list_mappings(s), write=False)

    def _run(self, work: import_state.StepWork, *, write: bool) -> None:
        if self.step is not None:
            self.step.abandon()
        step = BackgroundStep(self.runner, self)
        step.succeeded.connect(self._saved_loaded)
        step.failed.connect(self._saved_failed)
        self.step = step
        step.start(work, write=write)

    @property
    def busy(self) -> bool:
        """True while saved mappings are being read or written."""
        return self.step is not None and self.step.running

    def _saved_loaded(self, result: object) -> None:
        if isinstance(result, list):
            self.saved = result
            self._fill_mapping_combo()
            if self._wanted == "*fitting*" and self.table is not None:
                fitting = fitting_mapping(self.table.headers, self.saved)
                if fitting is not None:
                    self.choose_mapping(fitting.name)
                    self._note(
                        self.tr("Saved mapping “{name}” fits these columns.").format(
                            name=fitting.name
                        )
                    )
            elif self._wanted:
                index = self.mapping_combo.findText(self._wanted)
                self.mapping_combo.setCurrentIndex(max(index, 0))
            self._wanted = ""
            self._update_buttons()
            return
        # Saved or deleted: say so, and read the list again.
        self._note(self._done_text)
        self._done_text = ""
        self.load_saved()

    def _saved_failed(self, exc: BaseException) -> None:
        self._wanted = ""
        self._done_text = ""
        problem = as_user_error(exc)
        if problem is None:
            self.report_bug(exc)
            return
        text = problem.message
        if isinstance(problem, ValidationError):
            text = sentence(self.tr("The name"), problem.problem)
        self._note(text, error=True)
        self.load_saved()

    def _note(self, text: str, *, error: bool = False) -> None:
        self.mapping_note.setStyleSheet(ERROR_STYLE if error else "")
        self.mapping_note.setEnabled(error)
        self.mapping_note.setText(text)

    def _fill_mapping_combo(self) -> None:
        current = self.mapping_combo.currentData()
        self.mapping_combo.blockSignals(True)
        self.mapping_combo.clear()
        self.mapping_combo.addItem(self.tr("Suggested from the column titles"), None)
        for saved in self.saved:
            self.mapping_combo.addItem(saved.name, saved.name)
        self.mapping_combo.setCurrentIndex(max(self.mapping_combo.findData(current), 0))
        self.mapping_combo.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.mapping_combo.currentData() is not None)

    def saved_names(self) -> list[str]:
        """The names the Mapping combo offers after the suggestion."""
        return [self.mapping_combo.itemText(i) for i in range(1, self.mapping_combo.count())]

    def choose_mapping(self, name: str | None) -> None:
        """Fill the columns from the saved mapping ``name`` (None: from the suggestion)."""
        index = self.mapping_combo.findData(name) if name is not None else 0
        self.mapping_combo.setCurrentIndex(max(index, 0))
        self._mapping_chosen()

    def _mapping_chosen(self, *_args: object) -> None:
        if self.table is None:
            return
        name = self.mapping_combo.currentData()
        self._note("")
        saved = next((m for m in self.saved if m.name == name), None)
        if saved is None:
            self.apply(suggest_mapping(self.table.headers))
        else:
            self.apply(mapping_for(self.table.headers, saved))
        self._update_buttons()
        self._check()

    def save_current(self) -> None:
        """Ask a name and save the columns as set under it."""
        if self.table is None or self.busy:
            return
        current = self.mapping_combo.currentData()
        start = current or (self.state.path.stem if self.state.path is not None else "")
        name = import_state.ask_mapping_name(self, self.tr("Save mapping"), start)
        if name is None:
            return
        if name in (m.name for m in self.saved) and not prompts.confirm(
            self,
            self.tr("Save mapping"),
            self.tr("Replace the saved mapping “{name}”?").format(name=name),
            self.tr("It then holds the columns as set now."),
            self.tr("Replace"),
        ):
            return
        headers, mapping = list(self.table.headers), self.mapping()
        self._wanted = name
        self._done_text = self.tr("Saved as “{name}”.").format(name=name)
        self._run(lambda s, _p, _c: save_mapping(s, name, headers, mapping), write=True)

    def delete_current(self) -> None:
        """Delete the saved mapping chosen (after asking)."""
        name = self.mapping_combo.currentData()
        if name is None or self.busy:
            return
        if not prompts.confirm(
            self,
            self.tr("Delete mapping"),
            self.tr("Delete the saved mapping “{name}”?").format(name=name),
            self.tr("The columns as set now stay as they are."),
            self.tr("Delete"),
        ):
            return
        self._wanted = ""
        self.mapping_combo.setCurrentIndex(0)
        self._done_text = self.tr("Deleted “{name}”.").format(name=name)
        self._run(lambda s, _p, _c: delete_mapping(s, name), write=True)

    # -- the wizard -------------------------------------------------------------------

    def chosen_helix(self) -> Helix | None:
        """The helix for new organisations that nothing else says anything about."""
        value = self.helix_combo.currentData()
        return Helix(value) if value is not None else None

    def isComplete(self) -> bool:
        return self.table is not None and not self.mapping_error()

    def validatePage(self) -> bool:
        if not self.isComplete():
            return False
        self.state.mapping = self.mapping()
        self.state.default_helix = self.chosen_helix()
        return True
