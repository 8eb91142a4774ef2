"""The reason for a cross-sell offer in the agent's language, from the figures behind it.

The model writes its reasons in English; the desk says the same thing through Qt's translator,
with the share and the counts written per the locale. An offer without the figures (an older
cache) keeps the model's own sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from frontdesk.services.read_models import RecommendationRow


def reason_text(offer: RecommendationRow) -> str:
    """ "bought by 14% of customers who bought X", or the same in the current language."""
    if offer.kind == "co-purchase" and offer.confidence is not None and offer.because_of:
        text = QCoreApplication.translate(
            "CrossSellReasons", "bought by %1 of customers who bought %2"
        )
        return text.replace("%1", _percent(offer.confidence)).replace("%2", offer.because_of[0])
    if offer.kind == "category" and offer.category and offer.recent_days:
        text = QCoreApplication.translate(
            "CrossSellReasons",
            "popular in %2 this month: bought by %n customer(s) in the last %1 days",
            None,
            offer.customers,
        )
        return _days(text, offer).replace("%2", offer.category)
    if offer.kind == "popular" and offer.recent_days:
        text = QCoreApplication.translate(
            "CrossSellReasons",
            "popular this month: bought by %n customer(s) in the last %1 days",
            None,
            offer.customers,
        )
        return _days(text, offer)
    return offer.reason


def _days(text: str, offer: RecommendationRow) -> str:
    return text.replace("%1", QLocale().toString(round(offer.recent_days)))


def _percent(share: float) -> str:
    # A share the agent reads out: whole percent, at least 1% when anyone bought it at all.
    whole = max(1, round(share * 100)) if share > 0 else 0
    return f"{QLocale().toString(whole)}%"
