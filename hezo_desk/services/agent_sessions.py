"""An agent's session on a PostgreSQL database: the database itself checks who is acting.

Revision 0017 gives the desks' role no right to read password hashes. To sign in, a desk asks
the database for the agent's hash setting (scheme, cost, salt: `hezo_password_setting`),
derives the key from the typed password, and hands it to `hezo_sign_in`, which compares it
with the stored key and returns a session token. The `Database` then sets the token in every
transaction; the database refuses changes without a valid one, keeps each desk role's rights
and records the session's agent on every audit entry. On SQLite (one user's file) there is no
session: the desk checks the password itself.
"""

from __future__ import annotations

from contextlib import suppress

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as _Session

from hezo_desk.db import AGENT_SESSION_SETTING, Database
from hezo_desk.errors import HezoError
from hezo_desk.services.passwords import hash_password, proof_of


def uses_sessions(db: Database) -> bool:
    return not db.is_sqlite


def sign_in(db: Database, login: str, password: str) -> str | None:
    """Start a database session for `login` proven by `password`: the stored hash's setting
    (scheme, cost, salt), or None when refused (wrong password, unknown or deactivated agent:
    the database does not say which)."""
    with db.sessions() as session:
        setting = session.execute(
            text("SELECT hezo_password_setting(:login)"), {"login": login}
        ).scalar_one()
    # Derived with the connection given back: scrypt takes half a second.
    proof = proof_of(password, str(setting))
    if proof is None:
        return None
    with db.sessions.begin() as session:
        token = session.execute(
            text("SELECT hezo_sign_in(:login, :proof)"), {"login": login, "proof": proof}
        ).scalar_one()
    if token is None:
        return None
    db.use_agent_session(str(token))
    return str(setting)


def sign_out(db: Database) -> None:
    """End this desk's database session (nothing to do without one)."""
    token = db.agent_session
    if token is None:
        return
    db.use_agent_session(None)
    end_session(db, token)


def end_session(db: Database, token: str) -> None:
    """End the database session `token` names; `db` may already act for nobody (a desk that
    signed out hands this to a background thread)."""
    with db.sessions.begin() as session:
        session.execute(
            text("SELECT set_config(:setting, :token, true)"),
            {"setting": AGENT_SESSION_SETTING, "token": token},
        )
        session.execute(text("SELECT hezo_sign_out()"))


def end_session_quietly(db: Database, token: str) -> None:
    """`end_session` for a desk that cannot wait for the answer: a server out of reach ends the
    session by itself when it expires (16 hours)."""
    with suppress(HezoError, SQLAlchemyError):
        end_session(db, token)


def store_password(session: _Session, agent_id: int, password: str) -> None:
    """Set an agent's password hash through the database's own check (an administrator, or
    the agent themselves)."""
    session.execute(
        text("SELECT hezo_set_password_hash(:agent, :hash)"),
        {"agent": agent_id, "hash": hash_password(password)},
    )
