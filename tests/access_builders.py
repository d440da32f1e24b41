"""Tickets for the reseller access tests: two resellers, content of every kind on each ticket."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from builders import World, _contract, add_services, build_world
from hezo_desk.db import Database
from hezo_desk.enums import Channel, ContractState, Language, Priority, TicketState
from hezo_desk.models import Attachment, Contact, Customer, Reseller, Service, Ticket, utcnow
from hezo_desk.services.actor import Actor
from hezo_desk.services.normalize import email_key
from hezo_desk.services.tickets import NewTicket, TicketService

if TYPE_CHECKING:
    from hezo_desk.ui.settings import DeskSettings

NOTE = "NOTATKA WEWNĘTRZNA: klient zalega z płatnością – nie mówić partnerowi"
REPLY = "Proszę zrestartować urządzenie i przesłać log „diag debug”."
DESCRIPTION = "Tunel VPN nie wstaje po aktualizacji – Łódź, oddział 2."
LEGACY_PDF = "dialog-ZG-1.pdf"
FILE_NAME = "log-vpn.txt"


@dataclass(frozen=True)
class AccessWorld:
    world: World
    other_reseller_id: int
    other_reseller_contract_id: int
    contact_id: int
    stranger_contact_id: int


@dataclass(frozen=True)
class FullTicket:
    id: int
    number: str
    subject: str


def build_access_world(db: Database) -> AccessWorld:
    """`build_world`, a contact at the customer, one at the other company, and a second
    reseller (`Żuraw Systemy`) with an active contract of the customer (`UMS/2024/00009`)."""
    world = build_world(db)
    with db.transaction() as session:
        reseller = Reseller(tax_id="PL1132853869", name="Żuraw Systemy S.A.", legacy_id="R-77")
        session.add(reseller)
        session.flush()
        customer = session.get_one(Customer, world.customer_id)
        contract = _contract("UMS/2024/00009", customer, reseller, ContractState.ACTIVE)
        session.add(contract)
        session.flush()
        add_services(session, contract, "FZ7777777777", ["FortiCare 8x5"])
        contact = _contact(world.customer_id, "Paweł", "Żółkiewski", "pawel@laka.pl")
        stranger = _contact(world.other_customer_id, "Olga", "Żółw", "olga@zolw.pl")
        session.add_all([contact, stranger])
        session.flush()
        return AccessWorld(world, reseller.id, contract.id, contact.id, stranger.id)


def _contact(customer_id: int, first: str, last: str, email: str) -> Contact:
    return Contact(
        customer_id=customer_id,
        first_name=first,
        last_name=last,
        email=email,
        email_normalized=email_key(email) or email,
        language=Language.POLISH,
    )


def service_on(db: Database, contract_id: int) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Service.id).where(Service.contract_id == contract_id).order_by(Service.id)
        )
    assert found is not None
    return found


def open_full_ticket(
    db: Database,
    actor: Actor,
    contract_id: int,
    subject: str,
    *,
    access: bool = False,
    contact_id: int | None = None,
) -> FullTicket:
    """A ticket with a customer message, an agent reply, an internal note, a file and the
    legacy dialogue PDF (staff only)."""
    service = TicketService(db)
    row = service.open(
        actor,
        NewTicket(
            contract_id=contract_id,
            service_id=service_on(db, contract_id),
            subject=subject,
            description=DESCRIPTION,
            contact_id=contact_id,
            reseller_access=access,
            access_requested_by=None if contact_id else "Paweł Żółkiewski",
        ),
    )
    service.reply(actor, row.id, REPLY)
    service.add_note(actor, row.id, NOTE)
    service.add_attachment(actor, row.id, FILE_NAME, "błąd: tunnel down\n".encode())
    with db.transaction() as session:
        data = b"%PDF-1.4 legacy dialogue with internal notes"
        session.add(
            Attachment(
                ticket_id=row.id,
                file_name=LEGACY_PDF,
                content_type="application/pdf",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                kind="legacy_dialogue",
            )
        )
    return FullTicket(row.id, row.number, row.subject)


def unlinked_ticket(db: Database, customer_id: int) -> int:
    """A migrated ticket whose contract did not move: no reseller is named for it."""
    with db.transaction() as session:
        now = utcnow()
        ticket = Ticket(
            number="HD-900001",
            subject="Sprawa bez umowy",
            customer_id=customer_id,
            state=TicketState.NEW,
            priority=Priority.NORMAL,
            channel=Channel.MIGRATION,
            reseller_access=False,
            opened_at=now,
            updated_at=now,
            migrated_at=now,
        )
        session.add(ticket)
        session.flush()
        return ticket.id


def desk_for(db: Database, actor: Actor, settings: DeskSettings) -> Iterator[object]:
    """A signed-in desk on `db` for Qt tests; waits for its background work at the end."""
    from PySide6.QtCore import QThreadPool

    from hezo_desk.services.opened_copies import OpenedCopies
    from hezo_desk.ui.context import DeskContext

    pool, jobs = QThreadPool(), QThreadPool()
    # The copies' folder is made at the first opened attachment; these desks open none.
    copies = OpenedCopies()
    yield DeskContext(
        db=db, actor=actor, settings=settings, pool=pool, jobs=jobs, opened_copies=copies
    )
    jobs.waitForDone(10_000)
    pool.waitForDone(10_000)
