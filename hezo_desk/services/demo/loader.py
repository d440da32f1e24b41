"""Loading the demo data: `DemoService` and the companies, contracts and services it starts with.

The service checks the database is empty, fills it in one transaction from one seeded random
source (the tickets come from `tickets`), records the load in the audit log and refreshes the
planner's statistics.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Language, Role
from hezo_desk.errors import UserError
from hezo_desk.models import (
    Agent,
    Contact,
    Customer,
    Reseller,
    Service,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.demo.bulk import bulk_insert, next_id
from hezo_desk.services.demo.templates import add_demo_templates
from hezo_desk.services.demo.tickets import TicketRows
from hezo_desk.services.demo.vocabulary import (
    EU_CUSTOMERS,
    PRODUCTS,
    company_name,
    person_name,
    phone_number,
    polish_address,
    reseller_name,
    serial_number,
    unused_nip,
)
from hezo_desk.services.normalize import contract_number_key, email_key, fold, phone_key
from hezo_desk.services.passwords import hash_password
from hezo_desk.services.phones import phone_e164
from hezo_desk.services.serials import next_free_indexes
from hezo_desk.services.service_levels.dues import product_rule_key, rule_level_ids
from hezo_desk.services.tax_ids import parse_tax_id

DEMO_PASSWORD = "hezo-demo"

DEMO_AGENTS: Sequence[tuple[str, str, Role]] = (
    ("admin", "Administrator Systemu", Role.ADMINISTRATOR),
    ("anna.nowak", "Anna Nowak", Role.AGENT),
    ("jan.kowalski", "Jan Kowalski", Role.AGENT),
    ("ewa.wisniewska", "Ewa Wiśniewska", Role.BACK_OFFICE),
    ("marek.zielinski", "Marek Zieliński", Role.SUPERVISOR),
)


@dataclass(frozen=True)
class DemoSummary:
    agents: int
    resellers: int
    customers: int
    contacts: int
    contracts: int
    services: int
    tickets: int
    messages: int


ProgressCallback = Callable[[str, int, int], None]


class DemoService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def is_empty(self) -> bool:
        with self._db.sessions() as session:
            return not any(
                session.scalar(select(func.count()).select_from(table))
                for table in (Customer.__table__, Ticket.__table__)
            )

    def is_demo_database(self) -> bool:
        """Whether demo data was loaded here (its accounts share a published password)."""
        from hezo_desk.models import AuditEntry  # noqa: PLC0415

        with self._db.sessions() as session:
            return (
                session.scalar(
                    select(AuditEntry.id)
                    .where(AuditEntry.action == AuditAction.DEMO_LOADED)
                    .limit(1)
                )
                is not None
            )

    def load(
        self,
        *,
        customers: int = 40,
        tickets: int = 200,
        seed: int = 2024,
        today: dt.date | None = None,
        progress: ProgressCallback | None = None,
    ) -> DemoSummary:
        if customers < 1:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "--customers must be at least 1"))
        if tickets < 0:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "--tickets must not be negative"))
        if not self.is_empty():
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the database already holds customers or tickets; demo data goes only into "
                    "an empty database (use a new --database)",
                )
            )
        generator = _Generator(random.Random(seed), today or dt.date.today(), progress)
        # A long job: a million tickets' batches and statistics take longer than a desk's reads.
        with self._db.long_statements():
            with self._db.transaction() as session:
                summary = generator.fill(session, customers=customers, tickets=tickets)
                if not self._db.is_sqlite:
                    _advance_sequences(session)
                audit.record(
                    session,
                    None,
                    AuditAction.DEMO_LOADED,
                    f"demo data loaded: {customers} customers, {tickets} tickets (seed {seed})",
                    details={"customers": customers, "tickets": tickets, "seed": seed},
                )
            self._analyze()
        return summary

    def _analyze(self) -> None:
        """Fresh statistics for the planner: the lists choose their indexes by them."""
        with self._db.engine.connect() as connection:
            if self._db.is_sqlite:
                connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def _advance_sequences(session: Session) -> None:
    # Rows went in with explicit ids; PostgreSQL's sequences must continue after them.
    for table in (
        "agents",
        "resellers",
        "customers",
        "contacts",
        "service_contracts",
        "services",
        "tickets",
        "messages",
        "reseller_access_changes",
        "attachments",
    ):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        )


class _Generator:
    def __init__(self, rng: random.Random, today: dt.date, progress: ProgressCallback | None):
        self.rng = rng
        self.today = today
        self.progress = progress or (lambda _stage, _done, _total: None)
        self.now = utcnow()
        self._used_nips: set[str] = set()
        self._tickets = TicketRows(rng, today, self.now, self.progress)

    def fill(self, session: Session, *, customers: int, tickets: int) -> DemoSummary:
        agent_ids = self._agents(session)
        supervisor = next(i for i, a in enumerate(DEMO_AGENTS) if a[2] is Role.SUPERVISOR)
        add_demo_templates(session, agent_ids[supervisor])
        reseller_ids = self._resellers(session, max(3, customers // 15))
        customer_rows = self._customers(session, customers)
        contacts = self._contacts(session, customer_rows, agent_ids)
        contracts = self._contracts(session, customer_rows, reseller_ids)
        services = self._services(session, contracts)
        ticket_count, message_count = self._tickets.tickets(
            session, tickets, contracts, services, contacts, agent_ids
        )
        self._tickets.dialogue_pdfs(session, customer_rows)
        return DemoSummary(
            agents=len(agent_ids),
            resellers=len(reseller_ids),
            customers=len(customer_rows),
            contacts=sum(len(v) for v in contacts.values()),
            contracts=len(contracts),
            services=sum(len(v) for v in services.values()),
            tickets=ticket_count,
            messages=message_count,
        )

    # ----- companies ---------------------------------------------------------------------

    def _agents(self, session: Session) -> list[int]:
        existing = {
            login: agent_id for agent_id, login in session.execute(select(Agent.id, Agent.login))
        }
        password_hash = hash_password(DEMO_PASSWORD)
        ids = []
        for login, name, role in DEMO_AGENTS:
            if login not in existing:
                agent = Agent(
                    login=login,
                    display_name=name,
                    role=role,
                    password_hash=password_hash,
                    is_active=True,
                )
                session.add(agent)
                session.flush()
                existing[login] = agent.id
            ids.append(existing[login])
        return ids

    def _resellers(self, session: Session, count: int) -> list[int]:
        start = next_id(session, Reseller)
        rows: list[dict[str, Any]] = []
        for n in range(count):
            rows.append(
                {
                    "id": start + n,
                    "tax_id": "PL" + unused_nip(self.rng, self._used_nips),
                    "name": reseller_name(self.rng, n + 1),
                    "email": f"serwis{n + 1}@partner{n + 1}.pl",
                    "created_at": self.now,
                }
            )
        bulk_insert(session, Reseller, rows)
        return [row["id"] for row in rows]

    def _customers(self, session: Session, count: int) -> list[dict[str, Any]]:
        start = next_id(session, Customer)
        rows: list[dict[str, Any]] = []
        foreign = [entry for entry in EU_CUSTOMERS if _valid_tax_id(entry[0])]
        for n in range(count):
            if n % 25 == 24 and foreign:
                tax_id, name, city, _country = foreign[(n // 25) % len(foreign)]
                if any(row["tax_id"] == tax_id for row in rows):
                    tax_id = "PL" + unused_nip(self.rng, self._used_nips)
                    name = company_name(self.rng)
                language, country = Language.ENGLISH, tax_id[:2].replace("EL", "GR")
                street, postal = "Main Street 1", "10115"
            else:
                tax_id = "PL" + unused_nip(self.rng, self._used_nips)
                name = company_name(self.rng)
                street, postal, city = polish_address(self.rng)
                language, country = Language.POLISH, "PL"
            phone = phone_number(self.rng)
            email = f"it{start + n}@firma{start + n}.pl"
            rows.append(
                {
                    "id": start + n,
                    "tax_id": tax_id,
                    "name": name,
                    "name_folded": fold(name),
                    "street": street,
                    "postal_code": postal,
                    "city": city,
                    "country": country,
                    "phone": phone,
                    "phone_key": phone_key(phone),
                    "phone_e164": phone_e164(phone),
                    "email": email,
                    "email_normalized": email_key(email),
                    "language": language,
                    "created_at": self.now,
                }
            )
        bulk_insert(session, Customer, rows)
        self.progress("customers", count, count)
        return rows

    def _contacts(
        self, session: Session, customers: list[dict[str, Any]], agent_ids: list[int]
    ) -> dict[int, list[tuple[int, str]]]:
        start = next_id(session, Contact)
        rows: list[dict[str, Any]] = []
        by_customer: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for customer in customers:
            for _ in range(self.rng.choice((0, 1, 1, 2))):
                contact_id = start + len(rows)
                first, last = person_name(self.rng)
                email = f"{fold(first)}.{fold(last)}.{contact_id}@firma{customer['id']}.pl"
                phone = phone_number(self.rng)
                rows.append(
                    {
                        "id": contact_id,
                        "customer_id": customer["id"],
                        "first_name": first,
                        "last_name": last,
                        "email": email,
                        "email_normalized": email_key(email),
                        "phone": phone,
                        "phone_key": phone_key(phone),
                        "phone_e164": phone_e164(phone),
                        "language": customer["language"],
                        "registered_at": self.now,
                        "registered_by_agent_id": self.rng.choice(agent_ids),
                        "updated_at": self.now,
                    }
                )
                by_customer[customer["id"]].append((contact_id, f"{first} {last}"))
        bulk_insert(session, Contact, rows)
        return by_customer

    # ----- contracts and services ----------------------------------------------------------

    def _contracts(
        self, session: Session, customers: list[dict[str, Any]], reseller_ids: list[int]
    ) -> list[dict[str, Any]]:
        start = next_id(session, ServiceContract)
        rows: list[dict[str, Any]] = []
        for customer in customers:
            for index in range(self.rng.choice((1, 1, 2, 2, 3))):
                contract_id = start + len(rows)
                begin = self.today - dt.timedelta(days=self.rng.randrange(30, 1500))
                state = (
                    ContractState.ACTIVE
                    if index == 0
                    else self.rng.choice(
                        (
                            ContractState.ACTIVE,
                            ContractState.ACTIVE,
                            ContractState.EXPIRED,
                            ContractState.CANCELLED,
                        )
                    )
                )
                if state is ContractState.ACTIVE:
                    end = self.today + dt.timedelta(days=self.rng.randrange(5, 900))
                else:
                    end = self.today - dt.timedelta(days=self.rng.randrange(1, 400))
                    begin = min(begin, end - dt.timedelta(days=365))
                number = f"UMS/{begin.year}/{contract_id:05d}"
                rows.append(
                    {
                        "id": contract_id,
                        "number": number,
                        "number_key": contract_number_key(number),
                        "customer_id": customer["id"],
                        "reseller_id": self.rng.choice(reseller_ids),
                        "start_date": begin,
                        "end_date": end,
                        "state": state,
                        "created_at": self.now,
                    }
                )
        bulk_insert(session, ServiceContract, rows)
        return rows

    def _services(
        self, session: Session, contracts: list[dict[str, Any]]
    ) -> dict[int, list[dict[str, Any]]]:
        start = next_id(session, Service)
        planned: list[dict[str, Any]] = []
        for contract in contracts:
            for _ in range(self.rng.choice((1, 1, 2, 3))):
                serial = serial_number(self.rng)
                # Several services for one serial: the announcement's (H1), (H2), (H3) case.
                copies = self.rng.choice((1, 1, 1, 1, 2, 3))
                for _copy in range(copies):
                    begin = contract["start_date"] + dt.timedelta(days=self.rng.randrange(0, 60))
                    planned.append(
                        {
                            "contract_id": contract["id"],
                            "contract_number": contract["number"],
                            "serial": serial,
                            "product": self.rng.choice(PRODUCTS),
                            "start_date": begin,
                            "end_date": contract["end_date"],
                        }
                    )
        by_serial: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in planned:
            by_serial[row["serial"]].append(row)
        for group in by_serial.values():
            group.sort(key=lambda r: (r["start_date"], r["contract_number"]))
            for row, index in zip(group, next_free_indexes((), len(group)), strict=True):
                row["notation_index"] = index
        rows: list[dict[str, Any]] = []
        by_contract: dict[int, list[dict[str, Any]]] = defaultdict(list)
        rules = rule_level_ids(session)
        for n, row in enumerate(planned):
            row["id"] = start + n
            row["created_at"] = self.now
            # Its level by the product rule, as the desk gives every new service.
            row["service_level_id"] = rules[product_rule_key(row["product"])]
            by_contract[row["contract_id"]].append(row)
            rows.append({k: v for k, v in row.items() if k != "contract_number"})
        bulk_insert(session, Service, rows)
        return by_contract


def _valid_tax_id(text_value: str) -> bool:
    try:
        parse_tax_id(text_value)
    except UserError:
        return False
    return True
