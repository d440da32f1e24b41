"""The first start on an empty database: create the first administrator, or load demo data."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Role
from hezo_desk.errors import InputField
from hezo_desk.placeholders import fill
from hezo_desk.services.agents import AgentRow, AgentService
from hezo_desk.services.demo import DEMO_PASSWORD, DemoService
from hezo_desk.services.limits import max_length
from hezo_desk.ui import workers
from hezo_desk.ui.error_wording import error_text


class FirstStartDialog(QDialog):
    """Accepted once the database has an agent to sign in with; `.login` names it
    (`.loaded_demo`: with the demo data)."""

    def __init__(
        self,
        agents: AgentService,
        demo: DemoService,
        pool: QThreadPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._agents = agents
        self._demo = demo
        self._pool = pool
        self._task: workers.Task[object] | None = None
        self.login = ""
        self.password = ""
        self.loaded_demo = False
        self.setWindowTitle(self.tr("HEZO Desk — first start"))
        self.setMinimumWidth(480)

        intro = QLabel(
            self.tr(
                "This database is empty. Create the first administrator account to start working, "
                "or load demo data to try the desk out."
            )
        )
        intro.setWordWrap(True)

        self.admin_login = QLineEdit("admin")
        self.admin_login.setObjectName("admin_login")
        self.admin_login.setMaxLength(max_length(InputField.LOGIN))
        self.admin_name = QLineEdit()
        self.admin_name.setObjectName("admin_name")
        self.admin_name.setMaxLength(max_length(InputField.DISPLAY_NAME))
        self.admin_password = QLineEdit()
        self.admin_password.setObjectName("admin_password")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_repeat = QLineEdit()
        self.admin_repeat.setObjectName("admin_repeat")
        self.admin_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_button = QPushButton(self.tr("Create administrator"))
        self.create_button.setObjectName("create_admin")
        self.create_button.clicked.connect(self._create_admin)
        admin_form = QFormLayout()
        admin_form.addRow(self.tr("Login:"), self.admin_login)
        admin_form.addRow(self.tr("Full name:"), self.admin_name)
        admin_form.addRow(self.tr("Password:"), self.admin_password)
        admin_form.addRow(self.tr("Repeat password:"), self.admin_repeat)
        admin_form.addRow("", self.create_button)
        admin_box = QGroupBox(self.tr("Create the first administrator"))
        admin_box.setLayout(admin_form)

        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.setObjectName("load_demo")
        self.demo_button.clicked.connect(self._load_demo)
        self.progress = QProgressBar()
        self.progress.hide()
        demo_note = QLabel(
            fill(
                self.tr(
                    "Demo data: Polish companies, contracts, serials and tickets; agents admin, "
                    "anna.nowak, jan.kowalski, ewa.wisniewska and marek.zielinski with the "
                    "password %1."
                ),
                DEMO_PASSWORD,
            )
        )
        demo_note.setWordWrap(True)
        demo_layout = QVBoxLayout()
        demo_layout.addWidget(demo_note)
        demo_layout.addWidget(self.demo_button)
        demo_layout.addWidget(self.progress)
        demo_box = QGroupBox(self.tr("Or try the desk with demo data"))
        demo_box.setLayout(demo_layout)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(admin_box)
        layout.addWidget(demo_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.admin_name.setFocus()

    def _create_admin(self) -> None:
        if self.admin_password.text() != self.admin_repeat.text():
            self._show_error(self.tr("The passwords differ."))
            return
        agents, login, name = self._agents, self.admin_login.text(), self.admin_name.text()
        password = self.admin_password.text()
        self._busy(True)
        # A write to the database (and a slow password hash): never on the UI thread.
        self._task = workers.start(
            self._pool,
            lambda _control: agents.add(
                None, login=login, display_name=name, role=Role.ADMINISTRATOR, password=password
            ),
            owner=self,
            finished=self._admin_created,
            failed=self._admin_failed,
        )

    def _admin_created(self, row: AgentRow) -> None:
        # The fields are disabled while the account is written: they still hold its password.
        self.login, self.password = row.login, self.admin_password.text()
        self.accept()

    def _admin_failed(self, error: object) -> None:
        self._busy(False)
        self._show_error(error_text(error))

    def _load_demo(self) -> None:
        self._busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        demo = self._demo
        self._task = workers.start(
            self._pool,
            lambda control: demo.load(
                progress=lambda stage, done, total: control.progress(done, total, stage)
            ),
            owner=self,
            finished=self._demo_loaded,
            failed=self._demo_failed,
            progress=self._on_progress,
        )

    def _on_progress(self, done: int, total: int, _stage: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _demo_loaded(self, _summary: object) -> None:
        self.login = "admin"
        self.loaded_demo = True
        self.accept()

    def _demo_failed(self, error: object) -> None:
        self._busy(False)
        self.progress.hide()
        self._show_error(fill(self.tr("Demo data could not be loaded: %1"), error_text(error)))

    def _busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)
        for field in (self.admin_login, self.admin_name, self.admin_password, self.admin_repeat):
            field.setEnabled(not busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
