"""Reading one ticket's parts inside the caller's session: its row, its dialogue, its
attachments and its reseller-access history, as the rows the services hand out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import AccessChangeReason, Channel, MessageKind
from hezo_desk.errors import NotFoundError
from hezo_desk.models import (
    Agent,
    Attachment,
    Message,
    Reseller,
    ResellerAccessChange,
    Ticket,
)
from hezo_desk.services.records import MessageRow, TicketRow, ticket_row, ticket_select


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    file_name: str
    content_type: str
    size: int
    sha256: str
    kind: str
    created_at: dt.datetime
    # The message it came with (migrated ones): one of an internal note is staff only.
    message_id: int | None = None


@dataclass(frozen=True)
class AccessChangeRow:
    id: int
    previous: bool | None
    granted: bool
    agent_login: str | None
    agent_name: str | None
    requested_by_name: str
    requested_by_contact_id: int | None
    channel: Channel
    recorded_at: dt.datetime
    note: str | None
    # The reseller the decision was about (None: the ticket named none).
    reseller_id: int | None = None
    reseller_name: str | None = None
    # Set when the desk decided itself (the customer decides the rest), and where to.
    reason: AccessChangeReason | None = None
    new_reseller_name: str | None = None


def load_ticket_row(session: Session, ticket_id: int) -> TicketRow:
    row = session.execute(ticket_select().where(Ticket.id == ticket_id)).one_or_none()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
    return ticket_row(row)


def load_messages(
    session: Session, ticket_id: int, *, include_internal: bool = True
) -> list[MessageRow]:
    query = (
        select(Message.id, Message.kind, Message.author_name, Message.body, Message.created_at)
        .where(Message.ticket_id == ticket_id)
        .order_by(Message.created_at, Message.id)
    )
    if not include_internal:
        query = query.where(Message.kind != MessageKind.INTERNAL_NOTE)
    return [MessageRow(*row) for row in session.execute(query)]


def load_attachments(session: Session, ticket_id: int) -> list[AttachmentRow]:
    attachments = session.scalars(
        select(Attachment).where(Attachment.ticket_id == ticket_id).order_by(Attachment.id)
    )
    return [attachment_row(attachment) for attachment in attachments]


def load_access_history(session: Session, ticket_id: int) -> list[AccessChangeRow]:
    about, moved_to = aliased(Reseller), aliased(Reseller)
    rows = session.execute(
        select(ResellerAccessChange, Agent.login, Agent.display_name, about.name, moved_to.name)
        .outerjoin(Agent, Agent.id == ResellerAccessChange.agent_id)
        .outerjoin(about, about.id == ResellerAccessChange.reseller_id)
        .outerjoin(moved_to, moved_to.id == ResellerAccessChange.new_reseller_id)
        .where(ResellerAccessChange.ticket_id == ticket_id)
        .order_by(ResellerAccessChange.id)
    ).all()
    return [
        AccessChangeRow(
            id=change.id,
            previous=change.previous,
            granted=change.granted,
            agent_login=login,
            agent_name=name,
            requested_by_name=change.requested_by_name,
            requested_by_contact_id=change.requested_by_contact_id,
            channel=change.channel,
            recorded_at=change.recorded_at,
            note=change.note,
            reseller_id=change.reseller_id,
            reseller_name=reseller_name,
            reason=AccessChangeReason(change.reason) if change.reason else None,
            new_reseller_name=new_reseller_name,
        )
        for change, login, name, reseller_name, new_reseller_name in rows
    ]


def attachment_row(attachment: Attachment) -> AttachmentRow:
    return AttachmentRow(
        id=attachment.id,
        file_name=attachment.file_name,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        kind=attachment.kind,
        created_at=attachment.created_at,
        message_id=attachment.message_id,
    )
