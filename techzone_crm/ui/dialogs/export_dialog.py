"""The "Export list" dialog: which records, which format, which columns, and where to."""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.db.engine import Database
from techzone_crm.services import organisations, people
from techzone_crm.services.organisations import OrganisationQuery
from techzone_crm.services.people import PersonQuery
from techzone_crm.services.stakeholder_export import (
    DEFAULT_ORGANISATION_COLUMNS,
    DEFAULT_PEOPLE_COLUMNS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    ExportFormat,
)
from techzone_crm.ui.dialogs.export_columns import ColumnList
from techzone_crm.ui.icons import app_icon
from techzone_crm.ui.views.exporting import PEOPLE, ExportRequest

#: The file name suffix of each format.
SUFFIXES = {
    ExportFormat.XLSX: "xlsx",
    ExportFormat.CSV_NL: "csv",
    ExportFormat.CSV: "csv",
    ExportFormat.VCARD: "vcf",
    ExportFormat.GRAPHML: "graphml",
    ExportFormat.GEXF: "gexf",
}

#: Formats for spreadsheets and graphs write the chosen columns; a vCard has its own fields.
COLUMN_FORMATS = frozenset(SUFFIXES) - {ExportFormat.VCARD}


def ask_save_path(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    """Ask where to save (None when the user cancels); the tests replace this."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    return Path(chosen) if chosen else None


def with_suffix(path: Path, suffix: str) -> Path:
    """``path``, with ``.suffix`` added unless it already ends so."""
    if path.suffix.lower() == f".{suffix}":
        return path
    return path.with_name(f"{path.name}.{suffix}")


def current_user() -> str:
    """The operating-system user name (for the privacy log), or "" if unknown."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class ExportDialog(QDialog):
    """Choose what to export from a list page; "Export…" asks for the file.

    Signals:
        export_requested(object): the :class:`ExportRequest` to run (the dialog has closed).
    """

    export_requested = Signal(object)

    def __init__(
        self,
        db: Database,
        kind: str,
        query: PersonQuery | OrganisationQuery,
        selected_ids: Sequence[int] = (),
        parent: QWidget | None = None,
        *,
        count: int | None = None,
        filter_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = kind
        self.query = query
        self.selected_ids = tuple(selected_ids)
        self.filter_text = filter_text
        self.count = self._count() if count is None else count
        is_people = kind == PEOPLE
        self.setWindowTitle(
            self.tr("Export people") if is_people else self.tr("Export organisations")
        )
        self.setWindowIcon(app_icon())

        which = QGroupBox(self.tr("Export"))
        self.all_radio = QRadioButton(self._all_text())
        self.selected_radio = QRadioButton()
        if self.selected_ids:
            self.selected_radio.setText(self.tr("The %n selected", "", len(self.selected_ids)))
        else:
            self.selected_radio.setText(self.tr("The selected rows (select several rows first)"))
            self.selected_radio.setEnabled(False)
        self.which_group = QButtonGroup(self)
        self.which_group.addButton(self.all_radio)
        self.which_group.addButton(self.selected_radio)
        (self.selected_radio if self.selected_ids else self.all_radio).setChecked(True)
        which_layout = QVBoxLayout(which)
        which_layout.addWidget(self.all_radio)
        which_layout.addWidget(self.selected_radio)

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(self.tr("Format"))
        for fmt, text in self._formats():
            if fmt is ExportFormat.VCARD and not is_people:
                continue
            self.format_combo.addItem(text, fmt)
        self.format_hint = QLabel()
        self.format_hint.setWordWrap(True)
        self.format_hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow("", self.format_hint)

        self.columns_box = QGroupBox(self.tr("Columns"))
        if is_people:
            self.columns = ColumnList(PEOPLE_COLUMNS, DEFAULT_PEOPLE_COLUMNS, self)
        else:
            self.columns = ColumnList(ORGANISATION_COLUMNS, DEFAULT_ORGANISATION_COLUMNS, self)
        QVBoxLayout(self.columns_box).addWidget(self.columns)
        self.notes_check = QCheckBox(self.tr("Include &notes"))
        self.notes_check.setToolTip(
            self.tr(
                "Notes can hold personal remarks: only include them if the address book needs them"
            )
        )
        self.notes_check.setVisible(False)

        self.privacy_label = QLabel(
            self.tr(
                "The export is recorded in the privacy log: who exported, when, which list "
                "and how many."
            )
        )
        self.privacy_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("&Export…"))
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(which)
        layout.addLayout(form)
        layout.addWidget(self.columns_box, 1)
        layout.addWidget(self.notes_check)
        layout.addStretch(0)  # takes the room of the columns while a vCard hides them
        layout.addWidget(self.privacy_label)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.columns.changed.connect(self._update_ok)
        self.which_group.buttonToggled.connect(self._update_ok)
        self.setMinimumWidth(520)
        self._format_changed()

    # -- what the dialog offers -------------------------------------------------------

    def _count(self) -> int:
        with self.db.read() as session:
            if isinstance(self.query, PersonQuery):
                return people.count_people(session, self.query)
            return organisations.count_organisations(session, self.query)

    def _filtered(self) -> bool:
        # Only the search and the filters count; the sort order lists the same records.
        default = type(self.query)()
        return any(
            getattr(self.query, f.name) != getattr(default, f.name)
            for f in dataclasses.fields(self.query)
            if f.name not in ("sort", "descending")
        )

    def _all_text(self) -> str:
        if self._filtered():
            return self.tr("All %n in the list (with the search and filters)", "", self.count)
        if self.kind == PEOPLE:
            return self.tr("All %n people", "", self.count)
        return self.tr("All %n organisations", "", self.count)

    def _formats(self) -> list[tuple[ExportFormat, str]]:
        return [
            (ExportFormat.XLSX, self.tr("Excel workbook (.xlsx)")),
            (ExportFormat.CSV_NL, self.tr("CSV for Excel (Netherlands, ';')")),
            (ExportFormat.CSV, self.tr("CSV (RFC 4180, ',')")),
            (ExportFormat.VCARD, self.tr("vCard for address books (.vcf)")),
            (ExportFormat.GRAPHML, self.tr("GraphML network (.graphml)")),
            (ExportFormat.GEXF, self.tr("GEXF network for Gephi (.gexf)")),
        ]

    def _hint(self, fmt: ExportFormat) -> str:
        hints = {
            ExportFormat.XLSX: self.tr(
                "A table with a filter on every column; phone numbers and postcodes stay text."
            ),
            ExportFormat.CSV_NL: self.tr(
                "Opens in Dutch Excel by double-click: ';' between cells, UTF-8."
            ),
            ExportFormat.CSV: self.tr("For other programs: ',' between cells, UTF-8."),
            ExportFormat.VCARD: self.tr(
                "Names, organisation, title, e-mail addresses and phone numbers, for an "
                "address book or phone."
            ),
            ExportFormat.GRAPHML: self.tr(
                "The records and their links as a network, with the columns as attributes."
            ),
            ExportFormat.GEXF: self.tr(
                "The records and their links as a network, with the columns as attributes."
            ),
        }
        return hints[fmt]

    def file_filter(self, fmt: ExportFormat) -> str:
        """The file-dialog filter for ``fmt``."""
        filters = {
            ExportFormat.XLSX: self.tr("Excel workbook (*.xlsx)"),
            ExportFormat.CSV_NL: self.tr("CSV file (*.csv)"),
            ExportFormat.CSV: self.tr("CSV file (*.csv)"),
            ExportFormat.VCARD: self.tr("vCard file (*.vcf)"),
            ExportFormat.GRAPHML: self.tr("GraphML file (*.graphml)"),
            ExportFormat.GEXF: self.tr("GEXF file (*.gexf)"),
        }
        return filters[fmt]

    # -- the choices ------------------------------------------------------------------

    def chosen_format(self) -> ExportFormat:
        """The format chosen."""
        return ExportFormat(self.format_combo.currentData())

    def chosen_ids(self) -> tuple[int, ...] | None:
        """The selected records, or None for everything in the list."""
        return self.selected_ids if self.selected_radio.isChecked() else None

    def chosen_columns(self) -> tuple[str, ...]:
        """The checked columns in order."""
        return self.columns.checked()

    def set_format(self, fmt: ExportFormat) -> None:
        """Choose ``fmt`` in the format list."""
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def _format_changed(self, *_args: object) -> None:
        fmt = self.chosen_format()
        self.columns_box.setVisible(fmt in COLUMN_FORMATS)
        self.notes_check.setVisible(fmt is ExportFormat.VCARD)
        self.format_hint.setText(self._hint(fmt))
        self._update_ok()
        self.adjustSize()

    def _update_ok(self, *_args: object) -> None:
        records = len(self.selected_ids) if self.chosen_ids() is not None else self.count
        columns = self.chosen_format() not in COLUMN_FORMATS or bool(self.chosen_columns())
        self.export_button.setEnabled(records > 0 and columns)
        if not columns:
            self.export_button.setToolTip(self.tr("Check at least one column"))
        elif records == 0:
            self.export_button.setToolTip(self.tr("The list is empty"))
        else:
            self.export_button.setToolTip("")

    def default_path(self) -> Path:
        """Where the file dialog starts: the documents folder, named after the list and day."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.tr("people") if self.kind == PEOPLE else self.tr("organisations")
        name = f"{stem}-{date.today().isoformat()}.{SUFFIXES[self.chosen_format()]}"
        return Path(folder or Path.home()) / name

    def request(self, path: Path) -> ExportRequest:
        """The export of the current choices to ``path``."""
        fmt = self.chosen_format()
        ids = self.chosen_ids()
        filter_text = self.filter_text
        if ids is not None:
            filter_text = self.tr("%n selected rows; list: {filters}", "", len(ids)).format(
                filters=filter_text or self.tr("no search or filters")
            )
        return ExportRequest(
            kind=self.kind,
            path=with_suffix(path, SUFFIXES[fmt]),
            fmt=fmt,
            query=self.query,
            ids=ids,
            columns=self.chosen_columns(),
            include_notes=fmt is ExportFormat.VCARD and self.notes_check.isChecked(),
            filter_text=filter_text,
            exported_by=current_user(),
        )

    def choose_file(self) -> None:
        """Ask where to save; then close and ask for the export to run."""
        fmt = self.chosen_format()
        path = ask_save_path(
            self, self.windowTitle(), str(self.default_path()), self.file_filter(fmt)
        )
        if path is None:
            return
        request = self.request(path)
        self.accept()
        self.export_requested.emit(request)
