"""The cases' server fixtures (``case_helpers``): staff, a customer, the reference lists."""

from __future__ import annotations

from case_helpers import api, reference

__all__ = ["api", "reference"]
