"""The real-world sample files go through the wizard exactly as through the CLI."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from techzone_crm.cli import EXIT_OK, main
from techzone_crm.db.engine import Database
from techzone_crm.db.migrate import open_database
from techzone_crm.ui.dialogs.import_wizard import ImportWizard
from techzone_crm.ui.tasks import TaskRunner
from techzone_crm.ui.views.importing import start_import

pytestmark = pytest.mark.gui

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
FILES = sorted(p.name for p in DATA.iterdir())


def held(db: Database) -> set[tuple[str, ...]]:
    """Every person with their organisation, role, e-mail addresses and phone numbers."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.title, p.given_name, p.name_prefix, p.family_name, "
            "coalesce(o.name, ''), coalesce(a.role, ''), "
            "coalesce((SELECT group_concat(address, ' ') FROM "
            "  (SELECT address FROM email_address e WHERE e.person_id = p.id"
            "   ORDER BY address)), ''), "
            "coalesce((SELECT group_concat(number, ' ') FROM "
            "  (SELECT number FROM phone_number n WHERE n.person_id = p.id ORDER BY number)), '') "
            "FROM person p LEFT JOIN affiliation a ON a.person_id = p.id "
            "LEFT JOIN organisation o ON o.id = a.organisation_id"
        ).all()
    return {tuple(r) for r in rows}


@pytest.mark.parametrize("name", FILES)
def test_a_real_file_imports_through_the_wizard_as_through_the_cli(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path, name: str
) -> None:
    done: list[Any] = []
    wizard = start_import(None, db, runner, None, done.append, DATA / name)
    qtbot.addWidget(wizard)
    assert not wizard.file_page.error_label.isVisibleTo(wizard.file_page)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.columns_page.busy)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.plan is not None, timeout=10_000)
    plan = wizard.check_page.plan
    assert plan is not None and not plan.problems, plan.report()
    while wizard.currentId() != ImportWizard.RUN:
        wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=10_000)
    assert len(done) == 1 and done[0].created

    cli_db = tmp_path / "cli.sqlite"
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["--db", str(cli_db), "import", str(DATA / name)]) == EXIT_OK
    other = open_database(cli_db)
    try:
        expected = held(other)
    finally:
        other.close()
    got = held(db)
    assert got == expected
    assert len(got) >= 2
    # Accents come through as written (no mojibake from a wrong encoding).
    assert not any("Ã" in cell or "\ufffd" in cell for row in got for cell in row)
