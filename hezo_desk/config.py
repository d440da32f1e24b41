"""Where the database is. Settings of the windows live in QSettings (ui); secrets in the keyring."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL

DATABASE_URL_ENV = "HEZO_DESK_DATABASE_URL"
DATA_DIR_ENV = "HEZO_DESK_DATA_DIR"
AGENT_ENV = "HEZO_DESK_AGENT"
# For scripts, as PGPASSWORD is for psql: the acting agent's password.
AGENT_PASSWORD_ENV = "HEZO_DESK_PASSWORD"
APP_NAME = "hezo-desk"
APP_AUTHOR = "HEZO"
LOCAL_DATABASE_FILE = "hezo-desk.sqlite3"


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's data directory for HEZO Desk (overridable for portable installs and tests)."""
    environ = os.environ if environ is None else environ
    override = environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def local_database_path(environ: Mapping[str, str] | None = None) -> Path:
    return data_dir(environ) / LOCAL_DATABASE_FILE


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def default_database_url(environ: Mapping[str, str] | None = None) -> str:
    """The embedded default: a local SQLite file, unless the environment names another database."""
    environ = os.environ if environ is None else environ
    configured = environ.get(DATABASE_URL_ENV)
    if configured:
        return configured
    return sqlite_url(local_database_path(environ))


@dataclass(frozen=True)
class ConnectionSettings:
    """Where the desk connects: a local file, or a shared PostgreSQL server.

    The password of a shared server is never part of these settings: it lives in the keyring
    (or is asked for) and is only joined in by `url(password)`.
    """

    kind: str = "local"  # "local" or "postgresql"
    local_path: str = ""
    host: str = "localhost"
    port: int = 5432
    database: str = "hezo"
    user: str = ""

    @property
    def is_local(self) -> bool:
        return self.kind != "postgresql"

    def url(self, password: str | None = None, environ: Mapping[str, str] | None = None) -> str:
        if self.is_local:
            path = Path(self.local_path).expanduser() if self.local_path else None
            return sqlite_url(path or local_database_path(environ))
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
        ).render_as_string(hide_password=False)

    def describe(self, environ: Mapping[str, str] | None = None) -> str:
        if self.is_local:
            return str(
                Path(self.local_path).expanduser()
                if self.local_path
                else local_database_path(environ)
            )
        return f"{self.user or '?'}@{self.host}:{self.port}/{self.database}"
