"""The database: Alembic revisions equal the models, SQLite pragmas, the version guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from hezo_desk.config import default_database_url, local_database_path
from hezo_desk.db import (
    Database,
    SchemaState,
    alembic_config,
    include_in_comparison,
    parse_url,
)
from hezo_desk.enums import Role
from hezo_desk.errors import DatabaseError, UserError
from hezo_desk.models import Agent, AuditEntry, Base, Customer, Service, Ticket
from hezo_desk.services.agents import AgentService

# SQLAlchemy cannot reflect SQLite's expression indexes (the rank indexes of revision 0005)
# and says so; the comparison leaves them out on purpose (`include_in_comparison`).
UNREFLECTED_BY_SQLALCHEMY = pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning"
)
UNCOMPARED_BY_ALEMBIC = pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index:UserWarning"
)


@UNREFLECTED_BY_SQLALCHEMY
@UNCOMPARED_BY_ALEMBIC
def test_revisions_create_exactly_the_models_schema(empty_url: str) -> None:
    db = Database(empty_url)
    db.upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_comparison, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


@UNREFLECTED_BY_SQLALCHEMY
def test_every_model_table_exists_with_its_indexes(db: Database) -> None:
    inspector = inspect(db.engine)
    assert set(Base.metadata.tables) <= set(inspector.get_table_names())
    index_names = {index["name"] for index in inspector.get_indexes("tickets")}
    assert {"ix_tickets_state_updated", "ix_tickets_customer_state"} <= index_names


def test_empty_database_reports_empty_then_current(empty_url: str) -> None:
    db = Database(empty_url)
    assert db.schema_status().state is SchemaState.EMPTY
    with pytest.raises(DatabaseError, match="hezo-desk db upgrade"):
        db.ensure_ready(auto_upgrade=False)
    assert db.ensure_ready(auto_upgrade=True).state is SchemaState.CURRENT
    db.dispose()


def test_a_database_newer_than_the_app_is_refused_untouched(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="newer than this HEZO Desk") as caught:
        db.ensure_ready(auto_upgrade=True)
    assert "Nothing was changed" in str(caught.value)
    with pytest.raises(DatabaseError, match="newer"):
        db.upgrade()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "9999_future"


def test_sqlite_connections_enforce_foreign_keys_wal_and_busy_timeout(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'sub' / 'desk.sqlite3'}")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    assert (tmp_path / "sub").is_dir()
    db.dispose()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(DBAPIError), db.transaction() as session:
        session.execute(
            text(
                "INSERT INTO contacts (customer_id, first_name, last_name, email, "
                "email_normalized, language, registered_at, updated_at) VALUES "
                "(424242, 'A', 'B', 'a@b.pl', 'a@b.pl', 'pl', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )


def test_the_audit_log_is_append_only_in_the_database(db: Database) -> None:
    AgentService(db).add(None, login="admin", display_name="Admin", role=Role.ADMINISTRATOR)
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM audit_log")) == 1
    # PostgreSQL's refusal is worded by the desk (SQLSTATE 42501), SQLite's by its trigger.
    refused = r"append-only|may not do it"
    with pytest.raises(DBAPIError, match=refused), db.transaction() as session:
        session.execute(update(AuditEntry).values(summary="rewritten history"))
    with pytest.raises(DBAPIError, match=refused), db.transaction() as session:
        session.execute(text("DELETE FROM audit_log"))
    with db.transaction() as session:
        session.execute(
            insert(AuditEntry).values(action="x.y", summary="appending is fine", details={})
        )


def test_the_default_database_is_a_local_file_in_the_data_directory(tmp_path: Path) -> None:
    environ = {"HEZO_DESK_DATA_DIR": str(tmp_path)}
    assert local_database_path(environ) == tmp_path / "hezo-desk.sqlite3"
    assert default_database_url(environ) == f"sqlite+pysqlite:///{tmp_path / 'hezo-desk.sqlite3'}"
    environ["HEZO_DESK_DATABASE_URL"] = "postgresql+psycopg://desk@db.example/hezo"
    assert default_database_url(environ) == "postgresql+psycopg://desk@db.example/hezo"


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("not a url", "not a database URL"),
        ("mysql://root@localhost/test", "unsupported database 'mysql'"),
    ],
)
def test_bad_database_urls_are_explained(url: str, fragment: str) -> None:
    with pytest.raises(UserError, match=fragment):
        parse_url(url)


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    assert parse_url("postgresql://u@h/d").drivername == "postgresql+psycopg"


def test_an_unreachable_server_is_a_clear_database_error() -> None:
    db = Database("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseError, match="cannot connect to postgresql"):
        db.schema_status()
    db.dispose()


def test_upgrades_keep_the_sqlite_full_text_triggers(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'fts.sqlite3'}")
    db.upgrade()
    with db.engine.connect() as connection:
        triggers = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).scalars()
        )
    assert {
        "messages_fts_insert",
        "messages_fts_delete",
        "messages_fts_update",
        "tickets_fts_insert",
        "tickets_fts_delete",
        "tickets_fts_update",
    } <= triggers
    db.dispose()


def test_a_newer_schema_that_declares_this_desk_compatible_is_used(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        connection.execute(
            text(
                "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
                "VALUES ('0099_future', '0003')"
            )
        )
    status = db.ensure_ready(auto_upgrade=True)
    assert status.state is SchemaState.NEWER_COMPATIBLE
    assert db.upgrade().state is SchemaState.NEWER_COMPATIBLE, "never downgraded"
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE schema_compatibility SET oldest_client_revision = '0098_newer' "
                "WHERE revision = '0099_future'"
            )
        )
    with pytest.raises(DatabaseError, match="update HEZO Desk"):
        db.ensure_ready(auto_upgrade=True)


def _migrate(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@UNREFLECTED_BY_SQLALCHEMY
def test_revision_0006_fills_the_sort_keys_of_tickets_already_there(demo_db: Database) -> None:
    """Down to 0005 (the copies and their triggers gone), then up again: every ticket's copies
    are computed from what it refers to, as the database had them."""
    _migrate(demo_db, "0005", down=True)
    assert "customer_sort" not in {
        c["name"] for c in inspect(demo_db.engine).get_columns("tickets")
    }
    demo_db.upgrade()
    expected = (
        select(
            Ticket.id,
            func.coalesce(Customer.name_folded, ""),
            func.coalesce(Service.serial, ""),
            func.coalesce(Service.notation_index, -1),
            func.coalesce(Agent.display_name, ""),
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .order_by(Ticket.id)
    )
    kept = select(
        Ticket.id,
        Ticket.customer_sort,
        Ticket.serial_sort,
        Ticket.notation_index_sort,
        Ticket.assignee_sort,
    ).order_by(Ticket.id)
    with demo_db.sessions() as session:
        rows = [tuple(row) for row in session.execute(kept)]
        assert rows == [tuple(row) for row in session.execute(expected)]
        assert {row[1] for row in rows} - {""}, "customers' names were copied"


def test_revision_0007_records_the_writing_transaction_and_goes_down_cleanly(
    db: Database,
) -> None:
    """Audit entries record their transaction on PostgreSQL (NULL on SQLite, whose ids are in
    commit order); down to 0006 the column is gone, and up again it works as before."""
    _migrate(db, "0006", down=True)
    assert "xact" not in {c["name"] for c in inspect(db.engine).get_columns("audit_log")}
    with db.engine.connect() as connection:
        assert (
            connection.scalar(
                text("SELECT count(*) FROM schema_compatibility WHERE revision = '0007'")
            )
            == 0
        )
    db.upgrade()
    with db.engine.begin() as connection:
        connection.execute(insert(AuditEntry).values(action="x.y", summary="s", details={}))
        recorded = connection.scalar(select(AuditEntry.xact))
        if db.is_sqlite:
            assert recorded is None
        else:
            assert recorded == int(connection.scalar(text("SELECT pg_current_xact_id()::text")))
        assert (
            connection.scalar(
                text(
                    "SELECT oldest_client_revision FROM schema_compatibility "
                    "WHERE revision = '0007'"
                )
            )
            == "0001"
        )


def test_a_write_blocked_by_a_lock_elsewhere_fails_after_the_lock_timeout(
    db: Database, admin: object
) -> None:
    """PostgreSQL: the lock timeout, classified by SQLSTATE; SQLite: the busy timeout."""
    from hezo_desk.db import DatabaseTimeoutError
    from hezo_desk.services.resilience import is_transient

    impatient = Database(db.url, lock_timeout_ms=200, sqlite_busy_timeout_ms=200)
    rename = update(Agent).where(Agent.login == "admin").values(display_name="Zmieniony")
    try:
        with db.transaction() as holder:
            holder.execute(rename)  # the row (SQLite: the whole file) stays locked until commit
            with pytest.raises(DBAPIError) as caught, impatient.transaction() as blocked:
                blocked.execute(rename)
        if db.is_sqlite:
            assert is_transient(caught.value), "a locked file is worth trying again"
            return
        error = caught.value
        assert isinstance(error, DatabaseTimeoutError)
        assert isinstance(error, DatabaseError)
        assert error.kind == "lock"
        assert getattr(error.orig, "sqlstate", None) == "55P03"
        message = str(error)
        assert "0.2 s" in message
        assert "nothing of this was saved" in message
        assert "UPDATE" not in message, "no SQL"
        assert "Zmieniony" not in message, "no parameters"
        # The session that failed is usable again at once.
        assert AgentService(impatient).resolve("admin").display_name == "Zmieniony"
    finally:
        impatient.dispose()


def test_a_statement_runs_only_as_long_as_its_timeout_and_long_jobs_get_longer(
    db: Database,
) -> None:
    from hezo_desk.db import DatabaseTimeoutError

    if db.is_sqlite:
        pytest.skip("SQLite has no statement timeout: the desk's reads of a local file are short")
    hasty = Database(db.url, statement_timeout_ms=100, long_statement_timeout_ms=60_000)
    try:
        with pytest.raises(DatabaseTimeoutError) as caught, hasty.sessions() as session:
            session.execute(text("SELECT pg_sleep(30)"))
        assert caught.value.kind == "statement"
        assert "0.1 s" in str(caught.value)
        with hasty.sessions() as session:
            assert session.scalar(text("SHOW statement_timeout")) == "100ms"
            assert session.scalar(text("SHOW lock_timeout")) == "10s"
        with hasty.long_statements(), hasty.sessions() as session:
            assert session.scalar(text("SHOW statement_timeout")) == "1min"
        with hasty.sessions() as session:
            assert session.scalar(text("SHOW statement_timeout")) == "100ms", "only for the job"
    finally:
        hasty.dispose()


def test_the_upgrade_runs_without_a_statement_timeout(empty_url: str) -> None:
    from sqlalchemy import event

    db = Database(empty_url)
    statements: list[str] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def record(*args: object) -> None:
        statements.append(str(args[2]).strip())

    try:
        assert db.upgrade().state is SchemaState.CURRENT
        first_table = next(n for n, s in enumerate(statements) if s.startswith("CREATE TABLE"))
        lifted = [n for n, s in enumerate(statements) if s == "SET LOCAL statement_timeout = 0"]
        if db.is_sqlite:
            assert not lifted
        else:
            # An index on a big table may take minutes; the lock timeout still applies.
            assert lifted
            assert lifted[0] < first_table
    finally:
        db.dispose()
