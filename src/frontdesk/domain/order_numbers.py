"""The numbers a desk gives its phone orders, and the forms agents type numbers back in.

A desk numbers its phone orders from its own counter under the device prefix the server
gave it (the prefix its case numbers use): ``D12-O00045``, so two desks never give one
number, offline or not. Tracking numbers are read out over the phone with spaces and in
any case; their key keeps capitals and digits only.
"""

from __future__ import annotations

import re

from frontdesk.domain.cases import DEVICE_PREFIX
from frontdesk.domain.errors import ValidationError

ORDER_DIGITS = 5
_DESK_NUMBER = re.compile(r"\s*[dD]\s*([1-9][0-9]{0,8})\s*-\s*[oO]\s*([0-9]{1,12})\s*")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def desk_order_number(prefix: str, sequence: int) -> str:
    """``D12-O00045``: the ``sequence``-th phone order taken at the desk with ``prefix``."""
    if not DEVICE_PREFIX.match(prefix):
        raise ValidationError("prefix", f"{prefix!r} is not a device's prefix (D and a number)")
    if sequence < 1:
        raise ValidationError("sequence", f"a desk's order sequence starts at 1, not {sequence}")
    return f"{prefix}-O{sequence:0{ORDER_DIGITS}d}"


def normalise_desk_order_number(text: str) -> str | None:
    """The desk order number an agent typed (``d12-o45``), in its stored form, or None."""
    match = _DESK_NUMBER.fullmatch(text)
    if match is None or int(match.group(2)) < 1:
        return None
    return f"D{match.group(1)}-O{int(match.group(2)):0{ORDER_DIGITS}d}"


def tracking_key(text: str | None) -> str | None:
    """A tracking number as it is looked up: capitals and digits only (None if nothing is left)."""
    key = _NOT_ALNUM.sub("", text or "").upper()
    return key or None
