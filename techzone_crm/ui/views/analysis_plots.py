"""The plots of the Analysis page: a matplotlib canvas with its navigation toolbar per tab.

The map and the grid fill their pane. The heat map and the salience diagram are laid out for
one shape; they keep it and are scaled to fit the pane (down to a legible minimum, below which
the pane scrolls). A worker builds and draws each plot for the size of its pane
(:mod:`~techzone_crm.ui.views.analysis_render`); the GUI thread shows the image, and draws
itself only once the user zooms or pans.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

from matplotlib import cbook
from matplotlib.backend_bases import PickEvent
from matplotlib.backends.backend_qt import NavigationToolbar2QT
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from techzone_crm.plots import picked_key
from techzone_crm.ui.tasks import Progress, TaskRunner
from techzone_crm.ui.views.analysis_render import (
    FIT_DPI,
    MIN_CANVAS,
    FigureMaker,
    Rendering,
    canvas_size,
    render,
)

__all__ = ["FIT_DPI", "HIGHLIGHT_COLOUR", "Canvas", "PlotPane", "Toolbar"]

#: The ring around the selected node on the map.
HIGHLIGHT_COLOUR = "#e8a317"
#: The ring's area (points², as a scatter marker's) and line width (points).
_RING = (520.0, 2.6)
#: How long a pane's size must rest before its plot is drawn again for it, in milliseconds.
RESIZE_MS = 150


class Canvas(FigureCanvasQTAgg):
    """A canvas that shows the image a worker drew of its figure until it has to draw itself
    (zoom, pan), and the ring around the selected node on top."""

    def __init__(self, figure: Figure, image: QImage | None = None) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self._image = image
        self._from_worker = image is not None
        #: The data coordinates of the ring around the selected node (None: no ring).
        self.ring: tuple[float, float] | None = None

    def draw(self) -> None:
        self._image = None
        # A pane made very small leaves no room for constrained layout; matplotlib then draws
        # without it and warns on every repaint, which says nothing to the user.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
            super().draw()  # type: ignore[no-untyped-call]

    def resizeEvent(self, event: QResizeEvent) -> None:
        if not self._from_worker:
            super().resizeEvent(event)  # type: ignore[no-untyped-call]
            return
        # The figure takes the new size (for clicks and a later draw) but places no labels:
        # its pane has a worker draw it again for the new size.
        ratio = self.device_pixel_ratio
        dpi = self.figure.dpi
        size = event.size()
        self.figure.set_size_inches(
            size.width() * ratio / dpi, size.height() * ratio / dpi, forward=False
        )
        QWidget.resizeEvent(self, event)
        if self._image is None:
            self.draw_idle()  # type: ignore[no-untyped-call]

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None or self._draw_pending:
            super().paintEvent(event)  # type: ignore[no-untyped-call]
        else:
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self._image)  # scaled while a new one comes
            self._draw_rect_callback(painter)  # type: ignore[no-untyped-call]
            painter.end()
        if self.ring is not None and self.figure.axes:
            self._paint_ring()

    def _paint_ring(self) -> None:
        assert self.ring is not None
        ratio = self.device_pixel_ratio
        x, y = self.figure.axes[0].transData.transform(self.ring)
        centre = QPointF(x / ratio, (self.figure.bbox.height - y) / ratio)
        per_point = self.figure.dpi / ratio / 72.0
        area, width = _RING
        radius = math.sqrt(area) / 2.0 * per_point
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(HIGHLIGHT_COLOUR), width * per_point))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius, radius)
        painter.end()


class Toolbar(NavigationToolbar2QT):
    """Zoom, pan, home and save for one canvas."""

    def _icon(self, name: str) -> QIcon:
        # Matplotlib's own icon engine asks Qt for a deprecated attribute on every paint;
        # the plain image files look the same at the toolbar's size.
        return QIcon(str(cbook._get_data_path("images", name)))


class PlotPane(QWidget):
    """One plot with zoom and pan, drawn on a worker for the pane's size; a text while there
    is none.

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
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fit = fit
        self.runner = runner
        self.figure: Figure | None = None
        self.canvas: Canvas | None = None
        self.toolbar: Toolbar | None = None
        self.rendering: Rendering | None = None
        self._make: FigureMaker | None = None
        self._generation = 0
        self._in_flight: tuple[int, tuple[int, int]] | None = None
        # True once the user zoomed or panned the plot shown: a resize then keeps their view
        # (matplotlib draws it itself) instead of a fresh drawing from the worker.
        self.user_view = False
        self._positions: Mapping[str, tuple[float, float]] = {}
        self._key: str | None = None
        self._highlight: tuple[float, float] | None = None
        self._empty_text = empty_text
        self._toolbar_height = 0
        #: The room of the pane at its last resize, for a worker to read.
        self.latest_room = (640, 480)
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
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_MS)
        self._resized.timeout.connect(self._render_if_needed)

    def set_empty_text(self, text: str) -> None:
        """The text shown while there is no figure."""
        self._empty_text = text
        self.empty.setText(text)

    # -- what the pane shows --------------------------------------------------------------

    def room(self) -> tuple[int, int]:
        """The logical pixels a plot has in this pane."""
        if self.canvas is not None:
            viewport = self.scroll_area.viewport().size()
            return viewport.width(), viewport.height()
        if not self._toolbar_height:
            # As high as the toolbar will be: one button with an icon of its size.
            probe = QToolBar()
            probe.setIconSize(probe.iconSize() * 0.8)
            probe.addAction(QIcon(str(cbook._get_data_path("images", "home.png"))), "")
            self._toolbar_height = probe.sizeHint().height()
            probe.deleteLater()
        bar = max(self._bar.sizeHint().height(), self._toolbar_height)
        return self.width(), max(self.height() - bar, 1)

    def ratio(self) -> float:
        """Device pixels per logical pixel of the screen the pane is on."""
        return float(self.devicePixelRatioF() or 1.0)

    def show_plot(
        self,
        make: FigureMaker | None,
        positions: Mapping[str, tuple[float, float]] | None = None,
        rendering: Rendering | None = None,
        *,
        keep: bool = False,
    ) -> None:
        """Show the plot ``make`` builds (None: the empty text), drawn already as
        ``rendering`` or else on a worker; ``keep`` leaves the plot on screen until then.
        ``positions`` let :meth:`highlight` find a node on it."""
        self._generation += 1
        self._make = make
        self._positions = positions or {}
        if rendering is not None or make is None or not keep:
            self._install(rendering)
        self._render_if_needed()

    def _wanted(self) -> tuple[int, int]:
        inches = (1.0, 1.0)
        if self.fit and self.figure is not None:
            width, height = self.figure.get_size_inches()
            inches = (float(width), float(height))
        return canvas_size(self.room(), fit=self.fit, inches=inches)[0]

    def _render_if_needed(self) -> None:
        make, runner = self._make, self.runner
        if make is None or runner is None or self.user_view:
            return
        if self.rendering is not None and self.rendering.size == self._wanted():
            return
        if self._in_flight is not None and self._in_flight[0] == self._generation:
            return  # it is checked again when that one arrives
        room, ratio, fit = self.room(), self.ratio(), self.fit
        token = (self._generation, room)
        self._in_flight = token

        def work(_session: Session, _progress: Progress) -> Rendering:
            return render(make, room, ratio, fit=fit)

        def done(rendering: object) -> None:
            if not isValid(self):  # the page was closed meanwhile
                return
            if self._in_flight == token:
                self._in_flight = None
            if self.user_view:  # the user zoomed into the plot shown meanwhile: keep it
                return
            if token[0] == self._generation and isinstance(rendering, Rendering):
                self._install(rendering)
                self._resized.start()  # once the layout has settled around the new canvas

        def failed(_exc: object) -> None:
            if self._in_flight == token:
                self._in_flight = None

        runner.submit(work, on_finished=done, on_failed=failed)

    def _install(self, rendering: Rendering | None) -> None:
        if self.toolbar is not None:
            self._bar.removeWidget(self.toolbar)
            self.toolbar.hide()
            self.toolbar.deleteLater()
        if self.canvas is not None:
            self.scroll_area.takeWidget()
            self.canvas.hide()
            self.canvas.deleteLater()
        self.canvas = self.toolbar = None
        self.rendering = rendering
        self.figure = None if rendering is None else rendering.figure
        waiting = self._make is not None and rendering is None
        self.empty.setText(self.tr("Drawing the plot…") if waiting else self._empty_text)
        self.empty.setVisible(rendering is None)
        self.scroll_area.setVisible(rendering is not None)
        if rendering is None:
            return
        self.canvas = Canvas(rendering.figure, rendering.image)
        self.canvas.setMinimumSize(*MIN_CANVAS)
        if self.fit:
            self.canvas.setFixedSize(*rendering.size)
        else:
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("pick_event", self._picked)
        self.user_view = False
        for axes in rendering.figure.axes:
            for limits in ("xlim_changed", "ylim_changed"):
                axes.callbacks.connect(limits, self._view_changed)
        self.toolbar = Toolbar(self.canvas, self)  # type: ignore[no-untyped-call]
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        # All its buttons stay visible; the options beside it wrap instead.
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self._bar.insertWidget(0, self.toolbar)
        self.scroll_area.setWidget(self.canvas)
        self.highlight(self._key)

    def _view_changed(self, _axes: object) -> None:
        self.user_view = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.latest_room = self.room()
        self._scale()
        self._resized.start()

    def _scale(self) -> None:
        """Fit a figure of fixed shape into the pane by its dots per inch (the image is scaled
        until the worker has drawn it again)."""
        if not self.fit or self.canvas is None or self.figure is None:
            return
        w_inches, h_inches = (float(v) for v in self.figure.get_size_inches())
        (width, height), dpi = canvas_size(self.room(), fit=True, inches=(w_inches, h_inches))
        ratio = self.canvas.device_pixel_ratio
        self.figure._original_dpi = dpi  # type: ignore[attr-defined]
        self.figure._set_dpi(dpi * ratio, forward=False)  # type: ignore[attr-defined]
        self.figure.set_size_inches(w_inches, h_inches, forward=False)
        self.canvas.setFixedSize(width, height)

    # -- clicking and selecting -----------------------------------------------------------

    def _picked(self, event: PickEvent) -> None:
        indices = getattr(event, "ind", None)
        if indices is None or len(indices) == 0:
            return
        key = picked_key(event.artist, int(indices[0]))
        if key is not None:
            self.picked.emit(key)

    def highlight(self, key: str | None) -> bool:
        """Ring the node ``key`` on the figure (None: no ring); False if it is not shown."""
        self._key = key
        found = self.figure is not None and key is not None and key in self._positions
        self._highlight = self._positions[key] if found and key is not None else None
        if self.canvas is not None:
            self.canvas.ring = self._highlight
            self.canvas.update()
        return bool(found)
