"""UI tests run offscreen; every window is built over a hand-written fake or a real cache.

QSettings written by any window under test go to a throw-away directory, never into the
user's real configuration; translations are compiled if ``make`` has not done it yet, and
every test starts and ends in English.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from ui_fakes import FakeCustomerQueries

from frontdesk.ui.appearance import TRANSLATIONS
from frontdesk.ui.receipts import Receipt

_SETTINGS_DIR = tempfile.mkdtemp(prefix="frontdesk-ui-settings-")
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _SETTINGS_DIR)
QSettings.setDefaultFormat(QSettings.Format.IniFormat)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for source in sorted(I18N_DIR.glob("*.ts")):
        target = source.with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True)


@pytest.fixture(autouse=True)
def english_between_tests():
    yield
    if TRANSLATIONS.language != "en":
        TRANSLATIONS.apply("en")


@pytest.fixture
def fake_queries() -> FakeCustomerQueries:
    return FakeCustomerQueries.with_demo_data()


@pytest.fixture
def printed() -> list[Receipt]:
    """The receipts a till window sent to its printer (``TillWindow(printer=...)``)."""
    return []
