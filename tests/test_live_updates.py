"""Open screens follow changes made elsewhere within seconds, keeping the user's draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Priority, TicketState
from hezo_desk.models import AuditEntry, Ticket, utcnow
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.records import TicketRow
from hezo_desk.services.tickets import TicketChange, TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.tables.tickets import TicketsScreen
from waiting import WAIT_MS


def test_a_reply_by_another_agent_reaches_an_open_ticket_view(
    qtbot: QtBot,
    desk_context: DeskContext,
    tmp_path: Path,
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
    with qtbot.waitSignal(live.connection_changed, timeout=WAIT_MS):
        live.start()  # the watcher reads where the feed stands first
    try:
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
    from hezo_desk.services.presence import PresenceService
    from hezo_desk.ui.ticket.view import TicketView

    db = desk_context.db
    jan = AgentService(db).resolve("jan.kowalski")
    PresenceService(db).heartbeat(jan.id, 1)
    view = TicketView(desk_context, 1, DraftStore(tmp_path / "d", db.display_url))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.viewers.isHidden(), timeout=WAIT_MS)
    assert view.viewers.text() == "Also open by: Jan Kowalski"
    assert PresenceService(db).viewers(1, except_agent_id=jan.id) == ["Anna Nowak"]


def test_the_desk_says_when_the_server_is_gone_and_recovers(
    qtbot: QtBot, pg_demo_db: Database
) -> None:
    from sqlalchemy import text

    states: list[tuple[bool, str]] = []
    live = LiveUpdates(pg_demo_db)
    live.connection_changed.connect(lambda ok, message: states.append((ok, message)))
    with qtbot.waitSignal(live.connection_changed, timeout=WAIT_MS):
        live.start()  # listening from here on
    admin = Database(pg_demo_db.url)
    try:
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
    with qtbot.waitSignal(live.connection_changed, timeout=WAIT_MS):
        live.start()
    try:
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


def _window(context: DeskContext, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    db = context.db
    window = MainWindow(
        context,
        build_screens(context),
        DraftStore(tmp_path / "drafts", db.display_url),
        db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, context)
    qtbot.addWidget(window)
    return window


def _new_tickets(db: Database, how_many: int) -> list[int]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.state == TicketState.NEW)
                .order_by(Ticket.id)
                .limit(how_many)
            )
        )


def _listed(screen: TicketsScreen, ticket_id: int) -> TicketRow | None:
    """The row of this ticket among the list's rows in memory."""
    rows = (screen.model.row_at(n) for n in range(screen.model.rowCount()))
    return next((row for row in rows if row is not None and row.id == ticket_id), None)


def _other_priority(priority: Priority) -> Priority:
    return Priority.LOW if priority is not Priority.LOW else Priority.HIGH


def test_a_change_to_one_ticket_refreshes_that_ticket_and_the_ticket_lists_only(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = desk_context.db
    window = _window(desk_context, tmp_path, qtbot)
    tickets = window.show_screen("tickets")
    contracts = window.show_screen("contracts")
    assert isinstance(tickets, TicketsScreen)
    assert contracts is not None
    changed, untouched = _new_tickets(db, 2)
    changed_view = window.open_ticket(changed)
    untouched_view = window.open_ticket(untouched)
    qtbot.waitUntil(
        lambda: changed_view.detail is not None and untouched_view.detail is not None,
        timeout=WAIT_MS,
    )
    assert changed_view.detail is not None
    reloads: list[int] = []
    refreshes: list[str] = []
    monkeypatch.setattr(untouched_view, "reload", lambda: reloads.append(untouched))
    monkeypatch.setattr(contracts, "refresh", lambda: refreshes.append("contracts"))

    new_priority = _other_priority(changed_view.detail.ticket.priority)
    jan = AgentService(db).resolve("jan.kowalski")
    TicketService(db).change(
        jan, changed, TicketChange(priority=new_priority), expected_version=None
    )
    window.remote_changes(frozenset({changed}), False)
    qtbot.waitUntil(
        lambda: (
            changed_view.detail is not None and changed_view.detail.ticket.priority is new_priority
        ),
        timeout=WAIT_MS,
    )

    def listed_with_new_priority() -> bool:
        row = _listed(tickets, changed)
        return row is not None and row.priority is new_priority

    qtbot.waitUntil(listed_with_new_priority, timeout=WAIT_MS)
    assert reloads == [], "an open ticket that did not change is not read again"
    assert refreshes == [], "a screen that shows no tickets is not read again"

    # A change that names no ticket (an agent, a registration) may show anywhere.
    window.remote_others_changed()
    qtbot.waitUntil(lambda: refreshes == ["contracts"], timeout=WAIT_MS)
    assert reloads == []


def test_a_change_committed_after_a_later_one_still_reaches_the_desk(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    """A takes the lower audit id and commits last, after the desk has read B's higher id.
    As a superuser the test suppresses A's own notification, so that only the change feed can
    bring it; otherwise both do (the feed alone is tested in test_shared_mode)."""
    db = desk_context.db
    if db.is_sqlite:
        pytest.skip("SQLite lets one writer in at a time: its ids are in commit order")
    first, second, third = _new_tickets(db, 3)
    window = _window(desk_context, tmp_path, qtbot)
    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    first_view = window.open_ticket(first)
    second_view = window.open_ticket(second)
    qtbot.waitUntil(
        lambda: first_view.detail is not None and second_view.detail is not None,
        timeout=WAIT_MS,
    )
    assert second_view.detail is not None
    new_priority = _other_priority(second_view.detail.ticket.priority)
    jan = AgentService(db).resolve("jan.kowalski")
    subject = "Zmiana A, zatwierdzona jako ostatnia"
    live = LiveUpdates(db)
    live.tickets_changed.connect(window.remote_changes)
    live.others_changed.connect(window.remote_others_changed)
    with qtbot.waitSignal(live.connection_changed, timeout=WAIT_MS):
        live.start()
    try:
        # A writes around the desk (no write lock at BEGIN): see test_shared_mode.
        with db.sessions() as a, a.begin():
            if a.scalar(text("SELECT current_setting('is_superuser')")) == "on":
                a.execute(text("SET LOCAL session_replication_role = replica"))  # no NOTIFY
            ticket = a.get_one(Ticket, first)
            ticket.subject = subject
            ticket.updated_at = utcnow()
            entry = AuditEntry(
                agent_id=jan.id, action=AuditAction.TICKET_PRIORITY_CHANGED, ticket_id=first
            )
            entry.summary = "A"
            a.add(entry)
            a.flush()
            TicketService(db).change(
                jan, second, TicketChange(priority=new_priority), expected_version=None
            )
            qtbot.waitUntil(
                lambda: (
                    second_view.detail is not None
                    and second_view.detail.ticket.priority is new_priority
                ),
                timeout=WAIT_MS,
            )
        # Another agent's note wakes the desk; the feed brings A's change with it.
        TicketService(db).add_note(jan, third, "C")
        qtbot.waitUntil(
            lambda: first_view.detail is not None and first_view.detail.ticket.subject == subject,
            timeout=WAIT_MS,
        )

        def list_shows_both() -> bool:
            a_row, b_row = _listed(tickets, first), _listed(tickets, second)
            return (
                a_row is not None
                and a_row.subject == subject
                and b_row is not None
                and b_row.priority is new_priority
            )

        qtbot.waitUntil(list_shows_both, timeout=WAIT_MS)
    finally:
        live.stop()


def test_the_caller_lookup_follows_only_the_tickets_it_shows(
    qtbot: QtBot, desk_context: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = desk_context.db
    with db.sessions() as session:
        shown, customer_id = session.execute(
            select(Ticket.id, Ticket.customer_id)
            .where(Ticket.state == TicketState.NEW)
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        elsewhere = session.scalar(select(Ticket.id).where(Ticket.customer_id != customer_id))
    assert elsewhere is not None
    lookup = LookupView(desk_context)
    qtbot.addWidget(lookup)
    lookup.show_overview(LookupService(db).overview(customer_id))
    refreshes: list[bool] = []
    monkeypatch.setattr(lookup, "refresh", lambda: refreshes.append(True))
    lookup.follow_ticket_changes(frozenset({elsewhere}))
    assert refreshes == []
    lookup.follow_ticket_changes(frozenset({shown, elsewhere}))
    assert refreshes == [True]
