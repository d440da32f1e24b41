"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

PostgreSQL tests need `HEZO_DESK_TEST_POSTGRESQL`, an admin URL that may create databases
(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test). Without it they skip, saying so;
with `HEZO_DESK_REQUIRE_POSTGRESQL=1` (CI) a missing or unreachable server fails the run,
and so does any PostgreSQL test that skipped anyway.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import Pool

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from builders import AGENT_PASSWORD, signed_in_desk
from builders import add_agent as _add_agent
from hezo_desk.config import AGENT_PASSWORD_ENV
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.demo.loader import DEMO_PASSWORD

POSTGRESQL_ENV = "HEZO_DESK_TEST_POSTGRESQL"
REQUIRE_POSTGRESQL_ENV = "HEZO_DESK_REQUIRE_POSTGRESQL"
DIALECTS = ("sqlite", "postgresql")
# The password of every agent the fixtures add.
DEMO_TODAY = dt.date(2026, 11, 2)
DEMO_CUSTOMERS, DEMO_TICKETS, DEMO_SEED = 30, 120, 7
SKIP_REASON = (
    f"PostgreSQL tests need {POSTGRESQL_ENV}=postgresql+psycopg://USER@HOST:PORT/DB "
    "(a role that may CREATE DATABASE); none is set"
)


def postgresql_required() -> bool:
    return os.environ.get(REQUIRE_POSTGRESQL_ENV, "") not in ("", "0")


class _PostgresServer:
    """Creates throwaway databases from templates on one server (one per pytest worker)."""

    def __init__(self, admin_url: URL, worker: str) -> None:
        self.admin_url = admin_url
        self.worker = worker
        self._engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def execute(self, statement: str) -> None:
        with self._engine.connect() as connection:
            connection.execute(text(statement))

    def create(self, name: str, template: str | None = None) -> URL:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        clause = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        self.execute(f'CREATE DATABASE "{name}"{clause}')
        return self.admin_url.set(database=name)

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self._engine.dispose()


@dataclass
class _Templates:
    """Schema-only and demo-filled databases made once per session, copied per test."""

    tmp: Path
    postgres: _PostgresServer | None
    postgres_error: str | None
    made: dict[str, str | Path]

    def template(self, dialect: str, kind: str) -> str | Path:
        key = f"{dialect}-{kind}"
        if key not in self.made:
            self.made[key] = self._make(dialect, kind)
        return self.made[key]

    def _make(self, dialect: str, kind: str) -> str | Path:
        if dialect == "sqlite":
            path = self.tmp / f"template-{kind}.sqlite3"
            db = Database(f"sqlite:///{path}")
        else:
            assert self.postgres is not None
            name = f"hezo_tpl_{self.postgres.worker}_{kind}"
            db = Database(self.postgres.create(name))
        db.upgrade()
        if kind == "demo":
            DemoService(db).load(
                customers=DEMO_CUSTOMERS, tickets=DEMO_TICKETS, seed=DEMO_SEED, today=DEMO_TODAY
            )
        db.dispose()
        if dialect == "sqlite":
            # Fold the WAL into the main file so that a plain copy is complete.
            engine = create_engine(f"sqlite:///{path}")
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
            return path
        return name


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[_Templates]:
    admin = os.environ.get(POSTGRESQL_ENV)
    server, error = None, None
    if admin:
        try:
            # Unique per run and worker: several test runs may share one server at once.
            worker = f"{worker_id.replace('-', '_')}_{uuid.uuid4().hex[:6]}"
            server = _PostgresServer(make_url(admin), worker)
            server.execute("SELECT 1")
        except Exception as failure:
            server, error = None, f"PostgreSQL at {admin} is unreachable: {failure}"
    else:
        error = SKIP_REASON
    templates = _Templates(tmp_path_factory.mktemp("templates"), server, error, {})
    yield templates
    if server is not None:
        for key, name in templates.made.items():
            if key.startswith("postgresql"):
                server.drop(str(name))
        server.close()


def _database(templates: _Templates, dialect: str, kind: str, tmp_path: Path) -> Iterator[Database]:
    if dialect == "sqlite":
        source = templates.template("sqlite", kind)
        target = tmp_path / "hezo-desk.sqlite3"
        shutil.copyfile(source, target)
        db = Database(f"sqlite:///{target}")
        yield db
        db.dispose()
        return
    if templates.postgres is None:
        message = templates.postgres_error or SKIP_REASON
        if postgresql_required():
            pytest.fail(f"{message} ({REQUIRE_POSTGRESQL_ENV} is set)")
        pytest.skip(message)
    server = templates.postgres
    name = f"hezo_t_{server.worker}_{uuid.uuid4().hex[:10]}"
    db = Database(server.create(name, template=str(templates.template("postgresql", kind))))
    yield db
    db.dispose()
    server.drop(name)


@pytest.fixture(params=DIALECTS)
def db(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[Database]:
    """An empty database at the current schema, on each dialect."""
    yield from _database(_templates, request.param, "schema", tmp_path)


@pytest.fixture(params=DIALECTS)
def demo_db(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[Database]:
    """A database with the deterministic demo data (seed 7, 30 customers, 120 tickets)."""
    yield from _database(_templates, request.param, "demo", tmp_path)


@pytest.fixture(params=DIALECTS)
def empty_url(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[str]:
    """The URL of a database without any schema, on each dialect."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if _templates.postgres is None:
        message = _templates.postgres_error or SKIP_REASON
        if postgresql_required():
            pytest.fail(message)
        pytest.skip(message)
    name = f"hezo_e_{_templates.postgres.worker}_{uuid.uuid4().hex[:10]}"
    url = _templates.postgres.create(name)
    yield url.render_as_string(hide_password=False)
    _templates.postgres.drop(name)


@pytest.fixture
def admin(db: Database) -> Actor:
    return _add_agent(db, None, "admin", Role.ADMINISTRATOR)


@pytest.fixture
def agent(db: Database, admin: Actor) -> Actor:
    return _add_agent(db, admin, "anna.nowak", Role.AGENT)


@pytest.fixture
def agent_password(monkeypatch: pytest.MonkeyPatch) -> str:
    """The test agents' password, where a command finds it: a claimed --agent proves nothing."""
    monkeypatch.setenv(AGENT_PASSWORD_ENV, AGENT_PASSWORD)
    return AGENT_PASSWORD


@pytest.fixture
def demo_agent_password(monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo agents' password, where a command finds it."""
    monkeypatch.setenv(AGENT_PASSWORD_ENV, DEMO_PASSWORD)
    return DEMO_PASSWORD


@pytest.fixture
def demo_agent(demo_db: Database) -> Actor:
    return AgentService(demo_db).resolve("anna.nowak")


class _UiThreadDatabaseWork:
    """Statements and connection checkouts that the desk's UI code makes on the UI thread.

    Nothing that can wait on the network may run there (issue 13): every test fails that
    makes the UI code (hezo_desk/ui, hezo_desk/app.py) reach a database on the main thread.
    Tests themselves and their fixtures use the database on the main thread freely.
    """

    UI_CODE = ("/hezo_desk/ui/", "/hezo_desk/app.py")

    def __init__(self) -> None:
        self.found: list[str] = []

    def __call__(self, *_args: object, **_kwargs: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = sys._getframe(1)
        while frame is not None:
            name = frame.f_code.co_filename.replace("\\", "/")
            if any(part in name for part in self.UI_CODE):
                self.found.append(f"{name}:{frame.f_lineno} in {frame.f_code.co_name}")
                return
            frame = frame.f_back


@pytest.fixture(scope="session")
def _ui_thread_database_work() -> Iterator[_UiThreadDatabaseWork]:
    work = _UiThreadDatabaseWork()
    listened = [(Engine, "before_cursor_execute"), (Pool, "checkout")]
    for target, name in listened:
        event.listen(target, name, work)
    yield work
    for target, name in listened:
        event.remove(target, name, work)


@pytest.fixture(autouse=True, scope="session")
def _no_garbage_collection_in_worker_threads() -> Iterator[None]:
    """As in the desk (hezo_desk/ui/garbage.py): the collector never runs by itself, so it
    never frees a Qt object from a worker thread (a deadlock between Qt's locks and Python's)."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    """What a test left behind is collected on the main thread when it ends."""
    yield
    from hezo_desk.ui.garbage import collect_by_thresholds

    collect_by_thresholds()


@pytest.fixture(autouse=True)
def _commands_speak_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands take their language from the locale: the tests' own is English, whatever the
    machine's (tests of `--language` and of a Polish locale set theirs)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def _no_database_work_on_the_ui_thread(
    _ui_thread_database_work: _UiThreadDatabaseWork,
) -> Iterator[None]:
    """Fails the test if the desk's UI code read or wrote a database on the UI thread."""
    found = _ui_thread_database_work.found
    found.clear()
    yield
    if found:
        places = "\n  ".join(dict.fromkeys(found))
        pytest.fail(f"database work on the UI thread, from:\n  {places}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped PostgreSQL test is a failure: the shared mode must really be tested."""
    if not postgresql_required():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [
        report.nodeid
        for report in reporter.stats.get("skipped", [])
        if "postgresql" in report.nodeid
    ]
    if skipped:
        reporter.write_line(
            f"{len(skipped)} PostgreSQL test(s) skipped although {REQUIRE_POSTGRESQL_ENV} is set:",
            red=True,
        )
        for nodeid in skipped[:20]:
            reporter.write_line(f"  {nodeid}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def qsettings(tmp_path: Path) -> Iterator[object]:
    """The user's settings, in a file of this test's own."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "hezo-desk.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture
def desk_settings(qsettings: object) -> object:
    """The desk's typed settings over this test's own settings file (`qsettings`)."""
    from hezo_desk.ui.settings import DeskSettings

    return DeskSettings(qsettings)  # type: ignore[arg-type]


@pytest.fixture
def desk_context(
    demo_db: Database, demo_agent: Actor, desk_settings: object, qtbot: object, tmp_path: Path
) -> Iterator[object]:
    """A signed-in desk on the demo database (as anna.nowak, an agent)."""
    with signed_in_desk(demo_db, demo_agent, desk_settings, tmp_path) as desk:
        yield desk


@pytest.fixture(params=["postgresql"])
def pg_demo_db(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[Database]:
    """The demo database on PostgreSQL only, for server faults and notifications."""
    yield from _database(_templates, request.param, "demo", tmp_path)


@pytest.fixture(params=["sqlite"])
def sqlite_demo_db(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[Database]:
    """The demo database on SQLite only, for matters of the local file (locks)."""
    yield from _database(_templates, request.param, "demo", tmp_path)
