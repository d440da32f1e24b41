"""What every command gets: its arguments, the database, the acting agent, the output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hezo_desk.cli.output import Output
from hezo_desk.config import AGENT_ENV, default_database_url
from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService


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
        """The database, its schema checked; a local file is upgraded by itself."""
        if self._db is None:
            db = Database(self.database_url)
            try:
                db.ensure_ready(auto_upgrade=db.is_sqlite if upgrade is None else upgrade)
            except BaseException:
                db.dispose()
                raise
            self._db = db
        return self._db

    def actor(self) -> Actor:
        login = getattr(self.args, "agent", None) or self.environ.get(AGENT_ENV)
        if not login:
            raise UserError(
                f"this command records who did it: name the acting agent with --agent LOGIN "
                f"or {AGENT_ENV} (see `hezo-desk agent list`)"
            )
        return AgentService(self.database()).resolve(login)

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
