"""Appliers of the outbox item kinds the server knows: interactions, customer edits and
new customers.

Each records the branch of the item's author (``interactions.branch``,
``customers.created_branch`` and ``edited_branch``); a customer's own ``branch`` is their home
branch, and customers stay company-wide: any desk may find and edit any of them.

Each validates its payload completely before it writes, raising ``ItemRejected`` with a
reason the desk shows next to the failed item. Rows they change get a change sequence
number, so the change comes back to every desk through the ordinary pull.

Concurrent customer edits merge field by field: each change carries the value the desk
started from (``old``). A field still holding that value takes the new one; a field that
someone else changed in the meantime keeps the value that reached the server first (the
deterministic winner, whatever the clocks of the desks say), and the losing value goes back
in the item's result under ``conflicts`` for the losing desk to see and resolve.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select

from frontdesk.domain.customers import (
    MAX_NAME,
    MAX_NOTES,
    normalize_card,
    normalize_email,
    normalize_phone,
)
from frontdesk.domain.errors import ValidationError
from frontdesk.protocol import CustomerCreate, CustomerEdit, InteractionRecord
from frontdesk.server import customer_events
from frontdesk.server.db import allocate_seq
from frontdesk.server.models import Customer, Interaction
from frontdesk.server.push_items import ApplyContext, ItemRejected, Outcome


def apply_interaction(ctx: ApplyContext) -> dict[str, Any]:
    (outcome,) = apply_interactions([ctx])
    if not isinstance(outcome, dict):
        raise outcome
    return outcome


def apply_interactions(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """Many interactions at once: one customer lookup, one sequence block, one insert."""
    outcomes: list[Any] = [_interaction_record(ctx) for ctx in contexts]
    wanted = {o.customer_id for o in outcomes if isinstance(o, InteractionRecord)}
    known = _existing_customers(contexts[0], wanted) if wanted else set()
    for n, outcome in enumerate(outcomes):
        if isinstance(outcome, InteractionRecord) and outcome.customer_id not in known:
            outcomes[n] = ItemRejected(f"unknown customer {outcome.customer_id}")
    fresh = [(ctx, o) for ctx, o in zip(contexts, outcomes, strict=True) if _is_record(o)]
    if not fresh:
        return outcomes
    first = allocate_seq(contexts[0].session, len(fresh))
    rows = [_interaction_row(ctx, record, seq=first + n) for n, (ctx, record) in enumerate(fresh)]
    contexts[0].session.execute(insert(Interaction), rows)
    results = iter({"interaction_id": row["id"], "change_seq": row["change_seq"]} for row in rows)
    return [next(results) if _is_record(o) else o for o in outcomes]


def _is_record(outcome: Any) -> bool:
    return isinstance(outcome, InteractionRecord)


def _interaction_record(ctx: ApplyContext) -> InteractionRecord | Outcome:
    record: InteractionRecord = ctx.item.payload
    if record.follow_up is not None and record.follow_up < record.occurred_at.date():
        return ItemRejected("follow_up: is before the interaction itself")
    return record


def _existing_customers(ctx: ApplyContext, ids: set[str]) -> set[str]:
    return set(ctx.session.scalars(select(Customer.id).where(Customer.id.in_(ids))))


def _interaction_row(ctx: ApplyContext, record: InteractionRecord, *, seq: int) -> dict[str, Any]:
    return {
        "id": ctx.item.key,
        "customer_id": record.customer_id,
        "channel": record.channel,
        "occurred_at": record.occurred_at,
        "reason": record.reason.strip(),
        "agent": ctx.user.username,
        "notes": record.notes,
        "outcome": record.outcome,
        "follow_up": record.follow_up,
        "device_id": ctx.device_id,
        "change_seq": seq,
        "branch": ctx.user.branch,
    }


def apply_customer_edit(ctx: ApplyContext) -> dict[str, Any]:
    edit: CustomerEdit = ctx.item.payload
    customer = ctx.session.get(Customer, edit.customer_id, with_for_update=True)
    if customer is None:
        raise ItemRejected(f"unknown customer {edit.customer_id}")
    wanted = {field: _checked(field, change.new) for field, change in edit.changes.items()}
    applied, conflicts = [], []
    for field, change in edit.changes.items():
        current = getattr(customer, field)
        if _same(current, wanted[field]):
            continue
        if _same(current, change.old):
            applied.append(field)
        else:
            conflicts.append({"field": field, "kept": current, "yours": wanted[field]})
    _check_card_free(ctx, customer, wanted if "loyalty_card" in applied else {})
    if applied:
        for field in applied:
            setattr(customer, field, wanted[field])
        customer.updated_at = max(ctx.now, customer.created_at)
        customer.edited_branch = ctx.user.branch
        customer.change_seq = allocate_seq(ctx.session)
    if applied or conflicts:
        _edit_event(ctx, customer, {f: wanted[f] for f in applied}, conflicts)
    return {"applied": applied, "conflicts": conflicts, "change_seq": customer.change_seq}


def apply_customer_create(ctx: ApplyContext) -> dict[str, Any]:
    new: CustomerCreate = ctx.item.payload
    if new.customer_id != ctx.item.key:
        raise ItemRejected("customer_id: must be the item's key")
    if ctx.session.get(Customer, new.customer_id) is not None:
        raise ItemRejected(f"customer {new.customer_id} exists already")
    fields = {f: _checked(f, getattr(new, f)) for f in ("full_name", "phones", "emails", "notes")}
    card = _checked("loyalty_card", new.loyalty_card)
    account = new.account_number.strip()
    _check_account_free(ctx, account)
    _check_card_free(ctx, None, {"loyalty_card": card})
    seq = allocate_seq(ctx.session)
    ctx.session.add(
        Customer(
            id=new.customer_id,
            account_number=account,
            loyalty_card=card,
            branch=new.branch.strip() or ctx.user.branch,
            created_branch=ctx.user.branch,
            # The desk's clock says when; never after the server's own time.
            created_at=min(new.created_at, ctx.now),
            updated_at=min(new.created_at, ctx.now),
            change_seq=seq,
            **fields,
        )
    )
    customer_events.record_desk(
        ctx.session, key=ctx.item.key, customer_id=new.customer_id, kind="create",
        fields={**fields, "loyalty_card": card, "account_number": account,
                "branch": new.branch.strip() or ctx.user.branch},
        author=ctx.user.username, branch=ctx.user.branch, device_id=ctx.device_id,
        at=min(new.created_at, ctx.now),
    )  # fmt: skip
    return {"customer_id": new.customer_id, "account_number": account, "change_seq": seq}


def _edit_event(
    ctx: ApplyContext, customer: Customer, fields: dict[str, Any], conflicts: list[Any]
) -> None:
    customer_events.record_desk(
        ctx.session, key=ctx.item.key, customer_id=customer.id, kind="edit", fields=fields,
        conflicts=conflicts, author=ctx.user.username, branch=ctx.user.branch,
        device_id=ctx.device_id, at=ctx.now,
    )  # fmt: skip


def _check_account_free(ctx: ApplyContext, account: str) -> None:
    taken = select(Customer.id).where(Customer.account_number == account)
    if ctx.session.scalar(taken) is not None:
        raise ItemRejected(f"account_number: {account} already belongs to another customer")


def _checked(field: str, value: Any) -> Any:
    try:
        return _NORMALISERS[field](value)
    except ValidationError as error:
        raise ItemRejected(str(error)) from None
    except (TypeError, AttributeError):
        raise ItemRejected(f"{field}: {value!r} has the wrong type") from None


def _text(field: str, limit: int) -> Any:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(field, "must be text")
        if len(value) > limit:
            raise ValidationError(field, f"longer than {limit} characters")
        return value.strip() if field == "full_name" else value

    return check


def _list_of(normalise: Any) -> Any:
    def check(value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError
        return [normalise(v) for v in value]

    return check


_NORMALISERS = {
    "full_name": _text("full_name", MAX_NAME),
    "notes": _text("notes", MAX_NOTES),
    "phones": _list_of(normalize_phone),
    "emails": _list_of(normalize_email),
    "loyalty_card": lambda value: (
        normalize_card(value)
        if value is None or isinstance(value, str)
        else _raise_type("loyalty_card", value)
    ),
}


def _raise_type(field: str, value: Any) -> Any:
    raise ValidationError(field, f"{value!r} has the wrong type")


def _same(current: Any, other: Any) -> bool:
    if isinstance(current, list | tuple) and isinstance(other, list | tuple):
        return list(current) == list(other)
    return current == other


def _check_card_free(ctx: ApplyContext, customer: Customer | None, wanted: dict[str, Any]) -> None:
    card = wanted.get("loyalty_card")
    if card is None:
        return
    holder = ctx.session.scalar(
        select(Customer.account_number).where(
            Customer.loyalty_card == card,
            Customer.id != (customer.id if customer is not None else ""),
        )
    )
    if holder is not None:
        raise ItemRejected(f"loyalty_card: {card} already belongs to account {holder}")
