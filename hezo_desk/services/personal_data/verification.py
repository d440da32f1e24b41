"""The proof of an erasure: where, if anywhere, the desk still holds any of the given values.

It trusts nothing the erasure did: it reflects the database as it is (every table the desk
owns: on PostgreSQL its schema, on SQLite the file's, full-text shadow tables included), reads
every column that can hold text or bytes (skipping only numbers, flags and times), reads the
text of every stored PDF (pypdf), asks every full-text index for each value as a phrase, and
on SQLite reads the raw database file and its write-ahead log byte by byte (free pages and
old log frames keep text a query no longer sees). The local drafts are read when given.

A value another contact holds too (a namesake, a shared phone: `holders`) stays in that
contact's own rows: such findings are reported apart (`held_by_others`) and do not make the
proof fail; the raw file scan, which cannot tell whose bytes it reads, skips those values.
"""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    Interval,
    MetaData,
    Numeric,
    Table,
    Time,
    func,
    select,
    text,
)
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import Session

from hezo_desk.db import Database
from hezo_desk.models import Attachment, AuditEntry, Base, Call, Message, ResellerAccessChange
from hezo_desk.services.personal_data.documents import as_text, is_pdf, pdf_pages
from hezo_desk.services.personal_data.holders import OtherHolders, other_holders
from hezo_desk.services.personal_data.values import PersonalValues

# Secrets, not personal data, and out of the desks' reach on PostgreSQL (revision 0017).
_SECRET_TABLES = frozenset({"agent_sessions"})
_SECRET_COLUMNS = frozenset(
    (column.table.name, column.name)
    for table in Base.metadata.tables.values()
    for column in table.columns
    if column.info.get("secret")
)
_NOT_TEXT = (Boolean, Date, DateTime, Float, Integer, Interval, Numeric, Time)
_CHUNK = 16 * 1024 * 1024
_OVERLAP = 1024
# A raw file that still holds a value usually holds it many times: the first few say enough.
MAX_RAW_FINDINGS = 20
PAGE_ROWS = 500


@dataclass(frozen=True)
class Finding:
    place: str  # "messages.body", "attachments.data (PDF text)", "database file", …
    row: str  # the row's key, the index's row id, or the byte offset
    kinds: tuple[str, ...]  # which values: "name", "e-mail", "phone"

    @property
    def table(self) -> str:
        return self.place.split(" ")[0].split(".")[0]

    @property
    def where(self) -> str:
        return f"{self.place}/{self.row}" if self.row else self.place


@dataclass
class VerificationReport:
    findings: list[Finding] = field(default_factory=list)
    # Found in the own rows of other contacts who hold the same value, and the contacts.
    held_by_others: list[Finding] = field(default_factory=list)
    others: tuple[int, ...] = ()
    tables: int = 0
    columns: int = 0
    rows: int = 0
    pdfs: int = 0
    raw_bytes: int = 0
    drafts: int = 0

    @property
    def clean(self) -> bool:
        return not self.findings


def verify_erased(
    db: Database, values: Iterable[str], *, drafts: Path | None = None
) -> VerificationReport:
    personal = PersonalValues.of(values)
    report = VerificationReport()
    if personal.is_empty:
        return report
    with db.sessions() as session:
        holders = other_holders(session, personal, but=None)
        held_rows = _rows_of(session, holders)
    report.others = holders.contact_ids
    with db.long_statements(), db.engine.connect() as connection:
        metadata = MetaData()
        with warnings.catch_warnings():
            # Expression indexes (revision 0005) are not reflected: only columns matter here.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
            metadata.reflect(bind=connection, resolve_fks=False)
        for table in metadata.sorted_tables:
            _scan_table(connection, table, personal, report)
        if db.is_sqlite:
            _scan_sqlite_indexes(connection, personal, report)
        else:
            _scan_tsvectors(connection, metadata, personal, report)
    if db.is_sqlite and db.url.database not in (None, "", ":memory:"):
        path = Path(str(db.url.database))
        unshared = personal.without(holders.all_kinds())
        _scan_raw(path, "database file", unshared, report)
        _scan_raw(path.with_name(path.name + "-wal"), "write-ahead log", unshared, report)
    if drafts is not None:
        for path in sorted(drafts.glob("*/*.json")):
            report.drafts += 1
            content = path.read_text(encoding="utf-8", errors="replace")
            # Drafts escape non-ASCII letters (\u0141): read as the desk reads them.
            with contextlib.suppress(ValueError):
                content = json.dumps(json.loads(content), ensure_ascii=False)
            kinds = personal.found_in(content)
            if kinds:
                report.findings.append(Finding("drafts", path.name, tuple(kinds)))
    shared = holders.all_kinds()
    findings, report.findings = report.findings, []
    for finding in findings:
        owner = _INDEXED.get(finding.table, finding.table)
        if finding.row in held_rows.get(owner, set()) and set(finding.kinds) <= shared:
            report.held_by_others.append(finding)
        else:
            report.findings.append(finding)
    return report


# The full-text indexes of SQLite name their rows by the indexed table's ids.
_INDEXED = {"message_fts": "messages", "ticket_fts": "tickets"}


def _rows_of(session: Session, holders: OtherHolders) -> dict[str, set[str]]:
    """The rows that are the other holders' own: their contact rows, the tickets they raised
    and everything in them, the messages they wrote, their calls, the decisions they asked,
    the audit entries about them or their tickets."""
    if not holders.kinds:
        return {}
    contacts = holders.contact_ids
    tickets = tuple(holders.tickets)
    rows: dict[str, set[str]] = {
        "contacts": {str(c) for c in contacts},
        "tickets": {str(t) for t in tickets},
    }
    queries = {
        "messages": select(Message.id).where(
            Message.author_contact_id.in_(contacts) | Message.ticket_id.in_(tickets)
        ),
        "calls": select(Call.id).where(Call.contact_id.in_(contacts)),
        "reseller_access_changes": select(ResellerAccessChange.id).where(
            ResellerAccessChange.requested_by_contact_id.in_(contacts)
            | ResellerAccessChange.ticket_id.in_(tickets)
        ),
        "attachments": select(Attachment.id).where(Attachment.ticket_id.in_(tickets)),
        "audit_log": select(AuditEntry.id).where(
            (AuditEntry.subject_type == "contact") & AuditEntry.subject_id.in_(contacts)
            | AuditEntry.ticket_id.in_(tickets)
        ),
    }
    for table, query in queries.items():
        rows[table] = {str(row_id) for row_id in session.scalars(query)}
    return rows


def _scan_table(
    connection: Connection, table: Table, personal: PersonalValues, report: VerificationReport
) -> None:
    if table.name in _SECRET_TABLES:
        return
    columns = [
        c
        for c in table.columns
        if not isinstance(c.type, _NOT_TEXT) and (table.name, c.name) not in _SECRET_COLUMNS
    ]
    if not columns:
        return
    report.tables += 1
    report.columns += len(columns)
    keys = list(table.primary_key.columns)
    query = select(*keys, *columns).select_from(table)
    result = connection.execution_options(stream_results=True, yield_per=PAGE_ROWS).execute(query)
    for row in result:
        report.rows += 1
        key = "/".join(str(value) for value in row[: len(keys)])
        for column, value in zip(columns, row[len(keys) :], strict=True):
            place = f"{table.name}.{column.name}"
            for where, kinds in _value_findings(value, personal, report):
                report.findings.append(Finding(place + where, key, kinds))


def _value_findings(
    value: Any, personal: PersonalValues, report: VerificationReport
) -> Iterator[tuple[str, tuple[str, ...]]]:
    if value is None:
        return
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        if is_pdf(value):
            report.pdfs += 1
            kinds = personal.found_in("\n".join(pdf_pages(value)))
            if kinds:
                yield " (PDF text)", tuple(kinds)
        decoded = as_text(value)
        if decoded is not None:
            kinds = personal.found_in(decoded)
            if kinds:
                yield "", tuple(kinds)
        elif personal.bytes_regex is not None and personal.bytes_regex.search(value):
            yield " (bytes)", ("raw",)
        return
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    kinds = personal.found_in(str(value))
    if kinds:
        yield "", tuple(kinds)


def _fts_phrase(phrase: str) -> str:
    # The triggers fold ł/Ł themselves (FTS5's remove_diacritics does not).
    folded = phrase.replace("ł", "l").replace("Ł", "L")
    return '"' + folded.replace('"', '""') + '"'


def _scan_sqlite_indexes(
    connection: Connection, personal: PersonalValues, report: VerificationReport
) -> None:
    indexes = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
    ).scalars()
    for index in list(indexes):
        for phrase in personal.phrases():
            for (rowid,) in connection.execute(
                text(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH :phrase'),
                {"phrase": _fts_phrase(phrase)},
            ):
                report.findings.append(
                    Finding(f"{index} (full-text index)", str(rowid), (phrase_kind(phrase),))
                )


def _scan_tsvectors(
    connection: Connection, metadata: MetaData, personal: PersonalValues, report: VerificationReport
) -> None:
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        for column in table.columns:
            if type(column.type).__name__ != "TSVECTOR" or not keys:
                continue
            for phrase in personal.phrases():
                query = select(*keys).where(
                    column.bool_op("@@")(func.phraseto_tsquery(text("'hezo_search'"), phrase))
                )
                for row in connection.execute(query):
                    report.findings.append(
                        Finding(
                            f"{table.name}.{column.name} (full-text index)",
                            "/".join(str(value) for value in row),
                            (phrase_kind(phrase),),
                        )
                    )


def phrase_kind(phrase: str) -> str:
    if "@" in phrase:
        return "e-mail"
    return "phone" if phrase.replace(" ", "").isdigit() else "name"


def _scan_raw(path: Path, place: str, personal: PersonalValues, report: VerificationReport) -> None:
    pattern = personal.bytes_regex
    if pattern is None or not path.is_file():
        return
    found = 0
    with path.open("rb") as file:
        offset = 0
        tail = b""
        while True:
            chunk = file.read(_CHUNK)
            if not chunk:
                break
            report.raw_bytes += len(chunk)
            data = tail + chunk
            base = offset - len(tail)
            for match in pattern.finditer(data):
                # A match wholly inside the overlap was reported with the previous chunk.
                if match.end() <= len(tail):
                    continue
                report.findings.append(Finding(place, f"byte {base + match.start()}", ("raw",)))
                found += 1
                if found >= MAX_RAW_FINDINGS:
                    return
            offset += len(chunk)
            tail = data[-_OVERLAP:]
