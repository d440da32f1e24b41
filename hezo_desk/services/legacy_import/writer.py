"""Writing what the rules decided into the desk, in units that each commit on their own.

Companies, contracts and services go in chunks; tickets go in small batches, each ticket
with all its messages, its legacy attachments and its dialogue PDF in the same transaction.
A crash loses at most the unit in flight; the next run finds everything before it by its
legacy id and completes the rest. Dialogue PDFs are rendered ahead in worker processes
(`RenderPool`) while the main process writes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, CancelledError, Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select

from hezo_desk.audit_words import review_flag
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Language
from hezo_desk.models import (
    MAX_ATTACHMENT_BYTES,
    Customer,
    Reseller,
    Service,
    ServiceContract,
    Ticket,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.counters import reserve_counter
from hezo_desk.services.legacy_import.rules import SkipRule
from hezo_desk.services.legacy_import.source import ExportSource
from hezo_desk.services.legacy_import.staging import IMPORTED, PLANNED, SKIPPED, Staging
from hezo_desk.services.legacy_import.ticket_rows import (
    PreparedTicket,
    insert_tickets,
    prepare_ticket,
)
from hezo_desk.services.normalize import contract_number_key, email_key, fold, phone_key
from hezo_desk.services.pdf.pool import RenderPool
from hezo_desk.services.phones import phone_e164
from hezo_desk.services.serials import next_free_indexes
from hezo_desk.services.service_levels.dues import product_rule_key, rule_level_ids
from hezo_desk.services.ticket_numbers import format_ticket_number

COMPANY_CHUNK = 1_000
SERVICE_CHUNK = 1_000
TICKET_BATCH = 50
# A batch of tickets also closes when its messages and files reach this many bytes.
BATCH_BYTES = 32 * 1024 * 1024


class ImportCancelledError(Exception):
    """The user asked to stop; raised between units of work."""


@dataclass
class WriteCounts:
    tickets: int = 0
    tickets_total: int = 0
    messages: int = 0
    attachments: int = 0
    flagged: int = 0
    # Migrated tickets already past a due on arrival (marked, counted once in the report).
    overdue: int = 0
    rows: int = 0
    rows_total: int = 0
    phase_started: float = field(default_factory=time.monotonic)


ProgressCallback = Callable[[str, WriteCounts], None]


def _target_ids(staging: Staging, table: str, targets: Sequence[str | None]) -> dict[str, int]:
    """'db:N' → N; 'new:S' → the id the staged row S got when it was written."""
    result: dict[str, int] = {}
    staged: list[int] = []
    for target in {t for t in targets if t}:
        kind, _, value = target.partition(":")
        if kind == "db":
            result[target] = int(value)
        else:
            staged.append(int(value))
    for start in range(0, len(staged), 500):
        chunk = staged[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for seq, db_id in staging.execute(
            f"SELECT seq, db_id FROM {table} WHERE seq IN ({marks}) AND db_id IS NOT NULL", chunk
        ):
            result[f"new:{seq}"] = db_id
    return result


class Writer:
    def __init__(
        self,
        db: Database,
        staging: Staging,
        source: ExportSource,
        actor: Actor,
        run_id: int,
        *,
        started_at: dt.datetime,
        progress: ProgressCallback,
        cancelled: Callable[[], bool],
        render_workers: int | None,
        ticket_batch: int = TICKET_BATCH,
    ) -> None:
        self.db = db
        self.staging = staging
        self.source = source
        self.actor = actor
        self.run_id = run_id
        self.started_at = started_at
        self.progress = progress
        self.cancelled = cancelled
        self.render_workers = render_workers
        self.ticket_batch = max(1, ticket_batch)
        self.counts = WriteCounts()

    def _check(self) -> None:
        if self.cancelled():
            raise ImportCancelledError

    def run(self) -> WriteCounts:
        staging = self.staging
        self.counts.rows_total = sum(
            staging.scalar(f"SELECT count(*) FROM {table} WHERE outcome = ?", (PLANNED,))
            for table in ("resellers", "customers", "contracts", "services")
        )
        self.counts.phase_started = time.monotonic()
        self._companies("resellers", Reseller, self._reseller_values)
        self._companies("customers", Customer, self._customer_values)
        self._contracts()
        self._services()
        self._tickets()
        return self.counts

    # ----- companies, contracts, services ---------------------------------------------------------

    @staticmethod
    def _reseller_values(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "tax_id": row["tax_id"],
            "name": row["name"],
            "email": row["email"],
            "legacy_id": row["legacy_id"],
        }

    @staticmethod
    def _customer_values(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "tax_id": row["tax_id"],
            "name": row["name"],
            "name_folded": fold(row["name"]),
            "street": row["street"],
            "postal_code": row["postal_code"],
            "city": row["city"],
            "country": row["country"],
            "phone": row["phone"],
            "phone_key": phone_key(row["phone"]),
            "phone_e164": phone_e164(row["phone"]),
            "email": row["email"],
            "email_normalized": email_key(row["email"]),
            "language": Language(row["language"]),
            "legacy_id": row["legacy_id"],
        }

    def _planned_pages(self, table: str, size: int) -> Iterator[list[dict[str, Any]]]:
        cursor = self.staging.execute(f"SELECT * FROM {table} LIMIT 0")
        names = [column[0] for column in cursor.description]
        for page in self.staging.pages(
            f"SELECT * FROM {table} WHERE outcome = ? AND seq > ? ORDER BY seq LIMIT ?",
            (PLANNED,),
            size=size,
        ):
            yield [dict(zip(names, row, strict=True)) for row in page]

    def _record_written(self, table: str, written: list[tuple[int, int]]) -> None:
        self.staging.executemany(
            f"UPDATE {table} SET outcome = '{IMPORTED}', db_id = ? WHERE seq = ?", written
        )
        self.counts.rows += len(written)
        self.progress("writing", self.counts)

    def _companies(
        self,
        table: str,
        model: type[Reseller] | type[Customer],
        values: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> None:
        for page in self._planned_pages(table, COMPANY_CHUNK):
            self._check()
            with self.db.transaction() as session:
                rows = [values(row) for row in page]
                result = session.execute(
                    insert(model).returning(model.id, sort_by_parameter_order=True), rows
                )
                ids = [row_id for (row_id,) in result]
            self._record_written(
                table, [(db_id, row["seq"]) for db_id, row in zip(ids, page, strict=True)]
            )
        # Rows merged into a company written now get its id too.
        self.staging.execute(
            f"UPDATE {table} SET db_id = (SELECT p.db_id FROM {table} p "
            f"WHERE 'new:' || p.seq = {table}.target) WHERE outcome = ? AND code = ? "
            "AND target LIKE 'new:%'",
            (SKIPPED, SkipRule.SAME_COMPANY.value),
        )

    def _contracts(self) -> None:
        now = self.started_at
        for page in self._planned_pages("contracts", COMPANY_CHUNK):
            self._check()
            customers = _target_ids(self.staging, "customers", [r["customer_target"] for r in page])
            resellers = _target_ids(self.staging, "resellers", [r["reseller_target"] for r in page])
            rows = [
                {
                    "number": row["number"],
                    "number_key": contract_number_key(row["number"]),
                    "customer_id": customers[row["customer_target"]],
                    "reseller_id": resellers[row["reseller_target"]],
                    "start_date": dt.date.fromisoformat(row["start_date"]),
                    "end_date": dt.date.fromisoformat(row["end_date"]),
                    "state": ContractState(row["state"]),
                    "imported_at": now,
                }
                for row in page
            ]
            with self.db.transaction() as session:
                result = session.execute(
                    insert(ServiceContract).returning(
                        ServiceContract.id, sort_by_parameter_order=True
                    ),
                    rows,
                )
                ids = [row_id for (row_id,) in result]
            self._record_written(
                "contracts", [(db_id, row["seq"]) for db_id, row in zip(ids, page, strict=True)]
            )

    def _services(self) -> None:
        """Services serial by serial: a serial's services get their notations in one unit."""
        rows = self.staging.execute(
            "SELECT s.seq, s.serial, s.product, s.start_date, s.end_date, s.contract_target, "
            "s.legacy_id FROM services s LEFT JOIN contracts c ON c.seq = s.contract_seq "
            "WHERE s.outcome = ? ORDER BY s.serial, s.start_date, "
            "coalesce(c.number, s.contract_no), s.seq",
            (PLANNED,),
        )
        unit: list[tuple[Any, ...]] = []
        while True:
            fetched = rows.fetchmany(SERVICE_CHUNK)
            if not fetched:
                break
            for row in fetched:
                if len(unit) >= SERVICE_CHUNK and unit[-1][1] != row[1]:
                    self._service_unit(unit)
                    unit = []
                unit.append(row)
        if unit:
            self._service_unit(unit)

    def _service_unit(self, unit: list[tuple[Any, ...]]) -> None:
        self._check()
        contracts = _target_ids(self.staging, "contracts", [row[5] for row in unit])
        by_serial: dict[str, list[tuple[Any, ...]]] = {}
        for row in unit:
            by_serial.setdefault(row[1], []).append(row)
        with self.db.transaction() as session:
            rules = rule_level_ids(session)
            used: dict[str, list[int]] = {serial: [] for serial in by_serial}
            serials = list(by_serial)
            for start in range(0, len(serials), 500):
                for serial, index in session.execute(
                    select(Service.serial, Service.notation_index).where(
                        Service.serial.in_(serials[start : start + 500])
                    )
                ):
                    used[serial].append(index)
            values = []
            for serial, services in by_serial.items():
                indexes = next_free_indexes(used[serial], len(services))
                for row, index in zip(services, indexes, strict=True):
                    values.append(
                        {
                            "contract_id": contracts[row[5]],
                            "serial": serial,
                            "notation_index": index,
                            "product": row[2] or "",
                            # Its level by the product rule (the back office may change it).
                            "service_level_id": rules[product_rule_key(row[2] or "")],
                            "start_date": dt.date.fromisoformat(row[3]),
                            "end_date": dt.date.fromisoformat(row[4]),
                            "legacy_id": row[6],
                        }
                    )
            result = session.execute(
                insert(Service).returning(Service.id, sort_by_parameter_order=True), values
            )
            ids = [row_id for (row_id,) in result]
        ordered = [row for services in by_serial.values() for row in services]
        self._record_written(
            "services", [(db_id, row[0]) for db_id, row in zip(ids, ordered, strict=True)]
        )

    # ----- tickets ---------------------------------------------------------------------------

    def _tickets(self) -> None:
        counts = self.counts
        counts.tickets_total = self.staging.scalar(
            "SELECT count(*) FROM tickets WHERE outcome = ?", (PLANNED,)
        )
        counts.phase_started = time.monotonic()
        self.progress("tickets", counts)
        if not counts.tickets_total:
            return
        workers = self.render_workers
        if workers is None and counts.tickets_total < 20:
            workers = 1
        numbers = _NumberBlock(self.db, self.ticket_batch, counts.tickets_total)
        with RenderPool(workers) as pool:
            window = 2 * pool.workers + 1
            in_flight: deque[tuple[PreparedTicket, Future[bytes]]] = deque()
            batch: list[PreparedTicket] = []
            for prepared in self._prepared(numbers):
                future = pool.submit(
                    prepared.document,
                    exported_by=self.actor.display_name,
                    exported_at=self.started_at,
                )
                in_flight.append((prepared, future))
                while len(in_flight) >= window:
                    batch.append(self._rendered(*in_flight.popleft()))
                    if self._batch_full(batch):
                        self._write_batch(batch)
                        batch = []
            while in_flight:
                batch.append(self._rendered(*in_flight.popleft()))
                if self._batch_full(batch):
                    self._write_batch(batch)
                    batch = []
            if batch:
                self._write_batch(batch)

    def _batch_full(self, batch: list[PreparedTicket]) -> bool:
        return len(batch) >= self.ticket_batch or sum(t.weight for t in batch) >= BATCH_BYTES

    @staticmethod
    def _rendered(prepared: PreparedTicket, future: Future[bytes]) -> PreparedTicket:
        try:
            pdf = future.result()
        except (BrokenExecutor, CancelledError):
            raise  # the pool itself failed (or was stopped): no ticket is to blame
        except Exception as error:
            prepared.flags.append(
                review_flag("dialogue_not_rendered", f"{type(error).__name__}: {error}")
            )
            return prepared
        if len(pdf) > MAX_ATTACHMENT_BYTES:
            prepared.flags.append(review_flag("dialogue_too_big", f"{len(pdf) / 1024 / 1024:.1f}"))
            return prepared
        prepared.pdf = pdf
        return prepared

    def _prepared(self, numbers: _NumberBlock) -> Iterator[PreparedTicket]:
        for page in self._planned_pages("tickets", 200):
            customers = self._customer_facts([row["customer_target"] for row in page])
            for row in page:
                self._check()
                yield prepare_ticket(
                    self.staging,
                    self.source,
                    row,
                    numbers.next(),
                    customers[row["customer_target"]],
                )

    def _customer_facts(self, targets: list[str]) -> dict[str, tuple[str, str, Language]]:
        facts: dict[str, tuple[str, str, Language]] = {}
        desk_ids = []
        for target in set(targets):
            kind, _, value = target.partition(":")
            if kind == "new":
                name, tax_id, language = self.staging.execute(
                    "SELECT name, tax_id, language FROM customers WHERE seq = ?", (int(value),)
                ).fetchone()
                facts[target] = (name, tax_id, Language(language))
            else:
                desk_ids.append(int(value))
        if desk_ids:
            with self.db.sessions() as session:
                for customer_id, name, tax_id, language in session.execute(
                    select(Customer.id, Customer.name, Customer.tax_id, Customer.language).where(
                        Customer.id.in_(desk_ids)
                    )
                ):
                    facts[f"db:{customer_id}"] = (name, tax_id, language)
        return facts

    def _write_batch(self, batch: list[PreparedTicket]) -> None:
        self._check()
        staging = self.staging
        customers = _target_ids(staging, "customers", [t.customer_target for t in batch])
        contracts = _target_ids(staging, "contracts", [t.link_contract for t in batch])
        services = _target_ids(staging, "services", [t.link_service for t in batch])
        now = self.started_at
        actor_id = self.actor.id
        with self.db.transaction() as session:
            present = set(
                session.scalars(
                    select(Ticket.legacy_number).where(
                        Ticket.legacy_number.in_([t.legacy_number for t in batch])
                    )
                )
            )
            fresh = [t for t in batch if t.legacy_number not in present]
            ticket_ids = (
                insert_tickets(
                    session, fresh, customers, contracts, services, now, actor_id, self.run_id
                )
                if fresh
                else []
            )
        staging.executemany(
            "UPDATE tickets SET outcome = ?, db_id = ?, number = ?, flags = ? WHERE seq = ?",
            [
                (IMPORTED, ticket_id, t.number, "\n".join(t.flags) or None, t.seq)
                for t, ticket_id in zip(fresh, ticket_ids, strict=True)
            ],
        )
        if present:
            staging.executemany(
                "UPDATE tickets SET outcome = ?, code = ?, detail = ? WHERE seq = ?",
                [
                    (SKIPPED, SkipRule.ALREADY_IMPORTED.value,
                     f"{t.legacy_number} was imported meanwhile by another run", t.seq)
                    for t in batch if t.legacy_number in present
                ],
            )  # fmt: skip
        for table in ("messages", "attachments"):
            staging.executemany(
                f"UPDATE {table} SET outcome = ?, code = ?, detail = ? "
                "WHERE ticket_seq = ? AND outcome = ?",
                [
                    (IMPORTED, None, None, t.seq, PLANNED)
                    if t.legacy_number not in present
                    else (
                        SKIPPED,
                        SkipRule.ALREADY_IMPORTED.value,
                        f"ticket {t.legacy_number} was imported meanwhile by another run",
                        t.seq,
                        PLANNED,
                    )
                    for t in batch
                ],
            )
        counts = self.counts
        counts.tickets += len(batch)
        counts.messages += sum(len(t.messages) for t in fresh)
        counts.attachments += sum(len(t.attachments) for t in fresh)
        counts.flagged += sum(1 for t in fresh if t.flags)
        counts.overdue += sum(1 for t in fresh if t.overdue)
        self.progress("tickets", counts)


class _NumberBlock:
    """Ticket numbers taken from the shared counter a block at a time (each block commits)."""

    def __init__(self, db: Database, size: int, total: int) -> None:
        self.db = db
        self.size = max(1, size)
        self._left = total
        self._next = 0
        self._end = 0

    def next(self) -> str:
        if self._next >= self._end:
            size = max(1, min(self.size, self._left))
            with self.db.transaction() as session:
                first = reserve_counter(session, "ticket", size)
            self._next, self._end = first, first + size
            self._left -= size
        number = format_ticket_number(self._next)
        self._next += 1
        return number
