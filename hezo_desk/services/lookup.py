"""Caller lookup: one string, whatever the caller reads out, → what it may identify.

A query may be a tax id in any form, a contract number, a serial in any notation, a ticket
number (new or legacy), a phone number, an e-mail, or the start of a company name. Every
interpretation that fits is tried; each hit says what it matched by. Customers of every
matched contract, service or ticket are included, so the caller's company is always shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES, ContractState
from hezo_desk.errors import Coded, InputField, NotFoundError, UserError
from hezo_desk.models import Contact, Customer, Service, ServiceContract, Ticket
from hezo_desk.services.limits import within_limit
from hezo_desk.services.normalize import (
    clean_line,
    contract_number_key,
    email_key,
    fold,
)
from hezo_desk.services.phone_match import match_phone
from hezo_desk.services.phones import format_phone, phone_e164
from hezo_desk.services.records import (
    AnyRow,
    AnySelect,
    ContactRow,
    ContractRow,
    CustomerRow,
    ServiceRow,
    TicketRow,
    contact_row,
    contract_row,
    contract_select,
    customer_row,
    customer_select,
    service_row,
    service_select,
    ticket_row,
    ticket_select,
)
from hezo_desk.services.serials import InvalidSerialError, parse_serial
from hezo_desk.services.tax_ids import (
    InvalidTaxIdError,
    NipChecksumHint,
    nip_checksum_hint,
    parse_tax_id,
)
from hezo_desk.services.ticket_numbers import parse_ticket_number

MIN_NAME_QUERY = 2
MAX_HITS = 50


@dataclass(frozen=True)
class LookupResult:
    query: str
    customers: list[CustomerRow] = field(default_factory=list)
    contracts: list[ContractRow] = field(default_factory=list)
    services: list[ServiceRow] = field(default_factory=list)
    tickets: list[TicketRow] = field(default_factory=list)
    # What the query was read as, for the agent ("tax id PL5260250274", "serial FG…").
    interpretations: list[Coded] = field(default_factory=list)
    # A NIP typed with a wrong check digit: the agent hears which digit looks wrong.
    nip_checksum: NipChecksumHint | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.customers or self.contracts or self.services or self.tickets)


@dataclass(frozen=True)
class CustomerOverview:
    """Everything about one customer an agent needs on the phone, in one place."""

    customer: CustomerRow
    contacts: list[ContactRow]
    contracts: list[ContractRow]
    services: list[ServiceRow]
    open_tickets: list[TicketRow]


class _Hits:
    """Collects ids with the reasons they matched, keeping first-seen order."""

    def __init__(self) -> None:
        self.reasons: dict[int, list[str]] = {}

    def add(self, ids: list[int], reason: str) -> None:
        for item in ids:
            reasons = self.reasons.setdefault(item, [])
            if reason not in reasons:
                reasons.append(reason)


class LookupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def lookup(self, query: str) -> LookupResult:
        text = within_limit(InputField.LOOKUP, clean_line(query))
        if not text:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the lookup is empty: type a tax id, contract, serial, ticket, phone, e-mail "
                    "or the start of a company name",
                )
            )
        customers, contracts, services, tickets = _Hits(), _Hits(), _Hits(), _Hits()
        read_as: list[Coded] = []
        with self._db.sessions() as session:
            self._by_tax_id(session, text, customers, read_as)
            self._by_contract_number(session, text, contracts, read_as)
            self._by_serial(session, text, services, read_as)
            self._by_ticket_number(session, text, tickets, read_as)
            self._by_phone(session, text, customers, read_as)
            self._by_email(session, text, customers, read_as)
            self._by_name(session, text, customers, read_as)
            result = self._result(session, text, customers, contracts, services, tickets, read_as)
        return dataclasses.replace(result, nip_checksum=nip_checksum_hint(text))

    def overview(self, customer_id: int) -> CustomerOverview:
        with self._db.sessions() as session:
            return customer_overview(session, customer_id)

    def serial(self, query: str) -> list[ServiceRow]:
        """Every notation known for a serial (typed in any notation), with contract and product."""
        parsed = parse_serial(query)
        with self._db.sessions() as session:
            rows = session.execute(
                service_select()
                .where(Service.serial == parsed.serial)
                .order_by(Service.notation_index, Service.id)
            ).all()
            return [
                service_row(row, ("exact notation",) if row[2] == parsed.index else ())
                for row in rows
            ]

    # ----- interpretations -----------------------------------------------------------------

    @staticmethod
    def _by_tax_id(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        try:
            tax_id = parse_tax_id(text)
        except InvalidTaxIdError:
            return
        read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "tax id %1"), (tax_id.canonical,)))
        ids = session.scalars(select(Customer.id).where(Customer.tax_id == tax_id.canonical))
        hits.add(list(ids), QT_TRANSLATE_NOOP("LookupMatch", "tax id"))

    @staticmethod
    def _by_contract_number(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        key = contract_number_key(text)
        if len(key) < 3:
            return
        ids = list(
            session.scalars(select(ServiceContract.id).where(ServiceContract.number_key == key))
        )
        if ids:
            read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "contract number")))
        hits.add(ids, QT_TRANSLATE_NOOP("LookupMatch", "contract number"))

    @staticmethod
    def _by_serial(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        try:
            parsed = parse_serial(text)
        except InvalidSerialError:
            return
        rows = session.execute(
            select(Service.id, Service.notation_index).where(Service.serial == parsed.serial)
        ).all()
        if rows:
            read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "serial %1"), (parsed.serial,)))
        for service_id, index in rows:
            exact = parsed.index is not None and parsed.index == index
            hits.add(
                [service_id],
                QT_TRANSLATE_NOOP("LookupMatch", "exact notation")
                if exact
                else QT_TRANSLATE_NOOP("LookupMatch", "serial"),
            )

    @staticmethod
    def _by_ticket_number(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        number = parse_ticket_number(text)
        if number is not None:
            ids = list(session.scalars(select(Ticket.id).where(Ticket.number == number)))
            read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "ticket %1"), (number,)))
            hits.add(ids, QT_TRANSLATE_NOOP("LookupMatch", "ticket number"))
        compact = text.replace(" ", "")
        legacy = list(
            session.scalars(
                select(Ticket.id).where(Ticket.legacy_number.in_({compact, compact.upper()}))
            )
        )
        if legacy:
            read_as.append(
                Coded(QT_TRANSLATE_NOOP("Errors", "legacy ticket %1"), (compact.upper(),))
            )
        hits.add(legacy, QT_TRANSLATE_NOOP("LookupMatch", "legacy ticket number"))

    @staticmethod
    def _by_phone(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        if "@" in text:
            return
        e164 = phone_e164(text)
        if e164 is None:
            return
        read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "phone %1"), (format_phone(e164),)))
        matches = match_phone(session, e164)
        hits.add(matches.customer_ids, QT_TRANSLATE_NOOP("LookupMatch", "phone"))
        hits.add(
            [customer_id for _contact, customer_id in matches.contacts],
            QT_TRANSLATE_NOOP("LookupMatch", "contact's phone"),
        )

    @staticmethod
    def _by_email(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        if "@" not in text:
            return
        key = email_key(text)
        read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "e-mail %1"), (key,)))
        direct = session.scalars(select(Customer.id).where(Customer.email_normalized == key))
        hits.add(list(direct), QT_TRANSLATE_NOOP("LookupMatch", "e-mail"))
        via_contact = session.scalars(
            select(Contact.customer_id).where(Contact.email_normalized == key)
        )
        hits.add(list(via_contact), QT_TRANSLATE_NOOP("LookupMatch", "contact's e-mail"))

    @staticmethod
    def _by_name(session: Session, text: str, hits: _Hits, read_as: list[Coded]) -> None:
        folded = fold(text)
        if len(folded) < MIN_NAME_QUERY or "@" in text:
            return
        prefix = list(
            session.scalars(
                select(Customer.id)
                .where(Customer.name_folded.startswith(folded, autoescape=True))
                .order_by(Customer.name_folded)
                .limit(MAX_HITS)
            )
        )
        hits.add(prefix, QT_TRANSLATE_NOOP("LookupMatch", "name"))
        if len(prefix) < MAX_HITS:
            # A later word of the name ("Łąka" in "Drukarnia Łąka"): a scan, but of short strings.
            word = list(
                session.scalars(
                    select(Customer.id)
                    .where(Customer.name_folded.contains(" " + folded, autoescape=True))
                    .order_by(Customer.name_folded)
                    .limit(MAX_HITS - len(prefix))
                )
            )
            hits.add(word, QT_TRANSLATE_NOOP("LookupMatch", "word of the name"))
        if hits.reasons:
            read_as.append(Coded(QT_TRANSLATE_NOOP("Errors", "company name")))

    # ----- result --------------------------------------------------------------------------

    @staticmethod
    def _result(
        session: Session,
        text: str,
        customers: _Hits,
        contracts: _Hits,
        services: _Hits,
        tickets: _Hits,
        read_as: list[Coded],
    ) -> LookupResult:
        contract_rows = _rows_by_id(
            session, contract_select(), ServiceContract.id, contracts, contract_row
        )
        service_rows = _rows_by_id(session, service_select(), Service.id, services, service_row)
        ticket_rows = _rows_by_id(session, ticket_select(), Ticket.id, tickets, ticket_row)
        for row in contract_rows:
            customers.add([row.customer_id], "contract")
        for service in service_rows:
            customers.add([service.customer_id], "serial")
        for ticket in ticket_rows:
            customers.add([ticket.customer_id], "ticket")
        customer_rows = _rows_by_id(
            session, customer_select(), Customer.id, customers, customer_row
        )
        return LookupResult(
            query=text,
            customers=customer_rows,
            contracts=contract_rows,
            services=service_rows,
            tickets=ticket_rows,
            interpretations=read_as,
        )


RowT = TypeVar("RowT")


def _rows_by_id(
    session: Session,
    query: AnySelect,
    id_column: InstrumentedAttribute[int],
    hits: _Hits,
    make_row: Callable[[AnyRow, tuple[str, ...]], RowT],
) -> list[RowT]:
    """Rows for the hit ids, in hit order, each with its reasons."""
    ids = list(hits.reasons)[:MAX_HITS]
    if not ids:
        return []
    fetched = {row[0]: row for row in session.execute(query.where(id_column.in_(ids)))}
    return [make_row(fetched[i], tuple(hits.reasons[i])) for i in ids if i in fetched]


def customer_overview(session: Session, customer_id: int) -> CustomerOverview:
    row = session.execute(customer_select().where(Customer.id == customer_id)).one_or_none()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no customer with id %1"), customer_id)
    contacts = session.scalars(
        select(Contact).where(Contact.customer_id == customer_id).order_by(Contact.last_name)
    )
    contracts = session.execute(
        contract_select()
        .where(ServiceContract.customer_id == customer_id)
        .order_by(
            (ServiceContract.state == ContractState.ACTIVE).desc(),
            ServiceContract.end_date.desc(),
        )
    ).all()
    services = session.execute(
        service_select()
        .where(ServiceContract.customer_id == customer_id)
        .order_by(ServiceContract.number, Service.serial, Service.notation_index)
    ).all()
    open_tickets = session.execute(
        ticket_select()
        .where(Ticket.customer_id == customer_id, Ticket.state.in_(OPEN_TICKET_STATES))
        .order_by(Ticket.updated_at.desc())
    ).all()
    return CustomerOverview(
        customer=customer_row(row),
        contacts=[contact_row(contact) for contact in contacts],
        contracts=[contract_row(contract) for contract in contracts],
        services=[service_row(service) for service in services],
        open_tickets=[ticket_row(ticket) for ticket in open_tickets],
    )


def active_only(overview: CustomerOverview) -> CustomerOverview:
    """What a registered contact sees: active contracts and their services, open tickets."""
    active = {c.id for c in overview.contracts if c.state is ContractState.ACTIVE}
    return CustomerOverview(
        customer=overview.customer,
        contacts=overview.contacts,
        contracts=[c for c in overview.contracts if c.id in active],
        services=[s for s in overview.services if s.contract_id in active],
        open_tickets=overview.open_tickets,
    )
