"""Resellers: pick one, see the tickets it may see (the access rule), and preview any of them
exactly as the reseller would see it.

Every list and preview here comes from `ResellerAccessService`, which decides through the one
rule in `services/reseller_rule.py`; the screen itself only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.access import ResellerAccessService, ResellerRow
from hezo_desk.services.normalize import fold
from hezo_desk.services.reseller_rule import ResellerTicketSummary, ResellerTicketView
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import ERROR_STYLE, ResellerPreview
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table

# The screen lists the most recently changed tickets; the CLI lists them all.
MAX_LISTED = 1000


class ResellersScreen(QWidget):
    """Emits `open_ticket(ticket_id)` when the agent opens a listed ticket (Enter, double-click)."""

    open_ticket = Signal(int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._labels = Labels(self)
        self._tasks = workers.TaskSet(context.pool, self)
        # The ticket whose preview is being read (a click on it again needs no second read).
        self._previewing: int | None = None
        # Answers may arrive out of order (the pool has several threads): only the newest
        # request's answer is shown.
        self._preview_request = 0
        self._all: list[ResellerRow] = []
        self._asked = 0
        self.reseller: ResellerRow | None = None
        # The reseller and ticket to choose once read (a screen built again: `restore_state`).
        self._wanted_reseller: int | None = None
        self._wanted_ticket: int | None = None

        self.filter = QLineEdit()
        self.filter.setObjectName("reseller_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by name or tax id"))
        # Bound methods, not lambdas, here: Qt drops such a connection with this screen.
        self.filter.textChanged.connect(self._apply_filter)
        self.resellers_model: RowTableModel[ResellerRow] = RowTableModel(
            [
                Column(self.tr("Reseller"), lambda r: r.name, bold=lambda _r: True),
                Column(self.tr("Tax id"), lambda r: r.tax_id),
                Column(self.tr("Active contracts"), lambda r: r.active_contracts),
                Column(self.tr("Tickets it may see"), lambda r: r.visible_tickets),
                Column(self.tr("Database roles"), lambda r: ", ".join(r.db_roles)),
            ],
            self,
        )
        self.resellers = read_only_table(self.resellers_model, "resellers")
        self.resellers.selectionModel().currentRowChanged.connect(self._reseller_row_changed)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)

        self.heading = QLabel(self.tr("Choose a reseller."))
        self.heading.setObjectName("tickets_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.tickets_model: RowTableModel[ResellerTicketSummary] = RowTableModel(
            [
                Column(self.tr("Ticket"), lambda t: t.number),
                Column(self.tr("Subject"), lambda t: t.subject),
                Column(self.tr("State"), lambda t: self._labels.state(t.state)),
                Column(self.tr("Customer"), lambda t: t.customer_name),
                Column(self.tr("Messages"), lambda t: t.messages),
                Column(self.tr("Files"), lambda t: t.attachments),
                Column(self.tr("Last change"), lambda t: t.updated_at),
            ],
            self,
        )
        self.tickets = read_only_table(self.tickets_model, "reseller_tickets")
        self.tickets.selectionModel().currentRowChanged.connect(self._ticket_row_changed)
        self.tickets.activated.connect(self._ticket_activated)
        # Clicking the shown row again asks the rule again (access may have changed meanwhile);
        # the click that made a row current has asked already.
        self.tickets.clicked.connect(self._ticket_clicked)
        self.preview = ResellerPreview()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.refresh_button)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.resellers, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.heading)
        middle_layout.addWidget(self.tickets, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(middle)
        right.addWidget(self.preview)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.filter, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.resellers)
        self.setTabOrder(self.resellers, self.tickets)
        self.setTabOrder(self.tickets, self.preview.browser)
        self.refresh()

    # ----- resellers -----------------------------------------------------------------------

    def refresh(self) -> None:
        service = ResellerAccessService(self.context.db)
        self._run(lambda _c: service.resellers(), self._resellers_loaded)

    def _resellers_loaded(self, rows: list[ResellerRow]) -> None:
        self._all = rows
        self._apply_filter()
        self._wanted_reseller = None

    def save_state(self) -> tuple[str, int | None, int | None]:
        """The filter, the reseller chosen and the ticket previewed (for a window built again)."""
        ticket = self.tickets_model.row_at(self.tickets.currentIndex().row())
        return (
            self.filter.text(),
            self.reseller.id if self.reseller else None,
            ticket.ticket_id if ticket else None,
        )

    def restore_state(self, state: tuple[str, int | None, int | None]) -> None:
        text, self._wanted_reseller, self._wanted_ticket = state
        was_blocked = self.filter.blockSignals(True)
        self.filter.setText(text)
        self.filter.blockSignals(was_blocked)
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = fold(self.filter.text().strip())
        compact = wanted.replace(" ", "").replace("-", "")
        rows = [
            r
            for r in self._all
            if not wanted or wanted in fold(r.name) or (compact and compact in fold(r.tax_id or ""))
        ]
        chosen = self.reseller.id if self.reseller else self._wanted_reseller
        self.resellers_model.set_rows(rows)
        again = next((i for i, r in enumerate(rows) if r.id == chosen), 0 if rows else -1)
        if again >= 0:
            self.resellers.selectRow(again)
        else:
            self._reseller_chosen(-1)

    def select_reseller(self, reseller_id: int) -> None:
        for position, row in enumerate(self.resellers_model.rows):
            if row.id == reseller_id:
                self.resellers.selectRow(position)
                return

    def _reseller_chosen(self, position: int) -> None:
        reseller = self.resellers_model.row_at(position)
        self.reseller = reseller
        self.preview.clear()
        if reseller is None:
            self.heading.setText(self.tr("Choose a reseller."))
            self.tickets_model.set_rows([])
            return
        self.heading.setText(self.tr("Loading…"))
        service, reseller_id = ResellerAccessService(self.context.db), reseller.id
        self._asked += 1
        asked = self._asked
        self._run(
            lambda _c: (
                service.visible_tickets(reseller_id, limit=MAX_LISTED),
                service.count_visible(reseller_id),
            ),
            lambda loaded: self._tickets_loaded(asked, reseller, *loaded),
        )

    def _tickets_loaded(
        self,
        asked: int,
        reseller: ResellerRow,
        tickets: list[ResellerTicketSummary],
        total: int,
    ) -> None:
        if asked != self._asked:
            return
        if not tickets:
            text = self.tr("%1 may see no ticket: no customer has allowed it.")
        elif total > len(tickets):
            text = self.tr("%1 may see %2 tickets; the %3 most recently changed are listed.")
        else:
            text = self.tr("%1 may see %2 ticket(s).")
        self.heading.setText(fill(text, reseller.name, str(total), str(len(tickets))))
        self.tickets_model.set_rows(tickets)
        wanted, self._wanted_ticket = self._wanted_ticket, None
        if tickets:
            self.tickets.selectRow(
                next((i for i, t in enumerate(tickets) if t.ticket_id == wanted), 0)
            )

    # ----- tickets -------------------------------------------------------------------------

    def preview_current(self) -> None:
        self._ticket_chosen(self.tickets.currentIndex().row())

    def _ticket_chosen(self, position: int, *, again: bool = False) -> None:
        ticket = self.tickets_model.row_at(position)
        reseller = self.reseller
        if ticket is None or reseller is None:
            self._previewing = None
            self._preview_request += 1  # what is still being read is for nothing shown now
            self.preview.clear()
            return
        ticket_id, reseller_id = ticket.ticket_id, reseller.id
        if again and self._previewing == ticket_id:
            return  # its preview is being read
        self._previewing = ticket_id
        self._preview_request += 1
        request = self._preview_request
        service = ResellerAccessService(self.context.db)
        self._run(
            lambda _c: service.view_for_reseller(ticket_id, reseller_id),
            lambda view: self._previewed(request, reseller, ticket_id, view),
        )

    def _previewed(
        self, request: int, reseller: ResellerRow, ticket_id: int, view: ResellerTicketView | None
    ) -> None:
        if request != self._preview_request:
            return  # an older answer: the newest request's preview follows
        self._previewing = None
        if self.reseller is None or self.reseller.id != reseller.id:
            return
        if view is None:
            # Withdrawn since the list was loaded: the rule decides again, and shows nothing.
            self.preview.show_nothing(reseller.name, self.tr("access was withdrawn meanwhile"))
        else:
            self.preview.show_view(view)

    def _reseller_row_changed(self, current: QModelIndex) -> None:
        self._reseller_chosen(current.row())

    def _ticket_row_changed(self, current: QModelIndex) -> None:
        self._ticket_chosen(current.row())

    def _ticket_clicked(self, index: QModelIndex) -> None:
        self._ticket_chosen(index.row(), again=True)

    def _ticket_activated(self, index: QModelIndex) -> None:
        ticket = self.tickets_model.row_at(index.row())
        if ticket is not None:
            self.open_ticket.emit(ticket.ticket_id)

    # ----- plumbing ------------------------------------------------------------------------

    def _run(self, work: Callable[[workers.TaskControl], Any], then: Callable[[Any], None]) -> None:
        self.error.hide()
        self._tasks.start(work, finished=then, failed=self._show_error)

    def _show_error(self, error: object) -> None:
        self.error.setText(error_text(error))
        self.error.show()
