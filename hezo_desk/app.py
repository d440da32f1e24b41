"""Builds the QApplication: settings, theme, translations, connection, sign-in, main window.

Nothing here that can wait on the network runs on the UI thread: opening the database, its
schema check and upgrade, demo data and the facts the sign-in needs are read in the pool
behind a `WaitDialog`, and the live watcher of a window being replaced is left to stop on its
own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QThreadPool, QUrl
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from hezo_desk.config import APP_AUTHOR, APP_NAME, data_dir
from hezo_desk.db import ConnectionStanding, Database, SchemaState
from hezo_desk.drafts import DraftStore
from hezo_desk.errors import HezoError
from hezo_desk.placeholders import fill
from hezo_desk.resources import icon_path
from hezo_desk.services.actor import Actor
from hezo_desk.services.agent_sessions import end_session_quietly
from hezo_desk.services.agents import AgentService
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.demo import DEMO_AGENTS, DEMO_PASSWORD, DemoService
from hezo_desk.services.desk_handoff import (
    UnsafeFolderError,
    desk_address,
    hand_to_running_desk,
    show_running_desk,
)
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.secrets import SecretStore, SecretStoreUnavailableError, database_key
from hezo_desk.ui.call_backs import CallBacksScreen
from hezo_desk.ui.call_listener import CallListener
from hezo_desk.ui.call_recorder import CallRecorder
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.dialogs.wait import Phase, WaitDialog
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.garbage import UiThreadGarbageCollector
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.incoming_calls import IncomingCalls
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.main_window import MainWindow, WindowState
from hezo_desk.ui.platform_check import advice, missing_for_qt
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.theme import apply_theme
from hezo_desk.ui.workers import TaskControl

# Threads for long jobs (import, batch export, printing, a big list's positions): few, so that
# they leave the cores to the interactive reads of `pool`.
JOB_THREADS = 2
# At exit only (the window is gone): how long to let background work and stopping watchers end.
EXIT_WAIT_MS = 10_000


def run_desk(
    *,
    database_override: str | None,
    demo: bool,
    environ: Mapping[str, str],
    pending_calls: Sequence[CallEvent] = (),
) -> int:
    """The desk's window until it closes; `database_override` replaces the configured database.

    `pending_calls` are shown and recorded once the agent has signed in.
    """
    missing = missing_for_qt(environ, platform=sys.platform)
    if missing and QApplication.instance() is None:
        # Qt would abort the process with a message meant for its developers.
        sys.stderr.write(advice(missing))
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("HEZO Desk")
    app.setWindowIcon(QIcon(str(icon_path("hezo-desk.svg"))))
    try:
        call_address: str | None = desk_address(database_override, environ)
    except UnsafeFolderError as error:
        # The desk works without the hand-off; `hezo-desk call` says what is wrong.
        sys.stderr.write(f"hezo-desk: calls cannot reach this desk: {error.folder} is unsafe\n")
        call_address = None
    desk = DeskApplication(
        app,
        DeskSettings(QSettings()),
        SecretStore(),
        database_override=database_override,
        demo=demo,
        environ=environ,
        call_address=call_address,
        pending_calls=pending_calls,
    )
    return desk.run()


@dataclass
class _Connection:
    db: Database
    name: str
    # Another desk already upgraded the shared schema; this one still works with it.
    newer_schema: bool = False
    # Connected as the schema owner (PostgreSQL): the database checks no agent's rights.
    as_schema_owner: bool = False


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
        opened_copies: OpenedCopies | None = None,
        call_address: str | None = None,
        pending_calls: Sequence[CallEvent] = (),
    ) -> None:
        """`call_address`: where `hezo-desk call` finds this desk (None: calls cannot)."""
        self.app = app
        self.settings = settings
        self.secrets = secrets
        self.database_override = database_override
        self.demo = demo
        self.environ = dict(os.environ if environ is None else environ)
        self.pool = QThreadPool()
        self.jobs = QThreadPool()
        self.jobs.setMaxThreadCount(JOB_THREADS)
        self.opened_copies = opened_copies if opened_copies is not None else OpenedCopies()
        self._wait: WaitDialog | None = None
        self.translations = Translations(app)
        self.connection: _Connection | None = None
        self.actor: Actor | None = None
        self.window: MainWindow | None = None
        self._replacing_window = False
        self._live: LiveUpdates | None = None
        self.call_address = call_address
        self.calls = IncomingCalls(CallListener())
        self.calls.listener.show_requested.connect(self.come_to_front)
        # Every event the signed-in desk takes goes into the call journal.
        self.call_recorder = CallRecorder()
        self.calls.delivered.connect(self.call_recorder.record)
        self.call_recorder.failed.connect(self._call_not_recorded)
        for event in pending_calls:
            self.calls.take(event)
        app.setQuitOnLastWindowClosed(False)
        self.garbage = UiThreadGarbageCollector(app)

    # ----- life cycle ----------------------------------------------------------------------

    def run(self) -> int:
        self.garbage.start()
        try:
            apply_theme(self.app, self.settings.theme)
            self.translations.apply(self.settings.language)
            if not self.listen_for_calls() and self.hand_over_to_running_desk():
                return 0
            if not self.start():
                return 0
            code = self.app.exec()
            self.shutdown()
            return code
        finally:
            self.garbage.stop()

    def start(self) -> bool:
        """Connect and sign in, then show the main window; False when the user gave up."""
        # Copies of attachments left by a desk that was killed: customer data, not to keep.
        self.opened_copies.clear_abandoned()
        while True:
            if self.connection is None:
                self.connection = self.connect()
                if self.connection is None:
                    return False
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

    def listen_for_calls(self) -> bool:
        """From before the sign-in on: a call then waits, and no second desk is started.

        False when calls cannot reach this desk (another desk of this user and database
        has the address): it works on without them.
        """
        if self.call_address is None:
            return False
        return self.calls.listener.listen(self.call_address)

    def _watch_own_dials(self, window: MainWindow) -> None:
        """A call-back's tel: link reaches this desk again when the desk is the system's
        tel: handler: it is told which numbers it dialled, so as not to take them for calls."""
        screen = window.screen_widget("callbacks")
        if not isinstance(screen, CallBacksScreen):
            return
        system_dial = screen.dial
        calls = self.calls

        def dial(url: QUrl) -> bool:
            calls.dialled(url.path())
            return system_dial(url)

        screen.dial = dial

    def come_to_front(self) -> None:
        """`hezo-desk` was started again: the window, or the sign-in that comes before it."""
        if self.window is not None:
            self.window.come_to_front()
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()

    def _call_not_recorded(self, event: CallEvent, error: object) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(
                fill(
                    self.app.translate("Desk", "The call of %1 is not in the call journal: %2"),
                    event.number,
                    error_text(error),
                )
            )

    def hand_over_to_running_desk(self) -> bool:
        """Another desk of this user and database started first (two `hezo-desk call` at
        once): it gets this one's calls and comes to the front; True when it did."""
        if self.call_address is None:
            return False
        try:
            if not show_running_desk(self.call_address):
                return False
            for event in self.calls.take_pending():
                hand_to_running_desk(self.call_address, event)
        except (HezoError, OSError):
            return False
        return True

    def _stop_live(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def shutdown(self) -> None:
        self.calls.listener.close()
        self._stop_live()
        # The window is gone: waiting here holds up only the end of the process.
        self.jobs.waitForDone(EXIT_WAIT_MS)
        self.pool.waitForDone(EXIT_WAIT_MS)
        LiveUpdates.wait_for_stopped(EXIT_WAIT_MS)
        self.opened_copies.remove_all()
        if self.connection is not None:
            self.connection.db.dispose()
            self.connection = None

    def _waiter(self) -> WaitDialog:
        if self._wait is None:
            self._wait = WaitDialog(self.pool)
        return self._wait

    # ----- connecting ----------------------------------------------------------------------

    def connect(self) -> _Connection | None:
        """Open the configured database, offering settings or retry when that fails."""
        while True:
            try:
                connection = self._try_connect()
                if connection is not None:
                    return connection
                message = self.app.translate("Desk", "Opening the database was cancelled.")
            except Exception as error:
                message = error_text(error)
            choice = self._ask(
                self.app.translate("Desk", "Cannot open the database"),
                message,
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

    def _try_connect(self) -> _Connection | None:
        """The database opened and ready (in the pool); None when the user cancelled."""
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
        translate = self.app.translate
        checking = translate("Desk", "Opening the database and checking its schema…")
        upgrading = translate("Desk", "Upgrading the database schema…")
        loading = translate("Desk", "Loading demo data…")
        demo = self.demo

        def work(control: TaskControl, phase: Phase) -> _Connection:
            db = Database(url)
            try:
                status = db.schema_status()
                control.check()
                if db.is_sqlite and status.state in (SchemaState.EMPTY, SchemaState.BEHIND):
                    # Once begun, the upgrade is left to finish (one transaction of its own).
                    phase(upgrading, False)
                status = db.ensure_ready(auto_upgrade=db.is_sqlite)
                control.check()
                if demo and DemoService(db).is_empty():
                    # One transaction: cancelled half way it would leave nothing anyway, but
                    # the user could not tell; it is left to finish.
                    phase(loading, False)
                    DemoService(db).load()
            except BaseException:
                db.dispose()
                raise
            return _Connection(
                db,
                db.display_url,
                status.state is SchemaState.NEWER_COMPATIBLE,
                as_schema_owner=db.standing() is ConnectionStanding.SCHEMA_OWNER,
            )

        outcome = self._waiter().run(work, text=checking, abandon=_dispose)
        if outcome.error is not None:
            assert isinstance(outcome.error, Exception)
            raise outcome.error
        return outcome.result

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

    # ----- signing in ----------------------------------------------------------------------

    def _sign_in_facts(self, db: Database) -> tuple[int, bool] | None:
        """How many agents there are and whether it is the demo database; None: give up."""

        def work(_control: TaskControl, _phase: Phase) -> tuple[int, bool]:
            return AgentService(db).count(), DemoService(db).is_demo_database()

        text = self.app.translate("Desk", "Reading the accounts…")
        while True:
            outcome = self._waiter().run(work, text=text)
            if outcome.result is not None:
                return outcome.result
            message = (
                self.app.translate("Desk", "Reading the accounts was cancelled.")
                if outcome.cancelled
                else error_text(outcome.error)
            )
            choice = self._ask(
                self.app.translate("Desk", "Cannot read the accounts"),
                message,
                [self.app.translate("Desk", "&Retry"), self.app.translate("Desk", "&Quit")],
            )
            if choice != 0:
                return None

    def sign_in(self) -> Actor | str | None:
        assert self.connection is not None
        db = self.connection.db
        facts = self._sign_in_facts(db)
        if facts is None:
            return None
        agent_count, is_demo = facts
        agents = AgentService(db)
        if agent_count == 0:
            first = FirstStartDialog(agents, DemoService(db), self.pool)
            if first.exec() != FirstStartDialog.DialogCode.Accepted:
                return None
            self.settings.last_login = first.login
            is_demo = first.loaded_demo
        hint = ""
        if is_demo:
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
        return DeskContext(
            self.connection.db,
            self.actor,
            self.settings,
            self.pool,
            self.jobs,
            self.opened_copies,
            drafts_dir=data_dir(self.environ) / "drafts",
        )

    def show_main_window(
        self, reopen: list[int] | None = None, *, state: WindowState | None = None
    ) -> MainWindow:
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
        self._watch_own_dials(window)
        window.sign_out_requested.connect(self.sign_out)
        window.settings_requested.connect(lambda: self.open_settings(parent=window))
        window.destroyed.connect(self._window_gone)
        self._stop_live()
        live = LiveUpdates(context.db)
        live.tickets_changed.connect(window.remote_changes)
        live.others_changed.connect(window.remote_others_changed)
        live.calls_changed.connect(window.remote_calls_changed)
        live.connection_changed.connect(window.connection_changed)
        self._live = live
        live.start()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window = window
        if self.connection.newer_schema:
            window.show_update_notice()
        if self.connection.as_schema_owner:
            window.show_owner_notice()
        for ticket_id in reopen or []:
            window.open_ticket(ticket_id)
        if state is not None:
            window.restore_state(state)
        window.show()
        self.calls.attach(window, context)
        if not reopen and state is None:
            # The phone is ringing: what the agent types first is the caller's number.
            window.focus_lookup()
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
        self.calls.detach()
        self._stop_live()
        self._replacing_window = True
        window.close()
        self.app.processEvents()
        self._replacing_window = False
        return open_ids

    def sign_out(self) -> None:
        self._close_window()
        self.actor = None
        self._end_database_session()
        if not self.start():
            self.app.quit()

    def _end_database_session(self) -> None:
        """Nothing of this desk acts for the agent any more; the server forgets the session in
        the background (were it unreachable, the session would end by itself in 16 hours)."""
        db = self.connection.db if self.connection is not None else None
        token = db.agent_session if db is not None else None
        if db is None or token is None:
            return
        db.use_agent_session(None)
        self.pool.start(lambda: end_session_quietly(db, token))

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
                # No wait on the network: it closes the idle connections, and psycopg's are
                # non-blocking (a Terminate message is queued, nothing awaited); tasks still
                # running keep theirs until they end.
                self.connection.db.dispose()
                self.connection = None
            self.actor = None
            if parent is not None and not self.start():
                self.app.quit()
            return True
        if (dialog.language_changed or dialog.theme_changed) and self.window is not None:
            # Rebuild the window so every label is in the new language and colours; the new
            # one shows the same screen, filters, selection and open tickets.
            state = self.window.save_state()
            self._close_window()
            self.show_main_window(state=state)
        return True

    def _ask(self, title: str, text: str, buttons: list[str]) -> int:
        """The index of the button the user chose (the last one when the box was closed)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text)
        created = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in buttons]
        box.exec()
        clicked = box.clickedButton()
        return created.index(clicked) if clicked in created else len(buttons) - 1


def _dispose(connection: _Connection) -> None:
    """A database opened for a start-up the user cancelled meanwhile."""
    connection.db.dispose()
