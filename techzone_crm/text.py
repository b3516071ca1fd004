"""Text helpers shared by storage and search: diacritic folding and Dutch name sorting."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics, so that "Hélène" matches "helene"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def clean(text: str | None) -> str:
    """Collapse runs of whitespace and trim; ``None`` becomes the empty string."""
    if not text:
        return ""
    return " ".join(text.split())


def person_sort_key(family_name: str, given_name: str, name_prefix: str = "") -> str:
    """Dutch sorting: by family name without the prefix ("van der Berg" under B).

    The prefix is kept at the end so that "Berg, Jan van der" and "Berg, Jan" stay apart.
    """
    parts = [fold(clean(family_name)), fold(clean(given_name)), fold(clean(name_prefix))]
    return "\x1f".join(parts)


def person_display_name(
    given_name: str, name_prefix: str, family_name: str, title: str = ""
) -> str:
    """The name as it is written: "dr. Jan van der Berg"."""
    return clean(" ".join(p for p in (title, given_name, name_prefix, family_name) if p))


def person_sorted_name(given_name: str, name_prefix: str, family_name: str) -> str:
    """The name as a sorted list shows it: "Berg, Jan van der"."""
    family = clean(family_name)
    rest = clean(" ".join(p for p in (given_name, name_prefix) if p))
    return f"{family}, {rest}" if rest else family
