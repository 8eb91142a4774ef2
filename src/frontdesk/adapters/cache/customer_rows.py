"""A customer as a cache row, with its derived search columns in their one layout.

The pull (``replica``) and the desk's own writes (``outbox``) both build customer rows; the
lookup index relies on the derived columns looking the same whichever of them wrote the row.
"""

from __future__ import annotations

import re
from typing import Any

from frontdesk.protocol import CustomerPublic

_NON_DIGITS = re.compile(r"\D")


def customer_row(customer: CustomerPublic) -> dict[str, Any]:
    return {
        "id": customer.id,
        "account_number": customer.account_number,
        "full_name": customer.full_name,
        "phones": list(customer.phones),
        "emails": list(customer.emails),
        "loyalty_card": customer.loyalty_card,
        "branch": customer.branch,
        "notes": customer.notes,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
        "seq": customer.seq,
        "name_fold": customer.full_name.casefold(),
        "emails_fold": " ".join(customer.emails).casefold(),
        "phone_digits": phone_digits_column(customer.phones),
    }


def phone_digits_column(phones: list[str]) -> str:
    """Digits of every phone, space-separated, padded so ``% n %`` matches one exactly."""
    digits = [_NON_DIGITS.sub("", phone) for phone in phones]
    return f" {' '.join(d for d in digits if d)} "
