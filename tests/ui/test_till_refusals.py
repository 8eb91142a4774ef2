"""Every refusal the till's services and the domain raise, as raised on a real desk cache,
is worded by the window: in English with the figures of the English message, in Russian in
Russian with no placeholder left. A code without a wording would show its English text in
the Russian window; this test names it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.discounts import DiscountKind, DiscountOffer, parse_discount
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import CashCount, Tender, TenderLine, TillRules, parse_amount, settle
from frontdesk.services import till
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.ports import Approval, ApprovalScope, SupervisorVerifier
from frontdesk.ui.i18n import Translations
from frontdesk.ui.till.refusals import _WORDINGS, Refusal, domain_text

RULES = TillRules(currencies=("GBP", "EUR"))
APPROVAL = Approval("sue", "online", datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
GBP = Money.of("100.00", "GBP")


@pytest.fixture
def uow(tmp_path: Path):
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    yield SqlAlchemyTillUnitOfWork(database.writer)
    database.dispose()


def _refused(work: Callable[[], object]) -> TillRefused:
    with pytest.raises(TillRefused) as refused:
        work()
    return refused.value


def _service_refusals(uow) -> list[TillRefused]:
    forty = Money.of("40.00", "GBP")

    def pay(**extra):
        payment = till.RecordPayment("SHOP1", "cat", forty, ((Tender.CARD, forty),))
        return lambda: till.record_payment(uow, replace(payment, **extra), rules=RULES)

    def refund(payment: str, amount: str):
        asked = till.Refund(payment, Money.of(amount, "GBP"), "cat", APPROVAL)
        return lambda: till.refund(uow, asked, rules=RULES)

    def open_shift(amount: str):
        return lambda: till.open_shift(
            uow, till.OpenShift("SHOP1", "cat", Money.of(amount, "GBP")), rules=RULES
        )

    five = DiscountOffer(DiscountKind.PERCENT, Decimal("5"))
    found: list[TillRefused] = [
        _refused(pay()),  # no open shift
        _refused(lambda: till.shift_report(uow, register="SHOP1")),
    ]
    open_shift("50")()
    paid = pay()()
    nothing = CashCount(Currency.of("GBP"))
    found += [
        _refused(open_shift("0")),
        _refused(pay(customer_id="no-such-customer")),
        _refused(pay(purpose="account", discount=five)),
        _refused(pay(purpose="gift")),
        _refused(pay(discount=DiscountOffer(DiscountKind.PERCENT, Decimal("25")))),
        _refused(pay(key="not-a-uuid")),
        _refused(pay(amount=Money.of("-1", "GBP"))),  # the domain's, through the service
        _refused(refund(paid.receipt_no, "40.01")),
        _refused(refund("SHOP1-00000099", "1")),
        _refused(lambda: till.reprint(uow, receipt="SHOP1-00000099")),
        _refused(lambda: till.close_shift(uow, till.CloseShift("SHOP1", nothing))),
    ]
    refund(paid.receipt_no, "40.00")()
    found.append(_refused(lambda: till.void(uow, till.Void(paid.id, "cat", APPROVAL))))
    for number in ("SHOP1-00000001", "SHOP1-00000002", "SHOP1-00000099", "YORK-00000001", "1"):
        found.append(_refused(lambda n=number: till.receipt_to_refund(
            uow, n, register="SHOP1")))  # fmt: skip
    return found


def _approval_refusals(uow) -> list[TillRefused]:
    def check(days: int = 14, clock=lambda: datetime.now(UTC)):
        return DeskSupervisorCheck(None, uow, verifier=Argon2Verifier(),
                                   valid_for=timedelta(days=days), clock=clock)  # fmt: skip

    scope = ApprovalScope("SHOP1", "refund", "0b9f6c1e-3d4a-4c1e-9a57-4c8d2e6f1a20",
                          Money.of("4.00", "GBP"))  # fmt: skip
    found = [_refused(lambda: check().approve("sue", "pw", scope=scope))]  # never signed in here
    with uow:
        uow.supervisors.remember(SupervisorVerifier(
            "sue", "supervisor", Argon2Verifier().make("pw"), datetime.now(UTC)))  # fmt: skip
        uow.commit()
    later = datetime.now(UTC) + timedelta(days=30)
    return [
        *found,
        _refused(lambda: check().approve("sue", "wrong", scope=scope)),
        _refused(lambda: check(days=0).approve("sue", "pw", scope=scope)),
        _refused(lambda: check(clock=lambda: later).approve("sue", "pw", scope=scope)),
    ]


def _domain_refusals() -> list[DomainError]:
    rules = TillRules(currencies=("GBP",))
    cases = [
        lambda: parse_amount("twelve", rules.base, field="amount", rules=rules),
        lambda: parse_amount("NaN", rules.base, field="amount", rules=rules),
        lambda: parse_amount(0.5, rules.base, field="amount", rules=rules),
        lambda: parse_amount("0", rules.base, field="amount", rules=rules),
        lambda: parse_amount("1e9", rules.base, field="amount", rules=rules),
        lambda: parse_amount("1.234", rules.base, field="amount", rules=rules),
        lambda: rules.currency("EUR"),
        lambda: rules.currency("XYZ"),
        lambda: settle(GBP, []),
        lambda: settle(GBP, [TenderLine(Tender.CARD, Money.of("5", "GBP"))]),
        lambda: settle(GBP, [TenderLine(Tender.CARD, Money.of("105", "GBP"))]),
        lambda: parse_discount("101", "percent", GBP),
        lambda: parse_discount("101", "amount", GBP),
        lambda: parse_discount("100", "amount", GBP),
        lambda: parse_discount("-1", "amount", GBP),
        lambda: parse_discount("1.234", "percent", GBP),
        lambda: parse_discount("1.234", "amount", GBP),
    ]
    found = []
    for case in cases:
        with pytest.raises(DomainError) as refused:
            case()
        found.append(refused.value)
    return found


def _figures(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text)


def test_every_refusal_raised_is_worded_in_english_and_russian(qapp, uow) -> None:
    raised = [*_service_refusals(uow), *_approval_refusals(uow)]
    codes = [error.code for error in raised]
    assert all(codes), [str(error) for error in raised if not error.code]
    assert set(codes) - set(_WORDINGS) == set()
    english = {error.code: Refusal.of("till", error).text for error in raised}
    domain = _domain_refusals()
    assert all(error.code in _WORDINGS for error in domain), [str(e) for e in domain]
    for error in domain:  # the English wording says what the domain's message says
        assert domain_text(error) == error.message, error.code
    translations = Translations()
    assert translations.apply("ru")
    try:
        russian = [Refusal.of("till", error).text for error in raised]
        russian += [domain_text(error) for error in domain]
    finally:
        translations.apply("en")
    for text in russian:
        assert re.search("[А-Яа-яЁё]", text) and not re.search(r"%\d", text), text
    assert english["over_refund"] == "Only 40.00 GBP of SHOP1-00000001 is left to refund."
    assert _figures(english["unsynced"]) == ["2"]
    assert {"unsynced", "receipt_paid_back", "offline_expired"} <= set(codes)


def test_a_refusal_names_its_field_for_the_forms_that_route_on_it() -> None:
    error = TillRefused("amount: only 1.00 GBP of X is left", code="over_refund",
                        field="amount", left=Money.of("1", "GBP"), receipt="X")  # fmt: skip
    assert Refusal.of("till", error).message == "amount: Only 1.00 GBP of X is left to refund."
    unknown = TillRefused("receipt: no receipt", code="receipt_unknown", field="receipt",
                          receipt=str(uuid.UUID(int=1)))  # fmt: skip
    assert not Refusal.of("till", unknown).message.startswith("receipt:")
