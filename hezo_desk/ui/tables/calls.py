"""The call journal: every call, newest first; search by number or company, missed calls
alone, the outcome of a call, the ticket opened or answered during it, and the journal (as
filtered) exported to CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.listing.calls import CallFilter, CallListing, export_journal_file
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.tables.list_models import CallsModel
from hezo_desk.ui.tables.list_screen import ListScreen, chain_tab_order
from hezo_desk.ui.workers import TaskControl

FILTER_DELAY_MS = 300
COLUMN_WIDTHS = [130, 90, 140, 240, 100, 140, 70, 160, 170, 300]


class CallsScreen(ListScreen):
    # The main window opens tickets a screen asks for by this signal (MainWindow._connect_screen).
    open_ticket = Signal(int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "calls", parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.missed = QCheckBox(self)
        self.missed.setObjectName("missed")
        self.outcome = QPushButton(self)
        self.outcome.setObjectName("outcome")
        self.ticket = QPushButton(self)
        self.ticket.setObjectName("ticket")
        self.export = QPushButton(self)
        self.export.setObjectName("export")
        self.view = QTableView(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.missed)
        filters.addWidget(self.outcome)
        filters.addWidget(self.ticket)
        filters.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.model = CallsModel(CallListing(context.db), self.tasks, self, jobs=self.jobs)
        self.retranslate()
        self.setup_table(self.view, self.model, "list", COLUMN_WIDTHS)
        self.watch(self.model)
        chain_tab_order(self.search, self.missed, self.outcome, self.ticket, self.export, self.view)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._apply_filter)
        self._timer.timeout.connect(self._apply_filter)
        self.missed.toggled.connect(self._apply_filter)
        self.outcome.clicked.connect(self.ask_outcome)
        self.export.clicked.connect(self.ask_export)
        self.ticket.clicked.connect(self.open_linked_ticket)
        # Enter on a call, like a double click (which also activates), asks its outcome.
        self.view.activated.connect(lambda _index: self.ask_outcome())
        self.lead_to_results(self.search, self.view, self._timer)
        self.model.start()

    # ----- public --------------------------------------------------------------------------

    @property
    def list_filter(self) -> CallFilter:
        return self.model.list_filter

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def follow_call_changes(self) -> None:
        """Calls were recorded or changed elsewhere (the window's live updates)."""
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh(self.kept(self.model))

    def follow_ticket_changes(self, _ticket_ids: frozenset[int]) -> None:
        """A ticket linked to a call changes the journal's ticket column: read it again."""
        self.refresh()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Number in any form, company or outcome"))
        self.missed.setText(self.tr("Missed only"))
        self.outcome.setText(self.tr("Outcome…"))
        self.ticket.setText(self.tr("Open ticket"))
        self.export.setText(self.tr("Export CSV…"))
        self.model.retranslate()
        if not self.model.is_loading:
            self.show_count(self.model.row_count)

    def count_text(self, count: int) -> str:
        return self.tr("%Ln call(s)", "", count)

    def selected_call(self) -> CallRecord | None:
        return self.model.row_at(self.view.currentIndex().row())

    def ask_outcome(self) -> None:
        call = self.selected_call()
        if call is None:
            self.show_error(self.tr("Choose a call first."))
            return
        text, accepted = QInputDialog.getText(
            self,
            self.tr("Outcome of the call"),
            fill(self.tr("What came of the call with %1?"), call.display),
            QLineEdit.EchoMode.Normal,
            call.outcome or "",
        )
        if accepted:
            self.set_outcome(call, text)

    def set_outcome(self, call: CallRecord, outcome: str) -> None:
        journal, actor = CallJournal(self.context.db), self.context.actor

        def work(_control: TaskControl) -> CallRecord:
            return journal.set_outcome(actor, call.id, outcome, expected_version=call.version)

        self.tasks.start(work, finished=lambda _call: self.refresh(), failed=self._failed)

    def open_linked_ticket(self) -> None:
        """Open the (first) ticket linked to the chosen call."""
        call = self.selected_call()
        if call is None or not call.ticket_numbers:
            self.show_error(self.tr("Choose a call with a ticket first."))
            return
        tickets, number = TicketService(self.context.db), call.ticket_numbers[0]

        def work(_control: TaskControl) -> int:
            return tickets.find_id(number)

        self.tasks.start(work, finished=self.open_ticket.emit, failed=self._failed)

    def ask_export(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the call journal"), "calls.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the journal as it is filtered now, in the pool for long jobs."""
        listing, chosen = CallListing(self.context.db), self.list_filter

        def work(_control: TaskControl) -> int:
            return export_journal_file(listing, chosen, path)

        self.export.setEnabled(False)
        self.jobs.start(
            work, finished=lambda count: self._exported(path, count), failed=self._export_failed
        )

    # ----- inside --------------------------------------------------------------------------

    def _filter(self) -> CallFilter:
        return CallFilter(
            search=self.search.text().strip() or None, missed_only=self.missed.isChecked()
        )

    def _apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self._filter())

    def _exported(self, path: Path, count: int) -> None:
        self.export.setEnabled(True)
        self.status.setStyleSheet("")
        self.status.setText(
            fill(self.tr("Written to %1: %2"), str(path), self.tr("%Ln call(s)", "", count))
        )

    def _export_failed(self, error: object) -> None:
        self.export.setEnabled(True)
        self._failed(error)

    def _failed(self, error: object) -> None:
        self.show_error(error_text(error))
