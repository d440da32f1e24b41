"""The supervisors' dashboard at a million tickets: each chart's query against two baselines.

    .venv-dev/bin/python -m benchmarks.bench_dashboard [--tickets 1000000]
    HEZO_DESK_BENCH_POSTGRESQL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv-dev/bin/python -m benchmarks.bench_dashboard     # PostgreSQL too (an admin URL)

The databases are the ticket list benchmark's (`benchmarks/datasets.py`: the demo generator at
that size, built once and reused), read as a supervisor on the demo's "today" (the last 30
Warsaw days before it). Measured in one run, medians of a few rounds, wall-clock:
- floor: `SELECT count(*) FROM tickets`, what the ticket list pays to open (its true row
  count): a chart that costs about this is as fast as the list;
- each chart as the dashboard reads it (`services/dashboard.py`: one aggregate query each);
- naive: what one would otherwise write, the period's tickets and state changes read into
  Python and counted there (the flow and the backlog).
The demo data records no state changes, so this benchmark adds them once (marked by their
summary): each ticket opened in the 60 days before "today" that is no longer new went from new
to its state a day after its opening, as the desk would have recorded it. The demo data
carries no service-level columns until the desk writes them (issue 15's lifecycle), so the
target charts count nothing there but still read the period's tickets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TICKETS = 1_000_000
ROUNDS = 5
REPOSITORY = Path(__file__).resolve().parent.parent
POSTGRESQL_ENV = "HEZO_DESK_BENCH_POSTGRESQL"
CHANGES_SUMMARY = "benchmark: state changed"
CHANGES_DAYS = 60


def add_state_changes(url: str, today: dt.date) -> int:
    """The state changes the demo data lacks (see above), once; returns how many there are."""
    from sqlalchemy import func, select, text

    from hezo_desk.db import Database
    from hezo_desk.models import AuditEntry

    db = Database(url)
    since = dt.datetime.combine(today - dt.timedelta(days=CHANGES_DAYS), dt.time(), dt.UTC)
    until = dt.datetime.combine(today, dt.time(), dt.UTC)
    details = (
        "json_object('from', 'new', 'to', state)"
        if db.is_sqlite
        else "json_build_object('from', 'new', 'to', state)"
    )
    one_day = (
        "strftime('%Y-%m-%d %H:%M:%S.000000', opened_at, '+1 day')"
        if db.is_sqlite
        else "opened_at + interval '1 day'"
    )
    with db.transaction() as session:
        count = session.scalar(select(func.count()).where(AuditEntry.summary == CHANGES_SUMMARY))
        if not count:
            session.execute(
                text(
                    "INSERT INTO audit_log (recorded_at, action, ticket_id, summary, details) "
                    f"SELECT {one_day}, 'ticket.state_changed', id, :summary, {details} "
                    "FROM tickets WHERE state <> 'new' AND opened_at >= :since "
                    "AND opened_at < :until"
                ),
                {"summary": CHANGES_SUMMARY, "since": since, "until": until},
            )
            count = session.scalar(
                select(func.count()).where(AuditEntry.summary == CHANGES_SUMMARY)
            )
    db.dispose()
    return int(count or 0)


def _median_ms(work: Callable[[], Any], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def measure(url: str, today: dt.date) -> dict[str, float]:
    from sqlalchemy import func, select

    from hezo_desk.db import Database
    from hezo_desk.local_time import WARSAW
    from hezo_desk.models import AuditEntry, Ticket
    from hezo_desk.services.agents import AgentService
    from hezo_desk.services.audit import AuditAction
    from hezo_desk.services.dashboard import Dashboard, default_period

    db = Database(url)
    supervisor = AgentService(db).resolve("marek.zielinski")
    now = dt.datetime.combine(today, dt.time(12), WARSAW).astimezone(dt.UTC)
    period = default_period(now)
    start = dt.datetime.combine(period.first_day, dt.time(), WARSAW).astimezone(dt.UTC)
    dashboard = Dashboard(db)

    def count_all() -> None:
        with db.sessions() as session:
            session.scalar(select(func.count()).select_from(Ticket))

    def naive() -> None:
        """Rows into Python: the period's openings and closings, every open ticket, and the
        state changes since the period began."""
        with db.sessions() as session:
            opened = session.execute(
                select(Ticket.opened_at).where(Ticket.opened_at >= start, Ticket.opened_at <= now)
            ).all()
            closed = session.execute(
                select(Ticket.closed_at).where(Ticket.closed_at >= start, Ticket.closed_at <= now)
            ).all()
            still_open = session.execute(
                select(Ticket.id, Ticket.state, Ticket.opened_at).where(
                    Ticket.state.in_(("new", "in_progress", "waiting_for_customer"))
                )
            ).all()
            changes = session.execute(
                select(AuditEntry.ticket_id, AuditEntry.recorded_at, AuditEntry.details).where(
                    AuditEntry.action == AuditAction.TICKET_STATE_CHANGED,
                    AuditEntry.recorded_at >= start,
                )
            ).all()
        del opened, closed, still_open, changes

    figures = {
        "floor: count(*) of every ticket": _median_ms(count_all),
        "opened vs closed per day": _median_ms(lambda: dashboard.flow(supervisor, period, now)),
        "backlog by state, reconstructed": _median_ms(
            lambda: dashboard.backlog(supervisor, period, now)
        ),
        "targets by service level": _median_ms(lambda: dashboard.by_level(supervisor, period, now)),
        "targets by agent": _median_ms(lambda: dashboard.by_agent(supervisor, period, now)),
        "the whole dashboard (4 queries)": _median_ms(
            lambda: dashboard.figures(supervisor, period, now)
        ),
        "naive: rows into Python (flow, backlog)": _median_ms(naive, rounds=3),
    }
    db.dispose()
    return figures


def report(title: str, figures: dict[str, float]) -> None:
    floor = figures["floor: count(*) of every ticket"]
    print(f"\n{title}")
    print(f"  {'what':<42} {'ms':>10} {'× floor':>9}")
    for name, ms in figures.items():
        print(f"  {name:<42} {ms:>10,.1f} {ms / floor if floor else 0:>9.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=TICKETS)
    args = parser.parse_args(argv)
    if str(REPOSITORY) not in sys.path:
        sys.path.insert(0, str(REPOSITORY))
    from benchmarks.datasets import TODAY, ensure_postgresql, ensure_sqlite

    path = ensure_sqlite(args.tickets)
    changes = add_state_changes(f"sqlite:///{path}", TODAY)
    report(
        f"SQLite, {args.tickets:,} tickets, {changes:,} state changes ({path})",
        measure(f"sqlite:///{path}", TODAY),
    )
    server = os.environ.get(POSTGRESQL_ENV)
    if server:
        database = ensure_postgresql(server, args.tickets)
        url = database.render_as_string(hide_password=False)
        changes = add_state_changes(url, TODAY)
        report(
            f"PostgreSQL, {args.tickets:,} tickets, {changes:,} state changes "
            f"({database.database})",
            measure(url, TODAY),
        )
    else:
        print(f"\n(PostgreSQL: set {POSTGRESQL_ENV} to a server's admin URL to measure it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
