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
    """Renders one ``currentColor`` SVG in the palette's colour for the icon's mode.

    Each size, mode and colour is rendered once and kept: a toolbar repaints its icons with
    every repaint of its region, and parsing the SVG again each time was UI-thread work.
    """

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._rendered: dict[tuple[int, int, QIcon.Mode, str], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.scaledPixmap(rect.size(), mode, state, ratio)
        painter.drawPixmap(rect, pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        svg = self._coloured(mode)
        key = (size.width(), size.height(), mode, svg)
        if (cached := self._rendered.get(key)) is not None:
            return QPixmap(cached)
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        QSvgRenderer(QByteArray(svg.encode())).render(painter, QRectF(pixmap.rect()))
        painter.end()
        self._rendered[key] = pixmap
        return QPixmap(pixmap)

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
