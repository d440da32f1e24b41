"""The append-only audit log and the record of each legacy migration run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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
    # The hash chain (revision 0010): the hash of the entry before it (by id; '' for the first)
    # and `chain_hash(chain_previous, entry)`. Written by the desk with the entry, so that an
    # entry edited, removed, slipped in or moved by hand no longer fits (`hezo-desk audit
    # verify`). NULL: written by something that did not chain it.
    chain_previous: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64))


def chain_hash(
    previous: str,
    *,
    id: int,
    recorded_at: dt.datetime,
    agent_id: int | None,
    action: str,
    ticket_id: int | None,
    subject_type: str | None,
    subject_id: int | None,
    summary: str,
    details: dict[str, Any] | None,
) -> str:
    """SHA-256 of the previous entry's hash and this entry's content, as hex.

    Never change what goes in or how: every chain already stored was computed this way (the
    migration that chained the existing entries calls this too). The content is written as
    canonical JSON (sorted keys, no spaces) of what the database gives back, so that the
    desk's value and the one read later agree: an aware instant in UTC to the microsecond.
    """
    content = [
        id,
        recorded_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        agent_id,
        action,
        ticket_id,
        subject_type,
        subject_id,
        summary,
        details or {},
    ]
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{text}".encode()).hexdigest()


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
