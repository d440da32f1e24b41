"""Who has which ticket open (presence) and which older clients a schema still serves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hezo_desk.models.base import Base, UTCDateTime, utcnow


class TicketPresence(Base):
    """A heartbeat row per agent and open ticket; rows older than a minute count as gone."""

    __tablename__ = "ticket_presence"
    __table_args__ = (Index("ix_ticket_presence_seen", "seen_at"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SchemaCompatibility(Base):
    """For each schema revision, the oldest application revision that may still use it.

    Written by the revisions themselves. A desk that finds a database newer than itself keeps
    working if the database names a revision it knows as still compatible, and asks the agent
    to update otherwise.
    """

    __tablename__ = "schema_compatibility"

    revision: Mapped[str] = mapped_column(String(32), primary_key=True)
    oldest_client_revision: Mapped[str] = mapped_column(String(32))
