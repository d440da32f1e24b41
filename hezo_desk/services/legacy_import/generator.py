"""Realistic legacy exports of any size, and what a correct import must make of them.

The generator writes the seven CSV files of LEGACY_EXPORT.md (and the attachment files) the
way real exports come: Windows-1250 or UTF-8 with or without BOM, `;` or `,`, CRLF or LF,
quoted multi-line bodies, HTML line breaks and entities from the old web form, Polish text
throughout, messages out of time order, one serial with several services. With `bad_rows`
it adds every kind of row the import must reject and every case it must flag.

Alongside the files it returns `Expected`: for every row of every file (by line number) the
outcome and the rule or reason, the subjects and dialogues of the tickets that move, the
flagged tickets and the new notations. Tests compare an import's report with it; the
benchmark uses the files only. Deterministic: the same spec gives the same bytes.

A later export (`generation=2`) repeats generation 1 row for row and adds new customers,
tickets and messages, a new service on a serial that already has one, and new messages on a
ticket that moved the first time.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hezo_desk.enums import MessageKind
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule
from hezo_desk.services.legacy_import.source import EXPORT_FILES
from hezo_desk.services.serials import format_notation, initial_indexes
from hezo_desk.services.tax_ids import make_nip

IMPORTED, SKIPPED, REJECTED = "imported", "skipped", "rejected"
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "resellers.csv": ("reseller_id", "nip", "name", "email"),
    "customers.csv": (
        "customer_id",
        "nip",
        "name",
        "street",
        "postal_code",
        "city",
        "country",
        "phone",
        "email",
    ),
    "contracts.csv": (
        "contract_no",
        "customer_id",
        "reseller_id",
        "start_date",
        "end_date",
        "status",
    ),
    "services.csv": ("service_id", "contract_no", "serial", "product", "start_date", "end_date"),
    "tickets.csv": (
        "ticket_id",
        "customer_id",
        "contract_no",
        "serial",
        "subject",
        "status",
        "priority",
        "opened_at",
        "closed_at",
        "opened_by",
    ),
    "messages.csv": ("message_id", "ticket_id", "sent_at", "author", "author_type", "body"),
    "attachments.csv": ("attachment_id", "ticket_id", "message_id", "file_name", "path"),
}
# How each file comes when the spec says "mixed": the old server's and people's re-saves.
MIXED_FORMATS: Mapping[str, tuple[str, str, str]] = {
    "resellers.csv": ("cp1250", ";", "crlf"),
    "customers.csv": ("utf-8-sig", ",", "lf"),
    "contracts.csv": ("cp1250", ";", "crlf"),
    "services.csv": ("utf-8", ",", "crlf"),
    "tickets.csv": ("utf-8-sig", ";", "lf"),
    "messages.csv": ("cp1250", ";", "crlf"),
    "attachments.csv": ("utf-8", ",", "lf"),
}

_COMPANY_KINDS = (
    "Hurtownia",
    "Drukarnia",
    "Urząd Gminy",
    "Spółdzielnia",
    "Przychodnia",
    "Biuro Rachunkowe",
    "Zakład Usług",
    "Apteka",
    "Przedsiębiorstwo Handlowe",
    "Kancelaria",
    "Szpital Miejski",
)
_NAMES = ("Gęś", "Łąka", "Żółw", "Świt", "Dęby", "Źródło", "Bóbr", "Żuraw", "Kłos", "Łoś", "Ćma")
_FORMS = ("Sp. z o.o.", "S.A.", "sp.j.", "Sp. z o.o. sp.k.", "")
_CITIES = (
    ("Kraków", "31"),
    ("Łódź", "90"),
    ("Wrocław", "50"),
    ("Gdańsk", "80"),
    ("Zielona Góra", "65"),
    ("Białystok", "15"),
    ("Poznań", "60"),
)
_STREETS = (
    "ul. Długa",
    "ul. Źródlana",
    "al. Jana Pawła II",
    "ul. Świętokrzyska",
    "os. Złota Jesień",
)
_PEOPLE = (
    "Paweł Żółkiewski",
    "Agnieszka Kamińska",
    "Łukasz Szymański",
    "Małgorzata Wójcik",
    "Jędrzej Ćwik",
    "Zofia Dąbrowska",
    "Grzegorz Łuczak",
    "Ewa Wiśniewska",
)
_PRODUCTS = (
    "FortiCare 8x5",
    "FortiCare 24x7",
    "FortiGuard IPS",
    "UTP Bundle",
    "Wymiana sprzętu NBD",
    "Enterprise Bundle",
)
_EU = (("DE136695976", "Nordlicht Systems GmbH", "DE"), ("CZ25123891", "Pražská Síť s.r.o.", "CZ"))
_SUBJECTS = (
    "Błąd „license invalid” w panelu",
    "Brak połączenia VPN po aktualizacji firmware",
    "Wysokie obciążenie CPU (>90%) w godzinach szczytu",
    "Wymiana zasilacza – tryb NBD; pilne",
    'HA: węzeł zapasowy nie przejmuje ruchu, "split brain"',
    "  Zmiana osoby kontaktowej w umowie  ",
    "Pytanie o fakturę € / zakres usługi serwisowej",
    "Żółć gęślą jaźń – ĄĆĘŁŃÓŚŹŻ, ąćęłńóśźż",
    "Filtrowanie <b>nie działa</b> & logi puste",
)
_LINES = (
    "Dzień dobry, od wczoraj urządzenie zgłasza błąd.",
    "Proszę o informację, czy usługa obejmuje wymianę sprzętu w trybie NBD.",
    "Zgodnie z rozmową telefoniczną: przesyłamy konfigurację (bez haseł).",
    "Zrestartowaliśmy urządzenie – problem wrócił po ~3 h; czy możemy prosić o sesję?",
    'Komunikat: <license status="invalid"> & brak aktualizacji sygnatur.',
    "Żółć gęślą jaźń – test znaków: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „cytat” – myślnik.",
    "Dziękujemy, wgraliśmy poprawkę 7.2.8, obserwujemy.",
    "Problem został przekazany do producenta (TAC #7412339).",
)
_NOTES = ("Klient dzwonił 2x, zdenerwowany.", "Reseller pytał o status – bez zgody klienta nic.")
_CONTRACT_STATUS = (("aktywna", 6), ("wygasła", 3), ("anulowana", 1))
_TICKET_STATUS = (
    ("nowe", 3),
    ("w realizacji", 3),
    ("oczekuje na klienta", 2),
    ("zamknięte", 4),
    ("anulowane", 1),
)
_PRIORITIES = ("niski", "normalny", "wysoki", "krytyczny")
_ACTIVE_TICKET = {"nowe", "w realizacji", "oczekuje na klienta"}
_KIND = {
    "klient": MessageKind.CUSTOMER,
    "agent": MessageKind.AGENT,
    "notatka": MessageKind.INTERNAL_NOTE,
}


@dataclass(frozen=True)
class ExportSpec:
    customers: int = 12
    tickets: int = 60
    seed: int = 2026
    max_messages: int = 6
    bad_rows: bool = True
    # "mixed" (MIXED_FORMATS), one value for every file, or a value per file name.
    encoding: str | Mapping[str, str] = "mixed"
    separator: str | Mapping[str, str] = "mixed"
    line_ending: str | Mapping[str, str] = "mixed"
    attachment_every: int = 4
    # Every n-th ticket gets one message of about 30 KB on a single line (0: none).
    long_message_every: int = 0
    generation: int = 1


@dataclass(frozen=True)
class RowTruth:
    line: int
    legacy_id: str | None
    outcome: str
    code: str | None = None


@dataclass
class Expected:
    """What a correct import of the export into an empty desk makes of it."""

    rows: dict[str, list[RowTruth]] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    # Moving ticket → its moving messages in dialogue order: (message id, author, kind, body).
    dialogues: dict[str, list[tuple[str, str, MessageKind, str]]] = field(default_factory=dict)
    attachments: dict[str, list[tuple[str, str, bytes]]] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    notations: dict[str, str] = field(default_factory=dict)
    formats: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # For a later export: the service added to a serial that already had one, and its
    # notation after the first export was imported.
    later_service: tuple[str, str] | None = None
    # Line of a message or attachment row → its ticket id.
    row_tickets: dict[str, dict[int, str]] = field(default_factory=dict)

    def counts(self, file: str) -> dict[str, int]:
        result = {IMPORTED: 0, SKIPPED: 0, REJECTED: 0}
        for row in self.rows[file]:
            result[row.outcome] += 1
        return result

    def listed(self, file: str, outcome: str) -> dict[int, str | None]:
        """line → code of the file's rows with that outcome."""
        return {row.line: row.code for row in self.rows[file] if row.outcome == outcome}

    def codes(self, outcome: str) -> set[str]:
        return {
            row.code or "" for rows in self.rows.values() for row in rows if row.outcome == outcome
        }

    def after_earlier_import(self, earlier: Expected) -> Expected:
        """What importing this export makes of it once `earlier` (a prefix) was imported."""
        moved_before = set(earlier.subjects)
        imported_before: dict[str, set[str | None]] = {
            file: {row.legacy_id for row in rows if row.outcome == IMPORTED}
            for file, rows in earlier.rows.items()
        }
        ticket_of = self.row_tickets
        rows: dict[str, list[RowTruth]] = {}
        for file, truths in self.rows.items():
            adjusted = []
            for truth in truths:
                row = truth
                if row.outcome == IMPORTED and row.legacy_id in imported_before[file]:
                    row = dataclasses.replace(
                        row, outcome=SKIPPED, code=SkipRule.ALREADY_IMPORTED.value
                    )
                elif (
                    file in ("messages.csv", "attachments.csv")
                    and ticket_of[file].get(row.line) in moved_before
                    and row.code
                    not in (RejectReason.DUPLICATE.value, RejectReason.MISSING_ID.value)
                ):
                    row = dataclasses.replace(
                        row, outcome=SKIPPED, code=SkipRule.TICKET_MIGRATED_EARLIER.value
                    )
                adjusted.append(row)
            rows[file] = adjusted
        return Expected(
            rows=rows,
            subjects={k: v for k, v in self.subjects.items() if k not in moved_before},
            dialogues={k: v for k, v in self.dialogues.items() if k not in moved_before},
            attachments={k: v for k, v in self.attachments.items() if k not in moved_before},
            row_tickets=self.row_tickets,
            flagged={t for t in self.flagged if t not in moved_before},
            notations={
                k: v for k, v in self.notations.items() if k not in imported_before["services.csv"]
            },
            formats=self.formats,
            later_service=self.later_service,
        )


@dataclass
class _Row:
    values: dict[str, str] | None
    raw: str | None = None
    truth: tuple[str, str | None] = (IMPORTED, None)
    legacy_id: str | None = None
    ticket: str | None = None


@dataclass
class _Contract:
    number: str
    customer: str
    status: str
    services: list[tuple[str, str]] = field(default_factory=list)  # (service id, serial)
    moves: bool = True


@dataclass
class _Ticket:
    ticket_id: str
    customer: str
    contract: str
    serial: str
    moves: bool
    flagged: bool = False
    rejected: bool = False


class _Builder:
    def __init__(self, spec: ExportSpec) -> None:
        self.spec = spec
        self.files: dict[str, list[_Row]] = {name: [] for name in EXPORT_FILES}
        self.attachment_files: dict[str, bytes] = {}
        self.expected = Expected()
        self.customers: dict[str, tuple[str, str]] = {}  # id → (nip, name)
        self.customer_order: list[str] = []
        self.contracts: dict[str, _Contract] = {}
        self.customer_contracts: dict[str, list[str]] = {}
        self.resellers: list[str] = []
        self.serial_services: dict[str, list[tuple[str, str, str, str]]] = {}
        self.contract_serials: dict[str, list[str]] = {}
        self.tickets: dict[str, _Ticket] = {}
        self.used_nips: set[str] = set()
        self.message_no = 0
        self.attachment_no = 0
        self.contract_no = 0
        self.service_no = 0

    def rng(self, *key: object) -> random.Random:
        return random.Random(":".join(str(part) for part in (self.spec.seed, *key)))

    def add(self, file: str, row: _Row) -> None:
        self.files[file].append(row)

    # ----- companies ------------------------------------------------------------------------------

    def nip(self, rng: random.Random) -> str:
        while True:
            nip = make_nip(f"{rng.randrange(100, 999)}{rng.randrange(10**6):06d}")
            if nip is not None and nip not in self.used_nips:
                self.used_nips.add(nip)
                return nip

    def resellers_(self, count: int, start: int = 1) -> None:
        for n in range(start, start + count):
            rng = self.rng("reseller", n)
            reseller_id = f"R{n:03d}"
            nip = self.nip(rng)
            shown = rng.choice((nip, f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}", f"PL{nip}"))
            self.add(
                "resellers.csv",
                _Row(
                    {
                        "reseller_id": reseller_id,
                        "nip": shown,
                        "name": f"{rng.choice(_NAMES)} IT Partner {n} Sp. z o.o.",
                        "email": f"serwis{n}@partner{n}.pl",
                    },
                    legacy_id=reseller_id,
                ),
            )
            self.resellers.append(reseller_id)

    def customer(self, n: int) -> str:
        rng = self.rng("customer", n)
        customer_id = f"K{n:05d}"
        if n % 9 == 0:
            tax_id, name, country = _EU[(n // 9) % len(_EU)]
            if tax_id in self.used_nips:
                tax_id, country = "PL" + self.nip(rng), "PL"
            self.used_nips.add(tax_id)
            shown = tax_id
        else:
            nip = self.nip(rng)
            tax_id, country = "PL" + nip, "PL"
            name = f"{rng.choice(_COMPANY_KINDS)} {rng.choice(_NAMES)} {rng.choice(_FORMS)}".strip()
            shown = rng.choice(
                (
                    f"PL{nip}",
                    f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
                    f"pl {nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}",
                    nip,
                )
            )
        city, postal = rng.choice(_CITIES)
        self.add(
            "customers.csv",
            _Row(
                {
                    "customer_id": customer_id,
                    "nip": shown,
                    "name": name,
                    "street": f"{rng.choice(_STREETS)} {rng.randrange(1, 120)}",
                    "postal_code": f"{postal}-{rng.randrange(100, 999)}",
                    "city": city,
                    "country": country,
                    "phone": f"+48 {rng.randrange(500, 899)} {rng.randrange(100, 999)} "
                    f"{rng.randrange(100, 999)}",
                    "email": f"it{n}@firma{n}.pl",
                },
                legacy_id=customer_id,
            ),
        )
        self.customers[customer_id] = (tax_id, name)
        self.customer_order.append(customer_id)
        return customer_id

    # ----- contracts and services -----------------------------------------------------------------

    def contract(self, customer_id: str, status: str, *, moves: bool | None = None) -> str:
        self.contract_no += 1
        rng = self.rng("contract", self.contract_no)
        year = 2019 + self.contract_no % 6
        number = f"UMS/{year}/{self.contract_no:05d}"
        start = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
        end = start + dt.timedelta(days=rng.randrange(365, 1500))
        self.add(
            "contracts.csv",
            _Row(
                {
                    "contract_no": number,
                    "customer_id": customer_id,
                    "reseller_id": rng.choice(self.resellers),
                    "start_date": f"{start:%d.%m.%Y}",
                    "end_date": f"{end:%d.%m.%Y}",
                    "status": status,
                },
                truth=(IMPORTED, None)
                if status == "aktywna"
                else (
                    SKIPPED,
                    (
                        SkipRule.CONTRACT_EXPIRED
                        if status == "wygasła"
                        else SkipRule.CONTRACT_CANCELLED
                    ).value,
                ),
                legacy_id=number,
            ),
        )
        contract = _Contract(
            number, customer_id, status, moves=status == "aktywna" if moves is None else moves
        )
        self.contracts[number] = contract
        self.customer_contracts.setdefault(customer_id, []).append(number)
        return number

    def service(
        self,
        number: str,
        serial: str,
        start: dt.date,
        *,
        truth: tuple[str, str | None] | None = None,
    ) -> str:
        self.service_no += 1
        rng = self.rng("service", self.service_no)
        service_id = f"S{self.service_no:06d}"
        contract = self.contracts[number]
        if truth is None:
            truth = (
                (IMPORTED, None)
                if contract.moves
                else (SKIPPED, SkipRule.CONTRACT_DID_NOT_MOVE.value)
            )
        typed = rng.choice((serial, serial.lower(), f" {serial[:4]} {serial[4:]} "))
        self.contract_serials.setdefault(number, []).append(serial)
        self.add(
            "services.csv",
            _Row(
                {
                    "service_id": service_id,
                    "contract_no": number,
                    "serial": typed,
                    "product": rng.choice(_PRODUCTS),
                    "start_date": f"{start:%d.%m.%Y}",
                    "end_date": f"{start + dt.timedelta(days=730):%d.%m.%Y}",
                },
                truth=truth,
                legacy_id=service_id,
            ),
        )
        if truth[0] == IMPORTED:
            contract.services.append((service_id, serial))
            self.serial_services.setdefault(serial, []).append(
                (start.isoformat(), number, f"{self.service_no:09d}", service_id)
            )
        return service_id

    def serial(self, rng: random.Random) -> str:
        return f"{rng.choice(('FG', 'FW', 'FP', 'FS', 'FA'))}{rng.randrange(10**9, 10**10)}"

    def contracts_of(self, customer_id: str, n: int) -> None:
        rng = self.rng("contracts-of", n)
        serials: list[str] = []
        for c in range(rng.randrange(1, 4)):
            status = _weighted(rng, _CONTRACT_STATUS) if c else "aktywna"
            number = self.contract(customer_id, status)
            for s in range(rng.randrange(1, 4)):
                if serials and rng.random() < 0.3:
                    serial = rng.choice(serials)
                else:
                    serial = self.serial(rng)
                    serials.append(serial)
                start = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(900) * 3 + s)
                self.service(number, serial, start)

    # ----- tickets and their dialogue -------------------------------------------------------------

    def ticket(
        self,
        n: int,
        customer_id: str,
        contract_no: str,
        serial: str,
        *,
        status: str | None = None,
        truth: tuple[str, str | None] | None = None,
        overrides: Mapping[str, str] | None = None,
        flag: bool = False,
        messages: int | None = None,
    ) -> _Ticket:
        rng = self.rng("ticket", n)
        ticket_id = f"Z{n:06d}"
        status = status or _weighted(rng, _TICKET_STATUS)
        opened = dt.datetime(2021, 1, 1, 8) + dt.timedelta(minutes=rng.randrange(1_500_000))
        closed = (
            "" if status in _ACTIVE_TICKET else f"{opened + dt.timedelta(days=30):%d.%m.%Y %H:%M}"
        )
        subject = rng.choice(_SUBJECTS)
        typed_serial = rng.choice((serial, serial.lower(), f"{serial[:2]} {serial[2:]}"))
        values = {
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "contract_no": contract_no,
            "serial": typed_serial,
            "subject": subject,
            "status": status,
            "priority": rng.choice(_PRIORITIES),
            "opened_at": f"{opened:%d.%m.%Y %H:%M}",
            "closed_at": closed,
            "opened_by": rng.choice(("portal", "telefon", "e-mail")),
        }
        values.update(overrides or {})
        if truth is None:
            if status == "zamknięte":
                truth = (SKIPPED, SkipRule.TICKET_CLOSED.value)
            elif status == "anulowane":
                truth = (SKIPPED, SkipRule.TICKET_CANCELLED.value)
            else:
                truth = (IMPORTED, None)
        moves = truth[0] == IMPORTED
        ticket = _Ticket(
            ticket_id, customer_id, contract_no, serial, moves, rejected=truth[0] == REJECTED
        )
        self.tickets[ticket_id] = ticket
        self.add("tickets.csv", _Row(values, truth=truth, legacy_id=ticket_id))
        if moves:
            self.expected.subjects[ticket_id] = values["subject"]
            self.expected.dialogues[ticket_id] = []
            contract = self.contracts.get(contract_no)
            on_contract = [s for s, ser in contract.services if ser == serial] if contract else []
            if (
                flag
                or contract is None
                or not contract.moves
                or contract.customer != customer_id
                or len(on_contract) != 1
            ):
                ticket.flagged = True
        count = messages if messages is not None else rng.randrange(1, self.spec.max_messages + 1)
        times = [opened + dt.timedelta(hours=h * 5 + rng.randrange(4)) for h in range(count)]
        if count > 2 and rng.random() < 0.3:
            times[0], times[-1] = times[-1], times[0]  # the export is not in time order
        for m in range(count):
            self.message(
                ticket,
                times[m],
                rng,
                long=bool(
                    self.spec.long_message_every
                    and n % self.spec.long_message_every == 0
                    and m == 0
                ),
            )
        if self.spec.attachment_every and n % self.spec.attachment_every == 0:
            self.attachment(ticket, rng)
        return ticket

    def message(
        self,
        ticket: _Ticket,
        at: dt.datetime,
        rng: random.Random,
        *,
        long: bool = False,
        truth: tuple[str, str | None] | None = None,
        overrides: Mapping[str, str] | None = None,
        message_id: str | None = None,
    ) -> str:
        if message_id is None:
            self.message_no += 1
            message_id = f"M{self.message_no:07d}"
        author_type = rng.choice(("klient", "klient", "agent", "notatka"))
        text = (
            _NOTES[rng.randrange(len(_NOTES))]
            if author_type == "notatka"
            else "\n".join(rng.choice(_LINES) for _ in range(rng.randrange(1, 4)))
        )
        if long:
            text = " ".join(rng.choice(_LINES) for _ in range(450))  # ~30 KB, no line break
        raw = text
        if author_type == "klient" and not long and rng.random() < 0.4:
            raw, text = _as_web_form(text, rng)  # came through the old web form
        values = {
            "message_id": message_id,
            "ticket_id": ticket.ticket_id,
            "sent_at": f"{at:%d.%m.%Y %H:%M}",
            "author": rng.choice(_PEOPLE),
            "author_type": author_type,
            "body": raw,
        }
        values.update(overrides or {})
        if truth is None:
            truth = self._child_truth(ticket)
        if truth[0] == REJECTED and ticket.moves:
            ticket.flagged = True
        self.add(
            "messages.csv", _Row(values, truth=truth, legacy_id=message_id, ticket=ticket.ticket_id)
        )
        if truth[0] == IMPORTED:
            self.expected.dialogues[ticket.ticket_id].append(
                (message_id, values["author"], _KIND[author_type], text)
            )
            self._times[message_id] = (at, len(self.files["messages.csv"]))
        return message_id

    _times: dict[str, tuple[dt.datetime, int]]

    def _child_truth(self, ticket: _Ticket) -> tuple[str, str | None]:
        if ticket.moves:
            return (IMPORTED, None)
        if ticket.rejected:
            return (REJECTED, RejectReason.PARENT_REJECTED.value)
        return (SKIPPED, SkipRule.TICKET_DID_NOT_MOVE.value)

    def attachment(
        self,
        ticket: _Ticket,
        rng: random.Random,
        *,
        truth: tuple[str, str | None] | None = None,
        path: str | None = None,
        write_file: bool = True,
    ) -> str:
        self.attachment_no += 1
        attachment_id = f"A{self.attachment_no:05d}"
        name = rng.choice(("log.txt", "konfiguracja.conf", "zrzut ekranu.png", "raport_łącza.txt"))
        relative = path or f"attachments/{ticket.ticket_id}/{self.attachment_no}-{name}"
        data = (
            f"Log {attachment_id} – zgłoszenie {ticket.ticket_id}\nŻółć gęślą jaźń\n".encode()
            + bytes(rng.randrange(256) for _ in range(rng.randrange(50, 400)))
        )
        if write_file and path is None:
            self.attachment_files[relative] = data
        if truth is None:
            truth = self._child_truth(ticket)
        if truth[0] == REJECTED and ticket.moves:
            ticket.flagged = True
        self.add(
            "attachments.csv",
            _Row(
                {
                    "attachment_id": attachment_id,
                    "ticket_id": ticket.ticket_id,
                    "message_id": "",
                    "file_name": name,
                    "path": relative,
                },
                truth=truth,
                legacy_id=attachment_id,
                ticket=ticket.ticket_id,
            ),
        )
        if truth[0] == IMPORTED:
            self.expected.attachments.setdefault(ticket.ticket_id, []).append(
                (attachment_id, name, data)
            )
        return attachment_id

    # ----- the export -----------------------------------------------------------------------------

    def build(self) -> Expected:
        self._times = {}
        spec = self.spec
        self.resellers_(max(3, spec.customers // 5))
        for n in range(1, spec.customers + 1):
            self.contracts_of(self.customer(n), n)
        for n in range(1, spec.tickets + 1):
            self.normal_ticket(n)
        if spec.bad_rows:
            self.bad_rows()
        if spec.generation >= 2:
            self.later()
        return self.finish()

    def normal_ticket(self, n: int) -> _Ticket:
        rng = self.rng("ticket-target", n)
        customer_id = self.customer_order[rng.randrange(len(self.customer_order))]
        number = rng.choice(self.customer_contracts[customer_id])
        serial = rng.choice(self.contract_serials[number])
        return self.ticket(n, customer_id, number, serial)

    def bad_rows(self) -> None:
        """One of every kind of row the import must reject, and every case it must flag."""
        rng = self.rng("bad")
        b = self.spec.tickets + 1000
        first = self.customer_order[0]
        second = self.customer_order[1]
        first_contract = self.customer_contracts[first][0]
        first_serial = self.contracts[first_contract].services[0][1]
        # Customers.
        bad_customer = "K90001"
        self.add(
            "customers.csv",
            _Row(
                {
                    "customer_id": bad_customer,
                    "nip": "PL5260250275",
                    "name": "Hurtownia Błędny NIP",
                    "street": "",
                    "postal_code": "",
                    "city": "Łódź",
                    "country": "PL",
                    "phone": "",
                    "email": "",
                },
                truth=(REJECTED, RejectReason.INVALID_TAX_ID.value),
                legacy_id=bad_customer,
            ),
        )
        self.customers[bad_customer] = ("PL5260250275", "Hurtownia Błędny NIP")
        bad_contract = self.contract(bad_customer, "aktywna", moves=False)
        self._retruth("contracts.csv", bad_contract, (REJECTED, RejectReason.PARENT_REJECTED.value))
        self.service(
            bad_contract,
            self.serial(rng),
            dt.date(2022, 5, 5),
            truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
        )
        self.ticket(
            b + 1,
            bad_customer,
            bad_contract,
            "FG0000000001",
            status="nowe",
            truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
        )
        self.ticket(b + 2, bad_customer, bad_contract, "FG0000000001", status="zamknięte")
        self.add(
            "customers.csv",
            _Row(
                {**self._values("customers.csv", second), "customer_id": ""},
                truth=(REJECTED, RejectReason.MISSING_ID.value),
            ),
        )
        self.add(
            "customers.csv",
            _Row(
                dict(self._values("customers.csv", first)),
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=first,
            ),
        )
        self.add(
            "customers.csv",
            _Row(
                {**self._values("customers.csv", second), "city": "Gdynia"},
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=second,
            ),
        )
        self.add(
            "customers.csv",
            _Row(
                None,
                raw="K90002{sep}PL7251801126{sep}Firma{sep} Nazwa z "
                "separatorem{sep}ul. Krótka 1{sep}00-001{sep}Warszawa{sep}PL"
                "{sep}+48 600 100 200{sep}biuro@krotka.pl",
                truth=(REJECTED, RejectReason.MALFORMED_ROW.value),
                legacy_id="K90002",
            ),
        )
        twin_nip = self.customers[second][0]
        self.add(
            "customers.csv",
            _Row(
                {
                    **self._values("customers.csv", second),
                    "customer_id": "K90003",
                    "nip": twin_nip,
                    "name": "Ta sama firma (drugi wpis)",
                },
                truth=(SKIPPED, SkipRule.SAME_COMPANY.value),
                legacy_id="K90003",
            ),
        )
        self.add(
            "customers.csv",
            _Row(
                {
                    **self._values("customers.csv", second),
                    "customer_id": "K90004",
                    "nip": "PL" + self.nip(rng),
                    "name": "  ",
                },
                truth=(REJECTED, RejectReason.MISSING_VALUE.value),
                legacy_id="K90004",
            ),
        )
        # Resellers.
        self.add(
            "resellers.csv",
            _Row(
                {
                    "reseller_id": "R900",
                    "nip": "123-456-78-90",
                    "name": "Zły NIP Partner",
                    "email": "",
                },
                truth=(REJECTED, RejectReason.INVALID_TAX_ID.value),
                legacy_id="R900",
            ),
        )
        # Contracts.
        for status, overrides, code in (
            ("aktywna", {"reseller_id": "R900"}, RejectReason.PARENT_REJECTED),
            ("aktywna", {"start_date": "31.02.2023"}, RejectReason.INVALID_DATE),
            ("aktywna", {"customer_id": "K99999"}, RejectReason.MISSING_CUSTOMER),
            ("aktywna", {"reseller_id": "R999"}, RejectReason.MISSING_RESELLER),
            ("zawieszona", {}, RejectReason.INVALID_VALUE),
        ):
            number = self.contract(first, status, moves=False)
            self._retruth("contracts.csv", number, (REJECTED, code.value), overrides)
            self.service(
                number,
                self.serial(rng),
                dt.date(2022, 6, 6),
                truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
            )
        self.add(
            "contracts.csv",
            _Row(
                dict(self._values("contracts.csv", first_contract)),
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=first_contract,
            ),
        )
        # Services (on an active contract of the first customer).
        for overrides, code in (
            ({"serial": "FG#12"}, RejectReason.INVALID_VALUE),
            ({"contract_no": "UMS/1999/99999"}, RejectReason.MISSING_CONTRACT),
            ({"start_date": "2022-01-01"}, RejectReason.INVALID_DATE),
        ):
            service_id = self.service(
                first_contract, self.serial(rng), dt.date(2023, 1, 1), truth=(REJECTED, code.value)
            )
            self._retruth("services.csv", service_id, (REJECTED, code.value), overrides)
        first_service = self.contracts[first_contract].services[0][0]
        self.add(
            "services.csv",
            _Row(
                dict(self._values("services.csv", first_service)),
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=first_service,
            ),
        )
        # Tickets that are rejected.
        self.ticket(
            b + 3,
            "K99999",
            first_contract,
            first_serial,
            status="nowe",
            truth=(REJECTED, RejectReason.MISSING_CUSTOMER.value),
        )
        self.ticket(
            b + 4,
            first,
            first_contract,
            first_serial,
            status="nowe",
            truth=(REJECTED, RejectReason.INVALID_DATE.value),
            overrides={"opened_at": "32.13.2022 25:00"},
        )
        self.ticket(
            b + 5,
            first,
            first_contract,
            first_serial,
            status="wstrzymane",
            truth=(REJECTED, RejectReason.INVALID_VALUE.value),
        )
        self.ticket(
            b + 6,
            first,
            first_contract,
            first_serial,
            status="nowe",
            truth=(REJECTED, RejectReason.INVALID_VALUE.value),
            overrides={"subject": "Za długi temat – " * 40},
        )
        duplicated = next(t for t in self.tickets.values() if t.moves)
        self.add(
            "tickets.csv",
            _Row(
                {**self._values("tickets.csv", duplicated.ticket_id), "subject": "Inny temat"},
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=duplicated.ticket_id,
            ),
        )
        # Tickets that move, flagged for review.
        other_contract = self.customer_contracts[second][0]
        other_serial = self.contracts[other_contract].services[0][1]
        self.ticket(b + 7, first, "UMS/1998/00001", first_serial, status="nowe")  # not exported
        self.ticket(b + 8, first, first_contract, "FG9999999999", status="w realizacji")  # serial
        self.ticket(
            b + 9,
            first,
            first_contract,
            first_serial,
            status="nowe",
            overrides={"priority": "pilny"},
            flag=True,
        )
        self.ticket(b + 10, first, other_contract, other_serial, status="nowe")  # other customer
        flagged = self.ticket(
            b + 11, first, first_contract, first_serial, status="nowe", messages=1
        )
        at = dt.datetime(2023, 3, 3, 10)
        self.message(
            flagged,
            at,
            rng,
            truth=(REJECTED, RejectReason.INVALID_DATE.value),
            overrides={"sent_at": "wczoraj"},
        )
        self.message(
            flagged,
            at,
            rng,
            truth=(REJECTED, RejectReason.INVALID_VALUE.value),
            overrides={"author_type": "system"},
        )
        self.attachment(
            flagged, rng, truth=(REJECTED, RejectReason.MISSING_FILE.value), write_file=False
        )
        self.attachment(
            flagged,
            rng,
            truth=(REJECTED, RejectReason.INVALID_VALUE.value),
            path="../../etc/passwd",
        )
        # Messages and attachments that are rejected on their own.
        ghost = _Ticket("Z999999", first, first_contract, first_serial, moves=False)
        self.message(ghost, at, rng, truth=(REJECTED, RejectReason.MISSING_TICKET.value))
        self.attachment(ghost, rng, truth=(REJECTED, RejectReason.MISSING_TICKET.value))
        some = next(r for r in self.files["messages.csv"] if r.truth[0] == IMPORTED)
        self.add(
            "messages.csv",
            _Row(
                dict(some.values or {}),
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=some.legacy_id,
                ticket=some.ticket,
            ),
        )
        self.add(
            "messages.csv",
            _Row(
                {**(some.values or {}), "message_id": ""},
                truth=(REJECTED, RejectReason.MISSING_ID.value),
                ticket=some.ticket,
            ),
        )
        some_attachment = next(
            (r for r in self.files["attachments.csv"] if r.truth[0] == IMPORTED), None
        )
        if some_attachment is not None:
            self.add(
                "attachments.csv",
                _Row(
                    dict(some_attachment.values or {}),
                    truth=(REJECTED, RejectReason.DUPLICATE.value),
                    legacy_id=some_attachment.legacy_id,
                    ticket=some_attachment.ticket,
                ),
            )

    def later(self) -> None:
        """Generation 2: new companies, tickets and messages after everything of generation 1."""
        spec = self.spec
        # A serial of generation 1 with exactly one service that moved gets a second one.
        single = next(
            serial
            for serial, services in sorted(self.serial_services.items())
            if len(services) == 1
        )
        start = spec.customers + 1
        for n in range(start, start + max(2, spec.customers // 3)):
            self.contracts_of(self.customer(n), n)
        base = spec.tickets + 5000
        for n in range(base, base + max(5, spec.tickets // 3)):
            self.normal_ticket(n)
        owner = self.contracts[self.serial_services[single][0][1]].customer
        number = self.contract(owner, "aktywna")
        service_id = self.service(number, single, dt.date(2026, 1, 2))
        self.expected.later_service = (service_id, format_notation(single, 1))
        # New messages on a ticket that moved in generation 1.
        moved = next(t for t in self.tickets.values() if t.moves and not t.rejected)
        rng = self.rng("later-messages")
        self.message(moved, dt.datetime(2026, 1, 5, 9), rng)

    def _values(self, file: str, legacy_id: str) -> dict[str, str]:
        row = next(r for r in self.files[file] if r.legacy_id == legacy_id and r.values)
        assert row.values is not None
        return row.values

    def _retruth(
        self,
        file: str,
        legacy_id: str,
        truth: tuple[str, str | None],
        overrides: Mapping[str, str] | None = None,
    ) -> None:
        row = next(r for r in self.files[file] if r.legacy_id == legacy_id)
        row.truth = truth
        if overrides and row.values is not None:
            row.values.update(overrides)

    def finish(self) -> Expected:
        expected = self.expected
        for ticket in self.tickets.values():
            if ticket.moves and ticket.flagged:
                expected.flagged.add(ticket.ticket_id)
            if ticket.moves:
                dialogue = expected.dialogues[ticket.ticket_id]
                dialogue.sort(key=lambda entry: self._times[entry[0]])
                if not dialogue:
                    expected.flagged.add(ticket.ticket_id)
        for serial, services in self.serial_services.items():
            ordered = sorted(services)
            for index, entry in zip(initial_indexes(len(ordered)), ordered, strict=True):
                expected.notations[entry[3]] = format_notation(serial, index)
        return expected


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _as_web_form(text: str, rng: random.Random) -> tuple[str, str]:
    """Text as the old web form stored it (HTML line breaks and entities), and what it
    stands for."""
    encoded = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    meant = text
    if rng.random() < 0.5:
        encoded = encoded.replace(" – ", "&nbsp;&ndash;&nbsp;")
        meant = text.replace(" – ", "\u00a0–\u00a0")
    breaks = ("<br>", "<br/>", "<BR />", "<br >")
    raw = "".join(
        part if i == 0 else rng.choice(breaks) + part for i, part in enumerate(encoded.split("\n"))
    )
    return raw, meant


def _format_of(spec: ExportSpec, file: str) -> tuple[str, str, str]:
    def pick(option: str | Mapping[str, str], position: int) -> str:
        if isinstance(option, str):
            return MIXED_FORMATS[file][position] if option == "mixed" else option
        return option.get(file, MIXED_FORMATS[file][position])

    return pick(spec.encoding, 0), pick(spec.separator, 1), pick(spec.line_ending, 2)


def _lines_in(record: str) -> int:
    """Physical lines a written record spans, counted as the csv module counts them."""
    text = record.rstrip("\r\n")
    return (
        1
        + text.count("\r\n")
        + text.replace("\r\n", "").count("\n")
        + text.replace("\r\n", "").count("\r")
    )


def generate_export(folder: str | Path, spec: ExportSpec = ExportSpec()) -> Expected:
    """Write the export into `folder` (created); return what its import must give."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    builder = _Builder(spec)
    expected = builder.build()
    for name in EXPORT_FILES:
        encoding, separator, ending = _format_of(spec, name)
        newline = "\r\n" if ending == "crlf" else "\n"
        record_buffer = io.StringIO()
        writer = csv.writer(record_buffer, delimiter=separator, lineterminator=newline)
        writer.writerow(COLUMNS[name])
        parts = [record_buffer.getvalue()]
        line = 2
        truths: list[RowTruth] = []
        tickets: dict[int, str] = {}
        for row in builder.files[name]:
            record_buffer.seek(0)
            record_buffer.truncate()
            if row.raw is not None:
                record_buffer.write(row.raw.format(sep=separator) + newline)
            else:
                assert row.values is not None
                cells = [
                    (row.values.get(column, "") or "").replace("\n", newline)
                    if column == "body" and "\r\n" not in (row.values.get(column) or "")
                    else row.values.get(column, "")
                    for column in COLUMNS[name]
                ]
                writer.writerow(cells)
            record = record_buffer.getvalue()
            parts.append(record)
            truths.append(RowTruth(line, row.legacy_id, *row.truth))
            if row.ticket is not None:
                tickets[line] = row.ticket
            line += _lines_in(record)
        expected.rows[name] = truths
        expected.row_tickets[name] = tickets
        expected.formats[name] = (encoding, separator, ending)
        (target / name).write_bytes("".join(parts).encode(encoding))
    for relative, data in builder.attachment_files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return expected


def zip_export(folder: str | Path, zip_path: str | Path, *, inner: str | None = "export") -> Path:
    """The export folder zipped (inside one top folder, as people zip a folder)."""
    source = Path(folder)
    destination = Path(zip_path)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                relative = path.relative_to(source).as_posix()
                archive.write(path, f"{inner}/{relative}" if inner else relative)
    return destination


def summary(expected: Expected) -> dict[str, Any]:
    """Counts per file and outcome (for the benchmark's printout)."""
    return {file: expected.counts(file) for file in expected.rows}
