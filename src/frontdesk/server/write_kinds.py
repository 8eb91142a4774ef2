"""The one registry of write kinds: which applier takes each kind of push item.

Built here, in one place, from the appliers' modules; nothing registers itself on import.
``protocol.push.KINDS`` names every kind a desk may send, and a test keeps the two equal.
"""

from __future__ import annotations

from functools import partial

from frontdesk.protocol import push as kinds
from frontdesk.server import crosssell_feedback, customer_writes
from frontdesk.server.cases import attachments
from frontdesk.server.cases import writes as cases
from frontdesk.server.knowledge import writes as knowledge
from frontdesk.server.orders import writes as orders
from frontdesk.server.push import Handler, Registry
from frontdesk.server.till import bulk as till_bulk
from frontdesk.server.till import journal as till
from frontdesk.server.till.signing import JournalSigner


def registry(signer: JournalSigner) -> Registry:
    """Each item model with the applier that takes it (and its bulk applier, if any); the
    till's appliers sign their journal entries with ``signer``."""
    till_entry = Handler(
        partial(till.apply_till_entry, signer=signer),
        bulk=partial(till_bulk.apply_till_entries, signer=signer),
        in_order=till_bulk.entries_in_order,
    )
    return Registry(
        {
            kinds.InteractionRecordItem: Handler(
                customer_writes.apply_interaction, bulk=customer_writes.apply_interactions
            ),
            kinds.CustomerEditItem: Handler(customer_writes.apply_customer_edit),
            kinds.CustomerCreateItem: Handler(customer_writes.apply_customer_create),
            kinds.CrossSellFeedbackItem: Handler(
                crosssell_feedback.apply_feedback, bulk=crosssell_feedback.apply_feedbacks
            ),
            kinds.TillShiftOpenItem: till_entry,
            kinds.TillPaymentItem: till_entry,
            kinds.TillRefundItem: till_entry,
            kinds.TillVoidItem: till_entry,
            kinds.TillShiftCloseItem: till_entry,
            kinds.CaseOpenItem: Handler(
                cases.apply_case_open,
                bulk=cases.apply_case_opens,
                in_order=cases.opens_in_order,
            ),
            kinds.CaseCommentItem: Handler(
                cases.apply_case_comment,
                bulk=cases.apply_case_comments,
                in_order=cases.comments_in_order,
            ),
            kinds.CaseAssignItem: Handler(cases.apply_case_assign),
            kinds.CaseStatusItem: Handler(
                cases.apply_case_status,
                bulk=cases.apply_case_statuses,
                in_order=cases.statuses_in_order,
            ),
            kinds.CaseAttachItem: Handler(attachments.apply_case_attach),
            kinds.OrderPlaceItem: Handler(orders.apply_order_place),
            kinds.OrderCancelRequestItem: Handler(orders.apply_order_cancel_request),
            kinds.KbFeedbackItem: Handler(knowledge.apply_feedback, bulk=knowledge.apply_feedbacks),
            kinds.KbDraftItem: Handler(knowledge.apply_draft),
        }
    )
