"""What every command gets: its arguments, the database, the acting agent, the output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.failures import retrying
from hezo_desk.cli.output import Output, neutralised
from hezo_desk.config import AGENT_ENV, AGENT_PASSWORD_ENV, DATABASE_URL_ENV, default_database_url
from hezo_desk.db import Database, parse_url
from hezo_desk.errors import Coded, HezoError, UserError
from hezo_desk.services import agent_sessions
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.resilience import never_connected
from hezo_desk.services.secrets import SecretStore, SecretStoreUnavailableError, agent_key

CLI_APPLICATION_NAME = "hezo-desk-cli"


class WindowOpener(Protocol):
    """Opens the desk's window (hezo_desk.entry passes it in) and returns when it closes.

    `pending_calls`: calls the desk takes as soon as its agent has signed in.
    """

    def __call__(
        self,
        args: argparse.Namespace,
        environ: Mapping[str, str],
        /,
        pending_calls: Sequence[CallEvent] = (),
    ) -> int: ...


@dataclass
class CommandContext:
    args: argparse.Namespace
    out: Output
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    # Where the desk keeps a remembered password ("remember me"); a command finds it there.
    secret_store: Callable[[], SecretStore] = SecretStore
    # None when the commands run without the window (tests, `python -m hezo_desk.cli`).
    open_window: WindowOpener | None = None
    _db: Database | None = None
    _agent_password: str | None = None
    _password_from_stdin: str | None = None

    def take_password_from_stdin(self) -> None:
        """--password-stdin: the first line of standard input, read before the command's text."""
        if not getattr(self.args, "password_stdin", False):
            return
        line = sys.stdin.readline()
        if not line.strip("\r\n"):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "--password-stdin: the first line of standard input is empty"
                )
            )
        self._password_from_stdin = line.removesuffix("\n").removesuffix("\r")

    @property
    def database_url(self) -> str:
        url = getattr(self.args, "database", None)
        return url or default_database_url(self.environ)

    @property
    def database_override(self) -> str | None:
        """The database named for this run (--database, else the environment), as the window
        is told it; None: the window opens the one its settings name."""
        return getattr(self.args, "database", None) or self.environ.get(DATABASE_URL_ENV)

    def database(self, *, upgrade: bool | None = None) -> Database:
        """The database, its schema checked; a local file is upgraded by itself.

        A database that cannot be reached at all fails at once: a wrong URL or a stopped server
        is not worth half a minute of waiting. A fault once it was reached (a dropped
        connection, a locked file) is retried: checking is a read.
        """
        if self._db is None:
            self._db = retrying(
                lambda: self._open(upgrade), lambda error: not never_connected(error)
            )
        return self._db

    def actor(self) -> Actor:
        login = getattr(self.args, "agent", None) or self.environ.get(AGENT_ENV)
        if not login:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "this command records who did it: name the acting agent with --agent LOGIN "
                    "or %1 (see `hezo-desk agent list`)",
                ),
                AGENT_ENV,
            )
        db = self.database()
        password = self._password_of(login, db)
        self._agent_password = password
        return retrying(lambda: AgentService(db).prove(login, password))

    def _password_of(self, login: str, db: Database) -> str:
        """The acting agent's password: a claimed login proves nothing.

        In this order: the first line of standard input (--password-stdin), the environment
        (for scripts, as PGPASSWORD is for psql), the keyring entry the desk saved when the
        agent chose "remember me" on this database, a prompt on a terminal.
        """
        if self._password_from_stdin is not None:
            return self._password_from_stdin
        from_environment = self.environ.get(AGENT_PASSWORD_ENV)
        if from_environment:
            return from_environment
        remembered = self._remembered_password(login, db)
        if remembered:
            return remembered
        if sys.stdin.isatty() and sys.stderr.isatty():
            prompt = self.out.words(QT_TRANSLATE_NOOP("Cli", "password of %1: "), login)
            return getpass.getpass(neutralised(prompt), stream=sys.stderr)
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "this command acts as %1 and needs their password: give it with --password-stdin "
                "or %2, let the desk remember it (sign in with “remember me”), or run the command "
                "on a terminal to be asked",
            ),
            login,
            AGENT_PASSWORD_ENV,
        )

    def _remembered_password(self, login: str, db: Database) -> str | None:
        try:
            return self.secret_store().get(agent_key(db.display_url, login.strip().lower()))
        except SecretStoreUnavailableError:
            return None

    def password_on_command_line(self) -> bool:
        """Whether --database carries a password (which `ps` shows every user)."""
        url = getattr(self.args, "database", None)
        if not url:
            return False
        try:
            return bool(parse_url(url).password)
        except UserError:
            return False  # not a URL at all: opening it says so

    def secrets(self) -> tuple[str, ...]:
        """What no message may show: the database password and the acting agent's."""
        found = [self._agent_password] if self._agent_password else []
        try:
            password = parse_url(self.database_url).password
        except Exception:
            return tuple(found)
        return (*found, str(password)) if password else tuple(found)

    def _open(self, upgrade: bool | None) -> Database:
        # Its own application name: an administrator can tell command-line sessions apart.
        db = Database(self.database_url, application_name=CLI_APPLICATION_NAME)
        try:
            db.ensure_ready(auto_upgrade=db.is_sqlite if upgrade is None else upgrade)
        except BaseException:
            db.dispose()
            raise
        return db

    def close(self) -> None:
        if self._db is not None:
            try:
                if self._db.agent_session is not None:
                    # The command's database session ends with the command.
                    with suppress(HezoError, SQLAlchemyError):
                        agent_sessions.sign_out(self._db)
            finally:
                self._db.dispose()


def read_text_argument(value: str | None, file: str | None, what: str) -> str:
    """`what` is told by code (`QT_TRANSLATE_NOOP("Errors", "the reply")`).

    Text from an option, a file (`-` is standard input), or standard input when piped."""
    if value is not None and file is not None:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "give %1 either as text or as a file, not both"),
            Coded(what),
        )
    if value is not None:
        return value
    if file is not None:
        if file == "-":
            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "cannot read %1: %2"), file, error.strerror
            ) from error
        except UnicodeDecodeError as error:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "%1 is not UTF-8 text"), file) from error
    if not sys.stdin.isatty():
        return sys.stdin.read()
    raise UserError(
        QT_TRANSLATE_NOOP(
            "Errors", "%1 is missing: give it as text, with a file, or on standard input"
        ),
        Coded(what),
    )
