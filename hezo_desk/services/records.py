"""Plain rows the services hand out (never live ORM objects), and the queries that build them.

Every screen and command that lists customers, contracts, services or tickets goes through
these selects, so a column means the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import aliased

from hezo_desk.enums import Channel, ContractState, Language, MessageKind, Priority, TicketState
from hezo_desk.models import (
    Agent,
    Contact,
    Customer,
    Reseller,
    Service,
    ServiceContract,
    ServiceLevel,
    Ticket,
)
from hezo_desk.services.serials import format_notation
from hezo_desk.services.service_levels.standing import SlaFacts

# Selects and rows of any shape (SQLAlchemy 2.1 types them with variadic generics).
AnySelect: TypeAlias = Select[*tuple[Any, ...]]
AnyRow: TypeAlias = Row[*tuple[Any, ...]]


@dataclass(frozen=True)
class CustomerRow:
    id: int
    tax_id: str
    name: str
    city: str | None
    phone: str | None
    email: str | None
    language: Language
    matched_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactRow:
    id: int
    customer_id: int
    first_name: str
    last_name: str
    email: str
    phone: str | None
    language: Language
    registered_at: dt.datetime

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    customer_id: int
    customer_name: str
    tax_id: str
    reseller_id: int
    reseller_name: str
    start_date: dt.date
    end_date: dt.date
    state: ContractState
    service_count: int
    matched_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServiceRow:
    id: int
    notation: str
    serial: str
    notation_index: int
    product: str
    start_date: dt.date
    end_date: dt.date
    contract_id: int
    contract_number: str
    contract_state: ContractState
    customer_id: int
    customer_name: str
    matched_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class TicketRow:
    id: int
    number: str
    subject: str
    customer_id: int
    customer_name: str
    tax_id: str
    contract_id: int | None
    contract_number: str | None
    service_id: int | None
    notation: str | None
    state: TicketState
    priority: Priority
    channel: Channel
    assignee_login: str | None
    assignee_name: str | None
    # Whether the ticket's reseller may see it: a yes given to the reseller its contract names
    # now (`consent_counts`).
    reseller_access: bool
    reseller_name: str | None
    legacy_number: str | None
    opened_at: dt.datetime
    updated_at: dt.datetime
    version: int
    migrated: bool
    reviewed: bool
    review_flags: tuple[str, ...]
    matched_by: tuple[str, ...] = ()
    # Its service level's targets, dues and outcomes (revision 0013).
    sla: SlaFacts | None = None


@dataclass(frozen=True)
class MessageRow:
    id: int
    kind: MessageKind
    author_name: str
    body: str
    created_at: dt.datetime


def customer_select() -> AnySelect:
    return select(
        Customer.id,
        Customer.tax_id,
        Customer.name,
        Customer.city,
        Customer.phone,
        Customer.email,
        Customer.language,
    )


def customer_row(row: AnyRow, matched_by: tuple[str, ...] = ()) -> CustomerRow:
    customer_id, tax_id, name, city, phone, email, language = row
    return CustomerRow(customer_id, tax_id, name, city, phone, email, language, matched_by)


def contact_row(contact: Contact) -> ContactRow:
    return ContactRow(
        id=contact.id,
        customer_id=contact.customer_id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        registered_at=contact.registered_at,
    )


def contract_select() -> AnySelect:
    service_count = (
        select(func.count(Service.id))
        .where(Service.contract_id == ServiceContract.id)
        .correlate(ServiceContract)
        .scalar_subquery()
    )
    return (
        select(
            ServiceContract.id,
            ServiceContract.number,
            ServiceContract.customer_id,
            Customer.name,
            Customer.tax_id,
            ServiceContract.reseller_id,
            Reseller.name,
            ServiceContract.start_date,
            ServiceContract.end_date,
            ServiceContract.state,
            service_count,
        )
        .join(Customer, Customer.id == ServiceContract.customer_id)
        .join(Reseller, Reseller.id == ServiceContract.reseller_id)
    )


def contract_row(row: AnyRow, matched_by: tuple[str, ...] = ()) -> ContractRow:
    (cid, number, cust_id, cust_name, tax_id, res_id, res_name, start, end, state, count) = row
    return ContractRow(
        cid,
        number,
        cust_id,
        cust_name,
        tax_id,
        res_id,
        res_name,
        start,
        end,
        state,
        count,
        matched_by,
    )


def service_select() -> AnySelect:
    return (
        select(
            Service.id,
            Service.serial,
            Service.notation_index,
            Service.product,
            Service.start_date,
            Service.end_date,
            ServiceContract.id,
            ServiceContract.number,
            ServiceContract.state,
            Customer.id,
            Customer.name,
        )
        .join(ServiceContract, ServiceContract.id == Service.contract_id)
        .join(Customer, Customer.id == ServiceContract.customer_id)
    )


def service_row(row: AnyRow, matched_by: tuple[str, ...] = ()) -> ServiceRow:
    (sid, serial, index, product, start, end, cid, cnumber, cstate, cust_id, cust_name) = row
    return ServiceRow(
        id=sid,
        notation=format_notation(serial, index),
        serial=serial,
        notation_index=index,
        product=product,
        start_date=start,
        end_date=end,
        contract_id=cid,
        contract_number=cnumber,
        contract_state=cstate,
        customer_id=cust_id,
        customer_name=cust_name,
        matched_by=matched_by,
    )


_assignee = aliased(Agent, name="assignee")
_ticket_contract = aliased(ServiceContract, name="ticket_contract")
_ticket_reseller = aliased(Reseller, name="ticket_reseller")


def consent_counts(contract_reseller_id: Any) -> ColumnElement[bool]:
    """Whether a ticket's yes counts, in SQL: it was given to `contract_reseller_id`, the
    reseller of the ticket's contract now. A yes never follows a ticket to another reseller,
    even one moved by a path that forgot to withdraw it."""
    return case(
        (
            and_(
                Ticket.reseller_access.is_(True),
                Ticket.access_reseller_id == contract_reseller_id,
            ),
            True,
        ),
        else_=False,
    )


def ticket_select() -> AnySelect:
    return (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.customer_id,
            Customer.name,
            Customer.tax_id,
            Ticket.contract_id,
            _ticket_contract.number,
            Ticket.service_id,
            Service.serial,
            Service.notation_index,
            Ticket.state,
            Ticket.priority,
            Ticket.channel,
            _assignee.login,
            _assignee.display_name,
            consent_counts(_ticket_contract.reseller_id),
            _ticket_reseller.name,
            Ticket.legacy_number,
            Ticket.opened_at,
            Ticket.updated_at,
            Ticket.version,
            Ticket.migrated_at,
            Ticket.reviewed_at,
            Ticket.review_flags,
            *_SLA_COLUMNS,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(_ticket_contract, _ticket_contract.id == Ticket.contract_id)
        .outerjoin(_ticket_reseller, _ticket_reseller.id == _ticket_contract.reseller_id)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(_assignee, _assignee.id == Ticket.assignee_id)
        .outerjoin(ServiceLevel, ServiceLevel.id == Ticket.sla_level_id)
    )


# A ticket's service-level columns, after its list columns (`ticket_row` reads them by count).
_SLA_COLUMNS = (
    ServiceLevel.name,
    Ticket.response_due_at,
    Ticket.resolution_due_at,
    Ticket.first_response_at,
    Ticket.closed_at,
    Ticket.response_met,
    Ticket.resolution_met,
    Ticket.next_due_at,
    Ticket.response_target_minutes,
    Ticket.response_target_nbd,
    Ticket.resolution_target_minutes,
    Ticket.resolution_target_nbd,
    Ticket.overdue_at_migration,
)
_LIST_COLUMNS = 25


def _sla_facts(state: TicketState, values: tuple[Any, ...]) -> SlaFacts:
    (
        level_name, response_due, resolution_due, first_response, closed_at, response_met,
        resolution_met, next_due, response_minutes, response_nbd, resolution_minutes,
        resolution_nbd, overdue_at_migration,
    ) = values  # fmt: skip
    return SlaFacts(
        state=state,
        level_name=level_name,
        response_due_at=response_due,
        resolution_due_at=resolution_due,
        first_response_at=first_response,
        closed_at=closed_at,
        response_met=response_met,
        resolution_met=resolution_met,
        next_due_at=next_due,
        response_target_minutes=response_minutes,
        response_target_nbd=bool(response_nbd),
        resolution_target_minutes=resolution_minutes,
        resolution_target_nbd=bool(resolution_nbd),
        overdue_at_migration=bool(overdue_at_migration),
    )


def ticket_row(row: AnyRow, matched_by: tuple[str, ...] = ()) -> TicketRow:
    (
        tid, number, subject, cust_id, cust_name, tax_id, contract_id, contract_number,
        service_id, serial, index, state, priority, channel, assignee_login, assignee_name,
        reseller_access, reseller_name, legacy_number, opened_at, updated_at, version,
        migrated_at, reviewed_at, review_flags,
    ) = row[:_LIST_COLUMNS]  # fmt: skip
    return TicketRow(
        id=tid,
        number=number,
        subject=subject,
        customer_id=cust_id,
        customer_name=cust_name,
        tax_id=tax_id,
        contract_id=contract_id,
        contract_number=contract_number,
        service_id=service_id,
        notation=format_notation(serial, index) if serial is not None else None,
        state=state,
        priority=priority,
        channel=channel,
        assignee_login=assignee_login,
        assignee_name=assignee_name,
        reseller_access=bool(reseller_access),
        reseller_name=reseller_name,
        legacy_number=legacy_number,
        opened_at=opened_at,
        updated_at=updated_at,
        version=version,
        migrated=migrated_at is not None,
        reviewed=reviewed_at is not None,
        review_flags=tuple(review_flags.splitlines()) if review_flags else (),
        matched_by=matched_by,
        sla=_sla_facts(state, tuple(row[_LIST_COLUMNS:])),
    )
