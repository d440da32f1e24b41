"""Probes: what the command line prints holds no SQL, parameter or secret without --debug, no
live terminal control sequence, and bytes that are not UTF-8 are wrong input (exit 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from builders import World, build_world
from hezo_desk.cli import main
from hezo_desk.cli.failures import error_report
from hezo_desk.cli.output import Output, neutralised
from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.models import Agent, Service
from hezo_desk.services import agents as agents_service
from hezo_desk.services.actor import Actor
from hezo_desk.services.demo.loader import DEMO_PASSWORD
from hezo_desk.services.passwords import hash_password
from hezo_desk.services.tickets import NewTicket, TicketService

# A subject and body a hostile caller could dictate or a legacy export could hold: a colour
# change, a clear-screen, a window-title rewrite (OSC), a one-byte CSI, a right-to-left override.
HOSTILE = "VPN \x1b[31mczerwony\x1b[0m \x1b[2J\x1b]0;pwned\x07 \x9b6n \u202eten txet"
LIVE = ("\x1b", "\x07", "\x9b", "\u202e")


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _hostile_ticket(db: Database, world: World, agent: Actor) -> str:
    with db.sessions() as session:
        service_id = session.query(Service.id).filter_by(contract_id=world.contract_id).first()
    assert service_id is not None
    ticket = TicketService(db).open(
        agent,
        NewTicket(world.contract_id, service_id[0], HOSTILE, f"Linia 1\n\t{HOSTILE}\nLinia 3"),
    )
    return ticket.number


def test_control_characters_are_shown_not_obeyed() -> None:
    shown = neutralised("a\x1b[2Jb\u202ec\r\nd\te")
    assert shown == "a\\x1b[2Jb\\u202ec\\x0d\nd\te"
    assert neutralised("a\nb\tc", lines=False) == "a\\x0ab\\x09c"
    assert neutralised("Zażółć gęślą jaźń — ok") == "Zażółć gęślą jaźń — ok"


def test_ticket_show_prints_hostile_text_inert(
    db: Database, world: World, agent: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    number = _hostile_ticket(db, world, agent)
    assert main(["ticket", "show", number, "--database", _url(db)]) == 0
    out = capsys.readouterr().out
    assert not any(char in out for char in LIVE)
    assert "\\x1b[31mczerwony" in out, "the text is still there, visibly"
    assert "    Linia 1\n    \t" in out, "a body's lines and tabs are kept"
    assert main(["ticket", "show", number, "--json", "--database", _url(db)]) == 0
    out = capsys.readouterr().out
    assert not any(char in out for char in LIVE)
    assert json.loads(out)["ticket"]["subject"] == HOSTILE, "JSON escapes, the value is whole"


def test_a_table_cell_is_one_inert_line(capsys: pytest.CaptureFixture[str]) -> None:
    Output(as_json=False).table(["name"], [["Firma\x1b]8;;http://evil\x07\nSA"]])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "Firma\\x1b]8;;http://evil\\x07 SA" in out


def test_a_database_refusal_never_prints_the_new_agents_hash(pg_demo_db: Database) -> None:
    """The issue's case: the server refuses an INSERT whose parameters hold a scrypt hash
    (SQLite stores any length: the door, test_security_limits, is its guard)."""
    db = pg_demo_db
    secret_hash = hash_password("correct horse battery")
    with pytest.raises(DBAPIError) as refused, db.transaction() as session:
        session.add(
            Agent(login="nowy", display_name="N" * 300, role=Role.AGENT, password_hash=secret_hash)
        )
    report = error_report(refused.value, debug=False)
    assert secret_hash not in report
    assert "scrypt$" not in report
    assert "INSERT" not in report
    assert "parameters" not in report.lower()
    assert report.startswith("hezo-desk: the database refused the operation: ")
    assert "(22001)" in report
    assert "scrypt$" in error_report(refused.value, debug=True), "--debug shows everything"


def test_a_refused_value_is_not_quoted_back(pg_demo_db: Database) -> None:
    with pytest.raises(DBAPIError) as refused, pg_demo_db.sessions() as session:
        session.execute(text("SELECT CAST(:value AS integer)"), {"value": "tajne-hasło-123"})
    report = error_report(refused.value, debug=False)
    assert "tajne" not in report
    assert report == (
        "hezo-desk: the database refused the operation: InvalidTextRepresentation (22P02) "
        "(run with --debug for details)\n"
    )


def test_past_the_door_the_command_line_still_hides_the_hash(
    pg_demo_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`agent add` with an over-long display name, the length check taken away: whatever the
    database says, stderr holds neither the statement nor the hash."""
    db = pg_demo_db
    monkeypatch.setattr(agents_service, "within_limit", lambda field, value: value)
    # The demo administrator proves who they are; the new agent's password follows.
    monkeypatch.setattr("sys.stdin", _Stdin(f"{DEMO_PASSWORD}\ncorrect horse battery\n"))
    code = main(
        [
            "agent", "add", "nowy", "--name", "N" * 300, "--new-password-stdin",
            "--database", _url(db), "--agent", "admin", "--password-stdin",
        ]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "scrypt" not in err
    assert "INSERT" not in err
    assert "NNNN" not in err
    assert err.startswith("hezo-desk: the database refused the operation:")


class _Stdin:
    def __init__(self, content: str) -> None:
        self._content = content

    def read(self) -> str:
        content, self._content = self._content, ""
        return content

    def readline(self) -> str:
        line, newline, self._content = self._content.partition("\n")
        return line + newline

    def isatty(self) -> bool:
        return False


def test_an_argument_that_is_not_utf8_is_wrong_input(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    not_utf8 = os.fsdecode(b"Drukarnia \xb3\xb1ka")  # Latin-2 bytes, as a terminal may send
    assert main(["lookup", not_utf8, "--database", _url(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hezo-desk: error: “query” is not UTF-8 text")
    assert "unexpected" not in err


def test_a_database_url_that_is_not_utf8_is_wrong_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEZO_DESK_DATABASE_URL", os.fsdecode(b"sqlite:///\xff.sqlite3"))
    assert main(["agent", "list"]) == 2
    assert "HEZO_DESK_DATABASE_URL is not UTF-8 text" in capsys.readouterr().err


def test_a_file_named_in_another_encoding_is_attached_with_a_readable_name(
    db: Database,
    world: World,
    agent: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    number = _hostile_ticket(db, world, agent)
    path = tmp_path / os.fsdecode(b"log-\xb3\xb1ka.txt")
    path.write_bytes(b"dane")
    argv = ["ticket", "attach", number, str(path), "--database", _url(db)]
    assert main([*argv, "--agent", agent.login]) == 0
    assert "attached log-\ufffd\ufffdka.txt (4 bytes)" in capsys.readouterr().out
