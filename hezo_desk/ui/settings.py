"""The user's settings (QSettings): connection, theme, language, remembered login. No secrets."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from hezo_desk.config import ConnectionSettings

THEMES = ("light", "dark")
LANGUAGES = ("pl", "en")


class DeskSettings:
    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    # ----- connection ----------------------------------------------------------------------

    def connection(self) -> ConnectionSettings:
        s = self.qsettings
        return ConnectionSettings(
            kind=str(s.value("connection/kind", "local")),
            local_path=str(s.value("connection/local_path", "")),
            host=str(s.value("connection/host", "localhost")),
            port=_int(s.value("connection/port", 5432), 5432),
            database=str(s.value("connection/database", "hezo")),
            user=str(s.value("connection/user", "")),
        )

    def set_connection(self, connection: ConnectionSettings) -> None:
        s = self.qsettings
        s.setValue("connection/kind", connection.kind)
        s.setValue("connection/local_path", connection.local_path)
        s.setValue("connection/host", connection.host)
        s.setValue("connection/port", connection.port)
        s.setValue("connection/database", connection.database)
        s.setValue("connection/user", connection.user)
        s.sync()

    # ----- appearance ----------------------------------------------------------------------

    @property
    def theme(self) -> str:
        value = str(self.qsettings.value("appearance/theme", "light"))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("appearance/theme", value if value in THEMES else "light")

    @property
    def language(self) -> str:
        value = str(self.qsettings.value("appearance/language", "pl"))
        return value if value in LANGUAGES else "pl"

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("appearance/language", value if value in LANGUAGES else "pl")

    # ----- sign-in -------------------------------------------------------------------------

    @property
    def last_login(self) -> str:
        return str(self.qsettings.value("sign_in/last_login", ""))

    @last_login.setter
    def last_login(self, value: str) -> None:
        self.qsettings.setValue("sign_in/last_login", value)

    @property
    def remember_me(self) -> bool:
        return _bool(self.qsettings.value("sign_in/remember_me", False))

    @remember_me.setter
    def remember_me(self, value: bool) -> None:
        self.qsettings.setValue("sign_in/remember_me", bool(value))

    # ----- window state --------------------------------------------------------------------

    def geometry(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"windows/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"windows/{name}", value)


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _bool(value: object) -> bool:
    return str(value).lower() in {"true", "1", "yes"}
