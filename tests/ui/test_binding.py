"""The Qt binding must keep Python's books straight: a long session makes millions of calls."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

_CALLS_RETURNING_NONE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
app = QApplication([])
combo = QComboBox()
combo.addItem("Everyone", None)
label = QLabel()
before = sys.getrefcount(None)
for _ in range(20_000):
    combo.currentData()
    label.setText("Overdue")
    app.processEvents()
print(sys.getrefcount(None) - before)
"""


def test_calls_that_return_none_do_not_lose_references_to_none() -> None:
    # In a process of its own: a binding with this bug aborts the interpreter.
    done = subprocess.run(
        [sys.executable, "-c", _CALLS_RETURNING_NONE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout.strip()) >= -10
