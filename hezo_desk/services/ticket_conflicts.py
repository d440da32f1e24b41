"""The refusal of a change to a ticket based on a version someone else changed meanwhile.

Every service that changes a ticket's own fields (the ticket service, reseller access, the
review) checks the version its caller read and refuses with `TicketConflictError`, which
carries the ticket as it is now and the latest recorded changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.audit_words import AUDIT, SYSTEM, entry_coded
from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import Coded, ConflictError
from hezo_desk.models import Agent, AuditEntry, Ticket
from hezo_desk.services.records import TicketRow
from hezo_desk.services.ticket_loading import load_ticket_row


class TicketConflictError(ConflictError):
    """The ticket changed since the caller read it; `current` is how it is now."""

    def __init__(self, current: TicketRow, based_on_version: int, changes: list[Coded]) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "ticket %1 was changed by someone else meanwhile (%2); your change was not saved",
            ),
            current.number,
            tuple(changes) if changes else Coded(QT_TRANSLATE_NOOP("Errors", "its details")),
        )
        self.current = current
        self.based_on_version = based_on_version
        self.changes = changes


def ticket_conflict(session: Session, ticket_id: int, based_on_version: int) -> TicketConflictError:
    """The refusal of a change based on an older version: the ticket now and what changed."""
    current = load_ticket_row(session, ticket_id)
    return TicketConflictError(current, based_on_version, changes_since(session, ticket_id))


_DUES_CHANGED = "ticket.dues_changed"


def changes_since(session: Session, ticket_id: int, limit: int = 5) -> list[Coded]:
    """The latest recorded changes of a ticket, newest first, for a conflict message: each
    "who: what", worded from the entry's action and details (hezo_desk/audit_words.py)."""
    rows = session.execute(
        select(AuditEntry, Agent.display_name, Agent.login, Ticket.number)
        .outerjoin(Agent, Agent.id == AuditEntry.agent_id)
        .join(Ticket, Ticket.id == AuditEntry.ticket_id)
        # A change of the dues follows from another change (the state, the priority, a
        # reply): the agent is told what the other agent did, not its consequences.
        .where(AuditEntry.ticket_id == ticket_id, AuditEntry.action != _DUES_CHANGED)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    ).all()
    changes = []
    for entry, name, login, number in rows:
        what = entry_coded(
            entry.action, dict(entry.details or {}), ticket_number=number, agent_login=login
        )
        who = name or Coded(SYSTEM, (), AUDIT)
        changes.append(Coded("%1: %2", (who, what if what is not None else entry.summary)))
    return changes
