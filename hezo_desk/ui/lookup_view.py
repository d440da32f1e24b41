"""Caller lookup: one field for whatever the caller reads out, and the caller's company at once.

The agent types a tax id, contract number, serial in any notation, ticket number, phone,
e-mail or the start of a company name; the matching companies are listed and the selected one
is shown with its contracts, services (new notation), open tickets and contacts, from where the
agent opens a ticket, starts a new one or registers the caller.

A call handed over by the phone system (`look_up_call`) is looked up by its number the same
way: one company shows at once with its open tickets; several are listed for the agent to
choose; none offers to register the caller with the number filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import CallDirection
from hezo_desk.errors import InputField
from hezo_desk.local_time import WARSAW
from hezo_desk.placeholders import fill
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.limits import max_length
from hezo_desk.services.lookup import CustomerOverview, LookupResult, LookupService
from hezo_desk.services.personal_data.access import (
    EXPORT_ROLES,
    PersonalDataAccessService,
    PersonalDataExport,
)
from hezo_desk.services.records import (
    ContactRow,
    ContractRow,
    CustomerRow,
    ServiceRow,
    TicketRow,
)
from hezo_desk.services.tax_ids import NipChecksumHint
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.anonymise import AnonymiseDialog
from hezo_desk.ui.error_wording import coded_words, error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.search_keys import ResultsKeys, enter_results
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table

TYPING_PAUSE_MS = 350


@dataclass(frozen=True)
class LookupState:
    """The lookup as the agent left it: query, what it found, the caller shown and where."""

    query: str
    result: LookupResult | None
    overview: CustomerOverview | None
    customer_row: int
    details_tab: int
    service_rows: tuple[int, ...]
    contact_rows: tuple[int, ...]
    call: CallEvent | None
    call_over: bool


class LookupView(QWidget):
    open_ticket = Signal(int)
    register_caller = Signal(int)  # customer id, 0 when no company is selected
    new_ticket = Signal(int, int, int)  # customer id, contract id (0: any), service id (0: any)
    register_number = Signal(str)  # a caller's number no company has: register with it

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._service = LookupService(context.db)
        self._labels = Labels(self)
        self._tasks = workers.TaskSet(context.pool, self)
        self._query_serial = 0
        # The query (its serial) that looks up a call's number, and that number.
        self._call_serial = 0
        self.call_number = ""
        self._call_id: str | None = None
        # The call in the banner, and whether it hung up.
        self._call: CallEvent | None = None
        self._call_over = False
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
        self.query.textEdited.connect(self._query_edited)
        self.read_as = QLabel()
        self.read_as.setObjectName("read_as")
        self.read_as.setWordWrap(True)
        self.call_banner = QLabel()
        self.call_banner.setObjectName("call_banner")
        self.call_banner.setWordWrap(True)
        # The number comes from outside the desk: shown as text, never read as markup.
        self.call_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.call_banner.setStyleSheet(
            "font-size: 13pt; font-weight: bold; padding: 6px; color: #0d47a1; "
            "background-color: #e3f2fd; border: 1px solid #90caf9;"
        )
        self.call_banner.hide()
        self.register_number_button = QPushButton()
        self.register_number_button.setObjectName("register_number")
        self.register_number_button.setStyleSheet("font-weight: bold; padding: 4px 12px;")
        self.register_number_button.clicked.connect(self._register_number_clicked)
        self.register_number_button.hide()

        self.customers_model: RowTableModel[CustomerRow] = RowTableModel(
            [
                Column(self.tr("Company"), lambda c: c.name, bold=lambda _c: True),
                Column(self.tr("Tax id"), lambda c: c.tax_id),
                Column(self.tr("City"), lambda c: c.city),
                Column(
                    self.tr("Matched by"),
                    lambda c: ", ".join(
                        QCoreApplication.translate("LookupMatch", why) for why in c.matched_by
                    ),
                ),
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
                Column(self.tr("Language"), lambda c: self._labels.language(c.language)),
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
        self.contacts.selectionModel().currentRowChanged.connect(self._contact_chosen)
        self.anonymise_button = QPushButton(self.tr("&Anonymise…"))
        self.anonymise_button.setObjectName("anonymise")
        self.anonymise_button.setToolTip(
            self.tr("Erase the selected contact's personal data (RODO art. 17)")
        )
        self.anonymise_button.setEnabled(False)
        self.anonymise_button.clicked.connect(self.anonymise_contact)
        self.anonymise_dialog: AnonymiseDialog | None = None
        contacts_page = self._contacts_page()
        self.details = QTabWidget()
        self.details.setObjectName("details")
        self.details.addTab(self.open_tickets, self.tr("Open tickets"))
        self.details.addTab(self.services, self.tr("Services"))
        self.details.addTab(self.contracts, self.tr("Contracts"))
        self.details.addTab(contacts_page, self.tr("Contacts"))
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
        layout.addWidget(self.call_banner)
        layout.addLayout(top)
        layout.addWidget(self.read_as)
        offer = QHBoxLayout()
        offer.addWidget(self.register_number_button)
        offer.addStretch()
        layout.addLayout(offer)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        # Down, or Enter once the result is shown, goes from the query to the companies (or
        # the tickets found); Enter on a company goes on to what the company has.
        ResultsKeys(self.query, self._results_view, self._results_shown)
        self.customers.activated.connect(self._customer_opened)
        self.setTabOrder(self.query, self.customers)
        self.setTabOrder(self.customers, self.register_button)
        self.setTabOrder(self.register_button, self.new_ticket_button)
        self.setTabOrder(self.new_ticket_button, self.details)

    def _contacts_page(self) -> QWidget:
        """The company's contacts, and (for supervisors) the export of a person's data."""
        self._may_export = self.context.actor.role in EXPORT_ROLES
        self._exporting = False
        self.export_personal_data_action = QAction(self.tr("Export personal data…"), self)
        self.export_personal_data_action.triggered.connect(self.export_personal_data)
        self.export_personal_data_button = QPushButton(self.tr("E&xport personal data…"))
        self.export_personal_data_button.setObjectName("export_personal_data")
        self.export_personal_data_button.setToolTip(
            self.tr(
                "Everything the desk holds about the selected person, as a PDF and a JSON file "
                "(right of access, RODO art. 15). The export is recorded in the audit log."
            )
        )
        self.export_personal_data_button.clicked.connect(self.export_personal_data)
        self.export_personal_data_button.setVisible(self._may_export)
        self.contact_menu = QMenu(self)
        self.contact_menu.addAction(self.export_personal_data_action)
        if self._may_export:
            self.contacts.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.contacts.customContextMenuRequested.connect(self._contact_menu_requested)
        self.contacts.selectionModel().selectionChanged.connect(self._contact_selection_changed)
        self.export_notice = QLabel()
        self.export_notice.setObjectName("export_notice")
        self.export_notice.setWordWrap(True)
        self.export_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_notice.hide()
        self._update_export_action()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.contacts, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_personal_data_button)
        row.addWidget(self.export_notice, 1)
        row.addWidget(self.anonymise_button)
        layout.addLayout(row)
        return page

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

    def look_up_call(self, event: CallEvent) -> None:
        """Show who calls: the call's number looked up as if the agent had typed it.

        The query is replaced the way typing would replace it, so Ctrl+Z brings back what the
        agent had typed there. The focus goes to a list, never to a field or a button: an agent
        still typing when the screen changes types into no text and presses nothing.
        """
        self.call_number, self._call_id = event.number, event.call_id
        self._call, self._call_over = event, False
        self._word_call_banner()
        self.call_banner.show()
        self.query.selectAll()
        self.query.insert(event.number)
        self.run_lookup()
        self._call_serial = self._query_serial

    def call_ended(self, event: CallEvent) -> None:
        """The call shown in the banner hung up: say so, and leave the screen as it is."""
        same_call = (
            event.call_id == self._call_id
            if event.call_id is not None
            else event.number == self.call_number
        )
        if not self.call_banner.isHidden() and same_call:
            self._call, self._call_over = event, True
            self._word_call_banner()

    def _word_call_banner(self) -> None:
        event = self._call
        if event is None:
            return
        when = event.at.astimezone(WARSAW).strftime("%H:%M")
        if self._call_over:
            self.call_banner.setText(fill(self.tr("Call with %1 ended (%2)"), event.number, when))
        elif event.direction is CallDirection.INBOUND:
            self.call_banner.setText(fill(self.tr("Call from %1 (%2)"), event.number, when))
        else:
            self.call_banner.setText(fill(self.tr("Call to %1 (%2)"), event.number, when))

    # ----- kept over a new window (language, theme) ----------------------------------------

    def save_state(self) -> LookupState:
        return LookupState(
            query=self.query.text(),
            result=self.result,
            overview=self.overview,
            customer_row=self.customers.currentIndex().row(),
            details_tab=self.details.currentIndex(),
            service_rows=_selected_rows(self.services),
            contact_rows=_selected_rows(self.contacts),
            call=self._call if not self.call_banner.isHidden() else None,
            call_over=self._call_over,
        )

    def restore_state(self, state: LookupState) -> None:
        """Show what another lookup view saw, reading nothing again: the same caller stays."""
        self.query.setText(state.query)
        if state.call is not None:
            self.call_number, self._call_id = state.call.number, state.call.call_id
            self._call, self._call_over = state.call, state.call_over
            self._word_call_banner()
            self.call_banner.show()
        if state.result is None:
            return
        self._query_serial += 1
        self._show_result(self._query_serial, state.result)
        # A company read that began there is not shown: the one saved is.
        self._query_serial += 1
        if state.overview is not None:
            self.show_overview(state.overview)
            selection = self.customers.selectionModel()
            was_blocked = selection.blockSignals(True)
            self.customers.selectRow(state.customer_row)
            selection.blockSignals(was_blocked)
        self.details.setCurrentIndex(state.details_tab)
        for table, rows in (
            (self.services, state.service_rows),
            (self.contacts, state.contact_rows),
        ):
            for row in rows:
                table.selectRow(row)

    def run_lookup(self) -> None:
        self._typing.stop()
        text = self.query.text().strip()
        # A new query forgets the previous caller at once: Ctrl+N while it runs, or after it
        # found nothing, must not open a ticket for the company shown before.
        self._query_serial += 1
        serial = self._query_serial
        self.register_number_button.hide()
        self._forget_caller()
        if not text:
            return
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
        read = ", ".join(coded_words(reading) for reading in result.interpretations) or self.tr(
            "nothing recognisable"
        )
        if result.is_empty:
            said = fill(self.tr("Nothing found for “%1” (read as: %2)."), result.query, read)
        else:
            said = fill(self.tr("“%1” read as: %2"), result.query, read)
        if result.nip_checksum is not None:
            said += " " + self._checksum_hint(result.nip_checksum)
        self.read_as.setText(said)
        self.customers_model.set_rows(result.customers)
        self.tickets_found_model.set_rows(result.tickets)
        self.tickets_found.setVisible(bool(result.tickets))
        self.tickets_found_label.setVisible(bool(result.tickets))
        if serial == self._call_serial:
            self._show_call_result(result)
        elif result.customers:
            self.customers.selectRow(0)
        else:
            self._clear_overview()

    def _query_edited(self) -> None:
        # The company shown belongs to the text that was there: forget it at the first change.
        if self.result is not None or self.overview is not None:
            self._query_serial += 1
            self._forget_caller()
        self._typing.start()

    def _results_shown(self) -> bool:
        # Typing forgets the result: one that is there belongs to the query as it reads now.
        return self.result is not None and not self._typing.isActive()

    def _results_view(self) -> QAbstractItemView:
        if self.customers_model.rowCount() == 0 and self.tickets_found_model.rowCount() > 0:
            return self.tickets_found
        return self.customers

    def _customer_opened(self, _index: QModelIndex) -> None:
        """Enter on a company: on to the table of the tab shown (its open tickets at first)."""
        tables = (self.open_tickets, self.services, self.contracts, self.contacts)
        table = tables[max(self.details.currentIndex(), 0)]
        if not enter_results(table):
            table.setFocus(Qt.FocusReason.OtherFocusReason)

    def explain_no_caller(self) -> None:
        """Ctrl+N with no caller shown: say why nothing opens."""
        self.read_as.setText(
            self.tr("Look up the caller first: a new ticket needs the caller's company.")
        )
        self.focus_query()

    def _checksum_hint(self, hint: NipChecksumHint) -> str:
        if hint.expected is None:
            return fill(
                self.tr(
                    "As a NIP, %1 cannot be right: no NIP begins with its first nine digits; "
                    "one of them was probably misheard."
                ),
                hint.nip,
            )
        return fill(
            self.tr(
                "As a NIP, %1 has a wrong check digit: with these first nine digits the last "
                "would be %2; a digit was probably misheard."
            ),
            hint.nip,
            str(hint.expected),
        )

    def _forget_caller(self) -> None:
        self.result = None
        self.read_as.clear()
        self.customers_model.set_rows([])
        self.tickets_found_model.set_rows([])
        self.tickets_found.setVisible(False)
        self.tickets_found_label.setVisible(False)
        self._clear_overview()
        self.company.clear()

    def _show_call_result(self, result: LookupResult) -> None:
        if len(result.customers) == 1:
            self.customers.selectRow(0)
            self.details.setCurrentIndex(0)
            self.open_tickets.setFocus()
        elif result.customers:
            # Not the first one shown as if it were the caller: the agent asks which it is.
            self._clear_overview()
            self.company.setText(
                fill(
                    self.tr("%1 companies have this number: ask the caller which, then choose."),
                    str(len(result.customers)),
                )
            )
            self.customers.setFocus()
        else:
            self._clear_overview()
            self.company.setText(self.tr("No company has this number."))
            self.register_number_button.setText(
                fill(self.tr("Register the &caller of %1…"), self.call_number)
            )
            self.register_number_button.show()
            # Not on the button: a space typed on would press it.
            self.customers.setFocus()

    def _customer_chosen(self, current: QModelIndex) -> None:
        row = current.row()
        chosen = self.customers_model.row_at(row)
        if chosen is None:
            return
        service, serial = self._service, self._query_serial
        self._tasks.start(
            lambda _c: service.overview(chosen.id),
            finished=lambda overview: self._show_chosen(serial, overview),
            failed=self._show_error,
        )

    def _show_chosen(self, serial: int, overview: CustomerOverview) -> None:
        if serial == self._query_serial:  # else the agent has looked up someone else since
            self.show_overview(overview)

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
        self.anonymise_button.setEnabled(False)
        self._update_export_action()
        self._name_tabs(
            len(overview.open_tickets),
            len(overview.services),
            len(overview.contracts),
            len(overview.contacts),
        )
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
        self._name_tabs(0, 0, 0, 0)
        self.new_ticket_button.setEnabled(False)
        self.anonymise_button.setEnabled(False)
        self._update_export_action()

    def _name_tabs(self, tickets: int, services: int, contracts: int, contacts: int) -> None:
        self.details.setTabText(0, fill(self.tr("Open tickets (%1)"), str(tickets)))
        self.details.setTabText(1, fill(self.tr("Services (%1)"), str(services)))
        self.details.setTabText(2, fill(self.tr("Contracts (%1)"), str(contracts)))
        self.details.setTabText(3, fill(self.tr("Contacts (%1)"), str(contacts)))

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

    def selected_contact(self) -> ContactRow | None:
        rows = self.contacts.selectionModel().selectedRows()
        return self.contacts_model.row_at(rows[0].row()) if rows else None

    def _contact_selection_changed(self, *_args: object) -> None:
        self._update_export_action()

    def _update_export_action(self) -> None:
        enabled = self._may_export and not self._exporting and self.selected_contact() is not None
        self.export_personal_data_action.setEnabled(enabled)
        self.export_personal_data_button.setEnabled(enabled)

    def _contact_menu_requested(self, position: QPoint) -> None:
        index = self.contacts.indexAt(position)
        if not index.isValid():
            return
        self.contacts.selectRow(index.row())
        self.contact_menu.popup(self.contacts.viewport().mapToGlobal(position))

    def export_personal_data(self) -> None:
        """Ask for a folder, then write the selected person's data there in the background."""
        contact = self.selected_contact()
        if contact is None or not self._may_export or self._exporting:
            return
        chosen = QFileDialog.getExistingDirectory(
            self, fill(self.tr("Folder for the personal data of %1"), contact.full_name)
        )
        if not chosen:
            return
        folder = Path(chosen)
        service = PersonalDataAccessService(self.context.db)
        actor = self.context.actor
        self._exporting = True
        self._update_export_action()
        self.export_notice.hide()
        self.error.hide()
        workers.start(
            self.context.jobs,
            lambda _c: service.export(actor, f"#{contact.id}", folder),
            owner=self,
            finished=self._personal_data_exported,
            failed=self._personal_data_failed,
        )

    def _export_ended(self) -> None:
        self._exporting = False
        self._update_export_action()

    def _personal_data_exported(self, exported: PersonalDataExport) -> None:
        self._export_ended()
        self.export_notice.setText(
            fill(
                self.tr("The personal data of %1 were exported to %2: %3 and %4."),
                exported.full_name,
                str(exported.pdf_path.parent),
                exported.pdf_path.name,
                exported.json_path.name,
            )
        )
        self.export_notice.show()

    def _personal_data_failed(self, error: object) -> None:
        self._export_ended()
        self._show_error(error)

    def _contact_chosen(self, current: QModelIndex) -> None:
        contact = self.contacts_model.row_at(current.row())
        self.anonymise_button.setEnabled(contact is not None)

    def anonymise_contact(self) -> None:
        rows = self.contacts.selectionModel().selectedRows()
        contact = self.contacts_model.row_at(rows[0].row()) if rows else None
        if contact is None:
            return
        if self.anonymise_dialog is not None and self.anonymise_dialog.isVisible():
            self.anonymise_dialog.raise_()
            return
        dialog = AnonymiseDialog(self.context, contact, self)
        dialog.anonymised.connect(self._contact_anonymised)
        self.anonymise_dialog = dialog
        dialog.open()

    def _contact_anonymised(self, _contact_id: int) -> None:
        self.anonymise_button.setEnabled(False)
        dialog = self.anonymise_dialog
        if dialog is not None and dialog.outcome is not None:
            self.read_as.setText(
                fill(self.tr("The contact is anonymised as “%1”."), dialog.outcome.label)
            )
        self.refresh()

    def _register_clicked(self) -> None:
        self.register_caller.emit(self.overview.customer.id if self.overview else 0)

    def _register_number_clicked(self) -> None:
        self.register_number.emit(self.call_number)

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


def _selected_rows(table: QAbstractItemView) -> tuple[int, ...]:
    selection = table.selectionModel()
    return tuple(index.row() for index in selection.selectedRows()) if selection else ()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
