"""Barcodes on the products: EAN-13, EAN-8, UPC-A (and GTIN-14 from cases of them).

A scanner types the digits and Enter; a person types them from the label, perhaps with spaces
or dashes. Every such code carries a check digit (GS1's modulo-10 with weights 3 and 1 from
the right), so a misread or mistyped digit is caught here, before a lookup can find the wrong
product. UPC-A is EAN-13 with a leading zero: both are kept as the 13-digit form, so the same
can on a shelf label and on an American invoice is one product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain.errors import ValidationError

_SEPARATORS = re.compile(r"[\s\-]")
_DIGITS = re.compile(r"[0-9]+")


class Symbology(StrEnum):
    EAN8 = "ean8"
    UPCA = "upca"
    EAN13 = "ean13"
    GTIN14 = "gtin14"


_BY_LENGTH = {8: Symbology.EAN8, 12: Symbology.UPCA, 13: Symbology.EAN13, 14: Symbology.GTIN14}


def check_digit(payload: str) -> int:
    """The GS1 check digit of ``payload`` (every digit of the code but the last)."""
    if not _DIGITS.fullmatch(payload):
        raise ValidationError("barcode", f"{payload!r} is not digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


@dataclass(frozen=True, slots=True)
class Barcode:
    """A checked code, kept in its canonical form: EAN-8 as 8 digits, UPC-A and EAN-13 as 13,
    GTIN-14 as 14 (so equal codes compare and index equal)."""

    code: str
    symbology: Symbology

    def __str__(self) -> str:
        return self.code


def parse_barcode(text: str) -> Barcode:
    """The barcode in ``text`` or a ``ValidationError`` saying what is wrong with it."""
    digits = _SEPARATORS.sub("", text)
    if not _DIGITS.fullmatch(digits):
        raise ValidationError(
            "barcode", f"{text!r} is not a barcode: only digits", code="barcode_not_digits"
        )
    symbology = _BY_LENGTH.get(len(digits))
    if symbology is None:
        raise ValidationError(
            "barcode",
            f"{text!r} has {len(digits)} digits; a barcode has 8, 12, 13 or 14",
            code="barcode_length",
            digits=len(digits),
        )
    expected = check_digit(digits[:-1])
    if int(digits[-1]) != expected:
        raise ValidationError(
            "barcode",
            f"{text!r}: the check digit is {digits[-1]}, it should be {expected}"
            " (a digit was misread or mistyped)",
            code="barcode_check_digit",
            expected=expected,
        )
    if symbology is Symbology.UPCA:
        return Barcode("0" + digits, Symbology.UPCA)
    return Barcode(digits, symbology)


def looks_like_barcode(text: str) -> bool:
    """True when ``text`` is a valid code: the search box's hint to rank products first."""
    try:
        parse_barcode(text)
    except ValidationError:
        return False
    return True
