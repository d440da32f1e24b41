"""Secrets (agent and database passwords) go through this one door, into the system keyring.

There is no plaintext fallback: on a machine without a usable keyring backend (a headless
Linux box has only keyring's `fail` backend; the `null` backend would silently drop secrets)
the store says it is unavailable and why, and the desk asks for passwords when it needs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP

SERVICE_NAME = "hezo-desk"
# Backends that exist but cannot keep a secret.
_UNUSABLE_BACKENDS = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})


class SecretStoreUnavailableError(Exception):
    """No usable keyring: the caller asks the user instead and stores nothing."""


@dataclass(frozen=True)
class SecretStoreStatus:
    available: bool
    backend: str
    reason: str


def agent_key(database: str, login: str) -> str:
    """The keyring entry of an agent's password for one database ('remember me')."""
    return f"agent:{login}@{database}"


def database_key(host: str, port: int, database: str, user: str) -> str:
    """The keyring entry of a shared database's password."""
    return f"db:{user}@{host}:{port}/{database}"


class SecretStore:
    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()

    def status(self) -> SecretStoreStatus:
        name = f"{type(self._backend).__module__}.{type(self._backend).__qualname__}"
        if name in _UNUSABLE_BACKENDS or getattr(self._backend, "priority", 1) <= 0:
            return SecretStoreStatus(
                False,
                name,
                "no system keyring is available (on Linux: a Secret Service such as GNOME "
                "Keyring or KWallet); passwords are not remembered and are asked for instead",
            )
        return SecretStoreStatus(True, name, f"passwords are kept in {name}")

    @property
    def available(self) -> bool:
        return self.status().available

    def get(self, key: str) -> str | None:
        self._require()
        try:
            return self._backend.get_password(SERVICE_NAME, key)
        except KeyringError as error:
            raise SecretStoreUnavailableError(
                QT_TRANSLATE_NOOP("Errors", "the keyring refused to read: %1"), error
            ) from error

    def set(self, key: str, secret: str) -> None:
        self._require()
        try:
            self._backend.set_password(SERVICE_NAME, key, secret)
        except KeyringError as error:
            raise SecretStoreUnavailableError(
                QT_TRANSLATE_NOOP("Errors", "the keyring refused to store: %1"), error
            ) from error

    def delete(self, key: str) -> None:
        if not self.available:
            return
        try:
            self._backend.delete_password(SERVICE_NAME, key)
        except PasswordDeleteError:
            return  # nothing stored: nothing to forget
        except KeyringError as error:
            raise SecretStoreUnavailableError(
                QT_TRANSLATE_NOOP("Errors", "the keyring refused to delete: %1"), error
            ) from error

    def _require(self) -> None:
        status = self.status()
        if not status.available:
            raise SecretStoreUnavailableError(status.reason)
