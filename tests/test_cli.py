"""The command line: every command, JSON output, exit codes, no tracebacks for user errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from hezo_desk.cli import main
from hezo_desk.db import Database, alembic_config

# Commands prove their acting agent (issue 12): the fixtures' agents' password is at hand.
pytestmark = pytest.mark.usefixtures("agent_password")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def add_agent_through_the_cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    login: str,
    password: str,
) -> None:
    """The first agent of an empty database: no one to prove, the password on standard input."""
    monkeypatch.setattr("sys.stdin", _Stdin(f"{password}\n"))
    code, _, err = run(
        capsys,
        "--database",
        url(db),
        "agent",
        "add",
        login,
        "--name",
        login.title(),
        "--new-password-stdin",
    )
    assert code == 0, err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("lookup", "serial", "register", "ticket", "db", "agent", "demo"):
        assert command in out


def test_python_dash_m_runs_the_same_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hezo_desk", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("hezo-desk ")


def test_without_a_command_the_entry_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from hezo_desk import app, entry

    opened: list[dict[str, object]] = []

    def run_desk(**arguments: object) -> int:
        opened.append(arguments)
        return 0

    monkeypatch.setattr(app, "run_desk", run_desk)
    monkeypatch.setenv("HEZO_DESK_DATABASE_URL", "sqlite+pysqlite:///from-environment.sqlite3")
    assert entry.main(["--demo"]) == 0
    assert entry.main(["--database", "sqlite+pysqlite:///given.sqlite3"]) == 0
    assert [(call["database_override"], call["demo"]) for call in opened] == [
        ("sqlite+pysqlite:///from-environment.sqlite3", True),
        ("sqlite+pysqlite:///given.sqlite3", False),
    ]


def test_the_commands_alone_open_no_window(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "name a command" in capsys.readouterr().err


def test_db_upgrade_creates_the_schema_and_reports_it(
    capsys: pytest.CaptureFixture[str], empty_url: str
) -> None:
    code, out, _ = run(capsys, "db", "upgrade", "--database", empty_url)
    assert code == 0
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert f"schema upgraded (empty) → {head}" in out
    code, out, _ = run(capsys, "db", "status", "--database", empty_url, "--json")
    assert json.loads(out)["state"] == "current"


def test_demo_then_lookup_json(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    code, out, err = run(
        capsys,
        "demo",
        "--customers",
        "12",
        "--tickets",
        "30",
        "--seed",
        "3",
        "--database",
        url(db),
        "--json",
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["customers"] == 12
    assert summary["tickets"] == 30
    code, out, _ = run(capsys, "--database", url(db), "lookup", "HD-000001", "--json")
    assert code == 0
    found = json.loads(out)
    assert set(found) >= {"customers", "contracts", "services", "tickets"}
    ticket = found["tickets"][0]
    assert ticket["number"] == "HD-000001"
    for name in ("subject", "state", "legacy_number", "reseller_access", "notation"):
        assert name in ticket
    customer = found["customers"][0]
    assert {"tax_id", "name"} <= set(customer)
    code, out, _ = run(capsys, "--database", url(db), "lookup", customer["tax_id"], "--json")
    assert json.loads(out)["customers"][0]["tax_id"] == customer["tax_id"]
    code, _, err = run(capsys, "--database", url(db), "demo")
    assert code == 2
    assert "empty database" in err


def test_agent_add_and_list(
    capsys: pytest.CaptureFixture[str], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin("bardzo-tajne\n"))
    code, out, err = run(
        capsys,
        "--database",
        url(db),
        "agent",
        "add",
        "admin",
        "--name",
        "Ala Admin",
        "--role",
        "administrator",
        "--new-password-stdin",
    )
    assert code == 0, err
    monkeypatch.setattr("sys.stdin", _Stdin("hasło-boba\n"))
    code, _, err = run(
        capsys,
        "--database",
        url(db),
        "agent",
        "add",
        "bob",
        "--name",
        "Bob",
        "--new-password-stdin",
    )
    assert code == 2
    assert "--agent" in err
    # The acting administrator proves who they are on the first line, the new password follows.
    monkeypatch.setattr("sys.stdin", _Stdin("bardzo-tajne\nhasło-boba\n"))
    code, _, err = run(
        capsys,
        "--database",
        url(db),
        "--agent",
        "admin",
        "--password-stdin",
        "agent",
        "add",
        "bob",
        "--name",
        "Bob",
        "--new-password-stdin",
    )
    assert code == 0, err
    code, out, _ = run(capsys, "--database", url(db), "agent", "list", "--json")
    agents = json.loads(out)["agents"]
    assert [(a["login"], a["role"], a["can_sign_in"]) for a in agents] == [
        ("admin", "administrator", True),
        ("bob", "agent", True),
    ]


def test_register_open_reply_note_set_show_through_the_cli(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    agent_password: str,
) -> None:
    from builders import build_world

    build_world(db)
    base = ["--database", url(db)]
    add_agent_through_the_cli(capsys, monkeypatch, db, "anna", agent_password)
    monkeypatch.setenv("HEZO_DESK_AGENT", "anna")
    code, out, err = run(
        capsys,
        *base,
        "register",
        "--tax-id",
        "526-025-02-74",
        "--contract",
        "UMS/2024/00001",
        "--serial",
        "(H)-FG1234567890",
        "--first-name",
        "Paweł",
        "--last-name",
        "Żółkiewski",
        "--email",
        "pawel@laka.pl",
    )
    assert code == 0, err
    assert "READ BACK TO THE CALLER: the contract holds (H1)-FG1234567890" in out
    code, out, err = run(
        capsys,
        *base,
        "register",
        "--tax-id",
        "526-025-02-75",
        "--contract",
        "UMS/2024/00001",
        "--serial",
        "FG1234567890",
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--email",
        "a@b.pl",
    )
    assert code == 2
    assert "tax id: checksum" in err
    assert "Traceback" not in err
    code, out, err = run(
        capsys,
        *base,
        "ticket",
        "open",
        "--contract",
        "UMS/2024/00001",
        "--serial",
        "(H2)-FG1234567890",
        "--subject",
        "Błąd „license invalid”",
        "--description",
        "Panel pokazuje <b>błąd</b> & nic więcej.",
        "--contact",
        "pawel@laka.pl",
        "--json",
    )
    assert code == 0, err
    opened = json.loads(out)
    assert opened["number"] == "HD-000001"
    assert opened["reseller_access"] is False
    body = tmp_path / "reply.txt"
    body.write_text("Dzień dobry,\nprosimy o log.\n", encoding="utf-8")
    assert run(capsys, *base, "ticket", "reply", "hd 1", "--body-file", str(body))[0] == 0
    assert run(capsys, *base, "ticket", "note", "HD-000001", "--body", "Tylko dla nas")[0] == 0
    code, out, err = run(
        capsys,
        *base,
        "ticket",
        "set",
        "HD-000001",
        "--state",
        "in_progress",
        "--priority",
        "high",
        "--assign",
        "anna",
        "--expected-version",
        "1",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["version"] == 2
    code, _, err = run(
        capsys, *base, "ticket", "set", "HD-000001", "--state", "closed", "--expected-version", "1"
    )
    assert code == 1
    assert "changed by someone else" in err
    code, out, _ = run(capsys, *base, "ticket", "show", "HD-000001", "--no-internal", "--json")
    shown = json.loads(out)
    assert [m["kind"] for m in shown["messages"]] == ["customer", "agent"]
    assert shown["messages"][1]["body"] == "Dzień dobry,\nprosimy o log."
    code, out, _ = run(capsys, *base, "ticket", "show", "HD-000001")
    assert "INTERNAL NOTE" in out
    assert "Panel pokazuje <b>błąd</b> & nic więcej." in out
    code, out, _ = run(capsys, *base, "serial", "fg1234567890", "--json")
    assert [s["notation"] for s in json.loads(out)["services"]] == [
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
    ]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["ticket", "reply", "HD-000404", "--body", "x", "--agent", "anna"], "no ticket"),
        (["ticket", "set", "HD-000001"], "nothing to change"),
        (["lookup", " "], "lookup is empty"),
        (
            [
                "ticket",
                "open",
                "--contract",
                "X",
                "--serial",
                "FG1234",
                "--subject",
                "s",
                "--description",
                "d",
            ],
            "--agent",
        ),
        (["serial", "FG-1"], "letters and digits"),
    ],
)
def test_user_errors_exit_2_with_the_reason_and_no_traceback(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    argv: list[str],
    fragment: str,
    agent_password: str,
) -> None:
    add_agent_through_the_cli(capsys, monkeypatch, db, "anna", agent_password)
    code, _, err = run(capsys, "--database", url(db), *argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["ticket", "set", "HD-1", "--state", "sleeping"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_an_unreachable_database_exits_1_with_a_plain_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--database", "postgresql://nobody@127.0.0.1:1/x", "lookup", "x")
    assert code == 1
    assert "cannot connect" in err
    assert "Traceback" not in err


def test_a_database_newer_than_the_app_exits_1(
    capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    code, _, err = run(capsys, "--database", url(db), "lookup", "x")
    assert code == 1
    assert "newer than this HEZO Desk" in err


class _Stdin:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False


def test_a_closed_pipe_ends_the_output_quietly(db: Database, tmp_path: Path) -> None:
    from builders import build_world

    build_world(db)
    reader, writer = os.pipe()
    os.close(reader)  # like `| head` that has read enough
    with os.fdopen(writer, "w") as closed:
        done = subprocess.run(
            [sys.executable, "-m", "hezo_desk", "--database", url(db), "lookup", "PL5260250274"],
            stdout=closed,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ, "HEZO_DESK_DATA_DIR": str(tmp_path)},
        )
    assert done.returncode == 141
    assert done.stderr == ""
