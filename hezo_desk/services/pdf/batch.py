"""Many cases at once: one PDF each into a folder, or one combined PDF, on every core.

Documents are read from the database here (one case at a time, as the renderers need them)
and rendered in worker processes (`RenderPool`). The caller's `Progress.check()` is asked
between cases; cancelling stops there. Files appear only whole and only recorded: each is
written under a temporary name in the target folder and renamed once its audit records have
committed, and any temporary file is removed when the batch stops early.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import utcnow
from hezo_desk.services.actor import Actor
from hezo_desk.services.pdf.document import CaseDocument, Variant
from hezo_desk.services.pdf.export import (
    ExportedFile,
    PdfExportService,
    Progress,
    ResellerCopyRefusedError,
    check_target_folder,
    put_in_place,
    record_export,
    suggested_file_name,
    written_whole,
)
from hezo_desk.services.pdf.pool import RenderPool, default_workers


@dataclass(frozen=True)
class RefusedCase:
    ticket_id: int
    reason: str


@dataclass(frozen=True)
class BatchResult:
    variant: Variant
    files: tuple[ExportedFile, ...]
    # Cases the variant gives nothing for (a reseller copy without the customer's consent).
    refused: tuple[RefusedCase, ...] = field(default=())


class _Counter:
    """Cases done (written or refused) of the total, reported after each."""

    def __init__(self, total: int) -> None:
        self.done = 0
        self.total = total

    def step(self, control: Progress, text: str) -> None:
        self.done += 1
        control.progress(self.done, self.total, text)


def _pool_size(workers: int | None, cases: int) -> int:
    return max(1, min(workers if workers is not None else default_workers(), cases))


class _Silent:
    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass


def combined_file_name(variant: Variant, at: dt.datetime) -> str:
    local = at.astimezone(WARSAW)
    return f"HEZO-cases-{variant.value}-{local.strftime('%Y%m%d-%H%M%S')}.pdf"


def export_batch(
    db: Database,
    actor: Actor,
    ticket_ids: Sequence[int],
    variant: Variant,
    target: Path,
    *,
    combined: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> BatchResult:
    """Export `ticket_ids` (in that order). `target`: the folder for one file each; for a
    combined file, the file's path or a folder to put it in under a generated name."""
    if not ticket_ids:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "no cases to export"))
    batch = _Batch(db, actor, list(dict.fromkeys(ticket_ids)), variant, progress, workers, combined)
    if combined:
        path = (
            target / combined_file_name(variant, batch.exported_at) if target.is_dir() else target
        )
        check_target_folder(path.parent)
        files = batch.combined(path)
    else:
        if target.exists() and not target.is_dir():
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 is a file; one PDF per case needs a folder"), target
            )
        target.mkdir(parents=True, exist_ok=True)
        check_target_folder(target)
        files = batch.separate(target)
    return BatchResult(variant=variant, files=tuple(files), refused=tuple(batch.refused))


class _Batch:
    """One run: reads each case when the renderers need it, writes, records, reports."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        ids: list[int],
        variant: Variant,
        progress: Progress | None,
        workers: int | None,
        combined: bool,
    ) -> None:
        self.db, self.actor, self.ids, self.variant = db, actor, ids, variant
        self.control: Progress = progress or _Silent()
        self.workers = _pool_size(workers, len(ids))
        self.exported_at = utcnow()
        self.refused: list[RefusedCase] = []
        self.numbers: dict[int, str] = {}
        # Combined: one more step at the end, writing the file.
        self.counter = _Counter(len(ids) + 1 if combined else len(ids))

    def _documents(self) -> Iterator[tuple[int, CaseDocument]]:
        service = PdfExportService(self.db)
        for ticket_id in self.ids:
            self.control.check()
            try:
                document = service.document(ticket_id, self.variant)
            except ResellerCopyRefusedError as error:
                self.refused.append(RefusedCase(ticket_id, str(error)))
                self.counter.step(self.control, str(error))
                continue
            self.numbers[ticket_id] = document.number
            yield ticket_id, document

    def _rendered(self) -> Iterator[tuple[int, str, bytes]]:
        """(ticket id, number, PDF) per case, checking for a cancel after each."""
        with RenderPool(self.workers) as pool:
            for ticket_id, pdf in pool.render_ordered(
                self._documents(),
                exported_by=self.actor.display_name,
                exported_at=self.exported_at,
            ):
                self.control.check()
                yield ticket_id, self.numbers[ticket_id], pdf

    def _write(self, path: Path, data: bytes, files: list[ExportedFile], *, combined: bool) -> None:
        """The file under a temporary name, renamed once its audit records have committed."""
        with written_whole(path) as part:
            part.write_bytes(data)
            with self.db.transaction() as session:
                for exported in files:
                    record_export(
                        session, self.actor, exported, combined_cases=len(files) if combined else 0
                    )
            put_in_place(part, path)

    def separate(self, folder: Path) -> list[ExportedFile]:
        files: list[ExportedFile] = []
        for ticket_id, number, pdf in self._rendered():
            path = folder / suggested_file_name(number, self.variant)
            digest = hashlib.sha256(pdf).hexdigest()
            exported = ExportedFile(ticket_id, number, self.variant, path, len(pdf), digest)
            self._write(path, pdf, [exported], combined=False)
            files.append(exported)
            self.counter.step(self.control, number)
        return files

    def combined(self, path: Path) -> list[ExportedFile]:
        from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - only combined files need it

        writer = PdfWriter()
        cases: list[tuple[int, str]] = []
        for ticket_id, number, pdf in self._rendered():
            writer.append(PdfReader(io.BytesIO(pdf)), outline_item=number)
            cases.append((ticket_id, number))
            self.counter.step(self.control, number)
        if not cases:
            return []
        self.control.check()
        writer.add_metadata(
            {
                "/Title": f"HEZO Desk: {len(cases)} cases ({self.variant.value} copies)",
                "/Author": self.actor.display_name,
                "/Subject": ", ".join(number for _, number in cases)[:2000],
                "/Creator": "HEZO Desk",
            }
        )
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        files = [
            ExportedFile(ticket_id, number, self.variant, path, len(data), digest)
            for ticket_id, number in cases
        ]
        self._write(path, data, files, combined=True)
        self.counter.step(self.control, path.name)
        return files
