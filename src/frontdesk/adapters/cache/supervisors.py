"""Verifiers of the supervisors who signed in online at this desk, for offline approval.

One row per supervisor: an argon2id verifier of their password (never the password), their
role and when they last signed in online here (``services.till.approval``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.tables import Base
from frontdesk.services.till.ports import AbstractSupervisorVerifiers, SupervisorVerifier


class SupervisorVerifierRow(Base):
    __tablename__ = "till_supervisors"
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    verifier: Mapped[str] = mapped_column(String(200))
    online_at: Mapped[datetime]


class SqlAlchemySupervisorVerifiers(AbstractSupervisorVerifiers):
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, username: str) -> SupervisorVerifier | None:
        row = self._session.get(SupervisorVerifierRow, username)
        if row is None:
            return None
        return SupervisorVerifier(row.username, row.role, row.verifier, row.online_at)

    def remember(self, verifier: SupervisorVerifier) -> None:
        self._session.merge(
            SupervisorVerifierRow(
                username=verifier.username,
                role=verifier.role,
                verifier=verifier.verifier,
                online_at=verifier.online_at,
            )
        )

    def forget(self, username: str) -> None:
        row = self._session.get(SupervisorVerifierRow, username)
        if row is not None:
            self._session.delete(row)

    def forget_all(self) -> None:
        self._session.execute(delete(SupervisorVerifierRow))
