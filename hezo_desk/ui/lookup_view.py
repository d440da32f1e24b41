"""Caller lookup: one field for whatever the caller reads out, and the caller's company at once.

The agent types a tax id, contract number, serial in any notation, ticket number, phone,
e-mail or the start of a company name; the matching companies are listed and the selected one
is shown with its contracts, services (new notation), open tickets and contacts, from where the
agent opens a ticket, starts a new one or registers the caller.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.limits import max_length
from hezo_desk.services.lookup import CustomerOverview, LookupResult, LookupService
from hezo_desk.services.records import (
    ContactRow,
    ContractRow,
    CustomerRow,
    ServiceRow,
    TicketRow,
)
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table

TYPING_PAUSE_MS = 350


class LookupView(QWidget):
    open_ticket = Signal(int)
    register_caller = Signal(int)  # customer id, 0 when no company is selected
    new_ticket = Signal(int, int, int)  # customer id, contract id (0: any), service id (0: any)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._service = LookupService(context.db)
        self._labels = Labels(self)
        self._tasks = workers.TaskSet(context.pool, self)
        self._query_serial = 0
        self.result: LookupResult | None = None
        self.overview: CustomerOverview | None = None

        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setMaxLength(max_length(InputField.LOOKUP))
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(
            self.tr(
                "Who is calling? Tax id, contract, serial (any notation), ticket, phone, e-mail "
                "or company name"
            )
        )
        self.query.setStyleSheet("font-size: 13pt; padding: 4px;")
        search = QPushButton(self.tr("&Look up"))
        search.clicked.connect(self.run_lookup)
        self.query.returnPressed.connect(self.run_lookup)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run_lookup)
        self.query.textEdited.connect(lambda _t: self._typing.start())
        self.read_as = QLabel()
        self.read_as.setObjectName("read_as")
        self.read_as.setWordWrap(True)

        self.customers_model: RowTableModel[CustomerRow] = RowTableModel(
            [
                Column(self.tr("Company"), lambda c: c.name, bold=lambda _c: True),
                Column(self.tr("Tax id"), lambda c: c.tax_id),
                Column(self.tr("City"), lambda c: c.city),
                Column(self.tr("Matched by"), lambda c: ", ".join(c.matched_by)),
            ],
            self,
        )
        self.customers = read_only_table(self.customers_model, "customers")
        # Bound methods, not lambdas, for the tables: Qt drops such a connection with this view.
        self.customers.selectionModel().currentRowChanged.connect(self._customer_chosen)
        self.tickets_found_model: RowTableModel[TicketRow] = self._ticket_model()
        self.tickets_found = read_only_table(self.tickets_found_model, "tickets_found")
        self.tickets_found.doubleClicked.connect(self._open_found)
        self.tickets_found.activated.connect(self._open_found)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Companies")))
        left_layout.addWidget(self.customers, 2)
        self.tickets_found_label = QLabel(self.tr("Tickets matching the query"))
        left_layout.addWidget(self.tickets_found_label)
        left_layout.addWidget(self.tickets_found, 1)

        self.company = QLabel(self.tr("Look up a caller to see the company here."))
        self.company.setObjectName("company")
        self.company.setWordWrap(True)
        self.company.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton(self.tr("&Register caller…"))
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(self._register_clicked)
        self.new_ticket_button = QPushButton(self.tr("&New ticket…"))
        self.new_ticket_button.setObjectName("new_ticket")
        self.new_ticket_button.clicked.connect(self.request_new_ticket)
        self.new_ticket_button.setEnabled(False)
        actions = QHBoxLayout()
        actions.addWidget(self.register_button)
        actions.addWidget(self.new_ticket_button)
        actions.addStretch()

        self.contracts_model: RowTableModel[ContractRow] = RowTableModel(
            [
                Column(self.tr("Contract"), lambda c: c.number, bold=lambda _c: True),
                Column(self.tr("State"), lambda c: self._labels.contract_state(c.state)),
                Column(self.tr("From"), lambda c: c.start_date),
                Column(self.tr("Until"), lambda c: c.end_date),
                Column(self.tr("Reseller"), lambda c: c.reseller_name),
                Column(self.tr("Services"), lambda c: c.service_count),
            ],
            self,
        )
        self.services_model: RowTableModel[ServiceRow] = RowTableModel(
            [
                Column(
                    self.tr("Notation"), lambda s: s.notation, bold=lambda s: bool(s.matched_by)
                ),
                Column(self.tr("Product"), lambda s: s.product),
                Column(self.tr("Contract"), lambda s: s.contract_number),
                Column(
                    self.tr("Contract state"),
                    lambda s: self._labels.contract_state(s.contract_state),
                ),
                Column(self.tr("Until"), lambda s: s.end_date),
            ],
            self,
        )
        self.open_tickets_model: RowTableModel[TicketRow] = self._ticket_model()
        self.contacts_model: RowTableModel[ContactRow] = RowTableModel(
            [
                Column(self.tr("Name"), lambda c: c.full_name),
                Column(self.tr("E-mail"), lambda c: c.email),
                Column(self.tr("Phone"), lambda c: c.phone),
                Column(self.tr("Language"), lambda c: c.language.value),
                Column(self.tr("Registered"), lambda c: c.registered_at),
            ],
            self,
        )
        self.contracts = read_only_table(self.contracts_model, "contracts")
        self.services = read_only_table(self.services_model, "services")
        self.open_tickets = read_only_table(self.open_tickets_model, "open_tickets")
        self.open_tickets.doubleClicked.connect(self._open_listed)
        self.open_tickets.activated.connect(self._open_listed)
        self.contacts = read_only_table(self.contacts_model, "contacts")
        self.details = QTabWidget()
        self.details.setObjectName("details")
        self.details.addTab(self.open_tickets, self.tr("Open tickets"))
        self.details.addTab(self.services, self.tr("Services"))
        self.details.addTab(self.contracts, self.tr("Contracts"))
        self.details.addTab(self.contacts, self.tr("Contacts"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.company)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.details, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_as)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.query, self.customers)
        self.setTabOrder(self.customers, self.register_button)
        self.setTabOrder(self.register_button, self.new_ticket_button)
        self.setTabOrder(self.new_ticket_button, self.details)

    def _ticket_model(self) -> RowTableModel[TicketRow]:
        return RowTableModel(
            [
                Column(self.tr("Ticket"), lambda t: t.number, bold=lambda _t: True),
                Column(self.tr("Legacy"), lambda t: t.legacy_number),
                Column(self.tr("Subject"), lambda t: t.subject),
                Column(self.tr("State"), lambda t: self._labels.state(t.state)),
                Column(self.tr("Priority"), lambda t: self._labels.priority(t.priority)),
                Column(self.tr("Serial"), lambda t: t.notation),
                Column(self.tr("Last change"), lambda t: t.updated_at),
            ],
            self,
        )

    # ----- lookup --------------------------------------------------------------------------

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def run_lookup(self) -> None:
        self._typing.stop()
        text = self.query.text().strip()
        if not text:
            return
        self._query_serial += 1
        serial = self._query_serial
        service = self._service
        self._tasks.start(
            lambda _c: service.lookup(text),
            finished=lambda result: self._show_result(serial, result),
            failed=self._show_error,
        )

    def _show_result(self, serial: int, result: LookupResult) -> None:
        if serial != self._query_serial:
            return  # an older query finished after a newer one was typed
        self.error.hide()
        self.result = result
        read = ", ".join(result.interpretations) or self.tr("nothing recognisable")
        if result.is_empty:
            self.read_as.setText(
                fill(self.tr("Nothing found for “%1” (read as: %2)."), result.query, read)
            )
        else:
            self.read_as.setText(fill(self.tr("“%1” read as: %2"), result.query, read))
        self.customers_model.set_rows(result.customers)
        self.tickets_found_model.set_rows(result.tickets)
        self.tickets_found.setVisible(bool(result.tickets))
        self.tickets_found_label.setVisible(bool(result.tickets))
        if result.customers:
            self.customers.selectRow(0)
        else:
            self._clear_overview()

    def _customer_chosen(self, current: QModelIndex) -> None:
        row = current.row()
        chosen = self.customers_model.row_at(row)
        if chosen is None:
            return
        service = self._service
        self._tasks.start(
            lambda _c: service.overview(chosen.id),
            finished=self.show_overview,
            failed=self._show_error,
        )

    def show_overview(self, overview: CustomerOverview) -> None:
        self.overview = overview
        customer = overview.customer
        self.company.setText(
            f"<span style='font-size:14pt'><b>{_escape(customer.name)}</b></span><br/>"
            f"{_escape(customer.tax_id)} · {_escape(customer.city or '')} · "
            f"{_escape(customer.phone or '')} · {_escape(customer.email or '')}"
        )
        # Services the query matched carry why (shown in bold); the rest come plain.
        matched = {s.id: s for s in (self.result.services if self.result else [])}
        services = [matched.get(s.id, s) for s in overview.services]
        self.contracts_model.set_rows(overview.contracts)
        self.services_model.set_rows(services)
        self.open_tickets_model.set_rows(overview.open_tickets)
        self.contacts_model.set_rows(overview.contacts)
        self.details.setTabText(
            0, fill(self.tr("Open tickets (%1)"), str(len(overview.open_tickets)))
        )
        self.details.setTabText(1, fill(self.tr("Services (%1)"), str(len(overview.services))))
        self.details.setTabText(2, fill(self.tr("Contracts (%1)"), str(len(overview.contracts))))
        self.details.setTabText(3, fill(self.tr("Contacts (%1)"), str(len(overview.contacts))))
        if matched.keys() & {s.id for s in overview.services}:
            self.details.setCurrentIndex(1)
        self.new_ticket_button.setEnabled(True)

    def _clear_overview(self) -> None:
        self.overview = None
        self.company.setText(self.tr("No company matches."))
        for model in (
            self.contracts_model,
            self.services_model,
            self.open_tickets_model,
            self.contacts_model,
        ):
            model.set_rows([])
        self.new_ticket_button.setEnabled(False)

    def refresh(self) -> None:
        if self.overview is None:
            return
        customer_id, service = self.overview.customer.id, self._service
        self._tasks.start(
            lambda _c: service.overview(customer_id),
            finished=self.show_overview,
            failed=self._show_error,
        )

    def follow_ticket_changes(self, ticket_ids: frozenset[int]) -> None:
        """Refresh the company shown when one of its open tickets changed."""
        if self.overview is not None and ticket_ids & {t.id for t in self.overview.open_tickets}:
            self.refresh()

    # ----- actions -------------------------------------------------------------------------

    def request_new_ticket(self) -> None:
        if self.overview is None:
            return
        service_rows = self.services.selectionModel().selectedRows()
        service = self.services_model.row_at(service_rows[0].row()) if service_rows else None
        self.new_ticket.emit(
            self.overview.customer.id,
            service.contract_id if service else 0,
            service.id if service else 0,
        )

    def _register_clicked(self) -> None:
        self.register_caller.emit(self.overview.customer.id if self.overview else 0)

    def _open_found(self, index: QModelIndex) -> None:
        self._open_from(self.tickets_found_model, index.row())

    def _open_listed(self, index: QModelIndex) -> None:
        self._open_from(self.open_tickets_model, index.row())

    def _open_from(self, model: RowTableModel[TicketRow], row: int) -> None:
        ticket = model.row_at(row)
        if ticket is not None:
            self.open_ticket.emit(ticket.id)

    def _show_error(self, error: object) -> None:
        self.error.setText(error_text(error))
        self.error.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
