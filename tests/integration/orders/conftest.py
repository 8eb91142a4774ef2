"""The orders' server fixtures (``order_helpers``): staff, customers, products, prices, stock."""

from __future__ import annotations

from order_helpers import api, shop

__all__ = ["api", "shop"]
