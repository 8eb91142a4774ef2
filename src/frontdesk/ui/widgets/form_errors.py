"""Inline error text under a form field: red, wrapped, hidden until there is something to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

# Reads on light and dark backgrounds alike (the same red as returns).
ERROR_STYLE = "color: #d32f2f;"


def error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setAccessibleName(message)
    label.setVisible(bool(message))
