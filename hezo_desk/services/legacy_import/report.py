"""The report of one import run: every row of every file accounted for.

For each file: rows read, imported, skipped (by rule), rejected (by reason); the lists of
rejected and skipped rows (file, line, legacy id, why); the tickets flagged for review.
`read == imported + skipped + rejected + not_processed`, where `not_processed` is non-zero
only for a run that was cancelled or failed before it finished.

The report kept in the database lists at most `LIST_LIMIT` rows per file and outcome (the
counts are always complete); the JSON file written with `--report FILE` lists every row.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import.details import detail_words
from hezo_desk.services.legacy_import.rules import LEGACY_IMPORT, describe
from hezo_desk.wording import Translate, in_english

LIST_LIMIT = 1000
FLAGGED_LIMIT = 5000
REPORT_FORMAT = 1


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    FAILED = "failed"
    # Its process was killed: the next import found it still "running" (see lock.py).
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class RowEntry:
    """One skipped or rejected row."""

    file: str
    line: int
    legacy_id: str | None
    code: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "legacy_id": self.legacy_id,
            "code": self.code,
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowEntry:
        return cls(
            file=str(data["file"]),
            line=int(data["line"]),
            legacy_id=data.get("legacy_id"),
            code=str(data["code"]),
            detail=str(data.get("detail", "")),
        )


@dataclass(frozen=True)
class FlaggedTicket:
    legacy_number: str
    ticket_number: str | None
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "legacy_number": self.legacy_number,
            "ticket_number": self.ticket_number,
            "flags": list(self.flags),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FlaggedTicket:
        return cls(
            legacy_number=str(data["legacy_number"]),
            ticket_number=data.get("ticket_number"),
            flags=tuple(str(flag) for flag in data.get("flags", [])),
        )


@dataclass(frozen=True)
class FileReport:
    name: str
    encoding: str
    separator: str
    read: int
    imported: int
    skipped: int
    rejected: int
    not_processed: int = 0
    skipped_by_rule: dict[str, int] = field(default_factory=dict)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def balanced(self) -> bool:
        return self.read == self.imported + self.skipped + self.rejected + self.not_processed

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "encoding": self.encoding,
            "separator": self.separator,
            "read": self.read,
            "imported": self.imported,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "not_processed": self.not_processed,
            "skipped_by_rule": dict(self.skipped_by_rule),
            "rejected_by_reason": dict(self.rejected_by_reason),
            "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileReport:
        return cls(
            name=str(data["name"]),
            encoding=str(data.get("encoding", "")),
            separator=str(data.get("separator", "")),
            read=int(data["read"]),
            imported=int(data["imported"]),
            skipped=int(data["skipped"]),
            rejected=int(data["rejected"]),
            not_processed=int(data.get("not_processed", 0)),
            skipped_by_rule={str(k): int(v) for k, v in data.get("skipped_by_rule", {}).items()},
            rejected_by_reason={
                str(k): int(v) for k, v in data.get("rejected_by_reason", {}).items()
            },
            notes=tuple(str(note) for note in data.get("notes", [])),
        )


@dataclass(frozen=True)
class ImportReport:
    source: str
    dry_run: bool
    status: RunStatus
    started_at: dt.datetime
    finished_at: dt.datetime | None
    files: tuple[FileReport, ...]
    rejected: tuple[RowEntry, ...] = ()
    skipped: tuple[RowEntry, ...] = ()
    flagged: tuple[FlaggedTicket, ...] = ()
    flagged_total: int = 0
    # Migrated tickets already past a service-level due when they arrived: marked on the
    # ticket (`overdue_at_migration`) and counted here once, not alarmed one by one.
    overdue_total: int = 0
    run_id: int | None = None
    agent_login: str | None = None
    error: str | None = None
    # True when `rejected`/`skipped`/`flagged` hold fewer rows than the counts say.
    lists_truncated: bool = False

    @property
    def totals(self) -> FileReport:
        return FileReport(
            name="total",
            encoding="",
            separator="",
            read=sum(f.read for f in self.files),
            imported=sum(f.imported for f in self.files),
            skipped=sum(f.skipped for f in self.files),
            rejected=sum(f.rejected for f in self.files),
            not_processed=sum(f.not_processed for f in self.files),
        )

    def file(self, name: str) -> FileReport:
        for report in self.files:
            if report.name == name:
                return report
        raise KeyError(name)

    @property
    def balanced(self) -> bool:
        return all(report.balanced for report in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "run_id": self.run_id,
            "source": self.source,
            "dry_run": self.dry_run,
            "status": self.status.value,
            "agent": self.agent_login,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "error": self.error,
            "files": [report.to_json() for report in self.files],
            "flagged_total": self.flagged_total,
            "overdue_total": self.overdue_total,
            "lists_truncated": self.lists_truncated,
            "rejected": [entry.to_json() for entry in self.rejected],
            "skipped": [entry.to_json() for entry in self.skipped],
            "flagged": [ticket.to_json() for ticket in self.flagged],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        finished = data.get("finished_at")
        return cls(
            run_id=data.get("run_id"),
            source=str(data.get("source", "")),
            dry_run=bool(data.get("dry_run", False)),
            status=RunStatus(data.get("status", RunStatus.FAILED.value)),
            agent_login=data.get("agent"),
            started_at=dt.datetime.fromisoformat(data["started_at"]),
            finished_at=dt.datetime.fromisoformat(finished) if finished else None,
            error=data.get("error"),
            files=tuple(FileReport.from_json(f) for f in data.get("files", [])),
            flagged_total=int(data.get("flagged_total", 0)),
            overdue_total=int(data.get("overdue_total", 0)),
            lists_truncated=bool(data.get("lists_truncated", False)),
            rejected=tuple(RowEntry.from_json(e) for e in data.get("rejected", [])),
            skipped=tuple(RowEntry.from_json(e) for e in data.get("skipped", [])),
            flagged=tuple(FlaggedTicket.from_json(t) for t in data.get("flagged", [])),
        )


# The printed summary's words, marked for the catalogue ("LegacyImport"); the command words
# them in its language (`translate`).
_RUN_TITLE = QT_TRANSLATE_NOOP("LegacyImport", "Import of %1: %2")
_DRY_RUN_TITLE = QT_TRANSLATE_NOOP("LegacyImport", "Dry run of the import of %1: %2")
_RUN_NUMBER = QT_TRANSLATE_NOOP("LegacyImport", "%1 (run %2)")
_ERROR = QT_TRANSLATE_NOOP("LegacyImport", "error: %1")
_FILE = QT_TRANSLATE_NOOP("LegacyImport", "file")
_READ = QT_TRANSLATE_NOOP("LegacyImport", "read")
_IMPORTED = QT_TRANSLATE_NOOP("LegacyImport", "imported")
_WOULD_IMPORT = QT_TRANSLATE_NOOP("LegacyImport", "would import")
_SKIPPED = QT_TRANSLATE_NOOP("LegacyImport", "skipped")
_REJECTED = QT_TRANSLATE_NOOP("LegacyImport", "rejected")
_NOT_PROCESSED = QT_TRANSLATE_NOOP("LegacyImport", "not processed")
_TOTAL = QT_TRANSLATE_NOOP("LegacyImport", "total")
_SKIPPED_BY = QT_TRANSLATE_NOOP("LegacyImport", "%1 skipped: %2")
_REJECTED_BY = QT_TRANSLATE_NOOP("LegacyImport", "%1 rejected: %2")
_FILE_NOTES = QT_TRANSLATE_NOOP("LegacyImport", "%1, separator %2")
_FLAGGED = QT_TRANSLATE_NOOP("LegacyImport", "%1 migrated ticket(s) flagged for review")
_WOULD_FLAG = QT_TRANSLATE_NOOP("LegacyImport", "%1 ticket(s) would be flagged for review")
_OVERDUE = QT_TRANSLATE_NOOP(
    "LegacyImport", "%1 migrated ticket(s) already overdue on arrival (marked, not alarmed)"
)
_REJECTED_ROWS = QT_TRANSLATE_NOOP("LegacyImport", "rejected rows (first %1):")
_NO_ID = QT_TRANSLATE_NOOP("LegacyImport", "(no id)")
STATUS_WORDS = {
    RunStatus.RUNNING: QT_TRANSLATE_NOOP("LegacyImport", "running"),
    RunStatus.COMPLETED: QT_TRANSLATE_NOOP("LegacyImport", "completed"),
    RunStatus.CANCELLED: QT_TRANSLATE_NOOP("LegacyImport", "cancelled"),
    RunStatus.FAILED: QT_TRANSLATE_NOOP("LegacyImport", "failed"),
    RunStatus.INTERRUPTED: QT_TRANSLATE_NOOP("LegacyImport", "interrupted"),
}


def summary_lines(
    report: ImportReport, *, listed: int = 20, translate: Translate = in_english
) -> list[str]:
    """The printed summary in the reader's language: a table per file, the reasons, the first
    rejected rows (their details worded back from the stored English, see `detail_words`)."""

    def words(template: str, *params: object) -> str:
        return fill(translate(LEGACY_IMPORT, template), *params)

    would = report.dry_run
    title = words(
        _DRY_RUN_TITLE if would else _RUN_TITLE, report.source, words(STATUS_WORDS[report.status])
    )
    lines = [words(_RUN_NUMBER, title, report.run_id) if report.run_id else title]
    if report.error:
        lines.append(words(_ERROR, report.error))
    header: tuple[str, ...] = tuple(
        words(word)
        for word in (_FILE, _READ, _WOULD_IMPORT if would else _IMPORTED, _SKIPPED, _REJECTED)
    )
    totals = report.totals
    rows: list[tuple[str, ...]] = []
    for file_report in (*report.files, totals):
        rows.append(
            (
                words(_TOTAL) if file_report is totals else file_report.name,
                str(file_report.read),
                str(file_report.imported),
                str(file_report.skipped),
                str(file_report.rejected),
            )
            + ((str(file_report.not_processed),) if totals.not_processed else ())
        )
    if totals.not_processed:
        header = (*header, words(_NOT_PROCESSED))
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    lines.append(
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    )
    for row in rows:
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    for file_report in report.files:
        details = [
            words(_SKIPPED_BY, count, describe(code, translate))
            for code, count in file_report.skipped_by_rule.items()
        ] + [
            words(_REJECTED_BY, count, describe(code, translate))
            for code, count in file_report.rejected_by_reason.items()
        ]
        notes = [
            words(
                _FILE_NOTES,
                detail_words(file_report.encoding, translate),
                repr(file_report.separator),
            ),
            *(detail_words(note, translate) for note in file_report.notes),
        ]
        lines.append(f"{file_report.name} ({'; '.join(notes)})")
        lines.extend(f"  {detail}" for detail in details)
    lines.append(words(_WOULD_FLAG if would else _FLAGGED, report.flagged_total))
    if report.overdue_total:
        lines.append(words(_OVERDUE, report.overdue_total))
    if report.rejected:
        lines.append(words(_REJECTED_ROWS, min(listed, len(report.rejected))))
        lines.extend(
            f"  {entry.file}:{entry.line} {entry.legacy_id or words(_NO_ID)}: "
            f"{detail_words(entry.detail, translate)}"
            for entry in report.rejected[:listed]
        )
    return lines
