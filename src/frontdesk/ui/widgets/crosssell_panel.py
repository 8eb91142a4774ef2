"""The cross-sell panel: what to offer the open customer next, each offer with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.read_models import RecommendationRow
from frontdesk.ui.crosssell_reasons import reason_text

# The outcomes an agent records per offer, with their button texts.
OUTCOME_TEXTS = {
    "offered": QT_TRANSLATE_NOOP("CrossSellPanel", "Offered"),
    "accepted": QT_TRANSLATE_NOOP("CrossSellPanel", "Accepted"),
    "declined": QT_TRANSLATE_NOOP("CrossSellPanel", "Declined"),
}


class CrossSellPanel(QFrame):
    """A short list under the profile card: product name, SKU and the reason to give.

    The window fills it from a background operation; until then, or when the cache has no
    model yet, it shows one line saying so. Each offer has Offered / Accepted / Declined
    buttons; the window records the press through the outbox and calls ``mark_feedback``.

    Signals:
        feedback_given(object, str): the agent marked this ``RecommendationRow`` with an
            outcome ("offered", "accepted" or "declined").
    """

    feedback_given = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crossSellPanel")
        self.setAccessibleName(self.tr("Suggested products"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = self._make_title()
        self.message_label = self._make_message()
        self.offer_labels: list[QLabel] = []
        self.offer_rows: list[QWidget] = []
        # The window sets this when it can record feedback (a read-only window cannot).
        self.feedback_enabled = False
        self.feedback_buttons: dict[tuple[str, str], QPushButton] = {}
        self._offers = QWidget(self)
        self._offers_layout = QVBoxLayout(self._offers)
        self._offers_layout.setContentsMargins(0, 0, 0, 0)
        self._offers_layout.setSpacing(2)
        self._offers_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message_label)
        self._scroller = self._make_scroller()
        layout.addWidget(self._scroller)

    def _make_scroller(self) -> QScrollArea:
        # Scrolls rather than grows: on a small window the history keeps its room.
        scroller = _FittingScrollArea(self)
        scroller.setObjectName("crossSellOffers")
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroller.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        scroller.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(self._offers)
        scroller.viewport().setAutoFillBackground(False)
        self._offers.setAutoFillBackground(False)
        return scroller

    def _make_title(self) -> QLabel:
        label = QLabel(self.tr("Suggested for this customer"), self)
        label.setObjectName("sectionTitle")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _make_message(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("crossSellMessage")
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def show_loading(self) -> None:
        self._show_message(self.tr("Looking for suggestions…"))

    def show_unavailable(self, message: str) -> None:
        """No suggestions to show: no model yet, or the cache could not answer."""
        self._show_message(message)

    def show_recommendations(self, offers: Sequence[RecommendationRow]) -> None:
        self._clear_offers()
        if not offers:
            self._show_message(self.tr("No suggestions for this customer."))
            return
        self.message_label.hide()
        for rank, offer in enumerate(offers, start=1):
            label = self._offer_label(rank, offer)
            self.offer_labels.append(label)
            row = self._offer_row(rank, offer, label)
            self.offer_rows.append(row)
            self._offers_layout.insertWidget(self._offers_layout.count() - 1, row)
            row.show()  # now, not on the layout's queued show: Tab must reach its buttons
        self._scroller.updateGeometry()  # its size hint follows the offers now shown

    def offer_texts(self) -> list[str]:
        """What each offer says, as plain text (for tests and accessibility)."""
        return [label.accessibleName() for label in self.offer_labels]

    def _offer_label(self, rank: int, offer: RecommendationRow) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"crossSellOffer{rank}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        label.setText(
            f"<b>{rank}. {escape(offer.name)}</b> <span style='color: {muted}'>"
            f"{escape(offer.sku)}</span> — {escape(reason_text(offer))}"
        )
        label.setAccessibleName(
            f"{rank}. {offer.name} ({offer.sku}): {_sentence(reason_text(offer))}"
        )
        label.setToolTip(self._because_text(offer))
        return label

    def _offer_row(self, rank: int, offer: RecommendationRow, label: QLabel) -> QWidget:
        row = QWidget(self._offers)
        row.setObjectName(f"crossSellRow{rank}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(label, 1)
        for outcome in OUTCOME_TEXTS if self.feedback_enabled else ():
            layout.addWidget(
                self._feedback_button(rank, offer, outcome), 0, Qt.AlignmentFlag.AlignTop
            )
        return row

    def _feedback_button(self, rank: int, offer: RecommendationRow, outcome: str) -> QPushButton:
        text = QCoreApplication.translate("CrossSellPanel", OUTCOME_TEXTS[outcome])
        button = QPushButton(text, self._offers)
        button.setObjectName(f"crossSell_{outcome}_{rank}")
        button.setAccessibleName(f"{text}: {offer.name}")
        button.setCheckable(True)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: self._on_feedback_clicked(offer, outcome))
        self.feedback_buttons[(offer.sku, outcome)] = button
        return button

    def _on_feedback_clicked(self, offer: RecommendationRow, outcome: str) -> None:
        button = self.feedback_buttons[(offer.sku, outcome)]
        button.setChecked(False)  # checked once the outbox has it (mark_feedback)
        button.setEnabled(False)
        self.feedback_given.emit(offer, outcome)

    def mark_feedback(self, sku: str, outcome: str, *, recorded: bool) -> None:
        """Show that ``outcome`` for ``sku`` is (or, on failure, is not) in the outbox."""
        button = self.feedback_buttons.get((sku, outcome))
        if button is None:
            return
        button.setEnabled(True)
        button.setChecked(recorded)
        if outcome != "offered" and recorded:
            other = "declined" if outcome == "accepted" else "accepted"
            self.feedback_buttons[(sku, other)].setEnabled(False)

    def _because_text(self, offer: RecommendationRow) -> str:
        if not offer.because_of:
            return self.tr("Popular with customers right now")
        return self.tr("Because they bought: %1").replace("%1", ", ".join(offer.because_of))

    def _show_message(self, text: str) -> None:
        self._clear_offers()
        self.message_label.setText(text)
        self.message_label.show()

    def _clear_offers(self) -> None:
        for row in self.offer_rows:
            self._offers_layout.removeWidget(row)
            row.deleteLater()
        self.offer_labels = []
        self.offer_rows = []
        self.feedback_buttons = {}


class _FittingScrollArea(QScrollArea):
    """Asks for the whole height of its contents; scrolls only when the window is too short."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        width = max(self.viewport().width(), 200)
        # Wrapped labels: the height at the width there is, not at Qt's guessed width.
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        height = height if height > 0 else inner.sizeHint().height()
        return QSize(inner.sizeHint().width(), height + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # a new width may wrap the reasons onto more or fewer lines


def _sentence(reason: str) -> str:
    """The model's reason as a sentence: capital first letter ("Bought by 34% of ...")."""
    return reason[:1].upper() + reason[1:]
