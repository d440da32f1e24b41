"""A yes is given to one reseller: when a ticket moves to another reseller, it ends.

Every path that changes which contract a ticket is on (today the review of migrated tickets;
any later one must do the same) calls `reseller_moved` in its transaction, with the reseller
the ticket's contract named before and names now. A yes for the old reseller falls back to no
at once, and the history says why and where the ticket went (a decision of the desk, not of
the customer). The desk then asks the agent for the customer's decision about the new reseller
(`TicketAccess.decision_needed`). The database holds the same line on its own (revision
0010_consent_reseller): triggers end a yes the same way when a plain SQL UPDATE moves a ticket
or a contract (no agent recorded), and the reseller views show a ticket only while its yes
was given to the reseller its contract names now, as `records.consent_counts` reads it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.enums import AccessChangeReason
from hezo_desk.models import Reseller, ResellerAccessChange, ServiceContract, Ticket
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction


def contract_reseller(session: Session, contract_id: int | None) -> int | None:
    """The reseller a contract names (None for no contract)."""
    if contract_id is None:
        return None
    return session.scalar(
        select(ServiceContract.reseller_id).where(ServiceContract.id == contract_id)
    )


def reseller_moved(
    session: Session,
    actor: Actor | None,
    ticket: Ticket,
    *,
    before: int | None,
    after: int | None,
    at: dt.datetime,
) -> bool:
    """End the ticket's yes if it was not given to `after`; say so in both histories.

    Returns whether a yes ended. A no stays a no (nothing falls back); the desk still asks
    for the customer's decision about the new reseller, as it does for any ticket whose last
    decision is about another reseller.
    """
    if before == after or not ticket.reseller_access:
        return False
    if ticket.access_reseller_id == after:
        return False
    ended_for = ticket.access_reseller_id
    latest = session.scalars(
        select(ResellerAccessChange)
        .where(ResellerAccessChange.ticket_id == ticket.id)
        .order_by(ResellerAccessChange.id.desc())
        .limit(1)
    ).first()
    ticket.reseller_access = False
    ticket.access_reseller_id = None
    ticket.updated_at = at
    session.add(
        ResellerAccessChange(
            ticket_id=ticket.id,
            previous=True,
            granted=False,
            agent_id=actor.id if actor else None,
            requested_by_contact_id=None,
            # Nobody asked: the desk decided. The channel is the ended decision's.
            requested_by_name="",
            channel=latest.channel if latest is not None else ticket.channel,
            recorded_at=at,
            note=None,
            reseller_id=ended_for,
            reason=AccessChangeReason.RESELLER_CHANGED.value,
            new_reseller_id=after,
        )
    )
    names = dict(
        session.execute(
            select(Reseller.id, Reseller.name).where(
                Reseller.id.in_([i for i in (ended_for, after) if i is not None])
            )
        ).all()
    )
    audit.record(
        session,
        actor,
        AuditAction.TICKET_RESELLER_ACCESS_CHANGED,
        f"{ticket.number}: reseller access withdrawn from "
        f"{names.get(ended_for, '(no reseller)') if ended_for else '(no reseller)'}: the "
        f"ticket moved to {names.get(after, '(no reseller)') if after else 'no contract'}; the "
        "customer's decision about the new reseller is needed",
        ticket_id=ticket.id,
        details={
            "from": True,
            "to": False,
            "reason": AccessChangeReason.RESELLER_CHANGED.value,
            "reseller_id": ended_for,
            "new_reseller_id": after,
        },
        at=at,
    )
    return True
