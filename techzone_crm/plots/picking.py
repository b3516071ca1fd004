"""Which node a click on a plotted marker means, for the GUI's pick events."""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from matplotlib.artist import Artist

_KEYS: weakref.WeakKeyDictionary[Artist, tuple[str | None, ...]] = weakref.WeakKeyDictionary()


def remember_keys(artist: Artist, keys: Sequence[str | None]) -> None:
    """Make ``artist`` pickable and remember the node key of each of its markers."""
    artist.set_picker(True)
    _KEYS[artist] = tuple(keys)


def picked_key(artist: Artist, index: int) -> str | None:
    """The node key ("person:12") of marker ``index`` of ``artist``; None if it has none."""
    keys = _KEYS.get(artist)
    if keys is None or not 0 <= index < len(keys):
        return None
    return keys[index]
