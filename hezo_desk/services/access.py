"""The customer's decisions about its reseller's access, and the resellers seen through them.

The rule itself, and the views of a ticket it lets a reseller see, live in `reseller_rule`;
`ResellerAccessService` reads through it (one ticket, a reseller's list of tickets, staff's
preview) and lists and finds resellers with what they may see.

A change of the decision names who asked for it (a contact of the customer or another person)
and the channel, is based on the ticket version the agent saw, bumps that version, is kept in
the append-only `reseller_access_changes` and in the audit log, and counts at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select, type_coerce
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Channel, ContractState, MessageKind
from hezo_desk.errors import InputField, NotFoundError, UserError
from hezo_desk.models import (
    Attachment,
    AuditEntry,
    Contact,
    Customer,
    Message,
    Reseller,
    ResellerAccessChange,
    ResellerDatabaseRole,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.models.base import UTCDateTime
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.limits import fitted, within_limit
from hezo_desk.services.normalize import clean_line, email_key, fold
from hezo_desk.services.records import ContactRow, TicketRow, consent_counts, contact_row
from hezo_desk.services.reseller_rule import (
    CUSTOMER_VISIBLE_KINDS,
    INTERNAL_ATTACHMENT_KINDS,
    ResellerTicketSummary,
    ResellerTicketView,
    reseller_summary,
    reseller_view,
    visible_to_reseller,
)
from hezo_desk.services.tax_ids import InvalidTaxIdError, parse_tax_id
from hezo_desk.services.ticket_conflicts import ticket_conflict
from hezo_desk.services.ticket_loading import (
    AccessChangeRow,
    load_access_history,
    load_ticket_row,
)
from hezo_desk.services.tickets import TicketService

MAX_NOTE_LENGTH = 2000
# Channels a customer can state its decision through (the migration states nothing).
REQUEST_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.PORTAL, Channel.WEB_FORM)


@dataclass(frozen=True)
class ResellerRow:
    id: int
    name: str
    tax_id: str | None
    legacy_id: str | None
    email: str | None
    active_contracts: int
    visible_tickets: int
    db_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessRequest:
    """A customer's decision as the agent records it.

    Who asked: a contact of the ticket's customer (`requested_by_contact_id`), or, when the
    person is no registered contact, their name (`requested_by_name`).
    """

    granted: bool
    channel: Channel
    requested_by_contact_id: int | None = None
    requested_by_name: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TicketAccess:
    """A ticket's decision now, its full history (oldest first) and who may change it."""

    ticket: TicketRow
    reseller_id: int | None
    reseller_name: str | None
    history: list[AccessChangeRow]
    contacts: list[ContactRow]

    @property
    def granted(self) -> bool:
        """A yes that counts: given to the reseller the ticket's contract names now."""
        return self.ticket.reseller_access

    @property
    def latest(self) -> AccessChangeRow | None:
        return self.history[-1] if self.history else None

    @property
    def decision_needed(self) -> bool:
        """The ticket names a reseller the customer has not decided about: it moved to it
        (its yes for the one before ended), or no decision about it was ever recorded."""
        latest = self.latest
        return self.reseller_id is not None and (
            latest is None or latest.reason is not None or latest.reseller_id != self.reseller_id
        )


class AccessChangeRefusedError(UserError):
    """The requested change cannot be recorded (nothing to change, no reseller, …)."""


# ----- the service ------------------------------------------------------------------------


class ResellerAccessService:
    """Reading through the rule, and recording the customer's decisions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def ticket_reseller(self, ticket_id: int) -> tuple[int, str] | None:
        """The reseller named on the ticket's contract, if the ticket has a contract."""
        with self._db.sessions() as session:
            return _ticket_reseller(session, ticket_id)

    def view_for_reseller(self, ticket_id: int, reseller_id: int) -> ResellerTicketView | None:
        """What `reseller_id` may see of a ticket (None: nothing at all)."""
        named = self.ticket_reseller(ticket_id)
        with self._db.sessions() as session:
            reseller = session.get(Reseller, reseller_id)
            if reseller is None:
                return None
            reseller_name = reseller.name
        detail = TicketService(self._db).detail(ticket_id, include_internal=False)
        return reseller_view(
            detail,
            reseller_id,
            reseller_name,
            named[0] if named else None,
            state_changed_at=self._state_changed_at(ticket_id),
        )

    def preview(self, ticket_id: int) -> ResellerTicketView | None:
        """'What the reseller sees' of a ticket, for staff: as its own reseller would."""
        named = self.ticket_reseller(ticket_id)
        if named is None:
            return None
        reseller_id, reseller_name = named
        detail = TicketService(self._db).detail(ticket_id, include_internal=False)
        return reseller_view(
            detail,
            reseller_id,
            reseller_name,
            reseller_id,
            state_changed_at=self._state_changed_at(ticket_id),
        )

    def _state_changed_at(self, ticket_id: int) -> dt.datetime | None:
        with self._db.sessions() as session:
            return session.scalar(
                select(func.max(AuditEntry.recorded_at)).where(
                    AuditEntry.ticket_id == ticket_id,
                    AuditEntry.action == AuditAction.TICKET_STATE_CHANGED,
                )
            )

    # ----- resellers ----------------------------------------------------------------------

    def resellers(self) -> list[ResellerRow]:
        """Every reseller with its active contracts and the tickets it may see, by name."""
        with self._db.sessions() as session:
            return _reseller_rows(session, None)

    def find_reseller(self, text: str) -> ResellerRow:
        """A reseller by tax id (any typed form), legacy id or exact name (any case)."""
        wanted = clean_line(text)
        if not wanted:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "name the reseller: its tax id, legacy id or exact name"
                )
            )
        with self._db.sessions() as session:
            found: dict[int, str] = {}
            try:
                tax_id = parse_tax_id(wanted).canonical
            except InvalidTaxIdError:
                tax_id = None
            if tax_id is not None:
                for reseller_id in session.scalars(
                    select(Reseller.id).where(Reseller.tax_id == tax_id)
                ):
                    found.setdefault(reseller_id, f"tax id {tax_id}")
            for reseller_id in session.scalars(
                select(Reseller.id).where(Reseller.legacy_id.in_({wanted, wanted.upper()}))
            ):
                found.setdefault(reseller_id, "legacy id")
            folded = fold(wanted)
            for reseller_id, name in session.execute(select(Reseller.id, Reseller.name)):
                if fold(clean_line(name)) == folded:
                    found.setdefault(reseller_id, "name")
            if not found:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "no reseller has the tax id, legacy id or name “%1” (see `hezo-desk "
                        "reseller list`)",
                    ),
                    wanted,
                )
            rows = [row for row in _reseller_rows(session, None) if row.id in found]
        if len(rows) > 1:
            listed = "; ".join(f"{row.name} ({row.tax_id or row.legacy_id})" for row in rows)
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "“%1” names several resellers: %2; give its tax id"),
                wanted,
                listed,
            )
        return rows[0]

    def visible_tickets(
        self, reseller_id: int, *, limit: int | None = None
    ) -> list[ResellerTicketSummary]:
        """The tickets `reseller_id` may see, most recently changed first (as far as the
        reseller may know: `reseller_rule.visible_updated_at`)."""
        messages = (
            select(func.count(Message.id))
            .where(Message.ticket_id == Ticket.id, Message.kind.in_(CUSTOMER_VISIBLE_KINDS))
            .correlate(Ticket)
            .scalar_subquery()
        )
        last_message = (
            select(func.max(Message.created_at))
            .where(Message.ticket_id == Ticket.id, Message.kind.in_(CUSTOMER_VISIBLE_KINDS))
            .correlate(Ticket)
            .scalar_subquery()
        )
        note = aliased(Message)
        visible_attachment = and_(
            Attachment.ticket_id == Ticket.id,
            Attachment.kind.not_in(INTERNAL_ATTACHMENT_KINDS),
            ~exists().where(
                note.id == Attachment.message_id, note.kind == MessageKind.INTERNAL_NOTE
            ),
        )
        attachments = (
            select(func.count(Attachment.id))
            .where(visible_attachment)
            .correlate(Ticket)
            .scalar_subquery()
        )
        last_attachment = (
            select(func.max(Attachment.created_at))
            .where(visible_attachment)
            .correlate(Ticket)
            .scalar_subquery()
        )
        last_state_change = (
            select(func.max(AuditEntry.recorded_at))
            .where(
                AuditEntry.ticket_id == Ticket.id,
                AuditEntry.action == AuditAction.TICKET_STATE_CHANGED,
            )
            .correlate(Ticket)
            .scalar_subquery()
        )
        # `reseller_rule.visible_updated_at` in SQL, to sort and cut the list there: the
        # latest of the opening and those moments (SQLite's max() of several values is
        # PostgreSQL's greatest(); both compare the stored UTC instants).
        latest = func.max if self._db.is_sqlite else func.greatest
        updated_at = type_coerce(
            latest(
                Ticket.opened_at,
                *(
                    func.coalesce(moment, Ticket.opened_at)
                    for moment in (last_message, last_attachment, last_state_change)
                ),
            ),
            UTCDateTime(),
        )
        query = (
            select(
                Ticket.id,
                Ticket.number,
                Ticket.subject,
                Ticket.state,
                Customer.name,
                Ticket.opened_at,
                updated_at,
                messages,
                attachments,
                consent_counts(ServiceContract.reseller_id),
                ServiceContract.reseller_id,
            )
            .join(ServiceContract, ServiceContract.id == Ticket.contract_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(visible_to_reseller(reseller_id))
            .order_by(updated_at.desc(), Ticket.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self._db.sessions() as session:
            rows = session.execute(query).all()
        visible = []
        for *fields, access, ticket_reseller_id in rows:
            row = reseller_summary(
                ResellerTicketSummary(*fields), bool(access), ticket_reseller_id, reseller_id
            )
            if row is not None:
                visible.append(row)
        return visible

    def count_visible(self, reseller_id: int) -> int:
        with self._db.sessions() as session:
            return int(
                session.scalar(
                    select(func.count(Ticket.id))
                    .join(ServiceContract, ServiceContract.id == Ticket.contract_id)
                    .where(visible_to_reseller(reseller_id))
                )
                or 0
            )

    # ----- the decision -------------------------------------------------------------------

    def ticket_access(self, ticket_id: int) -> TicketAccess:
        with self._db.sessions() as session:
            return _ticket_access(session, ticket_id)

    def find_requester(self, ticket_id: int, text: str) -> tuple[int | None, str]:
        """Who asked, as typed: a contact's e-mail or full name (→ that contact), else a name."""
        wanted = clean_line(text)
        if not wanted:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "say who asked for the change: a contact's e-mail or a person's name"
                )
            )
        with self._db.sessions() as session:
            customer_id = session.scalar(select(Ticket.customer_id).where(Ticket.id == ticket_id))
            if customer_id is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
            contacts = session.scalars(select(Contact).where(Contact.customer_id == customer_id))
            by_email = {c.email_normalized: c for c in contacts}
            if "@" in wanted:
                contact = by_email.get(email_key(wanted) or "")
                if contact is None:
                    customer = session.get_one(Customer, customer_id)
                    raise NotFoundError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "%1 is no registered contact of %2; give the person's name instead, "
                            "or register them first",
                        ),
                        wanted,
                        customer.name,
                    )
                return contact.id, f"{contact.first_name} {contact.last_name}"
            named = [
                c
                for c in by_email.values()
                if fold(f"{c.first_name} {c.last_name}") == fold(wanted)
            ]
            if len(named) == 1:
                return named[0].id, f"{named[0].first_name} {named[0].last_name}"
            return None, wanted

    def change_access(
        self,
        actor: Actor,
        ticket_id: int,
        request: AccessRequest,
        *,
        expected_version: int | None,
    ) -> TicketAccess:
        """Record the customer's new decision if the ticket is still at `expected_version`."""
        if request.channel not in REQUEST_CHANNELS:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "a customer states its decision by phone, e-mail, portal or web form, not by "
                    "%1",
                ),
                request.channel,
            )
        note = (request.note or "").strip() or None
        if note is not None and len(note) > MAX_NOTE_LENGTH:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "the note has %1 characters; at most %2"),
                len(note),
                MAX_NOTE_LENGTH,
            )
        try:
            with self._db.transaction() as session:
                ticket = session.get(Ticket, ticket_id)
                if ticket is None:
                    raise NotFoundError(
                        QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id
                    )
                if expected_version is not None and ticket.version != expected_version:
                    raise ticket_conflict(session, ticket_id, expected_version)
                contact_id, requester = _requester(session, ticket, request)
                named = _ticket_reseller(session, ticket_id)
                before = _ticket_access(session, ticket_id)
                # A no is worth recording when the customer has not decided about this
                # reseller yet (the ticket moved to it): the desk asked for the decision.
                if before.granted == request.granted and not (
                    before.decision_needed and not request.granted
                ):
                    raise AccessChangeRefusedError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "%1: the reseller already has access; nothing to change"
                        )
                        if request.granted
                        else QT_TRANSLATE_NOOP(
                            "Errors", "%1: the reseller has no access; nothing to change"
                        ),
                        ticket.number,
                    )
                if request.granted and named is None:
                    raise AccessChangeRefusedError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "%1 is linked to no contract, so no reseller is named for it: there "
                            "is no one to grant access to (link it to its contract first)",
                        ),
                        ticket.number,
                    )
                previous = before.granted
                now = utcnow()
                ticket.reseller_access = request.granted
                ticket.access_reseller_id = named[0] if named and request.granted else None
                ticket.updated_at = now
                session.add(
                    ResellerAccessChange(
                        ticket_id=ticket.id,
                        previous=previous,
                        granted=request.granted,
                        agent_id=actor.id,
                        requested_by_contact_id=contact_id,
                        requested_by_name=requester,
                        channel=request.channel,
                        recorded_at=now,
                        note=note,
                        reseller_id=named[0] if named else None,
                    )
                )
                session.flush()
                reseller_name = named[1] if named else "(no reseller)"
                audit.record(
                    session,
                    actor,
                    AuditAction.TICKET_RESELLER_ACCESS_CHANGED,
                    f"{ticket.number}: reseller access {_verb(previous, request.granted)} "
                    f"{reseller_name} at the request of {requester} ({request.channel.value})",
                    ticket_id=ticket.id,
                    details={
                        "from": previous,
                        "to": request.granted,
                        "reseller_id": named[0] if named else None,
                        "requested_by": requester,
                        "requested_by_contact_id": contact_id,
                        "channel": request.channel.value,
                        "note": note,
                    },
                    at=now,
                )
                session.flush()
                return _ticket_access(session, ticket_id)
        except StaleDataError:
            # Someone committed between our read and our write: report it like any conflict.
            with self._db.sessions() as session:
                raise ticket_conflict(session, ticket_id, expected_version or -1) from None


def _verb(previous: bool, granted: bool) -> str:
    if granted:
        return "granted to"
    # A no where there was no yes: the customer's first answer about a new reseller.
    return "withdrawn from" if previous else "refused to"


def _requester(session: Session, ticket: Ticket, request: AccessRequest) -> tuple[int | None, str]:
    if request.requested_by_contact_id is not None:
        contact = session.get(Contact, request.requested_by_contact_id)
        if contact is None or contact.customer_id != ticket.customer_id:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "that contact is not one of the customer's of %1; only the customer decides "
                    "about its reseller",
                ),
                ticket.number,
            )
        name = f"{contact.first_name} {contact.last_name}"
        return contact.id, fitted(ResellerAccessChange.requested_by_name, name)
    name = clean_line(request.requested_by_name or "")
    if not name:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "say who asked for the change: a contact of the customer or the person's name",
            )
        )
    return None, within_limit(InputField.REQUESTER_NAME, name)


def _ticket_reseller(session: Session, ticket_id: int) -> tuple[int, str] | None:
    row = session.execute(
        select(Reseller.id, Reseller.name)
        .join(ServiceContract, ServiceContract.reseller_id == Reseller.id)
        .join(Ticket, Ticket.contract_id == ServiceContract.id)
        .where(Ticket.id == ticket_id)
    ).one_or_none()
    return (row[0], row[1]) if row else None


def _ticket_access(session: Session, ticket_id: int) -> TicketAccess:
    row = load_ticket_row(session, ticket_id)
    named = _ticket_reseller(session, ticket_id)
    contacts = session.scalars(
        select(Contact)
        .where(Contact.customer_id == row.customer_id)
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
    )
    return TicketAccess(
        ticket=row,
        reseller_id=named[0] if named else None,
        reseller_name=named[1] if named else None,
        history=load_access_history(session, ticket_id),
        contacts=[contact_row(contact) for contact in contacts],
    )


def _reseller_rows(session: Session, reseller_id: int | None) -> list[ResellerRow]:
    active = (
        select(func.count(ServiceContract.id))
        .where(
            ServiceContract.reseller_id == Reseller.id,
            ServiceContract.state == ContractState.ACTIVE,
        )
        .correlate(Reseller)
        .scalar_subquery()
    )
    visible = (
        select(func.count(Ticket.id))
        .join(ServiceContract, ServiceContract.id == Ticket.contract_id)
        .where(
            ServiceContract.reseller_id == Reseller.id,
            Ticket.reseller_access.is_(True),
            Ticket.access_reseller_id == Reseller.id,
        )
        .correlate(Reseller)
        .scalar_subquery()
    )
    query = select(
        Reseller.id,
        Reseller.name,
        Reseller.tax_id,
        Reseller.legacy_id,
        Reseller.email,
        active,
        visible,
    ).order_by(Reseller.name, Reseller.id)
    if reseller_id is not None:
        query = query.where(Reseller.id == reseller_id)
    rows = session.execute(query).all()
    roles: dict[int, list[str]] = {}
    for owner, name in session.execute(
        select(ResellerDatabaseRole.reseller_id, ResellerDatabaseRole.role_name).order_by(
            ResellerDatabaseRole.role_name
        )
    ):
        roles.setdefault(owner, []).append(name)
    return [
        ResellerRow(
            id=rid,
            name=name,
            tax_id=tax_id,
            legacy_id=legacy_id,
            email=email,
            active_contracts=int(active_count or 0),
            visible_tickets=int(visible_count or 0),
            db_roles=tuple(roles.get(rid, ())),
        )
        for rid, name, tax_id, legacy_id, email, active_count, visible_count in rows
    ]
