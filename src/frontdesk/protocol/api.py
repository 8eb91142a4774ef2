"""Schemas of the API's own calls: health, sign-in, tokens, devices, errors."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from frontdesk.protocol.wire import UUID_PATTERN, InboundText, WireModel

API_PREFIX = "/api/v1"
#: Set on a 401 when an admin took the access back (user disabled or signed out everywhere,
#: device revoked), so a desk locks and forgets its login instead of retrying it.
ACCESS_HEADER = "X-Frontdesk-Access"
TAKEN_BACK = "taken-back"


class Role(StrEnum):
    AGENT = "agent"
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    #: Reads the transaction feed (server/reporting/): the back office and its BI tools.
    BACKOFFICE = "backoffice"


class Health(WireModel):
    status: str
    version: str
    database: str


class LoginRequest(WireModel):
    """A password login; a desk names its workstation, so the tokens are bound to it."""

    username: InboundText = Field(min_length=1, max_length=100)
    password: InboundText = Field(min_length=1, max_length=1000)
    device_id: str | None = Field(
        default=None, pattern=UUID_PATTERN, description="the workstation's id (registered if new)"
    )
    device_name: InboundText = Field(default="", max_length=100)


class RefreshRequest(WireModel):
    refresh_token: InboundText = Field(min_length=16, max_length=200)


class UserPublic(WireModel):
    username: str
    role: Role
    branch: str


class UserAccountPublic(UserPublic):
    """A user as the admin pages list it: whether the account is disabled, never a secret."""

    disabled: bool = False


class PasswordReset(WireModel):
    """An admin's new password for a user; the server checks it as ``user add`` does."""

    password: InboundText = Field(min_length=1, max_length=1000)


class DevicePublic(WireModel):
    """A registered workstation: who registered it, when a token was last used on it."""

    id: str
    name: str
    branch: str
    registered_by: str
    last_seen: datetime | None = None
    revoked_at: datetime | None = None


class TokenPair(WireModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    user: UserPublic
    device_id: str | None = Field(
        default=None, description="the device the tokens are bound to (null: none)"
    )
    case_prefix: str | None = Field(
        default=None,
        pattern=r"^D[1-9][0-9]{0,8}$",
        description="the device's prefix for the case numbers it gives (`D12`: D12-00045)",
    )


class DeviceRegistration(WireModel):
    device_id: str = Field(
        pattern=UUID_PATTERN, description="made by the workstation, kept in its cache"
    )
    name: InboundText = Field(default="", max_length=100)


class ErrorBody(WireModel):
    detail: str
