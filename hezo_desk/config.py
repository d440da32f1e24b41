"""Where the database is. Settings of the windows live in QSettings (ui); secrets in the keyring."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

DATABASE_URL_ENV = "HEZO_DESK_DATABASE_URL"
DATA_DIR_ENV = "HEZO_DESK_DATA_DIR"
AGENT_ENV = "HEZO_DESK_AGENT"
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
