"""A ticket opened or answered during a call is linked to it, whatever screen or command did it.

The ticket service calls `link_live_call` inside the transaction that opens the ticket or
writes the reply, so the link and the ticket commit together.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.models import Call, CallTicket, Ticket
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import CALL_SUBJECT, AuditAction

# A call answered longer ago than this and never hung up lost its hang-up (a phone system that
# did not send it): it is not live any more, or every later ticket would be linked to it.
MAX_LIVE_CALL = dt.timedelta(hours=4)


def live_call(session: Session, agent_id: int, now: dt.datetime) -> Call | None:
    """The agent's call in progress (answered, not hung up), the latest answered if several."""
    return session.scalar(
        select(Call)
        .where(
            Call.agent_id == agent_id,
            Call.answered_at.is_not(None),
            Call.answered_at > now - MAX_LIVE_CALL,
            Call.ended_at.is_(None),
        )
        .order_by(Call.answered_at.desc(), Call.id.desc())
        .limit(1)
    )


def link_live_call(session: Session, actor: Actor, ticket_id: int, ticket_number: str) -> None:
    """Link the ticket to the actor's live call, if there is one and it is not linked yet."""
    now = dt.datetime.now(dt.UTC)
    call = live_call(session, actor.id, now)
    if call is None or session.get(CallTicket, (call.id, ticket_id)) is not None:
        return
    session.add(CallTicket(call_id=call.id, ticket_id=ticket_id, linked_at=now))
    if call.customer_id is None:
        # The caller was not known by the number; the ticket says who it was.
        call.customer_id = session.scalar(select(Ticket.customer_id).where(Ticket.id == ticket_id))
    audit.record(
        session,
        actor,
        AuditAction.CALL_TICKET_LINKED,
        f"{ticket_number} linked to the call with {call.number}",
        ticket_id=ticket_id,
        subject=(CALL_SUBJECT, call.id),
        details={"call": call.id, "number": call.number_e164 or call.number},
        at=now,
    )
