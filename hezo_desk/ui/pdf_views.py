"""Case PDFs in the windows: preview with Export and Print, and the batch export dialog.

Rendering, saving, printing and batch exports run in the pool (`workers.start`). Printing
paints the previewed PDF's own pages onto the printer (Qt allows painting on a QPrinter
outside the GUI thread), so the paper shows the same document. Every save and print is
recorded in the audit log by the services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.errors import HezoError
from hezo_desk.services.pdf.batch import BatchResult, export_batch
from hezo_desk.services.pdf.document import Variant
from hezo_desk.services.pdf.export import ExportedFile, PdfExportService, RenderedCase
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.workers import Task, TaskControl, TaskSet, start

LAST_FOLDER_KEY = "pdf/last_folder"
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


def _variant_combo(widget: QWidget, selected: Variant) -> QComboBox:
    combo = QComboBox(widget)
    for variant, name in _variant_names().items():
        combo.addItem(name, variant.value)
    combo.setCurrentIndex(combo.findData(selected.value))
    return combo


def _error_text(error: object) -> str:
    if isinstance(error, HezoError):
        return str(error)
    return QCoreApplication.translate("PdfViews", "Unexpected error: %1").replace(
        "%1", f"{type(error).__name__}: {error}"
    )


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
    first, last = 1, document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(last, printer.toPage() or last)
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
        self._tasks = TaskSet(context.pool)

        self.variant_box = _variant_combo(self, variant)
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
        self.status.setText(self.tr("%1 – %n page(s)", "", pages).replace("%1", rendered.number))
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.rendered.emit(rendered)

    def _failed(self, error: object) -> None:
        self._rendered = None
        self.document.close()
        self.status.setText(_error_text(error))
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)

    # ----- export ------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self._rendered is None:
            return
        folder = str(self._context.settings.value(LAST_FOLDER_KEY, str(Path.home())))
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
        self._context.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        actor, service = self._context.actor, self._service
        self._set_busy(self.tr("Saving…"))

        def work(_control: TaskControl) -> ExportedFile:
            return service.save(actor, rendered, path)

        self._tasks.start(work, finished=self._saved, failed=self._failed_io)

    def _saved(self, exported: ExportedFile) -> None:
        self.status.setText(self.tr("Saved to %1").replace("%1", str(exported.path)))
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.exported.emit(exported)

    def _failed_io(self, error: object) -> None:
        self.status.setText(_error_text(error))
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
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self._rendered.number))
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the previewed document on `printer` in the background, then record it.

        The window stays usable while the pages are painted; `printed` reports the pages.
        The printer belongs to the task until it ends.
        """
        rendered = self._rendered
        if rendered is None:
            return
        actor, service = self._context.actor, self._service
        printer_name = printer.printerName() or printer.outputFileName()

        def work(control: TaskControl) -> int:
            pages = print_pdf_bytes(
                rendered.pdf,
                printer,
                lambda done, total: control.progress(done, total, ""),
            )
            service.record_print(
                actor, rendered.ticket_id, rendered.variant, pages=pages, printer=printer_name
            )
            return pages

        self._set_busy(self.tr("Printing…"))
        # The task's closure holds the printer until the task ends.
        self._tasks.start(
            work, finished=self._printed, failed=self._failed_io, progress=self._print_progress
        )

    def _print_progress(self, done: int, total: int, _text: str) -> None:
        self.status.setText(
            self.tr("Printing page %1 of %2…").replace("%1", str(done)).replace("%2", str(total))
        )

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
        self.resize(820, 960)


class BatchExportDialog(QDialog):
    """Export many selected cases: one file each into a folder, or one combined file."""

    finished_batch = Signal(object)  # BatchResult

    def __init__(
        self, context: DeskContext, ticket_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._ids = list(dict.fromkeys(ticket_ids))
        self._task: Task[BatchResult] | None = None
        self.result_of_batch: BatchResult | None = None
        self.setWindowTitle(self.tr("Export %n case(s) as PDF", "", len(self._ids)))

        self.separate = QRadioButton(self.tr("One PDF file per case, into a folder"), self)
        self.combined = QRadioButton(self.tr("All cases in one combined PDF file"), self)
        self.separate.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.separate)
        group.addButton(self.combined)
        self.variant_box = _variant_combo(self, Variant.CUSTOMER)
        folder = str(context.settings.value(LAST_FOLDER_KEY, str(Path.home())))
        self.target = QLineEdit(folder, self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, max(1, len(self._ids)))
        self.progress.setValue(0)
        self.status = QLabel(self.tr("%n case(s) selected.", "", len(self._ids)), self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Copy:"), self.variant_box)
        form.addRow(self.tr("Save to:"), target_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.separate)
        layout.addWidget(self.combined)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.combined.toggled.connect(self._mode_changed)
        self.browse.clicked.connect(self._browse)
        self.start_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.resize(560, 0)

    @property
    def running(self) -> bool:
        return self._task is not None

    def _mode_changed(self, combined: bool) -> None:
        text = Path(self.target.text().strip() or str(Path.home()))
        if combined and text.suffix.lower() != ".pdf":
            self.target.setText(str(text / self.tr("cases.pdf")))
        elif not combined and text.suffix.lower() == ".pdf":
            self.target.setText(str(text.parent))

    def _browse(self) -> None:
        current = self.target.text().strip()
        if self.combined.isChecked():
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Combined PDF file"), current, self.tr("PDF files (*.pdf)")
            )
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the PDFs"), current)
        if path:
            self.target.setText(path)

    def start_export(self) -> None:
        if self._task is not None:
            return
        text = self.target.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the PDFs."))
            return
        target = Path(text).expanduser()
        combined = self.combined.isChecked()
        if combined and target.suffix.lower() != ".pdf" and not target.is_dir():
            target = target.with_name(target.name + ".pdf")
        variant = Variant(self.variant_box.currentData())
        self._context.settings.setValue(LAST_FOLDER_KEY, str(target.parent if combined else target))
        db, actor, ids = self._context.db, self._context.actor, self._ids

        def work(control: TaskControl) -> BatchResult:
            return export_batch(
                db, actor, ids, variant, target, combined=combined, progress=control
            )

        for widget in (self.separate, self.combined, self.variant_box, self.target, self.browse):
            widget.setEnabled(False)
        self.start_button.setEnabled(False)
        self.progress.setRange(0, len(ids) + (1 if combined else 0))
        self.progress.setValue(0)
        self.status.setText(self.tr("Exporting…"))
        self._task = start(
            self._context.pool,
            work,
            finished=self._finished,
            failed=self._failed,
            progress=self._progress,
            cancelled=self._cancelled,
        )

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(
            self.tr("%1 of %2: %3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", text)
        )

    def _finished(self, result: BatchResult) -> None:
        self._task = None
        self.result_of_batch = result
        self.progress.setValue(self.progress.maximum())
        lines = [self.tr("Exported %n case(s).", "", len(result.files))]
        if result.refused:
            lines.append(self.tr("Not exported (%n):", "", len(result.refused)))
            lines.extend(case.reason for case in result.refused)
        self.status.setText("\n".join(lines))
        self._done()
        self.finished_batch.emit(result)

    def _failed(self, error: object) -> None:
        self._task = None
        self.status.setText(_error_text(error))
        self._done()

    def _cancelled(self) -> None:
        self._task = None
        if self.combined.isChecked():
            self.status.setText(self.tr("Cancelled. No file was written."))
        else:
            self.status.setText(
                self.tr("Cancelled. The files completed so far are kept; no partial file was left.")
            )
        self._done()

    def _done(self) -> None:
        for widget in (self.separate, self.combined, self.variant_box, self.target, self.browse):
            widget.setEnabled(True)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _cancel_or_close(self) -> None:
        if self._task is not None:
            self._task.control.cancel()
            self.status.setText(self.tr("Cancelling after the case in progress…"))
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def reject(self) -> None:
        if self._task is not None:  # closing the window cancels the batch first
            self._task.control.cancel()
            return
        super().reject()
