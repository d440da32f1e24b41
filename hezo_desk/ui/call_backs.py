"""The call-back list: missed calls waiting to be called back, shared by every agent.

An agent claims a call-back (the others see who has it, and a second claim is refused), then
calls back: the desk records the outgoing call and hands its `tel:` link to the agent's phone.
The list reads itself again when others change it (the window's refresh on the change feed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hezo_desk.placeholders import fill
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.calls import (
    SUPERVISING_ROLES,
    CallBackClaimedError,
    CallConflictError,
    CallJournal,
    NotACallBackError,
)
from hezo_desk.services.phones import tel_uri
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table
from hezo_desk.ui.workers import TaskControl, TaskSet

SUPERVISING = frozenset(SUPERVISING_ROLES)


class CallBacksScreen(QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks = TaskSet(context.pool, self)
        self._journal = CallJournal(context.db)
        # What opens a `tel:` link: the system's handler (the agent's softphone or PBX client).
        self.dial: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.model: RowTableModel[CallRecord] = RowTableModel(
            [
                Column(self.tr("Missed at"), lambda c: c.started_at),
                Column(self.tr("Number"), lambda c: c.display),
                Column(self.tr("Customer"), lambda c: c.customer_name or ""),
                Column(self.tr("Contact"), lambda c: c.contact_name or ""),
                Column(
                    self.tr("Calling back"),
                    lambda c: c.callback_agent_name or "",
                    bold=lambda c: c.callback_agent_id == context.actor.id,
                ),
            ],
            self,
        )
        self.view = read_only_table(self.model, "callbacks")
        self.claim = QPushButton(self.tr("&Claim"), self)
        self.claim.setObjectName("claim")
        self.release = QPushButton(self.tr("&Release"), self)
        self.release.setObjectName("release")
        self.call_back = QPushButton(self.tr("Call &back"), self)
        self.call_back.setObjectName("call_back")
        self.count = QLabel(self)
        self.count.setObjectName("count")
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.claim, self.release, self.call_back):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.claim.clicked.connect(self.claim_selected)
        self.release.clicked.connect(self.release_selected)
        self.call_back.clicked.connect(self.call_back_selected)
        self.view.doubleClicked.connect(lambda _index: self.call_back_selected())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)
        self._enable()
        self.refresh()

    # ----- public --------------------------------------------------------------------------

    def follow_call_changes(self) -> None:
        """Calls were recorded or changed elsewhere (the window's live updates)."""
        self.refresh()

    def refresh(self) -> None:
        journal = self._journal

        def work(_control: TaskControl) -> list[CallRecord]:
            return journal.callbacks()

        self._tasks.start(work, finished=self._loaded, failed=self._failed)

    def selected(self) -> CallRecord | None:
        return self.model.row_at(self.view.currentIndex().row())

    def claim_selected(self) -> None:
        call = self.selected()
        if call is not None:
            actor = self.context.actor
            self._change(
                lambda: self._journal.claim_callback(actor, call.id, expected_version=call.version),
                lambda _call: None,
            )

    def release_selected(self) -> None:
        call = self.selected()
        if call is not None:
            actor = self.context.actor
            self._change(
                lambda: self._journal.release_callback(
                    actor, call.id, expected_version=call.version
                ),
                lambda _call: None,
            )

    def call_back_selected(self) -> None:
        call = self.selected()
        if call is not None:
            actor = self.context.actor
            self._change(
                lambda: self._journal.call_back(actor, call.id, expected_version=call.version),
                self._dial,
            )

    # ----- inside --------------------------------------------------------------------------

    def _change(self, change: Callable[[], CallRecord], then: Callable[[CallRecord], None]) -> None:
        def work(_control: TaskControl) -> CallRecord:
            return change()

        def done(call: CallRecord) -> None:
            then(call)
            self.refresh()

        self._tasks.start(work, finished=done, failed=self._failed)

    def _dial(self, outgoing: CallRecord) -> None:
        number = outgoing.number_e164 or outgoing.number
        self.status.setStyleSheet("")
        self.status.setText(fill(self.tr("Calling %1…"), outgoing.display))
        self.dial(QUrl(tel_uri(number)))

    def _loaded(self, calls: list[CallRecord]) -> None:
        chosen = self.selected()
        self.model.set_rows(calls)
        ids = [call.id for call in calls]
        if chosen is not None and chosen.id in ids:
            self.view.selectRow(ids.index(chosen.id))
        elif calls:
            self.view.selectRow(0)
        self.count.setText(self.tr("%Ln call(s) to call back", "", len(calls)))

    def _enable(self) -> None:
        call = self.selected()
        mine = call is not None and call.callback_agent_id == self.context.actor.id
        free = call is not None and call.callback_agent_id is None
        # A supervisor may hand back a call-back someone else took on and left.
        supervising = not free and self.context.actor.role in SUPERVISING
        self.claim.setEnabled(free)
        self.release.setEnabled(mine or supervising)
        self.call_back.setEnabled(free or mine)

    def _failed(self, error: object) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(self._worded(error))
        if isinstance(error, CallConflictError | NotACallBackError):
            # Show the list as it is now: who has the call-back, or that it is done.
            self.refresh()

    def _worded(self, error: object) -> str:
        """The conflicts of a shared list in the desk's language (the service words English)."""
        if isinstance(error, CallBackClaimedError):
            return fill(
                self.tr("%1 is calling back %2 already; nothing was changed."),
                error.current.callback_agent_name or self.tr("Another agent"),
                error.current.display,
            )
        if isinstance(error, CallConflictError):
            return fill(
                self.tr("The call from %1 was changed by someone else meanwhile; look again."),
                error.current.display,
            )
        if isinstance(error, NotACallBackError):
            return fill(
                self.tr("The call from %1 needs no call-back any more."), error.current.display
            )
        return error_text(error)
