"""The user's settings: the one holder of the QSettings store and of every key in it.

Connection, theme, language, remembered login, window geometry, the header of every list and
the last folders used. No secrets (the keyring holds those). Every key is spelled here only,
so a reader finds what the desk remembers in one place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from hezo_desk.config import ConnectionSettings

THEMES = ("light", "dark")
LANGUAGES = ("pl", "en")
# Bump when a list's columns or their defaults change: an old saved header would put widths on
# wrong columns (2: the ticket list hides some columns by default, to fit 1280 px).
HEADER_VERSION = 2


class DeskSettings:
    """Typed access to the user's settings; `store` is the QSettings the app created."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    def sync(self) -> None:
        """Write pending changes to disk now (Qt also does on its own, later)."""
        self._store.sync()

    # ----- connection ----------------------------------------------------------------------

    def connection(self) -> ConnectionSettings:
        s = self._store
        return ConnectionSettings(
            kind=str(s.value("connection/kind", "local")),
            local_path=str(s.value("connection/local_path", "")),
            host=str(s.value("connection/host", "localhost")),
            port=_int(s.value("connection/port", 5432), 5432),
            database=str(s.value("connection/database", "hezo")),
            user=str(s.value("connection/user", "")),
        )

    def set_connection(self, connection: ConnectionSettings) -> None:
        s = self._store
        s.setValue("connection/kind", connection.kind)
        s.setValue("connection/local_path", connection.local_path)
        s.setValue("connection/host", connection.host)
        s.setValue("connection/port", connection.port)
        s.setValue("connection/database", connection.database)
        s.setValue("connection/user", connection.user)
        self.sync()

    # ----- appearance ----------------------------------------------------------------------

    @property
    def theme(self) -> str:
        value = str(self._store.value("appearance/theme", "light"))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("appearance/theme", value if value in THEMES else "light")

    @property
    def language(self) -> str:
        value = str(self._store.value("appearance/language", "pl"))
        return value if value in LANGUAGES else "pl"

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("appearance/language", value if value in LANGUAGES else "pl")

    # ----- sign-in -------------------------------------------------------------------------

    @property
    def last_login(self) -> str:
        return str(self._store.value("sign_in/last_login", ""))

    @last_login.setter
    def last_login(self, value: str) -> None:
        self._store.setValue("sign_in/last_login", value)

    @property
    def remember_me(self) -> bool:
        return _bool(self._store.value("sign_in/remember_me", False))

    @remember_me.setter
    def remember_me(self, value: bool) -> None:
        self._store.setValue("sign_in/remember_me", bool(value))

    # ----- windows and lists -------------------------------------------------------------

    @property
    def main_window_geometry(self) -> QByteArray | None:
        value = self._store.value("windows/main")
        return value if isinstance(value, QByteArray) else None

    @main_window_geometry.setter
    def main_window_geometry(self, value: QByteArray) -> None:
        self._store.setValue("windows/main", value)

    def header_state(self, list_name: str) -> QByteArray | None:
        """The saved widths, order and sort of one list's header (`screen/table`), if any."""
        value = self._store.value(_header_key(list_name))
        if not isinstance(value, QByteArray | bytes) or not value:
            return None
        return QByteArray(value)

    def set_header_state(self, list_name: str, state: QByteArray) -> None:
        self._store.setValue(_header_key(list_name), state)

    # ----- folders -------------------------------------------------------------------------

    @property
    def last_pdf_folder(self) -> str:
        """Where PDFs were last exported to (the home folder at first)."""
        return str(self._store.value("pdf/last_folder", str(Path.home())))

    @last_pdf_folder.setter
    def last_pdf_folder(self, value: str) -> None:
        self._store.setValue("pdf/last_folder", value)

    @property
    def last_legacy_export(self) -> str:
        """The legacy export (folder or zip) last imported from; empty at first."""
        return str(self._store.value("import/last_export", ""))

    @last_legacy_export.setter
    def last_legacy_export(self, value: str) -> None:
        self._store.setValue("import/last_export", value)


def _header_key(list_name: str) -> str:
    return f"tables/{list_name}/header.v{HEADER_VERSION}"


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _bool(value: object) -> bool:
    return str(value).lower() in {"true", "1", "yes"}
