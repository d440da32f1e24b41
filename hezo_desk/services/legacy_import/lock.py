"""One legacy import writing to a database at a time, and what a killed one left behind.

The lock belongs to the process holding it, not to a row: PostgreSQL releases a session's
advisory lock when its connection ends, and the operating system releases a file lock when
its process ends, however it ended. So whoever gets the lock knows that a run still marked
"running" in `migration_runs` was killed, and marks it interrupted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from filelock import FileLock, Timeout
from sqlalchemy import CursorResult, func, select, update

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.models import MigrationRun
from hezo_desk.models.base import utcnow
from hezo_desk.services.legacy_import.report import RunStatus

# pg_advisory_lock's key: "HEZOLEG" in ASCII, the same for every client of one database.
ADVISORY_KEY = 0x48455A4F4C4547
LOCK_SUFFIX = ".import-lock"


class ImportBusyError(UserError):
    """Another legacy import is writing to the same database."""


def _busy(db: Database) -> ImportBusyError:
    with db.sessions() as session:
        running = session.scalars(
            select(MigrationRun)
            .where(MigrationRun.status == RunStatus.RUNNING.value)
            .order_by(MigrationRun.id.desc())
        ).first()
        since = (
            f" (run {running.id}, started {running.started_at:%Y-%m-%d %H:%M} UTC)"
            if running is not None
            else ""
        )
    return ImportBusyError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "another legacy import is writing to this database%1; wait until it has finished, "
            "then run this one again",
        ),
        since,
    )


@contextmanager
def _postgresql_lock(db: Database) -> Iterator[None]:
    # Autocommit: the connection holds the lock for the whole run without holding a snapshot.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if not connection.scalar(select(func.pg_try_advisory_lock(ADVISORY_KEY))):
            raise _busy(db)
        try:
            yield
        finally:
            connection.scalar(select(func.pg_advisory_unlock(ADVISORY_KEY)))


@contextmanager
def _sqlite_lock(db: Database) -> Iterator[None]:
    database = db.url.database
    if database in (None, "", ":memory:"):
        yield  # a database of one connection: nobody else can write to it
        return
    lock = FileLock(str(Path(database).expanduser()) + LOCK_SUFFIX, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise _busy(db) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def import_lock(db: Database) -> Iterator[int]:
    """Hold the database's import lock (or raise `ImportBusyError` at once).

    Yields the number of earlier runs found still "running", now marked interrupted.
    """
    hold = _sqlite_lock if db.is_sqlite else _postgresql_lock
    with hold(db):
        with db.transaction() as session:
            result = session.execute(
                update(MigrationRun)
                .where(MigrationRun.status == RunStatus.RUNNING.value)
                .values(status=RunStatus.INTERRUPTED.value, finished_at=utcnow())
            )
            interrupted = cast(CursorResult[Any], result).rowcount
        yield interrupted
