"""Telling a passing database fault from a real error, and retrying what is safe to retry.

Transient: the server restarted, the network dropped, a connection was killed, two
transactions collided, a SQLite file is locked by another process. A caller retries only
operations that cannot apply twice: replies and notes carry a client key, ticket changes carry
the version they were based on.

Faults are told apart by codes, never by message text: the server words its messages in its
`lc_messages` (Polish in many Polish offices), and libpq in the client's language. PostgreSQL
gives a SQLSTATE; psycopg's own errors without one mean the connection broke or never came up;
SQLite gives its result code.
"""

from __future__ import annotations

import enum
import random
import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import psycopg
from sqlalchemy.exc import DBAPIError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import Coded, DatabaseError
from hezo_desk.wording import Translate, coded_text, in_english

T = TypeVar("T")
RETRY_DELAYS_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


class Fault(enum.Enum):
    """A kind of transient fault; its value says what happened, in plain words (marked for the
    catalogue: `plain_words` words it in the reader's language)."""

    LOST_CONNECTION = QT_TRANSLATE_NOOP("Errors", "the connection to the database was lost")
    FILE_LOCKED = QT_TRANSLATE_NOOP("Errors", "the database file is locked by another program")
    COLLISION = QT_TRANSLATE_NOOP(
        "Errors", "the change collided with another one made at the same moment"
    )
    SERVER_UNAVAILABLE = QT_TRANSLATE_NOOP(
        "Errors", "the database server is starting up or shutting down"
    )
    TOO_MANY_CONNECTIONS = QT_TRANSLATE_NOOP(
        "Errors", "the database server has too many connections open"
    )


# SQLSTATEs (PostgreSQL appendix A). Class 08 is every connection exception.
_FAULT_BY_SQLSTATE = {
    "57P01": Fault.LOST_CONNECTION,  # admin_shutdown: pg_terminate_backend, a fast shutdown
    "57P02": Fault.LOST_CONNECTION,  # crash_shutdown: another backend crashed
    "57P03": Fault.SERVER_UNAVAILABLE,  # cannot_connect_now: starting up, in recovery
    "53300": Fault.TOO_MANY_CONNECTIONS,
    "40001": Fault.COLLISION,  # serialization_failure
    "40P01": Fault.COLLISION,  # deadlock_detected
}
_SQLITE_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def fault_of(error: BaseException) -> Fault | None:
    """The transient fault `error` is, or None for a real error (not worth retrying)."""
    if isinstance(error, DatabaseError):
        # Ours, raised from a driver error (cannot connect): judged by that error.
        cause = error.__cause__
        return fault_of(cause) if cause is not None else None
    if isinstance(error, DBAPIError):
        found = _driver_fault(error.orig) if error.orig is not None else None
        if found is None and error.connection_invalidated and _sqlstate(error.orig) is None:
            # SQLAlchemy saw the connection close or break (psycopg's closed/broken flags).
            return Fault.LOST_CONNECTION
        return found
    return _driver_fault(error)


def is_transient(error: BaseException) -> bool:
    """Whether `error` is a fault that may pass by itself (worth telling the user and retrying)."""
    return fault_of(error) is not None


def never_connected(error: BaseException) -> bool:
    """Whether `error` is a failed attempt to open a connection (the server down or refusing
    us), as opposed to losing one that was open. psycopg keeps the attempt's connection on
    such errors only."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError):
            seen = seen.orig
        elif isinstance(seen, psycopg.Error):
            return seen.pgconn is not None
        else:
            seen = seen.__cause__
    return False


def plain_words(error: BaseException, translate: Translate = in_english) -> str:
    """What to tell the user about a transient fault while retrying, without a traceback."""
    fault = fault_of(error) or Fault.LOST_CONNECTION
    template = (
        QT_TRANSLATE_NOOP("Errors", "%1; reconnecting")
        if fault is Fault.LOST_CONNECTION
        else QT_TRANSLATE_NOOP("Errors", "%1; trying again")
    )
    return coded_text(template, (Coded(fault.value),), translate)


def retry(
    operation: Callable[[], T],
    *,
    delays: Iterable[float] = RETRY_DELAYS_S,
    on_retry: Callable[[BaseException, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    jitter: Callable[[float], float] | None = None,
    worth_retrying: Callable[[BaseException], bool] = lambda error: True,
) -> T:
    """Run `operation`, retrying after transient faults with growing pauses.

    Only for operations that are safe to repeat (see the module docstring). Each pause is
    varied by up to a quarter either way (`jitter`, random by default): desks that lost the
    server together do not all come back at the same instant, and a fault that recurs on a
    fixed beat (a proxy, a watchdog) cannot meet every retry. `worth_retrying` narrows which
    transient faults are retried (say, not a server that was never reached).
    """
    vary = jitter if jitter is not None else _jittered
    pauses = [vary(pause) for pause in delays]
    for pause in [*pauses, None]:
        try:
            return operation()
        except Exception as error:
            if pause is None or not is_transient(error) or not worth_retrying(error):
                raise
            if on_retry is not None:
                on_retry(error, pause)
            sleep(pause)
    raise AssertionError("unreachable")


def _jittered(pause: float) -> float:
    return pause * random.uniform(0.75, 1.25)


def _sqlstate(error: BaseException | None) -> str | None:
    code = getattr(error, "sqlstate", None)
    return code if isinstance(code, str) and code else None


def _driver_fault(error: BaseException) -> Fault | None:
    sqlstate = _sqlstate(error)
    if sqlstate is not None:
        # The server answered with a code: only the codes above pass by themselves. A wrong
        # password (28P01), a missing database (3D000) or role (28000) never does.
        if sqlstate.startswith("08"):
            return Fault.LOST_CONNECTION
        return _FAULT_BY_SQLSTATE.get(sqlstate)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        # Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE, …) keep the primary
        # code in their low byte.
        if isinstance(code, int) and code & 0xFF in _SQLITE_BUSY_CODES:
            return Fault.FILE_LOCKED
        return None
    if isinstance(error, psycopg.OperationalError):
        # No SQLSTATE: psycopg or libpq itself failed. The connection was refused, reset, timed
        # out, closed under us, or the server refused it during start-up (libpq keeps no code
        # for that). A refusal of the credentials shows in the connection's password flags.
        pgconn = error.pgconn
        if pgconn is not None and (pgconn.needs_password or pgconn.used_password):
            return None
        return Fault.LOST_CONNECTION
    return None
