"""PostgreSQL login roles for resellers: their reporting tools read only what the rule allows.

A reseller role may connect, use the schema `reseller_portal` and read its three views
(migration 0002), nothing else: no table of the desk is granted to it. The views decide by
`current_user` through `reseller_db_roles`, so each role sees its own reseller's tickets that
the customers allowed, their customer-visible messages and attachments, never internal notes.
SQLite has no roles; there these commands say so and change nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql.base import RESERVED_WORDS
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.errors import (
    NotFoundError,
    PermissionDeniedError,
    ReservedRoleNameError,
    UserError,
)
from hezo_desk.models import Agent, Reseller, ResellerDatabaseRole, utcnow
from hezo_desk.models.reseller_role import MAX_ROLE_NAME_LENGTH
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction

PORTAL_SCHEMA = "reseller_portal"
PORTAL_VIEWS = ("tickets", "messages", "attachments")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_RESERVED_PREFIXES = ("pg_", "hezo_")
# Names that mean something else where PostgreSQL reads a role (GRANT … TO public, SET ROLE
# none, current_user…) and its SQL keywords: a reseller role named so would be created quoted
# and then read as the other thing, or grant to everyone. (An existing role such as postgres
# is refused by `grant` itself: the desk did not create it.)
_RESERVED_NAMES = RESERVED_WORDS | {
    "public",
    "none",
    "current_user",
    "session_user",
    "current_role",
    "system_user",
    "user",
}


@dataclass(frozen=True)
class ResellerRoleRow:
    role_name: str
    reseller_id: int
    reseller_name: str
    created_at: dt.datetime
    created_by: str | None
    # Set by `revoke`: whether the server role itself was dropped, and why not if it was kept.
    dropped: bool | None = None
    kept_because: str | None = None


def valid_role_name(name: str) -> str:
    role = name.strip()
    if not role:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "the role name is empty"))
    if len(role.encode()) > MAX_ROLE_NAME_LENGTH:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "a role name has at most %1 characters"),
            MAX_ROLE_NAME_LENGTH,
        )
    if not _ROLE_NAME.match(role):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "“%1” is not a plain role name: use lower-case letters, digits and _ and start "
                "with a letter (e.g. partner_gesit)",
            ),
            role,
        )
    if role in _RESERVED_NAMES:
        raise ReservedRoleNameError(role)
    if role.startswith(_RESERVED_PREFIXES):
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "role names starting with %1 are reserved"),
            ", ".join(_RESERVED_PREFIXES),
        )
    return role


class ResellerRoleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def roles(self) -> list[ResellerRoleRow]:
        with self._db.sessions() as session:
            return [_row(session, mapping) for mapping in _mappings(session)]

    def grant(
        self, actor: Actor, reseller_id: int, role_name: str, *, password: str | None = None
    ) -> ResellerRoleRow:
        """Create (or re-grant) a login role that reads `reseller_id`'s permitted tickets."""
        require_role(
            actor,
            [Role.ADMINISTRATOR],
            QT_TRANSLATE_NOOP("Errors", "create reseller database roles"),
        )
        self._require_postgresql()
        role = valid_role_name(role_name)
        if password is not None and not password:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "the password is empty"))
        with self._db.transaction() as session:
            reseller = session.get(Reseller, reseller_id)
            if reseller is None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP("Errors", "no reseller with id %1"), reseller_id
                )
            mapping = session.scalar(
                select(ResellerDatabaseRole).where(ResellerDatabaseRole.role_name == role)
            )
            if mapping is not None and mapping.reseller_id != reseller.id:
                other = session.get_one(Reseller, mapping.reseller_id)
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "the role %1 already reads for %2; one role speaks for one reseller "
                        "(choose another name)",
                    ),
                    role,
                    other.name,
                )
            exists = session.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :name"), {"name": role}
            )
            if exists and mapping is None:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "the server already has a role %1 that HEZO Desk did not create for a "
                        "reseller; choose another name (the desk never takes over other roles)",
                    ),
                    role,
                )
            identifier = sql.Identifier(role)
            statements: list[sql.Composable] = []
            if not exists:
                statements.append(
                    sql.SQL(
                        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                        "NOREPLICATION NOBYPASSRLS"
                    ).format(identifier)
                )
            if password is not None:
                statements.append(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(identifier, sql.Literal(password))
                )
            database = sql.Identifier(_current_database(session))
            statements += [
                # Every role may create temporary tables by default (PUBLIC): a reseller's
                # reporting tool has no use for them. The desk's own role keeps the right.
                sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(database),
                sql.SQL("GRANT TEMPORARY ON DATABASE {} TO CURRENT_USER").format(database),
                sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, identifier),
                sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                    sql.Identifier(PORTAL_SCHEMA), identifier
                ),
                sql.SQL("GRANT SELECT ON {} TO {}").format(
                    sql.SQL(", ").join(
                        sql.Identifier(PORTAL_SCHEMA, view) for view in PORTAL_VIEWS
                    ),
                    identifier,
                ),
            ]
            _run_ddl(session, statements)
            _refuse_temporary_objects(session, role)
            if mapping is None:
                mapping = ResellerDatabaseRole(
                    role_name=role,
                    reseller_id=reseller.id,
                    created_at=utcnow(),
                    created_by_agent_id=actor.id,
                )
                session.add(mapping)
                session.flush()
            audit.record(
                session,
                actor,
                AuditAction.RESELLER_DB_ROLE_GRANTED,
                f"database role {role} reads for reseller {reseller.name}"
                + (" (password set)" if password is not None else ""),
                subject=("reseller", reseller.id),
                details={"role": role, "created": not exists, "password_set": password is not None},
            )
            return _row(session, mapping)

    def revoke(self, actor: Actor, role_name: str) -> ResellerRoleRow:
        """Withdraw a reseller role's reading at once; drop the role where nothing else uses it."""
        require_role(
            actor,
            [Role.ADMINISTRATOR],
            QT_TRANSLATE_NOOP("Errors", "revoke reseller database roles"),
        )
        self._require_postgresql()
        role = valid_role_name(role_name)
        with self._db.transaction() as session:
            mapping = session.scalar(
                select(ResellerDatabaseRole).where(ResellerDatabaseRole.role_name == role)
            )
            if mapping is None:
                raise NotFoundError(
                    QT_TRANSLATE_NOOP("Errors", "%1 is no reseller database role of this desk"),
                    role,
                )
            row = _row(session, mapping)
            identifier = sql.Identifier(role)
            exists = session.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :name"), {"name": role}
            )
            dropped, kept_because = False, None
            if exists:
                _run_ddl(
                    session,
                    [
                        sql.SQL("REVOKE ALL ON {} FROM {}").format(
                            sql.SQL(", ").join(
                                sql.Identifier(PORTAL_SCHEMA, view) for view in PORTAL_VIEWS
                            ),
                            identifier,
                        ),
                        sql.SQL("REVOKE ALL ON SCHEMA {} FROM {}").format(
                            sql.Identifier(PORTAL_SCHEMA), identifier
                        ),
                        sql.SQL("REVOKE ALL ON DATABASE {} FROM {}").format(
                            sql.Identifier(_current_database(session)), identifier
                        ),
                    ],
                )
                savepoint = session.begin_nested()
                try:
                    _run_ddl(session, [sql.SQL("DROP ROLE {}").format(identifier)])
                    savepoint.commit()
                    dropped = True
                except psycopg.Error as error:
                    # Still granted in another database of the server: keep it, unusable here.
                    savepoint.rollback()
                    kept_because = str(error).strip().splitlines()[0]
            session.delete(mapping)
            audit.record(
                session,
                actor,
                AuditAction.RESELLER_DB_ROLE_REVOKED,
                f"database role {role} no longer reads for reseller {row.reseller_name}"
                + ("" if dropped else " (the server role was kept)"),
                subject=("reseller", row.reseller_id),
                details={"role": role, "dropped": dropped, "kept_because": kept_because},
            )
            return ResellerRoleRow(
                role_name=row.role_name,
                reseller_id=row.reseller_id,
                reseller_name=row.reseller_name,
                created_at=row.created_at,
                created_by=row.created_by,
                dropped=dropped,
                kept_because=kept_because,
            )

    def _require_postgresql(self) -> None:
        if self._db.is_sqlite:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "reseller database roles exist only on a PostgreSQL server; a local SQLite "
                    "file has no roles (run this against the shared database with --database)",
                )
            )


def _current_database(session: Session) -> str:
    return str(session.scalar(text("SELECT current_database()")))


def _run_ddl(session: Session, statements: list[sql.Composable]) -> None:
    """Role statements take no bind parameters: compose them safely and run them as they are."""
    dbapi: Any = session.connection().connection.dbapi_connection
    try:
        with dbapi.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    except pg_errors.InsufficientPrivilege as error:
        raise PermissionDeniedError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the database user may not manage roles (%1); connect as a user with CREATEROLE",
            ),
            str(error).strip(),
        ) from error


def _mappings(session: Session) -> list[ResellerDatabaseRole]:
    return list(
        session.scalars(select(ResellerDatabaseRole).order_by(ResellerDatabaseRole.role_name))
    )


def _row(session: Session, mapping: ResellerDatabaseRole) -> ResellerRoleRow:
    reseller = session.get_one(Reseller, mapping.reseller_id)
    agent = session.get(Agent, mapping.created_by_agent_id) if mapping.created_by_agent_id else None
    return ResellerRoleRow(
        role_name=mapping.role_name,
        reseller_id=mapping.reseller_id,
        reseller_name=reseller.name,
        created_at=mapping.created_at,
        created_by=agent.login if agent else None,
    )


def _refuse_temporary_objects(session: Session, role: str) -> None:
    """A role that could still create temporary tables is not handed out.

    REVOKE … FROM PUBLIC only warns when the desk's role does not own the database.
    """
    may = session.scalar(
        text("SELECT has_database_privilege(:role, current_database(), 'TEMPORARY')"),
        {"role": role},
    )
    if may:
        database = _current_database(session)
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "role %1 could create temporary tables in %2, and the desk's database role may "
                "not change that: let the owner of the database run `REVOKE TEMPORARY ON "
                "DATABASE %2 FROM PUBLIC` (and grant TEMPORARY to the desk's role), then grant "
                "again",
            ),
            role,
            database,
        )


def pg_hba_lines(database: str, role: str) -> list[str]:
    """The pg_hba.conf lines that keep a reseller role to the desk's database.

    The server's other databases are not the desk's to change, and CONNECT on them is granted
    to PUBLIC by default; the server's client authentication can refuse the role elsewhere.
    The first matching line wins, so these go above the file's general lines.
    """
    return [
        f"# HEZO Desk: {role} may connect to {database} only (put these above the other lines)",
        f"hostssl  {database}  {role}  0.0.0.0/0  scram-sha-256",
        f"hostssl  {database}  {role}  ::/0       scram-sha-256",
        f"host     all  {role}  all  reject",
        f"local    all  {role}  reject",
    ]
