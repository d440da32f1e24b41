"""The back office's review of migrated cases.

Every migrated ticket waits in the review queue until someone marks it reviewed; flagged
ones (contract or serial not linked, rejected messages, …) come first, each with its flags.
The reviewer reads the case and its legacy dialogue PDF, links the right contract and serial
and marks it reviewed. Both changes check the version the reviewer based them on
(`TicketConflictError` when someone else changed the ticket meanwhile) and are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import LEGACY_DIALOGUE_KIND, ContractState, MessageKind, Role
from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import (
    Agent,
    Attachment,
    AuditEntry,
    Customer,
    Message,
    Service,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.consent import contract_reseller, reseller_moved
from hezo_desk.services.listing.definition import KeyExpression, Listing, Sort
from hezo_desk.services.listing.paging import Condition
from hezo_desk.services.records import (
    AnyRow,
    AnySelect,
    ContractRow,
    ServiceRow,
    TicketRow,
    contract_row,
    contract_select,
    service_row,
    service_select,
)
from hezo_desk.services.serials import format_notation
from hezo_desk.services.service_levels import dues
from hezo_desk.services.ticket_conflicts import TicketConflictError, ticket_conflict
from hezo_desk.services.ticket_loading import AttachmentRow, load_attachments, load_ticket_row

REVIEW_ROLES = (Role.BACK_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR)
QUEUE_PAGE = 100


@dataclass(frozen=True)
class ReviewProgress:
    """n of N: migrated tickets reviewed of all migrated tickets."""

    reviewed: int
    total: int
    flagged_waiting: int

    @property
    def waiting(self) -> int:
        return self.total - self.reviewed


@dataclass(frozen=True)
class ReviewItem:
    """One migrated case waiting for review, as the queue lists it."""

    ticket_id: int
    number: str
    legacy_number: str | None
    subject: str
    customer_name: str
    contract_number: str | None
    notation: str | None
    flags: tuple[str, ...]
    migrated_at: dt.datetime
    version: int

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True)
class ContractCandidate:
    """A contract of the ticket's customer the reviewer may link, with its services."""

    contract: ContractRow
    services: tuple[ServiceRow, ...]


@dataclass(frozen=True)
class ReviewCase:
    ticket: TicketRow
    flags: tuple[str, ...]
    legacy_contract: str | None
    legacy_serial: str | None
    migration_run_id: int | None
    migrated_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    message_count: int
    internal_note_count: int
    attachments: tuple[AttachmentRow, ...]
    candidates: tuple[ContractCandidate, ...]


def _waiting() -> Any:
    return and_(Ticket.migrated_at.is_not(None), Ticket.reviewed_at.is_(None))


def _flagged(flagged: bool) -> Any:
    has_flags = and_(Ticket.review_flags.is_not(None), Ticket.review_flags != "")
    return has_flags if flagged else or_(Ticket.review_flags.is_(None), Ticket.review_flags == "")


@dataclass(frozen=True)
class ReviewFilter:
    flagged_only: bool = False


class ReviewQueueListing(Listing[ReviewItem, ReviewFilter]):
    """Migrated cases not yet reviewed; by default flagged ones first, each part oldest first."""

    default_sort: ClassVar[Sort] = Sort("queue")

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Ticket.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        return {
            "queue": (case((_flagged(True), 0), else_=1),),
            "number": (Ticket.number,),
            "legacy": (func.coalesce(Ticket.legacy_number, ""),),
            "migrated": (Ticket.migrated_at,),
        }

    def _conditions(self, list_filter: ReviewFilter) -> list[Condition]:
        conditions: list[Condition] = [_waiting()]
        if list_filter.flagged_only:
            conditions.append(_flagged(True))
        return conditions

    def _rows(self) -> AnySelect:
        return (
            select(
                Ticket.id,
                Ticket.number,
                Ticket.legacy_number,
                Ticket.subject,
                Customer.name,
                ServiceContract.number,
                Service.serial,
                Service.notation_index,
                Ticket.review_flags,
                Ticket.migrated_at,
                Ticket.version,
            )
            .join(Customer, Customer.id == Ticket.customer_id)
            .outerjoin(ServiceContract, ServiceContract.id == Ticket.contract_id)
            .outerjoin(Service, Service.id == Ticket.service_id)
        )

    def _make_row(self, row: AnyRow) -> ReviewItem:
        (
            tid, number, legacy, subject, customer_name, contract_number, serial, index, flags,
            migrated_at, version,
        ) = row  # fmt: skip
        return ReviewItem(
            ticket_id=tid,
            number=number,
            legacy_number=legacy,
            subject=subject,
            customer_name=customer_name,
            contract_number=contract_number,
            notation=format_notation(serial, index) if serial is not None else None,
            flags=tuple(flags.splitlines()) if flags else (),
            migrated_at=migrated_at,
            version=version,
        )


class ReviewService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- the queue ---------------------------------------------------------------------------

    def progress(self) -> ReviewProgress:
        with self._db.sessions() as session:
            total, reviewed = session.execute(
                select(func.count(Ticket.id), func.count(Ticket.reviewed_at)).where(
                    Ticket.migrated_at.is_not(None)
                )
            ).one()
            flagged = session.scalar(
                select(func.count(Ticket.id)).where(_waiting(), _flagged(True))
            )
            return ReviewProgress(reviewed=reviewed, total=total, flagged_waiting=flagged or 0)

    def queue(self, *, limit: int = QUEUE_PAGE, flagged_only: bool = False) -> list[ReviewItem]:
        """The first cases of the review queue (the windows page through `listing()`)."""
        return self.listing().rows(ReviewFilter(flagged_only=flagged_only), limit=limit)

    def listing(self) -> ReviewQueueListing:
        return ReviewQueueListing(self._db)

    # ----- one case ------------------------------------------------------------------------------

    def case(self, ticket_id: int) -> ReviewCase:
        with self._db.sessions() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
            row = load_ticket_row(session, ticket_id)
            reviewer = (
                session.get(Agent, ticket.reviewed_by_agent_id)
                if ticket.reviewed_by_agent_id
                else None
            )
            counts = dict(
                session.execute(
                    select(Message.kind, func.count(Message.id))
                    .where(Message.ticket_id == ticket_id)
                    .group_by(Message.kind)
                ).all()
            )
            attachments = load_attachments(session, ticket_id)
            legacy = _legacy_facts(session, ticket_id)
            return ReviewCase(
                ticket=row,
                flags=row.review_flags,
                legacy_contract=legacy.get("legacy_contract") or None,
                legacy_serial=legacy.get("legacy_serial") or None,
                migration_run_id=ticket.migration_run_id,
                migrated_at=ticket.migrated_at,
                reviewed_at=ticket.reviewed_at,
                reviewed_by=reviewer.display_name if reviewer else None,
                message_count=sum(counts.values()),
                internal_note_count=sum(
                    count for kind, count in counts.items() if kind is MessageKind.INTERNAL_NOTE
                ),
                attachments=tuple(attachments),
                candidates=tuple(_candidates(session, ticket.customer_id)),
            )

    def dialogue_pdf(self, ticket_id: int) -> bytes | None:
        """The legacy dialogue PDF the migration attached (staff only), or None."""
        with self._db.sessions() as session:
            return session.scalar(
                select(Attachment.data)
                .where(Attachment.ticket_id == ticket_id, Attachment.kind == LEGACY_DIALOGUE_KIND)
                .order_by(Attachment.id)
                .limit(1)
            )

    # ----- changes -------------------------------------------------------------------------------

    def link(
        self,
        actor: Actor,
        ticket_id: int,
        contract_id: int,
        service_id: int | None,
        *,
        expected_version: int | None,
    ) -> TicketRow:
        """Link a migrated ticket to a contract of its customer and a service on it."""
        require_role(actor, REVIEW_ROLES, QT_TRANSLATE_NOOP("Errors", "link migrated tickets"))
        try:
            with self._db.transaction() as session:
                ticket = self._migrated(session, ticket_id)
                self._check_version(session, ticket, expected_version)
                contract = session.get(ServiceContract, contract_id)
                if contract is None:
                    raise NotFoundError(
                        QT_TRANSLATE_NOOP("Errors", "no contract with id %1"), contract_id
                    )
                if contract.customer_id != ticket.customer_id:
                    raise UserError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "contract %1 belongs to another customer; %2 can only be linked to "
                            "its own customer's contracts",
                        ),
                        contract.number,
                        ticket.number,
                    )
                service = None
                if service_id is not None:
                    service = session.get(Service, service_id)
                    if service is None or service.contract_id != contract.id:
                        raise UserError(
                            QT_TRANSLATE_NOOP("Errors", "that serial is not on contract %1"),
                            contract.number,
                        )
                if ticket.contract_id == contract.id and ticket.service_id == service_id:
                    raise UserError(
                        QT_TRANSLATE_NOOP("Errors", "%1 is already linked so"), ticket.number
                    )
                before = _link_description(session, ticket.contract_id, ticket.service_id)
                reseller_before = contract_reseller(session, ticket.contract_id)
                now = utcnow()
                with session.no_autoflush:
                    ticket.contract_id = contract.id
                    ticket.service_id = service.id if service else None
                    ticket.updated_at = now
                # A yes given to the reseller of the old contract does not carry over.
                reseller_moved(
                    session,
                    actor,
                    ticket,
                    before=reseller_before,
                    after=contract.reseller_id,
                    at=now,
                )
                after = {
                    "contract": contract.number,
                    "serial": format_notation(service.serial, service.notation_index)
                    if service
                    else None,
                }
                audit.record(
                    session,
                    actor,
                    AuditAction.TICKET_LINKED,
                    f"{ticket.number}: linked to {contract.number}"
                    + (f" {after['serial']}" if after["serial"] else " (no serial)"),
                    ticket_id=ticket.id,
                    details={"from": before, "to": after},
                )
                # Another service (or contract) may serve it on another level.
                dues.service_changed(session, actor, ticket, now)
                session.flush()
                return load_ticket_row(session, ticket.id)
        except StaleDataError:
            with self._db.sessions() as session:
                raise self._conflict(session, ticket_id, expected_version) from None

    def mark_reviewed(
        self, actor: Actor, ticket_id: int, *, expected_version: int | None
    ) -> TicketRow:
        require_role(
            actor, REVIEW_ROLES, QT_TRANSLATE_NOOP("Errors", "mark migrated tickets reviewed")
        )
        try:
            with self._db.transaction() as session:
                ticket = self._migrated(session, ticket_id)
                self._check_version(session, ticket, expected_version)
                if ticket.reviewed_at is not None:
                    reviewer = (
                        session.get(Agent, ticket.reviewed_by_agent_id)
                        if ticket.reviewed_by_agent_id
                        else None
                    )
                    if reviewer is None:
                        raise UserError(
                            QT_TRANSLATE_NOOP("Errors", "%1 was already reviewed"), ticket.number
                        )
                    raise UserError(
                        QT_TRANSLATE_NOOP("Errors", "%1 was already reviewed by %2"),
                        ticket.number,
                        reviewer.display_name,
                    )
                now = utcnow()
                ticket.reviewed_at = now
                ticket.reviewed_by_agent_id = actor.id
                flags = ticket.review_flags.splitlines() if ticket.review_flags else []
                audit.record(
                    session,
                    actor,
                    AuditAction.TICKET_REVIEWED,
                    f"{ticket.number}: migrated case reviewed"
                    + (f" ({len(flags)} flag(s))" if flags else ""),
                    ticket_id=ticket.id,
                    details={
                        "legacy_number": ticket.legacy_number,
                        "flags": flags,
                        "contract_id": ticket.contract_id,
                        "service_id": ticket.service_id,
                    },
                    at=now,
                )
                session.flush()
                return load_ticket_row(session, ticket.id)
        except StaleDataError:
            with self._db.sessions() as session:
                raise self._conflict(session, ticket_id, expected_version) from None

    @staticmethod
    def _migrated(session: Session, ticket_id: int) -> Ticket:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
        if ticket.migrated_at is None:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 was not migrated from the legacy system"),
                ticket.number,
            )
        return ticket

    def _check_version(self, session: Session, ticket: Ticket, expected: int | None) -> None:
        if expected is not None and ticket.version != expected:
            raise self._conflict(session, ticket.id, expected)

    @staticmethod
    def _conflict(session: Session, ticket_id: int, expected: int | None) -> TicketConflictError:
        return ticket_conflict(session, ticket_id, expected if expected is not None else -1)


def _legacy_facts(session: Session, ticket_id: int) -> dict[str, Any]:
    details = session.scalar(
        select(AuditEntry.details)
        .where(AuditEntry.ticket_id == ticket_id, AuditEntry.action == AuditAction.LEGACY_IMPORTED)
        .order_by(AuditEntry.id)
        .limit(1)
    )
    return dict(details or {})


def _candidates(session: Session, customer_id: int) -> list[ContractCandidate]:
    contracts = [
        contract_row(row)
        for row in session.execute(
            contract_select()
            .where(ServiceContract.customer_id == customer_id)
            .order_by(
                (ServiceContract.state == ContractState.ACTIVE).desc(),
                ServiceContract.number,
            )
        )
    ]
    services: dict[int, list[ServiceRow]] = {}
    if contracts:
        for row in session.execute(
            service_select()
            .where(Service.contract_id.in_([c.id for c in contracts]))
            .order_by(Service.serial, Service.notation_index)
        ):
            service = service_row(row)
            services.setdefault(service.contract_id, []).append(service)
    return [ContractCandidate(c, tuple(services.get(c.id, []))) for c in contracts]


def _link_description(
    session: Session, contract_id: int | None, service_id: int | None
) -> dict[str, str | None]:
    contract = session.get(ServiceContract, contract_id) if contract_id else None
    service = session.get(Service, service_id) if service_id else None
    return {
        "contract": contract.number if contract else None,
        "serial": format_notation(service.serial, service.notation_index) if service else None,
    }
