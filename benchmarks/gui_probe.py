"""Child processes of the GUI benchmarks, and how the benchmarks start them.

Every GUI figure runs in a process of its own (headless: ``QT_QPA_PLATFORM=offscreen``, with
its own settings and data folders), which reports on its last line of standard output as
JSON. This module imports nothing heavy at the top, so that the two cold-start children
(``bare`` and ``app``) pay the same for it::

    python -m benchmarks.gui_probe bare          # a bare PySide6 QMainWindow
    python -m benchmarks.gui_probe app DB        # TechZone CRM's entry point on DB

Both report ``painted``, the ``time.monotonic()`` (system-wide on Linux) when the first paint
of their main window had finished, and ``rss_mb``, their peak resident memory by then.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1400, 850)


def child_env(home: Path) -> dict[str, str]:
    """The environment of a child: headless, with settings and data kept under ``home``."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / folder)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def spawn(module: str, args: Sequence[str], home: Path, timeout: float) -> tuple[float, Any]:
    """Run ``python -m module args`` to its end; returns when it was spawned
    (``time.monotonic()``) and the JSON of its last line of output (an object or a list)."""
    command = [sys.executable, "-m", module, *args]
    started = time.monotonic()
    done = subprocess.run(
        command,
        env=child_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(("{", "["))]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(command[2:])} failed ({done.returncode}):\n{tail}")
    return started, json.loads(lines[-1])


def report(**values: Any) -> None:
    """Print the child's report (one JSON line) for :func:`spawn`."""
    print(json.dumps(values), flush=True)


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB.

    On Linux the high-water mark of the process's own memory (VmHWM): ``ru_maxrss`` keeps
    the peak of the parent from before the ``exec``, so a child started by a big benchmark
    process would report the parent's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def wait_until(condition: Callable[[], bool], timeout: float, signals: Sequence[Any] = ()) -> bool:
    """Run the event loop until ``condition()`` holds (False if ``timeout`` s pass first).

    It is checked whenever one of ``signals`` fires and every few milliseconds; in between the
    GUI thread sleeps in the event loop, so that it does not compete with the workers.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    end = time.monotonic() + timeout

    def check(*_args: object) -> None:
        if condition() or time.monotonic() > end:
            loop.quit()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    for signal in signals:
        signal.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    for signal in signals:
        signal.disconnect(check)
    return condition()


def _on_first_paint(window_class: str) -> Any:
    """An application event filter that reports once a ``window_class`` window has painted
    for the first time, and then quits the application."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.isWindow()
                and type(watched).__name__ == window_class
            ):
                app = QApplication.instance()
                assert app is not None
                app.removeEventFilter(self)
                # Queued: the children of the window paint in this same pass.
                QTimer.singleShot(0, self.finish)
            return False

        def finish(self) -> None:
            report(painted=time.monotonic(), rss_mb=peak_rss_mb())
            app = QApplication.instance()
            if app is not None:
                app.quit()

    return FirstPaint()


def _bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    probe = _on_first_paint("QMainWindow")
    app.installEventFilter(probe)
    window = QMainWindow()
    window.setWindowTitle("Bare PySide6 window")
    window.resize(*WINDOW_SIZE)
    window.show()
    return app.exec()


def _app(database: str) -> int:
    from PySide6.QtWidgets import QApplication

    from techzone_crm import cli

    # The application the entry point creates reuses this one (QApplication.instance()).
    app = QApplication(sys.argv[:1])
    probe = _on_first_paint("MainWindow")
    app.installEventFilter(probe)
    return cli.main(["--db", database, "gui"])


def main(argv: Sequence[str] | None = None) -> int:
    """``bare`` or ``app DB``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["bare"]:
        return _bare()
    if args[:1] == ["app"] and len(args) == 2:
        return _app(args[1])
    print("usage: python -m benchmarks.gui_probe bare | app DB", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
