"""The import of the legacy export from the windows: pick it, run it, watch it, read the report.

The import runs in the pool for long jobs (`workers`, `DeskContext.jobs`), with its progress
(counts and time left) relayed to the dialog; Cancel stops it after the unit of work in
flight (what was written stays, and a later run completes it). The same service runs behind
`hezo-desk import-legacy`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import import (
    IMPORT_ROLES,
    ImportOptions,
    ImportProgress,
    ImportReport,
    LegacyImporter,
    Phase,
    RunStatus,
)
from hezo_desk.services.legacy_import.reader import CP1250, UTF8
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import ERROR_STYLE
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.migration_reports import ReportView


class _ProgressRelay(QObject):
    """Carries progress from the import's thread to the dialog (a queued signal)."""

    progress = Signal(object)


def format_duration(widget: QWidget, seconds: float) -> str:
    total = round(seconds)
    if total < 60:
        return QCoreApplication.translate("ImportDialog", "%n s", "", total)
    minutes, rest = divmod(total, 60)
    if minutes < 60:
        return fill(
            QCoreApplication.translate("ImportDialog", "%1 min %2 s"), str(minutes), f"{rest:02d}"
        )
    hours, minutes = divmod(minutes, 60)
    return fill(
        QCoreApplication.translate("ImportDialog", "%1 h %2 min"), str(hours), f"{minutes:02d}"
    )


class ImportDialog(QDialog):
    """Emits `imported(report)` when a run (not a dry run) ends, so lists can refresh."""

    imported = Signal(object)

    def __init__(
        self,
        context: DeskContext,
        parent: QWidget | None = None,
        *,
        render_workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import from the legacy system"))
        self.context = context
        self._render_workers = render_workers
        self._tasks = workers.TaskSet(context.jobs, self)
        self._task: workers.Task[ImportReport] | None = None
        self._relay = _ProgressRelay(self)
        self._relay.progress.connect(self._show_progress)
        self.report: ImportReport | None = None

        self.path = QLineEdit(self)
        self.path.setObjectName("export_path")
        self.path.setPlaceholderText(self.tr("The export folder, or its zip file"))
        self.path.setText(context.settings.last_legacy_export)
        self.folder_button = QPushButton(self.tr("&Folder…"), self)
        self.zip_button = QPushButton(self.tr("&Zip file…"), self)
        self.dry_run = QCheckBox(self.tr("&Dry run: check and report, write nothing"), self)
        self.dry_run.setObjectName("dry_run")
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("encoding")
        self.encoding.addItem(self.tr("Detect for each file"), None)
        self.encoding.addItem(self.tr("Windows-1250 (all files)"), CP1250)
        self.encoding.addItem(self.tr("UTF-8 (all files)"), UTF8)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setObjectName("cancel")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase = QLabel(self)
        self.phase.setObjectName("phase")
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.time_left = QLabel(self)
        self.time_left.setObjectName("time_left")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.report_view = ReportView(self)
        self.report_view.hide()

        chooser = QHBoxLayout()
        chooser.addWidget(self.path, 1)
        chooser.addWidget(self.folder_button)
        chooser.addWidget(self.zip_button)
        form = QFormLayout()
        form.addRow(self.tr("Export:"), chooser)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow("", self.dry_run)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase)
        layout.addWidget(self.counts)
        layout.addWidget(self.time_left)
        layout.addWidget(self.message)
        layout.addWidget(self.report_view, 1)
        layout.addLayout(buttons)
        self.resize(880, 420)

        if context.actor.role not in IMPORT_ROLES:
            self.start_button.setEnabled(False)
            self._show_error(self.tr("Only the back office and administrators run the import."))
        self.folder_button.clicked.connect(self._choose_folder)
        self.zip_button.clicked.connect(self._choose_zip)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_or_close)

    @property
    def running(self) -> bool:
        return self._task is not None

    # ----- choosing ----------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("The export folder"), self.path.text()
        )
        if folder:
            self.path.setText(folder)

    def _choose_zip(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The export's zip file"), self.path.text(), self.tr("Zip files (*.zip)")
        )
        if path:
            self.path.setText(path)

    # ----- running -----------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        text = self.path.text().strip()
        if not text:
            self._show_error(self.tr("Choose the export folder or its zip file first."))
            return
        path = Path(text).expanduser()
        self.context.settings.last_legacy_export = str(path)
        encoding = self.encoding.currentData()
        options = ImportOptions(
            dry_run=self.dry_run.isChecked(),
            encodings={"*": encoding} if encoding else {},
            render_workers=self._render_workers,
        )
        actor, importer, relay = self.context.actor, LegacyImporter(self.context.db), self._relay

        def work(control: workers.TaskControl) -> ImportReport:
            return importer.run(
                actor,
                path,
                options,
                progress=relay.progress.emit,
                cancelled=lambda: control.cancel_requested,
            )

        self._set_running(True)
        self.report_view.hide()
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("Checking the export; nothing will be written.")
            if options.dry_run
            else self.tr("Importing. Cancel stops after the unit in flight; run it again later.")
        )
        self._task = self._tasks.start(work, finished=self._finished, failed=self._failed)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.control.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Cancelling after the unit in flight…"))

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.path, self.folder_button, self.zip_button, self.dry_run, self.encoding,
            self.start_button,
        ):  # fmt: skip
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("&Cancel") if running else self.tr("&Close"))
        if running:
            self.progress.setRange(0, 0)
            self.phase.setText(self.tr("Starting…"))
            self.counts.clear()
            self.time_left.clear()

    def _show_progress(self, progress: ImportProgress) -> None:
        if not self.running or progress.phase is Phase.DONE:
            return
        phase_texts = {
            Phase.READING: self.tr("Reading the export's files"),
            Phase.CHECKING: self.tr("Checking the rules"),
            Phase.WRITING: self.tr("Writing companies, contracts and services"),
            Phase.TICKETS: self.tr("Migrating tickets with their dialogue"),
            Phase.DONE: self.tr("Finishing"),
        }
        phase = phase_texts[progress.phase]
        if progress.phase is Phase.READING and progress.file:
            phase += f" – {progress.file}"
        self.phase.setText(phase)
        scale = max(progress.total, 1)
        if progress.total > 2**31 - 1:
            scale = 1000
            value = round(1000 * progress.done / progress.total)
        else:
            value = progress.done
        self.progress.setRange(0, scale)
        self.progress.setValue(min(value, scale))
        if progress.phase is Phase.READING:
            counts = fill(self.tr("%1 rows read"), f"{progress.rows_read:,}")
        elif progress.phase is Phase.CHECKING:
            counts = fill(self.tr("step %1 of %2"), str(progress.done), str(progress.total))
        elif progress.phase is Phase.WRITING:
            counts = fill(
                self.tr("%1 of %2 rows written"), f"{progress.done:,}", f"{progress.total:,}"
            )
        else:
            counts = fill(
                self.tr("%1 of %2 tickets, %3 messages, %4 attachments, %5 flagged for review"),
                f"{progress.tickets_written:,}",
                f"{progress.tickets_total:,}",
                f"{progress.messages_written:,}",
                f"{progress.attachments_written:,}",
                f"{progress.flagged:,}",
            )
        self.counts.setText(counts)
        self.time_left.setText(
            fill(self.tr("About %1 left"), format_duration(self, progress.eta))
            if progress.eta is not None
            else self.tr("Estimating the time left…")
        )

    def _finished(self, report: ImportReport) -> None:
        self._task = None
        self._set_running(False)
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.time_left.clear()
        self.phase.setText(self.report_view.texts.status(report.status, dry_run=report.dry_run))
        tickets = next((f for f in report.files if f.name == "tickets.csv"), None)
        moved = tickets.imported if tickets else 0
        self.counts.setText(
            fill(
                self.tr("%1 ticket(s) would move, %2 would be flagged for review")
                if report.dry_run
                else self.tr("%1 ticket(s) migrated, %2 flagged for review"),
                f"{moved:,}",
                f"{report.flagged_total:,}",
            )
        )
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("Cancelled. What was written stays; run the import again to complete it.")
            if report.status is RunStatus.CANCELLED
            else ""
        )
        self.report_view.show_report(report)
        self.report_view.show()
        self.resize(max(self.width(), 1000), max(self.height(), 680))
        if not report.dry_run:
            self.imported.emit(report)

    def _failed(self, error: object) -> None:
        self._task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase.setText(self.tr("The import stopped"))
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.running:
            self.cancel()
            return
        super().reject()
