"""Exporting from the Analysis page: the plot as PNG, SVG or PDF, the gaps as CSV.

The CSV is what Dutch Excel opens by double-click: UTF-8 with a byte-order mark, ";" between
cells. A cell that Excel would read as a formula (starting with = + - @, a tab or a carriage
return) gets a leading apostrophe, so an exported name can never run as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtWidgets import QFileDialog, QWidget

from techzone_crm.io.csv_writer import EXCEL_NL, write_csv
from techzone_crm.plots import save_figure
from techzone_crm.plots.save import FORMATS
from techzone_crm.ui.i18n import translate


def ask_save_path(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    """Ask where to save (None when the user cancels); the tests replace this."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    return Path(chosen) if chosen else None


def with_suffix(path: Path, chosen_filter_suffix: str, allowed: Sequence[str]) -> Path:
    """``path`` with a suffix from ``allowed``; adds ``chosen_filter_suffix`` if it has none."""
    if path.suffix.lower().lstrip(".") in allowed:
        return path
    return path.with_name(f"{path.name}.{chosen_filter_suffix}")


def export_figure(
    parent: QWidget | None, make: Callable[[], Figure | None], stem: str
) -> Path | None:
    """Ask where to save a plot and save it there; None when the user cancels."""
    path = ask_save_path(
        parent,
        translate("AnalysisView", "Export plot"),
        str(Path.home() / f"{stem}.png"),
        translate("AnalysisView", "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"),
    )
    figure = None if path is None else make()
    if path is None or figure is None:
        return None
    return save_figure(figure, with_suffix(path, "png", FORMATS))


def export_table(
    parent: QWidget | None, header: Sequence[str], rows: Iterable[Sequence[str]], stem: str
) -> Path | None:
    """Ask where to save a table and write it there as CSV; None when the user cancels."""
    path = ask_save_path(
        parent,
        translate("AnalysisView", "Export gaps"),
        str(Path.home() / f"{stem}.csv"),
        translate("AnalysisView", "CSV file for Excel (*.csv)"),
    )
    if path is None:
        return None
    target = with_suffix(path, "csv", ("csv",))
    write_csv(target, header, rows, EXCEL_NL)
    return target
