"""Opening a ticket for a caller: contract and serial, subject, description, priority, and the
customer's decision about its reseller, asked every time with the reseller's name shown and
"no access" chosen until the caller says otherwise.

Choosing another contract names another reseller, so the decision goes back to "no access".
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Channel, ContractState, Priority
from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.limits import max_length
from hezo_desk.services.lookup import CustomerOverview, LookupService
from hezo_desk.services.records import ContractRow, TicketRow
from hezo_desk.services.tickets import NewTicket, TicketService
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import ERROR_STYLE
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels

NOT_REGISTERED = 0
TICKET_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.WEB_FORM, Channel.PORTAL)


class NewTicketDialog(QDialog):
    """Emits `opened(ticket_id, number)` once the ticket is saved, then closes."""

    opened = Signal(int, str)

    def __init__(
        self,
        context: DeskContext,
        customer_id: int,
        *,
        contract_id: int | None = None,
        service_id: int | None = None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self._wanted = (contract_id or None, service_id or None, contact_id or None)
        self._labels = Labels(self)
        self._tasks = workers.TaskSet(context.pool, self)
        self.overview: CustomerOverview | None = None
        self.ticket: TicketRow | None = None
        self.setWindowTitle(self.tr("New ticket"))
        self.setMinimumWidth(620)

        self.company = QLabel(self.tr("Loading the caller's company…"))
        self.company.setObjectName("company")
        self.company.setStyleSheet("font-weight: bold;")
        self.contract = QComboBox()
        self.contract.setObjectName("contract")
        self.serial = QComboBox()
        self.serial.setObjectName("serial")
        self.contact = QComboBox()
        self.contact.setObjectName("contact")
        self.caller_name = QLineEdit()
        self.caller_name.setObjectName("caller_name")
        self.caller_name.setMaxLength(max_length(InputField.REQUESTER_NAME))
        self.caller_name.setPlaceholderText(self.tr("The caller's name (not a registered contact)"))
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in TICKET_CHANNELS:
            self.channel.addItem(self._labels.channel(channel), channel)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setMaxLength(max_length(InputField.SUBJECT))
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the caller reports, in their words"))
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        for priority in Priority:
            self.priority.addItem(self._labels.priority(priority), priority)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL))

        self.access_box = QGroupBox(self.tr("Reseller access — ask the caller"))
        self.access_box.setObjectName("access_box")
        self.access_question = QLabel()
        self.access_question.setObjectName("access_question")
        self.access_question.setWordWrap(True)
        self.no_access = QRadioButton(self.tr("&No access (default)"))
        self.no_access.setObjectName("no_access")
        self.grant_access = QRadioButton()
        self.grant_access.setObjectName("grant_access")
        self._access_group = QButtonGroup(self)
        self._access_group.addButton(self.no_access)
        self._access_group.addButton(self.grant_access)
        access_layout = QVBoxLayout(self.access_box)
        access_layout.addWidget(self.access_question)
        access_layout.addWidget(self.no_access)
        access_layout.addWidget(self.grant_access)

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Contract:"), self.contract)
        form.addRow(self.tr("S&erial:"), self.serial)
        form.addRow(self.tr("C&aller:"), self.contact)
        form.addRow(self.tr("Caller's na&me:"), self.caller_name)
        form.addRow(self.tr("C&hannel:"), self.channel)
        form.addRow(self.tr("&Subject:"), self.subject)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Priority:"), self.priority)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(self.tr("&Open ticket"))
        self.open_button.setObjectName("open_ticket")
        self.open_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.company)
        layout.addLayout(form)
        layout.addWidget(self.access_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        order = [
            self.contract,
            self.serial,
            self.contact,
            self.caller_name,
            self.channel,
            self.subject,
            self.description,
            self.priority,
            self.no_access,
            self.grant_access,
            self.buttons,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)

        self.contract.currentIndexChanged.connect(lambda _i: self._contract_changed())
        self.contact.currentIndexChanged.connect(lambda _i: self._contact_changed())
        self._set_access_question(None)
        self._load()

    # ----- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        lookup, customer_id = LookupService(self.context.db), self.customer_id
        self._tasks.start(
            lambda _c: lookup.overview(customer_id), finished=self._loaded, failed=self._failed
        )

    def _loaded(self, overview: CustomerOverview) -> None:
        self.overview = overview
        customer = overview.customer
        self.company.setText(f"{customer.name} ({customer.tax_id})")
        # The company is in the title too: the agent sees whose ticket this is at a glance.
        self.setWindowTitle(fill(self.tr("New ticket — %1"), customer.name))
        active = [c for c in overview.contracts if c.state is ContractState.ACTIVE]
        wanted_contract, wanted_service, wanted_contact = self._wanted
        self.contract.blockSignals(True)
        self.contract.clear()
        for contract in active:
            self.contract.addItem(
                fill(
                    self.tr("%1 (reseller: %2, until %3)"),
                    contract.number,
                    contract.reseller_name,
                    contract.end_date.isoformat(),
                ),
                contract.id,
            )
        if wanted_contract is not None and self.contract.findData(wanted_contract) >= 0:
            self.contract.setCurrentIndex(self.contract.findData(wanted_contract))
        self.contract.blockSignals(False)
        self.contact.clear()
        if len(overview.contacts) > 1:
            # Several people may call for a company: the agent asks, the desk does not guess.
            self.contact.addItem(self.tr("Who is calling? Choose…"), None)
        for contact in overview.contacts:
            self.contact.addItem(f"{contact.full_name} <{contact.email}>", contact.id)
        self.contact.addItem(self.tr("Not a registered contact"), NOT_REGISTERED)
        if wanted_contact is not None and self.contact.findData(wanted_contact) >= 0:
            self.contact.setCurrentIndex(self.contact.findData(wanted_contact))
        self._contact_changed()
        self._contract_changed()
        if wanted_service is not None and self.serial.findData(wanted_service) >= 0:
            self.serial.setCurrentIndex(self.serial.findData(wanted_service))
        if not active:
            self._show_problem(
                fill(
                    self.tr("%1 has no active contract: tickets are opened on active contracts."),
                    customer.name,
                )
            )
        self.open_button.setEnabled(bool(active))
        (self.subject if wanted_contract is not None else self.contract).setFocus()

    def selected_contract(self) -> ContractRow | None:
        if self.overview is None:
            return None
        chosen = self.contract.currentData()
        return next((c for c in self.overview.contracts if c.id == chosen), None)

    def _contract_changed(self) -> None:
        contract = self.selected_contract()
        self.serial.clear()
        if self.overview is not None and contract is not None:
            for service in self.overview.services:
                if service.contract_id == contract.id:
                    self.serial.addItem(f"{service.notation} — {service.product}", service.id)
        # Another contract may name another reseller: the question is asked afresh.
        self._set_access_question(contract)

    def _set_access_question(self, contract: ContractRow | None) -> None:
        reseller = contract.reseller_name if contract else self.tr("the reseller")
        self.access_question.setText(
            fill(
                self.tr(
                    "May employees of %1, the reseller on this contract, see this ticket (subject, "
                    "state, messages, attachments; never internal notes)?"
                ),
                reseller,
            )
        )
        self.grant_access.setText(fill(self.tr("&Yes, %1 may see it"), reseller))
        self.no_access.setChecked(True)

    def _contact_changed(self) -> None:
        registered = self.contact.currentData() not in (None, NOT_REGISTERED)
        self.caller_name.setEnabled(not registered)

    # ----- saving --------------------------------------------------------------------------

    def new_ticket(self) -> NewTicket | None:
        """What the agent entered, or None (with the reason shown) if something is missing."""
        contract = self.selected_contract()
        if contract is None:
            self._show_problem(self.tr("Choose the contract the ticket is about."))
            return None
        if self.serial.currentData() is None:
            self._show_problem(self.tr("Choose the serial the ticket is about."))
            return None
        contact = self.contact.currentData()
        if contact is None:
            self._show_problem(self.tr("Choose who is calling."))
            self.contact.setFocus()
            return None
        registered = contact != NOT_REGISTERED
        caller = self.caller_name.text().strip()
        if not registered and not caller:
            self._show_problem(
                self.tr("Type the caller's name: they are not a registered contact.")
            )
            self.caller_name.setFocus()
            return None
        if not self.subject.text().strip():
            self._show_problem(self.tr("Type a subject."))
            self.subject.setFocus()
            return None
        if not self.description.toPlainText().strip():
            self._show_problem(self.tr("Type what the caller reports."))
            self.description.setFocus()
            return None
        return NewTicket(
            contract_id=contract.id,
            service_id=int(self.serial.currentData()),
            subject=self.subject.text(),
            description=self.description.toPlainText(),
            priority=Priority(self.priority.currentData()),
            channel=Channel(self.channel.currentData()),
            contact_id=int(contact) if registered else None,
            reseller_access=self.grant_access.isChecked(),
            access_requested_by=None if registered else caller,
        )

    def submit(self) -> None:
        if not self.open_button.isEnabled():
            return
        new = self.new_ticket()
        if new is None:
            return
        self.problem.hide()
        self.open_button.setEnabled(False)
        db, actor = self.context.db, self.context.actor
        self._tasks.start(
            lambda _c: TicketService(db).open(actor, new),
            finished=self._opened,
            failed=self._failed,
        )

    def _opened(self, ticket: TicketRow) -> None:
        self.ticket = ticket
        self.opened.emit(ticket.id, ticket.number)
        self.accept()

    def _failed(self, error: object) -> None:
        self._show_problem(error_text(error))
        self.open_button.setEnabled(self.overview is not None)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def keyPressEvent(self, event: Any) -> None:
        # Enter in a single-line field must not open the ticket half-filled: it moves on.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
            self.focusWidget(), QLineEdit | QComboBox
        ):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
