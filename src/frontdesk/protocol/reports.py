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


Cell = str | int | bool | None


class ReportColumn(WireModel):
    name: str
    type: str = Field(description="dim | money | count | rate | hours")


class ReportTable(WireModel):
    """``GET /reports/{name}``: figures by the dimensions asked for. Money, rates and hours
    are decimal strings; a money row names its currency in its ``currency`` column."""

    report: str
    from_: str = Field(alias="from")
    to: str
    branch: str | None
    columns: list[ReportColumn]
    rows: list[list[Cell]]


class ReportDrill(WireModel):
    """``GET /reports/{name}/drill``: the transactions behind one cell, each with its
    customer (``customer_id``; null for a walk-in)."""

    report: str
    cell: dict[str, str | None]
    total: int
    rows: list[dict[str, Cell]]
