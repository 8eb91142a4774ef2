"""The lookup panel: one search box over a list of what it found, driven by the keyboard.

Customers first, or the kind the query's shape names (a receipt, order or case number, a
barcode, a SKU): ``ui.omnibox_model`` groups them under a heading per kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.cases import normalise_case_number
from frontdesk.domain.query_kinds import Kind
from frontdesk.services.omnibox import Found, Group, Hit
from frontdesk.ui.omnibox_model import OmniboxResultsModel, counts_text
from frontdesk.ui.widgets.tables import fit_columns, make_table

#: Typing pauses shorter than this do not start a search (one search per burst of keys).
SEARCH_DEBOUNCE_MS = 150
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchPanel(QWidget):
    """Search box and result list. Up/Down move (over the headings), Enter opens, Esc clears.

    Signals:
        search_requested(str): the user paused typing; the stripped query (may be empty).
        customer_chosen(str): the user opened this customer id (Enter, click).
        hit_chosen(object): the user opened this ``Hit`` of another kind (Enter, click).
        new_customer_requested(str): nothing matched and the user asked to register
            a new customer from this query.
        case_number_entered(str): Enter on a case number (``d12-45``), as typed; only
            once the window has cases (``case_numbers``).
    """

    search_requested = Signal(str)
    customer_chosen = Signal(str)
    hit_chosen = Signal(object)
    new_customer_requested = Signal(str)
    case_number_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OmniboxResultsModel(self)
        self.search_edit = self._make_search_edit()
        self.results_view = self._make_results_view()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("searchSummary")
        self.summary_label.setAccessibleName(self.tr("Search summary"))
        self.summary_label.setWordWrap(True)
        self.new_customer_button = self._make_new_customer_button()
        # Whether "New customer" is offered (the window can write).
        self.can_create = False
        # Whether Enter on a case number opens that case (the window has the desk's cases).
        self.case_numbers = False
        # Whether the box finds other kinds than customers (the window has their sources).
        self.every_kind = False
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        # Enter pressed before the answer to the text on screen arrived: open its top match.
        self._searching = False
        self._open_top_when_ready = False
        self._lay_out()
        self.show_hint()
        self.setFocusProxy(self.search_edit)

    def _make_search_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("searchEdit")
        edit.setPlaceholderText(self.tr("Search by name, phone, e-mail, account or card"))
        edit.setAccessibleName(self.tr("Customer search"))
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(self._on_search_edit_text_changed)
        edit.installEventFilter(self)
        return edit

    def _make_new_customer_button(self) -> QPushButton:
        button = QPushButton(self.tr("&New customer…"), self)
        button.setObjectName("newCustomerButton")
        button.setAccessibleName(self.tr("New customer"))
        button.setToolTip(self.tr("Register a new customer from what you typed"))
        button.setVisible(False)
        button.clicked.connect(
            lambda: self.new_customer_requested.emit(self.search_edit.text().strip())
        )
        return button

    def _make_results_view(self) -> QTableView:
        view = make_table(self, name="searchResults", accessible=self.tr("Matching customers"))
        view.setModel(self.model)
        view.horizontalHeader().setStretchLastSection(False)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.activated.connect(self._on_results_view_activated)
        view.clicked.connect(self._on_results_view_activated)
        view.installEventFilter(self)
        return view

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results_view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.new_customer_button, 0, Qt.AlignmentFlag.AlignLeft)

    # What the window shows in the panel

    def show_results(self, query: str, found: Found | Sequence[Any]) -> None:
        """Show what ``query`` found: a ``Found``, or customer matches alone."""
        if not isinstance(found, Found):
            hits = tuple(Hit(Kind.CUSTOMER, m.id, m.display_name, m.account_number, m)
                         for m in found)  # fmt: skip
            found = Found(query, None, (Group(Kind.CUSTOMER, hits),) if hits else ())
        self._searching = False
        self.model.set_found(found)
        self.results_view.horizontalHeader().setVisible(not self.model.grouped)
        self.new_customer_button.setVisible(self.can_create and not found.groups and bool(query))
        if found.groups:
            self.results_view.selectRow(self.model.first_selectable())
            self._fit_columns()
            self.summary_label.setText(self._found_text(found))
        elif self.case_numbers and (number := normalise_case_number(query)) is not None:
            self.new_customer_button.setVisible(False)
            self.summary_label.setText(self.tr("Enter opens case %1.").replace("%1", number))
        else:
            self.summary_label.setText(self.tr("No customer matches “%1”.").replace("%1", query))
        if self._open_top_when_ready:
            self._open_top_when_ready = False
            self._choose(self.model.index(self.model.first_selectable(), 0))

    def _found_text(self, found: Found) -> str:
        if len(found.groups) == 1 and found.groups[0].kind is Kind.CUSTOMER:
            count = str(len(found.groups[0].hits))
            return self.tr("Customers found: %1").replace("%1", count)
        return counts_text(found)

    def show_hint(self) -> None:
        self.new_customer_button.setVisible(False)
        if self.every_kind:
            self.summary_label.setText(self.tr(
                "Type a name, phone, e-mail, account or card number; a receipt, order or case "
                "number; a SKU or a barcode."))  # fmt: skip
        else:
            self.summary_label.setText(
                self.tr("Type a name, phone, e-mail, account or card number.")
            )

    def show_every_kind(self) -> None:
        """Say that receipts, orders, cases and products are found here too."""
        self.every_kind = True
        self.search_edit.setPlaceholderText(
            self.tr("Search customers, receipts, orders, cases, products")
        )
        self.search_edit.setAccessibleName(self.tr("Search"))
        if not self.search_edit.text():
            self.show_hint()

    def _fit_columns(self) -> None:
        fit_columns(self.results_view, self._fit_to_contents)

    def _fit_to_contents(self) -> None:
        # The name takes the room; the other columns get what they need, up to a cap.
        # Measured from the texts (a matched one, and a heading, is bold): resizeColumnToContents
        # asks the model for every role of every cell, most of a search's time on the UI thread.
        view = self.results_view
        plain = view.fontMetrics()
        bold_font = view.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        cap, margin = plain.horizontalAdvance("M") * 14, plain.horizontalAdvance("M")
        header = view.horizontalHeader()
        for column in range(1, self.model.columnCount()):
            texts = self.model.texts_of(column)
            widest = max((bold.horizontalAdvance(text) for text in texts), default=0)
            wanted = max(header.sectionSizeHint(column), widest + margin)
            view.setColumnWidth(column, min(cap, wanted))

    def show_searching(self) -> None:
        self._searching = True
        self.summary_label.setText(self.tr("Searching…"))

    def show_error(self, message: str) -> None:
        self._searching = self._open_top_when_ready = False
        self.summary_label.setText(self.tr("Search failed: %1").replace("%1", message))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_search(self) -> None:
        self.search_edit.clear()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Keyboard: the caret stays in the search box while arrows move through the results

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._on_search_edit_key(event)
            if watched is self.results_view and event.key() == Qt.Key.Key_Escape:
                self.clear_search()
                return True
        return super().eventFilter(watched, event)

    def _on_search_edit_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_current(1 if key == Qt.Key.Key_Down else -1)
        elif key in _ENTER_KEYS:
            self._on_enter()
        elif key == Qt.Key.Key_Escape and self.search_edit.text():
            self.clear_search()
        else:
            return False
        return True

    def _on_enter(self) -> None:
        text = self.search_edit.text()
        if self.case_numbers and normalise_case_number(text) is not None:
            self._debounce.stop()
            self._open_top_when_ready = False
            self.summary_label.setText(
                self.tr("Opening case %1…").replace("%1", normalise_case_number(text) or "")
            )
            self.case_number_entered.emit(text)
            return
        if self._debounce.isActive() or self._searching:
            self._open_top_when_ready = True
            if self._debounce.isActive():
                self._debounce.stop()
                self._on_debounce_timeout()
            return
        self._choose(self.results_view.currentIndex())

    def _move_current(self, step: int) -> None:
        count = self.model.rowCount()
        row = self.results_view.currentIndex().row()
        while 0 <= row + step < count:
            row += step
            if self.model.selectable(row):
                self.results_view.selectRow(row)
                return

    def _choose(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row()) if index.isValid() else None
        if hit is None:
            return
        if hit.kind is Kind.CUSTOMER:
            self.customer_chosen.emit(hit.key)
        else:
            self.hit_chosen.emit(hit)

    # Slots

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._open_top_when_ready = False
        self._debounce.start()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self.search_requested.emit(self.search_edit.text().strip())

    @Slot(QModelIndex)
    def _on_results_view_activated(self, index: QModelIndex) -> None:
        self._choose(index)
