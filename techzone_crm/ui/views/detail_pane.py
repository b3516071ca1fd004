"""The frame shared by the detail panes: a heading, a form of facts, sections, an empty state."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.ui.i18n import translate
from techzone_crm.ui.icons import icon
from techzone_crm.ui.models.grouped_model import GroupedRecordsModel
from techzone_crm.ui.widgets.optional_date import to_qdate


def format_date(day: date | None) -> str:
    """A date in the user's locale (short format), or empty; ISO without a real locale."""
    if day is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.isoformat()  # the C locale's short format ("4 03 2026") reads badly
    return locale.toString(to_qdate(day), QLocale.FormatType.ShortFormat)


def format_period(start: date | None, end: date | None) -> str:
    """ "since 1-3-2021", "2015 – 2019" style text for a role's period."""
    if start and end:
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return translate("DetailPane", "since {date}").format(date=format_date(start))
    if end:
        return translate("DetailPane", "until {date}").format(date=format_date(end))
    return ""


def link(href: str, text: str) -> str:
    """An HTML link with both parts escaped."""
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def fact_label() -> QLabel:
    """A selectable label for a value in the facts form (links open in the browser)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextBrowserInteraction
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    # A long e-mail address cannot wrap; let it be clipped rather than widen the pane.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    return label


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The pane's buttons for a list, side by side and left-aligned."""
    row = QHBoxLayout()
    row.setSpacing(2)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def tool_button(text: str, icon_name: str = "") -> QToolButton:
    """A compact, flat button with text (and an icon) for actions inside the pane."""
    button = QToolButton()
    button.setText(text)
    if icon_name:
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button


class DetailPane(QStackedWidget):
    """A pane that shows one record, or a hint when nothing is selected."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(340)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.empty_label.setMargin(24)
        self.addWidget(self.empty_label)

        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(8)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setEnabled(False)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.edit_button = QPushButton(icon("edit"), translate("DetailPane", "Edit…"))
        head.addLayout(titles, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(head)
        self.body.addWidget(self._rule())
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts.setHorizontalSpacing(16)
        self.body.addLayout(self.facts)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        self.addWidget(scroll)

    @staticmethod
    def _rule() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def fact(self, label: str) -> QLabel:
        """Add a row to the facts form; returns the value label."""
        value = fact_label()
        heading = QLabel(label)
        heading.setEnabled(False)
        self.facts.addRow(heading, value)
        return value

    def set_fact(self, value_label: QLabel, html_text: str) -> None:
        """Show ``html_text`` in a fact row, hiding the row when there is nothing to show."""
        value_label.setText(html_text)
        self.facts.setRowVisible(value_label, bool(html_text))

    def section(self, title: str) -> QLabel:
        """A heading for a block below the facts."""
        label = QLabel(title)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 10, 0, 0)
        self.body.addWidget(label)
        return label

    def grouped_list(self, model: GroupedRecordsModel) -> QTreeView:
        """A compact tree for a grouped model (current / former)."""
        tree = QTreeView()
        tree.setModel(model)
        tree.setRootIsDecorated(False)
        tree.setItemsExpandable(False)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        tree.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        tree.setIndentation(14)
        header = tree.header()
        header.setStretchLastSection(False)
        # Names and roles share the width (elided, full text in the tooltip); the last
        # column (the period) keeps its natural width.
        last = model.columnCount() - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.ResizeToContents)
        model.rowsInserted.connect(lambda *_: self._fit(tree))
        model.rowsRemoved.connect(lambda *_: self._fit(tree))
        self._fit(tree)
        return tree

    @staticmethod
    def _fit(tree: QTreeView) -> None:
        # As tall as its rows (up to a limit), so the pane scrolls as one page.
        tree.expandAll()
        model = tree.model()
        for row in range(model.rowCount()):
            tree.setFirstColumnSpanned(row, QModelIndex(), True)  # group headings
        lines = sum(1 + model.rowCount(model.index(r, 0)) for r in range(model.rowCount()))
        row_height = tree.sizeHintForRow(0)
        if row_height <= 0:
            row_height = tree.fontMetrics().height() + 4
        visible = min(max(lines, 2), 14)
        frame = 2 * tree.frameWidth()
        tree.setFixedHeight(tree.header().sizeHint().height() + visible * row_height + frame + 2)

    def show_empty(self, text: str | None = None) -> None:
        """Show the hint instead of a record."""
        if text is not None:
            self.empty_label.setText(text)
        self.setCurrentIndex(0)

    def show_content(self) -> None:
        """Show the record's page."""
        self.setCurrentIndex(1)
