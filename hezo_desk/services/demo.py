"""Deterministic Polish demo data: the same seed and reference date give the same database.

Companies with valid NIPs (and a few EU customers), resellers, active, expired and cancelled
contracts, serials with one and with several services, contacts, and tickets in every state
with dialogues, internal notes, reseller-access decisions and migrated cases. Rows go in with
bulk inserts so that a benchmark database of a million tickets is a matter of minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from hezo_desk.db import Database
from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    Channel,
    ContractState,
    Language,
    MessageKind,
    Priority,
    Role,
    TicketState,
)
from hezo_desk.errors import UserError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import (
    Agent,
    Attachment,
    Contact,
    Customer,
    Message,
    Reseller,
    ResellerAccessChange,
    Service,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.counters import reserve_counter
from hezo_desk.services.normalize import contract_number_key, email_key, fold, phone_key
from hezo_desk.services.passwords import hash_password
from hezo_desk.services.serials import next_free_indexes
from hezo_desk.services.tax_ids import make_nip, parse_tax_id
from hezo_desk.services.ticket_numbers import format_ticket_number

DEMO_PASSWORD = "hezo-demo"
CHUNK = 5_000
MAX_DIALOGUE_PDFS = 200

DEMO_AGENTS: Sequence[tuple[str, str, Role]] = (
    ("admin", "Administrator Systemu", Role.ADMINISTRATOR),
    ("anna.nowak", "Anna Nowak", Role.AGENT),
    ("jan.kowalski", "Jan Kowalski", Role.AGENT),
    ("ewa.wisniewska", "Ewa Wiśniewska", Role.BACK_OFFICE),
    ("marek.zielinski", "Marek Zieliński", Role.SUPERVISOR),
)

_FORMS = ("Sp. z o.o.", "S.A.", "Sp. j.", "sp.k.", "")
_KINDS = (
    "Hurtownia",
    "Drukarnia",
    "Urząd Gminy",
    "Spółdzielnia",
    "Przychodnia",
    "Biuro Rachunkowe",
    "Zakład Usług",
    "Szkoła Podstawowa nr 3",
    "Apteka",
    "Przedsiębiorstwo Handlowe",
    "Kancelaria",
    "Piekarnia",
    "Warsztat",
    "Centrum Logistyczne",
    "Fundacja",
)
_NAMES = (
    "Gęś",
    "Łąka",
    "Żółw",
    "Świt",
    "Dęby",
    "Źródło",
    "Bóbr",
    "Żuraw",
    "Jaskółka",
    "Sokół",
    "Orzeł",
    "Wisła",
    "Tatry",
    "Bałtyk",
    "Mazury",
    "Śnieżka",
    "Kłos",
    "Jodła",
    "Łoś",
    "Ćma",
    "Ślęża",
    "Grześ",
    "Nałęcz",
    "Żagiel",
    "Łódź",
    "Pszczółka",
    "Dąb",
    "Róża",
    "Zorza",
)
_CITIES = (
    ("Kraków", "31"),
    ("Warszawa", "00"),
    ("Łódź", "90"),
    ("Wrocław", "50"),
    ("Poznań", "60"),
    ("Gdańsk", "80"),
    ("Szczecin", "70"),
    ("Lublin", "20"),
    ("Białystok", "15"),
    ("Zielona Góra", "65"),
    ("Rzeszów", "35"),
    ("Toruń", "87"),
    ("Kielce", "25"),
)
_STREETS = (
    "ul. Długa",
    "ul. Źródlana",
    "al. Jana Pawła II",
    "ul. Świętokrzyska",
    "ul. Łąkowa",
    "ul. Żeromskiego",
    "ul. Kościuszki",
    "os. Tysiąclecia",
)
_FIRST = (
    "Paweł",
    "Agnieszka",
    "Łukasz",
    "Małgorzata",
    "Krzysztof",
    "Zofia",
    "Michał",
    "Katarzyna",
    "Grzegorz",
    "Joanna",
    "Wojciech",
    "Beata",
    "Tomasz",
    "Dorota",
)
_LAST = (
    "Żółkiewski",
    "Kamińska",
    "Szymański",
    "Wójcik",
    "Kowalczyk",
    "Lewandowska",
    "Dąbrowski",
    "Zając",
    "Wróbel",
    "Król",
    "Jabłońska",
    "Mazur",
    "Kaczmarek",
    "Łuczak",
)
PRODUCTS = (
    "FortiCare 8x5",
    "FortiCare 24x7",
    "FortiGuard IPS",
    "UTP Bundle",
    "Wymiana sprzętu NBD",
    "FortiGuard Web Filtering",
    "Enterprise Bundle",
)
_SERIAL_PREFIXES = ("FG", "FW", "FP", "FA", "FS", "FAP")
# Valid VAT ids of other member states (checked by stdnum at generation time).
EU_CUSTOMERS = (
    ("DE136695976", "Nordlicht Systems GmbH", "Berlin", "de"),
    ("CZ25123891", "Pražská Síť s.r.o.", "Praha", "cz"),
    ("EL094259216", "Aegean Secure A.E.", "Athens", "gr"),
    ("FR40303265045", "Réseaux Sûrs SARL", "Lyon", "fr"),
)
SUBJECTS = (
    "Brak połączenia VPN po aktualizacji firmware",
    "Błąd „license invalid” w panelu",
    "Pytanie o zakres usługi serwisowej",
    "Wymiana uszkodzonego zasilacza – tryb NBD",
    "Urządzenie restartuje się co kilka godzin",
    "Nie działa filtrowanie treści dla gałęzi <b>Łódź</b>",
    "Prośba o przedłużenie licencji FortiGuard",
    "Wysokie obciążenie CPU & pamięci po zmianie reguł",
    "Problem z rejestracją w myHEZO – numer seryjny (H)-…",
    "Zgłoszenie awarii łącza zapasowego",
)
CUSTOMER_LINES = (
    "Dzień dobry, po aktualizacji do wersji 7.2.8 tunel IPsec do oddziału w Łodzi nie wstaje.",
    "Proszę o informację, czy usługa obejmuje wymianę sprzętu w trybie NBD.",
    "Zgodnie z rozmową telefoniczną: przesyłamy konfigurację (bez haseł).",
    "W załączeniu log z urządzenia; błąd pojawia się codziennie ok. 3:15 w nocy.",
    "Czy możemy prosić o pilny kontakt? Klienci zgłaszają „zawieszanie się” sieci.",
    "Portal myHEZO nie przyjmuje numeru seryjnego – wpisujemy (H)-…, a system odrzuca.",
    'Komunikat w panelu: <license status="invalid"> & brak aktualizacji sygnatur.',
)
_AGENT_LINES = (
    "Dziękujemy za zgłoszenie. Prosimy o przesłanie pliku debug (diagnose debug report).",
    "Wymiana sprzętu została zlecona; kurier dostarczy urządzenie jutro do 12:00.",
    "Prosimy wpisać numer seryjny w nowej notacji, dokładnie tak jak na umowie, np. (H2)-….",
    "Poprawka jest w wersji 7.2.9 – zalecamy aktualizację w oknie serwisowym.",
    "Zamykamy zgłoszenie po potwierdzeniu poprawnego działania. Pozdrawiamy, zespół HEZO.",
)
NOTES = (
    "Klient dzwonił dwa razy; sprawa eskalowana do drugiej linii.",
    "Uwaga: reseller pytał o status – bez zgody klienta nie udzielamy informacji (RODO).",
    "Sprawdzone w dystrybutorze: RMA nr 4471/2026, czekamy na numer listu przewozowego.",
)
_STATE_WEIGHTS = (
    (TicketState.NEW, 3),
    (TicketState.IN_PROGRESS, 4),
    (TicketState.WAITING_FOR_CUSTOMER, 2),
    (TicketState.CLOSED, 5),
    (TicketState.CANCELLED, 1),
)
_PRIORITY_WEIGHTS = (
    (Priority.LOW, 2),
    (Priority.NORMAL, 6),
    (Priority.HIGH, 3),
    (Priority.CRITICAL, 1),
)
_CHANNELS = (Channel.PHONE, Channel.PORTAL, Channel.EMAIL, Channel.WEB_FORM)


# The pieces below make one value each from a random source; tests/support/legacy_generator
# writes its legacy exports with them too, so demo data and generated exports read alike.


def unused_nip(rng: random.Random, used: set[str]) -> str:
    """A valid NIP that is not in `used`, and is added to it."""
    while True:
        nip = make_nip(f"{rng.randrange(100, 999)}{rng.randrange(10**6):06d}")
        if nip is not None and nip not in used:
            used.add(nip)
            return nip


def company_name(rng: random.Random) -> str:
    name = f"{rng.choice(_KINDS)} {rng.choice(_NAMES)}"
    form = rng.choice(_FORMS)
    return f"{name} {form}".strip()


def reseller_name(rng: random.Random, number: int) -> str:
    return f"{rng.choice(_NAMES)} IT Partner {number} Sp. z o.o."


def polish_address(rng: random.Random) -> tuple[str, str, str]:
    """Street with house number, postal code and city."""
    city, prefix = rng.choice(_CITIES)
    street = f"{rng.choice(_STREETS)} {rng.randrange(1, 120)}"
    postal = f"{prefix}-{rng.randrange(100, 999)}"
    return street, postal, city


def phone_number(rng: random.Random) -> str:
    return f"+48 {rng.randrange(500, 899)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"


def person_name(rng: random.Random) -> tuple[str, str]:
    """First and last name."""
    return rng.choice(_FIRST), rng.choice(_LAST)


def serial_number(rng: random.Random) -> str:
    return f"{rng.choice(_SERIAL_PREFIXES)}{rng.randrange(10**9, 10**10)}"


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
            raise UserError("--customers must be at least 1")
        if tickets < 0:
            raise UserError("--tickets must not be negative")
        if not self.is_empty():
            raise UserError(
                "the database already holds customers or tickets; demo data goes only into an "
                "empty database (use a new --database)"
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
        # Migrated tickets that get a dialogue PDF (rendering is the slow part of demo data).
        self._migrated: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []

    def fill(self, session: Session, *, customers: int, tickets: int) -> DemoSummary:
        agent_ids = self._agents(session)
        reseller_ids = self._resellers(session, max(3, customers // 15))
        customer_rows = self._customers(session, customers)
        contacts = self._contacts(session, customer_rows, agent_ids)
        contracts = self._contracts(session, customer_rows, reseller_ids)
        services = self._services(session, contracts)
        ticket_count, message_count = self._tickets(
            session, tickets, contracts, services, contacts, agent_ids
        )
        self._dialogue_pdfs(session, customer_rows)
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
        start = _next_id(session, Reseller)
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
        _bulk(session, Reseller, rows)
        return [row["id"] for row in rows]

    def _customers(self, session: Session, count: int) -> list[dict[str, Any]]:
        start = _next_id(session, Customer)
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
                    "email": email,
                    "email_normalized": email_key(email),
                    "language": language,
                    "created_at": self.now,
                }
            )
        _bulk(session, Customer, rows)
        self.progress("customers", count, count)
        return rows

    def _contacts(
        self, session: Session, customers: list[dict[str, Any]], agent_ids: list[int]
    ) -> dict[int, list[tuple[int, str]]]:
        start = _next_id(session, Contact)
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
                        "language": customer["language"],
                        "registered_at": self.now,
                        "registered_by_agent_id": self.rng.choice(agent_ids),
                        "updated_at": self.now,
                    }
                )
                by_customer[customer["id"]].append((contact_id, f"{first} {last}"))
        _bulk(session, Contact, rows)
        return by_customer

    # ----- contracts and services ----------------------------------------------------------

    def _contracts(
        self, session: Session, customers: list[dict[str, Any]], reseller_ids: list[int]
    ) -> list[dict[str, Any]]:
        start = _next_id(session, ServiceContract)
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
        _bulk(session, ServiceContract, rows)
        return rows

    def _services(
        self, session: Session, contracts: list[dict[str, Any]]
    ) -> dict[int, list[dict[str, Any]]]:
        start = _next_id(session, Service)
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
        for n, row in enumerate(planned):
            row["id"] = start + n
            row["created_at"] = self.now
            by_contract[row["contract_id"]].append(row)
            rows.append({k: v for k, v in row.items() if k != "contract_number"})
        _bulk(session, Service, rows)
        return by_contract

    # ----- tickets -------------------------------------------------------------------------

    def _tickets(
        self,
        session: Session,
        count: int,
        contracts: list[dict[str, Any]],
        services: dict[int, list[dict[str, Any]]],
        contacts: dict[int, list[tuple[int, str]]],
        agent_ids: list[int],
    ) -> tuple[int, int]:
        if count == 0:
            return 0, 0
        active = [c for c in contracts if c["state"] is ContractState.ACTIVE]
        agent_names = dict(session.execute(select(Agent.id, Agent.display_name)).all())
        first_number = reserve_counter(session, "ticket", count)
        ticket_start = _next_id(session, Ticket)
        message_id = _next_id(session, Message)
        access_id = _next_id(session, ResellerAccessChange)
        tickets: list[dict[str, Any]] = []
        messages: list[dict[str, Any]] = []
        accesses: list[dict[str, Any]] = []
        message_total = 0
        states = [s for s, _ in _STATE_WEIGHTS]
        state_weights = [w for _, w in _STATE_WEIGHTS]
        priorities = [p for p, _ in _PRIORITY_WEIGHTS]
        priority_weights = [w for _, w in _PRIORITY_WEIGHTS]
        for n in range(count):
            ticket_id = ticket_start + n
            contract = self.rng.choice(active or contracts)
            service = self.rng.choice(services[contract["id"]])
            people = contacts.get(contract["customer_id"], [])
            contact = self.rng.choice(people) if people else None
            state = self.rng.choices(states, state_weights)[0]
            migrated = n % 7 == 3
            opened = self._moment(days_back=900 if migrated else 300)
            legacy_number = f"Z{ticket_id:06d}" if migrated else None
            flags = None
            contract_id, service_id = contract["id"], service["id"]
            if migrated and n % 21 == 3:
                flags = "contract did not move (expired in the legacy system)"
                contract_id = service_id = None
            # Messages of earlier chunks are already written (and `messages` emptied).
            first_message_id = message_id + message_total + len(messages)
            dialogue = self._dialogue(
                ticket_id, opened, contact, agent_ids, agent_names, first_message_id
            )
            messages.extend(dialogue)
            last_change = max(message["created_at"] for message in dialogue)
            access = self.rng.random() < 0.3
            tickets.append(
                {
                    "id": ticket_id,
                    "number": format_ticket_number(first_number + n),
                    "subject": self.rng.choice(SUBJECTS),
                    "customer_id": contract["customer_id"],
                    "contact_id": contact[0] if contact else None,
                    "contract_id": contract_id,
                    "service_id": service_id,
                    "state": state,
                    "priority": self.rng.choices(priorities, priority_weights)[0],
                    "channel": Channel.MIGRATION if migrated else self.rng.choice(_CHANNELS),
                    "assignee_id": self.rng.choice([None, *agent_ids[1:3]]),
                    "reseller_access": access,
                    "legacy_number": legacy_number,
                    "opened_at": opened,
                    "updated_at": last_change,
                    "closed_at": None if state.is_open else last_change,
                    "created_by_agent_id": None if migrated else self.rng.choice(agent_ids[1:3]),
                    "migrated_at": self.now if migrated else None,
                    "review_flags": flags,
                    "reviewed_at": self.now if migrated and n % 2 == 0 and not flags else None,
                    "reviewed_by_agent_id": agent_ids[3]
                    if migrated and n % 2 == 0 and not flags
                    else None,
                    "version": 1,
                }
            )
            if migrated and len(self._migrated) < MAX_DIALOGUE_PDFS:
                self._migrated.append((tickets[-1], dialogue))
            accesses.append(
                {
                    "id": access_id + n,
                    "ticket_id": ticket_id,
                    "previous": None,
                    "granted": access,
                    "agent_id": None if migrated else self.rng.choice(agent_ids[1:3]),
                    "requested_by_contact_id": contact[0] if contact else None,
                    "requested_by_name": contact[1] if contact else "zgłaszający",
                    "channel": Channel.MIGRATION if migrated else Channel.PHONE,
                    "recorded_at": opened,
                    "note": None,
                }
            )
            if len(tickets) >= CHUNK:
                message_total += self._flush_tickets(session, tickets, messages, accesses)
                self.progress("tickets", n + 1, count)
        message_total += self._flush_tickets(session, tickets, messages, accesses)
        self.progress("tickets", count, count)
        return count, message_total

    def _dialogue_pdfs(self, session: Session, customers: list[dict[str, Any]]) -> None:
        """What the migration attaches to every migrated ticket: its old dialogue as a PDF."""
        from hezo_desk.services.legacy_import.writer import (  # noqa: PLC0415
            dialogue_file_name,  # named as the migration names it
        )
        from hezo_desk.services.pdf import (  # noqa: PLC0415 - reportlab only when needed
            CaseEntry,
            legacy_case_document,
            render_case_pdf,
        )

        by_id = {customer["id"]: customer for customer in customers}
        start = _next_id(session, Attachment)
        rows: list[dict[str, Any]] = []
        for ticket, dialogue in self._migrated:
            customer = by_id[ticket["customer_id"]]
            legacy_number = str(ticket["legacy_number"])
            document = legacy_case_document(
                legacy_number=legacy_number,
                number=ticket["number"],
                subject=ticket["subject"],
                customer_name=customer["name"],
                tax_id=customer["tax_id"],
                state=ticket["state"],
                priority=ticket["priority"],
                opened_at=ticket["opened_at"],
                language=customer["language"],
                messages=[
                    CaseEntry(m["author_name"], m["kind"], m["created_at"], m["body"])
                    for m in dialogue
                ],
            )
            data = render_case_pdf(
                document, exported_by="HEZO Desk (migration)", exported_at=self.now
            )
            rows.append(
                {
                    "id": start + len(rows),
                    "ticket_id": ticket["id"],
                    "file_name": dialogue_file_name(legacy_number),
                    "content_type": "application/pdf",
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "data": data,
                    "kind": LEGACY_DIALOGUE_KIND,
                    "created_at": self.now,
                    "legacy_id": None,
                }
            )
        _bulk(session, Attachment, rows)

    def _flush_tickets(
        self,
        session: Session,
        tickets: list[dict[str, Any]],
        messages: list[dict[str, Any]],
        accesses: list[dict[str, Any]],
    ) -> int:
        written = len(messages)
        _bulk(session, Ticket, tickets)
        _bulk(session, Message, messages)
        _bulk(session, ResellerAccessChange, accesses)
        tickets.clear()
        messages.clear()
        accesses.clear()
        return written

    def _dialogue(
        self,
        ticket_id: int,
        opened: dt.datetime,
        contact: tuple[int, str] | None,
        agent_ids: list[int],
        agent_names: dict[int, str],
        first_id: int,
    ) -> list[dict[str, Any]]:
        moment = opened
        rows: list[dict[str, Any]] = []
        customer_name = contact[1] if contact else "Klient"
        for index in range(self.rng.choice((1, 2, 3, 3, 4, 5, 6, 8))):
            if index == 0:
                kind = MessageKind.CUSTOMER
            else:
                kind = self.rng.choices(
                    (MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.INTERNAL_NOTE),
                    (3, 4, 1),
                )[0]
            agent_id = self.rng.choice(agent_ids[1:4]) if kind is not MessageKind.CUSTOMER else None
            lines = {
                MessageKind.CUSTOMER: CUSTOMER_LINES,
                MessageKind.AGENT: _AGENT_LINES,
                MessageKind.INTERNAL_NOTE: NOTES,
            }[kind]
            body = self.rng.choice(lines)
            if self.rng.random() < 0.3:
                body += "\n\n" + self.rng.choice(lines)
            rows.append(
                {
                    "id": first_id + index,
                    "ticket_id": ticket_id,
                    "kind": kind,
                    "author_name": agent_names[agent_id] if agent_id else customer_name,
                    "author_agent_id": agent_id,
                    "author_contact_id": contact[0] if contact and agent_id is None else None,
                    "body": body,
                    "created_at": moment,
                }
            )
            moment += dt.timedelta(minutes=self.rng.randrange(5, 60 * 48))
        return rows

    def _moment(self, *, days_back: int) -> dt.datetime:
        day = self.today - dt.timedelta(days=self.rng.randrange(1, days_back))
        local = dt.datetime.combine(
            day, dt.time(self.rng.randrange(7, 18), self.rng.randrange(60)), WARSAW
        )
        return local.astimezone(dt.UTC)


def _valid_tax_id(text_value: str) -> bool:
    try:
        parse_tax_id(text_value)
    except UserError:
        return False
    return True


def _next_id(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows, CHUNK):
        session.execute(insert(model), chunk)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
