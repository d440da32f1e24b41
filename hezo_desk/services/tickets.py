"""Tickets: open, reply, internal note, state, priority, assignee; each change audited.

Changes to a ticket's own fields check the version the caller based them on and are
refused with `TicketConflictError` when someone else changed the ticket meanwhile.
Replies and notes never conflict: they add rows and do not bump the version.
A ticket opened or replied to while the agent is on a call is linked to that call.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Channel, ContractState, MessageKind, Priority, TicketState
from hezo_desk.errors import Coded, InputField, NotFoundError, UserError
from hezo_desk.models import (
    Agent,
    Attachment,
    Contact,
    Message,
    ResellerAccessChange,
    Service,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.attachment_files import check_attachment_size, guess_content_type
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_links import link_live_call
from hezo_desk.services.counters import next_counter
from hezo_desk.services.limits import fitted, within_limit
from hezo_desk.services.normalize import clean_line
from hezo_desk.services.records import ContactRow, MessageRow, TicketRow, contact_row
from hezo_desk.services.service_levels import dues
from hezo_desk.services.ticket_conflicts import ticket_conflict
from hezo_desk.services.ticket_loading import (
    AttachmentRow,
    attachment_row,
    load_attachments,
    load_messages,
    load_ticket_row,
)
from hezo_desk.services.ticket_numbers import format_ticket_number, ticket_id_for

MAX_MESSAGE_LENGTH = 1_000_000


@dataclass(frozen=True)
class TicketDetail:
    ticket: TicketRow
    contact: ContactRow | None
    messages: list[MessageRow]
    attachments: list[AttachmentRow]


@dataclass(frozen=True)
class NewTicket:
    contract_id: int
    service_id: int
    subject: str
    description: str
    priority: Priority = Priority.NORMAL
    channel: Channel = Channel.PHONE
    contact_id: int | None = None
    reseller_access: bool = False
    # Who stated the access decision (a contact's name, "caller", …); defaults to the contact.
    access_requested_by: str | None = None


@dataclass(frozen=True)
class ChangeOutcome:
    ticket: TicketRow
    # False: the ticket already was as asked (nothing written, nothing audited).
    applied: bool


@dataclass(frozen=True)
class TicketChange:
    """Fields to change; None leaves a field as it is. `assignee_login=""` unassigns."""

    state: TicketState | None = None
    priority: Priority | None = None
    assignee_login: str | None = None


class TicketService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- reading -------------------------------------------------------------------------

    def find_id(self, reference: str) -> int:
        """A ticket id from what an agent types: 'HD-000123', 'hd 123' or a legacy number."""
        with self._db.sessions() as session:
            return ticket_id_for(session, reference)

    def row(self, ticket_id: int) -> TicketRow:
        with self._db.sessions() as session:
            return load_ticket_row(session, ticket_id)

    def detail(self, ticket_id: int, *, include_internal: bool = True) -> TicketDetail:
        with self._db.sessions() as session:
            row = load_ticket_row(session, ticket_id)
            ticket = session.get_one(Ticket, ticket_id)
            contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
            return TicketDetail(
                ticket=row,
                contact=contact_row(contact) if contact else None,
                messages=load_messages(session, ticket_id, include_internal=include_internal),
                attachments=load_attachments(session, ticket_id),
            )

    def has_message_with_client_key(self, ticket_id: int, client_key: str) -> bool:
        """Whether the ticket holds the message sent with `client_key` (a reply or a note whose
        sender could not hear the answer, e.g. a desk killed right after the server's commit)."""
        with self._db.sessions() as session:
            found = session.scalar(
                select(Message.id).where(
                    Message.client_key == client_key, Message.ticket_id == ticket_id
                )
            )
            return found is not None

    def attachment_data(self, attachment_id: int) -> tuple[AttachmentRow, bytes]:
        with self._db.sessions() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP("Errors", "no attachment with id %1"), attachment_id
                )
            return attachment_row(attachment), attachment.data

    # ----- changing ------------------------------------------------------------------------

    def open(self, actor: Actor, new: NewTicket) -> TicketRow:
        subject = _valid_subject(new.subject)
        description = _valid_body(
            new.description, what=QT_TRANSLATE_NOOP("Errors", "the description")
        )
        if new.channel is Channel.MIGRATION:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "the migration channel is reserved for the legacy import"
                )
            )
        with self._db.transaction() as session:
            contract = session.get(ServiceContract, new.contract_id)
            if contract is None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP("Errors", "no contract with id %1"), new.contract_id
                )
            if contract.state is not ContractState.ACTIVE:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "contract %1 is %2; tickets are opened on active contracts"
                    ),
                    contract.number,
                    contract.state,
                )
            service = session.get(Service, new.service_id)
            if service is None or service.contract_id != contract.id:
                raise UserError(
                    QT_TRANSLATE_NOOP("Errors", "that serial is not on contract %1"),
                    contract.number,
                )
            contact = None
            if new.contact_id is not None:
                contact = session.get(Contact, new.contact_id)
                if contact is None or contact.customer_id != contract.customer_id:
                    raise UserError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "that contact does not belong to the contract's customer"
                        )
                    )
            now = utcnow()
            ticket = Ticket(
                number=format_ticket_number(next_counter(session, "ticket")),
                subject=subject,
                customer_id=contract.customer_id,
                contact_id=contact.id if contact else None,
                contract_id=contract.id,
                service_id=service.id,
                state=TicketState.NEW,
                priority=new.priority,
                channel=new.channel,
                reseller_access=new.reseller_access,
                # A yes is given to the reseller named on the contract, and to it alone.
                access_reseller_id=contract.reseller_id if new.reseller_access else None,
                opened_at=now,
                updated_at=now,
                created_by_agent_id=actor.id,
            )
            session.add(ticket)
            session.flush()
            author = f"{contact.first_name} {contact.last_name}" if contact else actor.display_name
            session.add(
                Message(
                    ticket_id=ticket.id,
                    kind=MessageKind.CUSTOMER,
                    author_name=fitted(Message.author_name, author),
                    author_contact_id=contact.id if contact else None,
                    body=description,
                    created_at=now,
                )
            )
            typed = within_limit(
                InputField.REQUESTER_NAME, clean_line(new.access_requested_by or "")
            )
            requested_by = typed or fitted(ResellerAccessChange.requested_by_name, author)
            session.add(
                ResellerAccessChange(
                    ticket_id=ticket.id,
                    previous=None,
                    granted=new.reseller_access,
                    agent_id=actor.id,
                    requested_by_contact_id=contact.id if contact else None,
                    requested_by_name=requested_by,
                    channel=new.channel,
                    recorded_at=now,
                    # The first entry is the decision asked when opening (the desk says so).
                    note=None,
                    reseller_id=contract.reseller_id,
                )
            )
            audit.record(
                session,
                actor,
                AuditAction.TICKET_OPENED,
                f"opened {ticket.number}: {subject}",
                ticket_id=ticket.id,
                details={
                    "number": ticket.number,
                    "subject": subject,
                    "contract": contract.number,
                    "reseller_access": new.reseller_access,
                    "priority": new.priority.value,
                    "channel": new.channel.value,
                },
            )
            dues.start_clock(session, actor, ticket, now)
            link_live_call(session, actor, ticket.id, ticket.number)
            session.flush()
            return load_ticket_row(session, ticket.id)

    def reply(
        self, actor: Actor, ticket_id: int, body: str, *, client_key: str | None = None
    ) -> MessageRow:
        """An agent's reply to the customer. Refused on a closed ticket: reopen it first.

        With a `client_key` (picked once per message by the caller) a retried call after a
        lost connection returns the message already written instead of writing it again.
        """
        return self._add_message(actor, ticket_id, body, MessageKind.AGENT, client_key)

    def add_note(
        self, actor: Actor, ticket_id: int, body: str, *, client_key: str | None = None
    ) -> MessageRow:
        """An internal note: staff only, never shown to the customer or a reseller."""
        return self._add_message(actor, ticket_id, body, MessageKind.INTERNAL_NOTE, client_key)

    def change(
        self, actor: Actor, ticket_id: int, change: TicketChange, *, expected_version: int | None
    ) -> TicketRow:
        """Apply `change` if the ticket is still at `expected_version` (None: do not check)."""
        return self.apply_change(actor, ticket_id, change, expected_version=expected_version).ticket

    def apply_change(
        self, actor: Actor, ticket_id: int, change: TicketChange, *, expected_version: int | None
    ) -> ChangeOutcome:
        """Like `change`, and says whether this call wrote it or found it already done."""
        try:
            with self._db.transaction() as session:
                ticket = _ticket(session, ticket_id)
                if expected_version is not None and ticket.version != expected_version:
                    if _already_so(ticket, change, session):
                        # The outcome asked for is there already (a retried save that did
                        # land, or the same change by someone else): nothing to refuse.
                        return ChangeOutcome(load_ticket_row(session, ticket.id), applied=False)
                    raise ticket_conflict(session, ticket_id, expected_version)
                now = utcnow()
                old_state, old_closed_at = ticket.state, ticket.closed_at
                old_priority = ticket.priority
                # One change, one version: queries inside must not flush half of it.
                with session.no_autoflush:
                    described = self._apply(session, actor, ticket, change, now)
                if not described:
                    raise UserError(
                        QT_TRANSLATE_NOOP("Errors", "nothing to change on %1: it is already so"),
                        ticket.number,
                    )
                ticket.updated_at = now
                for action, summary, details in described:
                    audit.record(
                        session,
                        actor,
                        action,
                        f"{ticket.number}: {summary}",
                        ticket_id=ticket.id,
                        details=details,
                        at=now,
                    )
                # The dues follow the state and the priority (each change explained).
                if ticket.state is not old_state:
                    dues.state_changed(session, actor, ticket, old_state, old_closed_at, now)
                if ticket.priority is not old_priority:
                    dues.priority_changed(session, actor, ticket, now)
                session.flush()
                return ChangeOutcome(load_ticket_row(session, ticket.id), applied=True)
        except StaleDataError:
            # Someone committed between our read and our write: report it like any conflict.
            with self._db.sessions() as session:
                raise ticket_conflict(session, ticket_id, expected_version or -1) from None

    def add_attachment(
        self,
        actor: Actor,
        ticket_id: int,
        file_name: str,
        data: bytes,
        *,
        content_type: str | None = None,
    ) -> AttachmentRow:
        name = clean_line(file_name.replace("\\", "/").rsplit("/", 1)[-1])
        if not name:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "the attachment has no file name"))
        within_limit(InputField.FILE_NAME, name)
        check_attachment_size(name, len(data))
        with self._db.transaction() as session:
            ticket = _ticket(session, ticket_id)
            attachment = Attachment(
                ticket_id=ticket.id,
                file_name=name,
                content_type=content_type or guess_content_type(name),
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                kind="file",
                created_by_agent_id=actor.id,
            )
            session.add(attachment)
            touch_ticket(session, ticket.id)
            session.flush()
            audit.record(
                session,
                actor,
                AuditAction.TICKET_ATTACHMENT_ADDED,
                f"{ticket.number}: attached {name} ({len(data)} bytes)",
                ticket_id=ticket.id,
                subject=("attachment", attachment.id),
                details={"file_name": name, "size": len(data), "sha256": attachment.sha256},
            )
            return attachment_row(attachment)

    # ----- internals -----------------------------------------------------------------------

    def _add_message(
        self,
        actor: Actor,
        ticket_id: int,
        body: str,
        kind: MessageKind,
        client_key: str | None = None,
    ) -> MessageRow:
        text = _valid_body(
            body,
            what=QT_TRANSLATE_NOOP("Errors", "the reply")
            if kind is MessageKind.AGENT
            else QT_TRANSLATE_NOOP("Errors", "the note"),
        )
        with self._db.transaction() as session:
            if client_key is not None:
                written = session.scalar(select(Message).where(Message.client_key == client_key))
                if written is not None:
                    if written.ticket_id != ticket_id or written.author_agent_id != actor.id:
                        raise UserError(
                            QT_TRANSLATE_NOOP(
                                "Errors", "that message key belongs to another message"
                            )
                        )
                    return MessageRow(
                        written.id,
                        written.kind,
                        written.author_name,
                        written.body,
                        written.created_at,
                    )
            ticket = _ticket(session, ticket_id)
            if kind is MessageKind.AGENT and not ticket.state.is_open:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "%1 is %2; reopen it before replying (an internal note is still possible)",
                    ),
                    ticket.number,
                    ticket.state,
                )
            now = utcnow()
            message = Message(
                ticket_id=ticket.id,
                kind=kind,
                author_name=actor.display_name,
                author_agent_id=actor.id,
                body=text,
                created_at=now,
                client_key=client_key,
            )
            session.add(message)
            touch_ticket(session, ticket.id, now)
            session.flush()
            action = (
                AuditAction.TICKET_REPLIED
                if kind is MessageKind.AGENT
                else AuditAction.TICKET_NOTE_ADDED
            )
            audit.record(
                session,
                actor,
                action,
                f"{ticket.number}: {'reply' if kind is MessageKind.AGENT else 'internal note'}",
                ticket_id=ticket.id,
                subject=("message", message.id),
                at=now,
                details={"message_id": message.id, "length": len(text)},
            )
            if kind is MessageKind.AGENT:
                # The first reply to the customer meets the response target.
                dues.replied(session, actor, ticket, now)
                # A reply written while on the phone answers that call.
                link_live_call(session, actor, ticket.id, ticket.number)
            return MessageRow(message.id, kind, message.author_name, text, now)

    def _apply(
        self,
        session: Session,
        actor: Actor,
        ticket: Ticket,
        change: TicketChange,
        now: dt.datetime,
    ) -> list[tuple[str, str, dict[str, object]]]:
        described: list[tuple[str, str, dict[str, object]]] = []
        if change.state is not None and change.state is not ticket.state:
            old = ticket.state
            ticket.state = change.state
            ticket.closed_at = None if change.state.is_open else now
            described.append(
                (
                    AuditAction.TICKET_STATE_CHANGED,
                    f"state {old.value} → {change.state.value}",
                    {"from": old.value, "to": change.state.value},
                )
            )
        if change.priority is not None and change.priority is not ticket.priority:
            old_priority = ticket.priority
            ticket.priority = change.priority
            described.append(
                (
                    AuditAction.TICKET_PRIORITY_CHANGED,
                    f"priority {old_priority.value} → {change.priority.value}",
                    {"from": old_priority.value, "to": change.priority.value},
                )
            )
        if change.assignee_login is not None:
            new_assignee = _assignee(session, change.assignee_login)
            if (new_assignee.id if new_assignee else None) != ticket.assignee_id:
                old_agent = session.get(Agent, ticket.assignee_id) if ticket.assignee_id else None
                ticket.assignee_id = new_assignee.id if new_assignee else None
                described.append(
                    (
                        AuditAction.TICKET_ASSIGNED,
                        f"assignee {old_agent.login if old_agent else '(none)'} → "
                        f"{new_assignee.login if new_assignee else '(none)'}",
                        {
                            "from": old_agent.login if old_agent else None,
                            "to": new_assignee.login if new_assignee else None,
                        },
                    )
                )
        return described


def _already_so(ticket: Ticket, change: TicketChange, session: Session) -> bool:
    if change.state is not None and change.state is not ticket.state:
        return False
    if change.priority is not None and change.priority is not ticket.priority:
        return False
    if change.assignee_login is not None:
        wanted = _assignee(session, change.assignee_login)
        if (wanted.id if wanted else None) != ticket.assignee_id:
            return False
    return change != TicketChange()


def touch_ticket(session: Session, ticket_id: int, at: dt.datetime | None = None) -> None:
    """Mark a ticket as changed without bumping its version (used for replies and files)."""
    session.execute(
        update(Ticket)
        .where(Ticket.id == ticket_id)
        .values(updated_at=at or utcnow())
        .execution_options(synchronize_session=False)
    )


def _ticket(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
    return ticket


def _assignee(session: Session, login: str) -> Agent | None:
    login = login.strip().lower()
    if not login:
        return None
    agent = session.scalar(select(Agent).where(Agent.login == login))
    if agent is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no agent with login “%1”"), login)
    if not agent.is_active:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "agent “%1” is deactivated and cannot be assigned tickets"),
            login,
        )
    return agent


def _valid_subject(subject: str) -> str:
    cleaned = clean_line(subject)
    if not cleaned:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "subject is empty"))
    return within_limit(InputField.SUBJECT, cleaned)


def _valid_body(body: str, *, what: str) -> str:
    """`what` is told by code (marked in "Errors"): the reply, the note, the description."""
    said = Coded(what)
    # Line breaks and inner spacing are the author's; only surrounding blank space goes.
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "%1 is empty"), said)
    if len(text) > MAX_MESSAGE_LENGTH:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "%1 has %2 characters; at most %3 are allowed (attach long logs as files)"
            ),
            said,
            len(text),
            MAX_MESSAGE_LENGTH,
        )
    if "\x00" in text:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "%1 contains a NUL character, which cannot be stored"), said
        )
    return text
