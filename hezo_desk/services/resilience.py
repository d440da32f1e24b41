"""Telling a passing database fault from a real error, and retrying what is safe to retry.

Transient: the server restarted, the network dropped, a connection was killed, a SQLite file
is locked by another process. A caller retries only operations that cannot apply twice:
replies and notes carry a client key, ticket changes carry the version they were based on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import psycopg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from hezo_desk.errors import DatabaseError

T = TypeVar("T")
RETRY_DELAYS_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)

_TRANSIENT_TEXT = (
    "database is locked",
    "server closed the connection",
    "terminating connection",
    "connection refused",
    "could not connect",
    "connection is closed",
    "connection already closed",
    "the database system is starting up",
    "the database system is shutting down",
    "consuming input failed",
    "server conn crashed",
    "connection timeout",
    "no connection to the server",
    "ssl syscall error",
    "eof detected",
)


def is_transient(error: BaseException) -> bool:
    """Whether `error` is a fault that may pass by itself (worth telling the user and retrying)."""
    if isinstance(error, DatabaseError) and "cannot connect" in str(error):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    # psycopg's own errors reach us where the driver is used without SQLAlchemy (LISTEN).
    if isinstance(
        error, OperationalError | InterfaceError | psycopg.OperationalError | psycopg.InterfaceError
    ):
        text = str(error).lower()
        return any(fragment in text for fragment in _TRANSIENT_TEXT)
    return False


def plain_words(error: BaseException) -> str:
    """What to tell the user about a transient fault, without a traceback."""
    text = str(error).lower()
    if "database is locked" in text:
        return "the database file is locked by another program; trying again"
    return "the connection to the database was lost; reconnecting"


def retry(
    operation: Callable[[], T],
    *,
    delays: Iterable[float] = RETRY_DELAYS_S,
    on_retry: Callable[[BaseException, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `operation`, retrying after transient faults with growing pauses.

    Only for operations that are safe to repeat (see the module docstring).
    """
    pauses = list(delays)
    for pause in [*pauses, None]:
        try:
            return operation()
        except Exception as error:
            if pause is None or not is_transient(error):
                raise
            if on_retry is not None:
                on_retry(error, pause)
            sleep(pause)
    raise AssertionError("unreachable")
