"""Search answers and suggestions as a list: each row its title and snippet with the matched
words marked, and its language and source, drawn as rich text that wraps to the list's width.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from frontdesk.services.knowledge.ports import KbHit
from frontdesk.ui.knowledge.texts import language_name, marked

HitRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class KbHitsModel(QAbstractListModel):
    """The hits shown, best first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[KbHit] = []

    def show_hits(self, hits: Sequence[KbHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.title
        if role == HitRole:
            return hit
        return None


def hit_html(hit: KbHit, palette: QPalette, *, selected: bool, snippet: bool,
             meta: bool = True) -> str:  # fmt: skip
    """The row's rich text: title, then language and source (if ``meta``), then the snippet."""
    group = QPalette.ColorGroup.Active
    text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    text = palette.color(group, text_role)
    mark = text if selected else palette.color(group, QPalette.ColorRole.Link)
    faint = palette.color(group, QPalette.ColorRole.PlaceholderText) if not selected else text
    title = marked(hit.title, hit.title_spans, color=mark.name())
    about = html.escape(f"{language_name(hit.lang)} · {hit.source}")
    parts = [f'<div style="color:{text.name()}"><b>{title}</b></div>']
    if meta:
        parts.append(f'<div style="color:{faint.name()}; font-size:small">{about}</div>')
    if snippet and hit.snippet:
        body = marked(hit.snippet, hit.spans, color=mark.name())
        parts.append(f'<div style="color:{text.name()}">{body}</div>')
    return "".join(parts)


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as ``hit_html``; ``snippet`` False for the short suggestion lists,
    ``meta`` False for titles alone (the till's: its cashier needs no source)."""

    def __init__(self, parent: QWidget | None = None, *, snippet: bool = True,
                 meta: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.snippet, self.meta = snippet, meta

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        hit = index.data(HitRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(6)
        document.setHtml(
            hit_html(hit, option.palette, selected=selected, snippet=self.snippet, meta=self.meta)
        )
        document.setTextWidth(max(option.rect.width(), 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, QAbstractTextDocumentLayout.PaintContext())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        view = option.widget
        if view is not None and hasattr(view, "viewport"):
            option.rect.setWidth(view.viewport().width())
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)
