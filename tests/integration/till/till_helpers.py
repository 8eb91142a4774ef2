"""Helpers of the till integration tests: rules, an approval, the till's commands from plain
figures, pushing a desk's outbox, the server app as a desk's central for a supervisor's
sign-in."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import Purpose, Tender, TillRules
from frontdesk.protocol import ItemEnvelope, PullPage, PushResponse, TokenPair
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.server.till import registers
from frontdesk.services import till
from frontdesk.services.errors import ApprovalDenied, ApprovalThrottled, AuthFailed
from frontdesk.services.ports import AbstractCentral
from frontdesk.services.till.ports import AbstractApprovalIssuer, Approval

PASSWORD = "correct horse battery"
RULES = TillRules(currencies=("GBP",))
#: Offline: the server takes it (recorded as unverified) from a supervisor of the branch. An
#: online approval needs a token the server issued for its entry (``AppIssuer``).
APPROVAL = Approval("sue", "offline", datetime(2024, 3, 1, 9, 30, tzinfo=UTC))


def gbp(amount: str) -> Money:
    return Money.of(amount, "GBP")


def payment(
    amount: str,
    *,
    register: str = "SHOP1",
    tender: str = "cash",
    tenders: list[tuple[str, str]] | None = None,
    discount: tuple[str, str] | None = None,
    purpose: str = "purchase",
    **extra,
) -> till.RecordPayment:
    """A payment by cat: ``tender`` takes what is due in full unless ``tenders`` split it."""
    offered = offer(discount)
    paid = [(Tender(name), gbp(value)) for name, value in tenders or []]
    return till.RecordPayment(
        register, "cat", gbp(amount), tuple(paid or [(Tender(tender), _due(amount, offered))]),
        purpose=Purpose(purpose), discount=offered, **extra,
    )  # fmt: skip


def _due(amount: str, offered: DiscountOffer | None) -> Money:
    gross = gbp(amount)
    try:
        given = offered.on(gross) if offered else None
    except DomainError:  # the till refuses it: what is due does not matter then
        return gross
    return gross - given.amount if given else gross


def offer(discount: tuple[str, str] | None) -> DiscountOffer | None:
    """``("percent", "10")`` as the offer the till is given."""
    if discount is None:
        return None
    return DiscountOffer(DiscountKind(discount[0]), Decimal(discount[1]))


def opening(register: str = "SHOP1", float_: str = "50") -> till.OpenShift:
    return till.OpenShift(register, "cat", gbp(float_))


def add_register(
    factory: sessionmaker[Session],
    code: str = "SHOP1",
    *,
    branch: str = "Leeds",
    device: str | None = None,
) -> None:
    """Set up register ``code`` as an admin does (``frontdesk-server register add``)."""
    registers.add_register(factory, code, branch=branch, device_id=device)


def new_device(api: TestClient, user: str = "cat") -> str:
    """A new workstation: ``user`` logs in there, and ``api`` pushes with that device's token."""
    device_id = str(uuid.uuid4())
    body = {"username": user, "password": PASSWORD, "device_id": device_id}
    login = api.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    api.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    return device_id


def push_pending(api: TestClient, device: str, uow: SqlAlchemyTillUnitOfWork) -> list[dict]:
    """Push the desk's whole outbox as one batch; mark what the server applied as sent."""
    with uow:
        pending = uow.outbox.pending(limit=10_000)
    items = [
        {
            "key": e.key,
            "kind": e.kind,
            "seq": e.seq,
            "created_at": e.created_at.isoformat(),
            "payload": e.payload,
        }
        for e in pending
    ]
    response = api.post("/api/v1/sync/push", json={"device_id": device, "items": items})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    with uow:
        for result in results:
            if result["status"] == "applied":
                uow.outbox.mark_sent(result["key"], result=result["result"], at=datetime.now(UTC))
        uow.commit()
    return results


class AppCentral(AbstractCentral):
    """The real server app (through its TestClient) as a desk's central, for sign-ins."""

    def __init__(self, api: TestClient) -> None:
        self.api, self.base_url = api, "http://testserver"

    def login(self, username: str, password: str) -> TokenPair:
        answer = self.api.post("/api/v1/auth/login", json={"username": username,
                                                             "password": password})  # fmt: skip
        if answer.status_code == 401:
            raise AuthFailed(answer.json()["detail"])
        assert answer.status_code == 200, answer.text
        return TokenPair.model_validate(answer.json())

    def logout(self, refresh_token: str) -> None:
        self.api.post("/api/v1/auth/logout", json={"refresh_token": refresh_token})

    def refresh(self, refresh_token: str) -> TokenPair:
        raise NotImplementedError

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        raise NotImplementedError

    def push(self, device_id: str, items: list[ItemEnvelope], *, access_token: str) -> PushResponse:
        raise NotImplementedError

    def register_device(self, device_id: str, *, name: str, access_token: str) -> None:
        raise NotImplementedError


class AppIssuer(AbstractApprovalIssuer):
    """The real server app (through its TestClient, with the cashier's device-bound token
    that ``new_device`` set) as the desk's approval issuer: the status codes mapped as the
    desk's central client maps them."""

    def __init__(self, api: TestClient) -> None:
        self.api = api

    def request_approval(self, asked: TillApprovalRequest) -> TillApprovalGranted:
        body = asked.model_dump(mode="json", by_alias=True)
        answer = self.api.post("/api/v1/till/approvals", json=body)
        if answer.status_code == 429:
            raise ApprovalThrottled(answer.json()["detail"])
        if answer.status_code == 403:
            raise ApprovalDenied(answer.json()["detail"])
        if answer.status_code == 401:
            raise AuthFailed(answer.json()["detail"])
        assert answer.status_code == 201, answer.text
        return TillApprovalGranted.model_validate(answer.json())
