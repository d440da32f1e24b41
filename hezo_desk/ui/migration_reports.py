"""The reports of the legacy import: one report (`ReportView`), and every kept run's.

A report accounts for every row of every file: per file the rows read, imported, skipped by
rule and rejected by reason; the rejected and skipped rows with file, line, legacy id and
why; the tickets flagged for review. The import dialog shows the report of the run it just
made with `ReportView`; `MigrationReportsView` lists the runs kept in the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import import (
    FileReport,
    FlaggedTicket,
    ImportReport,
    RejectReason,
    RowEntry,
    RunStatus,
    SkipRule,
)
from hezo_desk.services.migration_runs import MigrationRunRow, MigrationRunService
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import ERROR_STYLE
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text, import_detail_text, review_flag_text
from hezo_desk.ui.short_list_model import Column, RowTableModel, display, read_only_table


class ReportTexts(QObject):
    """The report's codes and states in the desk's language."""

    def status(self, status: RunStatus, *, dry_run: bool = False) -> str:
        text = {
            RunStatus.RUNNING: self.tr("running, or stopped without finishing"),
            RunStatus.COMPLETED: self.tr("completed"),
            RunStatus.CANCELLED: self.tr("cancelled"),
            RunStatus.FAILED: self.tr("failed"),
            RunStatus.INTERRUPTED: self.tr("interrupted: its process stopped before the end"),
        }[status]
        return fill(self.tr("%1 (dry run: nothing written)"), text) if dry_run else text

    def reason(self, code: str) -> str:
        texts = {
            SkipRule.ALREADY_IMPORTED: self.tr("imported by an earlier run"),
            SkipRule.SAME_COMPANY: self.tr("same tax id as a company already there"),
            SkipRule.CONTRACT_EXPIRED: self.tr("expired contracts do not move"),
            SkipRule.CONTRACT_CANCELLED: self.tr("cancelled contracts do not move"),
            SkipRule.CONTRACT_DID_NOT_MOVE: self.tr("its contract does not move"),
            SkipRule.TICKET_CLOSED: self.tr("closed tickets do not move"),
            SkipRule.TICKET_CANCELLED: self.tr("cancelled tickets do not move"),
            SkipRule.TICKET_DID_NOT_MOVE: self.tr("its ticket does not move"),
            SkipRule.TICKET_MIGRATED_EARLIER: self.tr("its ticket was migrated earlier"),
            RejectReason.MALFORMED_ROW: self.tr("wrong number of fields"),
            RejectReason.MISSING_ID: self.tr("no legacy id"),
            RejectReason.DUPLICATE: self.tr("the same row twice"),
            RejectReason.INVALID_TAX_ID: self.tr("invalid tax id"),
            RejectReason.INVALID_DATE: self.tr("a date that is not a date"),
            RejectReason.MISSING_VALUE: self.tr("a required value is empty"),
            RejectReason.INVALID_VALUE: self.tr("a value the desk cannot take"),
            RejectReason.MISSING_CUSTOMER: self.tr("its customer is missing"),
            RejectReason.MISSING_RESELLER: self.tr("its reseller is missing"),
            RejectReason.MISSING_CONTRACT: self.tr("its contract is missing"),
            RejectReason.MISSING_TICKET: self.tr("its ticket is missing"),
            RejectReason.MISSING_FILE: self.tr("its file is not in the export"),
            RejectReason.FILE_TOO_LARGE: self.tr("its file is too large"),
            RejectReason.DAMAGED_FILE: self.tr("its file in the zip is damaged"),
            RejectReason.UNREADABLE_FILE: self.tr("its file cannot be read"),
            RejectReason.ENCRYPTED_FILE: self.tr("its file in the zip is encrypted"),
            RejectReason.UNSUPPORTED_COMPRESSION: self.tr(
                "its file in the zip is compressed in a way that cannot be read"
            ),
            RejectReason.COMPRESSION_BOMB: self.tr(
                "its file in the zip expands suspiciously (a zip bomb?)"
            ),
            RejectReason.RECORD_TOO_LONG: self.tr("the row is longer than its file allows"),
            RejectReason.PARENT_REJECTED: self.tr("the row it belongs to was rejected"),
            RejectReason.CONFLICT: self.tr("contradicts the desk"),
        }
        return {str(key.value): text for key, text in texts.items()}.get(code, code)


@dataclass(frozen=True)
class RuleCount:
    file: str
    outcome: str
    code: str
    count: int


class ReportView(QWidget):
    """One import report: what happened to each file's rows, and the rows to look at."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = ReportTexts(self)
        self.report: ImportReport | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("report_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files_model: RowTableModel[FileReport] = RowTableModel(self._file_columns(), self)
        self.rules_model: RowTableModel[RuleCount] = RowTableModel(
            [
                Column(self.tr("File"), lambda r: r.file),
                Column(self.tr("Outcome"), lambda r: r.outcome),
                Column(self.tr("Rule or reason"), lambda r: self.texts.reason(r.code)),
                Column(self.tr("Rows"), lambda r: r.count),
            ],
            self,
        )
        self.rejected_model: RowTableModel[RowEntry] = RowTableModel(self._row_columns(), self)
        self.skipped_model: RowTableModel[RowEntry] = RowTableModel(self._row_columns(), self)
        self.flagged_model: RowTableModel[FlaggedTicket] = RowTableModel(
            [
                Column(self.tr("Legacy number"), lambda t: t.legacy_number),
                Column(self.tr("Ticket"), lambda t: t.ticket_number or ""),
                Column(self.tr("Flags"), lambda t: " · ".join(map(review_flag_text, t.flags))),
            ],
            self,
        )
        self.files = read_only_table(self.files_model, "report_files")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("report_tabs")
        self.rules = read_only_table(self.rules_model, "report_rules")
        self.rejected = read_only_table(self.rejected_model, "report_rejected")
        self.skipped = read_only_table(self.skipped_model, "report_skipped")
        self.flagged = read_only_table(self.flagged_model, "report_flagged")
        for table in (self.rules, self.rejected, self.skipped, self.flagged):
            self.tabs.addTab(table, "")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.files)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        self.show_report(None)

    def _file_columns(self) -> list[Column[FileReport]]:
        return [
            Column(self.tr("File"), lambda f: f.name, bold=lambda _f: True),
            Column(self.tr("Encoding"), lambda f: f.encoding),
            Column(self.tr("Separator"), lambda f: f.separator),
            Column(self.tr("Read"), lambda f: f.read),
            Column(self.tr("Imported"), lambda f: f.imported),
            Column(self.tr("Skipped"), lambda f: f.skipped),
            Column(self.tr("Rejected"), lambda f: f.rejected, bold=lambda f: f.rejected > 0),
            Column(self.tr("Not processed"), lambda f: f.not_processed),
        ]

    def _row_columns(self) -> list[Column[RowEntry]]:
        return [
            Column(self.tr("File"), lambda e: e.file),
            Column(self.tr("Line"), lambda e: e.line),
            Column(self.tr("Legacy id"), lambda e: e.legacy_id or ""),
            Column(self.tr("Reason"), lambda e: self.texts.reason(e.code)),
            Column(self.tr("Details"), lambda e: import_detail_text(e.detail)),
        ]

    def show_report(self, report: ImportReport | None) -> None:
        self.report = report
        if report is None:
            self.heading.setText(self.tr("No report to show."))
            for model in (self.files_model, self.rules_model, self.rejected_model):
                model.set_rows([])
            self.skipped_model.set_rows([])
            self.flagged_model.set_rows([])
            self._name_tabs(None)
            self.note.clear()
            return
        totals = report.totals
        heading = self.tr(
            "%1 — %2. Read %3 rows: %4 imported, %5 skipped, %6 rejected; "
            "%7 ticket(s) flagged for review."
        )
        if report.dry_run:
            heading = self.tr(
                "%1 — %2. Read %3 rows: %4 would be imported, %5 skipped, %6 rejected; "
                "%7 ticket(s) would be flagged for review."
            )
        heading = fill(
            heading,
            report.source,
            self.texts.status(report.status, dry_run=report.dry_run),
            str(totals.read),
            str(totals.imported),
            str(totals.skipped),
            str(totals.rejected),
            str(report.flagged_total),
        )
        if report.run_id is not None:
            heading += " " + fill(
                self.tr("Run %1, started %2 by %3."),
                str(report.run_id),
                display(report.started_at),
                report.agent_login or "",
            )
        if totals.not_processed:
            heading += " " + fill(
                self.tr("%1 row(s) were not processed; run the import again to complete it."),
                str(totals.not_processed),
            )
        if report.error:
            heading += " " + report.error
        self.heading.setText(heading)
        self.heading.setStyleSheet(ERROR_STYLE if report.status is RunStatus.FAILED else "")
        self.files_model.set_rows(list(report.files))
        self._fit_files()
        self.rules_model.set_rows(
            [
                RuleCount(f.name, self.tr("skipped"), code, count)
                for f in report.files
                for code, count in f.skipped_by_rule.items()
            ]
            + [
                RuleCount(f.name, self.tr("rejected"), code, count)
                for f in report.files
                for code, count in f.rejected_by_reason.items()
            ]
        )
        self.rejected_model.set_rows(list(report.rejected))
        self.skipped_model.set_rows(list(report.skipped))
        self.flagged_model.set_rows(list(report.flagged))
        self._name_tabs(report)
        self.note.setText(
            self.tr(
                "The lists show the first rows of each file; the counts are complete. "
                "The JSON report (--report) lists every row."
            )
            if report.lists_truncated
            else ""
        )

    def _fit_files(self) -> None:
        """The files table as tall as its seven rows: no scrolling for the summary."""
        table = self.files
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(row) for row in range(self.files_model.rowCount()))
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 2
        )

    def _name_tabs(self, report: ImportReport | None) -> None:
        totals = report.totals if report else None
        self.tabs.setTabText(0, self.tr("Rules and reasons"))
        self.tabs.setTabText(
            1, fill(self.tr("Rejected rows (%1)"), str(totals.rejected if totals else 0))
        )
        self.tabs.setTabText(
            2, fill(self.tr("Skipped rows (%1)"), str(totals.skipped if totals else 0))
        )
        self.tabs.setTabText(
            3,
            fill(self.tr("Flagged tickets (%1)"), str(report.flagged_total if report else 0)),
        )


class MigrationReportsView(QWidget):
    """Every kept import run (newest first) and the report of the one selected."""

    report_shown = Signal(object)  # ImportReport

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.texts = ReportTexts(self)
        self._service = MigrationRunService(context.db)
        self._tasks = workers.TaskSet(context.pool, self)
        self._asked: int | None = None
        self.runs_model: RowTableModel[MigrationRunRow] = RowTableModel(
            [
                Column(self.tr("Run"), lambda r: r.id, bold=lambda _r: True),
                Column(self.tr("Started"), lambda r: r.started_at),
                Column(self.tr("By"), lambda r: r.agent_name or r.agent_login or ""),
                Column(self.tr("State"), lambda r: self.texts.status(r.status)),
                Column(self.tr("Tickets migrated"), lambda r: r.tickets_imported),
                Column(self.tr("Rows read"), lambda r: r.rows_read),
                Column(self.tr("Rejected"), lambda r: r.rejected, bold=lambda r: r.rejected > 0),
                Column(self.tr("Flagged"), lambda r: r.flagged),
                Column(self.tr("Source"), lambda r: r.source),
            ],
            self,
        )
        self.runs = read_only_table(self.runs_model, "migration_runs")
        self.runs.selectionModel().currentRowChanged.connect(self._run_chosen)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.report_view = ReportView(self)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Import runs"), self), 1)
        bar.addWidget(self.refresh_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.runs, 1)
        top_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.report_view)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        service = self._service
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Loading…"))
        self._tasks.start(
            lambda _control: service.runs(), finished=self._runs_loaded, failed=self._failed
        )

    def _runs_loaded(self, runs: list[MigrationRunRow]) -> None:
        self.runs_model.set_rows(runs)
        self.status.setText(
            fill(self.tr("%1 run(s) kept."), str(len(runs)))
            if runs
            else self.tr("No import has been run yet.")
        )
        if runs:
            self.runs.selectRow(0)

    def _run_chosen(self, current: QModelIndex) -> None:
        run = self.runs_model.row_at(current.row())
        if run is None:
            return
        self._asked = run.id
        service = self._service
        self._tasks.start(
            lambda _control: service.run_report(run.id),
            finished=self._report_loaded,
            failed=self._failed,
        )

    def _report_loaded(self, report: ImportReport) -> None:
        if report.run_id != self._asked:
            return  # an older choice
        self.report_view.show_report(report)
        self.report_shown.emit(report)

    def _failed(self, error: object) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(error_text(error))
