"""The reseller access rule (GDPR/RODO), in one place.

DOMAIN.md: without the customer's consent a reseller employee sees nothing of a ticket; with
it, the subject, the state, the customer-visible messages and the attachments, never internal
notes. The reseller is the one named on the ticket's contract. Every path that shows or exports
ticket content for a reseller (screens, PDFs, CLI) goes through `reseller_view`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.models import MessageKind, Reseller, ServiceContract, Ticket, TicketState
from hezo_desk.services.records import MessageRow
from hezo_desk.services.tickets import AttachmentRow, TicketDetail, TicketService

# Attachments only staff may see: the migration's dialogue PDF carries internal notes.
INTERNAL_ATTACHMENT_KINDS = frozenset({"legacy_dialogue"})
CUSTOMER_VISIBLE_KINDS = frozenset({MessageKind.CUSTOMER, MessageKind.AGENT})


@dataclass(frozen=True)
class ResellerTicketView:
    """All a reseller may see of one ticket, and nothing more."""

    reseller_id: int
    reseller_name: str
    number: str
    subject: str
    state: TicketState
    customer_name: str
    opened_at: dt.datetime
    updated_at: dt.datetime
    messages: list[MessageRow]
    attachments: list[AttachmentRow]


def customer_visible_messages(messages: list[MessageRow]) -> list[MessageRow]:
    return [message for message in messages if message.kind in CUSTOMER_VISIBLE_KINDS]


def customer_visible_attachments(attachments: list[AttachmentRow]) -> list[AttachmentRow]:
    return [a for a in attachments if a.kind not in INTERNAL_ATTACHMENT_KINDS]


def reseller_view(
    detail: TicketDetail, reseller_id: int, reseller_name: str, ticket_reseller_id: int | None
) -> ResellerTicketView | None:
    """The rule itself: None unless the customer allowed it and it is the ticket's reseller."""
    ticket = detail.ticket
    if not ticket.reseller_access or ticket_reseller_id is None:
        return None
    if ticket_reseller_id != reseller_id:
        return None
    return ResellerTicketView(
        reseller_id=reseller_id,
        reseller_name=reseller_name,
        number=ticket.number,
        subject=ticket.subject,
        state=ticket.state,
        customer_name=ticket.customer_name,
        opened_at=ticket.opened_at,
        updated_at=ticket.updated_at,
        messages=customer_visible_messages(detail.messages),
        attachments=customer_visible_attachments(detail.attachments),
    )


class ResellerAccessService:
    """Reading through the rule. (Recording decisions: see `change_access`, issue 4.)"""

    def __init__(self, db: Database) -> None:
        self._db = db

    def ticket_reseller(self, ticket_id: int) -> tuple[int, str] | None:
        """The reseller named on the ticket's contract, if the ticket has a contract."""
        with self._db.sessions() as session:
            row = session.execute(
                select(Reseller.id, Reseller.name)
                .join(ServiceContract, ServiceContract.reseller_id == Reseller.id)
                .join(Ticket, Ticket.contract_id == ServiceContract.id)
                .where(Ticket.id == ticket_id)
            ).one_or_none()
            return (row[0], row[1]) if row else None

    def view_for_reseller(self, ticket_id: int, reseller_id: int) -> ResellerTicketView | None:
        """What `reseller_id` may see of a ticket (None: nothing at all)."""
        named = self.ticket_reseller(ticket_id)
        with self._db.sessions() as session:
            reseller = session.get(Reseller, reseller_id)
            if reseller is None:
                return None
            reseller_name = reseller.name
        detail = TicketService(self._db).detail(ticket_id, include_internal=False)
        return reseller_view(detail, reseller_id, reseller_name, named[0] if named else None)

    def preview(self, ticket_id: int) -> ResellerTicketView | None:
        """'What the reseller sees' of a ticket, for staff: as its own reseller would."""
        named = self.ticket_reseller(ticket_id)
        if named is None:
            return None
        return self.view_for_reseller(ticket_id, named[0])
