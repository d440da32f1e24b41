"""Large benchmark databases, built once and reused between runs.

`ensure_postgresql(admin_url, tickets)` makes (or finds) a PostgreSQL database with the demo
data at that size; `ensure_sqlite(tickets)` the same as a local file under the cache directory
(`HEZO_DESK_BENCH_DIR` moves it). A database is only reused when it was completed (it is built
under another name and renamed at the end; a half-built one is dropped), and it is brought to
this version's schema first (`Database.upgrade`, as a desk would), so a new revision does not
mean building a million tickets again.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import platformdirs
from sqlalchemy import bindparam, create_engine, select, text, update
from sqlalchemy.engine import URL, make_url

from hezo_desk.db import Database
from hezo_desk.models import Ticket
from hezo_desk.services.demo import DemoService
from hezo_desk.services.demo.bulk import plausible_dues

SEED = 2024
TODAY = dt.date(2026, 11, 2)


def customers_for(tickets: int) -> int:
    return max(50, tickets // 50)


def _progress(label: str) -> object:
    started = time.perf_counter()

    def report(stage: str, done: int, total: int) -> None:
        if done == total or done % 100_000 == 0:
            print(
                f"  building {label}: {stage} {done:,}/{total:,} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )

    return report


def bench_dir() -> Path:
    base = os.environ.get("HEZO_DESK_BENCH_DIR") or platformdirs.user_cache_dir("hezo-desk")
    path = Path(base) / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _upgraded(url: str | URL) -> None:
    db = Database(url)
    try:
        db.upgrade()
        _fill_dues(db)
    finally:
        db.dispose()


def _fill_dues(db: Database) -> None:
    """Issue 15: a database built before revision 0013 has no dues (every next due NULL); the
    demo generator's plausible fill (`demo.bulk.plausible_dues`) is written into it once, so
    the time-left sort and filters are measured over dues rather than over NULLs alone."""
    with db.engine.connect() as connection:
        if connection.execute(
            select(Ticket.id).where(Ticket.next_due_at.is_not(None)).limit(1)
        ).first():
            return
    print("  writing plausible dues into a database built before revision 0013", flush=True)
    now = dt.datetime.now(dt.UTC)
    with db.long_statements(), db.transaction() as session:
        connection = session.connection()
        rows = [
            {"id": row.id, "state": row.state}
            for row in connection.execute(select(Ticket.id, Ticket.state))
        ]
        plausible_dues(rows, now)
        dated = [
            {"tid": row["id"], "due": row["next_due_at"]} for row in rows if row["next_due_at"]
        ]
        statement = (
            update(Ticket)
            .where(Ticket.id == bindparam("tid"))
            .values(response_due_at=bindparam("due"), next_due_at=bindparam("due"))
            .execution_options(synchronize_session=False)
        )
        for start in range(0, len(dated), 20_000):
            connection.execute(statement, dated[start : start + 20_000])
        connection.exec_driver_sql("ANALYZE")


def ensure_sqlite(tickets: int) -> Path:
    path = bench_dir() / f"demo-{tickets}.sqlite3"
    if path.exists():
        _upgraded(f"sqlite:///{path}")
        return path
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    db = Database(f"sqlite:///{partial}")
    db.upgrade()
    DemoService(db).load(
        customers=customers_for(tickets),
        tickets=tickets,
        seed=SEED,
        today=TODAY,
        progress=_progress(path.name),
    )  # type: ignore[arg-type]
    db.dispose()
    engine = create_engine(f"sqlite:///{partial}")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    partial.rename(path)
    return path


def ensure_postgresql(admin_url: str, tickets: int) -> URL:
    admin = make_url(admin_url)
    name = f"hezo_bench_{tickets}"
    building = name + "_partial"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if exists:
                _upgraded(admin.set(database=name))
                return admin.set(database=name)
            connection.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{building}"'))
        db = Database(admin.set(database=building))
        db.upgrade()
        DemoService(db).load(
            customers=customers_for(tickets),
            tickets=tickets,
            seed=SEED,
            today=TODAY,
            progress=_progress(name),
        )  # type: ignore[arg-type]
        with db.engine.connect() as connection:
            vacuum = connection.execution_options(isolation_level="AUTOCOMMIT")
            # A million rows take longer than the desk's statement timeout allows.
            vacuum.exec_driver_sql("SET statement_timeout = 0")
            vacuum.exec_driver_sql("VACUUM ANALYZE")
        db.dispose()
        with engine.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
        return admin.set(database=name)
    finally:
        engine.dispose()
