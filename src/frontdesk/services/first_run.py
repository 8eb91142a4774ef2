"""Where a desk stands on its way to work: not connected, first pull unfinished, or ready.

The window asks this at start: a desk with no server opens on the setup page, one whose
first pull was cut short (cancelled, closed, the network gone) opens on the pull page to
continue from its saved cursor, and a ready desk opens on its sign-in screen.
"""

from __future__ import annotations

from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: No server yet: ask for its address and a sign-in.
CONNECT = "connect"
#: Signed in, but the first pull has not finished: continue it.
FIRST_PULL = "first_pull"
#: Connected and loaded: the desk itself.
READY = "ready"


def desk_stage(uow: AbstractUnitOfWork) -> str:
    """``CONNECT``, ``FIRST_PULL`` or ``READY`` (see the module's docstring).

    The first pull is unfinished while nothing was ever pulled, or while a pull that
    brought changes left the lookup index short (a bulk load builds it at its last page).
    """
    with uow:
        state = uow.sync_state.get()
        if not state.server_url or not state.username:
            return CONNECT
        if state.last_pull_at is None:
            return FIRST_PULL
        return FIRST_PULL if state.cursor > 0 and uow.replica.bulk_load_due() else READY


def last_user(uow: AbstractUnitOfWork) -> str:
    """Who signed in at this desk last (online or offline), for the sign-in screen."""
    with uow:
        return uow.workstation.get().desk_user or uow.sync_state.get().username or ""
