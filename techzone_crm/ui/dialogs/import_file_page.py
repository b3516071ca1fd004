"""Step 1 of the import: the file, and how it is read (format, encoding, delimiter, sheet)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from techzone_crm.errors import ImportFileError
from techzone_crm.io.readers import DELIMITERS, ENCODINGS, detect_format, read_table, sheet_names
from techzone_crm.io.table import ImportTable, SourceFormat
from techzone_crm.ui.dialogs import import_state
from techzone_crm.ui.dialogs.import_state import (
    ERROR_STYLE,
    PREVIEW_ROWS,
    ImportState,
    delimiter_name,
    encoding_name,
    format_name,
)
from techzone_crm.ui.models.rows_model import Column, RowsModel


def _cell(index: int) -> Callable[[list[str]], str]:
    return lambda row: row[index]


def preview_model(table: ImportTable, rows: int, parent: QWidget) -> RowsModel[list[str]]:
    """The first ``rows`` rows of ``table`` under the file's own column titles."""
    columns = [
        Column(title or f"({index + 1})", _cell(index)) for index, title in enumerate(table.headers)
    ]
    model: RowsModel[list[str]] = RowsModel(columns, parent=parent)
    model.set_rows(table.rows[:rows])
    return model


def preview_table() -> QTableView:
    """A read-only table for the first rows of a file."""
    view = QTableView()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setMinimumSectionSize(60)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().hide()
    return view


def fit_columns(view: QTableView, most: int = 260) -> None:
    """Size the columns to their contents, none wider than ``most`` pixels."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), most))


class FilePage(QWizardPage):
    """Choose the file; shows what was detected, with a choice where detection can be wrong."""

    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.table: ImportTable | None = None
        self.detected_encoding = ""
        self.detected_delimiter = ""
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "A list from Excel or another spreadsheet (CSV or XLSX), or a vCard file from "
                "an address book. Nothing is saved until the last step."
            )
        )

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.setPlaceholderText(self.tr("The file to import"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.format_label = QLabel()
        self.encoding_combo = QComboBox()
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        self.delimiter_combo = QComboBox()
        self.delimiter_combo.setAccessibleName(self.tr("Delimiter"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        for combo in (self.encoding_combo, self.delimiter_combo, self.sheet_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(self._choice_changed)
        self.size_label = QLabel()
        self.size_label.setWordWrap(True)
        self.size_label.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        self.form = QFormLayout()
        self.form.addRow(file_label, path_row)
        self.form.addRow(self.tr("Format:"), self.format_label)
        self.form.addRow(self.tr("&Encoding:"), self.encoding_combo)
        self.form.addRow(self.tr("&Delimiter:"), self.delimiter_combo)
        self.form.addRow(self.tr("&Sheet:"), self.sheet_combo)

        self.preview = preview_table()
        self.preview_label = QLabel(self.tr("The first rows as read:"))

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.size_label)
        layout.addSpacing(6)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addStretch(0)  # takes the room of the preview while there is none

        # Typing a path reads it after a pause; choosing or confirming it reads at once.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(500)
        self._typing.timeout.connect(self.read)
        self.path_edit.textEdited.connect(self._edited)
        self.path_edit.editingFinished.connect(self._path_confirmed)
        self._read_path = ""
        self._show_choices(None)

    # -- the file ---------------------------------------------------------------------

    def browse(self) -> None:
        """Ask for the file in a file dialog and read it."""
        start = self.path_edit.text().strip() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen = import_state.ask_open_path(
            self,
            self.tr("Import list"),
            start,
            self.tr("Lists (*.csv *.txt *.xlsx *.vcf);;All files (*)"),
        )
        if chosen is not None:
            self.set_path(chosen)

    def set_path(self, path: Path) -> None:
        """Read ``path`` with automatic detection."""
        self.path_edit.setText(str(path))
        self._read_path = ""
        self.read()

    def _edited(self) -> None:
        self.table = None
        self.completeChanged.emit()
        self._typing.start()

    def _path_confirmed(self) -> None:
        if self.path_edit.text().strip() != self._read_path:
            self.read()

    def read(self) -> None:
        """Read the first rows of the file with the current choices."""
        self._typing.stop()
        text = self.path_edit.text().strip()
        if text != self._read_path:
            # Another file: detect everything afresh.
            self.state.encoding = self.state.delimiter = self.state.sheet = None
        self._read_path = text
        self.table = None
        if not text:
            self._show(None, "")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._show(None, self.tr("There is no file {path}.").format(path=path))
            return
        try:
            fmt = detect_format(path)
            sheets = sheet_names(path) if fmt is SourceFormat.XLSX else []
            table = read_table(
                path,
                encoding=self.state.encoding,
                delimiter=self.state.delimiter,
                sheet=self.state.sheet,
                limit_rows=PREVIEW_ROWS,
            )
        except ImportFileError as exc:
            self._show(None, exc.message)
            return
        except OSError as exc:
            self._show(
                None,
                self.tr("Cannot read {path}: {reason}.").format(
                    path=path, reason=exc.strerror or str(exc)
                ),
            )
            return
        if self.state.encoding is None:
            self.detected_encoding = table.encoding
        if self.state.delimiter is None:
            self.detected_delimiter = table.delimiter
        self.state.path = path
        self._fill_sheets(sheets, table.sheet)
        self._show(table, "")

    def _show(self, table: ImportTable | None, error: str) -> None:
        self.table = table
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self._show_choices(table)
        if table is None:
            self.size_label.clear()
            self.preview.setModel(None)
            self.preview_label.setVisible(False)
            self.preview.setVisible(False)
        else:
            self.size_label.setText(self._size_text(table))
            self.preview.setModel(preview_model(table, 50, self.preview))
            fit_columns(self.preview)
            self.preview_label.setVisible(True)
            self.preview.setVisible(True)
        self.completeChanged.emit()

    def _size_text(self, table: ImportTable) -> str:
        count = len(table.headers)
        columns = self.tr("1 column") if count == 1 else self.tr("%n columns", "", count)
        count = len(table.rows)
        if table.truncated:
            rows = self.tr(
                "the first %n rows are read here, the whole file in the check step", "", count
            )
        elif table.format is SourceFormat.VCARD:
            rows = self.tr("1 card") if count == 1 else self.tr("%n cards", "", count)
        elif count == 1:
            rows = self.tr("1 row below the column titles")
        else:
            rows = self.tr("%n rows below the column titles", "", count)
        return f"{columns}; {rows}."

    # -- the choices ------------------------------------------------------------------

    def _show_choices(self, table: ImportTable | None) -> None:
        fmt = table.format if table is not None else None
        self.format_label.setText(format_name(fmt) if fmt is not None else "–")
        csv = fmt is SourceFormat.CSV
        self.form.setRowVisible(self.encoding_combo, csv)
        self.form.setRowVisible(self.delimiter_combo, csv)
        self.form.setRowVisible(self.sheet_combo, fmt is SourceFormat.XLSX)
        if csv:
            self._fill(
                self.encoding_combo,
                encoding_name(self.detected_encoding),
                [(code, encoding_name(code)) for code in ENCODINGS],
                self.state.encoding,
            )
            self._fill(
                self.delimiter_combo,
                delimiter_name(self.detected_delimiter),
                [(char, delimiter_name(char)) for char in DELIMITERS],
                self.state.delimiter,
            )

    def _fill(
        self, combo: QComboBox, detected: str, choices: list[tuple[str, str]], chosen: str | None
    ) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Automatic (detected: {what})").format(what=detected), None)
        for value, text in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        combo.blockSignals(False)

    def _fill_sheets(self, sheets: list[str], current: str) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in sheets:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(current), 0))
        self.sheet_combo.blockSignals(False)

    def choose_encoding(self, code: str | None) -> None:
        """Read the file again with ``code`` (None: detect it)."""
        self.state.encoding = code
        self.read()

    def choose_delimiter(self, char: str | None) -> None:
        """Read the file again split at ``char`` (None: detect it)."""
        self.state.delimiter = char
        self.read()

    def choose_sheet(self, name: str) -> None:
        """Read another sheet of the workbook."""
        self.state.sheet = name
        self.read()

    def _choice_changed(self, _index: int) -> None:
        combo = self.sender()
        if combo is self.encoding_combo:
            self.choose_encoding(self.encoding_combo.currentData())
        elif combo is self.delimiter_combo:
            self.choose_delimiter(self.delimiter_combo.currentData())
        elif combo is self.sheet_combo:
            self.choose_sheet(self.sheet_combo.currentData())

    # -- the wizard -------------------------------------------------------------------

    def isComplete(self) -> bool:
        return self.table is not None

    def validatePage(self) -> bool:
        if self.table is None:
            return False
        if self.state.preview is not self.table:
            self.state.preview = self.table
            self.state.plan = None
        return True
