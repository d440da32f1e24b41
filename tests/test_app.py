"""The whole start of the desk: connect, first start, demo data, sign-in, sign-out, settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hezo_desk.app import DeskApplication
from hezo_desk.db import Database
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.secrets import SecretStore
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.settings import DeskSettings
from keyrings import MemoryKeyring


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

    def make(url: str, demo: bool = False) -> DeskApplication:
        settings = DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
        desk = DeskApplication(
            qapp,
            settings,
            SecretStore(MemoryKeyring()),
            database_override=url,
            demo=demo,
            environ={"HEZO_DESK_DATA_DIR": str(tmp_path / "data")},
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
