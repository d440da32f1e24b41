"""The append-only audit log and the record of each legacy migration run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, FetchedValue, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """Who did what, when. The database refuses UPDATE and DELETE on this table."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_recorded", "recorded_at", "id"),
        Index("ix_audit_log_agent_recorded", "agent_id", "recorded_at"),
        Index("ix_audit_log_action_recorded", "action", "recorded_at"),
        Index("ix_audit_log_ticket", "ticket_id", "id"),
        Index("ix_audit_log_xact", "xact"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None for the system itself (migrations, demo data).
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column()
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # PostgreSQL: the writing transaction's id (`pg_current_xact_id()`, a server default of
    # revision 0007), so that the change feed reads entries by commit, not by id. NULL on
    # SQLite (one writer at a time: ids are in commit order) and for older entries.
    xact: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())


class MigrationRun(Base):
    __tablename__ = "migration_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    source: Mapped[str] = mapped_column(Text)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    # running, completed, cancelled, failed
    status: Mapped[str] = mapped_column(String(16), default="running")
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RedactionPermit(Base):
    """Lets an erasure of personal data rewrite the words of one append-only row.

    Written and deleted inside the erasure's own transaction (never committed); the database's
    guards (revision 0009) allow an UPDATE of `audit_log` or `reseller_access_changes` only
    for a row with a permit, and only of the columns that hold words about a person.
    """

    __tablename__ = "redaction_permits"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
