"""The rows of a generated export, built in memory with the truth about each.

`Builder` makes the regular rows (resellers, customers, contracts, services, tickets with
their dialogue and attachments) and keeps what the expected outcome needs; bad_rows.py adds
the rows that must be rejected or flagged, and a later export's new rows, through it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from hezo_desk.services.demo.vocabulary import (
    NOTES,
    PRODUCTS,
    company_name,
    person_name,
    phone_number,
    polish_address,
    reseller_name,
    serial_number,
    unused_nip,
)
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule
from hezo_desk.services.legacy_import.source import EXPORT_FILES
from hezo_desk.services.serials import format_notation, initial_indexes

from .spec import ExportSpec
from .texts import (
    ACTIVE_TICKET,
    CONTRACT_STATUS,
    EU,
    KIND,
    LINES,
    PRIORITIES,
    SUBJECTS,
    TICKET_STATUS,
    as_web_form,
    weighted,
)
from .truth import IMPORTED, REJECTED, SKIPPED, Expected


@dataclass
class Row:
    values: dict[str, str] | None
    raw: str | None = None
    truth: tuple[str, str | None] = (IMPORTED, None)
    legacy_id: str | None = None
    ticket: str | None = None


@dataclass
class ExportContract:
    number: str
    customer: str
    status: str
    services: list[tuple[str, str]] = field(default_factory=list)  # (service id, serial)
    moves: bool = True


@dataclass
class ExportTicket:
    ticket_id: str
    customer: str
    contract: str
    serial: str
    moves: bool
    flagged: bool = False
    rejected: bool = False


class Builder:
    def __init__(self, spec: ExportSpec) -> None:
        self.spec = spec
        self.files: dict[str, list[Row]] = {name: [] for name in EXPORT_FILES}
        self.attachment_files: dict[str, bytes] = {}
        self.expected = Expected()
        self.customers: dict[str, tuple[str, str]] = {}  # id → (nip, name)
        self.customer_order: list[str] = []
        self.contracts: dict[str, ExportContract] = {}
        self.customer_contracts: dict[str, list[str]] = {}
        self.resellers: list[str] = []
        self.serial_services: dict[str, list[tuple[str, str, str, str]]] = {}
        self.contract_serials: dict[str, list[str]] = {}
        self.tickets: dict[str, ExportTicket] = {}
        self.used_nips: set[str] = set()
        self.message_no = 0
        # Message id → (sent at, row): the order a dialogue must come out in.
        self.times: dict[str, tuple[dt.datetime, int]] = {}
        self.attachment_no = 0
        self.contract_no = 0
        self.service_no = 0

    def rng(self, *key: object) -> random.Random:
        return random.Random(":".join(str(part) for part in (self.spec.seed, *key)))

    def add(self, file: str, row: Row) -> None:
        self.files[file].append(row)

    # ----- companies ------------------------------------------------------------------------------

    def add_resellers(self, count: int, start: int = 1) -> None:
        for n in range(start, start + count):
            rng = self.rng("reseller", n)
            reseller_id = f"R{n:03d}"
            nip = unused_nip(rng, self.used_nips)
            shown = rng.choice((nip, f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}", f"PL{nip}"))
            self.add(
                "resellers.csv",
                Row(
                    {
                        "reseller_id": reseller_id,
                        "nip": shown,
                        "name": reseller_name(rng, n),
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
            tax_id, name, country = EU[(n // 9) % len(EU)]
            if tax_id in self.used_nips:
                tax_id, country = "PL" + unused_nip(rng, self.used_nips), "PL"
            self.used_nips.add(tax_id)
            shown = tax_id
        else:
            nip = unused_nip(rng, self.used_nips)
            tax_id, country = "PL" + nip, "PL"
            name = company_name(rng)
            shown = rng.choice(
                (
                    f"PL{nip}",
                    f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
                    f"pl {nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}",
                    nip,
                )
            )
        street, postal_code, city = polish_address(rng)
        self.add(
            "customers.csv",
            Row(
                {
                    "customer_id": customer_id,
                    "nip": shown,
                    "name": name,
                    "street": street,
                    "postal_code": postal_code,
                    "city": city,
                    "country": country,
                    "phone": phone_number(rng),
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
            Row(
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
        contract = ExportContract(
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
            Row(
                {
                    "service_id": service_id,
                    "contract_no": number,
                    "serial": typed,
                    "product": rng.choice(PRODUCTS),
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

    def contracts_of(self, customer_id: str, n: int) -> None:
        rng = self.rng("contracts-of", n)
        serials: list[str] = []
        for c in range(rng.randrange(1, 4)):
            status = weighted(rng, CONTRACT_STATUS) if c else "aktywna"
            number = self.contract(customer_id, status)
            for s in range(rng.randrange(1, 4)):
                if serials and rng.random() < 0.3:
                    serial = rng.choice(serials)
                else:
                    serial = serial_number(rng)
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
    ) -> ExportTicket:
        rng = self.rng("ticket", n)
        ticket_id = f"Z{n:06d}"
        status = status or weighted(rng, TICKET_STATUS)
        opened = dt.datetime(2021, 1, 1, 8) + dt.timedelta(minutes=rng.randrange(1_500_000))
        closed = (
            "" if status in ACTIVE_TICKET else f"{opened + dt.timedelta(days=30):%d.%m.%Y %H:%M}"
        )
        subject = rng.choice(SUBJECTS)
        typed_serial = rng.choice((serial, serial.lower(), f"{serial[:2]} {serial[2:]}"))
        values = {
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "contract_no": contract_no,
            "serial": typed_serial,
            "subject": subject,
            "status": status,
            "priority": rng.choice(PRIORITIES),
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
        ticket = ExportTicket(
            ticket_id, customer_id, contract_no, serial, moves, rejected=truth[0] == REJECTED
        )
        self.tickets[ticket_id] = ticket
        self.add("tickets.csv", Row(values, truth=truth, legacy_id=ticket_id))
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
        ticket: ExportTicket,
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
            NOTES[rng.randrange(len(NOTES))]
            if author_type == "notatka"
            else "\n".join(rng.choice(LINES) for _ in range(rng.randrange(1, 4)))
        )
        if long:
            text = " ".join(rng.choice(LINES) for _ in range(450))  # ~30 KB, no line break
        raw = text
        if author_type == "klient" and not long and rng.random() < 0.4:
            raw, text = as_web_form(text, rng)  # came through the old web form
        values = {
            "message_id": message_id,
            "ticket_id": ticket.ticket_id,
            "sent_at": f"{at:%d.%m.%Y %H:%M}",
            "author": " ".join(person_name(rng)),
            "author_type": author_type,
            "body": raw,
        }
        values.update(overrides or {})
        if truth is None:
            truth = self._child_truth(ticket)
        if truth[0] == REJECTED and ticket.moves:
            ticket.flagged = True
        self.add(
            "messages.csv", Row(values, truth=truth, legacy_id=message_id, ticket=ticket.ticket_id)
        )
        if truth[0] == IMPORTED:
            self.expected.dialogues[ticket.ticket_id].append(
                (message_id, values["author"], KIND[author_type], text)
            )
            self.times[message_id] = (at, len(self.files["messages.csv"]))
        return message_id

    def _child_truth(self, ticket: ExportTicket) -> tuple[str, str | None]:
        if ticket.moves:
            return (IMPORTED, None)
        if ticket.rejected:
            return (REJECTED, RejectReason.PARENT_REJECTED.value)
        return (SKIPPED, SkipRule.TICKET_DID_NOT_MOVE.value)

    def attachment(
        self,
        ticket: ExportTicket,
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
            Row(
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

    def regular_rows(self) -> None:
        spec = self.spec
        self.add_resellers(max(3, spec.customers // 5))
        for n in range(1, spec.customers + 1):
            self.contracts_of(self.customer(n), n)
        for n in range(1, spec.tickets + 1):
            self.normal_ticket(n)

    def normal_ticket(self, n: int) -> ExportTicket:
        rng = self.rng("ticket-target", n)
        customer_id = self.customer_order[rng.randrange(len(self.customer_order))]
        number = rng.choice(self.customer_contracts[customer_id])
        serial = rng.choice(self.contract_serials[number])
        return self.ticket(n, customer_id, number, serial)

    def values_of(self, file: str, legacy_id: str) -> dict[str, str]:
        row = next(r for r in self.files[file] if r.legacy_id == legacy_id and r.values)
        assert row.values is not None
        return row.values

    def retruth(
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
                dialogue.sort(key=lambda entry: self.times[entry[0]])
                if not dialogue:
                    expected.flagged.add(ticket.ticket_id)
        for serial, services in self.serial_services.items():
            ordered = sorted(services)
            for index, entry in zip(initial_indexes(len(ordered)), ordered, strict=True):
                expected.notations[entry[3]] = format_notation(serial, index)
        return expected
