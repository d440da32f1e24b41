"""Keyboard-first (issue 14): Down, or Enter once results are shown, moves from a search
field into its results, and Enter on a row opens it; driven by key clicks only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import CallDirection, CallEventKind, TicketState
from hezo_desk.models import Customer, Ticket
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.tables.calls import CallsScreen
from hezo_desk.ui.tables.contracts import ContractsScreen
from hezo_desk.ui.tables.serials import SerialsScreen
from hezo_desk.ui.tables.tickets import TicketsScreen
from waiting import WAIT_MS

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, desk_context: DeskContext, tmp_path: Path) -> MainWindow:
    main = MainWindow(
        desk_context,
        build_screens(desk_context),
        DraftStore(tmp_path / "drafts", desk_context.db.display_url),
        desk_context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(main, desk_context)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main, timeout=WAIT_MS)
    main.activateWindow()
    return main


def _focus_is(widget: QWidget) -> Callable[[], bool]:
    return lambda: QApplication.focusWidget() is widget


def _tax_id_with_open_ticket(db: Database) -> str:
    with db.sessions() as session:
        tax_id = session.scalar(
            select(Customer.tax_id)
            .join(Ticket, Ticket.customer_id == Customer.id)
            .where(Ticket.state == TicketState.IN_PROGRESS)
            .order_by(Ticket.id)
            .limit(1)
        )
    assert tax_id is not None
    return tax_id


def _into_the_list(qtbot: QtBot, field: QLineEdit, view: QAbstractItemView) -> None:
    """The list has rows: Down in its field puts the keyboard on the first one."""
    field.setFocus()
    qtbot.waitUntil(_focus_is(field), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=WAIT_MS)
    qtbot.keyClick(field, Key.Key_Down)
    assert QApplication.focusWidget() is view
    assert view.currentIndex().row() == 0


def test_the_lookup_goes_from_the_query_to_the_company_and_its_open_ticket_by_enter(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    qtbot.keyClick(window, Key.Key_L, CTRL)
    qtbot.waitUntil(_focus_is(lookup.query), timeout=WAIT_MS)
    qtbot.keyClicks(lookup.query, _tax_id_with_open_ticket(desk_context.db))
    # The first Enter looks up; the focus stays in the field until the result is shown.
    qtbot.keyClick(lookup.query, Key.Key_Return)
    assert QApplication.focusWidget() is lookup.query
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: lookup.open_tickets_model.rowCount() > 0, timeout=WAIT_MS)
    # The result is shown: Enter moves on to the company found…
    qtbot.keyClick(lookup.query, Key.Key_Return)
    assert QApplication.focusWidget() is lookup.customers
    assert lookup.customers.currentIndex().row() == 0
    # …Enter on the company to its open tickets, Enter on a ticket opens it.
    qtbot.keyClick(lookup.customers, Key.Key_Return)
    assert QApplication.focusWidget() is lookup.open_tickets
    assert lookup.open_tickets.currentIndex().row() == 0
    first = lookup.open_tickets_model.row_at(0)
    assert first is not None
    qtbot.keyClick(lookup.open_tickets, Key.Key_Return)
    opened = window.current_ticket()
    assert opened is not None
    assert opened.ticket_id == first.id


def test_down_in_the_lookup_goes_to_the_companies_found(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    lookup.focus_query()
    qtbot.waitUntil(_focus_is(lookup.query), timeout=WAIT_MS)
    # Down while nothing is found keeps the keyboard in the field.
    qtbot.keyClick(lookup.query, Key.Key_Down)
    assert QApplication.focusWidget() is lookup.query
    qtbot.keyClicks(lookup.query, _tax_id_with_open_ticket(desk_context.db))
    qtbot.keyClick(lookup.query, Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.customers_model.rowCount() > 0, timeout=WAIT_MS)
    qtbot.keyClick(lookup.query, Key.Key_Down)
    assert QApplication.focusWidget() is lookup.customers


def test_the_ticket_list_search_leads_to_its_rows_and_enter_opens_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    tickets.view.setFocus()
    qtbot.waitUntil(_focus_is(tickets.view), timeout=WAIT_MS)
    qtbot.keyClick(tickets.view, Key.Key_F, CTRL)
    qtbot.waitUntil(_focus_is(tickets.search), timeout=WAIT_MS)
    qtbot.keyClicks(tickets.search, "HD")
    # Enter searches now; once the rows are there, Enter moves onto the first.
    with qtbot.waitSignal(tickets.model.loaded, timeout=WAIT_MS):
        qtbot.keyClick(tickets.search, Key.Key_Return)
    assert QApplication.focusWidget() is tickets.search
    qtbot.waitUntil(lambda: tickets.model.row_at(0) is not None, timeout=WAIT_MS)
    qtbot.keyClick(tickets.search, Key.Key_Return)
    assert QApplication.focusWidget() is tickets.view
    first = tickets.current_ticket_id()
    assert first is not None
    qtbot.keyClick(tickets.view, Key.Key_Return)
    opened = window.current_ticket()
    assert opened is not None
    assert opened.ticket_id == first
    # Down works as well, without waiting for Enter.
    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    _into_the_list(qtbot, tickets.search, tickets.view)


def test_contracts_and_serials_filters_lead_to_their_rows_and_enter_opens_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    contracts = window.show_screen("contracts")
    assert isinstance(contracts, ContractsScreen)
    _into_the_list(qtbot, contracts.text, contracts.view)
    with qtbot.waitSignal(contracts.contract_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(contracts.view, Key.Key_Return)
    assert opened.args == [contracts.model.row_at(0).id]  # type: ignore[union-attr]

    serials = window.show_screen("serials")
    assert isinstance(serials, SerialsScreen)
    _into_the_list(qtbot, serials.serial, serials.view)
    with qtbot.waitSignal(serials.service_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(serials.view, Key.Key_Return)
    assert opened.args == [serials.model.row_at(0).id]  # type: ignore[union-attr]


def test_the_call_journal_search_leads_to_its_calls_and_enter_asks_the_outcome(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    CallJournal(desk_context.db).record(
        desk_context.actor,
        CallEvent("600 700 800", CallDirection.INBOUND, CallEventKind.RING, "k-1", at),
    )
    asked: list[str] = []

    def get_text(_parent: QWidget, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    calls = window.show_screen("calls")
    assert isinstance(calls, CallsScreen)
    _into_the_list(qtbot, calls.search, calls.view)
    qtbot.keyClick(calls.view, Key.Key_Return)
    assert len(asked) == 1
    assert "600" in asked[0]
