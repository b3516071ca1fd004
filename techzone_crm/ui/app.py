"""The GUI's composition root: application, single-instance lock, database, main window."""

from __future__ import annotations

import hashlib
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from techzone_crm.db.engine import Database, to_url
from techzone_crm.db.migrate import open_database
from techzone_crm.errors import UserError
from techzone_crm.paths import user_data_dir
from techzone_crm.ui import prompts
from techzone_crm.ui.errors import ErrorReporter
from techzone_crm.ui.first_run import DemoLoader
from techzone_crm.ui.i18n import translate
from techzone_crm.ui.icons import app_icon
from techzone_crm.ui.main_window import PAGE_NAMES, MainWindow
from techzone_crm.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USER_ERROR = 2


def create_application() -> QApplication:
    """The QApplication, named so that QSettings and the data folders find their place."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("TechZone")
    app.setApplicationName("TechZone CRM")
    app.setDesktopFileName("techzone-crm")
    app.setWindowIcon(app_icon())
    return app


def configure_logging() -> Path:
    """Also log to a rotating file in the data folder; returns its path."""
    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "techzone-crm.log"
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
    return path


def lock_path(target: str) -> str:
    """The lock file that marks ``target`` as open: next to a SQLite file, else in temp."""
    url = to_url(target)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return f"{url.database}.lock"
    digest = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return QDir(temp).filePath(f"techzone-crm-{digest}.lock")


def acquire_lock(target: str) -> QLockFile | None:
    """Lock ``target`` for this process; None if it is open elsewhere and the user quits.

    A second instance on one SQLite file cannot corrupt it, but its changes would not show
    up in the other window, so the user decides.
    """
    path = lock_path(target)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(path)
    # 0: a lock is never "stale" by age, only when its process is gone (Qt checks the pid).
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        return lock
    # PySide returns (pid, hostname, appname), or nothing usable if the file vanished.
    info = lock.getLockInfo()
    if isinstance(info, tuple) and len(info) == 3 and info[0]:
        owner = translate("app", "another TechZone CRM window (process {pid} on {host})").format(
            pid=info[0], host=info[1] or "?"
        )
    else:
        owner = translate("app", "another TechZone CRM window")
    if not prompts.second_instance(None, target, owner):
        return None
    return lock  # not held: the other instance keeps the lock


def build_window(
    db: Database, reporter: ErrorReporter, settings: QSettings | None = None
) -> tuple[MainWindow, TaskRunner, DemoLoader]:
    """The main window with its task runner and the example-data loader wired up."""
    # The runner outlives the window: its threads are stopped after the event loop ends.
    runner = TaskRunner(db)
    window = MainWindow(db, runner, reporter, settings)
    loader = DemoLoader(window, db, runner, reporter, on_loaded=window.refresh)
    window.demo_requested.connect(loader.start)
    return window, runner, loader


def screenshot_when_ready(window: MainWindow, path: Path, timeout_ms: int = 20_000) -> None:
    """Save a picture of ``window`` once its first rows are on screen, then quit.

    Used for documentation pictures and for checking that an installed copy starts and
    shows its data without a screen (``techzone-crm gui --screenshot shot.png``).
    """
    app = QApplication.instance()
    timer = QTimer(window)
    waited = {"ms": 0}

    def poll() -> None:
        waited["ms"] += timer.interval()
        view = window.current_view()
        if view is None:  # the dashboard and follow-up are never empty: wait for their figures
            rows = 1
            page = window.stack.currentWidget()
            if page is window.dashboard:
                shown = window.dashboard.data is not None
            elif page is window.analysis:
                shown = window.analysis.run_result is not None and not window.analysis.running
            else:
                shown = not window.follow_up.loading
        else:
            rows = view.model.rowCount()
            shown = rows > 0 and bool(view.model.index(0, 0).data())
        if shown or (rows == 0 and waited["ms"] >= 3_000) or waited["ms"] >= timeout_ms:
            timer.stop()
            saved = window.grab().save(str(path))
            log.info("Screenshot %s: %s", "saved" if saved else "failed", path)
            if app is not None:
                app.exit(EXIT_OK if saved and (shown or rows == 0) else EXIT_BUG)

    timer.timeout.connect(poll)
    timer.start(100)


def run_gui(target: str, screenshot: Path | None = None, page: str | None = None) -> int:
    """Open the desktop application on ``target``; returns the process exit code.

    With ``screenshot``, the window is saved to that PNG file once its rows are shown and
    the application quits (no first-run questions are asked). ``page`` names the page to
    open on (see :data:`PAGE_NAMES`).
    """
    pages = {name: index for index, name in PAGE_NAMES.items()}
    if page is not None and page not in pages:
        print(
            translate("app", "Unknown page {page}: choose one of {pages}.").format(
                page=page, pages=", ".join(pages)
            ),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    app = create_application()
    log_file = configure_logging()
    reporter = ErrorReporter(log_file)
    reporter.install()
    lock: QLockFile | None = None
    try:
        lock = acquire_lock(target)
        if lock is None:
            return EXIT_OK
        try:
            db = open_database(target)
        except UserError as exc:
            log.warning("Cannot open %s: %s", target, exc.message)
            prompts.show_problem(None, translate("app", "Cannot open the database"), exc.message)
            return EXIT_USER_ERROR
        try:
            window, runner, loader = build_window(db, reporter)
            if page is not None:
                window.show_page(pages[page])
            window.show()
            if screenshot is None:
                QTimer.singleShot(0, loader.offer_if_empty)
            else:
                screenshot_when_ready(window, screenshot)
            code = app.exec()
            runner.shutdown()
            return code
        finally:
            db.close()
    except Exception as exc:
        reporter.report_bug(exc, None, exc.__traceback__, modal=True)
        return EXIT_BUG
    finally:
        if lock is not None and lock.isLocked():
            lock.unlock()
        reporter.uninstall()
