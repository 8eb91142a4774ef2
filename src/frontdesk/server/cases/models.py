"""The tables of cases: the cases, their append-only history, and the reference lists the
back office keeps (categories, teams and their members, service-level policies, business
calendars). Every row a desk pulls carries ``change_seq`` like the other replicated rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base


class CaseCategory(Base):
    __tablename__ = "case_categories"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    #: A category taken out of use stays for the cases that carry it; new ones are refused.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class Team(Base):
    """A team and its queue; it works for one branch (its cases are pulled by its members'
    desks wherever they are)."""

    __tablename__ = "teams"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    branch: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class TeamMember(Base):
    __tablename__ = "team_members"
    team: Mapped[str] = mapped_column(
        ForeignKey("teams.code", ondelete="CASCADE"), primary_key=True
    )
    username: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class ServicePolicyRow(Base):
    """How fast a case of a category (``*``: any) and priority is answered and resolved, in
    business minutes."""

    __tablename__ = "service_policies"
    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    priority: Mapped[str] = mapped_column(String(10), primary_key=True)
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class BusinessCalendarRow(Base):
    """A branch's working hours (``*``: the company's default) and holidays, as the wire
    carries them: ``hours`` {"1": [["09:00", "18:00"]], ...}, ``holidays`` ISO dates."""

    __tablename__ = "business_calendars"
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    holidays: Mapped[list[str]] = mapped_column(JSON)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class Case(Base):
    """A customer's request; its id is the key of the ``case.open`` item that opened it."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: ``D12-00045``: the opening desk's prefix and its own sequence.
    number: Mapped[str] = mapped_column(String(24), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(ForeignKey("case_categories.code"))
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12))
    assignee_user: Mapped[str | None] = mapped_column(String(100), index=True)
    assignee_team: Mapped[str | None] = mapped_column(String(64))
    #: The branch of the user who opened it (the desk's branch).
    branch: Mapped[str] = mapped_column(String(100))
    opened_by: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    opened_at: Mapped[datetime] = mapped_column(index=True)
    #: By the server's policy and calendar (the desk's own estimate is not kept).
    due_at: Mapped[datetime | None]
    first_response_due_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)

    __table_args__ = (
        # A desk's cases in change order, by branch and by team (``server/cases/pull.py``).
        Index("ix_cases_branch_change_seq", "branch", "change_seq"),
        Index("ix_cases_assignee_team_change_seq", "assignee_team", "change_seq"),
    )


class CaseEvent(Base):
    """One line of a case's history (append-only): its id is the key of the item that made
    it, and ``branch`` the branch of its author."""

    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str | None] = mapped_column(String(10))
    old: Mapped[str | None] = mapped_column(String(200))
    new: Mapped[str | None] = mapped_column(String(200))
    branch: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: The case's branch and team, kept on each line (the team follows the case's
    #: assignment): a desk's lines are found by these indexes, in change order, without
    #: joining every line after the cursor to its case. Never sent to desks.
    case_branch: Mapped[str] = mapped_column(String(100))
    case_team: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_case_events_case_branch_change_seq", "case_branch", "change_seq"),
        Index("ix_case_events_case_team_change_seq", "case_team", "change_seq"),
    )


class CaseAttachmentBlob(Base):
    """An attachment's content, once per content whatever the cases it is attached to: kept
    in the database, as every server process must read it and none keeps files."""

    __tablename__ = "case_attachment_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class CaseAttachment(Base):
    """A file attached to a case: its id is the key of the ``case.attach`` item, as is the
    history line (``attached``) that brings it to desks."""

    __tablename__ = "case_attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("case_attachment_blobs.sha256"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    visibility: Mapped[str] = mapped_column(String(10))
    author: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
