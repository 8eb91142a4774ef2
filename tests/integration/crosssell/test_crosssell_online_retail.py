"""The cross-sell model trained on the whole real Online Retail data set."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import pytest

from frontdesk.crosssell import CrossSellModel, train
from frontdesk.crosssell.datasets import read_online_retail

TEN_MB = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def retail(real_data):
    lines = list(read_online_retail(real_data("online_retail.csv.xz")))
    names = {purchase.product: description for _, purchase, description in lines}
    histories: dict[str, dict[str, datetime]] = defaultdict(dict)
    for _, purchase, _ in lines:
        mine = histories[purchase.customer]
        mine[purchase.product] = max(purchase.at, mine.get(purchase.product, purchase.at))
    model = train((purchase for _, purchase, _ in lines), names=names)
    return model, histories, names


def test_reader_keeps_only_product_lines_of_known_customers(retail):
    model, histories, _ = retail
    assert len(histories) == 4335  # of 4,372 customers, those with a product line left
    assert 3600 < len(model.products) < 4070
    assert not {"POST", "DOT", "M", "C2", "BANK CHARGES"} & set(model.products)


def test_serialised_model_fits_the_desk_budget_and_round_trips(retail):
    model = retail[0]
    data = model.to_bytes()
    assert len(data) <= TEN_MB
    loaded = CrossSellModel.from_bytes(data)
    history = dict(list(retail[1]["17850"].items())[:20])
    assert loaded.recommend(history) == model.recommend(history)


def test_every_offer_is_new_and_explained_by_the_customers_own_products(retail):
    model, histories, names = retail
    for customer in sorted(histories)[:300]:
        history = histories[customer]
        for offer in model.recommend(history, k=5):
            assert offer.product not in history
            if offer.kind == "co-purchase":
                assert offer.because_of and set(offer.because_of) <= set(history)
                assert names[offer.because_of[0]] in offer.reason_text
                assert offer.reason_text.startswith("bought by ")
                assert 0 < offer.confidence <= 1
            else:
                assert offer.reason_text.startswith("popular")


def test_most_offers_come_from_co_purchases(retail):
    model, histories, _ = retail
    offers = [o for c in sorted(histories)[:200] for o in model.recommend(histories[c])]
    share = sum(o.kind == "co-purchase" for o in offers) / len(offers)
    assert share > 0.9
