"""One look and one keyboard behaviour for every read-only table in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

#: Vertical padding of a table row around one line of text, in pixels.
ROW_PADDING = 10
#: View property: the agent sized the columns; automatic fitting leaves them alone.
USER_SIZED = "frontdeskUserSizedColumns"
_FITTING = "frontdeskFittingColumns"


def read_only_rows(view: QTableView) -> None:
    """Whole rows selected one at a time, nothing edited, Tab leaves it, no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + ROW_PADDING)
    view.horizontalHeader().setHighlightSections(False)


def make_table(parent: QWidget, *, name: str, accessible: str) -> QTableView:
    """A row-selecting, read-only table; Tab leaves it (arrows move inside)."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    read_only_rows(view)
    view.horizontalHeader().setStretchLastSection(True)
    watch_column_sizes(view)
    return view


def make_tree(parent: QWidget, *, name: str, accessible: str) -> QTreeView:
    """A row-selecting, read-only tree of uniform rows; Tab leaves it, Right/Left expand and
    collapse (a tree's own keys)."""
    view = QTreeView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setAllColumnsShowFocus(True)
    # One row height for all: the view need not ask tens of thousands of rows for theirs.
    view.setUniformRowHeights(True)
    view.header().setHighlightSections(False)
    view.header().setStretchLastSection(True)
    view.header().setSectionsMovable(False)
    watch_column_sizes(view)
    return view


def header_of(view: QAbstractItemView) -> QHeaderView:
    """The column header of a table or a tree."""
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()


def watch_column_sizes(view: QAbstractItemView) -> None:
    header_of(view).sectionResized.connect(
        lambda section, _old, _new: _on_section_resized(view, section)
    )


def fit_columns(view: QAbstractItemView, fit: Callable[[], None]) -> None:
    """Run an automatic column fit, unless the agent has sized this table's columns."""
    if view.property(USER_SIZED):
        return
    view.setProperty(_FITTING, True)
    try:
        fit()
    finally:
        view.setProperty(_FITTING, False)


def mark_user_sized(view: QAbstractItemView) -> None:
    view.setProperty(USER_SIZED, True)


def _on_section_resized(view: QAbstractItemView, section: int) -> None:
    # Stretched sections follow the view's width; only a resize nobody automated is the agent's.
    header = header_of(view)
    stretched = header.sectionResizeMode(section) == QHeaderView.ResizeMode.Stretch or (
        header.stretchLastSection() and section == header.count() - 1
    )
    if not stretched and not view.property(_FITTING):
        mark_user_sized(view)
