"""Window geometry, splitter positions and column widths, saved on close and restored at start.

Every named ``QSplitter``, ``QTableView`` and ``QTreeView`` in the window takes part, so
panels added later are remembered without further wiring. Column widths are saved only once
the agent has sized a view's columns themselves; until then the panels keep fitting them to
the data.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QTreeView

from frontdesk.ui.preferences import Preferences
from frontdesk.ui.widgets.tables import USER_SIZED, header_of, mark_user_sized

_VIEWS = (QTableView, QTreeView)

GEOMETRY = "geometry"


def save_layout(window: QMainWindow, preferences: Preferences) -> None:
    preferences.set_window_state(GEOMETRY, window.saveGeometry())
    save_panels(window, preferences)
    preferences.sync()


def save_panels(window: QMainWindow, preferences: Preferences) -> None:
    """Splitters and user-sized columns (what a rebuild of the window's content must keep)."""
    for splitter in _named(window, QSplitter):
        preferences.set_window_state(f"splitter/{splitter.objectName()}", splitter.saveState())
    for view in _named(window, *_VIEWS):
        if view.property(USER_SIZED):
            state = header_of(view).saveState()
            preferences.set_window_state(f"columns/{view.objectName()}", state)


def restore_layout(window: QMainWindow, preferences: Preferences) -> None:
    geometry = preferences.window_state(GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    restore_panels(window, preferences)


def restore_panels(window: QMainWindow, preferences: Preferences) -> None:
    for splitter in _named(window, QSplitter):
        state = preferences.window_state(f"splitter/{splitter.objectName()}")
        if state is not None:
            splitter.restoreState(state)
    for view in _named(window, *_VIEWS):
        state = preferences.window_state(f"columns/{view.objectName()}")
        if state is not None and header_of(view).restoreState(state):
            mark_user_sized(view)


def _named(window: QMainWindow, *kinds: type) -> list:
    return [child for kind in kinds for child in window.findChildren(kind) if child.objectName()]
