"""Transient faults are told by code (SQLSTATE, SQLite result codes), never by message text.

The server words its messages in its `lc_messages`: Polish in many Polish offices. The unit
tests build errors with Polish text; the PostgreSQL tests make the server speak German (the
only non-English catalogue this machine kind ships) and provoke real faults.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from hezo_desk.db import Database
from hezo_desk.errors import DatabaseError
from hezo_desk.services.resilience import Fault, fault_of, is_transient, plain_words

GERMAN = "de_DE.UTF-8"
LOCALE_HINT = (
    "generate it as root: localedef --no-archive -i de_DE -f UTF-8 de_DE.UTF-8 "
    "(.ci/run does; see the README's Tests section)"
)


@pytest.mark.parametrize(
    ("sqlstate", "message", "fault"),
    [
        ("57P01", "zakończenie połączenia na polecenie administratora", Fault.LOST_CONNECTION),
        ("57P02", "zakończenie połączenia z powodu awarii innego procesu", Fault.LOST_CONNECTION),
        ("08006", "połączenie zostało nieoczekiwanie zerwane", Fault.LOST_CONNECTION),
        ("08001", "nie można nawiązać połączenia", Fault.LOST_CONNECTION),
        ("57P03", "system bazy danych uruchamia się", Fault.SERVER_UNAVAILABLE),
        ("53300", "przepraszamy, jest już zbyt wielu klientów", Fault.TOO_MANY_CONNECTIONS),
        ("40001", "nie można serializować dostępu z powodu współbieżnej zmiany", Fault.COLLISION),
        ("40P01", "wykryto zakleszczenie", Fault.COLLISION),
        ("28P01", 'autoryzacja hasłem nie powiodła się dla użytkownika "anna"', None),
        ("3D000", 'baza danych "hezo" nie istnieje', None),
        ("28000", 'rola "anna" nie istnieje', None),
        ("42601", 'błąd składni w lub blisko "SELEC"', None),
        ("23505", "podwójna wartość klucza narusza ograniczenie unikalności", None),
    ],
)
def test_postgresql_errors_are_told_by_sqlstate(
    sqlstate: str, message: str, fault: Fault | None
) -> None:
    error = pg_errors.lookup(sqlstate)(message)
    assert error.sqlstate == sqlstate
    # As psycopg raises it (LISTEN), as SQLAlchemy wraps it, as our own start-up error.
    wrapped = OperationalError(
        "INSERT INTO messages (body) VALUES (%(body)s)", {"body": "x"}, error
    )
    ours = DatabaseError("cannot connect")
    ours.__cause__ = wrapped
    for seen in (error, wrapped, ours):
        assert fault_of(seen) is fault
        assert is_transient(seen) is (fault is not None)
    if fault is not None:
        assert plain_words(wrapped).startswith(fault.value)


def test_a_psycopg_error_without_sqlstate_is_a_lost_connection_unless_credentials_failed() -> None:
    assert fault_of(psycopg.OperationalError("połączenie zamknięte")) is Fault.LOST_CONNECTION
    # During connection start-up libpq keeps no SQLSTATE; a refused password shows in the flags.
    for flags in ({"used_password": True}, {"needs_password": True}):
        refused = psycopg.OperationalError(
            "uwierzytelnienie nie powiodło się",
            pgconn=pg_errors.FinishedPGconn(**flags),  # type: ignore[arg-type]
        )
        assert not is_transient(refused)
    reached = psycopg.OperationalError("x", pgconn=pg_errors.FinishedPGconn())  # type: ignore[arg-type]
    assert is_transient(reached)
    # SQLAlchemy saw the connection break (psycopg's closed/broken flags), whatever the text.
    invalidated = OperationalError("COMMIT", {}, Exception("?"), connection_invalidated=True)
    assert fault_of(invalidated) is Fault.LOST_CONNECTION
    assert not is_transient(psycopg.ProgrammingError("zapytanie bez sensu"))


@pytest.mark.parametrize(
    ("code", "fault"),
    [
        (sqlite3.SQLITE_BUSY, Fault.FILE_LOCKED),
        (sqlite3.SQLITE_LOCKED, Fault.FILE_LOCKED),
        (sqlite3.SQLITE_BUSY | (2 << 8), Fault.FILE_LOCKED),  # SQLITE_BUSY_SNAPSHOT
        (sqlite3.SQLITE_LOCKED | (1 << 8), Fault.FILE_LOCKED),  # SQLITE_LOCKED_SHAREDCACHE
        (sqlite3.SQLITE_ERROR, None),
        (sqlite3.SQLITE_READONLY, None),
        (None, None),
    ],
)
def test_sqlite_errors_are_told_by_result_code(code: int | None, fault: Fault | None) -> None:
    # The English text "database is locked" alone must not count: only the code does.
    error = sqlite3.OperationalError("database is locked" if code is None else "baza zajęta")
    if code is not None:
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
    assert fault_of(error) is fault
    assert fault_of(OperationalError("UPDATE tickets", {}, error)) is fault


def test_a_real_sqlite_lock_is_told_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (n INTEGER)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        other.close()
        holder.rollback()
        holder.close()
    assert fault_of(raised.value) is Fault.FILE_LOCKED
    assert plain_words(raised.value) == (
        "the database file is locked by another program; trying again"
    )


# ----- a PostgreSQL server speaking German ---------------------------------------------------


def _conninfo(db: Database) -> str:
    return db.url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def german(pg_demo_db: Database) -> Iterator[Database]:
    """The demo database through sessions whose server messages are German."""
    try:
        with psycopg.connect(_conninfo(pg_demo_db), autocommit=True) as probe:
            probe.execute(f"SET lc_messages = '{GERMAN}'")
    except psycopg.Error as error:
        reason = f"the server cannot speak German ({error.sqlstate}): {LOCALE_HINT}"
        if os.environ.get("HEZO_DESK_REQUIRE_POSTGRESQL", "") not in ("", "0"):
            pytest.fail(f"{reason} (HEZO_DESK_REQUIRE_POSTGRESQL is set)")
        pytest.skip(reason)
    db = Database(pg_demo_db.url.update_query_dict({"options": f"-c lc_messages={GERMAN}"}))
    yield db
    db.dispose()


def test_a_killed_connection_is_transient_in_german(german: Database, pg_demo_db: Database) -> None:
    with german.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW lc_messages").scalar() == GERMAN
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with psycopg.connect(_conninfo(pg_demo_db), autocommit=True) as admin:
            # Waits (up to 5 s) until the backend is gone: its farewell is on the wire.
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
        with pytest.raises(OperationalError) as raised:
            connection.exec_driver_sql("SELECT 1")
    error = raised.value
    assert getattr(error.orig, "sqlstate", None) == "57P01"
    assert "terminating connection" not in str(error.orig), "the server spoke German"
    assert fault_of(error) is Fault.LOST_CONNECTION
    assert plain_words(error) == "the connection to the database was lost; reconnecting"
    # The pool noticed too: the next connection works.
    with german.engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1


def test_a_serialization_failure_is_transient_in_german(german: Database) -> None:
    conninfo = _conninfo(german)
    options = f"-c lc_messages={GERMAN}"
    with psycopg.connect(conninfo, options=options, autocommit=True) as setup:
        setup.execute("CREATE TABLE fault_probe (id integer PRIMARY KEY, n integer)")
        setup.execute("INSERT INTO fault_probe VALUES (1, 0)")
    with (
        psycopg.connect(conninfo, options=options) as reader,
        psycopg.connect(conninfo, options=options, autocommit=True) as writer,
    ):
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        reader.execute("SELECT n FROM fault_probe WHERE id = 1")  # the snapshot is taken
        writer.execute("UPDATE fault_probe SET n = n + 1 WHERE id = 1")
        with pytest.raises(psycopg.Error) as raised:
            reader.execute("UPDATE fault_probe SET n = n + 1 WHERE id = 1")
        reader.rollback()
    error = raised.value
    assert error.sqlstate == "40001"
    assert "could not serialize" not in str(error), "the server spoke German"
    assert fault_of(error) is Fault.COLLISION
    assert plain_words(error).endswith("; trying again")
