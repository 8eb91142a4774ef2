"""The desk's side of the version rules (``protocol.versions``): learn them, hold back, say so.

At each full sync the desk first asks the server which desk versions it takes
(``GET /desk/version``: no token, nothing read from the server's database, a few hundred
bytes beside the pull that follows) and keeps the answer in its cache. Below the minimum it
sends nothing: every write stays pending in the outbox, and the pull still runs, so lookups
stay fresh. A push on its own (after a new write) goes by what the cache kept; a server
that raised its minimum since answers 426, which the desk takes the same way. Once the desk
is updated, or the server lowers its minimum, the next sync sends what was kept, each item
once (the outbox's keys make a resend harmless anyway).
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from datetime import datetime
from typing import Any

from frontdesk.protocol.versions import DeskVersions, below_minimum, newer_available
from frontdesk.services.errors import DeskTooOld
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.sync.push import AbstractPushTransport, PushResult, push_all

#: What ``update_due`` says: the server takes nothing from this desk until it is updated;
#: a newer version is out (the desk still works and sends as before).
REQUIRED, AVAILABLE = "required", "available"


class AbstractVersionSource(abc.ABC):
    """Where the server's published desk versions come from."""

    @abc.abstractmethod
    def desk_versions(self) -> DeskVersions | None:
        """None: the server publishes none (it takes every desk's pushes)."""


def learn_versions(source: AbstractVersionSource, uow: AbstractUnitOfWork) -> DeskVersions | None:
    """Ask the server's desk versions and keep them in the cache."""
    versions = source.desk_versions()
    _keep(uow, versions)
    return versions


def push_unless_too_old(
    transport: AbstractPushTransport,
    uow: AbstractUnitOfWork,
    *,
    desk_version: str,
    batch_size: int,
    clock: Callable[[], datetime],
) -> PushResult:
    """``push_all``, unless the server takes nothing from ``desk_version``: then nothing is
    sent and the result counts the items held back (still pending).

    Raises:
        DeskTooOld: only when a 426 did not say which versions the server takes.
    """
    with uow:
        versions = uow.sync_state.server_versions()
    if versions is not None and below_minimum(desk_version, versions.minimum):
        return _held_back(uow)
    try:
        return push_all(transport, uow, batch_size=batch_size, clock=clock)
    except DeskTooOld as refused:  # the minimum was raised since the desk last asked
        if refused.versions is None:
            raise
        _keep(uow, refused.versions)
        return _held_back(uow)


def update_due(desk_version: str, versions: DeskVersions | None) -> str | None:
    """``REQUIRED``, ``AVAILABLE`` or None (up to date, or the server's rules not known)."""
    if versions is None:
        return None
    if below_minimum(desk_version, versions.minimum):
        return REQUIRED
    if newer_available(desk_version, versions.current):
        return AVAILABLE
    return None


def update_status(uow: AbstractUnitOfWork, desk_version: str) -> dict[str, Any]:
    """The version part of ``sync_status``: this desk's, the server's, and what is due."""
    with uow:
        versions = uow.sync_state.server_versions()
    return {
        "desk_version": desk_version,
        "server_current_version": versions.current if versions else None,
        "server_minimum_version": versions.minimum if versions else None,
        "download_url": versions.download_url if versions else None,
        "update": update_due(desk_version, versions),
    }


def _keep(uow: AbstractUnitOfWork, versions: DeskVersions | None) -> None:
    with uow:
        uow.sync_state.keep_server_versions(versions)
        uow.commit()


def _held_back(uow: AbstractUnitOfWork) -> PushResult:
    with uow:
        return PushResult(held_back=uow.outbox.counts().pending)
