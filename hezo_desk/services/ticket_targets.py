"""Where a new ticket goes: the contract, service and contact an agent names by their
numbers, serial and e-mail, resolved to the ids a `NewTicket` takes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import Contact, Service, ServiceContract
from hezo_desk.services.normalize import contract_number_key, email_key
from hezo_desk.services.serials import format_notation, parse_serial


@dataclass(frozen=True)
class TicketTarget:
    """Where a new ticket goes, resolved from what an agent typed."""

    contract_id: int
    service_id: int
    contact_id: int | None
    notation: str


def resolve_target(
    db: Database, contract: str, serial: str, contact_email: str | None = None
) -> TicketTarget:
    """Contract number + serial (any notation) + optional contact e-mail → ids for `NewTicket`."""
    parsed = parse_serial(serial)
    with db.sessions() as session:
        found = session.scalar(
            select(ServiceContract).where(
                ServiceContract.number_key == contract_number_key(contract)
            )
        )
        if found is None:
            raise NotFoundError(
                QT_TRANSLATE_NOOP("Errors", "no contract numbered “%1”"), contract.strip()
            )
        services = session.scalars(
            select(Service)
            .where(Service.contract_id == found.id, Service.serial == parsed.serial)
            .order_by(Service.notation_index)
        ).all()
        if not services:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "serial %1 is not on contract %2"),
                parsed.serial,
                found.number,
            )
        chosen = [s for s in services if s.notation_index == parsed.index] or list(services)
        if len(chosen) > 1:
            notations = ", ".join(format_notation(s.serial, s.notation_index) for s in services)
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "%1 has several services on %2 (%3); give the serial in the new notation to "
                    "choose one",
                ),
                parsed.serial,
                found.number,
                notations,
            )
        contact_id = None
        if contact_email:
            contact_id = session.scalar(
                select(Contact.id).where(
                    Contact.email_normalized == email_key(contact_email),
                    Contact.customer_id == found.customer_id,
                )
            )
            if contact_id is None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "no registered contact “%1” at the contract's customer"
                    ),
                    contact_email.strip(),
                )
        service = chosen[0]
        return TicketTarget(
            found.id,
            service.id,
            contact_id,
            format_notation(service.serial, service.notation_index),
        )
