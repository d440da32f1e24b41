"""The row of a ticket's changeable facts: state, priority, assignee, "Assign to me", actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QPushButton, QWidget

from hezo_desk.enums import Priority, TicketState
from hezo_desk.services.agents import AgentRow
from hezo_desk.services.records import TicketRow
from hezo_desk.services.tickets import TicketChange
from hezo_desk.ui.labels import Labels


class ChangeControls(QWidget):
    """Emits `change_requested(TicketChange, based_on_version)` when the agent changes a fact.

    Showing a ticket (`show_ticket`) sets the combos without asking for a change.
    """

    change_requested = Signal(object, int)

    def __init__(
        self,
        labels: Labels,
        actor_login: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._actor_login = actor_login
        self._ticket: TicketRow | None = None
        self._updating = False

        self.state = QComboBox()
        self.state.setObjectName("state")
        for state in TicketState:
            self.state.addItem(labels.state(state), state)
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        for priority in Priority:
            self.priority.addItem(labels.priority(priority), priority)
        self.assignee = QComboBox()
        self.assignee.setObjectName("assignee")
        self.state.activated.connect(lambda _i: self._changed("state"))
        self.priority.activated.connect(lambda _i: self._changed("priority"))
        self.assignee.activated.connect(lambda _i: self._changed("assignee"))
        for combo in (self.state, self.priority, self.assignee):
            # As wide as their longest entry, no wider: the row must leave the assignee room.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.take_button = QPushButton(QCoreApplication.translate("TicketView", "Assign to &me"))
        self.take_button.setObjectName("take")
        self.take_button.clicked.connect(self._assign_to_me)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for caption, combo in (
            (QCoreApplication.translate("TicketView", "&State:"), self.state),
            (QCoreApplication.translate("TicketView", "P&riority:"), self.priority),
            (QCoreApplication.translate("TicketView", "Ass&ignee:"), self.assignee),
        ):
            form = QFormLayout()
            form.addRow(caption, combo)
            layout.addLayout(form)
        layout.addWidget(self.take_button)
        layout.addStretch()
        for text, handler in actions:
            button = QPushButton(text)
            button.clicked.connect(handler)
            layout.addWidget(button)

    def show_ticket(self, ticket: TicketRow, agents: Sequence[AgentRow]) -> None:
        self._ticket = ticket
        self._updating = True
        self.state.setCurrentIndex(self.state.findData(ticket.state))
        self.priority.setCurrentIndex(self.priority.findData(ticket.priority))
        self.assignee.clear()
        self.assignee.addItem(QCoreApplication.translate("TicketView", "(unassigned)"), "")
        for agent in agents:
            self.assignee.addItem(f"{agent.display_name} ({agent.login})", agent.login)
        if ticket.assignee_login and self.assignee.findData(ticket.assignee_login) < 0:
            self.assignee.addItem(
                ticket.assignee_name or ticket.assignee_login, ticket.assignee_login
            )
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(ticket.assignee_login or "")))
        self._updating = False
        self.take_button.setEnabled(ticket.assignee_login != self._actor_login)

    def _changed(self, which: str) -> None:
        ticket = self._ticket
        if self._updating or ticket is None:
            return
        change = TicketChange(
            state=TicketState(self.state.currentData()) if which == "state" else None,
            priority=Priority(self.priority.currentData()) if which == "priority" else None,
            assignee_login=str(self.assignee.currentData()) if which == "assignee" else None,
        )
        if (
            change.state in (None, ticket.state)
            and change.priority in (None, ticket.priority)
            and change.assignee_login in (None, ticket.assignee_login or "")
        ):
            return
        self.change_requested.emit(change, ticket.version)

    def _assign_to_me(self) -> None:
        if self._ticket is not None:
            self.change_requested.emit(
                TicketChange(assignee_login=self._actor_login), self._ticket.version
            )
