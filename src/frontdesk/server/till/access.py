"""Who may write to a register, and which payments a refund may reach.

Only cashiers and supervisors push till items; admins run the back office, not a till, and
agents never take money. A register is set up by an admin (``server.till.registers``) for
one branch, and only that branch's staff, at the device it is bound to, extend its journal;
a register nobody added, or one retired, takes nothing. A refusal of another branch's
register never names that branch. A refund or void reaches only a
payment its own branch's tills can see (the payment's feed row names the branch); one of
another branch is answered exactly as one that does not exist, so a refusal never tells a
branch what another one took.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.protocol import Role
from frontdesk.server.models import User
from frontdesk.server.push_items import ItemForbidden, ItemRejected
from frontdesk.server.till.models import TillFeedRow, TillPayment, TillRegister

TILL_ROLES = frozenset({Role.CASHIER, Role.SUPERVISOR})


def check_till_user(user: User) -> None:
    """Refuse (403) an author whose role does not work a till."""
    if user.role not in TILL_ROLES:
        raise ItemForbidden(f"{user.username} is a {user.role}: only cashiers and supervisors "
                            "push till items")  # fmt: skip


def checked_register(
    head: TillRegister | None, code: str, *, user: User, device_id: str
) -> TillRegister:
    """The register ``code`` if ``user`` at ``device_id`` may extend its journal; else 403.

    A register bound to no device is bound here to the first device of its branch that
    pushes to it (inside the item's savepoint: a refused item binds nothing).
    """
    if head is None:
        raise ItemForbidden(
            f"register {code} is not set up on this server: an admin adds it with "
            "`frontdesk-server register add`"
        )
    if not head.branch:
        raise ItemForbidden(
            f"register {code} belongs to no branch yet: an admin binds it with "
            f"`frontdesk-server register move {code} --branch BRANCH`"
        )
    if head.branch != user.branch:
        raise ItemForbidden(f"register {code} belongs to another branch")
    if head.retired_at is not None:
        raise ItemForbidden(f"register {code} is retired and takes no further entries")
    if head.device_id is None:
        head.device_id = device_id
    elif head.device_id != device_id:
        raise ItemForbidden(f"register {code} is bound to another device")
    return head


def payment_of_branch(session: Session, payment_id: str, branch: str) -> TillPayment:
    """The payment ``payment_id`` if ``branch``'s tills can see it; else as if there were none."""
    query = (
        select(TillPayment)
        .join(TillFeedRow, TillFeedRow.id == TillPayment.id)
        .where(TillPayment.id == payment_id, TillFeedRow.branch == branch)
    )
    payment = session.execute(query).scalar_one_or_none()
    if payment is None:
        raise ItemRejected(f"entry.body.links_to: no payment {payment_id!r}")
    return payment
