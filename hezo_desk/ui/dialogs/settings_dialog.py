"""Settings: where the database is (local file or shared PostgreSQL), theme, language.

The shared server's password goes to the keyring, never into the settings file; without a
keyring it is asked for at each start.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.config import ConnectionSettings, local_database_path
from hezo_desk.db import Database, SchemaState
from hezo_desk.placeholders import fill
from hezo_desk.services.secrets import SecretStore, SecretStoreUnavailableError, database_key
from hezo_desk.ui import workers
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.settings import DeskSettings


def check_connection(url: str) -> SchemaState:
    """Connect and read the schema state (runs in a worker)."""
    db = Database(url)
    try:
        return db.schema_status().state
    finally:
        db.dispose()


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: DeskSettings,
        secrets: SecretStore,
        pool: QThreadPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._secrets = secrets
        self._pool = pool
        self._task: workers.Task[SchemaState] | None = None
        self.connection_changed = False
        self.theme_changed = False
        self.language_changed = False
        self.setWindowTitle(self.tr("HEZO Desk — settings"))
        self.setMinimumWidth(520)
        connection = settings.connection()

        self.local_radio = QRadioButton(self.tr("&Local file (this computer only)"))
        self.local_radio.setObjectName("local")
        self.shared_radio = QRadioButton(self.tr("&Shared PostgreSQL server (several agents)"))
        self.shared_radio.setObjectName("shared")
        (self.local_radio if connection.is_local else self.shared_radio).setChecked(True)

        self.local_path = QLineEdit(connection.local_path)
        self.local_path.setObjectName("local_path")
        self.local_path.setPlaceholderText(str(local_database_path()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.local_path)
        path_row.addWidget(browse)

        self.host = QLineEdit(connection.host)
        self.host.setObjectName("host")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(connection.port)
        self.database = QLineEdit(connection.database)
        self.database.setObjectName("database")
        self.user = QLineEdit(connection.user)
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        keyring = secrets.status()
        self.password.setPlaceholderText(
            self.tr("kept in the system keyring")
            if keyring.available
            else self.tr("no keyring: asked for at each start")
        )
        self.keyring_note = QLabel(
            ""
            if keyring.available
            else self.tr(
                "No system keyring is available: the password is not stored anywhere and the desk "
                "asks for it when it connects."
            )
        )
        self.keyring_note.setWordWrap(True)

        local_box = QGroupBox()
        local_form = QFormLayout(local_box)
        local_form.addRow(self.tr("Database file:"), path_row)
        shared_box = QGroupBox()
        shared_form = QFormLayout(shared_box)
        shared_form.addRow(self.tr("Host:"), self.host)
        shared_form.addRow(self.tr("Port:"), self.port)
        shared_form.addRow(self.tr("Database:"), self.database)
        shared_form.addRow(self.tr("User:"), self.user)
        shared_form.addRow(self.tr("Password:"), self.password)
        shared_form.addRow("", self.keyring_note)
        self._local_box, self._shared_box = local_box, shared_box

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self._test)
        self.test_result = QLabel()
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)

        connection_page = QWidget()
        connection_layout = QVBoxLayout(connection_page)
        connection_layout.addWidget(self.local_radio)
        connection_layout.addWidget(local_box)
        connection_layout.addWidget(self.shared_radio)
        connection_layout.addWidget(shared_box)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        connection_layout.addLayout(test_row)
        connection_layout.addStretch()

        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Polski", "pl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        appearance_page = QWidget()
        appearance_form = QFormLayout(appearance_page)
        appearance_form.addRow(self.tr("Theme:"), self.theme)
        appearance_form.addRow(self.tr("Language:"), self.language)

        tabs = QTabWidget()
        tabs.addTab(connection_page, self.tr("Database"))
        tabs.addTab(appearance_page, self.tr("Appearance"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

        self.local_radio.toggled.connect(self._kind_changed)
        self._kind_changed()

    def typed_connection(self) -> ConnectionSettings:
        return ConnectionSettings(
            kind="local" if self.local_radio.isChecked() else "postgresql",
            local_path=self.local_path.text().strip(),
            host=self.host.text().strip() or "localhost",
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def _kind_changed(self) -> None:
        local = self.local_radio.isChecked()
        self._local_box.setEnabled(local)
        self._shared_box.setEnabled(not local)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self.local_path.text() or str(local_database_path()),
            self.tr("SQLite database (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.local_path.setText(path)

    def _password_for(self, connection: ConnectionSettings) -> str | None:
        if self.password.text():
            return self.password.text()
        try:
            return self._secrets.get(
                database_key(connection.host, connection.port, connection.database, connection.user)
            )
        except SecretStoreUnavailableError:
            return None

    def _test(self) -> None:
        connection = self.typed_connection()
        if not connection.is_local and not connection.database:
            self.test_result.setText(self.tr("Name the database."))
            return
        url = connection.url(self._password_for(connection))
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting…"))
        self._task = workers.start(
            self._pool,
            lambda _c: check_connection(url),
            owner=self,
            finished=self._tested,
            failed=self._test_failed,
        )

    def _tested(self, state: SchemaState) -> None:
        self.test_button.setEnabled(True)
        texts = {
            SchemaState.CURRENT: self.tr("Connected. The schema is up to date."),
            SchemaState.EMPTY: self.tr(
                "Connected. The database is empty; the desk will create "
                "its schema (a shared server: run hezo-desk db upgrade)."
            ),
            SchemaState.BEHIND: self.tr(
                "Connected. The schema needs an upgrade (hezo-desk db upgrade)."
            ),
            SchemaState.AHEAD: self.tr(
                "Connected, but the database is newer than this HEZO Desk: update the desk first."
            ),
        }
        self.test_result.setText(texts[state])

    def _test_failed(self, error: object) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(fill(self.tr("Cannot connect: %1"), error_text(error)))

    def _save(self) -> None:
        connection = self.typed_connection()
        if not connection.is_local and not connection.database:
            self.test_result.setText(self.tr("Name the database."))
            return
        self.connection_changed = connection != self._settings.connection() or bool(
            self.password.text()
        )
        if not connection.is_local and self.password.text() and self._secrets.available:
            # If the keyring refuses after all, the password is asked for when connecting.
            with contextlib.suppress(SecretStoreUnavailableError):
                self._secrets.set(
                    database_key(
                        connection.host, connection.port, connection.database, connection.user
                    ),
                    self.password.text(),
                )
        self._settings.set_connection(connection)
        theme = str(self.theme.currentData())
        language = str(self.language.currentData())
        self.theme_changed = theme != self._settings.theme
        self.language_changed = language != self._settings.language
        self._settings.theme = theme
        self._settings.language = language
        self.accept()
