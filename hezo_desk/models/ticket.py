"""Tickets, their dialogue, attachments and the history of the reseller-access decision."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hezo_desk.enums import CalendarKind, Channel, MessageKind, Priority, TicketState
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow

STATE_RANK_SQL = (
    "(CASE state WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'waiting_for_customer' THEN 2 "
    "WHEN 'closed' THEN 3 WHEN 'cancelled' THEN 4 ELSE 5 END)"
)
PRIORITY_RANK_SQL = (
    "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 "
    "WHEN 'critical' THEN 3 ELSE 4 END)"
)

# The largest attachment the desk stores; the services say so in plain words above it.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_state_updated", "state", "updated_at", "id"),
        Index("ix_tickets_updated", "updated_at", "id"),
        Index("ix_tickets_customer_state", "customer_id", "state"),
        Index("ix_tickets_assignee_state", "assignee_id", "state"),
        Index("ix_tickets_contract_id", "contract_id"),
        Index("ix_tickets_service_id", "service_id"),
        Index("ix_tickets_review", "reviewed_at", "migrated_at"),
        # Lists (revision 0004): "my tickets", a priority, the review queue, and sorts.
        Index("ix_tickets_assignee_updated", "assignee_id", "updated_at", "id"),
        Index("ix_tickets_priority_updated", "priority", "updated_at", "id"),
        Index(
            "ix_tickets_awaiting_review",
            "updated_at",
            "id",
            sqlite_where=text("migrated_at IS NOT NULL AND reviewed_at IS NULL"),
            postgresql_where=text("migrated_at IS NOT NULL AND reviewed_at IS NULL"),
        ),
        Index("ix_tickets_subject", "subject", "id"),
        Index("ix_tickets_opened", "opened_at", "id"),
        # The state and priority sort ranks (revision 0005; the expressions are written there
        # and in `listing.definition.rank_key`): the lists sorted by them read an index.
        Index("ix_tickets_state_rank", text(STATE_RANK_SQL), "id"),
        Index("ix_tickets_priority_rank", text(PRIORITY_RANK_SQL), "id"),
        # Sorts by what the ticket refers to, through the copies below (revision 0006).
        Index("ix_tickets_customer_sort", "customer_sort", "id"),
        Index("ix_tickets_notation_sort", "serial_sort", "notation_index_sort", "id"),
        Index("ix_tickets_assignee_sort", "assignee_sort", "id"),
        Index("ix_tickets_channel", "channel", "id"),
        Index("ix_tickets_reseller_access", "reseller_access", "id"),
        # Time left (revision 0013): sorted and filtered ("breached", "due within an hour").
        Index("ix_tickets_next_due", "next_due_at", "id"),
        # The supervisors' dashboard (revision 0015): closings per day, open tickets by state.
        Index("ix_tickets_closed", "closed_at"),
        Index("ix_tickets_state_opened", "state", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Human-friendly, e.g. HD-000123; read out on the phone.
    number: Mapped[str] = mapped_column(String(20), unique=True)
    subject: Mapped[str] = mapped_column(String(500))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # Empty for migrated tickets whose contract or serial did not move (flagged for review).
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("service_contracts.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    state: Mapped[TicketState] = mapped_column(str_enum(TicketState, "ticket_state"))
    priority: Mapped[Priority] = mapped_column(str_enum(Priority, "ticket_priority"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "ticket_channel"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # The customer's current decision; its history is in reseller_access_changes.
    reseller_access: Mapped[bool] = mapped_column(Boolean, default=False)
    # The reseller the current yes was given to (revision 0010): a yes counts only while it is
    # still the ticket's reseller, so a yes never follows the ticket to another reseller.
    access_reseller_id: Mapped[int | None] = mapped_column(ForeignKey("resellers.id"))
    legacy_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # Migration and the back office's review of it.
    migrated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    migration_run_id: Mapped[int | None] = mapped_column(ForeignKey("migration_runs.id"))
    review_flags: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # Copies for sorting, written by the database's own triggers (revision 0006), never by the
    # desk: its customer's folded name, its service's serial and notation index (-1: none),
    # its assignee's name ('' when none).
    customer_sort: Mapped[str] = mapped_column(Text, server_default="")
    serial_sort: Mapped[str] = mapped_column(Text, server_default="")
    notation_index_sort: Mapped[int] = mapped_column(server_default="-1")
    assignee_sort: Mapped[str] = mapped_column(Text, server_default="")
    # Service level (revision 0013). The targets the ticket was opened under, copied from its
    # service's level (minutes of `sla_calendar`, or the next business day's closing, or none:
    # minutes NULL and the flag false), so a later change of the level does not move them.
    sla_level_id: Mapped[int | None] = mapped_column(ForeignKey("service_levels.id"))
    sla_calendar: Mapped[CalendarKind | None] = mapped_column(
        str_enum(CalendarKind, "ticket_sla_calendar")
    )
    response_target_minutes: Mapped[int | None] = mapped_column()
    response_target_nbd: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    resolution_target_minutes: Mapped[int | None] = mapped_column()
    resolution_target_nbd: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # The dues (UTC); NULL: no target, or the clock is held by a pause that has not ended.
    response_due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The first reply to the customer (an internal note does not count).
    first_response_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Whether each target was met, decided when it is met or the ticket stops (NULL: not yet).
    response_met: Mapped[bool | None] = mapped_column(Boolean)
    resolution_met: Mapped[bool | None] = mapped_column(Boolean)
    # The due the list counts down to: the response due while unanswered, then the resolution
    # due; NULL while paused, once stopped, or without a target. Sorted and filtered on.
    next_due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # A migrated ticket already past a due when it arrived: marked once, not alarmed.
    overdue_at_migration: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Optimistic locking: a save based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    messages: Mapped[list[Message]] = relationship(
        back_populates="ticket", order_by="(Message.created_at, Message.id)"
    )


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_ticket_created", "ticket_id", "created_at", "id"),
        # An index, not a constraint: SQLite adds it without rebuilding the table (and so
        # without losing the full-text triggers on it).
        Index("ix_messages_client_key", "client_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, "message_kind"))
    author_name: Mapped[str] = mapped_column(String(200))
    author_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    author_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    legacy_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Chosen by the client before sending: a retried save after a lost connection finds the
    # message it already wrote instead of writing it twice.
    client_key: Mapped[str | None] = mapped_column(String(64))

    ticket: Mapped[Ticket] = relationship(back_populates="messages")


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint(f"size >= 0 AND size <= {MAX_ATTACHMENT_BYTES}", name="size_within_limit"),
        Index("ix_attachments_ticket_id", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when asked for: lists of attachments never pull the bytes.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # "file", or "legacy_dialogue" for the PDF the migration rendered from the old dialogue.
    kind: Mapped[str] = mapped_column(String(32), default="file")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    legacy_id: Mapped[str | None] = mapped_column(String(64), unique=True)


class ResellerAccessChange(Base):
    """One recorded decision of the customer about its reseller; never updated or deleted."""

    __tablename__ = "reseller_access_changes"
    __table_args__ = (Index("ix_reseller_access_changes_ticket", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    previous: Mapped[bool | None] = mapped_column(Boolean)
    granted: Mapped[bool] = mapped_column(Boolean)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    requested_by_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    requested_by_name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "access_channel"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    # The reseller the decision was about (revision 0010; NULL: the ticket named none).
    reseller_id: Mapped[int | None] = mapped_column(ForeignKey("resellers.id"))
    # NULL for the customer's decision; for one the desk made itself, why (`ConsentEnd`), and
    # the reseller the ticket moved to. The channel of such an entry is the ended decision's.
    reason: Mapped[str | None] = mapped_column(String(32))
    new_reseller_id: Mapped[int | None] = mapped_column(ForeignKey("resellers.id"))


class Counter(Base):
    """Named sequences that work the same on SQLite and PostgreSQL (ticket numbers)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column()
