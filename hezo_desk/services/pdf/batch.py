"""Many cases at once: one PDF each into a folder, or one combined PDF, on every core.

Documents are read from the database here (one case at a time, as the renderers need them)
and rendered in worker processes (`RenderPool`). The caller's `Progress.check()` is asked
between cases; cancelling stops there. Files appear only whole: each is written under a
temporary name in the target folder and renamed when complete, and any temporary file is
removed when the batch stops early. Every case written is recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.models import utcnow
from hezo_desk.services.actor import Actor
from hezo_desk.services.pdf.document import WARSAW, CaseDocument, Variant
from hezo_desk.services.pdf.export import (
    ExportedFile,
    PdfExportService,
    Progress,
    ResellerCopyRefusedError,
    check_target_folder,
    record_export,
    recorded_rename,
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

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(dict.fromkeys(f.path for f in self.files))


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
    control: Progress = progress or _Silent()
    if not ticket_ids:
        raise UserError("no cases to export")
    ids = list(dict.fromkeys(ticket_ids))
    exported_at = utcnow()
    refused: list[RefusedCase] = []
    service = PdfExportService(db)
    # Combined: one more step at the end, writing the file.
    counter = _Counter(len(ids) + 1 if combined else len(ids))

    def documents() -> Iterator[tuple[int, CaseDocument]]:
        for ticket_id in ids:
            control.check()
            try:
                yield ticket_id, service.document(ticket_id, variant)
            except ResellerCopyRefusedError as error:
                refused.append(RefusedCase(ticket_id, str(error)))
                counter.step(control, str(error))

    if combined:
        path = target / combined_file_name(variant, exported_at) if target.is_dir() else target
        check_target_folder(path.parent)
        files = _combined(
            db, actor, ids, variant, path, documents(), control, counter, workers, exported_at
        )
    else:
        if target.exists() and not target.is_dir():
            raise UserError(f"{target} is a file; one PDF per case needs a folder")
        target.mkdir(parents=True, exist_ok=True)
        check_target_folder(target)
        files = _separate(
            db, actor, ids, variant, target, documents(), control, counter, workers, exported_at
        )
    return BatchResult(variant=variant, files=tuple(files), refused=tuple(refused))


def _separate(
    db: Database,
    actor: Actor,
    ids: list[int],
    variant: Variant,
    folder: Path,
    documents: Iterator[tuple[int, CaseDocument]],
    control: Progress,
    counter: _Counter,
    workers: int | None,
    exported_at: dt.datetime,
) -> list[ExportedFile]:
    files: list[ExportedFile] = []
    numbers: dict[int, str] = {}

    def numbered() -> Iterator[tuple[int, CaseDocument]]:
        for ticket_id, document in documents:
            numbers[ticket_id] = document.number
            yield ticket_id, document

    with RenderPool(_pool_size(workers, len(ids))) as pool:
        for ticket_id, pdf in pool.render_ordered(
            numbered(), exported_by=actor.display_name, exported_at=exported_at
        ):
            control.check()
            number = numbers[ticket_id]
            path = folder / suggested_file_name(number, variant)
            exported = ExportedFile(
                ticket_id, number, variant, path, len(pdf), hashlib.sha256(pdf).hexdigest()
            )
            with written_whole(path) as part:
                part.write_bytes(pdf)
                with recorded_rename(part, path) as rename, db.transaction() as session:
                    record_export(session, actor, exported)
                    session.flush()
                    rename()
            files.append(exported)
            counter.step(control, number)
    return files


def _combined(
    db: Database,
    actor: Actor,
    ids: list[int],
    variant: Variant,
    path: Path,
    documents: Iterator[tuple[int, CaseDocument]],
    control: Progress,
    counter: _Counter,
    workers: int | None,
    exported_at: dt.datetime,
) -> list[ExportedFile]:
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - only combined files need it

    writer = PdfWriter()
    titles: dict[int, str] = {}

    def titled() -> Iterator[tuple[int, CaseDocument]]:
        for ticket_id, document in documents:
            titles[ticket_id] = document.number
            yield ticket_id, document

    cases: list[tuple[int, str]] = []
    with RenderPool(_pool_size(workers, len(ids))) as pool:
        for ticket_id, pdf in pool.render_ordered(
            titled(), exported_by=actor.display_name, exported_at=exported_at
        ):
            control.check()
            writer.append(PdfReader(io.BytesIO(pdf)), outline_item=titles[ticket_id])
            cases.append((ticket_id, titles[ticket_id]))
            counter.step(control, titles[ticket_id])
    if not cases:
        return []
    control.check()
    writer.add_metadata(
        {
            "/Title": f"HEZO Desk: {len(cases)} cases ({variant.value} copies)",
            "/Author": actor.display_name,
            "/Subject": ", ".join(number for _, number in cases)[:2000],
            "/Creator": "HEZO Desk",
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    files = [
        ExportedFile(ticket_id, number, variant, path, len(data), digest)
        for ticket_id, number in cases
    ]
    with written_whole(path) as part:
        part.write_bytes(data)
        with recorded_rename(part, path) as rename, db.transaction() as session:
            for exported in files:
                record_export(session, actor, exported, combined_cases=len(files))
            session.flush()
            rename()
    counter.step(control, path.name)
    return files
