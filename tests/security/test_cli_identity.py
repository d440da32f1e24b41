"""The command line's acting agent proves who they are (issue 12): `--agent` alone is a claim.

The attack of the issue: `hezo-desk --agent admin agent set anna.nowak --role administrator`
by anyone who can reach the database. Each way of giving the password is tried, and each
refusal leaves the database as it was.
"""

from __future__ import annotations

import json

import pytest

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli import main
from hezo_desk.cli.failures import error_report
from hezo_desk.config import AGENT_PASSWORD_ENV
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.errors import UserError
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService, SignInError
from hezo_desk.services.secrets import SecretStore, agent_key
from keyrings import HeadlessKeyring, MemoryKeyring

PROMOTE = ("agent", "set", "anna.nowak", "--role", "administrator")


class _Stdin:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False


def run(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    *argv: str,
    keyring: SecretStore | None = None,
) -> tuple[int, str, str]:
    store = keyring if keyring is not None else SecretStore(HeadlessKeyring())
    url = db.url.render_as_string(hide_password=False)
    code = main(["--database", url, *argv], secret_store=lambda: store)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def role_of(db: Database, login: str) -> Role:
    rows = {row.login: row.role for row in AgentService(db).list_agents()}
    return rows[login]


@pytest.fixture
def no_password_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AGENT_PASSWORD_ENV, raising=False)
    monkeypatch.setattr("sys.stdin", _Stdin(""))


@pytest.mark.usefixtures("no_password_in_environment")
def test_a_claimed_agent_without_a_password_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, agent: Actor
) -> None:
    code, out, err = run(capsys, db, "--agent", "admin", *PROMOTE)
    assert code == 2
    assert out == ""
    assert AGENT_PASSWORD_ENV in err
    assert "--password-stdin" in err
    assert role_of(db, agent.login) is Role.AGENT


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    agent: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(AGENT_PASSWORD_ENV, "zgadnij-hasło")
    code, _, err = run(capsys, db, "--agent", "admin", *PROMOTE)
    assert code == 2
    assert "wrong login or password" in err
    assert "zgadnij-hasło" not in err
    assert role_of(db, agent.login) is Role.AGENT


def test_the_password_from_the_environment_proves_the_agent(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    agent: Actor,
    agent_password: str,
) -> None:
    code, out, err = run(capsys, db, "--agent", "admin", *PROMOTE, "--json")
    assert code == 0, err
    assert json.loads(out)["role"] == "administrator"
    assert role_of(db, agent.login) is Role.ADMINISTRATOR


@pytest.mark.usefixtures("no_password_in_environment")
def test_password_stdin_takes_the_first_line_and_leaves_the_rest_to_the_command(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    agent_password: str,
) -> None:
    monkeypatch.delenv(AGENT_PASSWORD_ENV, raising=False)
    monkeypatch.setattr("sys.stdin", _Stdin(f"{agent_password}\nnowe-hasło-1\n"))
    code, _, err = run(
        capsys,
        db,
        "--agent",
        "admin",
        "--password-stdin",
        *("agent", "add", "jan", "--name", "Jan", "--new-password-stdin"),
    )
    assert code == 0, err
    assert AgentService(db).prove("jan", "nowe-hasło-1").login == "jan"


@pytest.mark.usefixtures("no_password_in_environment")
def test_an_empty_password_line_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], db: Database, admin: Actor, agent: Actor
) -> None:
    code, _, err = run(capsys, db, "--agent", "admin", "--password-stdin", *PROMOTE)
    assert code == 2
    assert "--password-stdin" in err
    assert role_of(db, agent.login) is Role.AGENT


@pytest.mark.usefixtures("no_password_in_environment")
def test_the_password_the_desk_remembered_proves_the_agent(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    agent: Actor,
    agent_password: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(AGENT_PASSWORD_ENV, raising=False)
    store = SecretStore(MemoryKeyring())
    # The key the desk's sign-in writes for "remember me" on this database.
    store.set(agent_key(db.display_url, "admin"), agent_password)
    code, _, err = run(capsys, db, "--agent", "Admin", *PROMOTE, keyring=store)
    assert code == 0, err
    assert role_of(db, agent.login) is Role.ADMINISTRATOR


def test_a_deactivated_agent_cannot_act_with_the_right_password(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    admin: Actor,
    agent: Actor,
    agent_password: str,
) -> None:
    AgentService(db).set_active(admin, agent.login, active=False)
    code, _, err = run(
        capsys, db, "--agent", agent.login, "agent", "set", "admin", "--role", "agent"
    )
    assert code == 2
    assert "wrong login or password, or the account is deactivated" in err
    assert role_of(db, "admin") is Role.ADMINISTRATOR


def test_a_wrong_password_that_is_a_word_of_the_refusal_does_not_garble_it() -> None:
    refused = SignInError(
        QT_TRANSLATE_NOOP("Errors", "wrong login or password, or the account is deactivated")
    )
    assert "wrong login" in error_report(refused, debug=False, secrets=("wrong",))
    leaked = UserError(QT_TRANSLATE_NOOP("Errors", "no agent with login “%1”"), "s3cret-pass")
    assert "s3cret-pass" not in error_report(leaked, debug=False, secrets=("s3cret-pass",))
