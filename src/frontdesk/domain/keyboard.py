"""Keyboard layout slips: text typed on the ЙЦУКЕН layout while QWERTY was on, or back.

An agent who switches layouts all day types "cjkjdmtd .hbq" meaning «соловьёв юрий» and
"ьшесрудд вщттф" meaning "mitchell donna". ``swap_layout`` reads the keys that were pressed
in the other layout. Punctuation keys carry letters there (``.`` is ю, ``;`` is ж), so a
slipped query is mapped before it is split into words.
"""

from __future__ import annotations

# The same physical keys, unshifted then shifted, in the same order on both rows.
_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./" + '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?'
_JCUKEN = "ёйцукенгшщзхъфывапролджэячсмитьбю." + "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"
_TO_JCUKEN = str.maketrans(_QWERTY, _JCUKEN)
_TO_QWERTY = str.maketrans(_JCUKEN, _QWERTY)


def swap_layout(text: str) -> str:
    """``text`` as the same keys give in the other layout; the direction follows the letters.

    Text with more Cyrillic than Latin letters is read back to QWERTY, anything else to
    ЙЦУКЕН. Keys the other layout does not move (digits, space, ``@``) stay as they are.
    """
    cyrillic = sum(1 for char in text if "а" <= char.lower() <= "я" or char in "ёЁ")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return text.translate(_TO_QWERTY if cyrillic > latin else _TO_JCUKEN)


def slipped(text: str) -> str | None:
    """The other layout's reading of ``text`` when it has letters to move; else None."""
    swapped = swap_layout(text)
    moved = any(a != b and (a.isalpha() or b.isalpha()) for a, b in zip(text, swapped, strict=True))
    return swapped if moved else None
