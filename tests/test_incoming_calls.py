"""A call in the running desk: to the front on the caller lookup, looked up by the number (one
company, several, none), a draft left alone, and the whole hand-off from `hezo-desk call` to a
desk that signs in later."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from builders import World, _customer, build_world
from hezo_desk.app import DeskApplication
from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import CallDirection, CallEventKind, CallState, TicketState
from hezo_desk.models import Customer, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.desk_handoff import (
    desk_address,
    hand_to_running_desk,
    show_running_desk,
)
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.secrets import SecretStore
from hezo_desk.ui.call_backs import CallBacksScreen
from hezo_desk.ui.call_listener import CallListener
from hezo_desk.ui.call_recorder import CallRecorder
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.incoming_calls import IncomingCalls
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.registration_wizard import RegistrationWizard
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.settings import DeskSettings
from keyrings import MemoryKeyring
from pictures import save_picture
from test_app import sign_in_as, when_modal
from waiting import WAIT_MS

RANG_AT = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)


def _event(
    number: str,
    kind: CallEventKind = CallEventKind.RING,
    call_id: str | None = "pbx-1",
    direction: CallDirection = CallDirection.INBOUND,
    seconds: int = 0,
) -> CallEvent:
    return CallEvent(
        number=number,
        direction=direction,
        event=kind,
        call_id=call_id,
        at=RANG_AT + dt.timedelta(seconds=seconds),
    )


def _window(qtbot: QtBot, context: DeskContext, tmp_path: Path) -> MainWindow:
    drafts = DraftStore(tmp_path / "drafts", context.db.display_url)
    window = MainWindow(
        context,
        build_screens(context),
        drafts,
        context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, context)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def world_context(
    db: Database, world: World, agent: Actor, desk_settings: object, tmp_path: Path
) -> Iterator[DeskContext]:
    pool, jobs = QThreadPool(), QThreadPool()
    (tmp_path / "opened").mkdir()
    yield DeskContext(db, agent, desk_settings, pool, jobs, OpenedCopies(tmp_path / "opened"))  # type: ignore[arg-type]
    pool.waitForDone(10_000)
    jobs.waitForDone(10_000)


def _lookup(window: MainWindow) -> LookupView:
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    return lookup


def test_one_company_comes_to_the_front_with_its_open_tickets(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    window.show_screen("tickets")
    window.showMinimized()
    lookup = _lookup(window)
    lookup.query.setText("half-typed")
    window.take_call(_event("0048 12 345 67 89"))
    assert not window.isMinimized()
    assert window.stack.currentWidget() is lookup
    assert lookup.call_banner.isVisible()
    assert lookup.call_banner.text() == "Call from 0048 12 345 67 89 (09:15)"
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    assert lookup.overview is not None
    assert lookup.overview.customer.id == world.customer_id
    assert lookup.details.currentWidget() is lookup.open_tickets
    assert lookup.open_tickets.hasFocus() or QApplication.focusWidget() is lookup.open_tickets
    assert not lookup.register_number_button.isVisible()
    save_picture(window, tmp_path, "call-one-company")
    # What the agent had typed in the query comes back with Ctrl+Z.
    lookup.query.undo()
    assert lookup.query.text() == "half-typed"


def test_several_companies_are_listed_for_the_agent_to_ask_which(
    qtbot: QtBot, world_context: DeskContext, world: World, db: Database, tmp_path: Path
) -> None:
    with db.transaction() as session:
        session.add(_customer("PL1132853869", "Łąka Serwis Sp. z o.o.", "12 345 67 89", "s@l.pl"))
    window = _window(qtbot, world_context, tmp_path)
    lookup = _lookup(window)
    window.take_call(_event("+48123456789"))
    qtbot.waitUntil(lambda: len(lookup.customers_model.rows) == 2, timeout=WAIT_MS)
    # Neither is shown as if it were the caller: the list waits for the agent's choice.
    assert lookup.overview is None
    assert not lookup.customers.selectionModel().hasSelection()
    assert "2 companies have this number" in lookup.company.text()
    assert QApplication.focusWidget() is lookup.customers
    save_picture(window, tmp_path, "call-several-companies")
    lookup.customers.selectRow(1)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)


def test_an_unknown_number_offers_registration_with_the_number_filled_in(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    lookup = _lookup(window)
    window.take_call(_event("+48 600 100 200"))
    qtbot.waitUntil(lookup.register_number_button.isVisible, timeout=WAIT_MS)
    assert lookup.register_number_button.text() == "Register the &caller of +48 600 100 200…"
    save_picture(window, tmp_path, "call-unknown-number")
    lookup.register_number_button.click()
    wizard = window.findChild(RegistrationWizard)
    assert wizard is not None
    assert wizard.isVisible()
    assert wizard.details.phone.text() == "+48 600 100 200"
    wizard.close()


def test_a_call_is_shown_once_and_its_hang_up_only_said(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    lookup = _lookup(window)
    calls = IncomingCalls(CallListener())
    calls.attach(window, world_context)
    calls.take(_event("+48 12 345 67 89"))
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    # The agent goes on to the tickets while the phone system sends the answer.
    tickets = window.show_screen("tickets")
    calls.take(_event("+48 12 345 67 89", CallEventKind.ANSWER))
    assert window.stack.currentWidget() is tickets
    calls.take(_event("+48 12 345 67 89", CallEventKind.HANGUP))
    assert window.stack.currentWidget() is tickets
    assert lookup.call_banner.text() == "Call with +48 12 345 67 89 ended (09:15)"
    # Without a call id only a ring shows the caller.
    calls.take(_event("+48 22 600 70 80", CallEventKind.ANSWER, call_id=None))
    assert window.stack.currentWidget() is tickets
    calls.take(_event("+48 22 600 70 80", CallEventKind.RING, call_id=None))
    assert window.stack.currentWidget() is lookup
    qtbot.waitUntil(
        lambda: (
            lookup.overview is not None and lookup.overview.customer.id == world.other_customer_id
        ),
        timeout=WAIT_MS,
    )


def test_the_desks_own_call_back_link_coming_back_is_no_incoming_call(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    calls = IncomingCalls(CallListener())
    calls.attach(window, world_context)
    delivered: list[CallEvent] = []
    calls.delivered.connect(lambda _context, event: delivered.append(event))
    tickets = window.show_screen("tickets")
    # The desk opened tel:+48123456789 for a call-back, and is itself the tel: handler.
    calls.dialled("+48123456789")
    calls.take(_event("+48-12-345-67-89", call_id=None))
    assert window.stack.currentWidget() is tickets
    assert delivered == []
    # Only once: the same number ringing later is a call.
    calls.take(_event("+48-12-345-67-89", call_id=None))
    assert window.stack.currentWidget() is _lookup(window)
    assert len(delivered) == 1


def test_an_outgoing_call_says_so(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    lookup = _lookup(window)
    window.take_call(_event("22 600 70 80", direction=CallDirection.OUTBOUND))
    assert lookup.call_banner.text() == "Call to 22 600 70 80 (09:15)"
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)


def _open_ticket_id(db: Database) -> int:
    with db.sessions() as session:
        ticket_id = session.scalar(
            select(Ticket.id).where(Ticket.state == TicketState.IN_PROGRESS).order_by(Ticket.id)
        )
    assert ticket_id is not None
    return ticket_id


def test_a_ring_while_the_agent_types_a_reply_leaves_the_reply_alone(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    window = _window(qtbot, desk_context, tmp_path)
    view = window.open_ticket(_open_ticket_id(desk_context.db))
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    view.focus_reply()
    qtbot.keyClicks(view.composer, "Dzien dobry, sprawdzilismy")
    window.take_call(_event("+48 600 100 200"))
    lookup = _lookup(window)
    assert window.stack.currentWidget() is lookup
    # Typing on after the screen changed goes to no text field.
    qtbot.waitUntil(lookup.register_number_button.isVisible, timeout=WAIT_MS)
    focused = QApplication.focusWidget()
    assert focused is lookup.customers
    qtbot.keyClicks(focused, " log")
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert lookup.query.text() == "+48 600 100 200"
    assert window.findChild(RegistrationWizard) is None
    assert view.composer.toPlainText() == "Dzien dobry, sprawdzilismy"
    window.open_ticket(view.ticket_id)
    assert window.current_ticket() is view
    assert view.composer.toPlainText() == "Dzien dobry, sprawdzilismy"


def test_every_event_goes_into_the_call_journal_in_order(
    qtbot: QtBot, world_context: DeskContext, world: World, agent: Actor, tmp_path: Path
) -> None:
    window = _window(qtbot, world_context, tmp_path)
    calls, recorder = IncomingCalls(CallListener()), CallRecorder()
    calls.delivered.connect(recorder.record)
    records: list[CallRecord] = []
    recorder.recorded.connect(records.append)
    # Before the sign-in the events wait; the journal gets them after it, in their order.
    calls.take(_event("+48 12 345 67 89", CallEventKind.RING, "pbx-9"))
    calls.take(_event("0048123456789", CallEventKind.ANSWER, "pbx-9", seconds=5))
    calls.take(_event("123456789", CallEventKind.HANGUP, "pbx-9", seconds=65))
    calls.take(_event("+48 22 600 70 80", CallEventKind.RING, "pbx-10", seconds=70))
    calls.take(_event("+48 22 600 70 80", CallEventKind.HANGUP, "pbx-10", seconds=90))
    assert records == []
    calls.attach(window, world_context)
    qtbot.waitUntil(lambda: len(records) == 5, timeout=WAIT_MS)
    answered, missed = records[2], records[4]
    assert (answered.call_id, answered.customer_id, answered.agent_id) == (
        "pbx-9",
        world.customer_id,
        agent.id,
    )
    assert answered.duration_s == 60
    assert answered.state is CallState.ANSWERED
    assert (missed.customer_id, missed.state) == (world.other_customer_id, CallState.MISSED)
    callbacks = CallJournal(world_context.db).callbacks()
    assert [c.id for c in callbacks] == [missed.id]


def test_a_call_the_journal_refuses_is_said_in_the_status_bar(
    qtbot: QtBot, qapp: QApplication, world_context: DeskContext, db: Database, tmp_path: Path
) -> None:
    desk = DeskApplication(
        qapp,
        DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)),
        SecretStore(MemoryKeyring()),
        database_override="sqlite://",
        environ={"HEZO_DESK_DATA_DIR": str(tmp_path / "data")},
        opened_copies=OpenedCopies(tmp_path / "opened"),
    )
    window = _window(qtbot, world_context, tmp_path)
    desk.window = window
    failures: list[object] = []
    desk.call_recorder.failed.connect(lambda _event, error: failures.append(error))
    # A number of nothing but spaces and control characters: the journal keeps no such call.
    desk.call_recorder.record(world_context, _event(" \t "))
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert "is not in the call journal" in window.statusBar().currentMessage()
    desk.window = None
    desk.shutdown()


# ----- the whole way: the command, the socket, a desk that signs in later ---------------------


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="hz-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _demo_phone(db: Database) -> tuple[int, str]:
    """A demo company whose phone no other company shares."""
    with db.sessions() as session:
        rows = session.execute(select(Customer.id, Customer.phone, Customer.phone_key)).all()
    keys = [key for _id, _phone, key in rows]
    for customer_id, phone, key in rows:
        if phone and keys.count(key) == 1:
            return customer_id, phone
    raise AssertionError("no demo company with a phone of its own")


def test_a_call_waits_for_the_sign_in_then_the_running_desk_takes_the_next(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Database,
    tmp_path: Path,
    runtime_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened_links: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened_links.append(url.toString())
        return True

    # What the call-backs screen opens its tel: links with (no softphone in a test).
    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    customer_id, phone = _demo_phone(demo_db)
    environ = {"HEZO_DESK_DATA_DIR": str(tmp_path / "data"), "XDG_RUNTIME_DIR": str(runtime_dir)}
    url = demo_db.url.render_as_string(hide_password=False)
    address = desk_address(url, environ)
    (tmp_path / "opened").mkdir()
    desk = DeskApplication(
        qapp,
        DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)),
        SecretStore(MemoryKeyring()),
        database_override=url,
        environ=environ,
        opened_copies=OpenedCopies(tmp_path / "opened"),
        call_address=address,
        pending_calls=[_event(phone, call_id="first")],
    )
    recorded: list[CallRecord] = []
    desk.call_recorder.recorded.connect(recorded.append)
    try:
        assert desk.listen_for_calls()
        when_modal(SignInDialog, sign_in_as("anna.nowak", "hezo-demo"))
        assert desk.start()
        window = desk.window
        assert window is not None
        lookup = _lookup(window)
        assert window.stack.currentWidget() is lookup
        qtbot.waitUntil(
            lambda: lookup.overview is not None and lookup.overview.customer.id == customer_id,
            timeout=WAIT_MS,
        )
        # The next call comes over the socket, from the command's side.
        window.show_screen("tickets")
        outcome: list[bool] = []
        sender = threading.Thread(
            target=lambda: outcome.append(
                hand_to_running_desk(address, _event("+48 600 100 200", call_id="second"))
            )
        )
        sender.start()
        qtbot.waitUntil(lambda: not sender.is_alive(), timeout=WAIT_MS)
        assert outcome == [True]
        qtbot.waitUntil(lookup.register_number_button.isVisible, timeout=WAIT_MS)
        assert window.stack.currentWidget() is lookup
        # `hezo-desk` started again for this database: the desk comes to the front instead.
        window.showMinimized()
        shown: list[bool] = []
        asker = threading.Thread(target=lambda: shown.append(show_running_desk(address)))
        asker.start()
        qtbot.waitUntil(lambda: not asker.is_alive(), timeout=WAIT_MS)
        assert shown == [True]
        qtbot.waitUntil(lambda: not window.isMinimized(), timeout=WAIT_MS)
        # A call-back's tel: link that comes back to this desk (the tel: handler) is no call.
        callbacks = window.screen_widget("callbacks")
        assert isinstance(callbacks, CallBacksScreen)
        callbacks.dial(QUrl("tel:+48601200300"))
        assert opened_links == ["tel:+48601200300"]
        window.show_screen("tickets")
        echo = threading.Thread(
            target=lambda: outcome.append(
                hand_to_running_desk(address, _event("+48-601-200-300", call_id=None))
            )
        )
        echo.start()
        qtbot.waitUntil(lambda: not echo.is_alive(), timeout=WAIT_MS)
        assert outcome == [True, True]
        assert window.stack.currentWidget() is not lookup
        # Both calls are in the journal, as anna.nowak's.
        journal = CallJournal(demo_db)
        qtbot.waitUntil(lambda: len(recorded) == 2, timeout=WAIT_MS)
        rows = [journal.get(record.id) for record in recorded]
        assert [(r.call_id, r.customer_id) for r in rows] == [
            ("first", customer_id),
            ("second", None),
        ]
        assert {r.agent_name for r in rows} == {"Anna Nowak"}
    finally:
        if desk.window is not None:
            desk._close_window()
        desk.shutdown()


def test_a_desk_started_second_hands_its_calls_to_the_first(
    qapp: QApplication, tmp_path: Path, runtime_dir: Path
) -> None:
    address = desk_address("sqlite:///first.sqlite3", {"XDG_RUNTIME_DIR": str(runtime_dir)})
    # The first desk, in a thread of its own: it takes whatever comes, line by line.
    lines: list[str] = []
    server = socket.socket(socket.AF_UNIX)
    server.bind(address)
    server.listen(4)
    server.settimeout(WAIT_MS / 1000)

    def first_desk() -> None:
        while len(lines) < 2:
            connection, _ = server.accept()
            with connection, connection.makefile("rwb") as stream:
                for raw in stream:
                    lines.append(raw.decode().strip())
                    stream.write(b"ok\n")
                    stream.flush()

    thread = threading.Thread(target=first_desk)
    thread.start()
    (tmp_path / "opened").mkdir()
    second = DeskApplication(
        qapp,
        DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)),
        SecretStore(MemoryKeyring()),
        database_override="sqlite:///first.sqlite3",
        environ={"HEZO_DESK_DATA_DIR": str(tmp_path / "data")},
        opened_copies=OpenedCopies(tmp_path / "opened"),
        call_address=address,
        pending_calls=[_event("+48 12 345 67 89")],
    )
    try:
        assert not second.listen_for_calls()
        assert second.hand_over_to_running_desk()
        thread.join(WAIT_MS / 1000)
        assert lines[0] == "show"
        assert CallEvent.from_json(lines[1]) == _event("+48 12 345 67 89")
        assert second.calls.take_pending() == []
    finally:
        server.close()
        second.shutdown()


def test_a_call_id_used_again_for_another_caller_or_hours_later_shows_the_caller(
    qtbot: QtBot, world_context: DeskContext, world: World, tmp_path: Path
) -> None:
    """Phone systems number their calls alike, or from 1 again after a restart."""
    window = _window(qtbot, world_context, tmp_path)
    lookup = _lookup(window)
    calls = IncomingCalls(CallListener())
    calls.attach(window, world_context)
    calls.take(_event("+48 12 345 67 89"))
    tickets = window.show_screen("tickets")
    calls.take(_event("+48 22 600 70 80"))
    assert window.stack.currentWidget() is lookup
    assert lookup.call_banner.text() == "Call from +48 22 600 70 80 (09:15)"
    window.show_screen("tickets")
    calls.take(_event("+48 12 345 67 89", seconds=5 * 3600))
    assert window.stack.currentWidget() is lookup
    assert lookup.call_banner.text() == "Call from +48 12 345 67 89 (14:15)"
    # The same call's ring repeated (a ring group's second leg) shows nothing again.
    window.show_screen("tickets")
    calls.take(_event("0048123456789", seconds=5 * 3600 + 2))
    assert window.stack.currentWidget() is tickets
