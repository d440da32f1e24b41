"""Who has a ticket open: a heartbeat per agent and ticket in `ticket_presence`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from hezo_desk.db import Database
from hezo_desk.models import Agent, TicketPresence, utcnow

PRESENCE_TIMEOUT = dt.timedelta(seconds=90)


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
