"""The batch export: many selected cases as PDFs, one file each or one combined file.

The export runs in the pool for long jobs (`DeskContext.jobs`) with progress and can be
cancelled between cases; every file written is recorded in the audit log by the service
(`services/pdf/batch.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
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

from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.batch import BatchResult, export_batch
from hezo_desk.services.pdf.document import Variant
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.pdf_preview import variant_combo
from hezo_desk.ui.workers import Task, TaskControl, start


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
        self.setWindowTitle(self.tr("Export %n case(s) as PDF", "", len(self._ids)))

        self.separate = QRadioButton(self.tr("One PDF file per case, into a folder"), self)
        self.combined = QRadioButton(self.tr("All cases in one combined PDF file"), self)
        self.separate.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.separate)
        group.addButton(self.combined)
        self.variant_box = variant_combo(self, Variant.CUSTOMER)
        self.target = QLineEdit(context.settings.last_pdf_folder, self)
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
        self._context.settings.last_pdf_folder = str(target.parent if combined else target)
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
            self._context.jobs,
            work,
            owner=self,
            finished=self._finished,
            failed=self._failed,
            progress=self._progress,
            cancelled=self._cancelled,
        )

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(fill(self.tr("%1 of %2: %3"), done, total, text))

    def _finished(self, result: BatchResult) -> None:
        self._task = None
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
        self.status.setText(error_text(error))
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
