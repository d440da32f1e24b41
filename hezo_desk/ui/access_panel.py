"""Reseller access on one ticket: the decision now, who recorded it and at whose request, a
control to change it, the whole history (read only) and what the reseller sees.

A change asks who requested it (a contact of the customer or another person, and the channel)
and is based on the ticket version the panel shows; when someone changed the ticket meanwhile
the agent is told and the panel reloads, nothing is saved behind their back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Channel
from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.access import (
    REQUEST_CHANNELS,
    AccessRequest,
    ResellerAccessService,
    TicketAccess,
)
from hezo_desk.services.limits import max_length
from hezo_desk.services.reseller_rule import ResellerTicketView
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.ticket_loading import AccessChangeRow
from hezo_desk.ui import workers
from hezo_desk.ui.access_widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    ResellerPreview,
)
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, RowTableModel, display, read_only_table

OTHER_PERSON = -1
# The desk's question to the agent: to be seen at once, not alarming.
ASK_STYLE = (
    "background: #fff8e1; border: 1px solid #f9a825; border-radius: 4px; padding: 6px; "
    "font-weight: bold;"
)


@dataclass(frozen=True)
class _Loaded:
    access: TicketAccess
    preview: ResellerTicketView | None


class AccessChangeDialog(QDialog):
    """Asks who requested the change and how; `request()` gives what the agent entered."""

    def __init__(self, access: TicketAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._labels = Labels(self)
        granting = not access.granted
        # The ticket names a reseller the customer has not decided about: either answer counts.
        asking = access.decision_needed and not access.granted
        self.setMinimumWidth(480)
        reseller = access.reseller_name or self.tr("the reseller")
        if asking:
            self.setWindowTitle(self.tr("Record the customer's decision"))
            sentence = self.tr(
                "Ticket %2 names %1 now, and the customer has not decided about %1 yet. "
                "Record what the customer says: may %1 see the ticket (subject, state, "
                "messages to and from the customer, attachments; never internal notes)?"
            )
        elif granting:
            self.setWindowTitle(self.tr("Grant reseller access"))
            sentence = self.tr(
                "The customer allows %1 to see ticket %2 (subject, state, messages to "
                "and from the customer, attachments; never internal notes)."
            )
        else:
            self.setWindowTitle(self.tr("Withdraw reseller access"))
            sentence = self.tr(
                "The customer withdraws access: %1 will see nothing of ticket %2, at once."
            )
        self.what = what = QLabel(fill(sentence, reseller, access.ticket.number))
        what.setObjectName("what")
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        self.decision: QComboBox | None = None
        if asking:
            self.decision = QComboBox()
            self.decision.setObjectName("decision")
            self.decision.addItem(fill(self.tr("No: %1 may not see it"), reseller), False)
            self.decision.addItem(fill(self.tr("Yes: %1 may see it"), reseller), True)

        self.requester = QComboBox()
        self.requester.setObjectName("requester")
        for contact in access.contacts:
            self.requester.addItem(f"{contact.full_name} <{contact.email}>", contact.id)
        self.requester.addItem(self.tr("Someone else (type the name)"), OTHER_PERSON)
        # The person who decided last is the likeliest to call again.
        latest = access.latest.requested_by_contact_id if access.latest else None
        if latest is not None and self.requester.findData(latest) >= 0:
            self.requester.setCurrentIndex(self.requester.findData(latest))
        self.other_name = QLineEdit()
        self.other_name.setObjectName("other_name")
        self.other_name.setMaxLength(max_length(InputField.REQUESTER_NAME))
        self.other_name.setPlaceholderText(self.tr("Name and role of the person, as they said it"))
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in REQUEST_CHANNELS:
            self.channel.addItem(self._labels.channel(channel), channel)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Optional: e.g. the e-mail's date or what was said"))
        self.note.setMaximumHeight(80)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)

        form = QFormLayout()
        if self.decision is not None:
            form.addRow(self.tr("&Decision:"), self.decision)
        form.addRow(self.tr("&Requested by:"), self.requester)
        form.addRow(self.tr("&Name:"), self.other_name)
        form.addRow(self.tr("&Channel:"), self.channel)
        form.addRow(self.tr("N&ote:"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if asking:
            ok.setText(self.tr("R&ecord decision"))
        else:
            ok.setText(self.tr("&Grant access") if granting else self.tr("&Withdraw access"))
        ok.setObjectName("confirm")
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.requester.currentIndexChanged.connect(lambda _i: self._requester_changed())
        self._requester_changed()
        if self.decision is not None:
            self.setTabOrder(self.decision, self.requester)
        self.setTabOrder(self.requester, self.other_name)
        self.setTabOrder(self.other_name, self.channel)
        self.setTabOrder(self.channel, self.note)
        self.setTabOrder(self.note, self.buttons)
        (self.decision if self.decision is not None else self.requester).setFocus()

    def _requester_changed(self) -> None:
        other = self.requester.currentData() == OTHER_PERSON
        self.other_name.setEnabled(other)
        if other:
            self.other_name.setFocus()

    def request(self) -> AccessRequest:
        chosen = int(self.requester.currentData())
        granted = (
            bool(self.decision.currentData())
            if self.decision is not None
            else not self._access.granted
        )
        return AccessRequest(
            granted=granted,
            channel=Channel(self.channel.currentData()),
            requested_by_contact_id=None if chosen == OTHER_PERSON else chosen,
            requested_by_name=self.other_name.text() if chosen == OTHER_PERSON else None,
            note=self.note.toPlainText(),
        )

    def _accept_if_complete(self) -> None:
        if self.requester.currentData() == OTHER_PERSON and not self.other_name.text().strip():
            self.problem.setText(self.tr("Say who asked for the change: type the person's name."))
            self.other_name.setFocus()
            return
        self.accept()


class AccessPanel(QWidget):
    """Emits `changed(ticket_id)` after a decision was recorded."""

    changed = Signal(int)

    def __init__(
        self,
        context: DeskContext,
        ticket_id: int,
        parent: QWidget | None = None,
        *,
        ask: Callable[[TicketAccess, QWidget], AccessRequest | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ticket_id = ticket_id
        self.access: TicketAccess | None = None
        self._labels = Labels(self)
        self._tasks = workers.TaskSet(context.pool, self)
        # How the panel asks the agent for the requester (a dialog; tests may answer directly).
        self._ask = ask or _ask_with_dialog

        self.decision = QLabel(self.tr("Loading…"))
        self.decision.setObjectName("decision")
        self.decision.setWordWrap(True)
        self.decision.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.recorded = QLabel()
        self.recorded.setObjectName("recorded")
        self.recorded.setWordWrap(True)
        self.recorded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The desk asks for the customer's decision about a reseller it has none for (the
        # ticket moved to it, and a yes for the one before ended).
        self.ask_customer = QLabel()
        self.ask_customer.setObjectName("decision_needed")
        self.ask_customer.setWordWrap(True)
        self.ask_customer.setStyleSheet(ASK_STYLE)
        self.ask_customer.hide()
        self.change_button = QPushButton(self.tr("&Change…"))
        self.change_button.setObjectName("change_access")
        self.change_button.setEnabled(False)
        self.change_button.clicked.connect(self.ask_for_change)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.history_model: RowTableModel[AccessChangeRow] = RowTableModel(
            [
                Column(self.tr("When"), lambda c: c.recorded_at),
                Column(self.tr("Decision"), self._describe),
                Column(self.tr("Requested by"), self._requester),
                Column(
                    self.tr("Channel"),
                    lambda c: "" if c.reason else self._labels.channel(c.channel),
                ),
                Column(self.tr("Recorded by"), lambda c: c.agent_name or self.tr("system")),
                Column(self.tr("Note"), lambda c: c.note or ""),
            ],
            self,
        )
        self.history = read_only_table(self.history_model, "access_history")
        self.preview = ResellerPreview()

        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.decision)
        texts.addWidget(self.recorded)
        texts.addWidget(self.ask_customer)
        top.addLayout(texts, 1)
        top.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        history_box = QGroupBox(self.tr("History of the decision (cannot be edited)"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(history_box)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.change_button, self.history)
        self.setTabOrder(self.history, self.preview.browser)
        self.refresh()

    # ----- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        db, ticket_id = self.context.db, self.ticket_id

        def load(_control: workers.TaskControl) -> _Loaded:
            service = ResellerAccessService(db)
            return _Loaded(service.ticket_access(ticket_id), service.preview(ticket_id))

        self._tasks.start(load, finished=self._show, failed=self._show_error)

    def _show(self, loaded: _Loaded) -> None:
        access = loaded.access
        self.access = access
        reseller = access.reseller_name
        if reseller is None:
            self.decision.setText(self.tr("No reseller: the ticket is linked to no contract."))
            self.decision.setStyleSheet("font-size: 13pt; font-weight: bold; color: gray;")
        elif access.granted:
            self.decision.setText(fill(self.tr("%1 MAY see this ticket."), reseller))
            self.decision.setStyleSheet("font-size: 13pt; font-weight: bold; color: #e65100;")
        else:
            self.decision.setText(fill(self.tr("%1 may NOT see this ticket."), reseller))
            self.decision.setStyleSheet("font-size: 13pt; font-weight: bold; color: #2e7d32;")
        latest = access.latest
        if latest is None:
            self.recorded.setText(self.tr("No decision recorded (the default is no access)."))
        elif latest.reason is not None:
            self.recorded.setText(
                fill(
                    self.tr(
                        "The desk ended the customer's yes on %1: the ticket moved from %2 to "
                        "%3 (re-linked by %4)."
                    ),
                    display(latest.recorded_at),
                    latest.reseller_name or self.tr("no reseller"),
                    latest.new_reseller_name or self.tr("no reseller"),
                    latest.agent_name or self.tr("the system"),
                )
            )
        else:
            self.recorded.setText(
                fill(
                    self.tr("Recorded by %1 on %2 at the request of %3 (%4)."),
                    latest.agent_name or self.tr("the system"),
                    display(latest.recorded_at),
                    latest.requested_by_name,
                    self._labels.channel(latest.channel),
                )
            )
        self.recorded.setStyleSheet(MUTED_STYLE if latest is None else "")
        asking = access.decision_needed and not access.granted
        if asking:
            self.ask_customer.setText(self._question(access))
        self.ask_customer.setVisible(asking)
        if asking:
            self.change_button.setText(self.tr("Re&cord the decision…"))
        else:
            self.change_button.setText(
                self.tr("&Withdraw access…") if access.granted else self.tr("Gr&ant access…")
            )
        self.change_button.setEnabled(reseller is not None or access.granted)
        self.history_model.set_rows(list(reversed(access.history)))
        if loaded.preview is not None:
            self.preview.show_view(loaded.preview)
        else:
            self.preview.show_nothing(
                reseller,
                self.tr("the customer has not allowed it")
                if reseller is not None
                else self.tr("no reseller is named for it"),
            )

    def _question(self, access: TicketAccess) -> str:
        reseller = access.reseller_name or ""
        latest = access.latest
        if latest is not None and latest.reason is not None:
            return fill(
                self.tr(
                    "This ticket now belongs to %2 (it moved from %1), and the customer's yes "
                    "for %1 does not carry over: %2 may not see it. Ask the customer whether %2 "
                    "may see this ticket and record the decision."
                ),
                latest.reseller_name or self.tr("no reseller"),
                reseller,
            )
        return fill(
            self.tr(
                "No decision of the customer about %1 is recorded for this ticket (it names %1 "
                "now). Ask the customer whether %1 may see it and record the decision."
            ),
            reseller,
        )

    def _requester(self, change: AccessChangeRow) -> str:
        if change.reason is not None:
            return self.tr("nobody (ended by the desk)")
        return change.requested_by_name

    def _describe(self, change: AccessChangeRow) -> str:
        if change.reason is not None:
            return fill(
                self.tr("access → no access (the ticket moved from %1 to %2)"),
                change.reseller_name or self.tr("no reseller"),
                change.new_reseller_name or self.tr("no reseller"),
            )
        now = self.tr("access") if change.granted else self.tr("no access")
        if change.previous is None:
            return fill(self.tr("%1 (asked when the ticket was opened)"), now)
        before = self.tr("access") if change.previous else self.tr("no access")
        return f"{before} → {now}"

    # ----- changing ------------------------------------------------------------------------

    def ask_for_change(self) -> None:
        if self.access is None:
            return
        request = self._ask(self.access, self)
        if request is not None:
            self.apply(request, self.access.ticket.version)

    def apply(self, request: AccessRequest, based_on_version: int) -> None:
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id
        self.change_button.setEnabled(False)

        def work(_control: workers.TaskControl) -> _Loaded:
            service = ResellerAccessService(db)
            access = service.change_access(
                actor, ticket_id, request, expected_version=based_on_version
            )
            return _Loaded(access, service.preview(ticket_id))

        self._tasks.start(work, finished=self._saved, failed=self._change_failed)

    def _saved(self, loaded: _Loaded) -> None:
        self.error.hide()
        self._show(loaded)
        self.changed.emit(self.ticket_id)

    def _change_failed(self, error: object) -> None:
        if isinstance(error, TicketConflictError):
            self._show_error(
                fill(
                    self.tr(
                        "%1 was changed by someone else meanwhile; your decision was not saved. "
                        "Check the decision shown now and change it again if the customer still "
                        "wants it."
                    ),
                    error.current.number,
                )
            )
        else:
            self._show_error(error)
        self.refresh()

    def _show_error(self, error: object) -> None:
        self.error.setText(error if isinstance(error, str) else error_text(error))
        self.error.show()
        if self.access is not None:
            self.change_button.setEnabled(True)

    def closeEvent(self, event: Any) -> None:
        self._tasks.cancel_all()
        super().closeEvent(event)


def _ask_with_dialog(access: TicketAccess, parent: QWidget) -> AccessRequest | None:
    dialog = AccessChangeDialog(access, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()
