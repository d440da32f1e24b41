"""The command line under database faults: it retries writes as the desk does (a client key per
message, the version for a change), and when it gives up it says so in plain words: no SQL,
no parameters (those only with --debug), never a password."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from psycopg import errors as pg_errors
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from hezo_desk.cli import failures, main, ticket_commands
from hezo_desk.db import Database
from hezo_desk.enums import TicketState
from hezo_desk.models import Message, Ticket
from hezo_desk.services.tickets import TicketService
from support import cli_faults

# Commands prove their acting agent (issue 12): the demo agents' password is at hand.
pytestmark = pytest.mark.usefixtures("demo_agent_password")

INSERT = "INSERT INTO messages (body, client_key) VALUES (%(body)s, %(client_key)s)"
SQL_WORDS = cli_faults.NOT_FOR_PEOPLE
# The short form of the 40 replies under kills; benchmarks can run the long one.
REPLIES_UNDER_KILLS = 12


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _open_ticket_number(db: Database) -> str:
    with db.sessions() as session:
        number = session.scalar(
            select(Ticket.number).where(Ticket.state == TicketState.NEW).order_by(Ticket.id)
        )
    assert number is not None
    return number


def _messages_with(db: Database, body: str) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count(Message.id)).where(Message.body == body)) or 0)


def _lost(statement: str = INSERT) -> OperationalError:
    return OperationalError(
        statement,
        {"body": "tajna treść", "client_key": "k"},
        pg_errors.AdminShutdown("zakończenie połączenia na polecenie administratora"),
    )


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(failures, "CLI_RETRY_DELAYS_S", (0.0, 0.0, 0.0))


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _failing_after(
    real: Callable[..., Any], failures_left: list[int], *, before: bool
) -> Callable[..., Any]:
    """`real`, raising a lost connection the first len(failures_left) times: before the call
    (nothing written) or after it (written, but the answer never came)."""
    keys: list[object] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        keys.append(kwargs.get("client_key", kwargs.get("expected_version")))
        if failures_left and before:
            failures_left.pop()
            raise _lost()
        result = real(*args, **kwargs)
        if failures_left:
            failures_left.pop()
            raise _lost()
        return result

    wrapper.keys = keys  # type: ignore[attr-defined]
    return wrapper


def test_a_reply_whose_answer_was_lost_is_retried_with_its_key_and_lands_once(
    capsys: pytest.CaptureFixture[str],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    quick_retries: None,
) -> None:
    number = _open_ticket_number(demo_db)
    reply = _failing_after(TicketService.reply, [1, 1], before=False)
    monkeypatch.setattr(TicketService, "reply", reply)
    base = ["--database", _url(demo_db), "--agent", "anna.nowak"]
    code, out, err = _cli(capsys, *base, "ticket", "reply", number, "--body", "Raz i tylko raz")
    assert (code, err) == (0, "")
    assert out == f"reply added to {number}\n"
    keys = reply.keys  # type: ignore[attr-defined]
    assert len(keys) == 3
    assert len(set(keys)) == 1, "one client key for every try"
    assert keys[0]
    assert _messages_with(demo_db, "Raz i tylko raz") == 1


def test_a_change_whose_answer_was_lost_is_applied_once(
    capsys: pytest.CaptureFixture[str],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    quick_retries: None,
) -> None:
    number = _open_ticket_number(demo_db)
    service = TicketService(demo_db)
    before = service.row(service.find_id(number)).version
    change = _failing_after(TicketService.change, [1], before=False)
    monkeypatch.setattr(TicketService, "change", change)
    base = ["--database", _url(demo_db), "--agent", "anna.nowak"]
    code, out, err = _cli(capsys, *base, "ticket", "set", number, "--state", "in_progress")
    assert (code, err) == (0, "")
    assert f"(version {before + 1})" in out
    assert change.keys == [before, before]  # type: ignore[attr-defined]
    assert service.row(service.find_id(number)).version == before + 1


def test_giving_up_says_what_happened_and_what_to_check_without_sql(
    capsys: pytest.CaptureFixture[str],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    quick_retries: None,
) -> None:
    number = _open_ticket_number(demo_db)
    always = _failing_after(TicketService.reply, [1] * 10, before=True)
    monkeypatch.setattr(TicketService, "reply", always)
    base = ["--database", _url(demo_db), "--agent", "anna.nowak"]
    code, out, err = _cli(capsys, *base, "ticket", "reply", number, "--body", "Nie doszło")
    assert code == 1
    assert out == ""
    assert err.startswith("hezo-desk: the connection to the database was lost")
    assert "the reply may or may not have been saved" in err
    assert f"hezo-desk ticket show {number}" in err
    assert "tajna treść" not in err
    for word in SQL_WORDS:
        assert word not in err
    assert len(always.keys) == 4, "tried once and retried on each of the three pauses"  # type: ignore[attr-defined]
    # --debug shows the statement and its parameters, for whoever investigates.
    code, _, err = _cli(capsys, *base, "--debug", "ticket", "reply", number, "--body", "Nie")
    assert code == 1
    assert "INSERT INTO messages" in err
    assert "Traceback" in err
    assert err.rstrip().splitlines()[-1].startswith("hezo-desk: the connection")


def test_a_write_without_a_key_is_not_retried_and_says_it_may_have_landed(
    capsys: pytest.CaptureFixture[str], demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a ticket has no client key: a retry could open it twice, so none is made."""
    attempts: list[int] = []

    def lost(*_args: object, **_kwargs: object) -> None:
        attempts.append(1)
        raise _lost("INSERT INTO tickets (subject) VALUES (%(subject)s)")

    monkeypatch.setattr(TicketService, "open", lost)
    target = SimpleNamespace(contract_id=1, service_id=1, contact_id=None)
    monkeypatch.setattr(ticket_commands, "resolve_target", lambda *_args: target)
    code, _, err = _cli(
        capsys,
        *["--database", _url(demo_db), "--agent", "anna.nowak", "ticket", "open"],
        *[
            "--contract",
            "UMS/2024/00001",
            "--serial",
            "FG1234567890",
            "--subject",
            "x",
            "--description",
            "y",
        ],
    )
    assert code == 1, err
    assert attempts == [1], err
    assert err == (
        "hezo-desk: the connection to the database was lost; if this command changes "
        "data, the change may or may not have been saved: check before running it again "
        "(run with --debug for details)\n"
    )


def test_a_refused_statement_is_worded_without_sql(
    capsys: pytest.CaptureFixture[str], demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise IntegrityError(
            INSERT,
            {"body": "tajna treść"},
            pg_errors.UniqueViolation("podwójna wartość klucza narusza ograniczenie"),
        )

    monkeypatch.setattr(TicketService, "add_note", refused)
    number = _open_ticket_number(demo_db)
    base = ["--database", _url(demo_db), "--agent", "anna.nowak"]
    code, _, err = _cli(capsys, *base, "ticket", "note", number, "--body", "x")
    assert code == 1
    assert err == (
        "hezo-desk: the database refused the operation: podwójna wartość klucza narusza "
        "ograniczenie (23505) (run with --debug for details)\n"
    )


def test_no_message_shows_the_database_password(capsys: pytest.CaptureFixture[str]) -> None:
    secret = "Zupe!nieTajne"
    for extra in ([], ["--debug"]):
        code, _, err = _cli(
            capsys, *extra, "--database", f"postgresql://anna:{secret}@127.0.0.1:1/x", "lookup", "x"
        )
        assert code == 1
        assert "cannot connect to postgresql+psycopg://anna:***@127.0.0.1:1/x" in err
        assert secret not in err
    code, _, err = _cli(capsys, "--database", f"nonsense://anna:{secret}@host/x", "lookup", "x")
    assert code == 2
    assert secret not in err


# ----- the issue's run: replies sent while the server kills the commands' connections -------


def test_replies_under_killed_connections_are_acknowledged_once(
    pg_demo_db: Database, tmp_path: Path
) -> None:
    number = _open_ticket_number(pg_demo_db)
    environ = {**os.environ, "HOME": str(tmp_path)}
    with cli_faults.killing(pg_demo_db) as killed:
        sent = cli_faults.send_replies(
            _url(pg_demo_db), number, REPLIES_UNDER_KILLS, cwd=tmp_path, environ=environ
        )
        kills = len(killed)
    report = "\n".join(f"{one.body}: {one.returncode} {one.stderr.strip()}" for one in sent)
    acknowledged = [one for one in sent if one.returncode == 0]
    assert len(acknowledged) >= REPLIES_UNDER_KILLS - 2, report
    assert cli_faults.check(pg_demo_db, number, sent) == []
    assert kills > 0, "the killer hit the commands' connections"
