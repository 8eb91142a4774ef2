"""The server's own check of a till entry's approval and discount, when the entry is pushed.

A desk can be tampered with, so the server checks the approval again
(``server.till.approvals``): an online one must carry the token this server issued for
exactly this entry; an offline one (the desk checked a verifier it kept) stands only if the
named user is an enabled supervisor of the register's branch, and is recorded as
``unverified``, never as ``valid``. Anyone who can push could have written an offline
approval, so a company that will not take that risk sets
``FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS=refuse``: offline approvals then never stand, and
what they approved waits, not accepted, for the back office. A discount must
add up (sale - discount = paid, the discount line rounded as the domain rounds it), and one
over the cashier's limit (``FRONTDESK_SERVER_TILL_DISCOUNT_LIMIT``, percent of the sale,
default 10; keep it equal to the desks' ``FRONTDESK_TILL_DISCOUNT_LIMIT``) needs a valid
approval; a basket's line discounts count with its own (all that was taken off the lines'
gross). What does not pass is not refused outright (the journal must stay whole): the
transaction is stored with ``accepted`` false and the reason, and the item's result says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from frontdesk.domain.discounts import (
    DEFAULT_DISCOUNT_LIMIT,
    Discount,
    DiscountKind,
    allowance,
    describe,
    over_limit,
    parse_discount,
)
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.protocol.till import (
    ApprovalWire,
    DiscountWire,
    SaleLineWire,
    TillEntry,
    TransactionBody,
)
from frontdesk.server.push_items import ApplyContext
from frontdesk.server.till import approvals
from frontdesk.server.till.approvals import UNVERIFIED, VALID, Bound

DISCOUNT_LIMIT_ENV = "FRONTDESK_SERVER_TILL_DISCOUNT_LIMIT"
OFFLINE_ENV = "FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS"
REVIEW, REFUSE = "review", "refuse"


def offline_policy(environ: dict[str, str] | None = None) -> str:
    """What an offline approval does on this server: ``review`` (it stands, recorded as
    unverified and listed for review; the default) or ``refuse`` (it does not stand: the
    transaction is kept, not accepted, for the back office to settle)."""
    raw = (os.environ if environ is None else environ).get(OFFLINE_ENV, "").strip().lower()
    if raw in ("", REVIEW):
        return REVIEW
    if raw == REFUSE:
        return REFUSE
    raise ValueError(f"{OFFLINE_ENV}={raw!r} must be {REVIEW} or {REFUSE}")


def discount_limit(environ: dict[str, str] | None = None) -> Decimal:
    """The cashier's discount limit in percent of a sale, from the server's environment."""
    raw = (os.environ if environ is None else environ).get(DISCOUNT_LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_DISCOUNT_LIMIT
    try:
        limit = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{DISCOUNT_LIMIT_ENV}={raw!r} must be a percent from 0 to 100") from None
    if not (limit.is_finite() and 0 <= limit <= 100):
        raise ValueError(f"{DISCOUNT_LIMIT_ENV}={raw!r} must be a percent from 0 to 100")
    return limit


@dataclass(frozen=True, slots=True)
class ApprovalCheck:
    """Who the entry says approved it, how, and why that does not stand (None: it does);
    ``verdict`` is ``valid`` (verified here) or ``unverified`` (offline) when it stands."""

    supervisor: str | None
    method: str | None
    problem: str | None
    verdict: str = VALID

    @property
    def valid(self) -> bool:
        """It stands: verified here, or offline and of a supervisor of the branch."""
        return self.problem is None

    @property
    def stored(self) -> str:
        return self.problem or self.verdict

    def columns(self) -> dict[str, Any]:
        return {
            "approved_by": self.supervisor,
            "approval_method": self.method,
            "approval_check": self.stored,
        }


def check_approval(
    ctx: ApplyContext, entry: TillEntry, approval: ApprovalWire | None, *, amount: Money | None
) -> ApprovalCheck:
    """Check the entry's ``approval``; an online one's token is used up if it stands, and
    every approval is recorded with the verdict (``approvals.record``)."""
    if approval is None:
        return ApprovalCheck(None, None, "no supervisor approved it")
    bound = Bound(entry.key, entry.kind, entry.register_code, amount,
                  datetime.fromisoformat(entry.at))  # fmt: skip
    # The register's branch: the applier has checked the author is of it.
    problem = approvals.approver_problem(ctx.session, approval.supervisor, branch=ctx.user.branch)
    if problem is None and approval.method == "online":
        problem = approvals.redeem(ctx.session, approval, bound, now=ctx.now)
    if problem is None and approval.method == "offline" and offline_policy() == REFUSE:
        problem = f"offline approvals are not accepted here ({OFFLINE_ENV}={REFUSE})"
    verdict = UNVERIFIED if approval.method == "offline" else VALID
    check = ApprovalCheck(approval.supervisor, approval.method, problem, verdict)
    receipt = getattr(entry.body, "receipt", None)
    approvals.record(ctx, bound, approval, verdict=check.stored, receipt=receipt)
    return check


@dataclass(frozen=True, slots=True)
class DiscountCheck:
    """A payment's discount as the server sees it, and why it is not accepted (None: it is)."""

    gross: Money | None
    discount: Money | None
    problem: str | None

    def columns(self) -> dict[str, Any]:
        return {
            "gross_minor": self.gross.minor if self.gross else None,
            "discount_minor": self.discount.minor if self.discount else None,
        }


def check_discount(body: TransactionBody, paid: Money, approval: ApprovalCheck) -> DiscountCheck:
    """Check that a payment's discount adds up and is within the limit or validly approved.

    A basket's discount is its lines' own and the basket's together, against the lines'
    gross: the cashier's limit bounds what the customer was given off in all."""
    lines = getattr(body, "lines", [])
    given = body.discount
    if given is None and not any(Decimal(line.discount) for line in lines):
        return DiscountCheck(None, None, None)
    if body.purpose != "purchase":
        return DiscountCheck(None, None, "discount: only a purchase can be discounted")
    try:
        gross, discount = _discount(given, paid) if given else (paid, None)
    except DomainError as error:
        return DiscountCheck(None, None, f"discount: {error}")
    off = discount.amount if discount else Money.zero(paid.currency)
    if off + paid != gross:
        problem = f"discount: {gross} less {off} is not the {paid} paid"
        return DiscountCheck(gross, off, problem)
    if lines:
        return _basket(lines, paid, discount, approval)
    return DiscountCheck(gross, off, _over(discount, gross, approval))


def _basket(
    lines: list[SaleLineWire], paid: Money, basket: Discount | None, approval: ApprovalCheck
) -> DiscountCheck:
    """The lines' gross and every discount on them (the model has checked they add up)."""
    currency = paid.currency
    gross = sum((Money.rounded(Decimal(line.quantity) * Decimal(line.unit_price), currency)
                 for line in lines), Money.zero(currency))  # fmt: skip
    off = gross - paid
    given = Discount(DiscountKind.AMOUNT, off.amount, off)
    if basket is not None and not any(Decimal(line.discount) for line in lines):
        given = basket  # the basket's alone: described as the cashier typed it
    return DiscountCheck(gross, off, _over(given, gross, approval))


def _discount(given: DiscountWire, paid: Money) -> tuple[Money, Discount]:
    gross = Money.of(given.gross, paid.currency)
    discount = parse_discount(given.value, given.kind, gross)
    if discount is None or discount.amount != Money.of(given.amount, paid.currency):
        raise DomainError(f"its line {given.amount} is not {_line(discount)}")
    return gross, discount


def _line(discount: Discount | None) -> str:
    return str(discount.amount) if discount else "zero"


def _over(discount: Discount, gross: Money, approval: ApprovalCheck) -> str | None:
    limit = discount_limit()
    if not over_limit(discount, gross, limit) or approval.valid:
        return None
    return (
        f"discount {describe(discount)} ({discount.amount}) of {gross} is over the cashier's "
        f"limit of {limit}% ({allowance(gross, limit)}) without a valid supervisor approval: "
        f"{approval.problem}"
    )
