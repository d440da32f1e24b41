"""The reseller access rule (GDPR/RODO), in one place, and what it lets a reseller see.

DOMAIN.md: without the customer's consent a reseller employee sees nothing of a ticket; with
it, the subject, the state, the customer-visible messages and the attachments, never internal
notes. The reseller is the one named on the ticket's contract. Every path that shows or exports
ticket content for a reseller (screens, PDFs, CLI) goes through `reseller_view` (one ticket)
or `reseller_summary` (a list row); both decide with `reseller_may_see`. The database twin of
the rule, for PostgreSQL roles, is the `reseller_portal` schema of migration 0002. The
customer's decisions themselves are recorded by `services.access`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_

from hezo_desk.enums import LEGACY_DIALOGUE_KIND, MessageKind, TicketState
from hezo_desk.models import ServiceContract, Ticket
from hezo_desk.services.records import MessageRow
from hezo_desk.services.ticket_loading import AttachmentRow
from hezo_desk.services.tickets import TicketDetail

# Attachments only staff may see: the migration's dialogue PDF carries internal notes.
INTERNAL_ATTACHMENT_KINDS = frozenset({LEGACY_DIALOGUE_KIND})
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


@dataclass(frozen=True)
class ResellerTicketSummary:
    """One line of the list of tickets a reseller may see (the same fields as the view)."""

    ticket_id: int
    number: str
    subject: str
    state: TicketState
    customer_name: str
    opened_at: dt.datetime
    updated_at: dt.datetime
    messages: int
    attachments: int


def reseller_may_see(
    reseller_access: bool, ticket_reseller_id: int | None, reseller_id: int
) -> bool:
    """The rule's decision: the customer allowed it, and it is the ticket's own reseller.

    `reseller_access` is the yes that counts (`records.consent_counts`): one given to the
    reseller the ticket's contract names now, never one given to a reseller before it."""
    return (
        bool(reseller_access)
        and ticket_reseller_id is not None
        and ticket_reseller_id == reseller_id
    )


def visible_to_reseller(reseller_id: int) -> ColumnElement[bool]:
    """`reseller_may_see` as a SQL condition over tickets joined to their contract.

    Used only to choose candidate rows; every row chosen is decided again in Python.
    """
    return and_(
        Ticket.reseller_access.is_(True),
        ServiceContract.reseller_id == reseller_id,
        Ticket.access_reseller_id == reseller_id,
    )


def customer_visible_messages(messages: list[MessageRow]) -> list[MessageRow]:
    return [message for message in messages if message.kind in CUSTOMER_VISIBLE_KINDS]


def customer_visible_attachments(
    attachments: list[AttachmentRow], messages: list[MessageRow]
) -> list[AttachmentRow]:
    """Neither staff-only kinds nor what came with a message the customer may not see (an
    internal note), as the database's reseller views decide (revision 0002)."""
    visible_messages = {m.id for m in customer_visible_messages(messages)}
    return [
        a
        for a in attachments
        if a.kind not in INTERNAL_ATTACHMENT_KINDS
        and (a.message_id is None or a.message_id in visible_messages)
    ]


def visible_updated_at(
    opened_at: dt.datetime,
    moments: list[dt.datetime | None],
) -> dt.datetime:
    """A ticket's last change as a reseller may know it: its opening, or the latest of
    `moments` (customer-visible messages and attachments, changes of state). The ticket's own
    `updated_at` moves with internal notes too, and would tell when one was written."""
    return max([opened_at, *(moment for moment in moments if moment is not None)])


def reseller_view(
    detail: TicketDetail,
    reseller_id: int,
    reseller_name: str,
    ticket_reseller_id: int | None,
    *,
    state_changed_at: dt.datetime | None = None,
) -> ResellerTicketView | None:
    """The rule itself: None unless the customer allowed it and it is the ticket's reseller."""
    ticket = detail.ticket
    if not reseller_may_see(ticket.reseller_access, ticket_reseller_id, reseller_id):
        return None
    messages = customer_visible_messages(detail.messages)
    attachments = customer_visible_attachments(detail.attachments, detail.messages)
    return ResellerTicketView(
        reseller_id=reseller_id,
        reseller_name=reseller_name,
        number=ticket.number,
        subject=ticket.subject,
        state=ticket.state,
        customer_name=ticket.customer_name,
        opened_at=ticket.opened_at,
        updated_at=visible_updated_at(
            ticket.opened_at,
            [
                *(m.created_at for m in messages),
                *(a.created_at for a in attachments),
                state_changed_at,
            ],
        ),
        messages=messages,
        attachments=attachments,
    )


def reseller_summary(
    summary: ResellerTicketSummary,
    reseller_access: bool,
    ticket_reseller_id: int | None,
    reseller_id: int,
) -> ResellerTicketSummary | None:
    """A list row passes only where `reseller_view` would show the ticket."""
    if not reseller_may_see(reseller_access, ticket_reseller_id, reseller_id):
        return None
    return summary
