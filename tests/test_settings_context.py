"""Changing theme or language keeps where the agent is (issue 14): the screen shown, its
filters, search text, sort and selection, the caller on the lookup and the open tickets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.app import DeskApplication
from hezo_desk.db import Database
from hezo_desk.enums import TicketState
from hezo_desk.models import Customer, Ticket
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.secrets import SecretStore
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.resellers_screen import ResellersScreen
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.tables.tickets import STATE_CHOICES, TicketsScreen
from hezo_desk.ui.theme import current_theme
from keyrings import MemoryKeyring
from pictures import save_picture
from waiting import WAIT_MS


def _when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def _sign_in(widget: QWidget) -> None:
    assert isinstance(widget, SignInDialog)
    widget.login.setText("admin")
    widget.password.setText("hezo-demo")
    widget.sign_in_button.click()


def _choose(theme: str | None = None, language: str | None = None) -> Callable[[QWidget], None]:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, SettingsDialog)
        if theme is not None:
            widget.theme.setCurrentIndex(widget.theme.findData(theme))
        if language is not None:
            widget.language.setCurrentIndex(widget.language.findData(language))
        widget._save()

    return act


@pytest.fixture
def desk(
    qapp: QApplication, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DeskApplication]:
    """The demo administrator's desk, in English and the light theme, signed in."""
    (tmp_path / "opened").mkdir()
    # qt-material writes each theme's icons into one folder of the user's (emptied first):
    # a test applying themes has its own, or another process's theme change removes them.
    from qt_material.resources import generate

    monkeypatch.setattr(generate, "RESOURCES_PATH", str(tmp_path / "qt_material"))
    settings = DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
    settings.language, settings.theme = "en", "light"
    made = DeskApplication(
        qapp,
        settings,
        SecretStore(MemoryKeyring()),
        database_override=demo_db.url.render_as_string(hide_password=False),
        environ={"HEZO_DESK_DATA_DIR": str(tmp_path / "data")},
        opened_copies=OpenedCopies(tmp_path / "opened"),
    )
    _when_modal(SignInDialog, _sign_in)
    assert made.start()
    try:
        yield made
    finally:
        if made.window is not None:
            made._close_window()
        made.shutdown()
        made.translations.apply("en")
        qapp.setStyleSheet("")
        qapp.setProperty("hezo_theme", None)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    context = window.context
    qtbot.waitUntil(
        lambda: context.pool.activeThreadCount() == 0 and context.jobs.activeThreadCount() == 0,
        timeout=WAIT_MS,
    )


def _tickets(window: MainWindow) -> TicketsScreen:
    screen = window.screen_widget("tickets")
    assert isinstance(screen, TicketsScreen)
    return screen


def _first_menu(window: MainWindow) -> str:
    return window.menuBar().actions()[0].text()


def _change_settings(
    qtbot: QtBot, desk: DeskApplication, act: Callable[[QWidget], None]
) -> MainWindow:
    before = desk.window
    assert before is not None
    size = before.size()
    _when_modal(SettingsDialog, act)
    assert desk.open_settings(parent=before)
    after = desk.window
    assert after is not None
    assert after is not before, "the window is built again in the new language or colours"
    assert after.size() == size, "the window keeps its size"
    return after


def test_changing_language_or_theme_keeps_the_list_its_filters_selection_and_tickets(
    qtbot: QtBot, desk: DeskApplication, demo_db: Database, tmp_path: Path
) -> None:
    window = desk.window
    assert window is not None
    with demo_db.sessions() as session:
        word = "zasilacza"  # in several demo subjects
        first_ticket, second_ticket = session.scalars(
            select(Ticket.id).order_by(Ticket.id).limit(2)
        ).all()
    # The agent: a ticket open, the list filtered (every state, a word), sorted by subject
    # descending, the third row selected, the list shown.
    window.open_ticket(first_ticket)
    window.open_ticket(second_ticket)
    tickets = _tickets(window)
    window.show_screen("tickets")
    tickets.state.setCurrentIndex(0)
    tickets.search.setText(word)
    tickets.search.returnPressed.emit()
    tickets.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not tickets.model.is_loading, timeout=WAIT_MS)
    assert tickets.model.row_count >= 3
    tickets.select_relative(2)
    qtbot.waitUntil(lambda: tickets.current_ticket_id() is not None, timeout=WAIT_MS)
    selected = tickets.current_ticket_id()
    list_filter, sort = tickets.list_filter, tickets.model.current_sort
    assert list_filter.search == word
    assert list_filter.states == STATE_CHOICES[0]

    for change, check in (
        (_choose(language="pl"), lambda w: _first_menu(w) == "&Program"),
        (_choose(theme="dark"), lambda _w: current_theme() == "dark"),
        (_choose(language="en", theme="light"), lambda w: _first_menu(w) == "&Desk"),
    ):
        window = _change_settings(qtbot, desk, change)
        assert check(window)
        tickets = _tickets(window)
        assert window.stack.currentWidget() is tickets, "still on the ticket list"
        assert tickets.search.text() == word
        assert tickets.state.currentIndex() == 0
        qtbot.waitUntil(lambda t=tickets: t.current_ticket_id() == selected, timeout=WAIT_MS)
        assert tickets.list_filter == list_filter
        assert tickets.model.current_sort == sort
        header = tickets.view.horizontalHeader()
        assert header.sortIndicatorSection() == 1
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert window.open_ticket_ids() == [first_ticket, second_ticket]
        _settle(qtbot, window)
        if desk.translations.language == "pl":
            # Polish after the switch: the filter's words too, and the row still selected.
            assert tickets.mine.text() == "Moje zgłoszenia"
            save_picture(window, tmp_path, "pl-after-switch")


def test_changing_language_keeps_the_caller_and_the_ticket_shown(
    qtbot: QtBot, desk: DeskApplication, demo_db: Database
) -> None:
    window = desk.window
    assert window is not None
    with demo_db.sessions() as session:
        tax_id, customer_id = session.execute(
            select(Customer.tax_id, Customer.id)
            .join(Ticket, Ticket.customer_id == Customer.id)
            .where(Ticket.state != TicketState.CLOSED)
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        ticket_id = session.scalars(select(Ticket.id).order_by(Ticket.id.desc()).limit(1)).one()
    lookup = window.show_screen("lookup")
    assert isinstance(lookup, LookupView)
    lookup.query.setText(tax_id)
    lookup.run_lookup()
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    lookup.details.setCurrentIndex(3)  # the contacts
    # A ticket shown, the lookup behind it, a note half written in it.
    view = window.open_ticket(ticket_id)
    _settle(qtbot, window)
    view.focus_note()
    view.composer.setPlainText("Klient oddzwoni po 15:00")

    window = _change_settings(qtbot, desk, _choose(language="pl"))
    shown = window.current_ticket()
    assert shown is not None
    assert shown.ticket_id == ticket_id, "the ticket shown before is shown"
    assert shown.composer.toPlainText() == "Klient oddzwoni po 15:00"
    assert shown.composing.kind_code == "note"
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    assert lookup.query.text() == tax_id
    assert lookup.overview is not None
    assert lookup.overview.customer.id == customer_id, "the same caller"
    assert lookup.details.currentIndex() == 3
    assert lookup.new_ticket_button.isEnabled()
    # Worded again in the new language, not kept in the old one.
    assert "odczytano" in lookup.read_as.text()
    _settle(qtbot, window)
    # Nothing read afterwards replaces the caller.
    assert lookup.overview.customer.id == customer_id
    window.show_screen("lookup")
    assert window.stack.currentWidget() is lookup


def test_changing_theme_keeps_the_reseller_and_the_ticket_previewed(
    qtbot: QtBot, desk: DeskApplication
) -> None:
    window = desk.window
    assert window is not None
    screen = window.show_screen("resellers")
    assert isinstance(screen, ResellersScreen)
    qtbot.waitUntil(lambda: screen.resellers_model.rowCount() > 1, timeout=WAIT_MS)
    # The second reseller with tickets to see, and its second ticket.
    for row in range(screen.resellers_model.rowCount()):
        reseller = screen.resellers_model.row_at(row)
        assert reseller is not None
        if reseller.visible_tickets >= 2 and row > 0:
            break
    typed = reseller.name[:3]
    screen.filter.setText(typed)
    row = next(
        r
        for r in range(screen.resellers_model.rowCount())
        if screen.resellers_model.rows[r].id == reseller.id
    )
    screen.resellers.selectRow(row)
    qtbot.waitUntil(lambda: screen.tickets_model.rowCount() >= 2, timeout=WAIT_MS)
    screen.tickets.selectRow(1)
    ticket = screen.tickets_model.row_at(1)
    assert ticket is not None
    _settle(qtbot, window)

    window = _change_settings(qtbot, desk, _choose(theme="dark"))
    screen = window.screen_widget("resellers")
    assert isinstance(screen, ResellersScreen)
    assert window.stack.currentWidget() is screen
    assert screen.filter.text() == typed
    qtbot.waitUntil(
        lambda: screen.reseller is not None and screen.tickets_model.rowCount() >= 2,
        timeout=WAIT_MS,
    )
    assert screen.reseller is not None
    assert screen.reseller.id == reseller.id
    chosen = screen.tickets_model.row_at(screen.tickets.currentIndex().row())
    assert chosen is not None
    assert chosen.ticket_id == ticket.ticket_id
