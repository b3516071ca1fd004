"""Starting the application loads neither the analysis libraries nor the file-format ones.

They take seconds to import (igraph imports matplotlib.pyplot, matplotlib builds its font
cache on a first run); the commands and pages that need them load them when they run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

HEAVY = (
    "igraph",
    "matplotlib",
    "networkx",
    "numpy",
    "scipy",
    "openpyxl",
    "xlsxwriter",
    "vobject",
    "phonenumbers",
    "email_validator",
)

SCRIPT = textwrap.dedent(
    f"""
    import sys
    import techzone_crm.cli
    import techzone_crm.ui.app
    from techzone_crm.cli import build_parser

    build_parser().parse_args(["analyse", "--out", "x"])
    heavy = {HEAVY!r}
    print(sorted(n for n in heavy if n in sys.modules))
    """
)


def test_the_entry_point_and_the_main_window_import_nothing_heavy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
