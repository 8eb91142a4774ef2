"""Offline sign-in at a desk: one argon2id verifier per user who logged in online here.

A shared till is used by several people; each can unlock it offline with their own password
for a while after their own last online login there. The verifier is a slow salted hash,
never the password.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.tables import Base
from frontdesk.services.outbox import AbstractOfflineUnlock, OfflineLogin


class DeskLoginRow(Base):
    """A user's last online login here and the verifier of that password."""

    __tablename__ = "desk_logins"
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    server_url: Mapped[str] = mapped_column(String(300))
    verifier: Mapped[str] = mapped_column(String(200))
    online_login_at: Mapped[datetime]
    unlocked_at: Mapped[datetime | None]
    role: Mapped[str | None] = mapped_column(String(20))  # the role at that online login


class SqlAlchemyOfflineUnlock(AbstractOfflineUnlock):
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, username: str | None = None) -> OfflineLogin | None:
        if username is not None:
            row = self._session.get(DeskLoginRow, username)
        else:
            latest = select(DeskLoginRow).order_by(DeskLoginRow.online_login_at.desc()).limit(1)
            row = self._session.scalars(latest).first()
        return None if row is None else _login(row)

    def remember(self, login: OfflineLogin) -> None:
        self._session.merge(
            DeskLoginRow(
                username=login.username,
                server_url=login.server_url,
                verifier=login.verifier,
                online_login_at=login.online_login_at,
                unlocked_at=login.unlocked_at,
                role=login.role,
            )
        )

    def mark_unlocked(self, username: str, *, at: datetime) -> None:
        self._session.get_one(DeskLoginRow, username).unlocked_at = at

    def forget(self, username: str) -> None:
        row = self._session.get(DeskLoginRow, username)
        if row is not None:
            self._session.delete(row)

    def forget_all(self) -> None:
        self._session.execute(delete(DeskLoginRow))


def _login(row: DeskLoginRow) -> OfflineLogin:
    return OfflineLogin(
        server_url=row.server_url,
        username=row.username,
        verifier=row.verifier,
        online_login_at=row.online_login_at,
        unlocked_at=row.unlocked_at,
        role=row.role,
    )
