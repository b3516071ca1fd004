"""The agenda × helix coverage heat map: numbers in the cells, gaps marked, totals."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from techzone_crm.plots import coverage_heatmap

from .generated import legend_texts, texts

HELICES = ["Government", "Business", "Education & knowledge", "Civil society"]


def cell_texts(fig: Figure, gid: str) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == gid]


def test_every_cell_shows_its_number_and_zeros_are_gaps() -> None:
    values = [[3, 0, 1, 12], [0, 0, 2, 5]]

    fig = coverage_heatmap(["Regio Deal", "Nationaal Programma Groningen"], HELICES, values)

    assert sorted(cell_texts(fig, "value")) == sorted(["3", "1", "12", "2", "5"])
    assert cell_texts(fig, "gap") == ["gap"] * 3
    gap_patches = [p for p in fig.axes[0].patches if p.get_hatch()]
    assert len(gap_patches) == 3
    assert legend_texts(fig) == ["Gap: nobody in this helix we reach on this agenda"]


def test_rows_and_columns_are_labelled_in_order() -> None:
    long = "Strategische agenda TechZone: digitalisering van de maakindustrie in Zuidoost-Drenthe"
    fig = coverage_heatmap(["Regio Deal", long], HELICES, [[1, 1, 1, 1], [2, 2, 2, 2]])

    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[0] == "Regio Deal"
    assert all(len(line) <= 40 for line in rows[1].splitlines())
    assert len(rows[1].splitlines()) == 2 and rows[1].endswith("…")
    columns = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert columns == HELICES
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first agenda at the top


def test_colour_bar_and_totals() -> None:
    fig = coverage_heatmap(
        ["A", "B", "C"], HELICES, [[1, 2, 3, 4]] * 3, totals=[12, 10, 20], title="Coverage"
    )

    assert len(fig.axes) == 3  # heat map, totals, colour bar
    assert cell_texts(fig, "total") == ["12", "10", "20"]
    shown = texts(fig)
    assert "Total" in shown and "Coverage" in shown
    assert "Linked stakeholders with a warm tie" in shown
    assert not fig.legends  # no gaps, no gap legend


def test_fractions_get_one_decimal() -> None:
    fig = coverage_heatmap(["A"], HELICES[:2], [[0.5, 2.25]])

    assert sorted(cell_texts(fig, "value")) == ["0.5", "2.2"]


def test_shapes_must_agree() -> None:
    with pytest.raises(ValueError):
        coverage_heatmap(["A", "B"], HELICES, [[1, 2, 3, 4]])
    with pytest.raises(ValueError, match="total"):
        coverage_heatmap(["A"], HELICES, [[1, 2, 3, 4]], totals=[1, 2])


def test_nothing_to_show_says_so() -> None:
    assert "No agendas to show." in texts(coverage_heatmap([], HELICES, []))


def test_fixed_texts_can_be_translated() -> None:
    fig = coverage_heatmap(["A"], HELICES, [[0, 1, 1, 1]], labels={"gap": "gat"})

    assert cell_texts(fig, "gap") == ["gat"]
