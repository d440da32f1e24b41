"""What every command gets: its arguments, the database, the acting agent, the output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hezo_desk.cli.failures import retrying
from hezo_desk.cli.output import Output
from hezo_desk.config import AGENT_ENV, default_database_url
from hezo_desk.db import Database, parse_url
from hezo_desk.errors import UserError
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.resilience import never_connected

CLI_APPLICATION_NAME = "hezo-desk-cli"


@dataclass
class CommandContext:
    args: argparse.Namespace
    out: Output
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    _db: Database | None = None

    @property
    def database_url(self) -> str:
        url = getattr(self.args, "database", None)
        return url or default_database_url(self.environ)

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
                f"this command records who did it: name the acting agent with --agent LOGIN "
                f"or {AGENT_ENV} (see `hezo-desk agent list`)"
            )
        db = self.database()
        return retrying(lambda: AgentService(db).resolve(login))

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
        """What no message may show: the database password, if the URL has one."""
        try:
            password = parse_url(self.database_url).password
        except Exception:
            return ()
        return (str(password),) if password else ()

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
            self._db.dispose()


def read_text_argument(value: str | None, file: str | None, what: str) -> str:
    """Text from an option, a file (`-` is standard input), or standard input when piped."""
    if value is not None and file is not None:
        raise UserError(f"give the {what} either as text or as a file, not both")
    if value is not None:
        return value
    if file is not None:
        if file == "-":
            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise UserError(f"{file} is not UTF-8 text") from error
    if not sys.stdin.isatty():
        return sys.stdin.read()
    raise UserError(f"the {what} is missing: give it as text, with a file, or on standard input")
