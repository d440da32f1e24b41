"""What changed since I last looked: the feed that keeps every open screen current.

Every change of a ticket is audited in its own transaction, so the audit log's ids are the
sequence of changes. A desk remembers the last id it saw and asks for the tickets changed
after it. On PostgreSQL a trigger also NOTIFYs `hezo_desk_changes` on commit (revision 0003),
so a `PostgresListener` wakes up at once; on SQLite the desk polls, which is one indexed
range query. Who has a ticket open is a heartbeat in `ticket_presence`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL

from hezo_desk.db import Database
from hezo_desk.models import Agent, AuditEntry, TicketPresence, utcnow

CHANNEL = "hezo_desk_changes"
PRESENCE_TIMEOUT = dt.timedelta(seconds=90)
MAX_BATCH = 2_000


@dataclass(frozen=True)
class ChangeBatch:
    last_id: int
    ticket_ids: frozenset[int]
    # More changes than one batch holds: refresh everything rather than ticket by ticket.
    overflow: bool = False


class ChangeFeed:
    def __init__(self, db: Database) -> None:
        self._db = db

    def latest_id(self) -> int:
        with self._db.sessions() as session:
            return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)

    def since(self, last_id: int) -> ChangeBatch:
        with self._db.sessions() as session:
            rows = session.execute(
                select(AuditEntry.id, AuditEntry.ticket_id)
                .where(AuditEntry.id > last_id)
                .order_by(AuditEntry.id)
                .limit(MAX_BATCH + 1)
            ).all()
        if not rows:
            return ChangeBatch(last_id, frozenset())
        overflow = len(rows) > MAX_BATCH
        rows = rows[:MAX_BATCH]
        return ChangeBatch(
            last_id=rows[-1][0],
            ticket_ids=frozenset(ticket_id for _id, ticket_id in rows if ticket_id is not None),
            overflow=overflow,
        )


class PresenceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def heartbeat(self, agent_id: int, ticket_id: int) -> None:
        """Say that `agent_id` has `ticket_id` open now (insert or refresh the row)."""
        values = {"ticket_id": ticket_id, "agent_id": agent_id, "seen_at": utcnow()}
        dialect = postgresql if not self._db.is_sqlite else sqlite
        statement = dialect.insert(TicketPresence).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["ticket_id", "agent_id"], set_={"seen_at": values["seen_at"]}
        )
        with self._db.transaction() as session:
            session.execute(statement)

    def leave(self, agent_id: int, ticket_id: int) -> None:
        with self._db.transaction() as session:
            session.execute(
                delete(TicketPresence).where(
                    TicketPresence.agent_id == agent_id, TicketPresence.ticket_id == ticket_id
                )
            )

    def viewers(self, ticket_id: int, *, except_agent_id: int | None = None) -> list[str]:
        """Display names of the other agents who have the ticket open right now."""
        query = (
            select(Agent.display_name)
            .join(TicketPresence, TicketPresence.agent_id == Agent.id)
            .where(
                TicketPresence.ticket_id == ticket_id,
                TicketPresence.seen_at > utcnow() - PRESENCE_TIMEOUT,
            )
            .order_by(Agent.display_name)
        )
        if except_agent_id is not None:
            query = query.where(TicketPresence.agent_id != except_agent_id)
        with self._db.sessions() as session:
            return list(session.scalars(query))


class PostgresListener:
    """A LISTEN connection of its own (autocommit, as notifications require)."""

    def __init__(self, url: URL) -> None:
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._connection: psycopg.Connection[object] | None = None

    def open(self) -> None:
        self.close()
        self._connection = psycopg.connect(
            self._conninfo,
            autocommit=True,
            connect_timeout=5,
            application_name="hezo-desk-listener",
        )
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> set[int | None]:
        """Ticket ids notified within `timeout` seconds (None for a change of no ticket).

        Raises psycopg.OperationalError when the connection is lost; `open()` again.
        """
        if self._connection is None:
            self.open()
        assert self._connection is not None
        received: set[int | None] = set()
        for notice in self._connection.notifies(timeout=timeout, stop_after=1):
            received.add(int(notice.payload) if notice.payload.isdigit() else None)
        # Drain whatever else arrived together with the first one.
        for notice in self._connection.notifies(timeout=0.05):
            received.add(int(notice.payload) if notice.payload.isdigit() else None)
        return received

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None
