"""Payloads of the desk's writes about customers: contacts, edits, new customers, offers.

Each is the ``payload`` of one push item kind (see ``protocol.push``). Every text and list is
bounded, so a tampered desk cannot make the server store or hash unbounded input.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from frontdesk.protocol.wire import Text, WireModel

MAX_CONTACTS = 20  # phone numbers or e-mail addresses of one customer
ChannelName = Literal["call", "visit", "email"]
Contact = Text(200)
Contacts = Annotated[list[Contact], Field(max_length=MAX_CONTACTS)]
CustomerId = Text(36, min_length=1)


class InteractionRecord(WireModel):
    """A call, visit or e-mail logged at a desk; the item's key is the interaction's id."""

    customer_id: CustomerId
    channel: ChannelName
    occurred_at: AwareDatetime
    reason: Text(200, min_length=1)
    notes: Text(10_000) = ""
    outcome: Text(200) = ""
    follow_up: date | None = None


EDITABLE_CUSTOMER_FIELDS = ("full_name", "phones", "emails", "notes", "loyalty_card")
EditableField = Literal["full_name", "phones", "emails", "notes", "loyalty_card"]
#: A field's value as an edit carries it: text, a list of contacts, or none (no card).
FieldValue = Text(10_000) | Contacts | None


class FieldChange(WireModel):
    old: FieldValue
    new: FieldValue


class CustomerEdit(WireModel):
    """An edit of a customer: each field with the value the edit started from."""

    customer_id: CustomerId
    changes: dict[EditableField, FieldChange] = Field(min_length=1)


class CustomerCreate(WireModel):
    """A customer first registered at a desk; the item's key is the customer's id.

    ``branch`` empty means the pushing user's branch.
    """

    customer_id: CustomerId
    account_number: Text(64, min_length=1)
    full_name: Text(200) = ""
    phones: Contacts = Field(default_factory=list)
    emails: Contacts = Field(default_factory=list)
    loyalty_card: Text(64) | None = None
    branch: Text(100) = ""
    notes: Text(10_000) = ""
    created_at: AwareDatetime


class CrossSellFeedbackRecord(WireModel):
    """What became of one cross-sell offer."""

    customer_id: CustomerId
    sku: Text(64, min_length=1)
    outcome: Literal["offered", "accepted", "declined"]
    model_version: int = Field(ge=1, le=2**31 - 1)
    occurred_at: AwareDatetime
