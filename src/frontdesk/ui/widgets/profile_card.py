"""The profile card: who the customer is, how to reach them, and what they are worth."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from frontdesk.domain import segments
from frontdesk.domain.segments import Segment
from frontdesk.services.read_models import CustomerProfile, LastContact
from frontdesk.ui.formatting import (
    format_count,
    format_date,
    format_datetime,
    format_decimal,
    format_money,
)
from frontdesk.ui.widgets.conflict_panel import ConflictPanel

_EMPTY = "—"
# The channel names the timeline shows, in its translation context.
_CHANNELS = {
    "call": QT_TRANSLATE_NOOP("TimelineModel", "Call"),
    "visit": QT_TRANSLATE_NOOP("TimelineModel", "Visit"),
    "email": QT_TRANSLATE_NOOP("TimelineModel", "E-mail"),
}


def segment_name(segment: Segment) -> str:
    """The segment's name in the agent's language."""
    names = {
        Segment.NO_PURCHASES: QCoreApplication.translate("ProfileCard", "No purchases"),
        Segment.LAPSED: QCoreApplication.translate("ProfileCard", "Lapsed"),
        Segment.AT_RISK: QCoreApplication.translate("ProfileCard", "At risk"),
        Segment.VIP: QCoreApplication.translate("ProfileCard", "VIP"),
        Segment.LOYAL: QCoreApplication.translate("ProfileCard", "Loyal"),
        Segment.NEW: QCoreApplication.translate("ProfileCard", "New"),
        Segment.ACTIVE: QCoreApplication.translate("ProfileCard", "Active"),
    }
    return names[segment]


def _segment_rule(segment: Segment) -> str:
    # The rule that put the customer here, with the thresholds of domain.segments.
    money = format_decimal(segments.VIP_MIN_SPEND, places=0)
    rules = {
        Segment.NO_PURCHASES: QCoreApplication.translate("ProfileCard", "No purchases yet."),
        Segment.LAPSED: QCoreApplication.translate(
            "ProfileCard", "No purchase for more than %1 days."
        ).replace("%1", format_count(segments.LAPSED_AFTER_DAYS)),
        Segment.AT_RISK: QCoreApplication.translate(
            "ProfileCard", "No purchase for more than %1 days."
        ).replace("%1", format_count(segments.AT_RISK_AFTER_DAYS)),
        Segment.VIP: QCoreApplication.translate(
            "ProfileCard", "%1 or more purchases and %2 or more spent."
        )
        .replace("%1", format_count(segments.VIP_MIN_PURCHASES))
        .replace("%2", money),
        Segment.LOYAL: QCoreApplication.translate("ProfileCard", "%1 or more purchases.").replace(
            "%1", format_count(segments.LOYAL_MIN_PURCHASES)
        ),
        Segment.NEW: QCoreApplication.translate("ProfileCard", "A single purchase so far."),
        Segment.ACTIVE: QCoreApplication.translate(
            "ProfileCard", "A few purchases, the last one recent."
        ),
    }
    return rules[segment]


def segment_tooltip(profile: CustomerProfile) -> str:
    """Why the customer is in their segment: the figures, then the rule they meet."""
    if profile.segment is None or profile.rfm is None:
        return ""
    spent = ", ".join(format_money(m) for m in profile.lifetime_spend) or format_count(0)
    figures = (
        QCoreApplication.translate("ProfileCard", "Purchases: %1 · spent: %2")
        .replace("%1", format_count(profile.rfm.frequency))
        .replace("%2", spent)
    )
    if profile.rfm.recency_days is not None:
        figures += "\n" + QCoreApplication.translate(
            "ProfileCard", "Last purchase %1 days before the newest sale in the cache"
        ).replace("%1", format_count(profile.rfm.recency_days))
    return f"{figures}\n{_segment_rule(profile.segment)}"


def last_contact_text(contact: LastContact | None) -> str:
    if contact is None:
        return ""
    channel = QCoreApplication.translate("TimelineModel", _CHANNELS.get(contact.channel, ""))
    channel = channel or contact.channel
    parts = (channel, format_datetime(contact.at), contact.agent)
    return " · ".join(part for part in parts if part)


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
        self.segment_label = self._values["segment"]  # its tooltip says why
        self.notes_label = self._make_value("notes", self.tr("Notes"))
        self.notes_label.setWordWrap(True)
        # Edits of this desk that another desk beat; filled by ConflictFlows, hidden if none.
        self.conflict_panel = ConflictPanel(self)
        # The customer's open cases, put here by the window once it has the desk's cases.
        self.cases_slot = QVBoxLayout()
        self.cases_slot.setContentsMargins(0, 0, 0, 0)
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
            ("last_contact", self.tr("Last contact")),
        )
        right = (
            ("segment", self.tr("Segment")),
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
        self._grid.setVerticalSpacing(4)  # five rows must fit an 800x600 screen

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
        layout.addLayout(self.cases_slot)
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
        self.segment_label.setToolTip(segment_tooltip(profile))
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
            "last_contact": last_contact_text(profile.last_contact),
            "segment": "" if profile.segment is None else segment_name(profile.segment),
        }
