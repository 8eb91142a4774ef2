"""Who may write to a register, and which payments a refund may reach.

Only cashiers and supervisors push till items; admins run the back office, not a till, and
agents never take money. A register belongs to the branch of the first cashier who pushed
to it, and only that branch's staff extend its journal. A refund or void reaches only a
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


def check_register_branch(head: TillRegister | None, user: User) -> None:
    """Refuse (403) an author of another branch than the register's; claim an unclaimed one."""
    if head is None:
        return
    if head.branch is None:
        head.branch = user.branch
    elif head.branch != user.branch:
        raise ItemForbidden(f"register {head.register} belongs to another branch")


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
