"""The whole start of the desk: connect, first start, demo data, sign-in, sign-out, settings."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hezo_desk.app import DeskApplication
from hezo_desk.db import Database
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.secrets import SecretStore
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.dialogs.wait import WaitDialog
from hezo_desk.ui.settings import DeskSettings
from keyrings import MemoryKeyring
from waiting import WAIT_MS, WAIT_S


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of `kind` as soon as it shows."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def sign_in_as(login: str, password: str) -> Callable[[QWidget], None]:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, SignInDialog)
        widget.login.setText(login)
        widget.password.setText(password)
        widget.sign_in_button.click()

    return act


@pytest.fixture
def desk_factory(
    qapp: QApplication, tmp_path: Path
) -> Iterator[Callable[[str, bool], DeskApplication]]:
    made: list[DeskApplication] = []
    (tmp_path / "opened").mkdir()

    def make(url: str, demo: bool = False) -> DeskApplication:
        settings = DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
        desk = DeskApplication(
            qapp,
            settings,
            SecretStore(MemoryKeyring()),
            database_override=url,
            demo=demo,
            environ={"HEZO_DESK_DATA_DIR": str(tmp_path / "data")},
            opened_copies=OpenedCopies(tmp_path / "opened"),
        )
        made.append(desk)
        return desk

    yield make
    for desk in made:
        if desk.window is not None:
            desk._close_window()
        desk.shutdown()


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_start_signs_in_and_shows_the_main_window(
    qtbot: QtBot, demo_db: Database, desk_factory: Callable[[str, bool], DeskApplication]
) -> None:
    desk = desk_factory(_url(demo_db), False)
    when_modal(SignInDialog, sign_in_as("anna.nowak", "hezo-demo"))
    assert desk.start()
    assert desk.window is not None
    assert desk.window.isVisible()
    assert desk.actor is not None
    assert desk.actor.login == "anna.nowak"
    # What the agent types first goes into the caller lookup.
    focused = desk.window.focusWidget()
    assert focused is not None
    assert focused.objectName() == "query"
    assert desk.window.stack.currentWidget() is desk.window.screen_widget("lookup")
    # Sign out, then in as someone else, without restarting.
    when_modal(SignInDialog, sign_in_as("marek.zielinski", "hezo-demo"))
    desk.sign_out()
    assert desk.actor is not None
    assert desk.actor.login == "marek.zielinski"
    assert desk.window is not None


def test_an_empty_database_asks_for_the_first_administrator(
    qtbot: QtBot, db: Database, desk_factory: Callable[[str, bool], DeskApplication]
) -> None:
    desk = desk_factory(_url(db), False)

    def create_admin(widget: QWidget) -> None:
        assert isinstance(widget, FirstStartDialog)
        widget.admin_name.setText("Ala Admin")
        widget.admin_password.setText("pierwsze-haslo")
        widget.admin_repeat.setText("pierwsze-haslo")
        widget.create_button.click()
        when_modal(SignInDialog, sign_in_as("admin", "pierwsze-haslo"))

    when_modal(FirstStartDialog, create_admin)
    assert desk.start()
    assert desk.actor is not None
    assert desk.actor.display_name == "Ala Admin"


def test_demo_fills_an_empty_database_first(
    qtbot: QtBot, db: Database, desk_factory: Callable[[str, bool], DeskApplication]
) -> None:
    desk = desk_factory(_url(db), True)
    hints: list[str] = []

    def sign_in(widget: QWidget) -> None:
        hint = widget.findChild(QWidget, "demo_hint")
        hints.append(hint.text() if hint is not None else "")  # type: ignore[attr-defined]
        sign_in_as("admin", "hezo-demo")(widget)

    when_modal(SignInDialog, sign_in)
    assert desk.start()
    assert not DemoService(db).is_empty()
    assert "hezo-demo" in hints[0]
    assert AgentService(db).count() >= 5


def test_giving_up_at_sign_in_ends_the_start(
    qtbot: QtBot, demo_db: Database, desk_factory: Callable[[str, bool], DeskApplication]
) -> None:
    desk = desk_factory(_url(demo_db), False)
    when_modal(SignInDialog, lambda widget: widget.reject())  # type: ignore[attr-defined]
    assert not desk.start()
    assert desk.window is None


def test_first_start_upgrades_and_loads_demo_data_off_the_ui_thread(
    qtbot: QtBot,
    empty_url: str,
    desk_factory: Callable[[str, bool], DeskApplication],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The schema check, the upgrade and the demo load wait on the database: in the pool, while
    the UI thread keeps running (a timer of its own fires while the demo data is loading)."""
    main = threading.get_ident()
    ticked = threading.Event()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(ticked.set)
    timer.start()
    threads: dict[str, int] = {}
    responsive: list[bool] = []
    upgrade, check, load = Database.upgrade, Database.schema_status, DemoService.load

    def checking(db: Database) -> object:
        threads.setdefault("check", threading.get_ident())
        return check(db)

    def upgrading(db: Database) -> object:
        threads["upgrade"] = threading.get_ident()
        return upgrade(db)

    def loading(demo: DemoService, **options: Any) -> object:
        threads["demo"] = threading.get_ident()
        ticked.clear()
        # Only a UI thread that is free to run its timers sets the event meanwhile.
        responsive.append(ticked.wait(30))
        return load(demo, **options)

    monkeypatch.setattr(Database, "schema_status", checking)
    monkeypatch.setattr(Database, "upgrade", upgrading)
    monkeypatch.setattr(DemoService, "load", loading)
    desk = desk_factory(empty_url, True)
    if empty_url.startswith("postgresql"):
        # A shared database is upgraded by its administrator (`hezo-desk db upgrade`), never
        # by a desk; the desk says so, having checked in the pool.
        messages: list[str] = []

        def quit_box(widget: QWidget) -> None:
            assert isinstance(widget, QMessageBox)
            messages.append(widget.text())
            widget.buttons()[-1].click()

        when_modal(QMessageBox, quit_box)
        assert not desk.start()
        assert "needs its schema upgraded" in messages[0]
        assert threads["check"] != main
        assert "upgrade" not in threads
        timer.stop()
        return
    when_modal(SignInDialog, sign_in_as("admin", "hezo-demo"))
    assert desk.start()
    timer.stop()
    assert set(threads) == {"check", "upgrade", "demo"}
    assert main not in threads.values()
    assert responsive == [True], "the UI thread ran its timer while demo data loaded"
    assert desk.connection is not None
    assert not DemoService(desk.connection.db).is_empty()


def test_a_start_waiting_on_the_database_can_be_cancelled(
    qtbot: QtBot,
    db: Database,
    desk_factory: Callable[[str, bool], DeskApplication],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server that does not answer: Cancel ends the wait at once, the step ends on its own."""
    answer = threading.Event()
    waiting = threading.Event()
    check = Database.schema_status

    def stuck(database: Database) -> object:
        waiting.set()
        answer.wait(30)
        return check(database)

    monkeypatch.setattr(Database, "schema_status", stuck)
    desk = desk_factory(_url(db), False)
    messages: list[str] = []

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, WaitDialog)
        assert waiting.is_set()
        widget.cancel_button.click()

    def quit_box(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        messages.append(widget.text())
        widget.buttons()[-1].click()

    when_modal(WaitDialog, cancel)
    when_modal(QMessageBox, quit_box)
    assert not desk.start()
    assert messages == ["Opening the database was cancelled."]
    answer.set()  # the server answers after all: the step stops at its next check
    qtbot.waitUntil(lambda: desk.pool.activeThreadCount() == 0, timeout=WAIT_MS)


def test_rebuilding_the_window_does_not_wait_for_a_stuck_watcher(
    qtbot: QtBot,
    demo_db: Database,
    desk_factory: Callable[[str, bool], DeskApplication],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """During an outage the watcher may hang in a read; a new window (theme, language) must
    not wait for it on the UI thread."""
    from hezo_desk.ui import live

    release = threading.Event()
    inside = threading.Event()

    class StuckFeed:
        def __init__(self, _db: Database) -> None:
            pass

        def position(self) -> object:
            inside.set()
            release.wait(WAIT_S)
            raise AssertionError("released only when the test is over")

        def since(self, _position: object) -> object:
            raise AssertionError("not reached in this test")

    waits: list[bool] = []

    def spy_wait(thread: QThread, *args: Any) -> bool:
        waits.append(threading.get_ident() == main)
        return QThread.wait(thread, *args)

    main = threading.get_ident()
    monkeypatch.setattr(live, "ChangeFeed", StuckFeed)
    monkeypatch.setattr(live._Watcher, "wait", spy_wait)
    desk = desk_factory(_url(demo_db), False)
    when_modal(SignInDialog, sign_in_as("anna.nowak", "hezo-demo"))
    try:
        assert desk.start()
        qtbot.waitUntil(inside.is_set, timeout=WAIT_MS)
        assert desk._live is not None
        stuck = desk._live._watcher
        reopen = desk._close_window()
        desk.show_main_window(reopen)
        assert stuck.isRunning(), "the rebuild returned while the old watcher still hangs"
        assert waits == [], "nothing waited for a watcher on the UI thread"
        assert desk.window is not None
        assert desk.window.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(stuck), timeout=WAIT_MS)


def test_opened_attachments_of_a_killed_desk_are_removed_at_the_next_start(
    qtbot: QtBot,
    demo_db: Database,
    desk_factory: Callable[[str, bool], DeskApplication],
    tmp_path: Path,
) -> None:
    opened = tmp_path / "opened"
    # A desk that opened an attachment and was killed: its lock is gone with its process.
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from hezo_desk.services.opened_copies import OpenedCopies; "
            "copies = OpenedCopies(Path(sys.argv[1])); "
            "print(copies.write(7, 'umowa.pdf', b'%PDF-1.4 dane klienta'), flush=True); "
            "sys.stdin.read()",
            str(opened),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    ) as killed:
        assert killed.stdout is not None
        left = Path(killed.stdout.readline().strip())
        assert left.read_bytes() == b"%PDF-1.4 dane klienta"
        killed.kill()
    # A desk still running keeps its folder.
    alive = OpenedCopies(opened)
    kept = alive.write(1, "faktura.pdf", b"%PDF")
    desk = desk_factory(_url(demo_db), False)
    when_modal(SignInDialog, sign_in_as("anna.nowak", "hezo-demo"))
    assert desk.start()
    assert not left.parent.parent.exists(), "the killed desk's copies are gone"
    assert kept.is_file()
    # This desk's own copies go when it exits.
    mine = desk.opened_copies.write(2, "zrzut.png", b"\x89PNG")
    desk._close_window()
    desk.shutdown()
    assert not mine.exists()
    assert desk.opened_copies.folder is None
    alive.remove_all()
    assert list(opened.iterdir()) == []
