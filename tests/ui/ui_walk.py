"""Walk a window's widgets for what an agent can see or hear: texts, tooltips, names, headers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QWidget,
)

_TAGS = re.compile(r"<[^>]+>")


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every non-empty string the window shows or announces."""
    yield "window title", root.windowTitle()
    for widget in visible_widgets(root):
        where = f"{type(widget).__name__} {widget.objectName() or '?'}"
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} accessible name", widget.accessibleName()
        yield from ((f"{where} text", text) for text in _own_texts(widget))
    for action in root.findChildren(QAction):
        yield f"action {action.objectName()}", action.text().replace("&", "")
        yield f"action {action.objectName()} tooltip", action.toolTip()
    for menu in root.findChildren(QMenu):
        yield f"menu {menu.objectName()}", menu.title().replace("&", "")


def _own_texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [_TAGS.sub(" ", widget.text()).replace("&", "")]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QAbstractButton):
        return [widget.text().replace("&", "")]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListView):
        return []  # one column of data, no header
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        return [
            str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for c in range(model.columnCount())
        ]
    return []


def english_words(*roots: QWidget, allowed: set[str]) -> list[tuple[str, str]]:
    """Latin-script words shown in ``roots`` (where, word), except the ``allowed`` ones
    (currency codes, names, key names): what a Russian window has left untranslated."""
    return [
        (where, word)
        for root in roots
        for where, text in shown_texts(root)
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
        if word not in allowed
    ]


def clipped_labels(root: QWidget) -> list[str]:
    """Labels whose single-line text is wider than the label (word-wrapped ones may wrap)."""
    problems = []
    for label in visible_widgets(root):
        if not isinstance(label, QLabel) or label.wordWrap() or not label.text():
            continue
        if label.textFormat() == Qt.TextFormat.RichText:
            continue
        room = label.contentsRect().width()
        for line in label.text().split("\n"):
            needed = label.fontMetrics().horizontalAdvance(line.replace("&", ""))
            if needed > room:
                problems.append(f"{label.objectName() or '?'}: {line!r} needs {needed} > {room}")
    return problems


def outside_window(root: QWidget) -> list[str]:
    """Visible widgets that reach beyond the window's own rectangle."""
    frame = root.rect()
    problems = []
    for widget in visible_widgets(root):
        top_left = widget.mapTo(root, QPoint(0, 0))
        where = QRect(top_left, widget.size())
        if not frame.contains(where):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} at {where}")
    return problems
