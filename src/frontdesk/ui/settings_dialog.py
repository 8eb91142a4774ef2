"""The Settings dialog: interface language and theme, applied as soon as the agent presses OK."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.i18n import NATIVE_NAMES, SUPPORTED


class SettingsDialog(QDialog):
    """Language (the system's, or one we have) and theme (the system's, light or dark).

    The window reads ``language()`` and ``theme()`` once the dialog is accepted.
    """

    def __init__(self, *, language: str, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = self._combo("languageCombo", self.tr("Interface language"))
        self.language_combo.addItem(self.tr("Same as the system"), "system")
        for code in SUPPORTED:
            # Each language is named in itself, so an agent who picked the wrong one can get back.
            self.language_combo.addItem(NATIVE_NAMES[code], code)
        self.theme_combo = self._combo("themeCombo", self.tr("Theme"))
        self.theme_combo.addItem(self.tr("Same as the system"), "system")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self._select(self.language_combo, language)
        self._select(self.theme_combo, theme)
        self.buttons = self._make_buttons()
        self._lay_out()

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _lay_out(self) -> None:
        form = QFormLayout()
        language_label = QLabel(self.tr("&Language:"), self)
        language_label.setBuddy(self.language_combo)
        theme_label = QLabel(self.tr("&Theme:"), self)
        theme_label.setBuddy(self.theme_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow(theme_label, self.theme_combo)
        note = QLabel(self.tr("Changes apply as soon as you press OK."), self)
        note.setObjectName("settingsNote")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.language_combo, self.theme_combo)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def theme(self) -> str:
        return str(self.theme_combo.currentData())
