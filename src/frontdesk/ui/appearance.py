"""Language and theme for the whole application, read from and saved to the preferences.

Translators and the palette belong to the application, not to one window, so one shared
``Translations`` is used by every ``Appearance``; tests reset it to English between cases.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from frontdesk.ui.i18n import Translations, resolve_language
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.settings_dialog import SettingsDialog
from frontdesk.ui.theme import apply_theme

TRANSLATIONS = Translations()


class Appearance(QObject):
    """Applies the agent's language and theme, and follows the OS while the theme is "system".

    Signals:
        language_changed(str): the interface language is now this code (``en``, ``ru``).
        theme_changed(str): the window is now drawn ``light`` or ``dark``.
    """

    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(self, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.theme = "light"
        self.settings_dialog: SettingsDialog | None = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_style_hints_changed)

    @property
    def language(self) -> str:
        return TRANSLATIONS.language

    def apply_saved(self) -> None:
        """Apply what the preferences say (at start-up, before the window exists)."""
        TRANSLATIONS.apply(resolve_language(self.preferences.language))
        self.theme = apply_theme(_app(), self.preferences.theme)

    def choose(self, *, language: str, theme: str) -> None:
        """Save the agent's choice and apply it now; signals say what actually changed."""
        self.preferences.language = language
        self.preferences.theme = theme
        self.preferences.sync()
        self._set_theme(theme)
        wanted = resolve_language(language)
        if wanted != TRANSLATIONS.language:
            TRANSLATIONS.apply(wanted)
            self.language_changed.emit(wanted)

    def open_settings(self, parent: QWidget) -> SettingsDialog:
        """Open the Settings dialog (language, theme) over ``parent``; OK applies the choice."""
        dialog = SettingsDialog(
            language=self.preferences.language, theme=self.preferences.theme, parent=parent
        )
        dialog.accepted.connect(
            lambda: self.choose(language=dialog.language(), theme=dialog.theme())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def _set_theme(self, choice: str, scheme: Qt.ColorScheme | None = None) -> None:
        theme = apply_theme(_app(), choice, scheme=scheme)
        if theme != self.theme:
            self.theme = theme
            self.theme_changed.emit(theme)

    @Slot(Qt.ColorScheme)
    def _on_style_hints_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.preferences.theme == "system":
            self._set_theme("system", scheme)


def _app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("the application object must exist before the appearance is applied")
    return app
