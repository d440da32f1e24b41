"""Registering a caller over the phone, in under a minute.

Page 1: the three facts as the caller reads them (tax id in any form, contract number, a serial
in any notation). Each is checked as it is typed (debounced, in the background) and the agent
sees exactly which fact failed and why; when the caller's notation differs from the one the
contract holds, the exact notation to read back is shown large.
Page 2: the contact's details. A contact that exists already (same e-mail) is not duplicated:
the agent is told and can update it instead.
Page 3: what the customer now sees in the portal: every active contract with its serials in
the new notation, and every open ticket of the company, migrated ones included.

One wizard in one module: its three pages share the facts checked on the first one.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hezo_desk.enums import Language
from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.limits import max_length
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.records import ContractRow, CustomerRow, ServiceRow, TicketRow
from hezo_desk.services.registration import (
    ContactDetails,
    ContactExistsError,
    Fact,
    FactCheck,
    FactProblem,
    FactsCheck,
    RegistrationRefusedError,
    RegistrationResult,
    RegistrationService,
)
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import coded_words, error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, RowTableModel
from hezo_desk.ui.short_list_model import read_only_table as _table

CHECK_DELAY_MS = 300
READ_BACK_STYLE = (
    "font-size: 16pt; font-weight: bold; padding: 8px; color: #4e3400; "
    "background-color: #ffe082; border: 2px solid #e0a100;"
)


@dataclass(frozen=True)
class _Typed:
    tax_id: str
    contract: str
    serial: str


class FactsPage(QWizardPage):
    """The three facts, each checked as typed; complete only when all three passed."""

    checked = Signal(object)  # the FactsCheck applied to the fields

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks = workers.TaskSet(context.pool, self)
        self._asked = 0
        self.result: FactsCheck | None = None
        self.result_for: _Typed | None = None
        self.expected_customer: CustomerRow | None = None
        self.setTitle(self.tr("The three facts"))
        self.setSubTitle(
            self.tr(
                "Type them exactly as the caller reads them out: the tax id in any form, the "
                "contract number, and one serial from that contract in any notation."
            )
        )
        self.tax_id = QLineEdit()
        self.tax_id.setObjectName("tax_id")
        self.tax_id.setPlaceholderText("PL 526-025-02-74")
        self.contract = QLineEdit()
        self.contract.setObjectName("contract")
        self.contract.setPlaceholderText("UMS/2024/00001")
        self.serial = QLineEdit()
        self.serial.setObjectName("serial")
        self.serial.setPlaceholderText("(H2)-FG1234567890")
        self.status = {
            Fact.TAX_ID: self._status_label("tax_id_status"),
            Fact.CONTRACT: self._status_label("contract_status"),
            Fact.SERIAL: self._status_label("serial_status"),
        }
        self.tax_id_status = self.status[Fact.TAX_ID]
        self.contract_status = self.status[Fact.CONTRACT]
        self.serial_status = self.status[Fact.SERIAL]
        self.read_back = QLabel()
        self.read_back.setObjectName("read_back")
        self.read_back.setTextFormat(Qt.TextFormat.RichText)
        self.read_back.setWordWrap(True)
        self.read_back.hide()
        self.checking = QLabel()
        self.checking.setObjectName("checking")
        self.checking.setStyleSheet(MUTED_STYLE)

        form = QFormLayout(self)
        form.addRow(self.tr("&Tax id (NIP):"), self.tax_id)
        form.addRow("", self.status[Fact.TAX_ID])
        form.addRow(self.tr("&Contract number:"), self.contract)
        form.addRow("", self.status[Fact.CONTRACT])
        form.addRow(self.tr("&Serial number:"), self.serial)
        form.addRow("", self.status[Fact.SERIAL])
        form.addRow(self.read_back)
        form.addRow(self.checking)
        self.setTabOrder(self.tax_id, self.contract)
        self.setTabOrder(self.contract, self.serial)
        # Completeness through a mandatory field, not an isComplete() override: PySide6 6.12
        # drops a reference to True/False on every call of that override (the process aborts).
        self._verified = QLineEdit(self)
        self._verified.hide()
        self.registerField("factsVerified*", self._verified)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        for field in (self.tax_id, self.contract, self.serial):
            field.textChanged.connect(self._typed)
        self.show_check(None)

    def _status_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def typed(self) -> _Typed:
        return _Typed(self.tax_id.text(), self.contract.text(), self.serial.text())

    def _typed(self) -> None:
        self.checking.setText(self.tr("Checking…"))
        self._verified.clear()
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        typed = self.typed()
        self._asked += 1
        asked = self._asked
        service = RegistrationService(self.context.db)
        self._tasks.start(
            lambda _c: service.check_facts(typed.tax_id, typed.contract, typed.serial),
            finished=lambda check: self._checked(asked, typed, check),
            failed=lambda error: self._check_failed(asked, error),
        )

    def _checked(self, asked: int, typed: _Typed, check: FactsCheck) -> None:
        if asked != self._asked:
            return  # the agent typed on; a newer check is on its way
        self.result, self.result_for = check, typed
        self.checking.setText("")
        self.show_check(check)
        self._verified.setText("ok" if check.ok and typed == self.typed() else "")
        self.checked.emit(check)

    def _check_failed(self, asked: int, error: object) -> None:
        if asked == self._asked:
            self.checking.setText(error_text(error))
            self.checking.setStyleSheet(ERROR_STYLE)

    def show_check(self, check: FactsCheck | None) -> None:
        self.checking.setStyleSheet(MUTED_STYLE)
        for fact, label in self.status.items():
            if check is None:
                text, style = self.tr("Waiting for the caller…"), MUTED_STYLE
            else:
                text, style = self.describe(getattr(check, fact.value), check)
            label.setText(text)
            label.setStyleSheet(style)
        if check is not None and check.ok and check.read_back is not None:
            if check.notation_differs:
                self.read_back.setText(
                    "<div>"
                    + html.escape(self.tr("Read back to the caller — the contract holds:"))
                    + f"</div><div style='font-size: 24pt'>{html.escape(check.read_back)}</div>"
                    + "<div style='font-size: 11pt; font-weight: normal'>"
                    + html.escape(
                        fill(
                            self.tr("They read %1; in the portal they must type %2."),
                            check.typed_notation or self.serial.text().strip(),
                            check.read_back,
                        )
                    )
                    + "</div>"
                )
                self.read_back.setStyleSheet(READ_BACK_STYLE)
            else:
                self.read_back.setText(
                    fill(self.tr("The caller's notation is exact: %1"), check.read_back)
                )
                self.read_back.setStyleSheet(OK_STYLE + " font-size: 12pt; font-weight: bold;")
            self.read_back.show()
        else:
            self.read_back.hide()

    def describe(self, fact: FactCheck, check: FactsCheck) -> tuple[str, str]:
        """The status line of one fact: what failed and why, in the agent's language."""
        if fact.ok and fact.fact is Fact.SERIAL and not check.contract.ok:
            return self.tr("On that contract, but the contract is not accepted (above)."), (
                MUTED_STYLE
            )
        if fact.ok:
            return self._passed(fact, check), OK_STYLE
        problem = fact.problem
        if problem is FactProblem.MISSING:
            waiting = {
                Fact.TAX_ID: self.tr("Type the tax id the caller reads out."),
                Fact.CONTRACT: self.tr("Type the contract number."),
                Fact.SERIAL: self.tr("Type a serial number from that contract."),
            }[fact.fact]
            return waiting, MUTED_STYLE
        if problem is FactProblem.NOT_CHECKED:
            return self.tr("Checked once the contract is right."), MUTED_STYLE
        headline = (
            {
                FactProblem.INVALID_TAX_ID: self.tr("✗ Invalid tax id"),
                FactProblem.UNKNOWN_TAX_ID: self.tr("✗ No HEZO customer has this tax id"),
                FactProblem.NO_SUCH_CONTRACT: self.tr("✗ No such contract"),
                FactProblem.CONTRACT_NOT_ACTIVE: self.tr("✗ Contract not active"),
                FactProblem.CONTRACT_OF_ANOTHER_COMPANY: self.tr("✗ Contract of another company"),
                FactProblem.INVALID_SERIAL: self.tr("✗ Invalid serial number"),
                FactProblem.SERIAL_NOT_ON_CONTRACT: self.tr("✗ Serial not on that contract"),
            }.get(problem, self.tr("✗ Not accepted"))
            if problem
            else self.tr("✗ Not accepted")
        )
        return f"{headline}: {coded_words(fact.coded)}", ERROR_STYLE

    def _passed(self, fact: FactCheck, check: FactsCheck) -> str:
        if fact.fact is Fact.TAX_ID:
            text = "✓ " + coded_words(fact.coded)
            expected = self.expected_customer
            if expected is not None and check.customer_id != expected.id:
                text += "  " + fill(
                    self.tr("(note: not the company selected in the lookup, %1)"), expected.name
                )
            return text
        if fact.fact is Fact.CONTRACT:
            return self.tr("✓ Active contract of this company")
        return self.tr("✓ On this contract")


class DetailsPage(QWizardPage):
    """The contact's details; registering happens when the agent leaves this page."""

    def __init__(
        self, context: DeskContext, facts: FactsPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._facts = facts
        self._tasks = workers.TaskSet(context.pool, self)
        self.result: RegistrationResult | None = None
        self.existing: ContactExistsError | None = None
        self._busy = False
        self.setTitle(self.tr("The caller's contact details"))
        self.setSubTitle(self.tr("The person who will sign in to the portal."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Register"))
        self.first_name = QLineEdit()
        self.first_name.setObjectName("first_name")
        self.first_name.setMaxLength(max_length(InputField.FIRST_NAME))
        self.last_name = QLineEdit()
        self.last_name.setObjectName("last_name")
        self.last_name.setMaxLength(max_length(InputField.LAST_NAME))
        self.email = QLineEdit()
        self.email.setObjectName("email")
        self.email.setMaxLength(max_length(InputField.EMAIL))
        self.email.setPlaceholderText("jan.kowalski@firma.pl")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(max_length(InputField.PHONE))
        self.phone.setPlaceholderText("+48 600 100 200")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Polish"), Language.POLISH)
        self.language.addItem(self.tr("English"), Language.ENGLISH)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.exists_box = QFrame()
        self.exists_box.setObjectName("exists_box")
        self.exists_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.exists_text = QLabel()
        self.exists_text.setObjectName("exists_text")
        self.exists_text.setWordWrap(True)
        self.update_button = QPushButton(self.tr("&Update that contact with these details"))
        self.update_button.setObjectName("update_existing")
        self.update_button.clicked.connect(lambda: self.register(update_existing=True))
        exists_layout = QVBoxLayout(self.exists_box)
        exists_layout.addWidget(self.exists_text)
        exists_row = QHBoxLayout()
        exists_row.addWidget(self.update_button)
        exists_row.addStretch()
        exists_layout.addLayout(exists_row)
        self.exists_box.hide()

        form = QFormLayout(self)
        form.addRow(self.tr("&First name:"), self.first_name)
        form.addRow(self.tr("&Last name:"), self.last_name)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("Lan&guage:"), self.language)
        form.addRow(self.problem)
        form.addRow(self.exists_box)
        order = [self.first_name, self.last_name, self.email, self.phone, self.language]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        # Mandatory fields make the page complete (see FactsPage on isComplete()).
        self.registerField("firstName*", self.first_name)
        self.registerField("lastName*", self.last_name)
        self.registerField("email*", self.email)
        self.email.textChanged.connect(lambda _t: self.exists_box.hide())

    def details(self) -> ContactDetails:
        return ContactDetails(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            phone=self.phone.text() or None,
            language=Language(self.language.currentData()),
        )

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        self.register(update_existing=False)
        return False

    def register(self, *, update_existing: bool) -> None:
        if self._busy:
            return
        typed, details = self._facts.typed(), self.details()
        db, actor = self.context.db, self.context.actor
        self._busy = True
        self.problem.hide()
        self._tasks.start(
            lambda _c: RegistrationService(db).register(
                actor,
                tax_id=typed.tax_id,
                contract=typed.contract,
                serial=typed.serial,
                details=details,
                update_existing=update_existing,
            ),
            finished=self._registered,
            failed=self._refused,
        )

    def _registered(self, result: RegistrationResult) -> None:
        self._busy = False
        self.result = result
        self.exists_box.hide()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _refused(self, error: object) -> None:
        self._busy = False
        if isinstance(error, ContactExistsError):
            self.existing = error
            contact = error.existing
            self.exists_text.setText(
                fill(
                    self.tr(
                        "%1 is already registered: %2, phone %3, registered %4. Nothing was added. "
                        "Update that contact with the details above, or correct the e-mail."
                    ),
                    contact.email,
                    contact.full_name,
                    contact.phone or "—",
                    contact.registered_at.date().isoformat(),
                )
            )
            self.exists_box.show()
            self.update_button.setFocus()
            return
        if isinstance(error, RegistrationRefusedError):
            self.problem.setText(fill(self.tr("The facts no longer pass: %1"), error_text(error)))
        else:
            self.problem.setText(error_text(error))
        self.problem.show()


class DonePage(QWizardPage):
    """What the customer now sees in the portal."""

    def __init__(self, details: DetailsPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._details = details
        self._labels = Labels(self)
        self.setTitle(self.tr("Registered"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.read_back = QLabel()
        self.read_back.setObjectName("done_read_back")
        self.read_back.setTextFormat(Qt.TextFormat.RichText)
        self.read_back.setWordWrap(True)
        self.contracts_model: RowTableModel[ContractRow] = RowTableModel(
            [
                Column(self.tr("Contract"), lambda c: c.number),
                Column(self.tr("Reseller"), lambda c: c.reseller_name),
                Column(self.tr("Until"), lambda c: c.end_date),
                Column(self.tr("Services"), lambda c: c.service_count),
            ],
            self,
        )
        self.services_model: RowTableModel[ServiceRow] = RowTableModel(
            [
                Column(
                    self.tr("Serial (new notation)"), lambda s: s.notation, bold=lambda _s: True
                ),
                Column(self.tr("Contract"), lambda s: s.contract_number),
                Column(self.tr("Product"), lambda s: s.product),
                Column(self.tr("Until"), lambda s: s.end_date),
            ],
            self,
        )
        self.tickets_model: RowTableModel[TicketRow] = RowTableModel(
            [
                Column(self.tr("Ticket"), lambda t: t.number),
                Column(self.tr("Subject"), lambda t: t.subject),
                Column(self.tr("State"), lambda t: self._labels.state(t.state)),
                Column(self.tr("Migrated"), lambda t: t.migrated),
                Column(self.tr("Legacy number"), lambda t: t.legacy_number),
            ],
            self,
        )
        self.contracts = _table(self.contracts_model, "done_contracts")
        self.services = _table(self.services_model, "done_services")
        self.tickets = _table(self.tickets_model, "done_tickets")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.read_back)
        layout.addWidget(QLabel(self.tr("Active contracts the contact now sees:")))
        layout.addWidget(self.contracts, 1)
        layout.addWidget(QLabel(self.tr("Serials, as the portal shows them:")))
        layout.addWidget(self.services, 2)
        layout.addWidget(QLabel(self.tr("Open tickets of the company (migrated ones too):")))
        layout.addWidget(self.tickets, 2)

    def initializePage(self) -> None:
        result = self._details.result
        if result is None:
            return
        visible = result.visible
        self.summary.setText(
            fill(
                self.tr("%1 <%2> is registered for %3")
                if result.created
                else self.tr("%1 <%2> was updated (no second contact was added) for %3"),
                result.contact.full_name,
                result.contact.email,
                visible.customer.name,
            )
        )
        self.read_back.setText(
            "<div>"
            + html.escape(self.tr("In the portal the caller types the serial as:"))
            + f"</div><div style='font-size: 20pt'>{html.escape(result.read_back)}</div>"
        )
        self.read_back.setStyleSheet(
            READ_BACK_STYLE if result.notation_differs else OK_STYLE + " font-weight: bold;"
        )
        self.contracts_model.set_rows(visible.contracts)
        self.services_model.set_rows(visible.services)
        self.tickets_model.set_rows(visible.open_tickets)


class RegistrationWizard(QWizard):
    """Emits `registered(contact_id, customer_id)` when the caller is registered."""

    registered = Signal(int, int)

    def __init__(
        self,
        context: DeskContext,
        customer_id: int | None = None,
        parent: QWidget | None = None,
        *,
        phone: str = "",
    ) -> None:
        """`phone`: the caller's number, when a call from an unknown number led here."""
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Register a caller"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(720, 560)
        self.facts = FactsPage(context)
        self.details = DetailsPage(context, self.facts)
        self.done_page = DonePage(self.details)
        self.addPage(self.facts)
        self.addPage(self.details)
        self.addPage(self.done_page)
        self.details.phone.setText(phone)
        self._tasks = workers.TaskSet(context.pool, self)
        self.currentIdChanged.connect(self._page_changed)
        if customer_id:
            lookup = LookupService(context.db)
            self._tasks.start(
                lambda _c: lookup.overview(customer_id),
                finished=self._expected_loaded,
                failed=lambda _e: None,
            )

    def _expected_loaded(self, overview: Any) -> None:
        self.facts.expected_customer = overview.customer
        if self.facts.result is not None:
            self.facts.show_check(self.facts.result)

    def _page_changed(self, _page_id: int) -> None:
        if self.currentPage() is self.done_page and self.details.result is not None:
            result = self.details.result
            self.registered.emit(result.contact.id, result.contact.customer_id)
