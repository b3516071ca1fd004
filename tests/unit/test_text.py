"""Name handling as a Dutch user expects it, and accent-insensitive matching."""

from __future__ import annotations

import pytest

from techzone_crm.text import (
    clean,
    fold,
    person_display_name,
    person_sort_key,
    person_sorted_name,
)


def test_fold_strips_accents_and_case() -> None:
    assert fold("Hélène") == "helene"
    assert fold("ÇA VA, Zoë?") == "ca va, zoe?"


def test_fold_matches_precomposed_and_decomposed_accents() -> None:
    assert fold("He\u0301le\u0300ne") == fold("H\u00e9l\u00e8ne") == "helene"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, ""), ("", ""), ("  Jan \t van\n der  Berg ", "Jan van der Berg")],
)
def test_clean_collapses_whitespace(raw: str | None, expected: str) -> None:
    assert clean(raw) == expected


def test_prefix_is_ignored_when_sorting() -> None:
    names = [
        ("Dijk", "Karin", ""),
        ("Berg", "Jan", "van der"),
        ("Bakker", "Els", ""),
        ("Aalders", "Piet", ""),
        ("Vries", "Sanne", "de"),
    ]

    ordered = sorted(names, key=lambda n: person_sort_key(*n))

    assert [person_sorted_name(given, prefix, family) for family, given, prefix in ordered] == [
        "Aalders, Piet",
        "Bakker, Els",
        "Berg, Jan van der",
        "Dijk, Karin",
        "Vries, Sanne de",
    ]


def test_sorting_ignores_case_and_accents() -> None:
    keys = [
        person_sort_key("Éijkman", "Anna"),
        person_sort_key("eijkman", "Bert"),
        person_sort_key("Eik", "Carla"),
    ]

    assert sorted(keys) == keys


def test_same_family_name_sorts_on_given_name_then_prefix() -> None:
    keys = [
        person_sort_key("Berg", "Anna", "van den"),
        person_sort_key("Berg", "Jan"),
        person_sort_key("Berg", "Jan", "van der"),
    ]

    assert sorted(keys) == keys
    assert len(set(keys)) == 3


def test_display_name_is_written_in_natural_order() -> None:
    assert person_display_name("Jan", "van der", "Berg", "dr.") == "dr. Jan van der Berg"
    assert person_display_name("Els", "", "Bakker") == "Els Bakker"


def test_sorted_name_puts_the_family_name_first() -> None:
    assert person_sorted_name("Jan", "van der", "Berg") == "Berg, Jan van der"
    assert person_sorted_name("", "", "Bakker") == "Bakker"
    assert person_sorted_name(" Els ", "", " Bakker ") == "Bakker, Els"
