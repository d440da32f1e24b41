"""Open screens follow changes made elsewhere within seconds, keeping the user's draft."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.drafts import DraftStore
from hezo_desk.models import Ticket, TicketState
from hezo_desk.services.agents import AgentService
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screens import build_screens, ticket_actions, ticket_tabs, wire_window


def test_a_reply_by_another_agent_reaches_an_open_ticket_view(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
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
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    view.composer.setPlainText("mój szkic, nie wysłany")
    live = LiveUpdates(db)
    live.tickets_changed.connect(window.remote_changes)
    live.connection_changed.connect(window.connection_changed)
    live.start()
    try:
        qtbot.wait(300)  # the watcher reads where the feed stands first
        jan = AgentService(db).resolve("jan.kowalski")
        TicketService(db).reply(jan, ticket_id, "Odpowiedź Jana z drugiego stanowiska")
        qtbot.waitUntil(
            lambda: (
                view.detail is not None
                and view.detail.messages[-1].body == "Odpowiedź Jana z drugiego stanowiska"
            ),
            timeout=5000,
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
    qtbot.waitUntil(lambda: not view.viewers.isHidden(), timeout=5000)
    assert view.viewers.text() == "Also open by: Jan Kowalski"
    assert PresenceService(db).viewers(1, except_agent_id=jan.id) == ["Anna Nowak"]
