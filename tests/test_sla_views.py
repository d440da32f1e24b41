"""Time left in the ticket list: its sort (NULLs last, ties by id) and its two filters, at a
fixed now, on SQLite and PostgreSQL. The dues are written straight into the fixture (the
lifecycle that computes them has its own tests)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Language, TicketState
from hezo_desk.models import Customer, ServiceLevel, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.listing.definition import Sort
from hezo_desk.services.listing.paging import Window
from hezo_desk.services.listing.tickets import OPEN_STATES, TicketFilter, TicketListing
from hezo_desk.services.pdf import Variant
from hezo_desk.services.pdf.export import PdfExportService
from hezo_desk.services.service_levels.standing import SlaFacts
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.tables.list_models import TicketsModel
from hezo_desk.ui.tables.tickets import TicketsScreen
from hezo_desk.ui.ticket.countdown import DueCountdown
from hezo_desk.ui.ticket.view import TicketView
from hezo_desk.ui.workers import TaskSet
from waiting import WAIT_MS

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
PAGE = 4
# Minutes from NOW to each dated ticket's next due, in the order of the open tickets: ties
# (the same due twice), overdue, due within the hour, exactly now, exactly an hour on.
OFFSETS = [-600, -35, -35, -1, 0, 1, 30, 59, 60, 61, 130, 130, 130, 2000, 9000]


def _all(window: Window[Any]) -> list[Any]:
    pages = -(-window.count() // window.page_size)
    return [row for number in range(pages) for row in window.page(number)]


def _jumping(window: Window[Any]) -> list[Any]:
    pages = -(-window.count() // window.page_size)
    order = [pages - 1, pages // 2, *range(pages // 2 - 1, -1, -1), *range(pages // 2 + 1, pages)]
    read = {number: window.page(number) for number in dict.fromkeys(order)}
    return [row for number in range(pages) for row in read[number]]


def _ids(rows: list[Any]) -> list[int]:
    return [row.id for row in rows]


@pytest.fixture
def dated(demo_db: Database) -> dict[int, dt.datetime | None]:
    """The demo's tickets; some open ones get a next due around NOW, the rest none."""
    with demo_db.transaction() as session:
        session.execute(update(Ticket).values(next_due_at=None))
        open_ids = list(
            session.scalars(
                select(Ticket.id).where(Ticket.state.in_(OPEN_STATES)).order_by(Ticket.id.desc())
            )
        )
        dues: dict[int, dt.datetime | None] = dict.fromkeys(
            session.scalars(select(Ticket.id)), None
        )
        assert len(open_ids) > len(OFFSETS) + 3
        # Spread over the ids (not in id order), so that ties are broken by id visibly.
        for ticket_id, minutes in zip(open_ids[::2], OFFSETS, strict=False):
            due = NOW + dt.timedelta(minutes=minutes)
            session.execute(update(Ticket).where(Ticket.id == ticket_id).values(next_due_at=due))
            dues[ticket_id] = due
    return dues


def _expected(dues: dict[int, dt.datetime | None], desc: bool, keep: Any = None) -> list[int]:
    chosen = {i: due for i, due in dues.items() if keep is None or keep(i, due)}
    with_due = sorted((due, i) for i, due in chosen.items() if due is not None)
    if desc:
        with_due.reverse()
    without = sorted((i for i, due in chosen.items() if due is None), reverse=desc)
    return [i for _due, i in with_due] + without


@pytest.mark.parametrize("desc", [False, True], ids=["asc", "desc"])
def test_time_left_sorts_by_the_next_due_nulls_last_ties_by_id(
    demo_db: Database, demo_agent: Actor, dated: dict[int, dt.datetime | None], desc: bool
) -> None:
    listing = TicketListing(demo_db, demo_agent, now=lambda: NOW)
    sort = Sort("time_left", desc)
    expected = _expected(dated, desc)
    forwards = _all(listing.window(TicketFilter(), sort, page_size=PAGE))
    assert _ids(forwards) == expected
    assert _ids(_jumping(listing.window(TicketFilter(), sort, page_size=PAGE))) == expected
    window = listing.window(TicketFilter(), sort, page_size=PAGE)
    count, first = window.open()
    assert count == len(expected)
    assert _ids(first) == expected[:PAGE]
    # Pages reached by keyset across the two segments, and a selection spanning them.
    border = sum(1 for due in dated.values() if due is not None)
    assert window.ids(border - 3, border + 2) == expected[border - 3 : border + 3]
    for place in (0, 1, border - 1, border, border + 1, len(expected) - 1):
        fresh = listing.window(TicketFilter(), sort, page_size=PAGE)
        assert fresh.position_of(expected[place]) == place, place
    window.build_positions()
    assert _ids(window.page(1)) == expected[PAGE : 2 * PAGE]
    assert window.position_of(expected[border]) == border


def test_the_time_left_filters_count_from_the_given_now(
    demo_db: Database, demo_agent: Actor, dated: dict[int, dt.datetime | None]
) -> None:
    listing = TicketListing(demo_db, demo_agent, now=lambda: NOW)
    hour = NOW + dt.timedelta(hours=1)

    def shown(list_filter: TicketFilter) -> list[int]:
        return _ids(_all(listing.window(list_filter, Sort("time_left"), page_size=PAGE)))

    breached = _expected(dated, False, lambda _i, due: due is not None and due < NOW)
    soon = _expected(dated, False, lambda _i, due: due is not None and NOW <= due < hour)
    either = _expected(dated, False, lambda _i, due: due is not None and due < hour)
    assert len(breached) == 4
    assert len(soon) == 4
    assert shown(TicketFilter(breached=True)) == breached
    assert shown(TicketFilter(due_soon=True)) == soon
    assert shown(TicketFilter(breached=True, due_soon=True)) == either
    # With the other filters, and in another order.
    assert sorted(_ids(listing.rows(TicketFilter(states=OPEN_STATES, breached=True)))) == sorted(
        breached
    )
    closed = frozenset({TicketState.CLOSED})
    assert listing.rows(TicketFilter(states=closed, breached=True)) == []
    # Another now: what was due soon is breached an hour later.
    later = TicketListing(demo_db, demo_agent, now=lambda: hour)
    assert _ids(_all(later.window(TicketFilter(breached=True), Sort("time_left")))) == either


@pytest.mark.parametrize("key", ["sort", "breached", "due_soon"])
def test_time_left_reads_its_index(
    demo_db: Database, demo_agent: Actor, dated: dict[int, dt.datetime | None], key: str
) -> None:
    """The first page of the sort and each filter is a range of ix_tickets_next_due."""
    listing = TicketListing(demo_db, demo_agent, now=lambda: NOW)
    list_filter = TicketFilter(breached=key == "breached", due_soon=key == "due_soon")
    plan = listing.plan(list_filter, Sort("time_left"))
    first_page = (
        select(*plan.keys)
        .where(*plan.conditions, plan.keys[0].is_not(None))
        .order_by(*plan.keys)
        .limit(100)
    )
    sql = str(first_page.compile(demo_db.engine, compile_kwargs={"literal_binds": True}))
    with demo_db.engine.connect() as connection:
        if demo_db.is_sqlite:
            plan_text = str(connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all())
            assert "TEMP B-TREE" not in plan_text
        else:
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan_text = str(connection.exec_driver_sql(f"EXPLAIN {sql}").all())
    assert "ix_tickets_next_due" in plan_text


# ----- the list on screen ------------------------------------------------------------------


class Clock:
    """A now the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _outcomes(db: Database) -> dict[str, int]:
    """A paused ticket with a target, a closed one met, a closed one breached."""
    with db.transaction() as session:
        waiting = session.scalars(
            select(Ticket.id).where(Ticket.state == TicketState.WAITING_FOR_CUSTOMER)
        ).first()
        closed = list(
            session.scalars(
                select(Ticket.id).where(Ticket.state == TicketState.CLOSED).order_by(Ticket.id)
            )
        )[:2]
        assert waiting is not None
        assert len(closed) == 2
        session.execute(
            update(Ticket)
            .where(Ticket.id == waiting)
            .values(next_due_at=None, response_target_minutes=240, response_due_at=None)
        )
        session.execute(
            update(Ticket)
            .where(Ticket.id == closed[0])
            .values(response_met=True, resolution_met=True)
        )
        session.execute(
            update(Ticket)
            .where(Ticket.id == closed[1])
            .values(response_met=True, resolution_met=False)
        )
    return {"paused": waiting, "met": closed[0], "breached": closed[1]}


def test_the_time_left_column_words_and_colours_each_case(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    demo_db: Database,
    demo_agent: Actor,
    dated: dict[int, dt.datetime | None],
) -> None:
    outcomes = _outcomes(demo_db)
    clock = Clock(NOW)
    # Owned by a widget the test's end deletes: no timer of the model outlives its pool.
    holder = QWidget()
    qtbot.addWidget(holder)
    pool = QThreadPool(holder)
    model = TicketsModel(TicketListing(demo_db, demo_agent, now=clock), TaskSet(pool, pool), holder)
    model.sort(model.time_left_column(), Qt.SortOrder.AscendingOrder)
    model.start()
    qtbot.waitUntil(lambda: not model.is_loading, timeout=WAIT_MS)
    qtmodeltester.check(model)
    column = model.time_left_column()
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Time left"

    def read_all() -> dict[int, tuple[str, Any, Any]]:
        for row in range(model.rowCount()):
            model.data(model.index(row, 0))
        qtbot.waitUntil(
            lambda: all(model.row_at(r) is not None for r in range(model.rowCount())),
            timeout=WAIT_MS,
        )
        shown = {}
        for row in range(model.rowCount()):
            index = model.index(row, column)
            ticket = model.row_at(row)
            assert ticket is not None
            shown[ticket.id] = (
                model.data(index),
                model.data(index, Qt.ItemDataRole.ForegroundRole),
                model.data(index, Qt.ItemDataRole.FontRole),
            )
        return shown

    shown = read_all()
    by_offset = {
        minutes: i for i, minutes in zip(_expected(dated, False), sorted(OFFSETS), strict=False)
    }
    assert shown[by_offset[-600]][0] == "overdue 10 h"
    assert shown[by_offset[-35]][0] == "overdue 35 min"
    assert shown[by_offset[-1]][0] == "overdue 1 min"
    assert shown[by_offset[0]][0] == "0 min"
    assert shown[by_offset[59]][0] == "59 min"
    assert shown[by_offset[130]][0] == "2 h 10 min"
    assert shown[by_offset[9000]][0] == "6 d 6 h"
    assert shown[outcomes["paused"]][0] == "paused"
    assert shown[outcomes["met"]][0] == "met"
    assert shown[outcomes["breached"]][0] == "breached"
    # The cue: overdue red and bold, due within the hour amber, the rest the theme's own.
    overdue, soon, later = shown[by_offset[-35]], shown[by_offset[30]], shown[by_offset[60]]
    assert isinstance(overdue[1], QColor)
    assert overdue[2] is not None
    assert overdue[2].bold()
    assert isinstance(soon[1], QColor)
    assert soon[1] != overdue[1]
    assert soon[2] is None
    assert later[1] is None
    assert later[2] is None
    # A minute later (and no read): worded again on the tick.
    changed: list[Any] = []
    model.dataChanged.connect(
        lambda first, last, roles: changed.append((first.column(), last.row()))
    )
    clock.now = NOW + dt.timedelta(minutes=31)
    model.tick()
    assert changed == [(column, model.rowCount() - 1)]
    assert model.data(model.index(4, column)) == "overdue 31 min"  # the one due at NOW
    qtmodeltester.check(model)
    pool.waitForDone(WAIT_MS)


def test_the_list_filters_by_time_left(
    qtbot: QtBot, desk_context: Any, dated: dict[int, dt.datetime | None], tmp_path: Any
) -> None:
    ticker = QTimer()  # never started by the test: no wall clock
    screen = TicketsScreen(desk_context, now=lambda: NOW, ticker=ticker)
    qtbot.addWidget(screen)
    screen.resize(1280, 700)
    screen.show()
    qtbot.waitUntil(lambda: not screen.model.is_loading, timeout=WAIT_MS)
    screen.breached.setChecked(True)
    qtbot.waitUntil(
        lambda: not screen.model.is_loading and screen.model.list_filter.breached, timeout=WAIT_MS
    )
    assert screen.model.row_count == 4
    assert screen.list_filter == TicketFilter(states=OPEN_STATES, breached=True)
    screen.breached.setChecked(False)
    screen.due_soon.setChecked(True)
    qtbot.waitUntil(
        lambda: not screen.model.is_loading and screen.model.list_filter.due_soon, timeout=WAIT_MS
    )
    assert screen.model.row_count == 4
    screen.due_soon.setChecked(False)
    screen.view.horizontalHeader().setSortIndicator(
        screen.model.time_left_column(), Qt.SortOrder.AscendingOrder
    )
    qtbot.waitUntil(
        lambda: not screen.model.is_loading and screen.model.current_sort.key == "time_left",
        timeout=WAIT_MS,
    )
    first = screen.model.row_at(0)
    assert first is not None
    assert first.id == _expected(dated, False)[0]
    assert not screen.view.horizontalScrollBar().isVisible(), "fits 1280 px"
    if picture := os.environ.get("HEZO_GRAB"):
        QApplication.processEvents()
        screen.grab().save(picture)


# ----- the ticket page's countdown --------------------------------------------------------

# 10:00 UTC on 30 Nov 2026 is 11:00 in Warsaw (CET).
DUE = NOW + dt.timedelta(hours=2, minutes=10)


@pytest.mark.parametrize(
    ("facts", "response", "resolution"),
    [
        (
            SlaFacts(
                TicketState.NEW,
                "8x5",
                response_due_at=DUE,
                resolution_due_at=DUE + dt.timedelta(days=2),
            ),
            "2026-11-30 13:10 (2 h 10 min left)",
            "2026-12-02 13:10 (2 d 2 h left)",
        ),
        (
            SlaFacts(
                TicketState.IN_PROGRESS, "24x7", response_due_at=NOW - dt.timedelta(minutes=35)
            ),
            "2026-11-30 10:25 (overdue 35 min)",
            "no target",
        ),
        (
            SlaFacts(
                TicketState.IN_PROGRESS,
                "24x7",
                response_due_at=DUE,
                first_response_at=NOW - dt.timedelta(minutes=20),
                response_met=True,
                resolution_due_at=NOW + dt.timedelta(minutes=45),
            ),
            "met at 2026-11-30 10:40 (due 2026-11-30 13:10)",
            "2026-11-30 11:45 (45 min left)",
        ),
        (
            SlaFacts(
                TicketState.WAITING_FOR_CUSTOMER,
                "NBD",
                response_target_minutes=240,
                resolution_target_nbd=True,
            ),
            "paused (waiting for the customer)",
            "paused (waiting for the customer)",
        ),
        (
            SlaFacts(
                TicketState.CLOSED,
                "8x5",
                response_due_at=NOW - dt.timedelta(hours=3),
                first_response_at=NOW - dt.timedelta(hours=2, minutes=25),
                response_met=False,
                resolution_due_at=NOW - dt.timedelta(hours=1),
                closed_at=NOW - dt.timedelta(hours=2),
                resolution_met=True,
            ),
            "breached by 35 min (due 2026-11-30 08:00)",
            "met at 2026-11-30 09:00 (due 2026-11-30 10:00)",
        ),
        (SlaFacts(TicketState.CANCELLED, "none", response_target_minutes=960), "—", "—"),
    ],
    ids=["left", "overdue", "met-pending", "paused", "closed", "cancelled"],
)
def test_the_countdown_words_each_case(
    qtbot: QtBot, facts: SlaFacts, response: str, resolution: str
) -> None:
    ticker = QTimer()
    countdown = DueCountdown(now=lambda: NOW, ticker=ticker)
    qtbot.addWidget(countdown)
    countdown.show_facts(facts)
    assert countdown.level.text() == facts.level_name
    assert countdown.response.text() == response
    assert countdown.resolution.text() == resolution


def test_the_countdown_counts_on_each_tick_and_reload(qtbot: QtBot) -> None:
    clock = Clock(NOW)
    ticker = QTimer()  # fired by hand: no wall clock
    countdown = DueCountdown(now=clock, ticker=ticker)
    qtbot.addWidget(countdown)
    countdown.show_facts(SlaFacts(TicketState.NEW, "24x7", response_due_at=DUE))
    assert countdown.response.text() == "2026-11-30 13:10 (2 h 10 min left)"
    assert "color" not in countdown.response.styleSheet()
    clock.now = DUE - dt.timedelta(minutes=30)
    ticker.timeout.emit()
    assert countdown.response.text() == "2026-11-30 13:10 (30 min left)"
    assert "color" in countdown.response.styleSheet()
    clock.now = DUE + dt.timedelta(minutes=1)
    ticker.timeout.emit()
    assert countdown.response.text() == "2026-11-30 13:10 (overdue 1 min)"
    assert "bold" in countdown.response.styleSheet()
    # The ticket reloaded: answered meanwhile.
    countdown.show_facts(
        SlaFacts(TicketState.IN_PROGRESS, "24x7", response_due_at=DUE, first_response_at=DUE)
    )
    assert countdown.response.text() == "met at 2026-11-30 13:10 (due 2026-11-30 13:10)"


def test_the_ticket_page_shows_its_dues(qtbot: QtBot, desk_context: Any, tmp_path: Any) -> None:
    db = desk_context.db
    with db.transaction() as session:
        ticket_id = session.scalars(
            select(Ticket.id).where(Ticket.state == TicketState.CLOSED).order_by(Ticket.id)
        ).first()
        level = session.scalar(select(ServiceLevel.id).where(ServiceLevel.name == "24x7"))
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id)
            .values(
                sla_level_id=level,
                response_due_at=NOW,
                first_response_at=NOW - dt.timedelta(minutes=5),
                response_met=True,
                resolution_due_at=NOW + dt.timedelta(hours=8),
                closed_at=NOW + dt.timedelta(hours=9),
                resolution_met=False,
            )
        )
    view = TicketView(desk_context, ticket_id, DraftStore(tmp_path / "drafts", "x"))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    assert view.countdown.level.text() == "24x7"
    assert view.countdown.response.text() == "met at 2026-11-30 10:55 (due 2026-11-30 11:00)"
    assert view.countdown.resolution.text() == "breached by 1 h 0 min (due 2026-11-30 19:00)"
    if picture := os.environ.get("HEZO_GRAB_TICKET"):
        QApplication.processEvents()
        view.grab().save(picture)


# ----- the case PDF ----------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path: Any, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    if picture := os.environ.get("HEZO_GRAB_PDF"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path), f"{picture}-{name}"],
            check=True,
        )
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("language", [Language.POLISH, Language.ENGLISH], ids=["pl", "en"])
def test_the_case_pdf_shows_the_targets_dues_and_outcomes(
    demo_db: Database, demo_agent: Actor, tmp_path: Any, language: Language
) -> None:
    with demo_db.transaction() as session:
        answered, pending = list(
            session.scalars(
                select(Ticket.id).where(Ticket.state.in_(OPEN_STATES)).order_by(Ticket.id)
            )
        )[:2]
        level = session.scalar(select(ServiceLevel.id).where(ServiceLevel.name == "NBD"))
        common = {
            "sla_level_id": level,
            "sla_calendar": "business_hours",
            "response_target_minutes": 240,
            "resolution_target_nbd": True,
        }
        session.execute(
            update(Ticket)
            .where(Ticket.id == answered)
            .values(
                **common,
                response_due_at=NOW - dt.timedelta(hours=1),
                first_response_at=NOW - dt.timedelta(minutes=25),
                response_met=False,
                resolution_due_at=NOW + dt.timedelta(hours=5),
            )
        )
        session.execute(
            update(Ticket)
            .where(Ticket.id == pending)
            .values(
                **common, response_due_at=NOW + dt.timedelta(minutes=50), resolution_due_at=None
            )
        )
        customers = select(Ticket.customer_id).where(Ticket.id.in_([answered, pending]))
        session.execute(
            update(Customer).where(Customer.id.in_(customers)).values(language=language)
        )
    service = PdfExportService(demo_db, now=lambda: NOW)
    first = _pdf_text(
        service.render(demo_agent, answered, Variant.INTERNAL).pdf, tmp_path, f"a-{language}"
    )
    second = _pdf_text(
        service.render(demo_agent, pending, Variant.CUSTOMER).pdf, tmp_path, f"b-{language}"
    )
    if language is Language.ENGLISH:
        assert "Service level NBD" in first
        assert "Response target 4 h 0 min" in first
        assert "Response due 2026-11-30 10:00 – breached by 35 min" in first
        assert "Resolution target by 16:00 on the next business day" in first
        assert "Resolution due 2026-11-30 16:00 – pending, 5 h 0 min left" in first
        assert "Response due 2026-11-30 11:50 – pending, 50 min left" in second
        assert "Resolution due" not in second  # held: no due yet, nothing to show
    else:
        assert "Poziom obsługi NBD" in first
        assert "Czas reakcji 4 godz. 0 min" in first
        assert "Termin reakcji 2026-11-30 10:00 – niedotrzymany, przekroczony o 35 min" in first
        assert "Czas rozwiązania do 16:00 następnego dnia roboczego" in first
        assert "Termin rozwiązania 2026-11-30 16:00 – w toku, zostało 5 godz. 0 min" in first
        assert "Termin reakcji 2026-11-30 11:50 – w toku, zostało 50 min" in second


def test_the_countdown_speaks_polish_after_a_language_switch(
    qtbot: QtBot, qapp: QApplication
) -> None:
    countdown = DueCountdown(now=lambda: NOW, ticker=QTimer())
    qtbot.addWidget(countdown)
    overdue = SlaFacts(
        TicketState.IN_PROGRESS, "8x5", response_due_at=NOW - dt.timedelta(minutes=35)
    )
    countdown.show_facts(overdue)
    switch = Translations(qapp)
    try:
        assert switch.apply("pl")
        # The language change reaches the widget as an event: worded again without a reload.
        qtbot.waitUntil(
            lambda: countdown.response.text() == "2026-11-30 10:25 (po terminie 35 min)",
            timeout=WAIT_MS,
        )
        assert countdown.resolution.text() == "bez celu"
        countdown.show_facts(SlaFacts(TicketState.NEW, "24x7", response_due_at=DUE))
        assert countdown.response.text() == "2026-11-30 13:10 (zostało 2 h 10 min)"
    finally:
        switch.apply("en")
    qtbot.waitUntil(
        lambda: countdown.response.text() == "2026-11-30 13:10 (2 h 10 min left)", timeout=WAIT_MS
    )
