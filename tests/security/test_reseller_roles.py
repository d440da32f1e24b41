"""PostgreSQL enforces the reseller rule itself: a session connected as a reseller role reads
exactly the permitted rows through `reseller_portal`, nothing of the tables under it, and a
withdrawal counts for its very next statement. SQLite has no roles and says so."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import inspect, text

from access_builders import (
    FILE_NAME,
    NOTE,
    AccessWorld,
    FullTicket,
    build_access_world,
    open_full_ticket,
)
from hezo_desk.db import Database
from hezo_desk.enums import Channel
from hezo_desk.errors import NotFoundError, PermissionDeniedError, UserError
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.reseller_roles import ResellerRoleService, pg_hba_lines, valid_role_name
from hezo_desk.services.tickets import TicketService

BASE_TABLES = (
    "tickets",
    "messages",
    "attachments",
    "customers",
    "contacts",
    "service_contracts",
    "resellers",
    "reseller_access_changes",
    "reseller_db_roles",
    "audit_log",
    "agents",
    "reply_templates",
)

# Roles exist only on a PostgreSQL server: these run there alone, not skipped on SQLite.
POSTGRESQL_ONLY = pytest.mark.parametrize("db", ["postgresql"], indirect=True)


@pytest.fixture
def aw(db: Database) -> AccessWorld:
    return build_access_world(db)


@pytest.fixture
def role_names(db: Database) -> Iterator[list[str]]:
    """Unique role names for this test; whatever is left of them is dropped afterwards."""
    names = [f"rs_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    yield names
    if db.is_sqlite:
        return
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        for name in names:
            exists = connection.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}
            )
            if exists:
                connection.execute(text(f'DROP OWNED BY "{name}"'))
                connection.execute(text(f'DROP ROLE "{name}"'))


def _connect_as(db: Database, role: str) -> psycopg.Connection[tuple[object, ...]]:
    url = db.url
    return psycopg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        dbname=url.database,
        user=role,
        autocommit=True,
    )


def _rows(
    connection: psycopg.Connection[tuple[object, ...]], query: str
) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(query.encode())
        return list(cursor.fetchall())


def _numbers(connection: psycopg.Connection[tuple[object, ...]]) -> set[object]:
    return {row[0] for row in _rows(connection, "SELECT number FROM reseller_portal.tickets")}


def test_roles_need_postgresql_and_the_mapping_table_is_everywhere(
    db: Database, aw: AccessWorld, admin: Actor, role_names: list[str]
) -> None:
    inspector = inspect(db.engine)
    assert "reseller_db_roles" in inspector.get_table_names()
    if db.is_sqlite:
        with pytest.raises(UserError, match="only on a PostgreSQL server"):
            ResellerRoleService(db).grant(admin, aw.world.reseller_id, role_names[0])
        with pytest.raises(UserError, match="only on a PostgreSQL server"):
            ResellerRoleService(db).revoke(admin, role_names[0])
    else:
        views = set(inspector.get_view_names(schema="reseller_portal"))
        assert views == {"tickets", "messages", "attachments"}
    assert ResellerRoleService(db).roles() == []


def test_role_names_are_plain_identifiers() -> None:
    assert valid_role_name(" partner_gesit ") == "partner_gesit"
    for bad in ("", "Partner", "a-b", 'x"; DROP TABLE tickets; --', "pg_x", "hezo_x", "1abc"):
        with pytest.raises(UserError):
            valid_role_name(bad)


@POSTGRESQL_ONLY
def test_a_reseller_role_reads_exactly_what_the_rule_permits(
    db: Database, aw: AccessWorld, admin: Actor, agent: Actor, role_names: list[str]
) -> None:
    gesit, zuraw = role_names
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda – Łódź", access=True)
    refused = open_full_ticket(db, agent, aw.world.contract_id, "Bez zgody")
    other = open_full_ticket(db, agent, aw.world.other_contract_id, "Inna firma", access=True)
    theirs = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Żuraw", access=True)
    roles = ResellerRoleService(db)
    roles.grant(admin, aw.world.reseller_id, gesit)
    roles.grant(admin, aw.other_reseller_id, zuraw)
    assert {(r.role_name, r.reseller_id) for r in roles.roles()} == {
        (gesit, aw.world.reseller_id),
        (zuraw, aw.other_reseller_id),
    }

    with _connect_as(db, gesit) as connection:
        assert _numbers(connection) == {allowed.number, other.number}
        subjects = {
            row[0] for row in _rows(connection, "SELECT subject FROM reseller_portal.tickets")
        }
        assert "Zgoda – Łódź" in subjects
        kinds = _rows(
            connection,
            "SELECT DISTINCT kind, ticket_id FROM reseller_portal.messages ORDER BY 2, 1",
        )
        assert {kind for kind, _ in kinds} == {"agent", "customer"}
        assert {ticket for _, ticket in kinds} == {allowed.id, other.id}
        bodies = [row[0] for row in _rows(connection, "SELECT body FROM reseller_portal.messages")]
        assert all(NOTE not in str(body) for body in bodies)
        files = _rows(connection, "SELECT ticket_id, file_name FROM reseller_portal.attachments")
        assert sorted(files) == sorted([(allowed.id, FILE_NAME), (other.id, FILE_NAME)])
        # Asking for a refused or another reseller's ticket by id finds nothing.
        for hidden in (refused, theirs):
            assert (
                _rows(connection, f"SELECT * FROM reseller_portal.tickets WHERE id = {hidden.id}")
                == []
            )
            assert (
                _rows(
                    connection,
                    f"SELECT * FROM reseller_portal.messages WHERE ticket_id = {hidden.id}",
                )
                == []
            )
        for table in BASE_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _rows(connection, f"SELECT * FROM public.{table} LIMIT 1")

    with _connect_as(db, zuraw) as connection:
        assert _numbers(connection) == {theirs.number}


@POSTGRESQL_ONLY
def test_a_leaky_function_sees_no_row_the_barrier_hides(
    db: Database, aw: AccessWorld, admin: Actor, agent: Actor, role_names: list[str]
) -> None:
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Widoczne", access=True)
    open_full_ticket(db, agent, aw.world.contract_id, "Tajne – bez zgody")
    open_full_ticket(db, agent, aw.other_reseller_contract_id, "Tajne – Żuraw", access=True)
    ResellerRoleService(db).grant(admin, aw.world.reseller_id, role_names[0])
    # The role can create no function of its own (no temporary schema, no CREATE anywhere);
    # one that leaks its arguments may still exist on a server, so the test's owner makes it.
    peek = f"peek_{role_names[0]}"
    with db.engine.begin() as owner:
        owner.execute(
            text(
                f"CREATE FUNCTION public.{peek}(value text) RETURNS boolean LANGUAGE plpgsql "
                "COST 0.000001 AS $$ BEGIN RAISE NOTICE 'saw %', value; RETURN true; END $$"
            )
        )
        owner.execute(text(f'GRANT EXECUTE ON FUNCTION public.{peek}(text) TO "{role_names[0]}"'))
    seen: list[str] = []
    with _connect_as(db, role_names[0]) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                b"CREATE FUNCTION pg_temp.peek(value text) RETURNS boolean LANGUAGE sql "
                b"AS $$ SELECT true $$"
            )
        connection.add_notice_handler(lambda notice: seen.append(str(notice.message_primary)))
        rows = _rows(
            connection,
            f"SELECT number FROM reseller_portal.tickets WHERE public.{peek}(subject)",
        )
        body_rows = _rows(
            connection,
            f"SELECT id FROM reseller_portal.messages WHERE public.{peek}(body)",
        )
    assert [row[0] for row in rows] == [allowed.number]
    assert body_rows
    assert "saw Widoczne" in seen
    assert not any("Tajne" in line or "NOTATKA" in line for line in seen)


@POSTGRESQL_ONLY
def test_a_withdrawal_and_a_revoked_role_count_at_once(
    db: Database, aw: AccessWorld, admin: Actor, agent: Actor, role_names: list[str]
) -> None:
    ticket: FullTicket = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda", access=True)
    roles = ResellerRoleService(db)
    roles.grant(admin, aw.world.reseller_id, role_names[0])
    with _connect_as(db, role_names[0]) as connection:
        assert _numbers(connection) == {ticket.number}
        version = TicketService(db).row(ticket.id).version
        ResellerAccessService(db).change_access(
            agent,
            ticket.id,
            AccessRequest(granted=False, channel=Channel.EMAIL, requested_by_name="Zofia Łęcka"),
            expected_version=version,
        )
        assert _numbers(connection) == set()
        assert _rows(connection, "SELECT * FROM reseller_portal.messages") == []
        assert _rows(connection, "SELECT * FROM reseller_portal.attachments") == []
        ResellerAccessService(db).change_access(
            agent,
            ticket.id,
            AccessRequest(granted=True, channel=Channel.PHONE, requested_by_name="Zofia Łęcka"),
            expected_version=version + 1,
        )
        assert _numbers(connection) == {ticket.number}
        revoked = roles.revoke(admin, role_names[0])
        assert revoked.dropped
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _numbers(connection)
    with pytest.raises(psycopg.OperationalError):
        _connect_as(db, role_names[0]).close()
    assert roles.roles() == []
    with db.sessions() as session:
        actions = list(
            session.scalars(
                text("SELECT action FROM audit_log WHERE action LIKE 'reseller.%' ORDER BY id")
            )
        )
    assert actions == [AuditAction.RESELLER_DB_ROLE_GRANTED, AuditAction.RESELLER_DB_ROLE_REVOKED]


@POSTGRESQL_ONLY
def test_roles_are_not_taken_over_or_shared_and_agents_may_not_make_them(
    db: Database, aw: AccessWorld, admin: Actor, agent: Actor, role_names: list[str]
) -> None:
    roles = ResellerRoleService(db)
    with pytest.raises(PermissionDeniedError, match="administrator"):
        roles.grant(agent, aw.world.reseller_id, role_names[0])
    with pytest.raises(UserError, match="did not create"):
        roles.grant(admin, aw.world.reseller_id, "postgres")
    roles.grant(admin, aw.world.reseller_id, role_names[0], password="tajne hasło ł")
    # Granting again (a new password) keeps one role and one mapping.
    roles.grant(admin, aw.world.reseller_id, role_names[0], password="nowe")
    assert [r.role_name for r in roles.roles()] == [role_names[0]]
    with pytest.raises(UserError, match="already reads for"):
        roles.grant(admin, aw.other_reseller_id, role_names[0])
    with pytest.raises(NotFoundError, match="no reseller database role"):
        roles.revoke(admin, role_names[1])
    with db.sessions() as session:
        details = list(
            session.scalars(
                text("SELECT CAST(details AS TEXT) FROM audit_log WHERE action LIKE 'reseller.%'")
            )
        )
    assert details
    assert not any("tajne" in detail or "nowe" in detail for detail in details)


@POSTGRESQL_ONLY
def test_a_reseller_role_creates_no_temporary_object_and_hears_no_ticket_id(
    db: Database, aw: AccessWorld, admin: Actor, agent: Actor, role_names: list[str]
) -> None:
    gesit, _ = role_names
    ResellerRoleService(db).grant(admin, aw.world.reseller_id, gesit)
    with _connect_as(db, gesit) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _rows(connection, "CREATE TEMP TABLE zbior (i int)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _rows(connection, "CREATE TABLE reseller_portal.zbior (i int)")
        # LISTEN cannot be forbidden; what the role hears names no ticket, its own or not.
        connection.execute(b"LISTEN hezo_desk_changes")
        theirs = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Cudzy", access=True)
        TicketService(db).add_note(agent, theirs.id, "notatka wewnętrzna")
        payloads = [notice.payload for notice in connection.notifies(timeout=2, stop_after=1)]
        payloads += [notice.payload for notice in connection.notifies(timeout=0.2)]
    assert payloads, "the commits were notified"
    assert set(payloads) == {""}


def test_pg_hba_lines_keep_the_role_to_the_desks_database() -> None:
    lines = pg_hba_lines("hezo", "partner_gesit")
    rules = [line.split() for line in lines if not line.startswith("#")]
    allowing = [rule for rule in rules if rule[-1] != "reject"]
    refusing = [rule for rule in rules if rule[-1] == "reject"]
    assert allowing
    assert all(rule[1] == "hezo" and rule[2] == "partner_gesit" for rule in allowing)
    assert {rule[0] for rule in refusing} == {"host", "local"}
    assert all(rule[1] == "all" and rule[2] == "partner_gesit" for rule in refusing)
    # The first matching line wins: the allowing lines come first.
    assert rules.index(allowing[-1]) < rules.index(refusing[0])
