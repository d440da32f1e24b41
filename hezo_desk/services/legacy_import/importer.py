"""One import run: read the export into staging, apply the rules, write, report.

    report = LegacyImporter(db).run(actor, "export.zip", ImportOptions(dry_run=True))

Progress comes through a callback (phase, counts, an estimate of the time left); a cancel
callback is asked between units of work. A dry run stops after the rules: the desk is not
touched at all, not even the list of runs.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.errors import UserError
from hezo_desk.models import MigrationRun, utcnow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.legacy_import.lock import import_lock
from hezo_desk.services.legacy_import.reader import FileFormat, read_file
from hezo_desk.services.legacy_import.report import (
    FLAGGED_LIMIT,
    LIST_LIMIT,
    FileReport,
    FlaggedTicket,
    ImportReport,
    RowEntry,
    RunStatus,
)
from hezo_desk.services.legacy_import.resolve import Resolver
from hezo_desk.services.legacy_import.source import EXPORT_FILES, ExportSource
from hezo_desk.services.legacy_import.staging import (
    IMPORTED,
    PLANNED,
    REJECTED,
    SKIPPED,
    STAGERS,
    TABLE_FILES,
    Staging,
    make_attachment_stager,
)
from hezo_desk.services.legacy_import.workspace import clear_abandoned, workspace
from hezo_desk.services.legacy_import.writer import (
    TICKET_BATCH,
    ImportCancelledError,
    WriteCounts,
    Writer,
)

IMPORT_ROLES = (Role.BACK_OFFICE, Role.ADMINISTRATOR)
PROGRESS_INTERVAL = 0.25
RESOLVE_STEPS = ("resellers", "customers", "contracts", "services", "tickets", "messages",
                 "attachments", "links")  # fmt: skip


class Phase(enum.StrEnum):
    READING = "reading"
    CHECKING = "checking"
    WRITING = "writing"
    TICKETS = "tickets"
    DONE = "done"


@dataclass(frozen=True)
class ImportProgress:
    phase: Phase
    done: int
    total: int
    elapsed: float
    # Seconds left in the current phase; None until there is a rate to judge by.
    eta: float | None
    file: str | None = None
    rows_read: int = 0
    tickets_written: int = 0
    tickets_total: int = 0
    messages_written: int = 0
    attachments_written: int = 0
    flagged: int = 0


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    # File name → encoding; "*" for every file not named. Empty: detect each file's.
    encodings: Mapping[str, str] = field(default_factory=dict)
    # Processes rendering dialogue PDFs; None: one per core (1 renders in this process).
    render_workers: int | None = None
    ticket_batch: int = TICKET_BATCH
    # Where the staging database goes (default: the system's temporary folder).
    work_dir: Path | None = None


ProgressCallback = Callable[[ImportProgress], None]


class _Clock:
    """Progress with a time-left estimate per phase, at most a few times a second."""

    def __init__(
        self, callback: ProgressCallback | None, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.callback = callback
        self._now = now
        self.started = now()
        self.phase_started = self.started
        self.phase: Phase | None = None
        self.last_sent = 0.0

    def emit(
        self, phase: Phase, done: int, total: int, *, force: bool = False, **counts: Any
    ) -> None:
        if self.callback is None:
            return
        now = self._now()
        if phase is not self.phase:
            self.phase, self.phase_started, force = phase, now, True
        if not force and now - self.last_sent < PROGRESS_INTERVAL and done < total:
            return
        self.last_sent = now
        spent = now - self.phase_started
        eta = None
        if done > 0 and total > 0 and spent > 0.5:
            eta = max(0.0, spent / done * (total - done))
        self.callback(
            ImportProgress(
                phase=phase, done=done, total=total, elapsed=now - self.started, eta=eta, **counts
            )
        )


class LegacyImporter:
    def __init__(self, db: Database) -> None:
        self._db = db

    def run(
        self,
        actor: Actor,
        path: str | Path,
        options: ImportOptions = ImportOptions(),
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        report_file: str | Path | None = None,
    ) -> ImportReport:
        require_role(actor, IMPORT_ROLES, QT_TRANSLATE_NOOP("Errors", "import the legacy system"))
        is_cancelled = cancelled or (lambda: False)
        report_path = Path(report_file).expanduser() if report_file is not None else None
        if report_path is not None and not report_path.parent.is_dir():
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "cannot write the report to %1: no such folder"),
                report_path,
            )
        if options.work_dir is not None and not options.work_dir.is_dir():
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "the work folder %1 does not exist"), options.work_dir
            )
        started_at = utcnow()
        clock = _Clock(progress)
        # A killed run's staging copy of the export would stay in the folder for good.
        clear_abandoned(options.work_dir)
        # A dry run writes nothing: it needs no lock and may run beside a real one. Its
        # statements (batches of thousands of rows) may take longer than a desk's.
        with (
            self._db.long_statements(),
            nullcontext() if options.dry_run else import_lock(self._db),
            ExportSource(path) as source,
            workspace(options.work_dir) as work,
        ):
            staging = Staging(Path(work) / "staging.sqlite3")
            try:
                return self._run(
                    actor, source, staging, options, clock, is_cancelled, started_at, report_path
                )
            finally:
                staging.close()

    def _run(
        self,
        actor: Actor,
        source: ExportSource,
        staging: Staging,
        options: ImportOptions,
        clock: _Clock,
        cancelled: Callable[[], bool],
        started_at: dt.datetime,
        report_path: Path | None,
    ) -> ImportReport:
        formats: dict[str, FileFormat] = {}

        def finish(
            status: RunStatus, run_id: int | None, error: str | None, overdue: int = 0
        ) -> ImportReport:
            report = build_report(
                staging, formats, source=source.description, dry_run=options.dry_run,
                status=status, started_at=started_at, finished_at=utcnow(), run_id=run_id,
                agent_login=actor.login, error=error,
            )  # fmt: skip
            report = replace(report, overdue_total=overdue)
            if report_path is not None:
                write_full_report(staging, report, report_path)
            return report

        try:
            self._read(source, staging, options, formats, clock, cancelled)
            staging.index()
            steps = iter(range(1, len(RESOLVE_STEPS) + 1))
            clock.emit(Phase.CHECKING, 0, len(RESOLVE_STEPS), force=True)

            def tick(_step: str) -> None:
                if cancelled():
                    raise ImportCancelledError
                clock.emit(Phase.CHECKING, next(steps), len(RESOLVE_STEPS), force=True)

            def check() -> None:
                if cancelled():
                    raise ImportCancelledError

            Resolver(staging, self._db, tick, files=source, check=check).run()
        except ImportCancelledError:
            return finish(RunStatus.CANCELLED, None, "cancelled before anything was written")
        if options.dry_run:
            clock.emit(Phase.DONE, 1, 1, force=True)
            return finish(RunStatus.COMPLETED, None, None)

        run_id = self._start_run(actor, source.description)
        status, error = RunStatus.COMPLETED, None
        counts = WriteCounts()

        def on_write(phase: str, written: WriteCounts) -> None:
            if phase == "tickets":
                clock.emit(
                    Phase.TICKETS, written.tickets, written.tickets_total,
                    tickets_written=written.tickets,
                    tickets_total=written.tickets_total, messages_written=written.messages,
                    attachments_written=written.attachments, flagged=written.flagged,
                )  # fmt: skip
            else:
                clock.emit(Phase.WRITING, written.rows, written.rows_total)

        writer = Writer(
            self._db, staging, source, actor, run_id, started_at=started_at, progress=on_write,
            cancelled=cancelled, render_workers=options.render_workers,
            ticket_batch=options.ticket_batch,
        )  # fmt: skip
        failure: BaseException | None = None
        try:
            counts = writer.run()
        except ImportCancelledError:
            status = RunStatus.CANCELLED
            counts = writer.counts
        except BaseException as caught:
            counts = writer.counts
            if cancelled():
                # Ctrl-C reaches the rendering processes too; the user asked to stop.
                status = RunStatus.CANCELLED
            else:
                status, error = RunStatus.FAILED, f"{type(caught).__name__}: {caught}"
                failure = caught
        report = finish(status, run_id, error, counts.overdue)
        self._finish_run(actor, run_id, report, counts)
        clock.emit(Phase.DONE, 1, 1, force=True)
        if failure is not None:
            raise failure
        return report

    def _read(
        self,
        source: ExportSource,
        staging: Staging,
        options: ImportOptions,
        formats: dict[str, FileFormat],
        clock: _Clock,
        cancelled: Callable[[], bool],
    ) -> None:
        total_bytes = sum(source.file_size(name) for name in EXPORT_FILES)
        done_bytes = 0
        rows_read = 0
        stagers = dict(STAGERS)
        stagers["attachments"] = make_attachment_stager(source)
        # Open every file first: a wrong header or encoding stops the run before any reading.
        readers = {}
        for table, name in TABLE_FILES.items():
            encoding = options.encodings.get(name, options.encodings.get("*"))
            position = [0]

            def at(consumed: int, position: list[int] = position) -> None:
                position[0] = consumed

            file_format, rows = read_file(source, name, encoding=encoding, progress=at)
            formats[name] = file_format
            readers[table] = (name, rows, position)
        for table, (name, rows, position) in readers.items():

            def tick(
                count: int,
                name: str = name,
                position: list[int] = position,
                before: int = done_bytes,
                rows_before: int = rows_read,
            ) -> None:
                if cancelled():
                    raise ImportCancelledError
                clock.emit(
                    Phase.READING, before + position[0], total_bytes, file=name,
                    rows_read=rows_before + count,
                )  # fmt: skip

            rows_read += staging.load(table, rows, stagers[table], tick=tick)
            done_bytes += formats[name].size

    def _start_run(self, actor: Actor, source: str) -> int:
        with self._db.transaction() as session:
            run = MigrationRun(
                started_at=utcnow(),
                agent_id=actor.id,
                source=source,
                dry_run=False,
                status=RunStatus.RUNNING.value,
                report={},
            )
            session.add(run)
            session.flush()
            return run.id

    def _finish_run(
        self, actor: Actor, run_id: int, report: ImportReport, counts: WriteCounts
    ) -> None:
        totals = report.totals
        with self._db.transaction() as session:
            run = session.get_one(MigrationRun, run_id)
            run.status = report.status.value
            run.finished_at = report.finished_at
            run.report = report.to_json()
            audit.record(
                session,
                actor,
                AuditAction.LEGACY_IMPORTED,
                f"legacy import run {run_id} {report.status.value}: {counts.tickets} ticket(s) "
                f"migrated, {totals.imported} row(s) imported, {totals.skipped} skipped, "
                f"{totals.rejected} rejected, {report.flagged_total} flagged for review",
                subject=("migration_run", run_id),
                details={
                    "run_id": run_id,
                    "source": report.source,
                    "status": report.status.value,
                    "files": {
                        f.name: {
                            "read": f.read,
                            "imported": f.imported,
                            "skipped": f.skipped,
                            "rejected": f.rejected,
                            "not_processed": f.not_processed,
                        }
                        for f in report.files
                    },
                    "flagged": report.flagged_total,
                    "overdue": report.overdue_total,
                    "error": report.error,
                },
            )


# ----- the report from the staging tables ------------------------------------------------------


def _file_counts(
    staging: Staging, table: str, *, dry_run: bool
) -> tuple[int, int, int, int, int, dict[str, int], dict[str, int]]:
    read = imported = skipped = rejected = not_processed = 0
    skipped_by: dict[str, int] = {}
    rejected_by: dict[str, int] = {}
    for outcome, code, count in staging.execute(
        f"SELECT outcome, code, count(*) FROM {table} GROUP BY outcome, code ORDER BY count(*) DESC"
    ):
        read += count
        if outcome == IMPORTED or (outcome == PLANNED and dry_run):
            imported += count
        elif outcome == SKIPPED:
            skipped += count
            skipped_by[code] = skipped_by.get(code, 0) + count
        elif outcome == REJECTED:
            rejected += count
            rejected_by[code] = rejected_by.get(code, 0) + count
        else:
            not_processed += count
    return read, imported, skipped, rejected, not_processed, skipped_by, rejected_by


def _entries(staging: Staging, outcome: str, limit: int | None) -> Iterator[RowEntry]:
    for table, name in TABLE_FILES.items():
        query = (
            f"SELECT line, legacy_id, code, detail FROM {table} WHERE outcome = ? ORDER BY seq"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
        )
        for line, legacy_id, code, detail in staging.execute(query, (outcome,)):
            yield RowEntry(name, line, legacy_id, code or "", detail or "")


def _flagged(staging: Staging, *, dry_run: bool, limit: int | None) -> Iterator[FlaggedTicket]:
    outcomes = (IMPORTED, PLANNED) if dry_run else (IMPORTED, IMPORTED)
    query = (
        "SELECT legacy_id, number, flags FROM tickets WHERE outcome IN (?, ?) "
        "AND flags IS NOT NULL ORDER BY seq" + (f" LIMIT {int(limit)}" if limit is not None else "")
    )
    for legacy_id, number, flags in staging.execute(query, outcomes):
        yield FlaggedTicket(legacy_id, number, tuple(flags.splitlines()))


def build_report(
    staging: Staging,
    formats: Mapping[str, FileFormat],
    *,
    source: str,
    dry_run: bool,
    status: RunStatus,
    started_at: dt.datetime,
    finished_at: dt.datetime | None,
    run_id: int | None,
    agent_login: str | None,
    error: str | None,
) -> ImportReport:
    files = []
    for table, name in TABLE_FILES.items():
        read, imported, skipped, rejected, not_processed, skipped_by, rejected_by = _file_counts(
            staging, table, dry_run=dry_run
        )
        file_format = formats.get(name)
        files.append(
            FileReport(
                name=name,
                encoding=file_format.encoding_label if file_format else "",
                separator=file_format.separator if file_format else "",
                read=read,
                imported=imported,
                skipped=skipped,
                rejected=rejected,
                not_processed=not_processed,
                skipped_by_rule=skipped_by,
                rejected_by_reason=rejected_by,
                notes=tuple(file_format.notes) if file_format else (),
            )
        )
    outcomes = (IMPORTED, PLANNED) if dry_run else (IMPORTED, IMPORTED)
    flagged_total = staging.scalar(
        "SELECT count(*) FROM tickets WHERE outcome IN (?, ?) AND flags IS NOT NULL", outcomes
    )
    rejected_list = tuple(_entries(staging, REJECTED, LIST_LIMIT))
    skipped_list = tuple(_entries(staging, SKIPPED, LIST_LIMIT))
    flagged = tuple(_flagged(staging, dry_run=dry_run, limit=FLAGGED_LIMIT))
    truncated = (
        len(rejected_list) < sum(f.rejected for f in files)
        or len(skipped_list) < sum(f.skipped for f in files)
        or len(flagged) < flagged_total
    )
    return ImportReport(
        run_id=run_id,
        source=source,
        dry_run=dry_run,
        status=status,
        started_at=started_at,
        finished_at=finished_at,
        files=tuple(files),
        rejected=rejected_list,
        skipped=skipped_list,
        flagged=flagged,
        flagged_total=flagged_total,
        agent_login=agent_login,
        error=error,
        lists_truncated=truncated,
    )


def write_full_report(staging: Staging, report: ImportReport, path: Path) -> None:
    """The report as JSON with every skipped and rejected row, written as it is read."""
    head = report.to_json()
    for key in ("rejected", "skipped", "flagged"):
        head.pop(key)
    head["lists_truncated"] = False
    try:
        with path.open("w", encoding="utf-8") as stream:
            stream.write("{\n")
            for key, value in head.items():
                stream.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
            _write_list(
                stream, "rejected", (e.to_json() for e in _entries(staging, REJECTED, None))
            )
            stream.write(",\n")
            _write_list(stream, "skipped", (e.to_json() for e in _entries(staging, SKIPPED, None)))
            stream.write(",\n")
            _write_list(
                stream,
                "flagged",
                (t.to_json() for t in _flagged(staging, dry_run=report.dry_run, limit=None)),
            )
            stream.write("\n}\n")
    except OSError as error:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "cannot write the report to %1: %2"), path, error.strerror
        ) from error


def _write_list(stream: TextIO, key: str, items: Iterator[dict[str, Any]]) -> None:
    stream.write(f"  {json.dumps(key)}: [")
    first = True
    for item in items:
        stream.write("\n    " if first else ",\n    ")
        stream.write(json.dumps(item, ensure_ascii=False))
        first = False
    stream.write("\n  ]" if not first else "]")
