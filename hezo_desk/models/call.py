"""The call journal: every call the phone system handed to a desk, and the tickets it led to."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.enums import CallDirection
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow

# An incoming call that ended without being answered: it belongs on the call-back list.
MISSED_SQL = "direction = 'in' AND answered_at IS NULL AND ended_at IS NOT NULL"


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        # The phone system's id ties a call's ring, answer and hang-up together: one row each.
        Index("ix_calls_call_id", "call_id", unique=True),
        Index("ix_calls_started", "started_at", "id"),
        Index("ix_calls_agent_started", "agent_id", "started_at"),
        Index("ix_calls_number_started", "number_e164", "started_at"),
        Index("ix_calls_customer_started", "customer_id", "started_at"),
        Index(
            "ix_calls_missed",
            "started_at",
            "id",
            sqlite_where=text(MISSED_SQL),
            postgresql_where=text(MISSED_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # When the desk first heard of the call (its ring, or whichever event came first).
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    direction: Mapped[CallDirection] = mapped_column(str_enum(CallDirection, "call_direction"))
    # As the phone system sent it, and in E.164 where it is a phone number at all.
    number: Mapped[str] = mapped_column(String(100))
    number_e164: Mapped[str | None] = mapped_column(String(16))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # The agent whose desk took the call (who answered it, once answered).
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    call_id: Mapped[str | None] = mapped_column(String(128))
    rang_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # From answer to hang-up, in whole seconds; None until both are known.
    duration_s: Mapped[int | None] = mapped_column()
    # What came of it, in the agent's words.
    outcome: Mapped[str | None] = mapped_column(String(300))
    # The call-back of a missed call: who took it on and when, and when it was done.
    callback_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    callback_claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    callback_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The call that settled it: the outgoing call back, or a later call that got through.
    callback_by_call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    # Optimistic locking: two agents claiming one call-back, the second is refused.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CallTicket(Base):
    """A ticket opened or answered during a call."""

    __tablename__ = "call_tickets"
    __table_args__ = (Index("ix_call_tickets_ticket", "ticket_id"),)

    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
