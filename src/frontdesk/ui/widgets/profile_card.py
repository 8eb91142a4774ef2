"""The profile card: who the customer is, how to reach them, and what they are worth."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from frontdesk.services.read_models import CustomerProfile
from frontdesk.ui.formatting import format_count, format_date, format_money
from frontdesk.ui.widgets.conflict_panel import ConflictPanel

_EMPTY = "—"


class ProfileCard(QFrame):
    """Read-only profile of the open customer: name, account, contacts, card, spend, dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileCard")
        self.setAccessibleName(self.tr("Customer profile"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = self._make_name_label()
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("profileSubtitle")
        self.subtitle_label.setAccessibleName(self.tr("Account"))
        self._values: dict[str, QLabel] = {}
        self._grid = QGridLayout()
        self._add_fields()
        self.notes_label = self._make_value("notes", self.tr("Notes"))
        self.notes_label.setWordWrap(True)
        # Edits of this desk that another desk beat; filled by ConflictFlows, hidden if none.
        self.conflict_panel = ConflictPanel(self)
        self._lay_out()

    def _make_name_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("profileName")
        label.setAccessibleName(self.tr("Customer name"))
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        label.setFont(font)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _make_value(self, key: str, caption: str) -> QLabel:
        value = QLabel(_EMPTY, self)
        value.setObjectName(f"profile_{key}")
        value.setAccessibleName(caption)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setTextFormat(Qt.TextFormat.PlainText)
        self._values[key] = value
        return value

    def _add_fields(self) -> None:
        # Two columns: how to reach the customer on the left, their history on the right.
        left = (
            ("phones", self.tr("Phones")),
            ("emails", self.tr("E-mails")),
            ("loyalty_card", self.tr("Loyalty card")),
            ("branch", self.tr("Branch")),
        )
        right = (
            ("lifetime_spend", self.tr("Lifetime spend")),
            ("purchase_count", self.tr("Purchases")),
            ("first_purchase", self.tr("First purchase")),
            ("last_purchase", self.tr("Last purchase")),
        )
        for column, fields in enumerate((left, right)):
            for row, (key, caption) in enumerate(fields):
                self._add_field(key, caption, row=row, column=column * 2)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(3, 2)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(6)

    def _add_field(self, key: str, caption: str, *, row: int, column: int) -> None:
        caption_label = QLabel(caption, self)
        caption_label.setObjectName("profileCaption")
        value = self._make_value(key, caption)
        caption_label.setBuddy(value)
        self._grid.addWidget(caption_label, row, column, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignTop)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.name_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.conflict_panel)
        layout.addLayout(self._grid)
        layout.addWidget(self.notes_label)

    def value_text(self, key: str) -> str:
        """The text shown for one field (``phones``, ``lifetime_spend``...)."""
        return self._values[key].text()

    def show_profile(self, profile: CustomerProfile) -> None:
        self.name_label.setText(profile.display_name)
        self.subtitle_label.setText(
            self.tr("Account %1 · customer since %2")
            .replace("%1", profile.account_number)
            .replace("%2", format_date(profile.created_at))
        )
        for key, text in self._field_texts(profile).items():
            self._values[key].setText(text or _EMPTY)
        self.notes_label.setText(profile.notes)
        self.notes_label.setVisible(bool(profile.notes.strip()))

    def _field_texts(self, profile: CustomerProfile) -> dict[str, str]:
        return {
            "phones": "\n".join(profile.phones),
            "emails": "\n".join(profile.emails),
            "loyalty_card": profile.loyalty_card or "",
            "branch": profile.branch,
            "lifetime_spend": "\n".join(format_money(m) for m in profile.lifetime_spend),
            "purchase_count": format_count(profile.purchase_count),
            "first_purchase": format_date(profile.first_purchase),
            "last_purchase": format_date(profile.last_purchase),
        }
