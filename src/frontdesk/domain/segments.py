"""RFM segments: a customer's standing from recency, frequency and monetary value.

The data carries no marketing segment, so the desk derives one from the customer's own
purchases each time the profile opens. The three figures:

- **recency**: whole days from the customer's last purchase to the *newest purchase in the
  cache* (the "as of" day), not to today. A cache filled from a historical extract would
  otherwise call everyone lapsed; at a live desk the newest purchase is today or yesterday,
  so the two agree.
- **frequency**: the number of purchases (returns are not purchases).
- **monetary**: the lifetime spend in the customer's main currency (the one they spent the
  most in), in major units; the thresholds below are in major units of that currency.

The rules are tried in the order of ``Segment``'s members below; the first that holds wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

#: Past this many days without a purchase the customer is lapsed (a year: a full seasonal
#: cycle with no purchase at all).
LAPSED_AFTER_DAYS = 365
#: Past this many days (half a year) a customer who bought before is at risk of lapsing.
AT_RISK_AFTER_DAYS = 180
#: A VIP has bought at least this often...
VIP_MIN_PURCHASES = 10
#: ...and spent at least this much (major units of their main currency).
VIP_MIN_SPEND = Decimal(5000)
#: A loyal customer has bought at least this often (recently, but below the VIP spend).
LOYAL_MIN_PURCHASES = 5
#: A new customer has made exactly this many purchases, recently.
NEW_PURCHASES = 1


class Segment(StrEnum):
    """The named segments, in the order their rules are tried."""

    NO_PURCHASES = "no_purchases"  # never bought anything (or only returned)
    LAPSED = "lapsed"  # last purchase more than LAPSED_AFTER_DAYS ago
    AT_RISK = "at_risk"  # last purchase more than AT_RISK_AFTER_DAYS ago
    VIP = "vip"  # recent, VIP_MIN_PURCHASES+ purchases and VIP_MIN_SPEND+ spent
    LOYAL = "loyal"  # recent, LOYAL_MIN_PURCHASES+ purchases
    NEW = "new"  # recent, a single purchase
    ACTIVE = "active"  # recent, a few purchases


@dataclass(frozen=True, slots=True)
class Rfm:
    """The three figures behind a segment (see the module docstring for their meaning)."""

    recency_days: int | None  # None without purchases
    frequency: int
    monetary: Decimal


def rfm_segment(rfm: Rfm) -> Segment:
    """The segment of a customer with these figures (the first rule of ``Segment`` that holds)."""
    if rfm.frequency <= 0 or rfm.recency_days is None:
        return Segment.NO_PURCHASES
    if rfm.recency_days > LAPSED_AFTER_DAYS:
        return Segment.LAPSED
    if rfm.recency_days > AT_RISK_AFTER_DAYS:
        return Segment.AT_RISK
    if rfm.frequency >= VIP_MIN_PURCHASES and rfm.monetary >= VIP_MIN_SPEND:
        return Segment.VIP
    if rfm.frequency >= LOYAL_MIN_PURCHASES:
        return Segment.LOYAL
    if rfm.frequency == NEW_PURCHASES:
        return Segment.NEW
    return Segment.ACTIVE
