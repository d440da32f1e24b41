"""Builds the QApplication: settings, theme, translations, connection, sign-in, main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from hezo_desk.config import APP_AUTHOR, APP_NAME, data_dir
from hezo_desk.db import Database, SchemaState
from hezo_desk.drafts import DraftStore
from hezo_desk.errors import DatabaseError, UserError
from hezo_desk.placeholders import fill
from hezo_desk.resources import icon_path
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DEMO_AGENTS, DEMO_PASSWORD, DemoService
from hezo_desk.services.secrets import SecretStore, SecretStoreUnavailableError, database_key
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.theme import apply_theme


def run_desk(*, database_override: str | None, demo: bool, environ: Mapping[str, str]) -> int:
    """The desk's window until it closes; `database_override` replaces the configured database."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("HEZO Desk")
    app.setWindowIcon(QIcon(str(icon_path("hezo-desk.svg"))))
    desk = DeskApplication(
        app,
        DeskSettings(QSettings()),
        SecretStore(),
        database_override=database_override,
        demo=demo,
        environ=environ,
    )
    return desk.run()


@dataclass
class _Connection:
    db: Database
    name: str
    # Another desk already upgraded the shared schema; this one still works with it.
    newer_schema: bool = False


class DeskApplication:
    """The desk's life: connect, sign in, work; sign out or reconnect without restarting."""

    def __init__(
        self,
        app: QApplication,
        settings: DeskSettings,
        secrets: SecretStore,
        *,
        database_override: str | None = None,
        demo: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.app = app
        self.settings = settings
        self.secrets = secrets
        self.database_override = database_override
        self.demo = demo
        self.environ = dict(os.environ if environ is None else environ)
        self.pool = QThreadPool()
        self.translations = Translations(app)
        self.connection: _Connection | None = None
        self.actor: Actor | None = None
        self.window: MainWindow | None = None
        self._replacing_window = False
        self._live: LiveUpdates | None = None
        app.setQuitOnLastWindowClosed(False)

    # ----- life cycle ----------------------------------------------------------------------

    def run(self) -> int:
        apply_theme(self.app, self.settings.theme)
        self.translations.apply(self.settings.language)
        if not self.start():
            return 0
        code = self.app.exec()
        self.shutdown()
        return code

    def start(self) -> bool:
        """Connect and sign in, then show the main window; False when the user gave up."""
        while True:
            if self.connection is None:
                self.connection = self.connect()
                if self.connection is None:
                    return False
                if self.demo:
                    self._load_demo_if_empty()
            actor = self.sign_in()
            if actor is None:
                return False
            if actor == "settings":
                if not self.open_settings(parent=None):
                    continue
                continue
            assert isinstance(actor, Actor)
            self.actor = actor
            self.show_main_window()
            return True

    def _stop_live(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def shutdown(self) -> None:
        self._stop_live()
        self.pool.waitForDone(10_000)
        if self.connection is not None:
            self.connection.db.dispose()
            self.connection = None

    # ----- connecting ----------------------------------------------------------------------

    def connect(self) -> _Connection | None:
        """Open the configured database, offering settings or retry when that fails."""
        while True:
            try:
                return self._try_connect()
            except (DatabaseError, UserError) as error:
                choice = self._ask(
                    self.app.translate("Desk", "Cannot open the database"),
                    str(error),
                    [
                        self.app.translate("Desk", "&Settings…"),
                        self.app.translate("Desk", "&Retry"),
                        self.app.translate("Desk", "&Quit"),
                    ],
                )
                if choice == 0:
                    self.open_settings(parent=None)
                elif choice == 2:
                    return None

    def _try_connect(self) -> _Connection:
        if self.database_override:
            url = self.database_override
        else:
            connection = self.settings.connection()
            password = None
            if not connection.is_local:
                password = self._database_password(
                    connection.host, connection.port, connection.database, connection.user
                )
            url = connection.url(password, self.environ)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = Database(url)
            try:
                status = db.ensure_ready(auto_upgrade=db.is_sqlite)
            except BaseException:
                db.dispose()
                raise
        finally:
            QGuiApplication.restoreOverrideCursor()
        return _Connection(db, db.display_url, status.state is SchemaState.NEWER_COMPATIBLE)

    def _database_password(self, host: str, port: int, database: str, user: str) -> str | None:
        key = database_key(host, port, database, user)
        try:
            stored = self.secrets.get(key)
        except SecretStoreUnavailableError:
            stored = None
        if stored:
            return stored
        password, accepted = QInputDialog.getText(
            None,
            self.app.translate("Desk", "Database password"),
            fill(
                self.app.translate("Desk", "Password of %1 on %2 (leave empty if none):"),
                user or "?",
                f"{host}:{port}/{database}",
            ),
            QLineEdit.EchoMode.Password,
        )
        return password if accepted and password else None

    def _load_demo_if_empty(self) -> None:
        assert self.connection is not None
        demo = DemoService(self.connection.db)
        if not demo.is_empty():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            demo.load()
        finally:
            QGuiApplication.restoreOverrideCursor()

    # ----- signing in ----------------------------------------------------------------------

    def sign_in(self) -> Actor | str | None:
        assert self.connection is not None
        db = self.connection.db
        agents = AgentService(db)
        if agents.count() == 0:
            first = FirstStartDialog(agents, DemoService(db), self.pool)
            if first.exec() != FirstStartDialog.DialogCode.Accepted:
                return None
            self.settings.last_login = first.login
        hint = ""
        if DemoService(db).is_demo_database():
            hint = fill(
                self.app.translate("Desk", "Demo database: sign in as %1 with the password %2."),
                ", ".join(login for login, _name, _role in DEMO_AGENTS),
                DEMO_PASSWORD,
            )
        dialog = SignInDialog(
            agents, self.secrets, self.settings, self.connection.name, self.pool, demo_hint=hint
        )
        if dialog.exec() == SignInDialog.DialogCode.Accepted and dialog.actor is not None:
            return dialog.actor
        return "settings" if dialog.wants_settings else None

    # ----- the main window -----------------------------------------------------------------

    def context(self) -> DeskContext:
        assert self.connection is not None
        assert self.actor is not None
        return DeskContext(self.connection.db, self.actor, self.settings, self.pool)

    def show_main_window(self, reopen: list[int] | None = None) -> MainWindow:
        assert self.connection is not None
        context = self.context()
        drafts = DraftStore(data_dir(self.environ) / "drafts", self.connection.name)
        window = MainWindow(
            context,
            build_screens(context),
            drafts,
            self.connection.name,
            ticket_tabs=ticket_tabs(),
            ticket_actions=ticket_actions(),
        )
        wire_window(window, context)
        window.sign_out_requested.connect(self.sign_out)
        window.settings_requested.connect(lambda: self.open_settings(parent=window))
        window.destroyed.connect(self._window_gone)
        self._stop_live()
        live = LiveUpdates(context.db)
        live.tickets_changed.connect(window.remote_changes)
        live.others_changed.connect(window.remote_others_changed)
        live.connection_changed.connect(window.connection_changed)
        self._live = live
        live.start()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window = window
        if self.connection.newer_schema:
            window.show_update_notice()
        for ticket_id in reopen or []:
            window.open_ticket(ticket_id)
        window.show()
        return window

    def _window_gone(self) -> None:
        if not self._replacing_window:
            self._stop_live()
            self.app.quit()

    def _close_window(self) -> list[int]:
        window, self.window = self.window, None
        if window is None:
            return []
        open_ids = window.open_ticket_ids()
        self._stop_live()
        self._replacing_window = True
        window.close()
        self.app.processEvents()
        self._replacing_window = False
        return open_ids

    def sign_out(self) -> None:
        self._close_window()
        self.actor = None
        if not self.start():
            self.app.quit()

    def open_settings(self, parent: QWidget | None) -> bool:
        """Show the settings; apply theme and language at once, reconnect when needed."""
        dialog = SettingsDialog(self.settings, self.secrets, self.pool, parent)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return False
        if dialog.theme_changed:
            apply_theme(self.app, self.settings.theme)
        if dialog.language_changed:
            self.translations.apply(self.settings.language)
        if dialog.connection_changed and not self.database_override:
            reopen = self._close_window()
            del reopen  # tickets of another database are not reopened
            if self.connection is not None:
                self.connection.db.dispose()
                self.connection = None
            self.actor = None
            if parent is not None and not self.start():
                self.app.quit()
            return True
        if (dialog.language_changed or dialog.theme_changed) and self.window is not None:
            # Rebuild the window so every label is in the new language and colours.
            reopen = self._close_window()
            self.show_main_window(reopen)
        return True

    def _ask(self, title: str, text: str, buttons: list[str]) -> int:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text)
        created = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in buttons]
        box.exec()
        clicked = box.clickedButton()
        return created.index(clicked) if clicked in created else len(buttons) - 1
