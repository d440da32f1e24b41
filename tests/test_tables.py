"""The list screens and their windowed models, offscreen, on the demo data (both databases)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QThreadPool
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Priority, Role, TicketState
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditFilter
from hezo_desk.services.listing.audit import AuditListing
from hezo_desk.services.listing.contracts import ContractFilter, ContractListing
from hezo_desk.services.listing.definition import Sort
from hezo_desk.services.listing.paging import Window
from hezo_desk.services.listing.serials import ServiceListing
from hezo_desk.services.listing.tickets import OPEN_STATES, TicketFilter, TicketListing
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.plain_text import tooltip_text
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.tables.agents import AgentsScreen
from hezo_desk.ui.tables.agents_model import AgentsModel
from hezo_desk.ui.tables.audit import AuditScreen
from hezo_desk.ui.tables.contracts import ContractsScreen
from hezo_desk.ui.tables.list_models import (
    AuditModel,
    ContractsModel,
    ServicesModel,
    TicketsModel,
)
from hezo_desk.ui.tables.serials import SerialsScreen
from hezo_desk.ui.tables.tickets import TicketsScreen
from hezo_desk.ui.tables.windowed_model import ID_ROLE, LOADING_TEXT, WindowedTableModel
from hezo_desk.ui.workers import TaskSet, start
from waiting import WAIT_MS, WAIT_S


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    threads = QThreadPool()
    yield threads
    threads.waitForDone(WAIT_MS)


def _context(db: Database, login: str, settings: DeskSettings, pool: QThreadPool) -> DeskContext:
    # One pool for both: these tests do not race long jobs against page reads. No attachment
    # is opened: the copies' folder is never made.
    actor = AgentService(db).resolve(login)
    return DeskContext(db, actor, settings, pool, pool, OpenedCopies())


@pytest.fixture
def supervisor_context(
    demo_db: Database, desk_settings: DeskSettings, pool: QThreadPool, qtbot: QtBot
) -> DeskContext:
    return _context(demo_db, "marek.zielinski", desk_settings, pool)


@pytest.fixture
def admin_context(
    demo_db: Database, desk_settings: DeskSettings, pool: QThreadPool, qtbot: QtBot
) -> DeskContext:
    return _context(demo_db, "admin", desk_settings, pool)


def _loaded(qtbot: QtBot, model: WindowedTableModel[Any, Any]) -> None:
    qtbot.waitUntil(lambda: not model.is_loading and model.row_count >= 0, timeout=WAIT_MS)


def _rows(qtbot: QtBot, model: WindowedTableModel[Any, Any]) -> list[Any]:
    """Every row of a (small) model, asking for each page as a view would."""
    _loaded(qtbot, model)
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    qtbot.waitUntil(
        lambda: all(model.row_at(r) is not None for r in range(model.rowCount())),
        timeout=WAIT_MS,
    )
    return [model.row_at(r) for r in range(model.rowCount())]


def _tickets_model(db: Database, pool: QThreadPool, **options: int) -> tuple[Actor, TicketsModel]:
    actor = AgentService(db).resolve("anna.nowak")
    model = TicketsModel(TicketListing(db, actor), TaskSet(pool, pool), **options)
    model.start()
    return actor, model


def _show(qtbot: QtBot, widget: Any) -> None:
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget, timeout=WAIT_MS)
    widget.activateWindow()


def _selected_ids(qtbot: QtBot, screen: TicketsScreen) -> list[int]:
    """The ids of the selected tickets as the screen reads them: in the pool when needed."""
    read: list[list[int]] = []
    screen.read_selected_ticket_ids(read.append)
    qtbot.waitUntil(lambda: bool(read), timeout=WAIT_MS)
    return read[0]


# ----- models ------------------------------------------------------------------------------

ModelFactory = Callable[[Database, Actor, TaskSet], Any]

MODELS: dict[str, ModelFactory] = {
    "tickets": lambda db, actor, tasks: TicketsModel(TicketListing(db, actor), tasks),
    "contracts": lambda db, _actor, tasks: ContractsModel(ContractListing(db), tasks),
    "services": lambda db, _actor, tasks: ServicesModel(ServiceListing(db), tasks),
    "audit": lambda db, actor, tasks: AuditModel(
        AuditListing(db, AgentService(db).resolve("marek.zielinski")), tasks
    ),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_every_windowed_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_db: Database, pool: QThreadPool, name: str
) -> None:
    actor = AgentService(demo_db).resolve("anna.nowak")
    tasks = TaskSet(pool, pool)
    model = MODELS[name](demo_db, actor, tasks)
    model.start()
    _loaded(qtbot, model)
    qtmodeltester.check(model)
    # The tester stays attached: sorting, filtering, pages arriving and a refresh are checked.
    _rows(qtbot, model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    _rows(qtbot, model)
    model.refresh()
    _loaded(qtbot, model)
    qtmodeltester.check(model)
    pool.waitForDone(WAIT_MS)


def test_the_agents_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_db: Database
) -> None:
    model = AgentsModel()
    model.set_rows(AgentService(demo_db).list_agents())
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_the_model_reads_only_the_pages_looked_at(
    qtbot: QtBot, demo_db: Database, pool: QThreadPool
) -> None:
    actor, model = _tickets_model(demo_db, pool, page_size=10, cache_pages=3)
    _loaded(qtbot, model)
    assert model.rowCount() == 120, "the true count, not what was read"
    assert model.row_at(0) is not None
    assert model.row_at(115) is None
    assert model.data(model.index(115, 0)) == LOADING_TEXT
    assert model.data(model.index(115, 1)) is None
    with qtbot.waitSignal(model.dataChanged, timeout=WAIT_MS) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), last.row()) == (110, 119)
    row = model.row_at(115)
    assert row is not None
    assert model.data(model.index(115, 0)) == row.number
    assert model.data(model.index(115, 0), ID_ROLE) == row.id
    for page in range(12):
        model.data(model.index(page * 10, 0))
        qtbot.waitUntil(lambda p=page: model.row_at(p * 10) is not None, timeout=WAIT_MS)
    held = [r for r in range(120) if model.row_at(r) is not None]
    assert len(held) <= 30, "three pages in memory at most"
    expected = [t.id for t in TicketListing(demo_db, actor).rows(TicketFilter(), limit=200)]
    # The ids of a selection come in row order; the rows not in memory are read in the pool.
    read: list[list[int]] = []
    model.read_ids_for_rows([119, 0, 57, 1, 3], read.append, pytest.fail)
    assert read == [], "not read on the caller's thread"
    qtbot.waitUntil(lambda: bool(read), timeout=WAIT_MS)
    assert read == [[expected[0], expected[1], expected[3], expected[57], expected[119]]]


def test_a_refresh_keeps_the_rows_and_adds_the_new_ones(
    qtbot: QtBot, demo_db: Database, pool: QThreadPool
) -> None:
    actor, model = _tickets_model(demo_db, pool)
    rows = _rows(qtbot, model)
    service = TicketService(demo_db)
    opened = service.open(
        actor,
        NewTicket(rows[0].contract_id, rows[0].service_id, "Nowe zgłoszenie – „pilne”", "Opis"),
    )
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted, timeout=WAIT_MS):
        model.refresh()
    assert model.rowCount() == 121
    qtbot.waitUntil(
        lambda: model.row_at(0) is not None and model.row_at(0).id == opened.id, timeout=WAIT_MS
    )
    assert not resets, "a refresh is no reset: selection and scroll position stay"
    # Another agent's change: only that row is read again, in place.
    other = rows[3]
    service.change(actor, other.id, TicketChange(priority=Priority.CRITICAL), expected_version=None)
    position = next(r for r in range(121) if model.row_at(r) and model.row_at(r).id == other.id)
    model.refresh_ids([other.id])
    qtbot.waitUntil(lambda: model.row_at(position).priority is Priority.CRITICAL, timeout=WAIT_MS)


def test_changes_elsewhere_keep_a_long_lists_positions_unless_rows_come_or_go(
    qtbot: QtBot, demo_db: Database, pool: QThreadPool
) -> None:
    actor, model = _tickets_model(demo_db, pool, page_size=10)
    _loaded(qtbot, model)
    count = model.rowCount()
    window = model.window
    changed = model.row_at(3)
    assert window is not None
    assert changed is not None
    window.build_positions()  # as the background read does for a long list
    service = TicketService(demo_db)
    new = Priority.LOW if changed.priority is not Priority.LOW else Priority.HIGH
    service.change(actor, changed.id, TicketChange(priority=new), expected_version=None)
    model.follow_changes([changed.id])
    qtbot.waitUntil(lambda: model.row_at(3).priority is new, timeout=WAIT_MS)
    assert model.window is window, "the same rows: positions kept, the row read in place"
    assert window.positions_ready
    opened = service.open(
        actor, NewTicket(changed.contract_id, changed.service_id, "Jeszcze jedno", "Opis")
    )
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        model.follow_changes([opened.id])
    assert model.rowCount() == count + 1, "a row came: the list is read again"
    assert model.window is not window


def test_leaving_a_list_stops_its_positions_read_off_the_ui_thread(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopping a positions read interrupts its query: on PostgreSQL a cancel request sent
    over a new connection, which can wait on the network. It never runs on the UI thread,
    and the next list is read while it still waits."""
    pool = QThreadPool()
    pool.setMaxThreadCount(4)  # the blocked read, the blocked stop and the next list's reads
    reading, release = threading.Event(), threading.Event()
    stopped_on: list[int] = []
    build_positions, stop = Window.build_positions, Window.stop

    def blocked_build(window: Window[Any], check: Callable[[], None] | None = None) -> None:
        if not reading.is_set():  # the first list's read; the next list's is not in question
            reading.set()
            release.wait(WAIT_S)
        build_positions(window, check)

    def slow_stop(window: Window[Any]) -> None:
        stopped_on.append(threading.get_ident())
        release.wait(WAIT_S)
        stop(window)

    monkeypatch.setattr(Window, "build_positions", blocked_build)
    monkeypatch.setattr(Window, "stop", slow_stop)
    _actor, model = _tickets_model(demo_db, pool, page_size=2)  # 120 rows: a long list
    try:
        _loaded(qtbot, model)
        # The positions of a long list are read in the background.
        qtbot.waitUntil(reading.is_set, timeout=WAIT_MS)
        with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
            model.set_filter(TicketFilter(states=OPEN_STATES))
        qtbot.waitUntil(lambda: bool(stopped_on), timeout=WAIT_MS)
        assert stopped_on[0] != threading.get_ident(), "stopped in the pool"
        assert not release.is_set(), "the next list was read while the stop still waited"
    finally:
        release.set()
        pool.waitForDone(WAIT_MS)
        # Gone with the test: a later prefetch of its would call another test's patched read.
        shiboken6.delete(model)


def test_a_failing_read_is_reported_not_raised(
    qtbot: QtBot, demo_db: Database, pool: QThreadPool, tmp_path: Any
) -> None:
    actor = AgentService(demo_db).resolve("anna.nowak")
    broken = Database(f"sqlite:///{tmp_path / 'no-schema.sqlite3'}")
    model = TicketsModel(TicketListing(broken, actor), TaskSet(pool, pool))
    with qtbot.waitSignal(model.failed, timeout=WAIT_MS) as failure:
        model.start()
    assert "no such table" in failure.args[0]
    assert not model.is_loading
    assert model.rowCount() == 0
    pool.waitForDone(WAIT_MS)
    broken.dispose()


# ----- tickets -----------------------------------------------------------------------------


def test_ticket_filters_search_and_sort_by_header(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = TicketsScreen(desk_context)
    _show(qtbot, screen)
    model = screen.model
    # Open tickets by default: what an agent works on.
    assert screen.state.currentIndex() == 1
    opened = _rows(qtbot, model)
    assert opened
    assert {t.state for t in opened} <= OPEN_STATES
    screen.state.setCurrentIndex(0)
    assert len(_rows(qtbot, model)) == 120
    assert screen.status.text() == "120 ticket(s)"

    screen.mine.setChecked(True)
    mine = _rows(qtbot, model)
    assert mine
    assert {t.assignee_login for t in mine} == {"anna.nowak"}
    screen.unassigned.setChecked(True)
    either = _rows(qtbot, model)
    assert {t.assignee_login for t in either} == {"anna.nowak", None}
    screen.mine.setChecked(False)
    screen.unassigned.setChecked(False)

    screen.state.setCurrentIndex(1)  # open
    assert {t.state for t in _rows(qtbot, model)} <= OPEN_STATES
    screen.priority.setCurrentIndex(1)  # critical
    critical = _rows(qtbot, model)
    assert {(t.priority, t.state in OPEN_STATES) for t in critical} == {(Priority.CRITICAL, True)}
    screen.state.setCurrentIndex(0)
    screen.priority.setCurrentIndex(0)
    screen.awaiting_review.setChecked(True)
    assert all(t.migrated and not t.reviewed for t in _rows(qtbot, model))
    screen.awaiting_review.setChecked(False)

    qtbot.keyClicks(screen.search, "hd 7")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert [t.number for t in _rows(qtbot, model)] == ["HD-000007"]
    screen.search.clear()
    qtbot.keyClicks(screen.search, '"(*')
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert _rows(qtbot, model) == []
    assert "Nothing to search for" in screen.status.text()
    screen.search.clear()
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert len(_rows(qtbot, model)) == 120

    # A click on the "Priority" header sorts by priority (in SQL), a second one reverses it.
    header = screen.view.horizontalHeader()
    section = model.column_of_sort(Sort("priority"))
    point = QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: model.current_sort.key == "priority", timeout=WAIT_MS)
    ranks = [list(Priority).index(t.priority) for t in _rows(qtbot, model)]
    assert ranks == sorted(ranks, reverse=model.current_sort.descending)
    first = model.current_sort.descending
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: model.current_sort.descending != first, timeout=WAIT_MS)
    ranks = [list(Priority).index(t.priority) for t in _rows(qtbot, model)]
    assert ranks == sorted(ranks, reverse=model.current_sort.descending)


def test_enter_opens_and_selection_gives_the_ids(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = TicketsScreen(desk_context)
    _show(qtbot, screen)
    rows = _rows(qtbot, screen.model)
    screen.view.setFocus()
    screen.view.setCurrentIndex(screen.model.index(2, 0))
    with qtbot.waitSignal(screen.ticket_open_requested, timeout=WAIT_MS) as opened:
        qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert opened.args == [rows[2].id]
    assert screen.current_ticket_id() == rows[2].id
    with qtbot.waitSignal(screen.ticket_open_requested, timeout=WAIT_MS) as opened:
        rect = screen.view.visualRect(screen.model.index(4, 1))
        qtbot.mouseClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [rows[4].id]

    screen.view.clearSelection()
    screen.view.selectRow(1)
    rect = screen.view.visualRect(screen.model.index(3, 0))
    qtbot.mouseClick(
        screen.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        rect.center(),
    )
    rect = screen.view.visualRect(screen.model.index(6, 0))
    qtbot.mouseClick(
        screen.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    assert _selected_ids(qtbot, screen) == [rows[1].id, rows[2].id, rows[3].id, rows[6].id]
    screen.view.selectAll()
    assert _selected_ids(qtbot, screen) == [t.id for t in rows]
    screen.view.setCurrentIndex(screen.model.index(0, 0))
    assert screen.select_relative(1) == rows[1].id
    assert screen.select_relative(-5) == rows[0].id


def test_keys_ctrl_f_and_f5(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = TicketsScreen(desk_context)
    _show(qtbot, screen)
    rows = _rows(qtbot, screen.model)
    shown = len(rows)
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.search.hasFocus, timeout=WAIT_MS)
    TicketService(desk_context.db).open(
        desk_context.actor, NewTicket(rows[0].contract_id, rows[0].service_id, "Nowe", "Opis")
    )
    with qtbot.waitSignal(screen.model.loaded, timeout=WAIT_MS) as loaded:
        qtbot.keyClick(screen.view, Qt.Key.Key_F5)
    assert loaded.args == [shown + 1]
    assert screen.status.text() == f"{shown + 1} ticket(s)"
    # Tab walks the filters in order, then reaches the list.
    screen.search.setFocus()
    order = [screen.state, screen.priority, screen.mine, screen.unassigned]
    for widget in [*order, screen.awaiting_review, screen.breached, screen.due_soon, screen.view]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_column_widths_and_sort_are_remembered(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = TicketsScreen(desk_context)
    _show(qtbot, screen)
    _loaded(qtbot, screen.model)
    header = screen.view.horizontalHeader()
    header.resizeSection(1, 456)
    screen.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: screen.model.current_sort == Sort("customer"), timeout=WAIT_MS)
    _loaded(qtbot, screen.model)
    screen.close()
    again = TicketsScreen(desk_context)
    _show(qtbot, again)
    assert again.view.horizontalHeader().sectionSize(1) == 456
    assert again.model.current_sort == Sort("customer")
    names = [t.customer_name for t in _rows(qtbot, again.model)]
    assert names


def test_a_language_change_sets_the_texts_again(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = TicketsScreen(desk_context)
    _show(qtbot, screen)
    _loaded(qtbot, screen.model)
    screen.mine.setText("")
    QApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
    assert screen.mine.text() == "My tickets"
    assert screen.model.headerData(0, Qt.Orientation.Horizontal) == "Number"


# ----- contracts and serials ---------------------------------------------------------------


def test_contracts_filter_and_open_shows_the_services(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    screen = ContractsScreen(desk_context)
    _show(qtbot, screen)
    everything = _rows(qtbot, screen.model)
    screen.state.setCurrentIndex(1 + list(ContractState).index(ContractState.EXPIRED))
    expired = _rows(qtbot, screen.model)
    assert expired
    assert {c.state for c in expired} == {ContractState.EXPIRED}
    screen.state.setCurrentIndex(0)
    qtbot.waitUntil(lambda: screen.reseller.count() > 1, timeout=WAIT_MS)
    screen.reseller.setCurrentIndex(1)
    reseller = _rows(qtbot, screen.model)
    assert reseller
    assert len({c.reseller_id for c in reseller}) == 1
    screen.reseller.setCurrentIndex(0)
    screen.set_filter(ContractFilter(expiring_within_days=3650))
    assert screen.expiring.isChecked()
    assert {c.state for c in _rows(qtbot, screen.model)} == {ContractState.ACTIVE}
    screen.set_filter(ContractFilter())
    qtbot.keyClicks(screen.text, everything[0].tax_id.lower())
    qtbot.keyClick(screen.text, Qt.Key.Key_Return)
    found = _rows(qtbot, screen.model)
    assert {c.tax_id for c in found} == {everything[0].tax_id}

    contract = found[0]
    screen.view.setFocus()
    screen.view.setCurrentIndex(screen.model.index(0, 0))
    with qtbot.waitSignal(screen.contract_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert opened.args == [contract.id]
    services = _rows(qtbot, screen.services_model)
    assert len(services) == contract.service_count
    assert {s.contract_number for s in services} == {contract.number}
    assert all(s.notation.startswith("(H") and s.notation.endswith(s.serial) for s in services)
    assert contract.number in screen.services_title.text()


def test_serials_find_any_notation(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = SerialsScreen(desk_context)
    _show(qtbot, screen)
    everything = _rows(qtbot, screen.model)
    several = next(s for s in everything if s.notation_index == 2)
    qtbot.keyClicks(screen.serial, f"(h2) {several.serial.lower()}")
    qtbot.keyClick(screen.serial, Qt.Key.Key_Return)
    rows = _rows(qtbot, screen.model)
    assert {s.serial for s in rows} == {several.serial}
    assert len(rows) >= 2
    bold = [
        r.notation
        for number, r in enumerate(rows)
        if isinstance(
            f := screen.model.data(screen.model.index(number, 0), Qt.ItemDataRole.FontRole), QFont
        )
        and f.bold()
    ]
    assert bold == [f"(H2)-{several.serial}"]
    screen.serial.setText("FG12!")
    qtbot.keyClick(screen.serial, Qt.Key.Key_Return)
    assert screen.problem.isVisible()
    assert "only letters and digits" in screen.problem.text()
    screen.serial.setText(several.serial)
    qtbot.keyClick(screen.serial, Qt.Key.Key_Return)
    assert not screen.problem.isVisible()
    with qtbot.waitSignal(screen.service_opened, timeout=WAIT_MS) as opened:
        _rows(qtbot, screen.model)
        screen.view.setFocus()
        screen.view.setCurrentIndex(screen.model.index(0, 0))
        qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert opened.args == [screen.model.row_at(0).id]


# ----- audit and agents --------------------------------------------------------------------


def test_the_audit_log_is_for_supervisors(
    qtbot: QtBot, desk_context: DeskContext, supervisor_context: DeskContext
) -> None:
    refused = AuditScreen(desk_context)
    _show(qtbot, refused)
    assert refused.refused.isVisible()
    assert refused.model is None
    assert not refused.view.isVisible()

    db, anna = desk_context.db, desk_context.actor
    tickets = TicketService(db)
    some = TicketListing(db, anna).rows(TicketFilter(states=OPEN_STATES), limit=3)
    for ticket in some:
        tickets.reply(anna, ticket.id, "Odpowiedź – „test”")
    screen = AuditScreen(supervisor_context)
    _show(qtbot, screen)
    assert screen.model is not None
    entries = _rows(qtbot, screen.model)
    assert {e.action for e in entries} >= {"ticket.replied", "demo.loaded"}
    screen.action.setCurrentIndex(1 + screen._actions.index("ticket.replied"))
    replied = _rows(qtbot, screen.model)
    assert len(replied) == 3
    assert {e.agent_login for e in replied} == {"anna.nowak"}
    qtbot.keyClicks(screen.ticket, some[0].number.lower())
    qtbot.keyClick(screen.ticket, Qt.Key.Key_Return)
    assert [e.ticket_number for e in _rows(qtbot, screen.model)] == [some[0].number]
    screen.ticket.clear()
    qtbot.waitUntil(lambda: screen.agent.count() > 1, timeout=WAIT_MS)
    marek = next(i for i in range(screen.agent.count()) if "marek" in screen.agent.itemText(i))
    screen.agent.setCurrentIndex(marek)
    assert _rows(qtbot, screen.model) == []
    screen.agent.setCurrentIndex(0)
    screen.action.setCurrentIndex(0)
    screen.use_since.setChecked(True)
    screen.since.setDate(screen.since.date().addYears(5))
    assert _rows(qtbot, screen.model) == []
    assert screen.list_filter is not None
    assert screen.list_filter.since is not None


def test_the_audit_log_words_its_actions_and_entries_in_the_desks_language(
    qtbot: QtBot, qapp: QApplication, desk_context: DeskContext, supervisor_context: DeskContext
) -> None:
    db, anna = desk_context.db, desk_context.actor
    ticket = TicketListing(db, anna).rows(TicketFilter(states=OPEN_STATES), limit=1)[0]
    TicketService(db).reply(anna, ticket.id, "Dzień dobry")
    translations = Translations(qapp)
    assert translations.apply("pl")
    try:
        screen = AuditScreen(supervisor_context)
        _show(qtbot, screen)
        assert screen.model is not None
        entries = _rows(qtbot, screen.model)
        row = next(i for i, entry in enumerate(entries) if entry.action == "ticket.replied")
        action = screen.model.data(screen.model.index(row, 2))
        said = screen.model.data(screen.model.index(row, 4))
        assert action == "odpowiedź"
        assert said == f"{ticket.number}: odpowiedź"
        items = [screen.action.itemText(i) for i in range(screen.action.count())]
        assert "odpowiedź" in items
        assert not [item for item in items if "." in item or "_" in item]  # no raw codes
    finally:
        translations.apply("en")
    assert screen.list_filter == AuditFilter(since=screen.list_filter.since)


def test_administrators_manage_agents(
    qtbot: QtBot, desk_context: DeskContext, admin_context: DeskContext
) -> None:
    refused = AgentsScreen(desk_context)
    _show(qtbot, refused)
    assert refused.refused.isVisible()
    assert not refused.add_button.isVisible()

    screen = AgentsScreen(admin_context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=WAIT_MS)
    screen.add_button.click()
    dialog = screen.dialog
    assert dialog is not None
    dialog.login.setText("ola.zolc")  # type: ignore[attr-defined]
    dialog.display_name.setText("Ola Żółć")  # type: ignore[attr-defined]
    dialog.role.setCurrentIndex(list(Role).index(Role.SUPERVISOR))  # type: ignore[attr-defined]
    dialog.password.setText("krótkie")  # type: ignore[attr-defined]
    dialog.repeat.setText("inne")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.error.text()
    dialog.repeat.setText("krótkie")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "at least" in dialog.error.text(), timeout=WAIT_MS)
    assert dialog.isVisible(), "nothing typed is lost"
    dialog.password.setText("długie hasło")  # type: ignore[attr-defined]
    dialog.repeat.setText("długie hasło")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 6, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.dialog is None, timeout=WAIT_MS)
    added = screen.selected_agent()
    assert added is not None
    assert (added.login, added.display_name, added.role) == (
        "ola.zolc",
        "Ola Żółć",
        Role.SUPERVISOR,
    )
    assert (
        AgentService(admin_context.db).authenticate("ola.zolc", "długie hasło").login == "ola.zolc"
    )

    assert screen.active_button.text() == "Deactivate"
    screen.active_button.click()
    qtbot.waitUntil(
        lambda: screen.selected_agent() is not None and not screen.selected_agent().is_active,
        timeout=WAIT_MS,
    )
    assert screen.active_button.text() == "Activate"

    screen.role_button.click()
    role_dialog = screen.dialog
    assert role_dialog is not None
    role_dialog.role.setCurrentIndex(list(Role).index(Role.AGENT))  # type: ignore[attr-defined]
    role_dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.selected_agent().role is Role.AGENT, timeout=WAIT_MS)

    # Administrators may not lock themselves out: the service says why, the screen shows it.
    row = screen.model.row_of("admin")
    screen.view.selectRow(row)
    screen.active_button.click()
    qtbot.waitUntil(lambda: "cannot deactivate your own" in screen.status.text(), timeout=WAIT_MS)


def test_tickets_model_headers_and_cells(
    qtbot: QtBot, demo_db: Database, pool: QThreadPool
) -> None:
    _actor, model = _tickets_model(demo_db, pool)
    rows = _rows(qtbot, model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Number", "Subject", "Customer", "Serial", "State", "Priority", "Time left", "Channel",
        "Assignee", "Reseller access", "Last change",
    ]  # fmt: skip
    ticket = next(t for t in rows if t.reseller_access and t.state is TicketState.NEW)
    number = rows.index(ticket)
    cells = [model.data(model.index(number, c)) for c in range(model.columnCount())]
    assert cells[0] == ticket.number
    assert cells[1] == ticket.subject
    assert cells[4] == "new"
    assert cells[9] == "allowed"
    assert model.data(model.index(number, 9), Qt.ItemDataRole.ToolTipRole) == ticket.reseller_name
    assert model.data(QModelIndex()) is None


def test_pages_are_read_while_the_long_jobs_pool_is_full(
    qtbot: QtBot, demo_db: Database, desk_settings: DeskSettings
) -> None:
    """A long job (an import, a batch export) never holds up the list's page reads."""
    pool, jobs = QThreadPool(), QThreadPool()
    jobs.setMaxThreadCount(1)
    release = threading.Event()
    blocker = start(
        jobs,
        lambda _control: release.wait(WAIT_S),
        owner=jobs,
        finished=lambda _r: None,
        failed=pytest.fail,
    )
    context = DeskContext(
        demo_db,
        AgentService(demo_db).resolve("marek.zielinski"),
        desk_settings,
        pool,
        jobs,
        OpenedCopies(),
    )
    try:
        screen = TicketsScreen(context)  # starts reading its first page and its count
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.model.row_at(0) is not None, timeout=WAIT_MS)
        with qtbot.waitSignal(screen.model.loaded, timeout=WAIT_MS):
            screen.refresh()
        assert jobs.activeThreadCount() == 1, "the long job still runs"
    finally:
        release.set()
        jobs.waitForDone(WAIT_MS)
        pool.waitForDone(WAIT_MS)
    del blocker


def test_a_tooltip_shows_markup_from_the_database_as_written() -> None:
    """A subject such as `<b>Łódź</b>` is not drawn in bold in its tooltip: Qt would read a
    tooltip that looks like HTML as rich text."""
    shown = tooltip_text("<b>Łódź</b> & co")
    assert isinstance(shown, str)
    document = QTextDocument()
    document.setHtml(shown)
    assert document.toPlainText() == "<b>Łódź</b> & co"
    assert tooltip_text("Łódź") == "Łódź"
    assert tooltip_text(42) == 42
