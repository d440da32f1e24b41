"""Agent accounts: adding, listing, signing in, roles and deactivation (administrators)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import ConnectionStanding, Database
from hezo_desk.enums import Role
from hezo_desk.errors import InputField, NotFoundError, UserError
from hezo_desk.models import Agent
from hezo_desk.services import agent_sessions, audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.limits import within_limit
from hezo_desk.services.normalize import clean_line
from hezo_desk.services.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class AgentRow:
    id: int
    login: str
    display_name: str
    role: Role
    is_active: bool
    can_sign_in: bool
    created_at: dt.datetime


class SignInError(UserError):
    """Wrong login or password. Deliberately does not say which."""


def actor_of(agent: Agent) -> Actor:
    return Actor(agent.id, agent.login, agent.display_name, agent.role)


class AgentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self) -> int:
        with self._db.sessions() as session:
            return session.scalar(select(func.count(Agent.id))) or 0

    def resolve(self, login: str) -> Actor:
        """The active agent with this login, as the acting agent of a command."""
        with self._db.sessions() as session:
            agent = _by_login(session, login)
            if not agent.is_active:
                raise UserError(
                    QT_TRANSLATE_NOOP("Errors", "agent “%1” is deactivated"), agent.login
                )
            return actor_of(agent)

    def authenticate(self, login: str, password: str) -> Actor:
        """A desk's sign-in: the agent proves who they are, and the audit log says so.

        On PostgreSQL the database checks the password and opens the agent's session, which
        every later transaction of this `Database` carries (`services/agent_sessions.py`).
        """
        login = login.strip().lower()
        setting = self._database_sign_in(login, password)
        with self._db.transaction() as session:
            if setting is None:
                agent = _proven(session, login, password)
                stored = agent.password_hash
            else:
                agent = _active(session, login)
                stored = setting + "$"
            if stored is not None and needs_rehash(stored):
                # The only moment the desk holds the password: bring an older desk's hash up
                # to today's cost.
                self._store_password(session, agent, password)
            actor = actor_of(agent)
            audit.record(session, actor, audit.AuditAction.AGENT_SIGNED_IN, f"{login} signed in")
            return actor

    def prove(self, login: str, password: str) -> Actor:
        """A command's acting agent, proven by their password.

        Unlike a sign-in it writes nothing: the command's own change is what the audit log
        records under this agent, and a read-only command stays a read.
        """
        login = login.strip().lower()
        if self._database_sign_in(login, password) is not None:
            with self._db.sessions() as session:
                return actor_of(_active(session, login))
        with self._db.sessions() as session:
            agent = session.scalar(select(Agent).where(Agent.login == login))
            found = (
                None if agent is None else (actor_of(agent), agent.is_active, agent.password_hash)
            )
        # Checked with the connection given back: scrypt takes half a second, and a command's
        # connection may be cut meanwhile (a read that held it would have to start again).
        if found is None:
            raise _refused()
        actor, active, stored = found
        if not active or stored is None or not verify_password(password, stored):
            raise _refused()
        return actor

    def sign_out(self) -> None:
        """End the agent's database session (PostgreSQL); later changes are refused until the
        next sign-in."""
        agent_sessions.sign_out(self._db)

    def _database_sign_in(self, login: str, password: str) -> str | None:
        """On PostgreSQL: the database's check of the password (raises the sign-in refusal),
        giving the stored hash's setting; on SQLite None (the desk checks it itself)."""
        if not agent_sessions.uses_sessions(self._db):
            return None
        setting = agent_sessions.sign_in(self._db, login, password)
        if setting is None:
            raise _refused()
        return setting

    def _first_administrator_possible(self) -> None:
        """On PostgreSQL only the schema owner adds the first agent (no one is signed in to
        vouch for it); say so before the database refuses it in its own words."""
        if (
            agent_sessions.uses_sessions(self._db)
            and self._db.standing() is not ConnectionStanding.SCHEMA_OWNER
            and self.count() == 0
        ):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "on a shared database the schema owner adds the first administrator: run "
                    "`hezo-desk --database OWNER_URL agent add LOGIN --name NAME --role "
                    "administrator` as the role that ran `db upgrade`; the desks' role may not",
                )
            )

    def _store_password(self, session: Session, agent: Agent, password: str) -> None:
        if agent_sessions.uses_sessions(self._db):
            agent_sessions.store_password(session, agent.id, password)
        else:
            agent.password_hash = hash_password(password)

    def add(
        self,
        actor: Actor | None,
        *,
        login: str,
        display_name: str,
        role: Role,
        password: str | None = None,
    ) -> AgentRow:
        """Add an account. Without any agent yet, the first one needs no acting agent."""
        login = _valid_login(login)
        display_name = within_limit(InputField.DISPLAY_NAME, clean_line(display_name))
        if not display_name:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "display name is empty"))
        if password is not None:
            _check_password(password)
        if actor is None:
            self._first_administrator_possible()
        with self._db.transaction() as session:
            if actor is None:
                if session.scalar(select(func.count(Agent.id))):
                    raise UserError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "name the acting administrator (--agent) to add an agent"
                        )
                    )
            else:
                require_role(actor, [Role.ADMINISTRATOR], QT_TRANSLATE_NOOP("Errors", "add agents"))
            if session.scalar(select(Agent.id).where(Agent.login == login)) is not None:
                raise UserError(
                    QT_TRANSLATE_NOOP("Errors", "an agent with login “%1” already exists"), login
                )
            agent = Agent(
                login=login,
                display_name=display_name,
                role=role,
                password_hash=hash_password(password) if password is not None else None,
                is_active=True,
            )
            session.add(agent)
            session.flush()
            added = _row(agent, password is not None)
            audit.record(
                session,
                actor or actor_of(agent),
                audit.AuditAction.AGENT_ADDED,
                f"agent {login} ({role.value}) added",
                subject=("agent", agent.id),
                details={"login": login, "role": role.value},
            )
            return added

    def list_agents(self, *, include_inactive: bool = True) -> list[AgentRow]:
        query = select(Agent).order_by(Agent.login)
        if not include_inactive:
            query = query.where(Agent.is_active.is_(True))
        with self._db.sessions() as session:
            return [
                _row(agent, bool(can_sign_in))
                for agent, can_sign_in in session.execute(
                    query.add_columns(_has_password(self._db))
                )
            ]

    def set_role(self, actor: Actor, login: str, role: Role) -> AgentRow:
        return self._change(actor, login, f"role → {role.value}", role=role)

    def set_active(self, actor: Actor, login: str, *, active: bool) -> AgentRow:
        if not active and login.strip().lower() == actor.login:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "you cannot deactivate your own account"))
        return self._change(actor, login, "activated" if active else "deactivated", active=active)

    def reset_password(self, actor: Actor, login: str, password: str) -> AgentRow:
        _check_password(password)
        return self._change(actor, login, "password reset", password=password)

    def _change(
        self,
        actor: Actor,
        login: str,
        what: str,
        *,
        role: Role | None = None,
        active: bool | None = None,
        password: str | None = None,
    ) -> AgentRow:
        require_role(actor, [Role.ADMINISTRATOR], QT_TRANSLATE_NOOP("Errors", "manage agents"))
        with self._db.transaction() as session:
            agent = _by_login(session, login)
            if role is not None:
                if agent.id == actor.id and role is not Role.ADMINISTRATOR:
                    raise UserError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "you cannot take the administrator role from yourself"
                        )
                    )
                agent.role = role
            if active is not None:
                agent.is_active = active
            if password is not None:
                self._store_password(session, agent, password)
            audit.record(
                session,
                actor,
                audit.AuditAction.AGENT_CHANGED,
                f"agent {agent.login}: {what}",
                subject=("agent", agent.id),
                # What the log's readers word the entry from (hezo_desk/audit_words.py).
                details={
                    "change": what,
                    "login": agent.login,
                    **({"role": role.value} if role is not None else {}),
                    **({"active": active} if active is not None else {}),
                    **({"password_reset": True} if password is not None else {}),
                },
            )
            session.flush()
            can_sign_in = session.scalar(
                select(_has_password(self._db)).where(Agent.id == agent.id)
            )
            return _row(agent, bool(can_sign_in))


def _has_password(db: Database) -> Any:
    """Whether an agent has a password, in SQL the desk's role may run on either database."""
    if agent_sessions.uses_sessions(db):
        return func.hezo_agent_has_password(Agent.id)
    return Agent.password_hash.is_not(None)


def _active(session: Session, login: str) -> Agent:
    """The agent the database has just proven (still active: else no session)."""
    agent = session.scalar(select(Agent).where(Agent.login == login))
    if agent is None or not agent.is_active:
        raise _refused()
    return agent


def _proven(session: Session, login: str, password: str) -> Agent:
    agent = session.scalar(select(Agent).where(Agent.login == login.strip().lower()))
    if (
        agent is None
        or not agent.is_active
        or agent.password_hash is None
        or not verify_password(password, agent.password_hash)
    ):
        raise _refused()
    return agent


def _refused() -> SignInError:
    # One wording for every refusal: it never says whether the login or the password was wrong.
    return SignInError(
        QT_TRANSLATE_NOOP("Errors", "wrong login or password, or the account is deactivated")
    )


def _by_login(session: Session, login: str) -> Agent:
    agent = session.scalar(select(Agent).where(Agent.login == login.strip().lower()))
    if agent is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no agent with login “%1”"), login.strip())
    return agent


def _valid_login(login: str) -> str:
    login = within_limit(InputField.LOGIN, login.strip().lower())
    if not _LOGIN.match(login):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "login “%1” is not valid: 2 to 64 characters, lower-case letters, digits, '.', "
                "'_' or '-', starting with a letter or digit",
            ),
            login,
        )
    return login


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "a password needs at least %1 characters"),
            MIN_PASSWORD_LENGTH,
        )


def _row(agent: Agent, can_sign_in: bool) -> AgentRow:
    return AgentRow(
        id=agent.id,
        login=agent.login,
        display_name=agent.display_name,
        role=agent.role,
        is_active=agent.is_active,
        can_sign_in=can_sign_in,
        created_at=agent.created_at,
    )
