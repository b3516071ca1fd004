"""Saving plots as PNG, SVG and PDF, the same bytes every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from techzone_crm.plots import GridPoint, power_interest_grid, save_all, save_figure
from techzone_crm.plots.save import PNG_DPI

MAGIC = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}


def figure() -> Figure:
    return power_interest_grid(
        [GridPoint("Anna", 4, 5, previous=(3, 5), attitude=1), GridPoint("Bram", 2, 1)],
        subtitle="31 Dec 2025",
    )


def test_save_all_writes_the_three_formats(tmp_path: Path) -> None:
    paths = save_all(figure(), tmp_path / "out" / "power-interest")

    assert [p.name for p in paths] == [
        "power-interest.png",
        "power-interest.svg",
        "power-interest.pdf",
    ]
    for path in paths:
        data = path.read_bytes()
        assert len(data) > 5_000
        assert data.startswith(MAGIC[path.suffix[1:]])


def test_png_is_saved_at_150_dpi(tmp_path: Path) -> None:
    fig = figure()
    path = save_figure(fig, tmp_path / "grid.png")

    width = int.from_bytes(path.read_bytes()[16:20], "big")
    assert width == round(fig.get_figwidth() * PNG_DPI)


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_saving_twice_writes_the_same_bytes(tmp_path: Path, suffix: str) -> None:
    first = save_figure(figure(), tmp_path / f"a.{suffix}").read_bytes()
    second = save_figure(figure(), tmp_path / f"b.{suffix}").read_bytes()

    assert first == second
    assert b"CreationDate" not in first and b"<dc:date>" not in first


def test_unknown_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.jpg"):
        save_figure(figure(), tmp_path / "grid.jpg")
    with pytest.raises(ValueError, match="without suffix"):
        save_figure(figure(), tmp_path / "grid")
