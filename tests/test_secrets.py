"""Secrets live only in the keyring; without one, nothing is stored anywhere."""

from __future__ import annotations

import keyring.backends.fail
import pytest

from hezo_desk.services.secrets import (
    SecretStore,
    SecretStoreUnavailableError,
    agent_key,
    database_key,
)
from keyrings import HeadlessKeyring, MemoryKeyring


def test_secrets_round_trip_through_the_keyring() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    key = agent_key("sqlite:///x", "anna")
    store.set(key, "zażółć-hasło")
    assert store.get(key) == "zażółć-hasło"
    assert backend.secrets == {("hezo-desk", key): "zażółć-hasło"}
    store.delete(key)
    store.delete(key)
    assert store.get(key) is None


@pytest.mark.parametrize("backend", [HeadlessKeyring(), keyring.backends.fail.Keyring()])
def test_without_a_usable_keyring_the_store_says_so_and_keeps_nothing(backend: object) -> None:
    store = SecretStore(backend)  # type: ignore[arg-type]
    status = store.status()
    assert not status.available
    assert "no system keyring" in status.reason
    with pytest.raises(SecretStoreUnavailableError):
        store.set("k", "secret")
    with pytest.raises(SecretStoreUnavailableError):
        store.get("k")
    store.delete("k")


def test_keys_name_their_database_and_login() -> None:
    assert agent_key("postgresql://db/hezo", "anna") == "agent:anna@postgresql://db/hezo"
    assert database_key("db.hezo.pl", 5432, "hezo", "desk") == "db:desk@db.hezo.pl:5432/hezo"
