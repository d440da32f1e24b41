"""PostgreSQL keeps the desk's promises itself, probed as the desks' role with plain SQL.

A desk connects as a login role that is a member of `hezo_desk` (revision 0017). These probes
connect as such a role the way an agent holding the desk's database password would, with
psql's means only: reading is open, every change needs an agent session that the database
itself proved with the agent's password, a desk role's rights are policies, and nobody
rewrites the audit log or reads a password hash.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text

from hezo_desk.cli import main
from hezo_desk.config import AGENT_PASSWORD_ENV
from hezo_desk.db import (
    AgentSessionError,
    ConnectionStanding,
    Database,
    DatabaseRightsError,
    SchemaState,
)
from hezo_desk.enums import Language, Role
from hezo_desk.errors import DatabaseError, PermissionDeniedError, UserError
from hezo_desk.migrations.desk_rights import READ_ONLY, READ_ONLY_FOR_DESK, UNTOUCHED
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService, SignInError
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.audit_chain import verify_chain
from hezo_desk.services.demo import DEMO_PASSWORD
from hezo_desk.services.passwords import proof_of
from hezo_desk.services.personal_data.erasure import ErasureService
from hezo_desk.services.personal_data.verification import verify_erased
from hezo_desk.services.reply_templates import ReplyTemplateService
from hezo_desk.services.secrets import SecretStore
from hezo_desk.services.tickets import NewTicket, TicketService
from keyrings import HeadlessKeyring
from personal_data_builders import NAME, VALUES, build_person_desk

Connection = psycopg.Connection[tuple[object, ...]]
# A change that reaches a row (a policy is checked on the rows a statement touches).
TOUCH_ONE_TICKET = "UPDATE tickets SET version = version WHERE id = (SELECT min(id) FROM tickets)"
POSTGRESQL_ONLY = pytest.mark.parametrize("demo_db", ["postgresql"], indirect=True)


@contextmanager
def _desk_role(db: Database) -> Iterator[str]:
    """A login role of the desks (a member of `hezo_desk`), dropped afterwards."""
    name = f"desk_{uuid.uuid4().hex[:12]}"
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.execute(text(f'CREATE ROLE "{name}" LOGIN IN ROLE hezo_desk'))
    try:
        yield name
    finally:
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE "{name}"'))


@pytest.fixture
def desk_login(demo_db: Database) -> Iterator[str]:
    with _desk_role(demo_db) as name:
        yield name


def _connect(db: Database, role: str) -> Connection:
    return psycopg.connect(
        host=db.url.host or "127.0.0.1",
        port=db.url.port or 5432,
        dbname=db.url.database,
        user=role,
        autocommit=True,
    )


def _sign_in(connection: Connection, login: str, password: str = DEMO_PASSWORD) -> int:
    """What a desk does, in SQL: the proof from the agent's password, the session's token."""
    setting = connection.execute("SELECT hezo_password_setting(%s)", (login,)).fetchone()
    assert setting is not None
    proof = proof_of(password, str(setting[0]))
    token = connection.execute("SELECT hezo_sign_in(%s, %s)", (login, proof)).fetchone()
    assert token is not None
    assert token[0] is not None, "the database refused the password"
    connection.execute("SELECT set_config('hezo.session', %s, false)", (str(token[0]),))
    return _agent_id(connection, login)


def _agent_id(connection: Connection, login: str) -> int:
    row = connection.execute("SELECT id FROM agents WHERE login = %s", (login,)).fetchone()
    assert row is not None
    return int(str(row[0]))


def _count(connection: Connection, sql: str, params: tuple[object, ...] = ()) -> int:
    row = connection.execute(sql, params).fetchone()
    assert row is not None
    return int(str(row[0]))


@POSTGRESQL_ONLY
def test_without_an_agent_session_the_desks_role_reads_but_changes_nothing(
    demo_db: Database, desk_login: str
) -> None:
    with _connect(demo_db, desk_login) as connection:
        assert _count(connection, "SELECT count(*) FROM tickets") > 0
        for statement in (
            "UPDATE tickets SET subject = 'changed by nobody'",
            "DELETE FROM contacts",
            "INSERT INTO audit_log (recorded_at, action, summary, details) "
            "VALUES (now(), 'forged.entry', 'forged', '{}')",
        ):
            with pytest.raises(errors.InvalidAuthorizationSpecification):
                connection.execute(statement)
        # A made-up token is no session either.
        connection.execute("SELECT set_config('hezo.session', 'forged-token', false)")
        with pytest.raises(errors.InvalidAuthorizationSpecification):
            connection.execute("UPDATE tickets SET subject = 'changed by a forger'")
        # Claiming an agent needs their password: a wrong proof opens no session.
        wrong = proof_of("not the password", "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==")
        row = connection.execute("SELECT hezo_sign_in('admin', %s)", (wrong,)).fetchone()
        assert row is not None
        assert row[0] is None
    with demo_db.engine.connect() as owner:
        assert owner.scalar(text("SELECT count(*) FROM tickets WHERE subject LIKE 'changed%'")) == 0


@POSTGRESQL_ONLY
def test_nobody_rewrites_the_audit_log_or_its_guards(demo_db: Database, desk_login: str) -> None:
    with _connect(demo_db, desk_login) as connection:
        admin_id = _sign_in(connection, "admin")
        for statement in (
            "UPDATE audit_log SET summary = 'rewritten'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY",
            "DROP POLICY desk_insert ON audit_log",
            "CREATE TABLE public.planted (id int)",
            "GRANT hezo_desk TO postgres",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(statement)
        other = _agent_id(connection, "anna.nowak")
        insert = (
            "INSERT INTO audit_log (recorded_at, agent_id, action, summary, details) "
            "VALUES (now(), %s, 'agent.signed_in', 'forged', '{}') RETURNING acting_agent_id"
        )
        # An entry in another agent's name is refused; one in one's own records the session.
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(insert, (other,))
        row = connection.execute(insert, (admin_id,)).fetchone()
        assert row is not None
        assert row[0] == admin_id
    # Appended outside the desk's chain: `audit verify` tells it (the hash chain is the proof).
    assert not verify_chain(demo_db).intact


@POSTGRESQL_ONLY
def test_password_hashes_and_sessions_are_out_of_reach(demo_db: Database, desk_login: str) -> None:
    with _connect(demo_db, desk_login) as connection:
        agent_id = _sign_in(connection, "anna.nowak")
        admin_id = _agent_id(connection, "admin")
        for statement, params in (
            ("SELECT password_hash FROM agents", ()),
            ("SELECT * FROM agents", ()),
            ("SELECT * FROM agent_sessions", ()),
            (
                "UPDATE agents SET password_hash = 'scrypt$1$1$1$AA==$AA==' WHERE id = %s",
                (agent_id,),
            ),
            ("SELECT hezo_set_password_hash(%s, 'scrypt$1$1$1$AA==$AA==')", (admin_id,)),
            ("DELETE FROM agent_sessions", ()),
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(statement, params)
        setting = connection.execute("SELECT hezo_password_setting('admin')").fetchone()
        assert setting is not None
        assert str(setting[0]).count("$") == 4  # no key in it
        # The same shape for nobody: the answer does not tell who has an account.
        nobody = connection.execute("SELECT hezo_password_setting('nobody.at.all')").fetchone()
        assert nobody is not None
        assert str(nobody[0]).count("$") == 4
        assert _count(connection, "SELECT count(login) FROM agents") >= 5


@POSTGRESQL_ONLY
@pytest.mark.parametrize(
    ("login", "agents", "levels", "templates", "imports", "service_level"),
    [
        ("anna.nowak", False, False, False, False, False),
        ("ewa.wisniewska", False, False, False, True, True),
        ("marek.zielinski", False, True, True, False, True),
        ("admin", True, True, True, True, True),
    ],
)
def test_each_desk_role_changes_what_its_role_may(
    demo_db: Database,
    desk_login: str,
    login: str,
    agents: bool,
    levels: bool,
    templates: bool,
    imports: bool,
    service_level: bool,
) -> None:
    with _connect(demo_db, desk_login) as connection:
        _sign_in(connection, login)
        with connection.transaction(force_rollback=True):
            changed = connection.execute(
                "UPDATE agents SET role = 'administrator' WHERE login = 'jan.kowalski'"
            ).rowcount
            assert (changed == 1) is agents
            assert (
                connection.execute("UPDATE service_levels SET version = version").rowcount > 0
            ) is levels
            assert (
                connection.execute("UPDATE reply_templates SET version = version").rowcount > 0
            ) is templates
        if not agents:
            with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
                connection.execute(
                    "INSERT INTO agents (login, display_name, role, is_active, created_at) "
                    "VALUES ('mallory', 'Mallory', 'administrator', true, now())"
                )
        if not levels:
            with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
                connection.execute(
                    "INSERT INTO service_levels (name, calendar, created_at, updated_at, version) "
                    "VALUES ('free', '24x7', now(), now(), 1)"
                )
        start_import = (
            "INSERT INTO migration_runs (started_at, source, dry_run, status, report) "
            "VALUES (now(), 'export.zip', false, 'running', '{}')"
        )
        move_service = (
            "UPDATE services SET service_level_id = (SELECT max(id) FROM service_levels) "
            "WHERE id = (SELECT min(id) FROM services WHERE service_level_id IS DISTINCT FROM "
            "(SELECT max(id) FROM service_levels))"
        )
        for statement, allowed in ((start_import, imports), (move_service, service_level)):
            if allowed:
                with connection.transaction(force_rollback=True):
                    assert connection.execute(statement).rowcount == 1
            else:
                with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
                    connection.execute(statement)
        # Every role's session may work on tickets.
        with connection.transaction(force_rollback=True):
            assert connection.execute("UPDATE tickets SET version = version").rowcount > 0


@POSTGRESQL_ONLY
def test_the_desk_acts_as_its_agent_and_the_database_records_who(
    demo_db: Database, desk_login: str
) -> None:
    desk = Database(demo_db.url.set(username=desk_login))
    try:
        agents = AgentService(desk)
        with pytest.raises(SignInError):
            agents.authenticate("anna.nowak", "not the password")
        anna = agents.authenticate("anna.nowak", DEMO_PASSWORD)
        contract_id, service_id = _active_service(desk)
        ticket = TicketService(desk).open(
            anna,
            NewTicket(contract_id, service_id, "Zasilacz nie działa", "Klient zgłasza awarię."),
        )
        TicketService(desk).reply(anna, ticket.id, "Wysyłamy nowy zasilacz.")
        # The desk's own check and the database's agree on what an agent may not do.
        with pytest.raises(PermissionDeniedError):
            agents.set_role(anna, "jan.kowalski", Role.ADMINISTRATOR)
        # Were the desk's check skipped, the database refuses all the same.
        with pytest.raises(DatabaseRightsError), desk.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO service_levels (name, calendar, created_at, updated_at, "
                    "version) VALUES ('x', '24x7', now(), now(), 1)"
                )
            )
        agents.sign_out()
        with pytest.raises(AgentSessionError):
            TicketService(desk).reply(anna, ticket.id, "Po wylogowaniu.")
        admin = agents.authenticate("admin", DEMO_PASSWORD)
        agents.add(
            admin,
            login="nowy.agent",
            display_name="Nowy Agent",
            role=Role.AGENT,
            password="haslo-nowego-1",
        )
        agents.reset_password(admin, "nowy.agent", "haslo-nowego-2")
        assert agents.authenticate("nowy.agent", "haslo-nowego-2").login == "nowy.agent"
        listed = {row.login: row.can_sign_in for row in agents.list_agents()}
        assert listed["nowy.agent"] is True
    finally:
        desk.dispose()
    with demo_db.engine.connect() as owner:
        recorded = owner.execute(
            text(
                "SELECT a.action, g.login, s.login FROM audit_log a "
                "JOIN agents g ON g.id = a.agent_id LEFT JOIN agents s ON s.id = a.acting_agent_id "
                "WHERE a.ticket_id = :t ORDER BY a.id"
            ),
            {"t": ticket.id},
        ).all()
    assert recorded
    assert all(claimed == acting == "anna.nowak" for _, claimed, acting in recorded)


@POSTGRESQL_ONLY
def test_a_deactivated_agents_session_ends_at_once(demo_db: Database, desk_login: str) -> None:
    with _connect(demo_db, desk_login) as anna, _connect(demo_db, desk_login) as admin:
        _sign_in(anna, "anna.nowak")
        _sign_in(admin, "admin")
        assert anna.execute(TOUCH_ONE_TICKET).rowcount == 1
        admin.execute("UPDATE agents SET is_active = false WHERE login = 'anna.nowak'")
        with pytest.raises(errors.InvalidAuthorizationSpecification):
            anna.execute(TOUCH_ONE_TICKET)
        admin.execute("SELECT hezo_sign_out()")
        with pytest.raises(errors.InvalidAuthorizationSpecification):
            admin.execute(TOUCH_ONE_TICKET)


@POSTGRESQL_ONLY
def test_every_table_is_guarded_for_the_desks_role(demo_db: Database) -> None:
    """A later revision that adds a table must grant the desk's rights on it (desk_rights)."""
    with demo_db.engine.connect() as connection:
        tables = connection.execute(
            text(
                "SELECT tablename, tableowner, rowsecurity FROM pg_tables "
                "WHERE schemaname = 'public'"
            )
        ).all()
        policies = {
            (str(table), str(name))
            for table, name in connection.execute(
                text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")
            )
        }
        for table, owner, row_security in tables:
            assert owner != "hezo_desk"
            assert not connection.scalar(
                text("SELECT has_table_privilege('hezo_desk', :t, 'TRUNCATE')"),
                {"t": f"public.{table}"},
            ), table
            if table in (*READ_ONLY, *UNTOUCHED, *READ_ONLY_FOR_DESK):
                continue
            assert row_security, f"{table} has no row-level security"
            assert (table, "desk_insert") in policies, f"{table} has no desk policy"
        assert not connection.scalar(
            text("SELECT has_table_privilege('hezo_desk', 'public.agent_sessions', 'SELECT')")
        )


def _active_service(db: Database) -> tuple[int, int]:
    with db.sessions() as session:
        row = session.execute(
            text(
                "SELECT c.id, s.id FROM service_contracts c "
                "JOIN services s ON s.contract_id = c.id "
                "WHERE c.state = 'active' ORDER BY s.id LIMIT 1"
            )
        ).one()
    return int(row[0]), int(row[1])


@POSTGRESQL_ONLY
def test_a_command_acts_through_a_session_of_its_own_and_ends_it(
    demo_db: Database,
    desk_login: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = demo_db.url.set(username=desk_login).render_as_string(hide_password=False)
    store = SecretStore(HeadlessKeyring())
    with demo_db.sessions() as session:
        number = session.scalar(
            text(
                "SELECT number FROM tickets WHERE state NOT IN ('closed', 'cancelled') "
                "ORDER BY id LIMIT 1"
            )
        )

    def run(*argv: str) -> int:
        return main(["--database", url, *argv], secret_store=lambda: store)

    monkeypatch.setenv(AGENT_PASSWORD_ENV, DEMO_PASSWORD)
    assert (
        run("--agent", "anna.nowak", "ticket", "reply", str(number), "--body", "Dzień dobry") == 0
    )
    # A claimed administrator without their password changes nothing.
    monkeypatch.setenv(AGENT_PASSWORD_ENV, "not the password")
    assert run("--agent", "admin", "agent", "set", "anna.nowak", "--role", "administrator") == 2
    assert "wrong login or password" in capsys.readouterr().err
    with demo_db.engine.connect() as owner:
        assert owner.scalar(text("SELECT role FROM agents WHERE login = 'anna.nowak'")) == "agent"
        assert (
            owner.scalar(text("SELECT count(*) FROM agent_sessions WHERE ended_at IS NULL")) == 0
        ), "a command's session outlived it"
        acting = owner.scalar(
            text(
                "SELECT g.login FROM audit_log a JOIN agents g ON g.id = a.acting_agent_id "
                "ORDER BY a.id DESC LIMIT 1"
            )
        )
    assert acting == "anna.nowak"


@POSTGRESQL_ONLY
def test_db_status_tells_the_owner_from_a_desk_role(
    demo_db: Database, desk_login: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_db.standing() is ConnectionStanding.SCHEMA_OWNER
    desk_url = demo_db.url.set(username=desk_login)
    desk = Database(desk_url)
    try:
        assert desk.standing() is ConnectionStanding.DESK_ROLE
    finally:
        desk.dispose()
    owner_url = demo_db.url.render_as_string(hide_password=False)
    assert main(["--database", owner_url, "db", "status"]) == 0
    assert "schema owner" in capsys.readouterr().out
    assert main(["--database", desk_url.render_as_string(hide_password=False), "db", "status"]) == 0
    assert "desk role" in capsys.readouterr().out


def test_a_local_file_has_no_roles(tmp_path: Path) -> None:
    local = Database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    try:
        assert local.standing() is ConnectionStanding.LOCAL_FILE
    finally:
        local.dispose()


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_an_agent_erases_a_person_through_the_desks_role(
    db: Database, admin: Actor, agent: Actor, agent_password: str, tmp_path: Path
) -> None:
    """The audit log and the access history are append-only for the desk's role, yet an
    erasure rewrites their words (through the database's functions, with permits)."""
    person = build_person_desk(db, agent, tmp_path)
    ReplyTemplateService(db).add(admin, "Podpis", Language.POLISH, f"Pozdrawiam, {NAME}")
    with _desk_role(db) as login:
        desk = Database(db.url.set(username=login))
        try:
            AgentService(desk).authenticate(agent.login, agent_password)
            erasure = ErasureService(desk, drafts=person.drafts)
            # The name is in a reply template too, which an agent may not change: the
            # erasure stops whole instead of leaving it there.
            with pytest.raises(PermissionDeniedError, match="a reply template"):
                erasure.erase(agent, person.contact_id)
            assert verify_erased(desk, VALUES, drafts=person.drafts).findings != []
            with db.transaction() as session:
                session.execute(text("DELETE FROM reply_templates"))
            erasure.erase(agent, person.contact_id)
        finally:
            desk.dispose()
    assert verify_erased(db, VALUES, drafts=person.drafts).findings == []
    assert verify_chain(db).intact


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_the_first_administrator_is_the_schema_owners_to_add(db: Database) -> None:
    with _desk_role(db) as login:
        desk = Database(db.url.set(username=login))
        try:
            with pytest.raises(UserError, match="schema owner adds the first administrator"):
                AgentService(desk).add(
                    None,
                    login="boss",
                    display_name="Boss",
                    role=Role.ADMINISTRATOR,
                    password="correct horse",
                )
        finally:
            desk.dispose()
    assert (
        AgentService(db)
        .add(
            None,
            login="boss",
            display_name="Boss",
            role=Role.ADMINISTRATOR,
            password="correct horse",
        )
        .can_sign_in
    )


@POSTGRESQL_ONLY
def test_no_proof_is_no_password(demo_db: Database, desk_login: str) -> None:
    with _connect(demo_db, desk_login) as connection:
        for proof in (None, "", " "):
            row = connection.execute("SELECT hezo_sign_in('admin', %s)", (proof,)).fetchone()
            assert row is not None
            assert row[0] is None, f"a session for the proof {proof!r}"
        row = connection.execute("SELECT hezo_sign_in(NULL, NULL)").fetchone()
        assert row is not None
        assert row[0] is None


@POSTGRESQL_ONLY
def test_an_agent_cannot_rewrite_history_under_an_erasures_cover(
    demo_db: Database, desk_login: str
) -> None:
    with _connect(demo_db, desk_login) as connection:
        anna = _sign_in(connection, "anna.nowak")
        entry = connection.execute(
            "SELECT id, summary, details::text FROM audit_log "
            "WHERE summary LIKE '%% %%' ORDER BY id LIMIT 1"
        ).fetchone()
        assert entry is not None
        entry_id, summary, details = entry
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO redaction_permits VALUES ('audit_log', %s)", (entry_id,)
            )
        # Words put in, not taken out: refused.
        for forged_summary, forged_details in (
            ("nothing happened here", details),
            (summary, '{"forged": true}'),
            (f"{summary} (approved)", details),
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(
                    "SELECT hezo_redact_audit_entry(1, %s, %s, %s)",
                    (entry_id, forged_summary, forged_details),
                )
        # A cut of the erasure's kind (a word replaced by the mark) passes the words' check,
        # but stands only beside an erasure of a contact in the same transaction.
        first_word = str(summary).split(" ")[0]
        redacted = "[…]" + str(summary)[len(first_word) :]
        with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
            connection.execute(
                "SELECT hezo_redact_audit_entry(1, %s, %s, %s)", (entry_id, redacted, details)
            )
        assert _count(connection, "SELECT count(*) FROM redaction_permits") == 0
        assert _count(connection, "SELECT count(*) FROM redactions") == 0
        # The access history: a row names the session's agent and is dated now.
        other = _agent_id(connection, "marek.zielinski")
        history = (
            "INSERT INTO reseller_access_changes (ticket_id, previous, granted, agent_id, "
            "requested_by_name, channel, recorded_at, note, reason) "
            "SELECT id, false, true, %s, 'forged', channel, %s, 'granted', 'contact_request' "
            "FROM tickets ORDER BY id LIMIT 1"
        )
        now = dt.datetime.now(dt.UTC)
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(history, (other, now))
        with pytest.raises(psycopg.Error) as backdated_history:
            connection.execute(history, (anna, now - dt.timedelta(days=300)))
        assert backdated_history.value.sqlstate == "HZ001"
        # An import's report is the back office's.
        assert connection.execute("UPDATE migration_runs SET status = 'failed'").rowcount == 0
        # Entries come after the log, now, with the database's own transaction.
        append = (
            "INSERT INTO audit_log (id, recorded_at, agent_id, action, summary, details) "
            "VALUES (%s, %s, %s, 'agent.signed_in', 'x', '{}')"
        )
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(append, (100_000, dt.datetime.now(dt.UTC), anna))
        next_id = _count(connection, "SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))")
        for dated in (
            dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3),
        ):
            with pytest.raises(psycopg.Error) as backdated:
                connection.execute(append, (next_id, dated, anna))
            assert backdated.value.sqlstate == "HZ001"
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO audit_log (recorded_at, agent_id, action, summary, details, xact) "
                "VALUES (now(), %s, 'agent.signed_in', 'x', '{}', 1)",
                (anna,),
            )


@POSTGRESQL_ONLY
def test_a_session_ends_with_its_password_and_stays_ended(
    demo_db: Database, desk_login: str
) -> None:
    with _connect(demo_db, desk_login) as anna, _connect(demo_db, desk_login) as admin:
        anna_id = _sign_in(anna, "anna.nowak")
        _sign_in(admin, "admin")
        # A hash of a cost below the desk's is not a password.
        with pytest.raises(errors.InvalidParameterValue):
            anna.execute(
                "SELECT hezo_set_password_hash(%s, %s)",
                (anna_id, "scrypt$2$1$1$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 43 + "="),
            )
        admin.execute(
            "SELECT hezo_set_password_hash(%s, (SELECT 'scrypt$16384$8$1$' || "
            "'c2FsdHNhbHRzYWx0c2FsdA==$' || repeat('A', 43) || '='))",
            (anna_id,),
        )
        with pytest.raises(errors.InvalidAuthorizationSpecification):
            anna.execute(TOUCH_ONE_TICKET)
        # Deactivated and active again: an old session does not come back.
        _sign_in(anna, "jan.kowalski")
        admin.execute("UPDATE agents SET is_active = false WHERE login = 'jan.kowalski'")
        admin.execute("UPDATE agents SET is_active = true WHERE login = 'jan.kowalski'")
        with pytest.raises(errors.InvalidAuthorizationSpecification):
            anna.execute(TOUCH_ONE_TICKET)
        # An agent neither removes an import's report nor adds a service on a level.
        _sign_in(anna, "jan.kowalski")
        assert anna.execute("DELETE FROM migration_runs").rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege), anna.transaction():
            anna.execute(
                "INSERT INTO services (contract_id, serial, notation_index, product, start_date, "
                "end_date, created_at, service_level_id) "
                "SELECT contract_id, serial || 'X', notation_index, product, start_date, "
                "end_date, now(), (SELECT max(id) FROM service_levels) FROM services LIMIT 1"
            )


@POSTGRESQL_ONLY
def test_a_desk_whose_clock_is_off_is_told_to_set_it(demo_db: Database, desk_login: str) -> None:
    desk = Database(demo_db.url.set(username=desk_login))
    try:
        anna = AgentService(desk).authenticate("anna.nowak", DEMO_PASSWORD)
        late = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        with pytest.raises(DatabaseRightsError, match="clock"), desk.transaction() as session:
            audit.record(session, anna, AuditAction.AGENT_SIGNED_IN, "signed in", at=late)
    finally:
        desk.dispose()


@POSTGRESQL_ONLY
def test_audit_verify_trusts_the_databases_record_of_redactions(demo_db: Database) -> None:
    """An erasure's entry listing rows it "redacted" is a desk's word; on PostgreSQL only the
    database's own record (written by its redaction functions) excuses a rewritten entry."""
    with demo_db.engine.begin() as owner:
        owner.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        owner.execute(text("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 1"))
        owner.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    admin = AgentService(demo_db).resolve("admin")
    with demo_db.transaction() as session:
        audit.record(
            session,
            admin,
            AuditAction.CONTACT_ANONYMISED,
            "anonymised",
            subject=("contact", 1),
            details={"redacted_rows": {"audit_log": [1]}},
        )
    check = verify_chain(demo_db)
    assert not check.intact
    assert check.broken_id == 1


@POSTGRESQL_ONLY
def test_a_redaction_needs_the_erasure_of_a_person_the_row_mentions(
    demo_db: Database, desk_login: str
) -> None:
    with _connect(demo_db, desk_login) as connection:
        _sign_in(connection, "anna.nowak")
        contact = connection.execute(
            "SELECT id, customer_id, last_name FROM contacts "
            "WHERE anonymised_number IS NULL ORDER BY id LIMIT 1"
        ).fetchone()
        assert contact is not None
        contact_id, customer_id, last_name = contact
        # Born anonymised, or anonymised and back: neither is an erasure.
        with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
            connection.execute(
                "INSERT INTO contacts (customer_id, first_name, last_name, email, "
                "email_normalized, language, registered_at, updated_at, anonymised_number) "
                "VALUES (%s, 'x', 'y', 't@x.pl', 't@x.pl', 'pl', now(), now(), 424242)",
                (customer_id,),
            )
        with connection.transaction(force_rollback=True):
            connection.execute(
                "UPDATE contacts SET anonymised_number = 424242 WHERE id = %s", (contact_id,)
            )
            with pytest.raises(errors.InsufficientPrivilege), connection.transaction():
                connection.execute(
                    "UPDATE contacts SET anonymised_number = NULL WHERE id = %s", (contact_id,)
                )
        # A row that does not mention the person is not theirs to take words from.
        entry = connection.execute(
            "SELECT id, summary, details::text FROM audit_log WHERE action = 'demo.loaded' "
            "OR summary NOT ILIKE %s ORDER BY id LIMIT 1",
            (f"%{last_name}%",),
        ).fetchone()
        assert entry is not None
        entry_id, _summary, details = entry
        with pytest.raises(errors.InsufficientPrivilege, match="own words"):
            connection.execute(
                "SELECT hezo_redact_audit_entry(%s, %s, %s, %s)",
                (contact_id, entry_id, "[…]", details),
            )


@pytest.mark.parametrize("empty_url", ["postgresql"], indirect=True)
def test_a_desk_role_cannot_upgrade_the_schema_and_is_told_who_can(empty_url: str) -> None:
    owner = Database(empty_url)
    try:
        with _desk_role(owner) as login:
            desk = Database(owner.url.set(username=login))
            try:
                with pytest.raises(DatabaseError, match="schema owner's rights"):
                    desk.upgrade()
            finally:
                desk.dispose()
        assert owner.schema_status().state is SchemaState.EMPTY
    finally:
        owner.dispose()


@POSTGRESQL_ONLY
def test_the_fourth_reviews_probes_are_refused(demo_db: Database, desk_login: str) -> None:
    with _connect(demo_db, desk_login) as connection:
        _sign_in(connection, "anna.nowak")
        # Taking a service's level away is a change of level too.
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute(
                "UPDATE services SET service_level_id = NULL "
                "WHERE id = (SELECT min(id) FROM services WHERE service_level_id IS NOT NULL)"
            )
        # A ticket "moved" to the contract it is on writes no access history.
        before = _count(connection, "SELECT count(*) FROM reseller_access_changes")
        connection.execute(
            "UPDATE tickets SET contract_id = contract_id WHERE id = (SELECT min(id) FROM tickets)"
        )
        assert _count(connection, "SELECT count(*) FROM reseller_access_changes") == before


@POSTGRESQL_ONLY
def test_a_desk_role_rehashes_at_sign_in_and_an_administrator_resets_their_own_password(
    demo_db: Database, desk_login: str
) -> None:
    salt = b"sixteen byte slt"
    older = hashlib.scrypt(DEMO_PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    with demo_db.engine.begin() as owner:
        owner.execute(
            text("UPDATE agents SET password_hash = :hash WHERE login = 'jan.kowalski'"),
            {"hash": "$".join(["scrypt", "16384", "8", "1", _b64(salt), _b64(older)])},
        )
    desk = Database(demo_db.url.set(username=desk_login))
    try:
        agents = AgentService(desk)
        agents.authenticate("jan.kowalski", DEMO_PASSWORD)
        admin = agents.authenticate("admin", DEMO_PASSWORD)
        agents.reset_password(admin, "admin", "a new admin password")
        assert agents.authenticate("admin", "a new admin password").login == "admin"
    finally:
        desk.dispose()
    with demo_db.engine.connect() as owner:
        stored = owner.scalar(text("SELECT password_hash FROM agents WHERE login = 'jan.kowalski'"))
    assert str(stored).startswith("scrypt$131072$")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
