"""Agent accounts: adding, listing, signing in, roles and deactivation (administrators)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.errors import InputField, NotFoundError, UserError
from hezo_desk.models import Agent
from hezo_desk.services import audit
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
        """A desk's sign-in: the agent proves who they are, and the audit log says so."""
        with self._db.transaction() as session:
            agent = _proven(session, login, password)
            if agent.password_hash is not None and needs_rehash(agent.password_hash):
                # The only moment the desk holds the password: bring an older desk's hash up
                # to today's cost.
                agent.password_hash = hash_password(password)
            actor = actor_of(agent)
            audit.record(session, actor, audit.AuditAction.AGENT_SIGNED_IN, f"{login} signed in")
            return actor

    def prove(self, login: str, password: str) -> Actor:
        """A command's acting agent, proven by their password.

        Unlike a sign-in it writes nothing: the command's own change is what the audit log
        records under this agent, and a read-only command stays a read.
        """
        with self._db.sessions() as session:
            agent = session.scalar(select(Agent).where(Agent.login == login.strip().lower()))
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
            audit.record(
                session,
                actor or actor_of(agent),
                audit.AuditAction.AGENT_ADDED,
                f"agent {login} ({role.value}) added",
                subject=("agent", agent.id),
                details={"login": login, "role": role.value},
            )
            return _row(agent)

    def list_agents(self, *, include_inactive: bool = True) -> list[AgentRow]:
        query = select(Agent).order_by(Agent.login)
        if not include_inactive:
            query = query.where(Agent.is_active.is_(True))
        with self._db.sessions() as session:
            return [_row(agent) for agent in session.scalars(query)]

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
                agent.password_hash = hash_password(password)
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
            return _row(agent)


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


def _row(agent: Agent) -> AgentRow:
    return AgentRow(
        id=agent.id,
        login=agent.login,
        display_name=agent.display_name,
        role=agent.role,
        is_active=agent.is_active,
        can_sign_in=agent.password_hash is not None,
        created_at=agent.created_at,
    )
