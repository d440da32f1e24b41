"""Signing in: agent accounts from the database, 'remember me' only through the keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService, SignInError
from hezo_desk.services.secrets import SecretStore, SecretStoreUnavailableError, agent_key
from hezo_desk.ui import workers
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.settings import DeskSettings


class SignInDialog(QDialog):
    """Returns `Accepted` with `.actor` set, or `Rejected`; `.wants_settings` asks for settings."""

    def __init__(
        self,
        agents: AgentService,
        secrets: SecretStore,
        settings: DeskSettings,
        database_name: str,
        pool: QThreadPool,
        *,
        demo_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._agents = agents
        self._secrets = secrets
        self._settings = settings
        self._database_name = database_name
        self._pool = pool
        self._task: workers.Task[Actor] | None = None
        self.actor: Actor | None = None
        self.wants_settings = False
        self.setWindowTitle(self.tr("HEZO Desk — sign in"))
        self.setMinimumWidth(420)

        self.login = QLineEdit(settings.last_login)
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this computer"))
        self.remember.setObjectName("remember")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        status = secrets.status()
        if status.available:
            self.remember.setChecked(settings.remember_me)
            self.keyring_note.hide()
        else:
            self.remember.setEnabled(False)
            self.remember.setChecked(False)
            self.keyring_note.setText(
                self.tr(
                    "No system keyring is available, so the password cannot be remembered; "
                    "it is asked for at every start and never stored elsewhere."
                )
            )
        self._prefill_password()

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)

        where = QLabel(fill(self.tr("Database: %1"), database_name))
        where.setObjectName("database")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        self.settings_button = QPushButton(self.tr("Settings…"))
        settings_button = self.settings_button
        buttons.addButton(settings_button, QDialogButtonBox.ButtonRole.ResetRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter signs in, wherever the focus is: a button that took the focus (Tab, a click)
        # would otherwise become the default and Enter would open the settings.
        for secondary in (settings_button, cancel):
            secondary.setAutoDefault(False)
        buttons.accepted.connect(self._sign_in)
        buttons.rejected.connect(self.reject)
        settings_button.clicked.connect(self._open_settings)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Sign in to HEZO Desk"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        if demo_hint:
            hint = QLabel(demo_hint)
            hint.setObjectName("demo_hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.login.text() else self.login).setFocus()
        self.setTabOrder(self.login, self.password)
        self.setTabOrder(self.password, self.remember)

    def _prefill_password(self) -> None:
        login = self.login.text().strip()
        if not (login and self._settings.remember_me and self._secrets.available):
            return
        try:
            remembered = self._secrets.get(agent_key(self._database_name, login))
        except SecretStoreUnavailableError:
            return
        if remembered:
            self.password.setText(remembered)

    def _open_settings(self) -> None:
        self.wants_settings = True
        self.reject()

    def _sign_in(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self._show_error(self.tr("Type your login and password."))
            return
        self.sign_in_button.setEnabled(False)
        self.error.hide()
        agents = self._agents
        self._task = workers.start(
            self._pool,
            lambda _control: agents.authenticate(login, password),
            owner=self,
            finished=self._signed_in,
            failed=self._failed,
        )

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self._settings.last_login = actor.login
        remember = self.remember.isChecked()
        self._settings.remember_me = remember
        key = agent_key(self._database_name, actor.login)
        try:
            if remember:
                self._secrets.set(key, self.password.text())
            else:
                self._secrets.delete(key)
        except SecretStoreUnavailableError:
            pass  # the note already says passwords are not remembered here
        self.accept()

    def _failed(self, error: object) -> None:
        self.sign_in_button.setEnabled(True)
        if isinstance(error, SignInError):
            self._show_error(self.tr("Wrong login or password, or the account is deactivated."))
        else:
            self._show_error(fill(self.tr("Cannot sign in: %1"), error_text(error)))
        self.password.selectAll()
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
