"""The desk's call screens: the journal (search, missed, export), the call-back list shared by
two agents, and a supervisor's calls per hour; models checked by the model tester."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QThreadPool, QUrl
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import CallDirection, CallEventKind, CallState
from hezo_desk.models import Customer
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.listing.calls import CallListing
from hezo_desk.ui.call_backs import CallBacksScreen
from hezo_desk.ui.call_statistics import CallStatisticsScreen
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.live import LiveUpdates
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.tables.calls import CallsScreen
from hezo_desk.ui.tables.list_models import CallsModel
from hezo_desk.ui.workers import TaskSet
from pictures import save_picture
from waiting import WAIT_MS

TODAY_10 = dt.datetime.combine(dt.date.today(), dt.time(10, 0), dt.UTC) - dt.timedelta(days=1)


def _customer_phone(db: Database) -> tuple[str, str]:
    with db.sessions() as session:
        row = session.execute(
            select(Customer.phone, Customer.name)
            .where(Customer.phone_e164.is_not(None))
            .order_by(Customer.id)
            .limit(1)
        ).one()
    return row[0], row[1]


def _calls(db: Database, agent: Actor) -> str:
    """A day of calls yesterday: answered ones, two missed, one outgoing; returns a customer's
    name whose number called."""
    phone, name = _customer_phone(db)
    journal = CallJournal(db)

    def record(kind: CallEventKind, number: str, call_id: str, at: dt.datetime) -> None:
        journal.record(agent, CallEvent(number, CallDirection.INBOUND, kind, call_id, at))

    for hour, count in ((0, 3), (1, 5), (2, 2), (4, 4)):
        for n in range(count):
            at = TODAY_10 + dt.timedelta(hours=hour, minutes=7 * n)
            record(CallEventKind.RING, phone, f"a-{hour}-{n}", at)
            record(CallEventKind.ANSWER, phone, f"a-{hour}-{n}", at + dt.timedelta(seconds=4))
            record(CallEventKind.HANGUP, phone, f"a-{hour}-{n}", at + dt.timedelta(minutes=3))
    for number, call_id, hour in (("+48 22 111 22 33", "m-1", 1), ("600 700 800", "m-2", 2)):
        at = TODAY_10 + dt.timedelta(hours=hour, minutes=30)
        record(CallEventKind.RING, number, call_id, at)
        record(CallEventKind.HANGUP, number, call_id, at + dt.timedelta(seconds=20))
    journal.record(
        agent,
        CallEvent("+48 12 25 25 600", CallDirection.OUTBOUND, CallEventKind.RING, "o-1", TODAY_10),
    )
    return name


def _show(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)  # type: ignore[arg-type]
    widget.resize(1300, 600)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget, timeout=WAIT_MS)  # type: ignore[arg-type]


def test_the_calls_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_db: Database, demo_agent: Actor
) -> None:
    _calls(demo_db, demo_agent)
    pool = QThreadPool()
    model = CallsModel(CallListing(demo_db), TaskSet(pool, pool))
    model.start()
    qtbot.waitUntil(lambda: not model.is_loading, timeout=WAIT_MS)
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() == 17, timeout=WAIT_MS)
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    qtbot.waitUntil(
        lambda: all(model.row_at(r) is not None for r in range(model.rowCount())),
        timeout=WAIT_MS,
    )
    qtmodeltester.check(model)
    pool.waitForDone(WAIT_MS)


def test_the_journal_searches_filters_missed_and_exports(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    name = _calls(desk_context.db, desk_context.actor)
    screen = CallsScreen(desk_context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 17, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.model.row_at(0) is not None, timeout=WAIT_MS)
    save_picture(screen, tmp_path, "calls-journal")
    assert screen.status.text() == "17 call(s)"

    screen.missed.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.model.row_at(1) is not None, timeout=WAIT_MS)
    assert {screen.model.row_at(r).state for r in range(2)} == {CallState.MISSED}  # type: ignore[union-attr]
    save_picture(screen, tmp_path, "calls-missed")

    screen.missed.setChecked(False)
    screen.search.setText(name.split()[0])
    qtbot.waitUntil(lambda: screen.model.rowCount() == 14, timeout=WAIT_MS)
    screen.search.setText("tel:+48-600-700-800")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT_MS)

    target = tmp_path / "journal.csv"
    screen.export_to(target)
    qtbot.waitUntil(lambda: "Written to" in screen.status.text(), timeout=WAIT_MS)
    with target.open(encoding="utf-8", newline="") as read:
        rows = list(csv.DictReader(read))
    assert [row["number"] for row in rows] == ["+48600700800"]


def test_the_outcome_of_a_call_is_set_from_the_journal(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    _calls(desk_context.db, desk_context.actor)
    screen = CallsScreen(desk_context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.row_at(0) is not None, timeout=WAIT_MS)
    screen.view.selectRow(0)
    call = screen.selected_call()
    assert call is not None
    screen.set_outcome(call, "Left a message")
    qtbot.waitUntil(
        lambda: (
            screen.model.row_at(0) is not None
            and screen.model.row_at(0).outcome == "Left a message"
        ),  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )


def test_two_agents_share_the_call_back_list(
    qtbot: QtBot, qtmodeltester: ModelTester, desk_context: DeskContext, tmp_path: Path
) -> None:
    """Anna claims a call-back; Jan's list, refreshed, shows it hers and his claim of the row he
    still had on screen is refused; Anna calls back: the tel: link is opened, the list empties."""
    _calls(desk_context.db, desk_context.actor)
    jan = replace(desk_context, actor=AgentService(desk_context.db).resolve("jan.kowalski"))
    anna_screen, jan_screen = CallBacksScreen(desk_context), CallBacksScreen(jan)
    dialled: list[str] = []

    def dial(url: QUrl) -> bool:
        dialled.append(url.toString())
        return True

    anna_screen.dial = dial
    for screen in (anna_screen, jan_screen):
        _show(qtbot, screen)
        qtbot.waitUntil(lambda s=screen: s.model.rowCount() == 2, timeout=WAIT_MS)
    save_picture(anna_screen, tmp_path, "callbacks")
    qtmodeltester.check(anna_screen.model)
    anna_screen.view.selectRow(0)
    jan_screen.view.selectRow(0)
    assert anna_screen.claim.isEnabled()
    anna_screen.claim_selected()
    qtbot.waitUntil(
        lambda: (
            (row := anna_screen.model.row_at(0)) is not None
            and row.callback_agent_name == "Anna Nowak"
        ),
        timeout=WAIT_MS,
    )
    assert anna_screen.release.isEnabled()
    assert not anna_screen.claim.isEnabled()

    jan_screen.claim_selected()  # his row is from before Anna's claim
    qtbot.waitUntil(lambda: "Anna Nowak" in jan_screen.status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            (row := jan_screen.model.row_at(0)) is not None
            and row.callback_agent_name == "Anna Nowak"
        ),
        timeout=WAIT_MS,
    )
    assert not jan_screen.claim.isEnabled()
    assert not jan_screen.call_back.isEnabled()
    # Worded by the window (in the desk's language), not the service's English.
    assert jan_screen.status.text() == (
        "Anna Nowak is calling back 22 111 22 33 already; nothing was changed."
    )
    save_picture(jan_screen, tmp_path, "callbacks-refused")

    anna_screen.call_back_selected()
    qtbot.waitUntil(lambda: bool(dialled), timeout=WAIT_MS)
    assert dialled == ["tel:+48221112233"]
    qtbot.waitUntil(lambda: anna_screen.model.rowCount() == 1, timeout=WAIT_MS)
    journal = CallJournal(desk_context.db)
    assert [c.number_e164 for c in journal.callbacks()] == ["+48600700800"]


@pytest.mark.parametrize("login", ["marek.zielinski"])
def test_a_supervisor_sees_calls_per_hour_and_the_missed_rate(
    qtbot: QtBot, qtmodeltester: ModelTester, desk_context: DeskContext, tmp_path: Path, login: str
) -> None:
    _calls(desk_context.db, desk_context.actor)
    supervisor = replace(desk_context, actor=AgentService(desk_context.db).resolve(login))
    screen = CallStatisticsScreen(supervisor)
    _show(qtbot, screen)
    day = TODAY_10.date()
    screen.day.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: "16 incoming" in screen.summary.text(), timeout=WAIT_MS)
    assert "2 missed (missed-call rate 12%)" in screen.summary.text()
    assert "1 outgoing" in screen.summary.text()
    assert screen.model.rowCount() == 4
    qtmodeltester.check(screen.model)
    save_picture(screen, tmp_path, "calls-per-hour")


def test_an_agent_is_refused_the_statistics(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = CallStatisticsScreen(desk_context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: "supervisor" in screen.summary.text(), timeout=WAIT_MS)


def test_calls_and_claims_by_other_agents_reach_an_open_desk_live(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    """The window's journal and call-back list follow the change feed: a call missed on
    another agent's desk appears, and so does who claimed it."""
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
    callbacks = window.show_screen("callbacks")
    journal_screen = window.show_screen("calls")
    assert isinstance(callbacks, CallBacksScreen)
    assert isinstance(journal_screen, CallsScreen)
    qtbot.waitUntil(lambda: not journal_screen.model.is_loading, timeout=WAIT_MS)
    assert callbacks.model.rowCount() == 0
    live = LiveUpdates(db)
    live.tickets_changed.connect(window.remote_changes)
    # Calls have a signal of their own: only the screens that show calls read again.
    live.calls_changed.connect(window.remote_calls_changed)
    with qtbot.waitSignal(live.connection_changed, timeout=WAIT_MS):
        live.start()
    try:
        jan = AgentService(db).resolve("jan.kowalski")
        elsewhere = CallJournal(db)
        now = dt.datetime.now(dt.UTC)
        for kind in (CallEventKind.RING, CallEventKind.HANGUP):
            elsewhere.record(
                jan, CallEvent("+48 600 700 800", CallDirection.INBOUND, kind, "live-1", now)
            )
        qtbot.waitUntil(lambda: callbacks.model.rowCount() == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: journal_screen.model.rowCount() == 1, timeout=WAIT_MS)
        missed = elsewhere.callbacks()[0]
        elsewhere.claim_callback(jan, missed.id, expected_version=missed.version)
        qtbot.waitUntil(
            lambda: (
                (row := callbacks.model.row_at(0)) is not None
                and row.callback_agent_name == "Jan Kowalski"
            ),
            timeout=WAIT_MS,
        )
    finally:
        live.stop()


def test_the_ticket_opened_during_a_call_opens_from_the_journal(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    from hezo_desk.models import Service, ServiceContract
    from hezo_desk.services.tickets import NewTicket, TicketService

    db, agent = desk_context.db, desk_context.actor
    with db.sessions() as session:
        contract_id, service_id = session.execute(
            select(ServiceContract.id, Service.id)
            .join(Service, Service.contract_id == ServiceContract.id)
            .where(ServiceContract.state == "active")
            .limit(1)
        ).one()
    journal, now = CallJournal(db), dt.datetime.now(dt.UTC)
    for kind in (CallEventKind.RING, CallEventKind.ANSWER):
        journal.record(agent, CallEvent("600 700 800", CallDirection.INBOUND, kind, "t-1", now))
    opened = TicketService(db).open(
        agent, NewTicket(contract_id, service_id, "Zgłoszone przez telefon", "Opis.")
    )
    screen = CallsScreen(desk_context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.row_at(0) is not None, timeout=WAIT_MS)
    screen.view.selectRow(0)
    assert screen.selected_call().ticket_numbers == (opened.number,)  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.open_ticket, timeout=WAIT_MS) as asked:
        screen.open_linked_ticket()
    assert asked.args == [opened.id]
