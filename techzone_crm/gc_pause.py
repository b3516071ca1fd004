"""Automatic garbage collection paused during bulk work (imports, exports).

CPython's full collection walks every tracked object while holding the GIL. A job that
builds hundreds of thousands of objects (an import plan, export batches) triggers one every
time the heap has grown by a quarter, and each takes longer than the last: up to a second
with 100,000 people, in which the GUI thread cannot run. While any job holds
:func:`collection_paused`, collections wait; when the last one ends, the objects alive then
are frozen (:func:`gc.freeze`: never walked again, still freed when no longer referenced).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic garbage collection inside the block (any thread, nested blocks too)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                # What the job built is still referenced (a plan the wizard shows): without
                # the freeze the next collections would walk it all at once.
                gc.freeze()
                if _was_enabled:
                    gc.enable()
