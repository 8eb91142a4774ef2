"""Schemas of the reports the back office reads."""

from __future__ import annotations

from pydantic import Field

from frontdesk.protocol.wire import WireModel


class AcceptanceRow(WireModel):
    """Offers and their outcomes for one product, agent or branch."""

    key: str
    name: str
    offered: int
    accepted: int
    declined: int
    acceptance_rate: float | None = Field(description="accepted / offered; null if none offered")


class CrossSellAcceptanceReport(WireModel):
    """``GET /reports/crosssell-acceptance``: cross-sell outcomes, grouped three ways."""

    total: AcceptanceRow
    by_product: list[AcceptanceRow]
    by_agent: list[AcceptanceRow]
    by_branch: list[AcceptanceRow]
