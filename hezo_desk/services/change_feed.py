"""What changed since I last looked: the feed that keeps every open screen current.

Every change of a ticket is audited in its own transaction, so the audit log's ids are the
sequence of changes. A desk remembers the last id it saw and asks for the tickets changed
after it: one indexed range query, polled on SQLite; on PostgreSQL a `PostgresListener`
(services/postgres_listener.py) says when to ask.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.models import AuditEntry

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
