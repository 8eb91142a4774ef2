"""The push side of sync: every kind of write a desk sends, declared once.

Each kind is one item model here, with its ``kind`` literal and its typed ``payload``; the
union ``PushItem`` of all of them is the contract (``PushRequest``, in the OpenAPI schema).
The desk's outbox stores each payload as its model serialised it; the server reads a batch
as ``PushBatch`` (items still unparsed) and checks each item against ``PushItem`` on its own,
so one malformed item is refused with its field and reason and never fails its batch.
Adding a kind: a payload model, an item model below, its member in ``PushItem``, and its
applier in the server's registry (``server/write_kinds.py``); a test keeps the two in step.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

from frontdesk.protocol import cases, knowledge, orders, till, writes
from frontdesk.protocol.wire import UUID_PATTERN, Text, UuidText, WireModel

MAX_PUSH_ITEMS = 500


class _Item(WireModel):
    """One local write. ``key`` (a UUID the desk generated) makes applying it idempotent."""

    key: UuidText
    seq: int = Field(ge=1, le=2**63 - 1, description="the workstation's own sequence number")
    created_at: AwareDatetime
    author: Text(100, min_length=1) | None = Field(
        default=None,
        description="the user who made the write at the desk (null: the pushing user); "
        "must have signed in on the pushing device",
    )


class InteractionRecordItem(_Item):
    kind: Literal["interaction.record"]
    payload: writes.InteractionRecord


class CustomerEditItem(_Item):
    kind: Literal["customer.edit"]
    payload: writes.CustomerEdit


class CustomerCreateItem(_Item):
    kind: Literal["customer.create"]
    payload: writes.CustomerCreate


class CrossSellFeedbackItem(_Item):
    kind: Literal["crosssell.feedback"]
    payload: writes.CrossSellFeedbackRecord


class CaseOpenItem(_Item):
    kind: Literal["case.open"]
    payload: cases.CaseOpen


class CaseCommentItem(_Item):
    kind: Literal["case.comment"]
    payload: cases.CaseComment


class CaseAssignItem(_Item):
    kind: Literal["case.assign"]
    payload: cases.CaseAssign


class CaseStatusItem(_Item):
    kind: Literal["case.status"]
    payload: cases.CaseStatusChange


class CaseAttachItem(_Item):
    kind: Literal["case.attach"]
    payload: cases.CaseAttach


class OrderPlaceItem(_Item):
    kind: Literal["order.place"]
    payload: orders.OrderPlace


class OrderCancelRequestItem(_Item):
    kind: Literal["order.cancel_request"]
    payload: orders.OrderCancelRequest


class KbFeedbackItem(_Item):
    kind: Literal["kb.feedback"]
    payload: knowledge.KbFeedback


class KbDraftItem(_Item):
    kind: Literal["kb.draft"]
    payload: knowledge.KbDraft


class TillShiftOpenItem(_Item):
    kind: Literal["till.shift_open"]
    payload: till.TillShiftOpen


class TillPaymentItem(_Item):
    kind: Literal["till.payment"]
    payload: till.TillPayment


class TillRefundItem(_Item):
    kind: Literal["till.refund"]
    payload: till.TillRefund


class TillVoidItem(_Item):
    kind: Literal["till.void"]
    payload: till.TillVoid


class TillShiftCloseItem(_Item):
    kind: Literal["till.shift_close"]
    payload: till.TillShiftClose


ITEM_MODELS: tuple[type[_Item], ...] = (
    InteractionRecordItem,
    CustomerEditItem,
    CustomerCreateItem,
    CrossSellFeedbackItem,
    TillShiftOpenItem,
    TillPaymentItem,
    TillRefundItem,
    TillVoidItem,
    TillShiftCloseItem,
    CaseOpenItem,
    CaseCommentItem,
    CaseAssignItem,
    CaseStatusItem,
    CaseAttachItem,
    OrderPlaceItem,
    OrderCancelRequestItem,
    KbFeedbackItem,
    KbDraftItem,
)

PushItem = Annotated[
    InteractionRecordItem
    | CustomerEditItem
    | CustomerCreateItem
    | CrossSellFeedbackItem
    | TillShiftOpenItem
    | TillPaymentItem
    | TillRefundItem
    | TillVoidItem
    | TillShiftCloseItem
    | CaseOpenItem
    | CaseCommentItem
    | CaseAssignItem
    | CaseStatusItem
    | CaseAttachItem
    | OrderPlaceItem
    | OrderCancelRequestItem
    | KbFeedbackItem
    | KbDraftItem,
    Field(discriminator="kind"),
]
PUSH_ITEM: TypeAdapter[Any] = TypeAdapter(PushItem)


def kind_of(model: type[_Item]) -> str:
    """The ``kind`` literal of an item model."""
    (kind,) = get_args(model.model_fields["kind"].annotation)
    return kind


#: Every kind of write, by its name on the wire.
KINDS: dict[str, type[_Item]] = {kind_of(model): model for model in ITEM_MODELS}
INTERACTION_RECORD = kind_of(InteractionRecordItem)
CUSTOMER_EDIT = kind_of(CustomerEditItem)
CUSTOMER_CREATE = kind_of(CustomerCreateItem)
#: The item model of each payload model: how a desk names the kind of what it writes.
KIND_OF_PAYLOAD: dict[type[BaseModel], str] = {
    model.model_fields["payload"].annotation: kind_of(model)  # type: ignore[misc]
    for model in ITEM_MODELS
}


#: A desk's write: the payload of one of the kinds above.
Write = (
    writes.InteractionRecord
    | writes.CustomerEdit
    | writes.CustomerCreate
    | writes.CrossSellFeedbackRecord
    | till.TillShiftOpen
    | till.TillPayment
    | till.TillRefund
    | till.TillVoid
    | till.TillShiftClose
    | cases.CaseOpen
    | cases.CaseComment
    | cases.CaseAssign
    | cases.CaseStatusChange
    | cases.CaseAttach
    | orders.OrderPlace
    | orders.OrderCancelRequest
    | knowledge.KbFeedback
    | knowledge.KbDraft
)


def outbox_form(write: Write) -> tuple[str, dict[str, Any]]:
    """The kind of ``write`` and its payload as the outbox keeps it and the desk sends it.

    Only the fields that were given are written: a till entry's payload must stay exactly
    the content its hash was taken over.
    """
    payload = write.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return KIND_OF_PAYLOAD[type(write)], payload


class PushRequest(WireModel):
    """``POST /sync/push``: a batch of the device's writes, oldest first."""

    device_id: UuidText
    items: list[PushItem] = Field(min_length=1, max_length=MAX_PUSH_ITEMS)


class ItemEnvelope(WireModel):
    """An item as the desk sends it: the payload exactly as its outbox stored it."""

    key: str = Field(pattern=UUID_PATTERN)
    kind: str = Field(min_length=1, max_length=40)
    seq: int = Field(ge=1, le=2**63 - 1)
    created_at: datetime
    payload: dict[str, Any]
    author: str | None = None


class PushBatch(WireModel):
    """``PushRequest`` as the server first reads it: each item is checked on its own."""

    device_id: UuidText
    items: list[JsonValue] = Field(min_length=1, max_length=MAX_PUSH_ITEMS)


class PushStatus(StrEnum):
    APPLIED = "applied"  # applied now or earlier (``replayed``); the desk marks it sent
    REJECTED = "rejected"  # the item itself is wrong; retrying the same body cannot help
    CONFLICT = "conflict"  # the key was applied before with another body (HTTP 409 per item)
    #: Not applied yet, but the same item may take effect later (an attachment whose content
    #: has not been uploaded); the desk keeps it pending and sends it again.
    DEFERRED = "deferred"


class _Answer(WireModel):
    """What the server answers: a desk ignores fields a newer server adds, rather than
    refusing the whole answer and stopping its sync until it is updated."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ItemResult(_Answer):
    key: str
    status: PushStatus
    detail: str = ""
    replayed: bool = False
    result: dict[str, Any] = Field(default_factory=dict)
    code: int = Field(
        default=200,
        description="the item's own HTTP-style status: 200 applied, 422 malformed, "
        "409 conflict, 400 refused by a rule, 424 deferred (send it again later)",
    )


class PushResponse(_Answer):
    results: list[ItemResult]
