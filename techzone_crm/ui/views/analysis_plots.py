"""The plots of the Analysis page: a matplotlib canvas with its navigation toolbar per tab.

The map and the grid fill their pane. The heat map and the salience diagram are laid out for
one shape; they keep it and are scaled to fit the pane (down to a legible minimum, below which
the pane scrolls).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from matplotlib import cbook
from matplotlib.backend_bases import PickEvent
from matplotlib.backends.backend_qt import NavigationToolbar2QT
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from techzone_crm.plots import picked_key

#: The ring around the selected node on the map.
HIGHLIGHT_COLOUR = "#e8a317"
#: Dots per inch of a scaled figure: the most (its natural size) and the least (still legible).
FIT_DPI = (100.0, 62.0)


class Canvas(FigureCanvasQTAgg):
    """A canvas that draws a figure squeezed below its decorations without complaint."""

    def draw(self) -> None:
        # A pane made very small leaves no room for constrained layout; matplotlib then draws
        # without it and warns on every repaint, which says nothing to the user.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
            super().draw()  # type: ignore[no-untyped-call]


class Toolbar(NavigationToolbar2QT):
    """Zoom, pan, home and save for one canvas."""

    def _icon(self, name: str) -> QIcon:
        # Matplotlib's own icon engine asks Qt for a deprecated attribute on every paint;
        # the plain image files look the same at the toolbar's size.
        return QIcon(str(cbook._get_data_path("images", name)))


class PlotPane(QWidget):
    """One figure with zoom and pan, or a text while there is none.

    Signals:
        picked(str): the user clicked the marker of this node key.
    """

    picked = Signal(str)

    def __init__(
        self,
        empty_text: str,
        *,
        fit: bool = False,
        options: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fit = fit
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.toolbar: Toolbar | None = None
        self._inches = (1.0, 1.0)
        self._positions: Mapping[str, tuple[float, float]] = {}
        self._highlight: PathCollection | None = None
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self._bar = QHBoxLayout()
        self._bar.setContentsMargins(0, 0, 0, 0)
        self._bar.addStretch(1)
        if options is not None:
            self._bar.addWidget(options)
        self.scroll_area = QScrollArea()
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidgetResizable(not fit)
        self.scroll_area.setStyleSheet("QScrollArea { background: white; }")
        self.scroll_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._bar)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.scroll_area, 1)

    def set_empty_text(self, text: str) -> None:
        """The text shown while there is no figure."""
        self.empty.setText(text)

    def set_figure(
        self, figure: Figure | None, positions: Mapping[str, tuple[float, float]] | None = None
    ) -> None:
        """Show ``figure`` (None: the empty text); ``positions`` let :meth:`highlight` find a
        node on it."""
        if self.toolbar is not None:
            self._bar.removeWidget(self.toolbar)
            self.toolbar.hide()
            self.toolbar.deleteLater()
        if self.canvas is not None:
            self.scroll_area.takeWidget()
            self.canvas.hide()
            self.canvas.deleteLater()
        self.canvas = self.toolbar = None
        self._highlight = None
        self.figure = figure
        self._positions = positions or {}
        self.empty.setVisible(figure is None)
        self.scroll_area.setVisible(figure is not None)
        if figure is None:
            return
        width, height = figure.get_size_inches()
        self._inches = (float(width), float(height))
        self.canvas = Canvas(figure)  # type: ignore[no-untyped-call]
        self.canvas.setMinimumSize(320, 240)
        if not self.fit:
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("pick_event", self._picked)
        self.toolbar = Toolbar(self.canvas, self)  # type: ignore[no-untyped-call]
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        # All its buttons stay visible; the options beside it wrap instead.
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self._bar.insertWidget(0, self.toolbar)
        self.scroll_area.setWidget(self.canvas)
        self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """Fit a figure of fixed shape into the pane by its dots per inch."""
        if not self.fit or self.canvas is None or self.figure is None:
            return
        width, height = self._inches
        room = self.scroll_area.viewport().size()
        most, least = FIT_DPI
        dpi = max(least, min(most, room.width() / width, room.height() / height))
        ratio = self.canvas.device_pixel_ratio
        self.figure._original_dpi = dpi  # type: ignore[attr-defined]
        self.figure._set_dpi(dpi * ratio, forward=False)  # type: ignore[attr-defined]
        self.canvas.setFixedSize(int(width * dpi), int(height * dpi))
        self.figure.set_size_inches(width, height, forward=False)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def _picked(self, event: PickEvent) -> None:
        indices = getattr(event, "ind", None)
        if indices is None or len(indices) == 0:
            return
        key = picked_key(event.artist, int(indices[0]))
        if key is not None:
            self.picked.emit(key)

    def highlight(self, key: str | None) -> bool:
        """Ring the node ``key`` on the figure (None: no ring); False if it is not shown."""
        if self._highlight is not None:
            self._highlight.remove()
            self._highlight = None
        figure = self.figure
        found = figure is not None and key is not None and key in self._positions
        if found and figure is not None and key is not None and figure.axes:
            x, y = self._positions[key]
            self._highlight = figure.axes[0].scatter(
                [x],
                [y],
                s=520,
                facecolors="none",
                edgecolors=HIGHLIGHT_COLOUR,
                linewidths=2.6,
                zorder=10,
                gid="highlight",
            )
        if self.canvas is not None:
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]
        return bool(found)
