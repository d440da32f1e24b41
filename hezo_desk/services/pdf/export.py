"""Case PDFs from the database: the three variants, files written whole, every export audited.

The reseller copy is built only from `ResellerAccessService.preview` (the reseller access rule
in `services/reseller_rule.py`): a case the reseller may not see yields no document at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Language
from hezo_desk.errors import Coded, HezoError, UserError
from hezo_desk.models import Customer, Ticket, utcnow
from hezo_desk.services import audit
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.pdf.document import CaseAttachment, CaseDocument, CaseEntry, Variant
from hezo_desk.services.pdf.render import render_case_pdf
from hezo_desk.services.records import MessageRow
from hezo_desk.services.reseller_rule import customer_visible_attachments, customer_visible_messages
from hezo_desk.services.ticket_loading import AttachmentRow
from hezo_desk.services.tickets import TicketService

PART_SUFFIX = ".part"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ResellerCopyRefusedError(UserError):
    """The reseller access rule gives nothing for this case: no reseller copy exists."""


class Progress(Protocol):
    """What long exports report to (the UI's `TaskControl` is one)."""

    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None:
        """Between cases: raise to stop (the caller's cancellation)."""


@dataclass(frozen=True)
class RenderedCase:
    ticket_id: int
    number: str
    variant: Variant
    pdf: bytes
    file_name: str
    exported_by: str
    exported_at: dt.datetime


@dataclass(frozen=True)
class ExportedFile:
    ticket_id: int
    number: str
    variant: Variant
    path: Path
    size: int
    sha256: str


def suggested_file_name(number: str, variant: Variant) -> str:
    """'HD-000123' + internal → 'HD-000123-internal.pdf' (legacy 'ZG/1' → 'ZG_1-…')."""
    safe = _UNSAFE.sub("_", number).strip("._") or "case"
    return f"{safe}-{variant.value}.pdf"


def _entries(messages: list[MessageRow]) -> tuple[CaseEntry, ...]:
    return tuple(CaseEntry(m.author_name, m.kind, m.created_at, m.body) for m in messages)


def _attachments(rows: list[AttachmentRow]) -> tuple[CaseAttachment, ...]:
    return tuple(CaseAttachment(a.file_name, a.size, a.sha256, a.kind) for a in rows)


class PdfExportService:
    def __init__(self, db: Database, now: Callable[[], dt.datetime] | None = None) -> None:
        self._db = db
        # The instant a document's service-level outcomes stand at (tests fix it).
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    # ----- documents --------------------------------------------------------------------------

    def document(self, ticket_id: int, variant: Variant) -> CaseDocument:
        """The case as the variant may show it; `ResellerCopyRefusedError` when it may not."""
        if variant is Variant.RESELLER:
            return self._reseller_document(ticket_id)
        internal = variant is Variant.INTERNAL
        detail = TicketService(self._db).detail(ticket_id, include_internal=internal)
        ticket = detail.ticket
        messages = detail.messages if internal else customer_visible_messages(detail.messages)
        attachments = (
            detail.attachments
            if internal
            else customer_visible_attachments(detail.attachments, detail.messages)
        )
        contact = None
        if detail.contact is not None:
            parts = [detail.contact.full_name, detail.contact.email, detail.contact.phone]
            contact = ", ".join(part for part in parts if part)
        return CaseDocument(
            number=ticket.number,
            subject=ticket.subject,
            customer_name=ticket.customer_name,
            variant=variant,
            language=self._language(ticket_id),
            entries=_entries(messages),
            attachments=_attachments(attachments),
            tax_id=ticket.tax_id,
            contact=contact,
            contract=ticket.contract_number,
            serial=ticket.notation,
            state=ticket.state,
            priority=ticket.priority,
            opened_at=ticket.opened_at,
            updated_at=ticket.updated_at,
            reseller_access=ticket.reseller_access,
            reseller_name=ticket.reseller_name,
            legacy_number=ticket.legacy_number,
            service_level=ticket.sla,
            sla_as_of=self._now(),
        )

    def _reseller_document(self, ticket_id: int) -> CaseDocument:
        view = ResellerAccessService(self._db).preview(ticket_id)
        if view is None:
            row = TicketService(self._db).row(ticket_id)
            if row.contract_id is None:
                reason = QT_TRANSLATE_NOOP(
                    "Errors", "it is linked to no contract, so no reseller is named for it"
                )
            elif not row.reseller_access:
                reason = QT_TRANSLATE_NOOP(
                    "Errors", "the customer has not allowed its reseller to see it"
                )
            else:
                reason = QT_TRANSLATE_NOOP(
                    "Errors", "the reseller access rule gives nothing for it"
                )
            raise ResellerCopyRefusedError(
                QT_TRANSLATE_NOOP("Errors", "%1: no reseller copy can be made, %2"),
                row.number,
                Coded(reason),
            )
        return CaseDocument(
            number=view.number,
            subject=view.subject,
            customer_name=view.customer_name,
            variant=Variant.RESELLER,
            language=self._language(ticket_id),
            entries=_entries(view.messages),
            attachments=_attachments(view.attachments),
            state=view.state,
            opened_at=view.opened_at,
            updated_at=view.updated_at,
            reseller_access=True,
            reseller_name=view.reseller_name,
            prepared_for=view.reseller_name,
        )

    def _language(self, ticket_id: int) -> Language:
        with self._db.sessions() as session:
            language = session.scalar(
                select(Customer.language)
                .join(Ticket, Ticket.customer_id == Customer.id)
                .where(Ticket.id == ticket_id)
            )
        return language or Language.POLISH

    # ----- rendering, exporting, printing ------------------------------------------------------

    def render(
        self, actor: Actor, ticket_id: int, variant: Variant, *, at: dt.datetime | None = None
    ) -> RenderedCase:
        """The PDF in memory (a preview; nothing is recorded until it is saved or printed)."""
        document = self.document(ticket_id, variant)
        moment = at or utcnow()
        pdf = render_case_pdf(document, exported_by=actor.display_name, exported_at=moment)
        return RenderedCase(
            ticket_id=ticket_id,
            number=document.number,
            variant=variant,
            pdf=pdf,
            file_name=suggested_file_name(document.number, variant),
            exported_by=actor.display_name,
            exported_at=moment,
        )

    def export_to_file(
        self, actor: Actor, ticket_id: int, variant: Variant, target: Path
    ) -> ExportedFile:
        """Render and write one case; `target` is a file, or a folder for the suggested name."""
        rendered = self.render(actor, ticket_id, variant)
        return self.save(actor, rendered, target)

    def save(self, actor: Actor, rendered: RenderedCase, target: Path) -> ExportedFile:
        """Write an already rendered case (e.g. the one previewed) and record the export."""
        path = target / rendered.file_name if target.is_dir() else target
        check_target_folder(path.parent)
        exported = ExportedFile(
            ticket_id=rendered.ticket_id,
            number=rendered.number,
            variant=rendered.variant,
            path=path,
            size=len(rendered.pdf),
            sha256=hashlib.sha256(rendered.pdf).hexdigest(),
        )
        with written_whole(path) as part:
            part.write_bytes(rendered.pdf)
            with self._db.transaction() as session:
                record_export(session, actor, exported)
            put_in_place(part, path)
        return exported

    def record_print(
        self, actor: Actor, ticket_id: int, variant: Variant, *, pages: int, printer: str = ""
    ) -> None:
        """Record that the case is printed: before the job is handed to the printer, so that
        no page is ever printed unrecorded (a job that fails after this stays recorded)."""
        number = TicketService(self._db).row(ticket_id).number
        with self._db.transaction() as session:
            audit.record(
                session,
                actor,
                AuditAction.TICKET_PRINTED,
                f"printed {number} ({variant.value} copy, {pages} pages)",
                ticket_id=ticket_id,
                details={
                    "number": number,
                    "variant": variant.value,
                    "pages": pages,
                    "printer": printer,
                },
            )


def record_export(
    session: Session, actor: Actor, exported: ExportedFile, *, combined_cases: int = 0
) -> None:
    """The audit record of one case written to a PDF file (alone or in a combined file)."""
    where = f"in {exported.path.name}" if combined_cases else f"to {exported.path.name}"
    details: dict[str, object] = {
        "number": exported.number,
        "variant": exported.variant.value,
        "path": str(exported.path),
        "bytes": exported.size,
        "sha256": exported.sha256,
    }
    if combined_cases:
        details["combined_cases"] = combined_cases
    audit.record(
        session,
        actor,
        AuditAction.TICKET_EXPORTED,
        f"exported {exported.number} as PDF ({exported.variant.value} copy) {where}",
        ticket_id=exported.ticket_id,
        details=details,
    )


def check_target_folder(folder: Path) -> None:
    if not folder.exists():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "the folder %1 does not exist"), folder)
    if not folder.is_dir():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "%1 is not a folder"), folder)
    if not os.access(folder, os.W_OK):
        raise UserError(QT_TRANSLATE_NOOP("Errors", "the folder %1 is not writable"), folder)


@contextlib.contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`; the block writes it and renames it into place.

    Whatever stops the block (an error, a cancel, Ctrl-C) removes the temporary file, so a
    half-written PDF never stays behind under any name.
    """
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{PART_SUFFIX}")
    try:
        yield part
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()


def put_in_place(part: Path, path: Path) -> None:
    """Give a written file its name, once the transaction recording it has committed.

    Call it after the transaction's `with`: a kill or a failed commit before this line leaves
    only the hidden temporary file (removed by `written_whole` when the process lives on),
    never a named export without its audit record. A kill after the commit and before the
    rename leaves a record of an export that did not land: the safe side.
    """
    part.replace(path)


def _write_error(path: Path, error: OSError) -> HezoError:
    reason = error.strerror or str(error)
    if isinstance(error, PermissionError | IsADirectoryError | NotADirectoryError):
        return UserError(QT_TRANSLATE_NOOP("Errors", "cannot write %1: %2"), path, reason)
    return HezoError(QT_TRANSLATE_NOOP("Errors", "cannot write %1: %2"), path, reason)
