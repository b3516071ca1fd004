"""Drawing a plot of the Analysis page to an image on a worker, for a canvas of a given size.

Building a figure, placing its labels and drawing it takes a good part of a second; a worker
does all of it, so the GUI thread only shows the image. Each figure is touched by one thread
at a time: the worker builds and draws it, then hands it over and never touches it again.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QImage

#: Builds the figure of a plot at its natural size (called on a worker).
FigureMaker = Callable[[], Figure]

#: Dots per inch of a scaled figure: the most (its natural size) and the least (still legible).
FIT_DPI = (100.0, 62.0)
#: The smallest canvas of a plot that fills its pane, in pixels.
MIN_CANVAS = (320, 240)


@dataclass(frozen=True)
class Rendering:
    """A figure drawn for a canvas of ``size`` logical pixels at ``dpi``, with its image."""

    figure: Figure
    image: QImage
    size: tuple[int, int]
    dpi: float


def fit_dpi(room: tuple[int, int], inches: tuple[float, float]) -> float:
    """The dots per inch that fit a figure of ``inches`` into ``room`` (within FIT_DPI)."""
    most, least = FIT_DPI
    return max(least, min(most, room[0] / inches[0], room[1] / inches[1]))


def canvas_size(
    room: tuple[int, int], *, fit: bool, inches: tuple[float, float] = (1.0, 1.0)
) -> tuple[tuple[int, int], float]:
    """The canvas (logical pixels) and dots per inch of a plot in ``room``: a figure that fits
    keeps its shape and is scaled, any other fills the room at 100 dpi."""
    if fit:
        dpi = fit_dpi(room, inches)
        return (int(inches[0] * dpi), int(inches[1] * dpi)), dpi
    return (max(room[0], MIN_CANVAS[0]), max(room[1], MIN_CANVAS[1])), FIT_DPI[0]


def render(make: FigureMaker, room: tuple[int, int], ratio: float, *, fit: bool) -> Rendering:
    """Build the figure and draw it for ``room`` at ``ratio`` device pixels per logical one."""
    figure = make()
    canvas = FigureCanvasAgg(figure)
    width, height = (float(v) for v in figure.get_size_inches())
    (w, h), dpi = canvas_size(room, fit=fit, inches=(width, height))
    figure.set_dpi(dpi)
    if not fit:
        figure.set_size_inches(w / dpi, h / dpi)
        # What a canvas does when it is resized: the map places its labels again for its size.
        canvas.callbacks.process("resize_event", ResizeEvent("resize_event", canvas))
    figure.set_dpi(dpi * ratio)
    with warnings.catch_warnings():
        # A canvas too small for constrained layout is drawn without it; saying so helps nobody.
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        canvas.draw()  # type: ignore[no-untyped-call]
    buffer = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    rows, columns = buffer.shape[0], buffer.shape[1]
    image = QImage(bytes(buffer), columns, rows, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(ratio)
    # Handed over at its logical resolution: the canvas on screen applies the ratio itself.
    figure.set_dpi(dpi)
    return Rendering(figure, image, (w, h), dpi)
