"""The refusal of a change to a ticket based on a version someone else changed meanwhile.

Every service that changes a ticket's own fields (the ticket service, reseller access, the
review) checks the version its caller read and refuses with `TicketConflictError`, which
carries the ticket as it is now and the latest recorded changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.errors import ConflictError
from hezo_desk.models import Agent, AuditEntry
from hezo_desk.services.records import TicketRow
from hezo_desk.services.ticket_loading import load_ticket_row


class TicketConflictError(ConflictError):
    """The ticket changed since the caller read it; `current` is how it is now."""

    def __init__(self, current: TicketRow, based_on_version: int, changes: list[str]) -> None:
        what = "; ".join(changes) if changes else "its details"
        super().__init__(
            f"ticket {current.number} was changed by someone else meanwhile ({what}); "
            "your change was not saved"
        )
        self.current = current
        self.based_on_version = based_on_version
        self.changes = changes


def ticket_conflict(session: Session, ticket_id: int, based_on_version: int) -> TicketConflictError:
    """The refusal of a change based on an older version: the ticket now and what changed."""
    current = load_ticket_row(session, ticket_id)
    return TicketConflictError(current, based_on_version, changes_since(session, ticket_id))


def changes_since(session: Session, ticket_id: int, limit: int = 5) -> list[str]:
    """The latest recorded changes of a ticket, newest first, for a conflict message."""
    rows = session.execute(
        select(AuditEntry.summary, Agent.display_name)
        .outerjoin(Agent, Agent.id == AuditEntry.agent_id)
        .where(AuditEntry.ticket_id == ticket_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    ).all()
    return [f"{name or 'system'}: {summary}" for summary, name in rows]
