"""Agent accounts (administrators): add, change role, reset password, deactivate."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Role
from hezo_desk.placeholders import fill
from hezo_desk.services.agents import AgentRow, AgentService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.tables.agents_model import AgentsModel
from hezo_desk.ui.tables.managed_screen import ManagedListScreen
from hezo_desk.ui.workers import TaskControl

COLUMN_WIDTHS = [160, 240, 140, 70, 100, 140]
# A change to an account, to run in the pool.
Work = Callable[[TaskControl], AgentRow]
ERROR_STYLE = "color: #b00020;"


class FormDialog(QDialog):
    """A small form that stays open until its change is saved; shows why it was not."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()

    def set_busy(self, busy: bool) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not busy)

    def check(self) -> str | None:
        """A problem the form can see by itself (None: send it)."""
        return None

    def _submit(self) -> None:
        problem = self.check()
        if problem is not None:
            self.show_error(problem)
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit()


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _role_box(parent: QWidget, labels: Labels, chosen: Role) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName("role")
    for role in Role:
        box.addItem(labels.role(role), role)
    box.setCurrentIndex(list(Role).index(chosen))
    return box


class AddAgentDialog(FormDialog):
    def __init__(self, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an agent"))
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("display_name")
        self.role = _role_box(self, labels, Role.AGENT)
        self.password = _password_field(self, "password")
        self.repeat = _password_field(self, "repeat")
        self.form.addRow(self.tr("Login"), self.login)
        self.form.addRow(self.tr("Name"), self.display_name)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return None

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())


class RoleDialog(FormDialog):
    def __init__(self, agent: AgentRow, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("Role of %1"), agent.login))
        self.role = _role_box(self, labels, agent.role)
        self.form.addRow(self.tr("Role"), self.role)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())


class PasswordDialog(FormDialog):
    def __init__(self, agent: AgentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("New password for %1"), agent.login))
        self.password = _password_field(self, "password")
        self.repeat = _password_field(self, "repeat")
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return None


class AgentsScreen(ManagedListScreen):
    """The agent accounts; changes need the administrator role and are audited."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context, "agents", allowed=context.actor.role is Role.ADMINISTRATOR, parent=parent
        )
        self._service = AgentService(context.db)
        self._labels = Labels(self)
        self.dialog: FormDialog | None = None
        self._select_after_load: str | None = None
        self.model = AgentsModel(self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add")
        self.role_button = QPushButton(self)
        self.role_button.setObjectName("role")
        self.password_button = QPushButton(self)
        self.password_button.setObjectName("password")
        self.active_button = QPushButton(self)
        self.active_button.setObjectName("active")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button):
            buttons.addWidget(button)
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(self.add_agent)
        self.role_button.clicked.connect(self.change_role)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.finish(
            self.model,
            COLUMN_WIDTHS,
            [self.add_button, self.role_button, self.password_button, self.active_button],
            opened=self.change_role,
        )

    # ----- public --------------------------------------------------------------------------

    def selected_agent(self) -> AgentRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def load(self) -> Callable[[TaskControl], list[AgentRow]]:
        service = self._service

        def work(_control: TaskControl) -> list[AgentRow]:
            return service.list_agents()

        return work

    def retranslate(self) -> None:
        self.refused.setText(self.tr("Only administrators manage agent accounts."))
        self.add_button.setText(self.tr("Add agent…"))
        self.role_button.setText(self.tr("Change role…"))
        self.password_button.setText(self.tr("Reset password…"))
        self.update_actions()
        self.model.retranslate()

    def count_text(self, count: int) -> str:
        return self.tr("%Ln agent(s)", "", count)

    def add_agent(self) -> None:
        dialog = AddAgentDialog(self._labels, self)
        actor, service = self.context.actor, self._service

        def work() -> Work:
            # Read on the UI thread; the work itself runs in the pool.
            login, name = dialog.login.text(), dialog.display_name.text()
            role, password = dialog.chosen_role(), dialog.password.text()
            return lambda _control: service.add(
                actor, login=login, display_name=name, role=role, password=password
            )

        self._run_dialog(dialog, work)

    def change_role(self) -> None:
        agent = self.selected_agent()
        if agent is None:
            return
        dialog = RoleDialog(agent, self._labels, self)
        actor, service = self.context.actor, self._service

        def work() -> Work:
            role = dialog.chosen_role()
            return lambda _control: service.set_role(actor, agent.login, role)

        self._run_dialog(dialog, work)

    def reset_password(self) -> None:
        agent = self.selected_agent()
        if agent is None:
            return
        dialog = PasswordDialog(agent, self)
        actor, service = self.context.actor, self._service

        def work() -> Work:
            password = dialog.password.text()
            return lambda _control: service.reset_password(actor, agent.login, password)

        self._run_dialog(dialog, work)

    def toggle_active(self) -> None:
        agent = self.selected_agent()
        if agent is None:
            return
        actor, service, active = self.context.actor, self._service, not agent.is_active

        def save(_control: TaskControl) -> AgentRow:
            return service.set_active(actor, agent.login, active=active)

        self.active_button.setEnabled(False)
        self.tasks.start(save, finished=self._saved, failed=self.failed)

    # ----- inside --------------------------------------------------------------------------

    def _run_dialog(self, dialog: FormDialog, work: Callable[[], Work]) -> None:
        self.dialog = dialog

        def submitted() -> None:
            self.tasks.start(
                work(),
                finished=lambda saved: self._dialog_saved(dialog, saved),
                failed=lambda error: self._dialog_failed(dialog, error),
            )

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_saved(self, dialog: FormDialog, saved: AgentRow) -> None:
        # The dialog may have been closed while its save was under way; the list still learns.
        if shiboken6.isValid(dialog):
            dialog.accept()
        self._saved(saved)

    def _dialog_failed(self, dialog: FormDialog, error: object) -> None:
        if shiboken6.isValid(dialog):
            dialog.show_error(error_text(error))
        else:
            self.failed(error)

    def _dialog_closed(self, dialog: FormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _saved(self, saved: AgentRow) -> None:
        self._select_after_load = saved.login
        self.refresh()

    def loaded(self, agents: list[AgentRow]) -> None:
        current = self.selected_agent()
        login = self._select_after_load or (current.login if current else None)
        self._select_after_load = None
        self.model.set_rows(agents)
        self.show_count(len(agents))
        row = self.model.row_of(login) if login else -1
        if row >= 0:
            self.view.selectRow(row)
        self.update_actions()

    def update_actions(self) -> None:
        agent = self.selected_agent()
        for button in (self.role_button, self.password_button, self.active_button):
            button.setEnabled(agent is not None)
        if agent is not None and not agent.is_active:
            self.active_button.setText(self.tr("Activate"))
        else:
            self.active_button.setText(self.tr("Deactivate"))
