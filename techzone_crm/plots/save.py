"""Saving figures as PNG, SVG and PDF, byte for byte the same on every run."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
PNG_DPI = 150

# No dates and no version strings in the files, and fixed SVG ids, so saving the same figure
# twice writes the same bytes (and exports can be compared or kept under version control).
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
_SVG_SALT = "techzone-crm"


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` in the format its suffix names (.png at 150 dpi, .svg, .pdf)."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(
            f"cannot save a plot as {target.suffix or 'a file without suffix'}: "
            f"use .png, .svg or .pdf"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": _SVG_SALT}):
        fig.savefig(
            target,
            format=fmt,
            dpi=PNG_DPI,
            metadata=_METADATA[fmt],
            facecolor=fig.get_facecolor(),
        )
    return target


def save_all(fig: Figure, stem: str | Path) -> list[Path]:
    """Write ``fig`` as stem.png, stem.svg and stem.pdf; returns the three paths."""
    base = Path(stem)
    return [save_figure(fig, base.with_name(f"{base.name}.{fmt}")) for fmt in FORMATS]
