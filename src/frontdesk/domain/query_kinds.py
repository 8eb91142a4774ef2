"""What kind of thing a query in the desk's one search box most likely names, from its shape.

An agent types whatever the caller reads out: a name, a phone, a receipt number off the paper
(``SHOP1-00000042``), an order number (``D12-O45``, ``WEB-7-00012-1``), a case number
(``D12-45``), a barcode off a label or a SKU. Numbers have shapes, and a barcode carries a
check digit, so the likely kind can be told before anything is read; that kind is listed
first and costs one point read. A query with no number's shape names a customer first.
"""

from __future__ import annotations

import re
from enum import StrEnum

from frontdesk.domain.cases import normalise_case_number
from frontdesk.domain.catalogue.barcodes import looks_like_barcode
from frontdesk.domain.errors import DomainError
from frontdesk.domain.order_numbers import normalise_desk_order_number
from frontdesk.domain.till import receipt_register


class Kind(StrEnum):
    CUSTOMER = "customer"
    RECEIPT = "receipt"
    ORDER = "order"
    CASE = "case"
    PRODUCT = "product"


#: The order of the groups when the query has no number's shape.
DEFAULT_ORDER = (Kind.CUSTOMER, Kind.PRODUCT, Kind.ORDER, Kind.CASE, Kind.RECEIPT)

#: The longest purchase number the cache keeps.
PURCHASE_NUMBER_MAX = 64

# Back-office order numbers: a channel and dash-separated numbers (``WEB-7-00012-1``), or a
# channel and one long number (``WEB-100234``).
_OFFICE_ORDER = re.compile(r"[A-Za-z]{2,10}(?:-[0-9]+){2,}|[A-Za-z]{2,10}-[0-9]{6,}")
# SKUs: a short letter prefix and a few digits, perhaps a variant letter (``FD-01021``).
_SKU = re.compile(r"[A-Za-z]{1,5}-?[0-9]{2,5}[A-Za-z0-9]?")


def is_receipt_number(text: str) -> bool:
    """``SHOP1-00000042``: a register code with a letter in it and eight digits."""
    try:
        register = receipt_register(text)
    except DomainError:
        return False
    return any(c.isalpha() for c in register)


def may_be_numbered(text: str) -> bool:
    """Whether ``text`` could be a purchase's or an order's number: one word with a digit.

    Such a word is looked up by number (a point read each) whatever its shape, listed after
    the kinds its shape names. Imported invoices are numbered in plain digits (``536365``,
    a return ``C536365``), and a channel may number its orders as it likes
    (``WEB-E2E-0042``); plain digits are no receipt's shape all the same, for a phone or a
    card is typed in digits too and names a customer far more often.
    """
    return (
        0 < len(text) <= PURCHASE_NUMBER_MAX
        and any(c.isdigit() for c in text)
        and (not any(c.isspace() for c in text))
    )


def _guessed(text: str) -> Kind | None:
    if normalise_case_number(text) is not None:
        return Kind.CASE
    if normalise_desk_order_number(text) is not None:
        return Kind.ORDER
    if is_receipt_number(text):
        return Kind.RECEIPT
    if looks_like_barcode(text):
        return Kind.PRODUCT
    if _OFFICE_ORDER.fullmatch(text):
        return Kind.ORDER
    if _SKU.fullmatch(text):
        return Kind.PRODUCT
    return None


def guess_kind(text: str) -> Kind | None:
    """The kind ``text``'s shape names (None: no number's shape, a customer most likely)."""
    return _guessed(text.strip())


def kinds_in_order(text: str) -> tuple[Kind, ...]:
    """Every kind, the one ``text``'s shape names first, then the usual order."""
    first = guess_kind(text)
    if first is None:
        return DEFAULT_ORDER
    return (first, *(kind for kind in DEFAULT_ORDER if kind is not first))
