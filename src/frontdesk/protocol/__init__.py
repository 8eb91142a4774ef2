"""Wire schemas shared by the desk's central client and the server (pydantic, JSON over HTTPS).

``api``: sign-in, tokens, devices, errors. ``pull``: the read path. ``push``: the one union of
every write a desk sends, whose payloads live in ``writes`` (customers, contacts, offers) and
``till`` (journal entries). ``reports``: what the back office reads. ``wire``: what they share.
"""

from frontdesk.protocol.api import (
    ACCESS_HEADER,
    API_PREFIX,
    TAKEN_BACK,
    DeviceRegistration,
    ErrorBody,
    Health,
    LoginRequest,
    RefreshRequest,
    Role,
    TokenPair,
    UserPublic,
)
from frontdesk.protocol.pull import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    CrossSellModelPublic,
    CustomerPublic,
    InteractionPublic,
    ProductPublic,
    PullPage,
    PurchaseLinePublic,
    PurchasePublic,
    TillTenderPublic,
    TillTransactionPublic,
)
from frontdesk.protocol.push import (
    KINDS,
    MAX_PUSH_ITEMS,
    PUSH_ITEM,
    ItemEnvelope,
    ItemResult,
    PushBatch,
    PushItem,
    PushRequest,
    PushResponse,
    PushStatus,
)
from frontdesk.protocol.reports import AcceptanceRow, CrossSellAcceptanceReport
from frontdesk.protocol.wire import InboundText, WireModel
from frontdesk.protocol.writes import (
    EDITABLE_CUSTOMER_FIELDS,
    CrossSellFeedbackRecord,
    CustomerCreate,
    CustomerEdit,
    FieldChange,
    InteractionRecord,
)

__all__ = [
    "ACCESS_HEADER",
    "API_PREFIX",
    "DEFAULT_PAGE_SIZE",
    "EDITABLE_CUSTOMER_FIELDS",
    "KINDS",
    "MAX_PAGE_SIZE",
    "MAX_PUSH_ITEMS",
    "PUSH_ITEM",
    "TAKEN_BACK",
    "AcceptanceRow",
    "CrossSellAcceptanceReport",
    "CrossSellFeedbackRecord",
    "CrossSellModelPublic",
    "CustomerCreate",
    "CustomerEdit",
    "CustomerPublic",
    "DeviceRegistration",
    "ErrorBody",
    "FieldChange",
    "Health",
    "InboundText",
    "InteractionPublic",
    "InteractionRecord",
    "ItemEnvelope",
    "ItemResult",
    "LoginRequest",
    "ProductPublic",
    "PullPage",
    "PurchaseLinePublic",
    "PurchasePublic",
    "PushBatch",
    "PushItem",
    "PushRequest",
    "PushResponse",
    "PushStatus",
    "RefreshRequest",
    "Role",
    "TillTenderPublic",
    "TillTransactionPublic",
    "TokenPair",
    "UserPublic",
    "WireModel",
]
