"""What the till refuses, said twice: in English for the CLI and logs (``str(error)``), and as
a ``code`` with ``params`` for the window, which words it in the cashier's language.

``field`` (a param) names the input the refusal is about (``amount``, ``discount``,
``supervisor``...); the English message starts with it, as every till message always has.
Params are plain values (``Money``, ``Decimal``, ``str``, ``int``); no Qt here.
"""

from __future__ import annotations

from frontdesk.services.errors import FrontdeskError


class TillRefused(FrontdeskError):
    """The till cannot do this (bad input, no open shift, nothing left to refund...).

    Args:
        message: the English text, ``field: what is wrong`` where a field is concerned.
        code: what the window looks its own wording up by; empty for texts that come
            from the domain's checks (the window shows those as they are).
        params: the values the wording needs.
    """

    def __init__(self, message: str, *, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


class ApprovalRefused(TillRefused):
    """The supervisor's sign-in failed or the supervisor may not approve."""


class ApprovalNeeded(TillRefused):
    """The payment's discount is over the cashier's limit and no supervisor approved it."""


class UnsyncedShift(TillRefused):
    """The shift has transactions the server has not acknowledged yet."""
