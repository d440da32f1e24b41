"""One case's PDF in the window: the preview with its copy chooser, Export PDF and Print.

Rendering and saving run in the pool, printing in the pool for long jobs. Printing paints
the previewed PDF's own pages onto the printer (Qt allows painting on a QPrinter outside the
GUI thread), so the paper shows the same document. Every save and print is recorded in the
audit log by the services. The batch export of many cases is in `ui/pdf_batch_export.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.errors import HezoError
from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.document import Variant
from hezo_desk.services.pdf.export import ExportedFile, PdfExportService, RenderedCase
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.workers import TaskControl, TaskSet

PRINT_DPI = 300


def _variant_names() -> dict[Variant, str]:
    return {
        Variant.CUSTOMER: QCoreApplication.translate(
            "PdfViews", "Customer copy (without internal notes)"
        ),
        Variant.INTERNAL: QCoreApplication.translate(
            "PdfViews", "Internal copy (internal notes marked)"
        ),
        Variant.RESELLER: QCoreApplication.translate(
            "PdfViews", "Reseller copy (what the reseller may see)"
        ),
    }


def variant_combo(widget: QWidget, selected: Variant) -> QComboBox:
    """The choice of copy (customer, internal, reseller), also offered by the batch export."""
    combo = QComboBox(widget)
    for variant, name in _variant_names().items():
        combo.addItem(name, variant.value)
    combo.setCurrentIndex(combo.findData(selected.value))
    return combo


def print_pdf_bytes(
    pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """`print_pdf` of a PDF held in memory, with a document of the calling thread's own."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() is not QPdfDocument.Status.Ready:
            raise HezoError("the PDF could not be read for printing")
        return print_pdf(document, printer, progress)
    finally:
        document.close()
        buffer.close()


def page_range(page_count: int, printer: QPrinter) -> tuple[int, int]:
    """The first and last page (from 1) of a document of `page_count` pages that `printer`
    prints: its page range, if the user chose one, else all."""
    first, last = 1, page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(last, printer.toPage() or last)
    return first, last


def print_pdf(
    document: QPdfDocument,
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Paint the document's pages onto `printer` (its page range, if the user chose one).

    Each page is rendered at the printer's resolution and scaled into the printable area
    keeping its proportions; `progress(done, total)` follows each page. Returns the number
    of pages printed.
    """
    first, last = page_range(document.pageCount(), printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise HezoError("the printer could not be started")
    printed = 0
    try:
        for page in range(first - 1, last):
            if printed:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
            printed += 1
            if progress is not None:
                progress(printed, last - first + 1)
    finally:
        painter.end()
    return printed


class PdfPreview(QWidget):
    """One case's PDF inside the app, with the variant to show, Export PDF and Print."""

    rendered = Signal(object)  # RenderedCase, once a rendering is shown
    exported = Signal(object)  # ExportedFile
    printed = Signal(int)  # pages

    def __init__(
        self,
        context: DeskContext,
        ticket_id: int,
        variant: Variant = Variant.CUSTOMER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._ticket_id = ticket_id
        self._service = PdfExportService(context.db)
        self._rendered: RenderedCase | None = None
        self._buffer: QBuffer | None = None
        self._tasks = TaskSet(context.pool, self)
        # Printing is long: it must not hold a thread the previews and lookups need.
        self._jobs = TaskSet(context.jobs, self)

        self.variant_box = variant_combo(self, variant)
        self.export_button = QPushButton(self.tr("Export PDF…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Copy:"), self))
        bar.addWidget(self.variant_box, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.variant_box.currentIndexChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.refresh()

    @property
    def variant(self) -> Variant:
        return Variant(self.variant_box.currentData())

    @property
    def current(self) -> RenderedCase | None:
        return self._rendered

    def _set_busy(self, text: str) -> None:
        self.status.setText(text)
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)

    def refresh(self) -> None:
        """Render the case again in the chosen variant (in the background)."""
        self._tasks.cancel_all()
        self._rendered = None
        self.document.close()
        self._set_busy(self.tr("Preparing the PDF…"))
        actor, ticket_id, variant = self._context.actor, self._ticket_id, self.variant
        service = self._service

        def work(_control: TaskControl) -> RenderedCase:
            return service.render(actor, ticket_id, variant)

        self._tasks.start(work, finished=self._show, failed=self._failed)

    def _show(self, rendered: RenderedCase) -> None:
        if rendered.ticket_id != self._ticket_id or rendered.variant is not self.variant:
            return  # an older rendering that finished after the variant changed
        self._rendered = rendered
        buffer = QBuffer(self)
        buffer.setData(QByteArray(rendered.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.document.load(buffer)
        pages = self.document.pageCount()
        self.status.setText(fill(self.tr("%1 – %n page(s)", "", pages), rendered.number))
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.rendered.emit(rendered)

    def _failed(self, error: object) -> None:
        self._rendered = None
        self.document.close()
        self.status.setText(error_text(error))
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)

    # ----- export ------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self._rendered is None:
            return
        folder = self._context.settings.last_pdf_folder
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export PDF"),
            str(Path(folder) / self._rendered.file_name),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Save the previewed PDF to `path` (in the background) and record the export."""
        rendered = self._rendered
        if rendered is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._context.settings.last_pdf_folder = str(path.parent)
        actor, service = self._context.actor, self._service
        self._set_busy(self.tr("Saving…"))

        def work(_control: TaskControl) -> ExportedFile:
            return service.save(actor, rendered, path)

        self._tasks.start(work, finished=self._saved, failed=self._failed_io)

    def _saved(self, exported: ExportedFile) -> None:
        self.status.setText(fill(self.tr("Saved to %1"), exported.path))
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.exported.emit(exported)

    def _failed_io(self, error: object) -> None:
        self.status.setText(error_text(error))
        self.export_button.setEnabled(self._rendered is not None)
        self.print_button.setEnabled(self._rendered is not None)

    # ----- print -------------------------------------------------------------------------------

    def open_print_dialog(self) -> None:
        if self._rendered is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setDocName(self._rendered.file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(fill(self.tr("Print %1"), self._rendered.number))
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Record the printing, then print the previewed document on `printer`, both in the
        background.

        The record comes first (no page leaves unrecorded; a job that fails after it stays
        recorded, with the pages it was to print). The window stays usable while the pages are
        painted; `printed` reports the pages. The printer belongs to the task until it ends.
        """
        rendered = self._rendered
        if rendered is None:
            return
        actor, service = self._context.actor, self._service
        printer_name = printer.printerName() or printer.outputFileName()
        first, last = page_range(self.document.pageCount(), printer)

        def work(control: TaskControl) -> int:
            service.record_print(
                actor,
                rendered.ticket_id,
                rendered.variant,
                pages=max(0, last - first + 1),
                printer=printer_name,
            )
            return print_pdf_bytes(
                rendered.pdf,
                printer,
                lambda done, total: control.progress(done, total, ""),
            )

        self._set_busy(self.tr("Printing…"))
        # The task's closure holds the printer until the task ends.
        self._jobs.start(
            work, finished=self._printed, failed=self._failed_io, progress=self._print_progress
        )

    def _print_progress(self, done: int, total: int, _text: str) -> None:
        self.status.setText(fill(self.tr("Printing page %1 of %2…"), done, total))

    def _printed(self, pages: int) -> None:
        self.status.setText(self.tr("Printed %n page(s)", "", pages))
        self.export_button.setEnabled(self._rendered is not None)
        self.print_button.setEnabled(self._rendered is not None)
        self.printed.emit(pages)


class PdfPreviewDialog(QDialog):
    """The preview in a window of its own (from the ticket view)."""

    def __init__(
        self,
        context: DeskContext,
        ticket_id: int,
        variant: Variant = Variant.CUSTOMER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case PDF"))
        self.preview = PdfPreview(context, ticket_id, variant, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        # A page's width, and a laptop's height (1366×768 with its panel and title bar).
        self.resize(820, 680)
