"""Local writes at the desk: log an interaction, edit or create a customer. All work offline.

Each commits its cache change and its outbox item in one transaction (see
``services/outbox.py``); the sync engine carries the item to the server later.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from frontdesk.domain.customers import (
    MAX_NAME,
    MAX_NOTES,
    normalize_card,
    normalize_email,
    normalize_phone,
)
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.service import Channel, Interaction
from frontdesk.protocol import (
    EDITABLE_CUSTOMER_FIELDS,
    CustomerCreate,
    CustomerEdit,
    InteractionRecord,
)
from frontdesk.protocol.push import CUSTOMER_CREATE as CUSTOMER_CREATE
from frontdesk.protocol.push import CUSTOMER_EDIT as CUSTOMER_EDIT
from frontdesk.protocol.push import INTERACTION_RECORD as INTERACTION_RECORD
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: Prefix of account numbers made at a desk (the server's imports use the shop's own).
DESK_ACCOUNT_PREFIX = "D"

Clock = Callable[[], datetime]


class UnknownCustomer(FrontdeskError):
    """The write names a customer this cache does not hold."""


class InvalidWrite(FrontdeskError):
    """A value the write cannot accept; the message names the field."""


class DuplicateCustomer(FrontdeskError):
    """The account number or loyalty card already belongs to a customer in this cache."""


def _now() -> datetime:
    return datetime.now(UTC)


def record_interaction(
    uow: AbstractUnitOfWork,
    *,
    customer_id: str,
    channel: str,
    reason: str,
    agent: str,
    notes: str = "",
    outcome: str = "",
    follow_up: date | None = None,
    occurred_at: datetime | None = None,
    clock: Clock = _now,
) -> Interaction:
    """Log a call, visit or e-mail with a customer; its id is the outbox item's key."""
    interaction = _interaction(
        customer_id=customer_id,
        channel=channel,
        reason=reason,
        agent=agent,
        notes=notes,
        outcome=outcome,
        follow_up=follow_up,
        occurred_at=occurred_at or clock(),
    )
    with uow:
        if uow.local.customer_fields(customer_id) is None:
            raise UnknownCustomer(f"no customer {customer_id} in the local cache")
        uow.local.add_interaction(interaction)
        uow.outbox.add(interaction_record(interaction), key=interaction.id)
        uow.commit()
    return interaction


def _interaction(**fields: Any) -> Interaction:
    try:
        channel = Channel(fields.pop("channel"))
    except ValueError:
        allowed = ", ".join(c.value for c in Channel)
        raise InvalidWrite(f"channel must be one of: {allowed}") from None
    if fields["occurred_at"].tzinfo is None:
        raise InvalidWrite("occurred_at must carry a time zone")
    try:
        return Interaction(id=str(uuid.uuid4()), channel=channel, **fields)
    except ValidationError as error:
        raise InvalidWrite(str(error)) from None


def interaction_record(interaction: Interaction) -> InteractionRecord:
    return InteractionRecord(
        customer_id=interaction.customer_id,
        channel=interaction.channel.value,
        occurred_at=interaction.occurred_at,
        reason=interaction.reason,
        notes=interaction.notes,
        outcome=interaction.outcome,
        follow_up=interaction.follow_up,
    )


def edit_customer(
    uow: AbstractUnitOfWork,
    *,
    customer_id: str,
    changes: dict[str, Any],
    clock: Clock = _now,
) -> OutboxEntry | None:
    """Change some of a customer's fields here and queue the edit; None if nothing changed.

    ``changes`` maps field names (full_name, phones, emails, notes, loyalty_card) to their
    new values. The outbox item carries each field's value before the edit, so the server
    can merge it with edits made meanwhile at other desks.
    """
    wanted = {name: normalise_field(name, value) for name, value in changes.items()}
    with uow:
        current = uow.local.customer_fields(customer_id)
        if current is None:
            raise UnknownCustomer(f"no customer {customer_id} in the local cache")
        changed = {name: value for name, value in wanted.items() if current[name] != value}
        if not changed:
            return None
        uow.local.update_customer(customer_id, changed, at=clock())
        edit = CustomerEdit(
            customer_id=customer_id,
            changes={name: {"old": current[name], "new": new} for name, new in changed.items()},
        )
        entry = uow.outbox.add(edit)
        uow.commit()
    return entry


def create_customer(
    uow: AbstractUnitOfWork,
    *,
    fields: dict[str, Any],
    account_number: str = "",
    branch: str = "",
    clock: Clock = _now,
) -> CustomerCreate:
    """Register a new customer here and queue ``customer.create``; the customer's id is its key.

    ``fields`` are the editable ones (full_name required; phones, emails, loyalty_card,
    notes), checked as an edit checks them. A blank ``account_number`` gets a fresh one.
    """
    values = {name: normalise_field(name, value) for name, value in fields.items()}
    if not values.get("full_name"):
        raise InvalidWrite("full_name: a new customer needs a name")
    new = CustomerCreate(
        customer_id=str(uuid.uuid4()),
        account_number=account_number.strip() or new_account_number(),
        branch=branch,
        created_at=clock(),
        **values,
    )
    with uow:
        _check_unique(uow, new)
        uow.local.add_customer(new)
        uow.outbox.add(new, key=new.customer_id)
        uow.commit()
    return new


def new_account_number() -> str:
    """A desk-made account number: unique without asking the server (random, 10 hex digits)."""
    return f"{DESK_ACCOUNT_PREFIX}{uuid.uuid4().hex[:10].upper()}"


def _check_unique(uow: AbstractUnitOfWork, new: CustomerCreate) -> None:
    holder = uow.local.account_holder(new.account_number)
    if holder is not None:
        raise DuplicateCustomer(f"account number {new.account_number} already belongs to {holder}")
    if new.loyalty_card is not None:
        holder = uow.local.card_holder(new.loyalty_card)
        if holder is not None:
            raise DuplicateCustomer(f"loyalty card {new.loyalty_card} already belongs to {holder}")


def normalise_field(name: str, value: Any) -> Any:
    """``value`` checked and normalised as an edit of field ``name`` takes it (InvalidWrite)."""
    if name not in EDITABLE_CUSTOMER_FIELDS:
        allowed = ", ".join(EDITABLE_CUSTOMER_FIELDS)
        raise InvalidWrite(f"{name!r} cannot be edited here (editable: {allowed})")
    try:
        return _NORMALISE[name](value)
    except ValidationError as error:
        raise InvalidWrite(str(error)) from None


def _bounded_text(field: str, limit: int, *, strip: bool) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = str(value).strip() if strip else str(value)
        if len(text) > limit:
            raise ValidationError(field, f"longer than {limit} characters")
        return text

    return check


_NORMALISE: dict[str, Callable[[Any], Any]] = {
    "full_name": _bounded_text("full_name", MAX_NAME, strip=True),
    "notes": _bounded_text("notes", MAX_NOTES, strip=False),
    "phones": lambda values: [normalize_phone(v) for v in values],
    "emails": lambda values: [normalize_email(v) for v in values],
    "loyalty_card": normalize_card,
}
