"""The salience diagram: seven classes in their regions, counts and a few names each."""

from __future__ import annotations

import math

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from techzone_crm.plots import salience_diagram
from techzone_crm.plots.salience import _ANGLE, _CENTRE_DISTANCE, _RADIUS, CLASS_ATTRIBUTES
from techzone_crm.services.assessment_classes import SALIENCE_CLASSES

from .generated import texts


def by_gid(fig: Figure, prefix: str) -> dict[str, str]:
    return {
        (t.get_gid() or "").removeprefix(prefix): t.get_text()
        for t in fig.axes[0].texts
        if (t.get_gid() or "").startswith(prefix)
    }


def test_the_classes_agree_with_the_app() -> None:
    assert {value.value: key for key, value in SALIENCE_CLASSES.items()} == CLASS_ATTRIBUTES


def test_three_circles_and_every_class_named_with_its_count() -> None:
    counts = {"definitive": ["A", "B"], "dormant": ["C"], "non_stakeholder": ["D", "E", "F"]}

    fig = salience_diagram(counts)

    circles = [p for p in fig.axes[0].patches if isinstance(p, Circle) and not p.get_fill()]
    assert len(circles) == 3
    names = by_gid(fig, "class-")
    assert names == {
        "definitive": "Definitive",
        "dominant": "Dominant",
        "dangerous": "Dangerous",
        "dependent": "Dependent",
        "dormant": "Dormant",
        "discretionary": "Discretionary",
        "demanding": "Demanding",
        "non_stakeholder": "Non-stakeholder",
    }
    numbers = by_gid(fig, "count-")
    assert numbers["definitive"] == "2" and numbers["dormant"] == "1"
    assert numbers["non_stakeholder"] == "3" and numbers["demanding"] == "0"
    assert set(by_gid(fig, "attr-").values()) == {"Power", "Legitimacy", "Urgency"}


def test_each_class_sits_in_the_region_of_its_attributes() -> None:
    fig = salience_diagram({})

    centres = {
        name: (
            math.cos(math.radians(angle)) * _CENTRE_DISTANCE,
            math.sin(math.radians(angle)) * _CENTRE_DISTANCE,
        )
        for name, angle in _ANGLE.items()
    }
    for text in fig.axes[0].texts:
        salience = (text.get_gid() or "").removeprefix("count-")
        if not (text.get_gid() or "").startswith("count-") or salience == "non_stakeholder":
            continue
        x, y = text.get_position()
        inside = tuple(math.dist((x, y), centres[name]) < _RADIUS for name in _ANGLE)
        assert inside == CLASS_ATTRIBUTES[salience], salience


def test_a_few_names_per_region_and_how_many_more() -> None:
    counts = {"dominant": ["Gemeente Emmen", "Gasunie", "NOM", "Enexis", "Rabobank"]}

    fig = salience_diagram(counts, max_names=3)

    assert by_gid(fig, "names-")["dominant"] == "Gemeente Emmen\nGasunie\nNOM\n+ 2 more"


def test_unknown_classes_are_refused() -> None:
    with pytest.raises(ValueError, match="latent"):
        salience_diagram({"latent": ["A"]})


def test_title_and_translations() -> None:
    fig = salience_diagram({}, subtitle="31 Dec 2025", labels={"urgency": "Urgentie"})

    shown = texts(fig)
    assert "Stakeholder salience" in shown and "31 Dec 2025" in shown and "Urgentie" in shown
