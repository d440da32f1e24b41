"""The staging database: the whole export, checked row by row, on disk, with indexes.

Every row of every file lands here first (a temporary SQLite file), with its line number,
what is wrong with it on its own (`problem_code`, `problem_detail`) and, once the rules ran,
its outcome (`import`, `imported`, `skipped`, `rejected`) with the rule or reason. Memory
stays flat however large the export is: the import then walks tickets one by one from here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hezo_desk.audit_words import review_flag
from hezo_desk.enums import ContractState, Language, TicketState
from hezo_desk.models import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    Customer,
    Message,
    Reseller,
    Service,
    Ticket,
)
from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import import details
from hezo_desk.services.legacy_import import values as legacy_values
from hezo_desk.services.legacy_import.reader import ID_COLUMNS, CsvRow
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule, describe
from hezo_desk.services.legacy_import.source import ExportSource
from hezo_desk.services.limits import column_length
from hezo_desk.services.normalize import contract_number_key
from hezo_desk.services.serials import InvalidSerialError, parse_serial
from hezo_desk.services.tax_ids import InvalidTaxIdError, parse_tax_id

MAX_LEGACY_ID = column_length(Customer.legacy_id)
MAX_MESSAGE_LENGTH = 1_000_000
INSERT_CHUNK = 5_000
# Outcome values in the staging tables; `import` is decided but not yet written.
PLANNED = "import"
IMPORTED = "imported"
SKIPPED = "skipped"
REJECTED = "rejected"

_COMMON = (
    "seq INTEGER PRIMARY KEY",
    "line INTEGER NOT NULL",
    "legacy_id TEXT",
    "ident TEXT",
    "row_hash INTEGER",
    "dup_of INTEGER",
    "problem_code TEXT",
    "problem_detail TEXT",
    "outcome TEXT",
    "code TEXT",
    "detail TEXT",
    "target TEXT",
    "db_id INTEGER",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "resellers": ("nip", "name", "email", "tax_id"),
    "customers": (
        "nip", "name", "street", "postal_code", "city", "country", "phone", "email", "tax_id",
        "language",
    ),
    "contracts": (
        "number", "customer_ref", "reseller_ref", "start_date", "end_date", "state",
        "status_skip", "customer_target", "reseller_target", "ref_code", "ref_detail",
    ),
    "services": (
        "contract_no", "contract_key", "serial_raw", "serial", "product", "start_date",
        "end_date", "contract_target", "contract_seq",
    ),
    "tickets": (
        "customer_ref", "contract_no", "serial_raw", "subject", "state", "priority",
        "opened_at", "closed_at", "opened_by", "status_skip", "customer_target",
        "link_contract", "link_service", "flags", "number", "ref_code", "ref_detail",
    ),
    "messages": ("ticket_ref", "ticket_seq", "sent_at", "author", "kind", "body"),
    "attachments": (
        "ticket_ref", "ticket_seq", "message_ref", "message_seq", "file_name", "path", "size",
    ),
}  # fmt: skip
TABLE_FILES = {
    "resellers": "resellers.csv",
    "customers": "customers.csv",
    "contracts": "contracts.csv",
    "services": "services.csv",
    "tickets": "tickets.csv",
    "messages": "messages.csv",
    "attachments": "attachments.csv",
}


class RowRejectedError(Exception):
    """A row the import rejects: its reason, and its detail told by a template of
    `details.py` with its values (stored in English, worded back when shown)."""

    def __init__(self, code: RejectReason, template: str, *params: object) -> None:
        detail = fill(template, *params)
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _check_text(column: str, value: str, limit: int | None) -> str:
    if "\x00" in value:
        raise RowRejectedError(RejectReason.INVALID_VALUE, details.NUL_CHARACTER, column)
    if limit is not None and len(value) > limit:
        raise RowRejectedError(
            RejectReason.INVALID_VALUE,
            details.TOO_LONG,
            column,
            len(value),
            limit,
        )
    return value


def _optional(column: str, value: str, limit: int) -> str | None:
    text = _check_text(column, value.strip(), limit)
    return text or None


def _required(column: str, value: str, limit: int) -> str:
    text = _check_text(column, value.strip(), limit)
    if not text:
        raise RowRejectedError(RejectReason.MISSING_VALUE, details.EMPTY, column)
    return text


def _date(column: str, value: str) -> str:
    try:
        return legacy_values.parse_date(value, column).isoformat()
    except legacy_values.LegacyValueError as problem:
        code = RejectReason.MISSING_VALUE if not value.strip() else RejectReason.INVALID_DATE
        raise RowRejectedError(code, "%1", problem) from None


def _timestamp(column: str, value: str) -> str:
    try:
        return iso_utc(legacy_values.parse_timestamp(value, column))
    except legacy_values.LegacyValueError as problem:
        code = RejectReason.MISSING_VALUE if not value.strip() else RejectReason.INVALID_DATE
        raise RowRejectedError(code, "%1", problem) from None


def iso_utc(moment: dt.datetime) -> str:
    """A sortable text form of an aware timestamp (UTC, fixed width)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def from_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _identity(name: str, values: dict[str, str]) -> str:
    legacy_id = values.get(ID_COLUMNS[name], "").strip()
    if not legacy_id:
        raise RowRejectedError(RejectReason.MISSING_ID, details.EMPTY, ID_COLUMNS[name])
    if len(legacy_id) > MAX_LEGACY_ID:
        raise RowRejectedError(
            RejectReason.INVALID_VALUE,
            details.ID_TOO_LONG,
            ID_COLUMNS[name],
            len(legacy_id),
            MAX_LEGACY_ID,
        )
    return legacy_id


# ----- one validator per file: the row's own values, nothing that needs another row ----------


def stage_reseller(values: dict[str, str], fields: dict[str, Any]) -> None:
    fields["name"] = values["name"].strip()
    fields["email"] = values["email"].strip() or None
    fields["nip"] = values["nip"].strip()
    _required("name", values["name"], column_length(Reseller.name))
    _optional("email", values["email"], column_length(Reseller.email))
    if fields["nip"]:
        fields["tax_id"] = _tax_id(fields["nip"]).canonical


def stage_customer(values: dict[str, str], fields: dict[str, Any]) -> None:
    for column in ("street", "postal_code", "city", "phone", "email"):
        fields[column] = values[column].strip() or None
    fields["name"] = values["name"].strip()
    fields["nip"] = values["nip"].strip()
    tax_id = _tax_id(fields["nip"])
    fields["tax_id"] = tax_id.canonical
    _required("name", values["name"], column_length(Customer.name))
    for column in ("street", "postal_code", "city", "phone", "email"):
        _optional(column, values[column], column_length(getattr(Customer, column)))
    country = values["country"].strip().upper()
    if not (len(country) == 2 and country.isascii() and country.isalpha()):
        country = "GR" if tax_id.country == "EL" else tax_id.country
    fields["country"] = country
    fields["language"] = Language.POLISH.value if tax_id.country == "PL" else Language.ENGLISH.value


def _tax_id(text: str) -> Any:
    if not text.strip():
        raise RowRejectedError(RejectReason.INVALID_TAX_ID, details.EMPTY, "nip")
    try:
        return parse_tax_id(text)
    except InvalidTaxIdError as error:
        raise RowRejectedError(RejectReason.INVALID_TAX_ID, details.INVALID_TAX_ID, error) from None


def stage_contract(values: dict[str, str], fields: dict[str, Any]) -> None:
    fields["number"] = values["contract_no"].strip()
    fields["customer_ref"] = values["customer_id"].strip() or None
    fields["reseller_ref"] = values["reseller_id"].strip() or None
    try:
        state = legacy_values.contract_state(values["status"])
    except legacy_values.LegacyValueError as problem:
        raise RowRejectedError(RejectReason.INVALID_VALUE, "%1", problem) from None
    fields["state"] = state.value
    if state is ContractState.EXPIRED:
        fields["status_skip"] = SkipRule.CONTRACT_EXPIRED.value
    elif state is ContractState.CANCELLED:
        fields["status_skip"] = SkipRule.CONTRACT_CANCELLED.value
    if not contract_number_key(fields["number"]):
        raise RowRejectedError(
            RejectReason.INVALID_VALUE,
            details.NO_LETTERS,
            "contract_no",
            repr(fields["number"]),
        )
    fields["start_date"] = _date("start_date", values["start_date"])
    fields["end_date"] = _date("end_date", values["end_date"])
    if fields["end_date"] < fields["start_date"]:
        raise RowRejectedError(
            RejectReason.INVALID_VALUE,
            details.END_BEFORE_START,
            values["end_date"].strip(),
            values["start_date"].strip(),
        )
    if fields["customer_ref"] is None:
        raise RowRejectedError(RejectReason.MISSING_CUSTOMER, details.EMPTY, "customer_id")
    if fields["reseller_ref"] is None:
        raise RowRejectedError(RejectReason.MISSING_RESELLER, details.EMPTY, "reseller_id")


def stage_service(values: dict[str, str], fields: dict[str, Any]) -> None:
    fields["contract_no"] = values["contract_no"].strip()
    fields["contract_key"] = contract_number_key(fields["contract_no"]) or None
    fields["serial_raw"] = values["serial"]
    fields["product"] = values["product"].strip()
    if fields["contract_key"] is None:
        raise RowRejectedError(RejectReason.MISSING_CONTRACT, details.EMPTY, "contract_no")
    try:
        fields["serial"] = parse_serial(values["serial"]).serial
    except InvalidSerialError as error:
        raise RowRejectedError(RejectReason.INVALID_VALUE, details.SERIAL, error) from None
    _check_text("product", fields["product"], column_length(Service.product))
    fields["start_date"] = _date("start_date", values["start_date"])
    fields["end_date"] = _date("end_date", values["end_date"])


def stage_ticket(values: dict[str, str], fields: dict[str, Any]) -> None:
    fields["customer_ref"] = values["customer_id"].strip() or None
    fields["contract_no"] = values["contract_no"].strip()
    fields["serial_raw"] = values["serial"]
    # The subject exactly as it was: not stripped, not re-spaced.
    fields["subject"] = values["subject"]
    fields["opened_by"] = values["opened_by"].strip() or None
    flags: list[str] = []
    try:
        state = legacy_values.ticket_state(values["status"])
    except legacy_values.LegacyValueError as problem:
        raise RowRejectedError(RejectReason.INVALID_VALUE, "%1", problem) from None
    fields["state"] = state.value
    if state is TicketState.CLOSED:
        fields["status_skip"] = SkipRule.TICKET_CLOSED.value
    elif state is TicketState.CANCELLED:
        fields["status_skip"] = SkipRule.TICKET_CANCELLED.value
    try:
        fields["priority"] = legacy_values.priority(values["priority"]).value
    except legacy_values.LegacyValueError as problem:
        fields["priority"] = "normal"
        flags.append(review_flag("legacy_priority", problem))
    _check_text("subject", fields["subject"], column_length(Ticket.subject))
    if not fields["subject"].strip():
        flags.append(review_flag("empty_subject"))
    _check_text("opened_by", fields["opened_by"] or "", column_length(Message.author_name))
    fields["opened_at"] = _timestamp("opened_at", values["opened_at"])
    if values["closed_at"].strip():
        fields["closed_at"] = _timestamp("closed_at", values["closed_at"])
    if fields["customer_ref"] is None:
        raise RowRejectedError(RejectReason.MISSING_CUSTOMER, details.EMPTY, "customer_id")
    fields["flags"] = "\n".join(flags) or None


def stage_message(values: dict[str, str], fields: dict[str, Any]) -> None:
    fields["ticket_ref"] = values["ticket_id"].strip() or None
    fields["author"] = values["author"].strip()
    if fields["ticket_ref"] is None:
        raise RowRejectedError(RejectReason.MISSING_TICKET, details.EMPTY, "ticket_id")
    fields["sent_at"] = _timestamp("sent_at", values["sent_at"])
    try:
        fields["kind"] = legacy_values.author_type(values["author_type"]).value
    except legacy_values.LegacyValueError as problem:
        raise RowRejectedError(RejectReason.INVALID_VALUE, "%1", problem) from None
    _check_text("author", fields["author"], column_length(Message.author_name))
    body = legacy_values.decode_body(values["body"])
    _check_text("body", body, MAX_MESSAGE_LENGTH)
    fields["body"] = body


def make_attachment_stager(
    source: ExportSource,
) -> Callable[[dict[str, str], dict[str, Any]], None]:
    def stage_attachment(values: dict[str, str], fields: dict[str, Any]) -> None:
        fields["ticket_ref"] = values["ticket_id"].strip() or None
        fields["message_ref"] = values["message_id"].strip() or None
        fields["path"] = values["path"].strip()
        if fields["ticket_ref"] is None:
            raise RowRejectedError(RejectReason.MISSING_TICKET, details.EMPTY, "ticket_id")
        relative = ExportSource.safe_relative(values["path"])
        if relative is None:
            raise RowRejectedError(
                RejectReason.INVALID_VALUE
                if values["path"].strip()
                else RejectReason.MISSING_VALUE,
                details.PATH_OUTSIDE if values["path"].strip() else details.EMPTY,
                repr(values["path"].strip()) if values["path"].strip() else "path",
            )
        fields["path"] = relative
        name = values["file_name"].strip() or relative.rsplit("/", 1)[-1]
        fields["file_name"] = _check_text(
            "file_name",
            name.replace("\\", "/").rsplit("/", 1)[-1],
            column_length(Attachment.file_name),
        )
        size = source.attachment_size(relative)
        if size is None:
            raise RowRejectedError(RejectReason.MISSING_FILE, details.FILE_MISSING, relative)
        fields["size"] = size
        if size > MAX_ATTACHMENT_BYTES:
            raise RowRejectedError(
                RejectReason.FILE_TOO_LARGE,
                details.FILE_TOO_LARGE,
                relative,
                round(size / 1024 / 1024, 1),
                MAX_ATTACHMENT_BYTES // 1024 // 1024,
            )
        problem = source.attachment_problem(relative)
        if problem is not None:
            raise RowRejectedError(problem.code, "%1", problem.detail)

    return stage_attachment


STAGERS: dict[str, Callable[[dict[str, str], dict[str, Any]], None]] = {
    "resellers": stage_reseller,
    "customers": stage_customer,
    "contracts": stage_contract,
    "services": stage_service,
    "tickets": stage_ticket,
    "messages": stage_message,
}


class Staging:
    """The staging tables in one SQLite file (deleted with its directory by the caller)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.create_function("describe", 1, describe, deterministic=True)
        cursor = self.connection.cursor()
        cursor.execute("PRAGMA journal_mode = OFF")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -32768")  # 32 MB
        cursor.execute("PRAGMA temp_store = FILE")
        for table, columns in COLUMNS.items():
            definition = ", ".join((*_COMMON, *(f"{column}" for column in columns)))
            cursor.execute(f"CREATE TABLE {table} ({definition})")
        cursor.close()

    def close(self) -> None:
        self.connection.close()

    # ----- loading ---------------------------------------------------------------------------

    def load(
        self,
        table: str,
        rows: Iterable[CsvRow],
        stager: Callable[[dict[str, str], dict[str, Any]], None],
        *,
        tick: Callable[[int], None] | None = None,
    ) -> int:
        """Stage every row of one file; returns the number of rows read."""
        file_name = TABLE_FILES[table]
        columns = ("line", "legacy_id", "ident", "row_hash", "problem_code", "problem_detail",
                   "outcome", "code", "detail", *COLUMNS[table])  # fmt: skip
        statement = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        batch: list[tuple[Any, ...]] = []
        count = 0
        for row in rows:
            count += 1
            batch.append(self._staged(file_name, table, row, stager))
            if len(batch) >= INSERT_CHUNK:
                self.connection.executemany(statement, batch)
                batch.clear()
                if tick is not None:
                    tick(count)
        if batch:
            self.connection.executemany(statement, batch)
        if tick is not None:
            tick(count)
        return count

    @staticmethod
    def _staged(
        file_name: str,
        table: str,
        row: CsvRow,
        stager: Callable[[dict[str, str], dict[str, Any]], None],
    ) -> tuple[Any, ...]:
        fields: dict[str, Any] = {}
        raw_id = row.values.get(ID_COLUMNS[file_name], "").strip() or None
        legacy_id, ident = raw_id, None
        outcome = code = detail = None
        problem: RowRejectedError | None = None
        if row.malformed is not None:
            outcome, code, detail = REJECTED, row.problem.value, row.malformed
        else:
            try:
                legacy_id = _identity(file_name, row.values)
                ident = contract_number_key(legacy_id) if table == "contracts" else legacy_id
            except RowRejectedError as failure:
                outcome, code, detail = REJECTED, failure.code.value, failure.detail
            else:
                try:
                    stager(row.values, fields)
                except RowRejectedError as failure:
                    problem = failure
        row_hash = hash(tuple(sorted(row.values.items())))
        return (
            row.line,
            legacy_id,
            ident,
            row_hash,
            problem.code.value if problem else None,
            problem.detail if problem else None,
            outcome,
            code,
            detail,
            *(fields.get(column) for column in COLUMNS[table]),
        )

    def index(self) -> None:
        """Indexes for the rules and the walk through tickets (after loading: faster)."""
        statements = [
            *(f"CREATE INDEX ix_{table}_ident ON {table} (ident, seq)" for table in COLUMNS),
            "CREATE INDEX ix_customers_tax ON customers (tax_id, seq)",
            "CREATE INDEX ix_resellers_tax ON resellers (tax_id, seq)",
            "CREATE INDEX ix_services_contract ON services (contract_key, serial)",
            "CREATE INDEX ix_services_serial ON services (serial)",
            "CREATE INDEX ix_messages_ticket_ref ON messages (ticket_ref)",
            "CREATE INDEX ix_attachments_ticket_ref ON attachments (ticket_ref)",
        ]
        for statement in statements:
            self.connection.execute(statement)

    def index_tickets(self) -> None:
        for statement in (
            "CREATE INDEX ix_messages_ticket ON messages (ticket_seq, sent_at, seq)",
            "CREATE INDEX ix_attachments_ticket ON attachments (ticket_seq, seq)",
            "CREATE INDEX ix_tickets_outcome ON tickets (outcome, seq)",
        ):
            self.connection.execute(statement)

    # ----- helpers -----------------------------------------------------------------------------

    def execute(self, statement: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(statement, parameters)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.connection.executemany(statement, rows)

    def scalar(self, statement: str, parameters: Sequence[Any] = ()) -> Any:
        row = self.connection.execute(statement, parameters).fetchone()
        return None if row is None else row[0]

    def pages(
        self, statement: str, parameters: Sequence[Any] = (), *, size: int = 2_000
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Rows of `statement` (which must select `seq` first and take `seq > ?` as its last
        parameter, ordered by seq) page by page, so that updates in between are safe."""
        last = 0
        while True:
            rows = self.connection.execute(statement, (*parameters, last, size)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def set_outcome(
        self, table: str, rows: Iterable[tuple[str, str | None, str | None, int]]
    ) -> None:
        """(outcome, code, detail, seq) for each row."""
        self.connection.executemany(
            f"UPDATE {table} SET outcome = ?, code = ?, detail = ? WHERE seq = ?", rows
        )
