"""Light and dark themes: follow the OS colour scheme (Qt 6.5+) unless the agent overrides it.

Fusion is the one style that draws every control from the palette on every platform, so a
dark palette looks dark everywhere, including offscreen renders for the screenshots.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

#: Visible keyboard focus on top of Fusion's own: tables and the search box get a clear ring.
FOCUS_STYLE = """
QTableView:focus, QTreeView:focus, QLineEdit:focus, QComboBox:focus {
    border: 2px solid palette(highlight);
}
"""


def resolve_theme(choice: str, scheme: Qt.ColorScheme | None = None) -> str:
    """``light`` or ``dark`` for a choice of ``system``, ``light`` or ``dark``.

    ``scheme`` is the OS colour scheme when known (from ``colorSchemeChanged``); otherwise
    the style hints are asked. An unknown scheme reads as light.
    """
    if choice in ("light", "dark"):
        return choice
    os_scheme = scheme if scheme is not None else QGuiApplication.styleHints().colorScheme()
    return "dark" if os_scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, choice: str, *, scheme: Qt.ColorScheme | None = None) -> str:
    """Give the application the palette for ``choice``; the theme now shown."""
    theme = resolve_theme(choice, scheme)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = dark_palette() if theme == "dark" else light_palette()
    app.setPalette(palette)
    app.setStyleSheet(FOCUS_STYLE)
    return theme


def light_palette() -> QPalette:
    palette = QApplication.style().standardPalette()
    palette.setColor(_Role.PlaceholderText, QColor("#6b6b6b"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        _Role.Window: "#2b2d30",
        _Role.WindowText: "#e6e6e6",
        _Role.Base: "#1e1f22",
        _Role.AlternateBase: "#26282b",
        _Role.ToolTipBase: "#3c3f41",
        _Role.ToolTipText: "#e6e6e6",
        _Role.PlaceholderText: "#9a9a9a",
        _Role.Text: "#e6e6e6",
        _Role.Button: "#3c3f41",
        _Role.ButtonText: "#e6e6e6",
        _Role.BrightText: "#ff6b6b",
        _Role.Light: "#4a4d50",
        _Role.Midlight: "#3f4245",
        _Role.Mid: "#323437",
        _Role.Dark: "#1b1c1e",
        _Role.Shadow: "#101010",
        _Role.Highlight: "#2f65ca",
        _Role.HighlightedText: "#ffffff",
        _Role.Link: "#6aa1ff",
        _Role.LinkVisited: "#b48cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor("#7a7a7a"))
    return palette
