"""The ticket list at a million tickets: the windowed model against what one would otherwise write.

    .venv-dev/bin/python benchmarks/bench_tables.py          # or: python -m benchmarks.bench_tables
    HEZO_DESK_BENCH_POSTGRESQL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv-dev/bin/python benchmarks/bench_tables.py      # PostgreSQL too (an admin URL)

The databases come from `benchmarks/datasets.py` (the demo generator's bulk inserts: 1,000,000
tickets and about 4 million messages, some 15 minutes on SQLite and 25 on PostgreSQL the first
time, reused later); this benchmark adds one rare word to 25 dialogues.

Each approach runs in a process of its own, so that its peak memory is its own:
- windowed: `TicketsModel` (ui/tables) over `TicketListing`, pages read in the thread pool;
- QSqlQueryModel: a plain `QSqlQueryModel` over the same file and the same columns, with
  `fetchMore()` to reach a row (SQLite only: the wheels carry no PostgreSQL driver);
- raw SQL: the query alone through the DB-API driver, the floor: LIMIT for the first page,
  OFFSET for a jump, and fetching everything.
Times are wall-clock on this machine; sorts and filters are medians of a few rounds.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TICKETS = 1_000_000
REPOSITORY = Path(__file__).resolve().parent.parent
RARE_WORD = "przepięciowy"  # typed without its Polish letters in the search
RARE_TICKETS = 25
JUMP = "jump to the middle row, right after opening"
REPEAT = 5
SCROLL_PAGES = 2_000
SPARE_REFERENCES = 2_000_000
ROUNDS = 3
HEARTBEAT_MS = 20
POSTGRESQL_ENV = "HEZO_DESK_BENCH_POSTGRESQL"
LIST_SQL = """
SELECT t.id, t.number, t.subject, c.name, s.serial, s.notation_index, t.state, t.priority,
       t.channel, a.display_name, t.reseller_access, r.name, t.updated_at
FROM tickets t
JOIN customers c ON c.id = t.customer_id
LEFT JOIN service_contracts k ON k.id = t.contract_id
LEFT JOIN resellers r ON r.id = k.reseller_id
LEFT JOIN services s ON s.id = t.service_id
LEFT JOIN agents a ON a.id = t.assignee_id
"""
BY_UPDATED = " ORDER BY t.updated_at DESC, t.id DESC"
BY_SUBJECT = " ORDER BY t.subject, t.id"
ONLY_NEW = " WHERE t.state = 'new'"


# ----- the database ------------------------------------------------------------------------


def _add_rare_word(url: str, tickets: int) -> None:
    """A word in only a few dialogues (internal notes): what most real searches look for."""
    from sqlalchemy import select

    from hezo_desk.db import Database
    from hezo_desk.models import Message
    from hezo_desk.services.agents import AgentService
    from hezo_desk.services.tickets import TicketService

    db = Database(url)
    with db.sessions() as session:
        done = session.scalar(select(Message.id).where(Message.body.contains(RARE_WORD)).limit(1))
    if done is None:
        actor = AgentService(db).resolve("anna.nowak")
        step = max(tickets // RARE_TICKETS, 1)
        for ticket_id in range(step // 2, tickets + 1, step)[:RARE_TICKETS]:
            TicketService(db).add_note(
                actor, ticket_id, f"Wymieniono ogranicznik {RARE_WORD} – do sprawdzenia."
            )
    db.dispose()


# ----- measuring ---------------------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _dues_now(db: Any) -> Any:
    """4 h after the earliest next due: about one open ticket in six breached, one in 24
    due within the hour (`demo.bulk.plausible_dues`)."""
    import datetime as dt

    from sqlalchemy import func, select

    from hezo_desk.models import Ticket

    with db.sessions() as session:
        earliest = session.scalar(select(func.min(Ticket.next_due_at)))
    if earliest is None:
        return dt.datetime.now(dt.UTC)
    return earliest + dt.timedelta(hours=4)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return _ms(time.perf_counter() - start), result


def _median(work: Callable[[], Any], times: int = REPEAT) -> float:
    return statistics.median(_timed(work)[0] for _ in range(times))


def emit_releases_true() -> bool:
    """PySide6 6.12.0 on Python 3.11: every `Signal.emit()` releases a reference to `True` it
    never took (and queued deliveries some to `None`); after some thousands of emits the
    interpreter aborts ("bool_dealloc", "none_dealloc"). 6.11.3 does not."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def survive_pyside_refcount_bug() -> dict[str, Any]:
    """Enough spare references to `True` and `None` for one run, so that it can be measured."""
    if not emit_releases_true():
        return {}
    for singleton in (True, None):
        for _ in range(SPARE_REFERENCES):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(singleton))
    return {"PySide6 6.12.0 refcount bug": "compensated in this process"}


def case_windowed(url: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    figures = survive_pyside_refcount_bug()

    from hezo_desk.db import Database
    from hezo_desk.enums import OPEN_TICKET_STATES, Priority, TicketState
    from hezo_desk.services.agents import AgentService
    from hezo_desk.services.listing.definition import Sort
    from hezo_desk.services.listing.tickets import TicketFilter, TicketListing
    from hezo_desk.services.lookup import LookupService
    from hezo_desk.ui.tables.list_models import TicketsModel
    from hezo_desk.ui.workers import TaskSet

    app = QApplication.instance() or QApplication([])
    db = Database(url)
    actor = AgentService(db).resolve("anna.nowak")
    pool = QThreadPool()

    # Sleep in the event loop until something arrives (a page, a count); the heartbeat wakes
    # it now and then to look at the clock.
    heartbeat = QTimer()
    heartbeat.start(HEARTBEAT_MS)

    def spin_until(done: Callable[[], bool], limit: float = 120.0) -> float:
        start = time.perf_counter()
        while not done():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.perf_counter() - start > limit:
                raise TimeoutError("the list did not answer in time")
        return _ms(time.perf_counter() - start)

    # The time-left filters count from the dues' own middle (the demo spreads them from 4 h
    # before its build to 20 h after), not from today's clock, which moves away from them.
    now = _dues_now(db)
    model = TicketsModel(TicketListing(db, actor, now=lambda: now), TaskSet(pool, pool))
    resets: list[float] = []
    model.modelReset.connect(lambda: resets.append(time.perf_counter()))

    def reopen(change: Callable[[], None]) -> tuple[float, float]:
        """Time to the first page on screen, and to the true row count."""
        before = len(resets)
        start = time.perf_counter()
        change()
        spin_until(
            lambda: len(resets) > before and (model.rowCount() == 0 or model.row_at(0) is not None)
        )
        first = _ms(resets[-1] - start)
        spin_until(lambda: not model.is_loading)
        return first, _ms(time.perf_counter() - start)

    first, counted = reopen(model.start)
    figures["first page (first list the process opens)"] = first
    figures["row count known (first list)"] = counted
    figures["rows"] = model.rowCount()
    figures["memory after first page"] = round(_rss_mb(), 1)
    total = model.rowCount()
    middle = total // 2
    jump_start = time.perf_counter()
    model.data(model.index(middle, 0))
    spin_until(lambda: model.row_at(middle) is not None)
    figures[JUMP] = _ms(time.perf_counter() - jump_start)
    window = model.window
    assert window is not None
    spin_until(lambda: window.positions_ready)
    figures["positions of all rows read (background)"] = _ms(time.perf_counter() - jump_start)

    def jump(row: int) -> float:
        start = time.perf_counter()
        model.data(model.index(row, 0))
        spin_until(lambda: model.row_at(row) is not None)
        return _ms(time.perf_counter() - start)

    figures["jump to any row (positions read)"] = statistics.median(
        jump(int(total * share)) for share in (0.5043, 0.75, 0.1234, 0.99995, 0.3333)
    )
    from PySide6.QtCore import Qt

    def column(key: str) -> int:
        return model.column_of_sort(Sort(key))

    def by_last_change() -> None:
        model.sort(column("updated"), Qt.SortOrder.DescendingOrder)

    def unfiltered() -> None:
        model.set_filter(TicketFilter())

    def measure(change: Callable[[], None], back: Callable[[], None]) -> tuple[float, float]:
        """Medians over a few rounds of: change, then back to the plain list."""
        firsts, counts = [], []
        for _ in range(ROUNDS):
            first, counted = reopen(change)
            firsts.append(first)
            counts.append(counted)
            reopen(back)
        return statistics.median(firsts), statistics.median(counts)

    for label, key, order in [
        ("sort by number", "number", Qt.SortOrder.DescendingOrder),
        ("sort by subject", "subject", Qt.SortOrder.AscendingOrder),
        ("sort by priority (urgency order)", "priority", Qt.SortOrder.DescendingOrder),
        ("sort by customer (another table)", "customer", Qt.SortOrder.AscendingOrder),
        ("sort by serial notation (another table)", "notation", Qt.SortOrder.AscendingOrder),
        ("sort by assignee (another table)", "assignee", Qt.SortOrder.AscendingOrder),
        # Issue 15: the next due, tickets without one last (two ranges of ix_tickets_next_due).
        ("sort by time left (next due, NULLs last)", "time_left", Qt.SortOrder.AscendingOrder),
    ]:
        section = column(key)
        first, _counted = measure(lambda c=section, o=order: model.sort(c, o), by_last_change)
        figures[label] = first
    mine = TicketFilter(mine=True)
    reopen(lambda: model.set_filter(mine))
    first, counted = measure(unfiltered, lambda: model.set_filter(mine))
    figures["first page, sorted by last change again"] = first
    figures["row count known, again"] = counted
    filters = [
        ("filter: state new", TicketFilter(states=frozenset({TicketState.NEW}))),
        ("filter: open states", TicketFilter(states=frozenset(OPEN_TICKET_STATES))),
        ("filter: my tickets", TicketFilter(mine=True)),
        ("filter: critical", TicketFilter(priorities=frozenset({Priority.CRITICAL}))),
        ("filter: migrated, not reviewed", TicketFilter(awaiting_review=True)),
        ("filter: breached (time left)", TicketFilter(breached=True)),
        ("filter: due within 1 hour (time left)", TicketFilter(due_soon=True)),
        (f"search: rare word ({RARE_TICKETS} tickets)", TicketFilter(search="przepieciowy")),
        ("search: ticket number", TicketFilter(search="hd 500000")),
        ("search: legacy number", TicketFilter(search="Z500007")),
        ("search: 'firmware' (10 % of tickets)", TicketFilter(search="firmware")),
        ("search: 'lodz' (39 % of tickets)", TicketFilter(search="lodz")),
    ]
    for label, list_filter in filters:
        first, counted = measure(lambda f=list_filter: model.set_filter(f), unfiltered)
        reopen(lambda f=list_filter: model.set_filter(f))
        figures[label] = first
        figures[f"{label}, count"] = counted
        figures[f"{label}, rows"] = model.rowCount()
    reopen(lambda: model.set_filter(TicketFilter()))
    spin_until(lambda: model.window is not None and model.window.positions_ready)
    rng = random.Random(7)
    figures[f"memory before {SCROLL_PAGES:,} random jumps"] = round(_rss_mb(), 1)
    for _ in range(SCROLL_PAGES):
        row = rng.randrange(model.rowCount())
        model.data(model.index(row, 0))
        spin_until(lambda r=row: model.row_at(r) is not None)
    figures[f"memory after {SCROLL_PAGES:,} random jumps"] = round(_rss_mb(), 1)
    pool.waitForDone()

    lookup = LookupService(db)
    from sqlalchemy import func, select

    from hezo_desk.models import Customer, Service, Ticket

    with db.sessions() as session:

        def middle(column: Any) -> Any:
            count = session.scalar(select(func.count(column))) or 1
            return session.scalar(select(column).order_by(column).offset(count // 2).limit(1))

        tax_id, serial, number = (
            middle(Customer.tax_id),
            middle(Service.serial),
            middle(Ticket.number),
        )
    for label, text in [
        ("lookup: tax id", f"{tax_id[2:5]}-{tax_id[5:8]}-{tax_id[8:10]}-{tax_id[10:]}"),
        ("lookup: serial", f"(h) {serial.lower()}"),
        ("lookup: ticket number", f"hd {number[3:].lstrip('0')}"),
    ]:
        figures[label] = _median(lambda t=text: lookup.lookup(t))
    figures["peak memory"] = round(_peak_mb(), 1)
    heartbeat.stop()
    db.dispose()
    return figures


def case_qsql(path: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtSql import QSqlDatabase

    app = QCoreApplication.instance() or QCoreApplication([])
    spared = survive_pyside_refcount_bug()
    connection = QSqlDatabase.addDatabase("QSQLITE", "bench")
    connection.setDatabaseName(path)
    if not connection.open():
        raise SystemExit(f"QSQLITE cannot open {path}: {connection.lastError().text()}")
    figures = spared | _measure_qsql(connection)
    # Close and drop everything before the application goes (PySide6 aborts at exit else).
    connection.close()
    del connection
    QSqlDatabase.removeDatabase("bench")
    del app
    return figures


def _measure_qsql(connection: Any) -> dict[str, Any]:
    from PySide6.QtSql import QSqlQuery, QSqlQueryModel

    figures: dict[str, Any] = {}
    model = QSqlQueryModel()

    def show(sql: str) -> float:
        start = time.perf_counter()
        model.setQuery(QSqlQuery(sql, connection))
        model.data(model.index(0, 0))
        if model.lastError().isValid():
            raise SystemExit(model.lastError().text())
        return _ms(time.perf_counter() - start)

    figures["first page (first list the process opens)"] = show(LIST_SQL + BY_UPDATED)
    count = QSqlQuery("SELECT count(*) FROM tickets", connection)
    count.next()
    middle = int(count.value(0)) // 2
    count.finish()
    start = time.perf_counter()
    while model.rowCount() <= middle and model.canFetchMore():
        model.fetchMore()
    model.data(model.index(middle, 0))
    figures[JUMP] = _ms(time.perf_counter() - start)
    figures["memory holding the rows up to there"] = round(_rss_mb(), 1)
    figures["sort by subject"] = show(LIST_SQL + BY_SUBJECT)
    figures["first page, sorted by last change again"] = show(LIST_SQL + BY_UPDATED)
    figures["filter: state new"] = show(LIST_SQL + ONLY_NEW + BY_UPDATED)
    figures["search: 'firmware' (10 % of tickets)"] = show(
        LIST_SQL + " WHERE t.subject LIKE '%firmware%' OR t.id IN"
        " (SELECT ticket_id FROM messages WHERE body LIKE '%firmware%')" + BY_UPDATED
    )
    figures["peak memory"] = round(_peak_mb(), 1)
    model.clear()
    return figures


def case_raw(url: str) -> dict[str, Any]:
    from hezo_desk.db import parse_url

    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        connection: Any = sqlite3.connect(parsed.database or "")
    else:
        import psycopg

        connection = psycopg.connect(
            parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        )
    figures: dict[str, Any] = {}

    def run(sql: str) -> list[Any]:
        cursor = connection.cursor()
        cursor.execute(sql)
        rows: list[Any] = cursor.fetchall()
        cursor.close()
        return rows

    first_page = _median(lambda: run(LIST_SQL + BY_UPDATED + " LIMIT 100"))
    figures["first page (first list the process opens)"] = first_page
    figures["first page, sorted by last change again"] = first_page
    figures["row count known, again"] = _median(lambda: run("SELECT count(*) FROM tickets"))
    middle = int(run("SELECT count(*) FROM tickets")[0][0]) // 2
    figures[JUMP] = _median(lambda: run(LIST_SQL + BY_UPDATED + f" LIMIT 100 OFFSET {middle}"), 3)
    figures["sort by subject"] = _median(lambda: run(LIST_SQL + BY_SUBJECT + " LIMIT 100"), 3)
    figures["filter: state new"] = _median(
        lambda: run(LIST_SQL + ONLY_NEW + BY_UPDATED + " LIMIT 100")
    )
    elapsed, rows = _timed(lambda: run(LIST_SQL + BY_UPDATED))
    figures["fetch every row"] = elapsed
    figures["memory holding every row"] = round(_rss_mb(), 1)
    del rows
    figures["peak memory"] = round(_peak_mb(), 1)
    connection.close()
    return figures


CASES: dict[str, Callable[[str], dict[str, Any]]] = {
    "windowed": case_windowed,
    "qsql": case_qsql,
    "raw": case_raw,
}


def _run_case(case: str, target: str) -> dict[str, Any]:
    print(f"  {case} …", flush=True)
    done = subprocess.run(
        [sys.executable, __file__, "--case", case, "--target", target],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return {"error": f"{case} failed (exit {done.returncode})"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def report(title: str, results: dict[str, dict[str, Any]]) -> None:
    names = list(results)
    rows: list[str] = []
    for figures in results.values():
        rows.extend(key for key in figures if key not in rows)
    width = max(len(row) for row in rows) + 2
    print(f"\n{title}")
    print("  (ms, or MB for memory; '–': not applicable)")
    print(" " * width + "".join(f"{name:>18}" for name in names))
    for row in rows:
        cells = "".join(f"{_cell(results[name].get(row)):>18}" for name in names)
        if any(isinstance(results[name].get(row), str) for name in names):
            cells = "  " + "; ".join(f"{name}: {_cell(results[name].get(row))}" for name in names)
        print(f"{row:<{width}}{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=TICKETS)
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(CASES[args.case](args.target)))
        return 0
    if str(REPOSITORY) not in sys.path:  # run as a script, not as `-m benchmarks.bench_tables`
        sys.path.insert(0, str(REPOSITORY))
    from benchmarks.datasets import ensure_postgresql, ensure_sqlite

    path = ensure_sqlite(args.tickets)
    _add_rare_word(f"sqlite:///{path}", args.tickets)
    size = path.stat().st_size / 1024**3
    results = {
        "windowed": _run_case("windowed", f"sqlite:///{path}"),
        "QSqlQueryModel": _run_case("qsql", str(path)),
        "raw SQL": _run_case("raw", f"sqlite:///{path}"),
    }
    report(f"SQLite, {args.tickets:,} tickets ({path}, {size:.1f} GB)", results)
    server = os.environ.get(POSTGRESQL_ENV)
    if server:
        database = ensure_postgresql(server, args.tickets)
        url = database.render_as_string(hide_password=False)
        _add_rare_word(url, args.tickets)
        results = {
            "windowed": _run_case("windowed", url),
            "raw SQL": _run_case("raw", url),
        }
        report(f"PostgreSQL, {args.tickets:,} tickets ({database.database})", results)
    else:
        print(f"\n(PostgreSQL: set {POSTGRESQL_ENV} to a server's admin URL to measure it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
