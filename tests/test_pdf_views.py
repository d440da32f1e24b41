"""The PDF preview, export, print and batch dialog, through pytest-qt on the demo database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.errors import HezoError
from hezo_desk.models import Ticket
from hezo_desk.services.audit import AuditAction, AuditService
from hezo_desk.services.pdf import Variant
from hezo_desk.services.pdf.export import PART_SUFFIX
from hezo_desk.ui import pdf_preview
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.pdf_batch_export import BatchExportDialog
from hezo_desk.ui.pdf_preview import PdfPreview, PdfPreviewDialog
from pictures import save_picture, wait_painted
from waiting import SLOW_WAIT_MS, WAIT_MS, WAIT_S


def ticket_ids(context: DeskContext, *, access: bool | None = None, limit: int = 5) -> list[int]:
    query = select(Ticket.id).order_by(Ticket.id).limit(limit)
    if access is not None:
        query = query.where(Ticket.reseller_access.is_(access), Ticket.contract_id.is_not(None))
    with context.db.sessions() as session:
        return list(session.scalars(query))


def actions(context: DeskContext, ticket_id: int) -> list[str]:
    return [
        row.action
        for row in AuditService(context.db).for_ticket(ticket_id)
        if row.action in (AuditAction.TICKET_EXPORTED, AuditAction.TICKET_PRINTED)
    ]


def wait_shown(qtbot: QtBot, preview: PdfPreview) -> None:
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=WAIT_MS)


def test_preview_export_and_print_the_same_document(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    ticket_id = ticket_ids(desk_context, limit=1)[0]
    dialog = PdfPreviewDialog(desk_context, ticket_id, Variant.INTERNAL)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.preview
    wait_shown(qtbot, preview)
    assert preview.current is not None
    assert preview.document.pageCount() >= 1
    assert preview.export_button.isEnabled()
    assert preview.current.number in preview.status.text()
    wait_painted(qtbot, preview.view.viewport())  # QPdfView draws its pages in the background
    save_picture(dialog, tmp_path, "pdf-preview")

    target = tmp_path / "sprawa"
    with qtbot.waitSignal(preview.exported, timeout=WAIT_MS) as saved:
        preview.export_to(target)
    exported = saved.args[0]
    assert exported.path == tmp_path / "sprawa.pdf"
    assert exported.path.read_bytes() == preview.current.pdf  # what was shown is what is saved
    assert not list(tmp_path.glob(f"*{PART_SUFFIX}"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(72)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "wydruk.pdf"))
    with qtbot.waitSignal(preview.printed, timeout=WAIT_MS) as printed:
        preview.print_to(printer)
        # Pages are painted in the background: the window answers meanwhile.
        assert not preview.print_button.isEnabled()
    pages = printed.args[0]
    assert pages == preview.document.pageCount()
    assert preview.print_button.isEnabled()
    assert str(pages) in preview.status.text()
    assert len(PdfReader(tmp_path / "wydruk.pdf").pages) == pages
    assert actions(desk_context, ticket_id) == [
        AuditAction.TICKET_EXPORTED,
        AuditAction.TICKET_PRINTED,
    ]


def test_preview_refuses_a_reseller_copy_without_access(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    ticket_id = ticket_ids(desk_context, access=False, limit=1)[0]
    preview = PdfPreview(desk_context, ticket_id, Variant.RESELLER)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: "no reseller copy" in preview.status.text(), timeout=WAIT_MS)
    assert preview.current is None
    assert not preview.export_button.isEnabled()
    assert not preview.print_button.isEnabled()
    assert preview.document.pageCount() == 0

    preview.variant_box.setCurrentIndex(preview.variant_box.findData(Variant.CUSTOMER.value))
    wait_shown(qtbot, preview)
    assert preview.current is not None
    assert preview.current.variant is Variant.CUSTOMER
    wait_painted(qtbot, preview.view.viewport())
    save_picture(preview, tmp_path, "pdf-preview-customer")


def test_batch_dialog_exports_in_the_background_with_progress(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    ids = ticket_ids(desk_context, limit=6)
    dialog = BatchExportDialog(desk_context, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.target.setText(str(tmp_path / "pdf"))
    save_picture(dialog, tmp_path, "pdf-batch-before")
    with qtbot.waitSignal(dialog.finished_batch, timeout=SLOW_WAIT_MS) as done:
        dialog.start_export()
        assert dialog.running
        assert not dialog.start_button.isEnabled()
    result = done.args[0]
    assert len(result.files) == len(ids)
    assert dialog.progress.value() == dialog.progress.maximum() == len(ids)
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(
        f.path.name for f in result.files
    )
    save_picture(dialog, tmp_path, "pdf-batch-done")

    dialog.combined.setChecked(True)
    assert dialog.target.text().endswith(".pdf")
    dialog.variant_box.setCurrentIndex(dialog.variant_box.findData(Variant.INTERNAL.value))
    with qtbot.waitSignal(dialog.finished_batch, timeout=SLOW_WAIT_MS) as done:
        dialog.start_export()
    combined = done.args[0]
    (path,) = {f.path for f in combined.files}  # every case in the one file
    assert path.is_file()


def test_cancelling_a_batch_leaves_no_partial_file(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    ids = ticket_ids(desk_context, limit=120)
    dialog = BatchExportDialog(desk_context, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.combined.setChecked(True)
    out = tmp_path / "wyniki"  # tmp_path also holds the SQLite database
    out.mkdir()
    target = out / "wszystkie.pdf"
    dialog.target.setText(str(target))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=SLOW_WAIT_MS)
    dialog.cancel_button.click()  # Cancel while running: cancels, does not close
    qtbot.waitUntil(lambda: not dialog.running, timeout=SLOW_WAIT_MS)
    assert "Cancelled" in dialog.status.text()
    assert list(out.iterdir()) == []
    save_picture(dialog, tmp_path, "pdf-batch-cancelled")
    assert all(actions(desk_context, i) == [] for i in ids)


@pytest.fixture(autouse=True)
def _no_process_pool_in_ui_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the batch in one process here: the process pool has tests of its own."""
    from hezo_desk.services.pdf import batch

    monkeypatch.setattr(batch, "default_workers", lambda: 1)


def test_a_batch_export_waits_for_the_long_jobs_pool_not_the_previews(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long jobs have a pool of their own: with it full, a preview still renders."""
    import threading

    from hezo_desk.ui import pdf_batch_export
    from hezo_desk.ui.workers import start

    release = threading.Event()
    began_after_release: list[bool] = []
    export_batch = pdf_batch_export.export_batch

    def export_when_its_turn_comes(*args: Any, **kwargs: Any) -> Any:
        began_after_release.append(release.is_set())
        return export_batch(*args, **kwargs)

    monkeypatch.setattr(pdf_batch_export, "export_batch", export_when_its_turn_comes)
    blockers = [
        start(
            desk_context.jobs,
            lambda _control: release.wait(WAIT_S),
            owner=desk_context.jobs,
            finished=lambda _result: None,
            failed=pytest.fail,
        )
        for _ in range(desk_context.jobs.maxThreadCount())
    ]
    try:
        dialog = BatchExportDialog(desk_context, ticket_ids(desk_context, limit=3))
        qtbot.addWidget(dialog)
        dialog.target.setText(str(tmp_path / "pdf"))
        dialog.start_export()
        preview = PdfPreview(desk_context, ticket_ids(desk_context, limit=1)[0])
        qtbot.addWidget(preview)
        wait_shown(qtbot, preview)  # rendered in the interactive pool meanwhile
        assert dialog.running
    finally:
        with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as done:
            release.set()
    assert len(done.args[0].files) == 3
    assert began_after_release == [True], "the export queued behind the long job"
    del blockers


def test_printing_is_recorded_before_the_job_reaches_the_printer(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record comes first: when the job then fails, the attempt stays recorded; no page
    is ever printed unrecorded."""
    ticket_id = ticket_ids(desk_context, limit=1)[0]
    preview = PdfPreview(desk_context, ticket_id, Variant.CUSTOMER)
    qtbot.addWidget(preview)
    preview.show()
    wait_shown(qtbot, preview)
    recorded_when_printing: list[list[str]] = []

    def jammed(_pdf: bytes, _printer: QPrinter, _progress: Any = None) -> int:
        recorded_when_printing.append(actions(desk_context, ticket_id))  # a worker thread
        raise HezoError("the printer jammed")

    monkeypatch.setattr(pdf_preview, "print_pdf_bytes", jammed)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "wydruk.pdf"))
    preview.print_to(printer)
    qtbot.waitUntil(lambda: "jammed" in preview.status.text(), timeout=WAIT_MS)
    assert recorded_when_printing == [[AuditAction.TICKET_PRINTED]]
    printed = next(
        row
        for row in AuditService(desk_context.db).for_ticket(ticket_id)
        if row.action == AuditAction.TICKET_PRINTED
    )
    assert printed.details["pages"] == preview.document.pageCount()
