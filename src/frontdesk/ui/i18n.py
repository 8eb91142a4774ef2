"""The interface language: Qt translators for Frontdesk and Qt itself, and the matching locale.

Sources live in ``resources/i18n/frontdesk_<lang>.ts`` (``make translations`` refreshes them
with pyside6-lupdate and compiles the ``.qm`` files the running program loads). The locale set
with the language also decides how dates, numbers and money are written (``ui/formatting.py``
formats with the default ``QLocale``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from frontdesk.config import resource_path

SUPPORTED = ("en", "ru")
#: Each language with its name written in itself, as the Settings dialog lists it.
NATIVE_NAMES = {"en": "English", "ru": "Русский"}
_LOCALES = {
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "ru": (QLocale.Language.Russian, QLocale.Country.Russia),
}


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to use for a choice: ``system`` follows the OS if we have it, else English."""
    if choice in SUPPORTED:
        return choice
    spoken = (system or QLocale.system()).name().split("_")[0]
    return spoken if spoken in SUPPORTED else "en"


def locale_for(language: str) -> QLocale:
    return QLocale(*_LOCALES[language])


class Translations:
    """Installs one language at a time: Frontdesk's translator, Qt's own, and the locale."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Switch to ``language`` (``en``/``ru``); False if its translation file is missing."""
        if language not in SUPPORTED:
            raise ValueError(f"unsupported language {language!r}; expected one of {SUPPORTED}")
        self._remove()
        QLocale.setDefault(locale_for(language))
        self.language = language
        # English needs its file too: it holds the plural forms ("%n customer(s)").
        found = self._install(_app_translator(language))
        if language != "en":
            self._install(_qt_translator(language))  # Qt's own buttons; optional
        if not found:
            print(f"frontdesk: no compiled translation for {language!r}; run make", file=sys.stderr)
        return found

    def _install(self, translator: QTranslator | None) -> bool:
        if translator is None:
            return False
        QCoreApplication.installTranslator(translator)
        self._installed.append(translator)
        return True

    def _remove(self) -> None:
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = []


def qm_path(language: str) -> str | None:
    try:
        return str(resource_path(f"i18n/frontdesk_{language}.qm"))
    except FileNotFoundError:
        return None


def _app_translator(language: str) -> QTranslator | None:
    path = qm_path(language)
    translator = QTranslator()
    return translator if path is not None and translator.load(path) else None


def _qt_translator(language: str) -> QTranslator | None:
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", folder) else None
