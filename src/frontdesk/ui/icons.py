"""Toolbar and menu icons from SVG, drawn at whatever size and pixel ratio the screen asks for.

Each icon is one-colour SVG written with ``currentColor``; the engine paints it in the current
palette's text colour, so icons stay readable in the dark theme and sharp on high-DPI screens
(nothing is scaled from a fixed-size bitmap).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from frontdesk.config import resource_path


class SvgIconEngine(QIconEngine):
    """Renders one ``currentColor`` SVG in the palette's colour for the icon's mode."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = QSvgRenderer(QByteArray(self._coloured(mode).encode()))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg)

    def _coloured(self, mode: QIcon.Mode) -> str:
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        colour = QGuiApplication.palette().color(group, QPalette.ColorRole.WindowText)
        return self._svg.replace("currentColor", colour.name())


def themed_icon(name: str) -> QIcon:
    """The icon ``resources/icons/ui/<name>.svg``; an empty icon if it is missing."""
    try:
        svg = resource_path(f"icons/ui/{name}.svg").read_text(encoding="utf-8")
    except FileNotFoundError:
        return QIcon()
    return QIcon(SvgIconEngine(svg))
