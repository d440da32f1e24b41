"""Engine and sessions for a database URL; SQLite pragmas; Alembic upgrade and the version guard.

PostgreSQL sessions carry a statement timeout and a lock timeout, so that a stuck server or a
lock another program holds cannot freeze a desk: the statement fails with a
`DatabaseTimeoutError` (classified by SQLSTATE, worded for people). Long jobs (an import, a big
list's positions) run their statements inside `Database.long_statements()`, which allows them
more time; the schema upgrade runs without a statement timeout (its locks still time out).
"""

from __future__ import annotations

import enum
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import DatabaseError, UserError

SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL: the longest one statement of the desk may run, and wait for a lock. A list's
# count or a search on a million tickets takes a few seconds at most.
STATEMENT_TIMEOUT_MS = 30_000
LOCK_TIMEOUT_MS = 10_000
# Statements of long jobs (`Database.long_statements()`): a big import batch, a whole list's ids.
LONG_STATEMENT_TIMEOUT_MS = 30 * 60_000
# SQLSTATEs (never the message text, which follows the server's language).
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout
QUERY_CANCELED = "57014"  # statement_timeout (or a cancel request)
WRITE_OPTION = "hezo_desk_write"
# The PostgreSQL advisory lock that lines up the desk's writing transactions ("hezo" in ASCII):
# they chain audit entries one after another (services/audit.py). Taken at BEGIN, before any
# row lock, so two writers never hold one each of a row and the chain and wait on each other.
CHAIN_LOCK_KEY = 0x68657A6F
# PostgreSQL: the transaction-local setting that carries a signed-in agent's session token
# (revision 0017); the database turns it into the acting agent.
AGENT_SESSION_SETTING = "hezo.session"
# The group role of the desks' login roles on PostgreSQL (revision 0017).
DESK_ROLE = "hezo_desk"
INVALID_AUTHORIZATION = "28000"  # no agent session, or one that ended
INSUFFICIENT_PRIVILEGE = "42501"  # the desk's role (or the agent's) may not do this
CLOCK_OFF = "HZ001"  # an audit entry dated far from the server's time (revision 0017)
# Tables and columns that exist only on one dialect (full-text search) and so are not in
# the models' metadata; schema comparisons skip them.
DIALECT_SPECIFIC_TABLE_PREFIXES = (
    "message_fts",
    "ticket_fts",
    "agent_sessions",
    "redactions",
    "anonymisations",
)
DIALECT_SPECIFIC_COLUMNS = frozenset({"search_vector", "acting_agent_id"})


# The password runs to the last @ of the URL (as SQLAlchemy reads it): it may hold / or @.
_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^:/@\s]*):\S*@")


def include_in_comparison(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table" and name is not None and name.startswith(DIALECT_SPECIFIC_TABLE_PREFIXES):
        return False
    if type_ == "column" and name in DIALECT_SPECIFIC_COLUMNS:
        return False
    table = getattr(obj, "table", None)
    if type_ == "index" and str(getattr(table, "name", "")).startswith(
        DIALECT_SPECIFIC_TABLE_PREFIXES
    ):
        return False
    # Full-text indexes differ by dialect; expression indexes Alembic cannot compare.
    return not (type_ == "index" and name is not None and name.endswith(("_search", "_rank")))


class SchemaState(enum.Enum):
    EMPTY = "empty"
    BEHIND = "behind"
    CURRENT = "current"
    # Newer than this desk, but declared usable by it (see `schema_compatibility`).
    NEWER_COMPATIBLE = "newer_compatible"
    AHEAD = "ahead"


class ConnectionStanding(enum.Enum):
    """What the database checks of the role a desk connects as (revision 0017)."""

    LOCAL_FILE = "local_file"  # SQLite: no roles; whoever holds the file holds everything
    SCHEMA_OWNER = "schema_owner"  # owns the tables (or a superuser): not bound by the policies
    DESK_ROLE = "desk_role"  # a member of hezo_desk: every change checked against the agent
    OTHER_ROLE = "other_role"  # neither: only what was granted to it by hand


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    database_revision: str | None
    application_head: str


def hide_password_in_url(text: str) -> str:
    """`text` with the password of any URL in it (user:password@host) replaced by ***."""
    return _PASSWORD_IN_URL.sub(r"\g<head>:***@", text)


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise UserError(
            f"not a database URL: {hide_password_in_url(url)!r} (expected e.g. "
            "sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/database)"
        ) from error
    if parsed.drivername.split("+")[0] == "postgres":
        # Heroku's and libpq's short spelling of the same server; SQLAlchemy no longer reads it.
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise UserError(
            f"unsupported database {parsed.get_backend_name()!r}: HEZO Desk works with "
            "a local SQLite file or a PostgreSQL server"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
        # psycopg 3 is the driver HEZO Desk ships and tests; 'postgresql://' means it too.
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    return parsed


def private_sqlite_file(path: Path) -> None:
    """Make the local database file readable by its user only (0600), before SQLite opens it.

    It holds customers' personal data and the agents' password hashes. A folder the desk
    creates for it is private too (0700); an existing file, and its WAL and shared-memory
    files, are tightened (SQLite gives those its own file's mode). An existing folder is
    left alone: it may be shared on purpose (a home, /tmp).
    """
    if os.name != "posix":
        return  # Windows keeps a user's files in the user's profile, guarded by its ACLs
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if companion.stat().st_mode & 0o077:
                companion.chmod(0o600)
        except OSError:
            # Gone, or another user's file: SQLite itself says what it cannot open.
            continue


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "close")
    def on_close(dbapi_connection: Any, _record: Any) -> None:
        # SQLite keeps no statistics by itself; without them the planner picks poor indexes for
        # the lists (SQLite's advice: optimize when a connection closes; bounded work).
        try:
            dbapi_connection.execute("PRAGMA analysis_limit = 400")
            dbapi_connection.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # a locked or read-only file: statistics can wait for the next close

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # A writing transaction takes the write lock up front: a deferred one that read first
        # could not upgrade after another writer committed (SQLITE_BUSY_SNAPSHOT, no waiting).
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class DatabaseTimeoutError(DatabaseError, OperationalError):
    """The server gave up on a statement: waiting for a lock (`kind` "lock") or running too long
    ("statement"). Its transaction was rolled back, so nothing of it was saved.

    Still an `OperationalError` (with the driver's error as `orig`) for code that handles the
    driver's errors; its text is for people and holds no SQL.
    """

    def __init__(self, kind: str, message: str, source: DBAPIError) -> None:
        OperationalError.__init__(
            self, source.statement, source.params, source.orig or source, hide_parameters=True
        )
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return self.message


def _seconds(milliseconds: int) -> str:
    return f"{milliseconds / 1000:g}"


class AgentSessionError(DatabaseError):
    """The database refused a change: no agent is signed in on this connection, or the agent's
    session ended (signed out, deactivated, or 16 hours old)."""


class DatabaseRightsError(DatabaseError, ProgrammingError):
    """The database refused what the desk's role, or the signed-in agent's role, may not do
    (SQLSTATE 42501: a missing right, a row-level policy, the audit log's append-only guard).

    Still a `ProgrammingError` (with the driver's error as `orig`) for code that handles the
    driver's errors; its words are the catalogue's and hold no SQL.
    """

    def __init__(self, template: str, source: DBAPIError) -> None:
        ProgrammingError.__init__(
            self, source.statement, source.params, source.orig or source, hide_parameters=True
        )
        # Not HezoError's __init__: its super() would reach ProgrammingError's.
        self.template = template
        self.values: tuple[object, ...] = ()

    def __str__(self) -> str:
        return self.template


def _configure_postgresql(engine: Engine, database: Database) -> None:
    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        if database.in_long_statements:
            connection.exec_driver_sql(
                f"SET LOCAL statement_timeout = {int(database.long_statement_timeout_ms)}"
            )
        token = database.agent_session
        if token is not None:
            connection.exec_driver_sql(
                "SELECT set_config(%(setting)s, %(token)s, true)",
                {"setting": AGENT_SESSION_SETTING, "token": token},
            )
        if connection.get_execution_options().get(WRITE_OPTION, False):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_KEY})")

    @event.listens_for(engine, "handle_error")
    def on_error(context: ExceptionContext) -> BaseException | None:
        source = context.sqlalchemy_exception
        state = getattr(context.original_exception, "sqlstate", None)
        if not isinstance(source, DBAPIError):
            return None
        if state == INVALID_AUTHORIZATION and database.agent_session is None:
            return AgentSessionError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the database takes changes only from a signed-in agent: sign in "
                    "(on the command line, name yourself with --agent)",
                )
            )
        if state == INVALID_AUTHORIZATION:
            return AgentSessionError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "your session on the database has ended (signed out, account deactivated, "
                    "or signed in over 16 hours ago); nothing of this was saved. Sign out and "
                    "sign in again.",
                )
            )
        if state == CLOCK_OFF:
            return DatabaseRightsError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "this computer's clock differs from the database server's by more than two "
                    "minutes, so the database refuses to record what was done; nothing of this "
                    "was saved. Set the computer's clock right (automatic time) and try again.",
                ),
                source,
            )
        if state == INSUFFICIENT_PRIVILEGE:
            return DatabaseRightsError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "the database refused this: your role may not do it (checked by the "
                    "database itself); nothing of this was saved",
                ),
                source,
            )
        if state == LOCK_NOT_AVAILABLE:
            return DatabaseTimeoutError(
                "lock",
                f"the database waited {_seconds(database.lock_timeout_ms)} s for records that "
                "another desk or program is changing, and gave up; nothing of this was saved. "
                "Try again in a moment.",
                source,
            )
        if state == QUERY_CANCELED:
            limit = (
                database.long_statement_timeout_ms
                if database.in_long_statements
                else database.statement_timeout_ms
            )
            return DatabaseTimeoutError(
                "statement",
                "the database stopped the request: it took longer than "
                f"{_seconds(limit)} s (or an administrator cancelled "
                "it); nothing of this was saved. Try again; if it keeps happening, the server "
                "is overloaded.",
                source,
            )
        return None


def _with_timeouts(url: URL, statement_timeout_ms: int, lock_timeout_ms: int) -> str:
    """The `options` startup parameter: the URL's own, then the desk's timeouts."""
    own = url.query.get("options", "")
    own_text = " ".join(own) if isinstance(own, tuple) else own
    ours = (
        f"-c statement_timeout={int(statement_timeout_ms)} -c lock_timeout={int(lock_timeout_ms)}"
    )
    return f"{own_text} {ours}".strip()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("hezo_desk") / "migrations"))
    return config


class Database:
    """One database: its engine, a session factory, and its schema's state."""

    def __init__(
        self,
        url: str | URL,
        *,
        echo: bool = False,
        sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
        application_name: str = "hezo-desk",
        statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
        lock_timeout_ms: int = LOCK_TIMEOUT_MS,
        long_statement_timeout_ms: int = LONG_STATEMENT_TIMEOUT_MS,
    ) -> None:
        self.url = parse_url(url) if isinstance(url, str) else url
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.statement_timeout_ms = statement_timeout_ms
        self.lock_timeout_ms = lock_timeout_ms
        self.long_statement_timeout_ms = long_statement_timeout_ms
        # Per thread: whether its transactions belong to a long job (`long_statements`).
        self._long = threading.local()
        # PostgreSQL: the signed-in agent's session token, set in every transaction.
        self._agent_session: str | None = None
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            private_sqlite_file(Path(self.url.database).expanduser())
        connect_args: dict[str, Any] = {}
        if not self.is_sqlite:
            connect_args = {
                "connect_timeout": 5,
                "application_name": application_name,
                "options": _with_timeouts(self.url, statement_timeout_ms, lock_timeout_ms),
            }
        try:
            self.engine = create_engine(
                self.url, echo=echo, pool_pre_ping=not self.is_sqlite, connect_args=connect_args
            )
        except NoSuchModuleError as error:
            raise UserError(f"no driver for database URL {self.display_url}: {error}") from error
        if self.is_sqlite:
            _configure_sqlite(self.engine, sqlite_busy_timeout_ms)
        else:
            _configure_postgresql(self.engine, self)
        # `sessions` for reading; `transaction()` for changes (on SQLite it locks for writing
        # at BEGIN, see _configure_sqlite).
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions: sessionmaker[Session] = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def display_url(self) -> str:
        """The URL without its password, fit for a status bar or an error message."""
        return self.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    @property
    def agent_session(self) -> str | None:
        """The signed-in agent's database session token (PostgreSQL), or None."""
        return self._agent_session

    def use_agent_session(self, token: str | None) -> None:
        """Every transaction from now on acts for the agent whose session `token` is (None:
        for nobody). Connections in the pool pick it up at their next BEGIN."""
        self._agent_session = token

    @property
    def in_long_statements(self) -> bool:
        """Whether this thread is inside `long_statements()`."""
        return bool(getattr(self._long, "depth", 0))

    @contextmanager
    def long_statements(self) -> Iterator[None]:
        """Transactions this thread begins inside may run statements up to
        `long_statement_timeout_ms` (PostgreSQL; the lock timeout stays). For long jobs only."""
        self._long.depth = getattr(self._long, "depth", 0) + 1
        try:
            yield
        finally:
            self._long.depth -= 1

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self._write_sessions.begin() as session:
            yield session

    def schema_status(self) -> SchemaStatus:
        script = ScriptDirectory.from_config(alembic_config())
        head = script.get_current_head()
        assert head is not None
        known = {revision.revision for revision in script.walk_revisions()}
        with self._connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current is None:
                state = SchemaState.EMPTY
            elif current == head:
                state = SchemaState.CURRENT
            elif current in known:
                state = SchemaState.BEHIND
            elif _oldest_client(connection, current) in known:
                state = SchemaState.NEWER_COMPATIBLE
            else:
                state = SchemaState.AHEAD
        return SchemaStatus(state, current, head)

    def standing(self) -> ConnectionStanding:
        """Whether the connected role is the schema owner, a desk role, or neither."""
        if self.is_sqlite:
            return ConnectionStanding.LOCAL_FILE
        with self._connect() as connection:
            owner, desk = connection.execute(
                text(
                    "SELECT r.rolsuper OR r.rolbypassrls OR coalesce(pg_has_role(current_user, "
                    "  (SELECT tableowner FROM pg_tables "
                    "   WHERE schemaname = 'public' AND tablename = 'agents'), 'MEMBER'), false), "
                    "  EXISTS (SELECT FROM pg_roles WHERE rolname = :desk) "
                    "  AND pg_has_role(current_user, :desk, 'MEMBER') "
                    "FROM pg_roles r WHERE r.rolname = current_user"
                ),
                {"desk": DESK_ROLE},
            ).one()
        if owner:
            return ConnectionStanding.SCHEMA_OWNER
        return ConnectionStanding.DESK_ROLE if desk else ConnectionStanding.OTHER_ROLE

    def upgrade(self) -> SchemaStatus:
        """Bring the schema to this application's head; refuse (untouched) a newer database."""
        status = self.schema_status()
        if status.state is SchemaState.AHEAD:
            raise DatabaseError(self._too_new_message(status))
        if status.state in (SchemaState.EMPTY, SchemaState.BEHIND):
            config = alembic_config()
            with self._connect() as connection, connection.begin():
                if not self.is_sqlite:
                    # Building an index on a big table takes its time; waiting for a lock a
                    # desk holds does not (the lock timeout stays: the upgrade fails cleanly).
                    connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, "head")
                except DatabaseRightsError as error:
                    raise DatabaseError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "the schema upgrade of %1 needs the schema owner's rights (and, "
                            "once per server, CREATEROLE for the desks' role hezo_desk); run "
                            "`hezo-desk db upgrade` connected as the role that owns the tables "
                            "or a superuser. Nothing was changed.",
                        ),
                        self.display_url,
                    ) from error
        return self.schema_status()

    def ensure_ready(self, *, auto_upgrade: bool) -> SchemaStatus:
        """Check that the schema fits this application, upgrading it when allowed."""
        status = self.schema_status()
        if status.state in (SchemaState.CURRENT, SchemaState.NEWER_COMPATIBLE):
            return status
        if status.state is SchemaState.AHEAD:
            raise DatabaseError(self._too_new_message(status))
        if auto_upgrade:
            return self.upgrade()
        raise DatabaseError(
            f"the database {self.display_url} needs its schema upgraded "
            f"(it is at {status.database_revision or 'no revision'}, this HEZO Desk needs "
            f"{status.application_head}); run `hezo-desk db upgrade`"
        )

    def dispose(self) -> None:
        self.engine.dispose()

    def _too_new_message(self, status: SchemaStatus) -> str:
        return (
            f"the database {self.display_url} has schema revision {status.database_revision}, "
            f"newer than this HEZO Desk knows (up to {status.application_head}); "
            "update HEZO Desk before using this database. Nothing was changed."
        )

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            connection = self.engine.connect()
        except OperationalError as error:
            raise DatabaseError(
                f"cannot connect to {self.display_url}: {first_line(error.orig)}"
            ) from error
        try:
            yield connection
        finally:
            connection.close()


def _oldest_client(connection: Connection, revision: str) -> str | None:
    """The oldest application revision the database says still works with `revision`."""
    if not inspect(connection).has_table("schema_compatibility"):
        return None
    value = connection.execute(
        text("SELECT oldest_client_revision FROM schema_compatibility WHERE revision = :r"),
        {"r": revision},
    ).scalar()
    return None if value is None else str(value)


def first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else "unknown error"
    return text.splitlines()[0] if text else type(error).__name__
