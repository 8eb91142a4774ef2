"""Cross-sell: explainable product recommendations, trained on the server, scored offline.

Pure Python with numpy and scipy; no Qt, SQL or HTTP.

Typical use::

    from frontdesk.crosssell import Purchase, train, CrossSellModel

    model = train(purchases)                 # iterable of Purchase / tuples, on the server
    blob = model.to_bytes()                  # ships to the desks through sync
    model = CrossSellModel.from_bytes(blob)  # at the desk
    for offer in model.recommend(customer_history, k=5):
        print(offer.product, offer.reason_text, offer.because_of)

`mine_rules` is an exact association-rule miner (arules semantics).
"""

from frontdesk.crosssell.model import CrossSellModel, Recommendation
from frontdesk.crosssell.purchases import CrossSellError, Purchase
from frontdesk.crosssell.rules import Rule, frequent_itemsets, mine_rules, rules_by_length
from frontdesk.crosssell.training import TrainingConfig, train

__all__ = [
    "CrossSellError",
    "CrossSellModel",
    "Purchase",
    "Recommendation",
    "Rule",
    "TrainingConfig",
    "frequent_itemsets",
    "mine_rules",
    "rules_by_length",
    "train",
]
