"""The cross-sell API on small hand-made purchases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from frontdesk.crosssell import CrossSellError, CrossSellModel, Purchase, TrainingConfig, train

MARCH = datetime(2024, 3, 10, 12, 0)
CATEGORY = {
    "TEA": "drinks",
    "COFFEE": "drinks",
    "CUPS": "kitchen",
    "MUGS": "kitchen",
    "TEAPOT": "kitchen",
    "BISCUITS": "food",
}
BASKETS = {
    "c1": ["TEA", "CUPS"],
    "c2": ["TEA", "CUPS"],
    "c3": ["TEA", "CUPS", "BISCUITS"],
    "c4": ["TEA", "BISCUITS"],
    "c5": ["COFFEE", "MUGS"],
    "c6": ["COFFEE", "MUGS"],
    "c7": ["COFFEE"],
    "c8": ["TEAPOT"],
}
NAMES = {"TEA": "Earl Grey tea", "CUPS": "Porcelain cups"}


def purchases() -> list[Purchase]:
    return [
        Purchase(customer, product, MARCH - timedelta(days=day), CATEGORY[product])
        for customer, products in BASKETS.items()
        for day, product in enumerate(products)
    ]


@pytest.fixture(scope="module")
def model() -> CrossSellModel:
    return train(purchases(), names=NAMES, config=TrainingConfig(ridge=1.0))


def test_reason_names_the_customers_own_product_with_the_share(model):
    best = model.recommend([("TEA", MARCH)], k=1)[0]
    assert best.product == "CUPS"
    assert best.kind == "co-purchase"
    assert best.because_of == ("TEA",)
    # 3 of the 4 tea buyers bought cups: 75%; cups are bought by 3 of 8 customers.
    assert best.reason_text == "bought by 75% of customers who bought Earl Grey tea"
    assert (best.confidence, best.customers) == (0.75, 3)
    assert best.lift == pytest.approx(0.75 / (3 / 8))


def test_because_of_lists_every_own_product_behind_it_strongest_first(model):
    offers = model.recommend([("TEA", MARCH), ("BISCUITS", MARCH - timedelta(days=300))], k=1)
    assert offers[0].product == "CUPS"
    assert offers[0].because_of[0] == "TEA"
    assert set(offers[0].because_of) <= {"TEA", "BISCUITS"}


def test_never_offers_what_the_customer_has_or_what_is_excluded(model):
    history = [("TEA", MARCH), ("CUPS", MARCH)]
    offered = [offer.product for offer in model.recommend(history, k=6, exclude=["BISCUITS"])]
    assert not {"TEA", "CUPS", "BISCUITS"} & set(offered)
    assert set(offered) == {"COFFEE", "MUGS", "TEAPOT"}


def test_a_single_excluded_key_is_not_taken_letter_by_letter(model):
    offered = [offer.product for offer in model.recommend([], k=6, exclude="TEA")]
    assert "TEA" not in offered
    assert len(offered) == 5


def test_repeat_after_offers_again_only_what_was_bought_long_ago(model):
    now = MARCH + timedelta(days=100)
    history = [("TEA", MARCH), ("CUPS", MARCH - timedelta(days=200))]
    offered = {
        o.product for o in model.recommend(history, k=6, repeat_after=timedelta(days=180), now=now)
    }
    assert "CUPS" in offered
    assert "TEA" not in offered


def test_new_customer_gets_recent_popularity_without_own_products(model):
    offers = model.recommend([], k=3)
    assert [offer.kind for offer in offers] == ["popular"] * 3
    assert all(offer.because_of == () for offer in offers)
    assert offers[0].product in {"TEA", "COFFEE"}  # the most bought products
    assert offers[0].reason_text.startswith("popular this month: bought by")
    assert offers[0].customers in {3, 4}


def test_thin_history_falls_back_to_its_category(model):
    # TEAPOT has no co-purchases; its category (kitchen) is what the customer shops in.
    offers = model.recommend([Purchase("new", "TEAPOT", MARCH, "kitchen")], k=2)
    assert {offer.product for offer in offers} == {"CUPS", "MUGS"}
    assert all(offer.kind == "category" for offer in offers)
    assert offers[0].reason_text.startswith("popular in kitchen this month")
    assert offers[0].because_of == ("TEAPOT",)


def test_unknown_products_in_history_are_ignored_but_not_offered(model):
    offers = model.recommend([("NEVER-SEEN", MARCH), ("TEA", MARCH)], k=2)
    assert offers[0].product == "CUPS"


def test_serialisation_round_trip_gives_the_same_offers(model):
    data = model.to_bytes()
    loaded = CrossSellModel.from_bytes(data)
    history = [("TEA", MARCH), ("COFFEE", MARCH - timedelta(days=40))]
    assert loaded.recommend(history, k=5) == model.recommend(history, k=5)
    assert loaded.products == model.products
    np.testing.assert_array_equal(loaded.arrays.month_counts, model.arrays.month_counts)
    assert b"pickle" not in data


def test_aware_and_naive_times_agree():
    aware = [
        Purchase(p.customer, p.product, p.at.replace(tzinfo=UTC), p.category) for p in purchases()
    ]
    naive_model, aware_model = train(purchases()), train(aware)
    assert naive_model.recommend([("TEA", MARCH)]) == aware_model.recommend([("TEA", MARCH)])


def test_month_popularity_counts_distinct_customers(model):
    assert model.info.months[-1] == "2024-03"
    tea = model.products.index("TEA")
    assert model.arrays.month_counts[-1, tea] == 4
    assert model.arrays.customer_count[tea] == 4


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"", "not a serialised cross-sell model"),
        (b"PK\x03\x04 broken zip", "not a serialised cross-sell model"),
        (b"\x00" * 64, "not a serialised cross-sell model"),
    ],
)
def test_bad_bytes_give_a_clear_error(bad, message):
    with pytest.raises(CrossSellError, match=message):
        CrossSellModel.from_bytes(bad)


def test_training_needs_purchases():
    with pytest.raises(CrossSellError, match="no purchases to train on"):
        train([])


@pytest.mark.parametrize(
    ("purchase", "message"),
    [
        (("c1", "TEA", "2024-03-01"), r"purchase #2: 'at' must be a datetime"),
        (("c1", "", MARCH), r"purchase #2: customer and product must not be empty"),
        (("c1", 42, MARCH), r"purchase #2: product must be a string"),
        (("c1",), r"purchase #2: expected a Purchase or a \(customer, product, at"),
    ],
)
def test_malformed_purchase_names_its_position(purchase, message):
    with pytest.raises(CrossSellError, match=message):
        train([("c0", "TEA", MARCH), purchase])


@pytest.mark.parametrize("k", [0, -1, 2.5])
def test_bad_k_is_refused(model, k):
    with pytest.raises(CrossSellError, match="k must be a positive integer"):
        model.recommend([], k=k)


def test_bad_history_entry_is_refused(model):
    with pytest.raises(CrossSellError, match=r"history entry #2"):
        model.recommend([("TEA", MARCH), ("CUPS", "yesterday")])


def test_bad_config_is_refused():
    with pytest.raises(CrossSellError, match="ridge must be positive"):
        TrainingConfig(ridge=0)


def test_history_may_be_a_mapping_of_last_purchases(model):
    as_lines = [("TEA", MARCH - timedelta(days=9)), ("TEA", MARCH), ("BISCUITS", MARCH)]
    as_mapping = {"TEA": MARCH, "BISCUITS": MARCH}
    assert model.recommend(as_mapping) == model.recommend(as_lines)
