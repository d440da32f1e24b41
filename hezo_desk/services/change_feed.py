"""What changed since I last looked: the feed that keeps every open screen current.

Every change is audited in its own transaction, so the audit log is the list of changes. A
desk keeps a `FeedPosition` and asks for the entries committed after it; polled on SQLite, on
PostgreSQL when a `PostgresListener` (services/postgres_listener.py) says something committed.

The position is not simply the last id seen. Ids are handed out at insert, not at commit: on
PostgreSQL a transaction holding a lower id can commit after one holding a higher id has been
read, and "ids above the last one" would never return it. There every entry records its
writing transaction (`audit_log.xact`, revision 0007) and the position keeps the snapshot of
the last read: the next read returns the entries whose transaction that snapshot did not see.
Only transactions at or above the snapshot's xmin (the oldest one in progress then) can be
among them, so the read is an index range, however long the log. SQLite lets one writer in at
a time: ids are in commit order there, and the last id is the whole position.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from hezo_desk.db import Database
from hezo_desk.models import AuditEntry
from hezo_desk.services.audit import CALL_SUBJECT

MAX_BATCH = 2_000


@dataclass(frozen=True)
class FeedPosition:
    """Where a reader of the feed stands: the highest id it has seen and, on PostgreSQL, the
    snapshot (`pg_current_snapshot()` as text, "xmin:xmax:in-progress,…") it read with."""

    last_id: int
    snapshot: str | None = None

    @property
    def oldest_unseen_xact(self) -> int | None:
        """The snapshot's xmin: every transaction it did not see is at or above it."""
        return None if self.snapshot is None else int(self.snapshot.split(":", 1)[0])


@dataclass(frozen=True)
class ChangeBatch:
    position: FeedPosition
    ticket_ids: frozenset[int]
    # Some change named no ticket (an agent, a registration, an import), calls aside.
    others: bool = False
    # Some change of the call journal (frequent: told apart so only its screens read again).
    calls: bool = False
    # More changes than one batch holds: refresh everything rather than ticket by ticket.
    overflow: bool = False


class ChangeFeed:
    def __init__(self, db: Database) -> None:
        self._db = db

    def latest_id(self) -> int:
        with self._db.sessions() as session:
            return _max_id(session)

    def position(self) -> FeedPosition:
        """Where the feed stands now: a reader starting here sees every later commit."""
        with self._db.sessions() as session:
            snapshot = self._begin_snapshot(session)
            return FeedPosition(_max_id(session), snapshot)

    def since(self, position: FeedPosition) -> ChangeBatch:
        """The tickets changed by the commits `position` had not seen, and the new position."""
        with self._db.sessions() as session:
            snapshot = self._begin_snapshot(session)
            unseen = AuditEntry.id > position.last_id
            oldest = position.oldest_unseen_xact
            if snapshot is not None and oldest is not None:
                # Committed after the last read: not visible in its snapshot. The range on
                # `xact` (indexed) keeps the visibility test to the few recent entries.
                unseen = or_(
                    unseen,
                    and_(
                        AuditEntry.xact >= oldest,
                        _NOT_SEEN.bindparams(seen=position.snapshot),
                    ),
                )
            rows = session.execute(
                select(AuditEntry.id, AuditEntry.ticket_id, AuditEntry.subject_type)
                .where(unseen)
                .order_by(AuditEntry.id)
                .limit(MAX_BATCH + 1)
            ).all()
            if len(rows) > MAX_BATCH:
                # Too many to name one by one: start again from here (same snapshot).
                return ChangeBatch(
                    FeedPosition(_max_id(session), snapshot), frozenset(), overflow=True
                )
        last_id = max([position.last_id, *(row[0] for row in rows)])
        return ChangeBatch(
            position=FeedPosition(last_id, snapshot),
            ticket_ids=frozenset(ticket_id for _id, ticket_id, _s in rows if ticket_id is not None),
            others=any(
                ticket_id is None and subject != CALL_SUBJECT for _id, ticket_id, subject in rows
            ),
            calls=any(subject == CALL_SUBJECT for _id, _ticket, subject in rows),
        )

    def _begin_snapshot(self, session: Session) -> str | None:
        """On PostgreSQL: read in one snapshot (REPEATABLE READ) and return it as text."""
        if self._db.is_sqlite:
            return None
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return str(session.scalar(text("SELECT pg_current_snapshot()::text")))


def _max_id(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


# Not visible in the snapshot `seen`; xid8 and pg_snapshot are PostgreSQL's own types, which
# SQLAlchemy does not know, and xid8 has no cast from bigint (its text form is the number).
_NOT_SEEN = text(
    "NOT pg_visible_in_snapshot(CAST(CAST(audit_log.xact AS text) AS xid8), "
    "CAST(:seen AS pg_snapshot))"
)
