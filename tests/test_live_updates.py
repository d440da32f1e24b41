"""Open screens follow changes made elsewhere within seconds, keeping the user's draft."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import TicketState
from hezo_desk.models import Ticket
from hezo_desk.services.agents import AgentService
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui import live as live_module
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screens import build_screens, ticket_actions, ticket_tabs, wire_window
from waiting import WAIT_MS


@pytest.fixture
def watching(monkeypatch: pytest.MonkeyPatch) -> Callable[[Database], bool]:
    """Whether a started watcher sees every later change: it knows where the feed stands and,
    on PostgreSQL, listens for notifications (a change before that would wait for a poll)."""
    positioned, listening = threading.Event(), threading.Event()

    class Feed(live_module.ChangeFeed):
        def latest_id(self) -> int:
            latest = super().latest_id()
            positioned.set()
            return latest

    class Listener(live_module.PostgresListener):
        def open(self) -> None:
            super().open()
            listening.set()

    monkeypatch.setattr(live_module, "ChangeFeed", Feed)
    monkeypatch.setattr(live_module, "PostgresListener", Listener)
    return lambda db: positioned.is_set() and (db.is_sqlite or listening.is_set())


def test_a_reply_by_another_agent_reaches_an_open_ticket_view(
    qtbot: QtBot,
    desk_context: DeskContext,
    tmp_path: Path,
    watching: Callable[[Database], bool],
) -> None:
    db = desk_context.db
    with db.sessions() as session:
        ticket_id = session.scalar(
            select(Ticket.id).where(Ticket.state == TicketState.NEW).order_by(Ticket.id).limit(1)
        )
    assert ticket_id is not None
    window = MainWindow(
        desk_context,
        build_screens(desk_context),
        DraftStore(tmp_path / "drafts", db.display_url),
        db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, desk_context)
    qtbot.addWidget(window)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    view.composer.setPlainText("mój szkic, nie wysłany")
    live = LiveUpdates(db)
    live.tickets_changed.connect(window.remote_changes)
    live.connection_changed.connect(window.connection_changed)
    live.start()
    try:
        qtbot.waitUntil(lambda: watching(db), timeout=WAIT_MS)
        jan = AgentService(db).resolve("jan.kowalski")
        TicketService(db).reply(jan, ticket_id, "Odpowiedź Jana z drugiego stanowiska")
        qtbot.waitUntil(
            lambda: (
                view.detail is not None
                and view.detail.messages[-1].body == "Odpowiedź Jana z drugiego stanowiska"
            ),
            timeout=WAIT_MS,
        )
        assert view.composer.toPlainText() == "mój szkic, nie wysłany"
        assert "connected" in window.connection_state.text()
    finally:
        live.stop()


def test_presence_of_another_agent_is_shown(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    from hezo_desk.services.changes import PresenceService
    from hezo_desk.ui.ticket_view import TicketView

    db = desk_context.db
    jan = AgentService(db).resolve("jan.kowalski")
    PresenceService(db).heartbeat(jan.id, 1)
    view = TicketView(desk_context, 1, DraftStore(tmp_path / "d", db.display_url))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.viewers.isHidden(), timeout=WAIT_MS)
    assert view.viewers.text() == "Also open by: Jan Kowalski"
    assert PresenceService(db).viewers(1, except_agent_id=jan.id) == ["Anna Nowak"]


def test_the_desk_says_when_the_server_is_gone_and_recovers(
    qtbot: QtBot, pg_demo_db: Database, watching: Callable[[Database], bool]
) -> None:
    from sqlalchemy import text

    states: list[tuple[bool, str]] = []
    live = LiveUpdates(pg_demo_db)
    live.connection_changed.connect(lambda ok, message: states.append((ok, message)))
    live.start()
    admin = Database(pg_demo_db.url)
    try:
        qtbot.waitUntil(lambda: watching(pg_demo_db), timeout=WAIT_MS)
        with admin.engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'hezo-desk-listener' AND datname = current_database()"
                )
            )
        qtbot.waitUntil(lambda: any(not ok for ok, _m in states), timeout=WAIT_MS)
        lost = next(message for ok, message in states if not ok)
        assert lost == "the connection to the database was lost; reconnecting"
        qtbot.waitUntil(lambda: states[-1][0], timeout=WAIT_MS)
    finally:
        live.stop()
        admin.dispose()


def test_the_ticket_list_follows_a_change_elsewhere_and_keeps_the_selection(
    qtbot: QtBot,
    desk_context: DeskContext,
    tmp_path: Path,
    watching: Callable[[Database], bool],
) -> None:
    from hezo_desk.enums import Priority
    from hezo_desk.services.tickets import TicketChange
    from hezo_desk.ui.tables.tickets import TicketsScreen

    db = desk_context.db
    window = MainWindow(
        desk_context,
        build_screens(desk_context),
        DraftStore(tmp_path / "drafts", db.display_url),
        db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, desk_context)
    qtbot.addWidget(window)
    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    qtbot.waitUntil(lambda: tickets.model.row_at(5) is not None, timeout=WAIT_MS)
    tickets.view.selectRow(3)
    selected = tickets.current_ticket_id()
    assert selected is not None
    target = tickets.model.row_at(10)
    assert target is not None
    live = LiveUpdates(db)
    live.tickets_changed.connect(window.remote_changes)
    live.start()
    try:
        qtbot.waitUntil(lambda: watching(db), timeout=WAIT_MS)
        jan = AgentService(db).resolve("jan.kowalski")
        new_priority = Priority.LOW if target.priority is not Priority.LOW else Priority.HIGH
        TicketService(db).change(
            jan, target.id, TicketChange(priority=new_priority), expected_version=target.version
        )

        def shows_change() -> bool:
            rows = [tickets.model.row_at(n) for n in range(tickets.model.rowCount())]
            return any(
                r is not None and r.id == target.id and r.priority is new_priority for r in rows
            )

        qtbot.waitUntil(shows_change, timeout=WAIT_MS)
        assert tickets.current_ticket_id() == selected, "the selection stays on its ticket"
    finally:
        live.stop()
