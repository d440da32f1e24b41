"""Hostile input to the hand-off of calls: forged lines on the desk's socket, odd numbers and
call ids on the command line, a runtime folder other users may enter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hezo_desk.cli import main
from hezo_desk.cli.call_numbers import call_number
from hezo_desk.enums import CallDirection, CallState
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.call_records import CallRecord, write_csv
from hezo_desk.services.desk_handoff import desk_address
from hezo_desk.ui.call_listener import CallListener
from waiting import WAIT_MS


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short private folder for sockets: a Unix socket's path holds at most 107 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="hz-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def environ(runtime_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    monkeypatch.delenv("HEZO_DESK_DATABASE_URL", raising=False)
    return {"XDG_RUNTIME_DIR": str(runtime_dir)}


def _line(**changes: object) -> bytes:
    fields: dict[str, object] = {
        "number": "+48 12 25 25 600",
        "direction": "in",
        "event": "ring",
        "call_id": "pbx-1",
        "at": "2026-11-30T08:15:00+00:00",
    }
    fields.update(changes)
    return (json.dumps(fields) + "\n").encode()


FORGED = [
    pytest.param(_line(at="0001-01-01T00:00:00+01:00"), id="time-before-year-1"),
    pytest.param(_line(at="9999-12-31T23:59:59-01:00"), id="time-after-year-9999"),
    pytest.param(b"[" * 60000 + b"\n", id="deep-nesting"),
    pytest.param(_line(number="<img src=/etc/hezo.png>122525600"), id="markup-number"),
    pytest.param(_line(number="12\x1b[31m345"), id="control-characters"),
    pytest.param(_line(number="Kowalski"), id="letters"),
    pytest.param(_line(number=""), id="empty-number"),
    pytest.param(_line(number="1" * 500), id="500-digits"),
    pytest.param(_line(call_id="x" * 129), id="long-call-id"),
    pytest.param(_line(call_id="a\nb"), id="call-id-with-newline"),
]


@pytest.mark.parametrize("line", FORGED)
def test_a_forged_line_is_refused_and_the_desk_takes_the_next_call(
    qtbot: QtBot, environ: dict[str, str], line: bytes
) -> None:
    address = desk_address(None, environ)
    listener = CallListener()
    assert listener.listen(address)
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    replies: list[bytes] = []

    def speak() -> None:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(WAIT_MS / 1000)
            connection.connect(address)
            connection.sendall(line + _line())
            reply = b""
            while reply.count(b"\n") < 2:
                chunk = connection.recv(100)
                if not chunk:
                    break
                reply += chunk
            replies.append(reply)

    thread = threading.Thread(target=speak)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=WAIT_MS)
    assert replies == [b"refused\nok\n"]
    assert [event.call_id for event in received] == ["pbx-1"]
    listener.close()


def test_the_event_the_command_sends_is_what_the_desk_takes() -> None:
    event = CallEvent.from_json(_line().decode())
    assert event.number == "+48 12 25 25 600"
    assert event.at == dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("given", "number"),
    [
        ("\uff11\uff12\uff12\uff15\uff12\uff15\uff16\uff10\uff10", "122525600"),
        ("\uff0b48 122525600", "+48 122525600"),
        ("\u0661\u0662\u0662\u0665\u0662\u0665\u0666\u0660\u0660", "122525600"),
        (
            "tel:\uff0b\uff14\uff18\uff11\uff12\uff12\uff15\uff12\uff15\uff16\uff10\uff10",
            "+48122525600",
        ),
    ],
)
def test_digits_of_other_scripts_are_read_as_digits(given: str, number: str) -> None:
    assert call_number(given) == number


@pytest.mark.parametrize("call_id", ["x" * 129, "a\x1b[2Jb", "a\nb"])
def test_the_command_refuses_a_call_id_the_journal_could_not_keep(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str], call_id: str
) -> None:
    assert main(["call", "+48122525600", "--call-id", call_id]) == 2
    err = capsys.readouterr().err
    assert "call id" in err
    assert "\x1b" not in err
    assert "\n" not in err.rstrip("\n")


def test_a_runtime_folder_others_may_enter_is_not_used_for_the_socket(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = runtime_dir / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    private_base = runtime_dir / "tmp"
    private_base.mkdir()
    address = desk_address(None, {"XDG_RUNTIME_DIR": str(shared), "TMPDIR": str(private_base)})
    assert Path(address).parent == private_base / f"hezo-desk-{os.getuid()}"
    # A private runtime folder is used as it is.
    own = runtime_dir / "own"
    own.mkdir(mode=0o700)
    assert Path(desk_address(None, {"XDG_RUNTIME_DIR": str(own)})).parent == own


def test_the_csv_export_keeps_spreadsheet_formulas_as_text() -> None:
    """A caller registered as `=HYPERLINK(…)` must not become a live formula in the
    supervisor's spreadsheet; the number keeps its +."""
    at = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    record = CallRecord(
        id=1,
        started_at=at,
        direction=CallDirection.INBOUND,
        state=CallState.ANSWERED,
        number="+48 12 345 67 89",
        number_e164="+48123456789",
        display="12 345 67 89",
        customer_id=1,
        customer_name='=HYPERLINK("http://evil.example","Drukarnia")',
        contact_id=1,
        contact_name="@SUM(A1) -2",
        agent_id=1,
        agent_name="+Anna",
        call_id=None,
        rang_at=at,
        answered_at=at,
        ended_at=at,
        duration_s=0,
        outcome="-1+1",
        ticket_numbers=(),
        callback_agent_id=None,
        callback_agent_name="\t=1",
        callback_claimed_at=None,
        callback_done_at=None,
        version=1,
    )
    out = io.StringIO()
    write_csv([record], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["number"] == "+48123456789"
    assert row["customer"] == '\'=HYPERLINK("http://evil.example","Drukarnia")'
    assert row["contact"] == "'@SUM(A1) -2"
    assert row["agent"] == "'+Anna"
    assert row["outcome"] == "'-1+1"
    assert row["called_back_by"] == "'\t=1"


@pytest.mark.parametrize(
    ("given", "number"),
    [
        # 15 digits of E.164 after the international prefix 00: 17 digits in all.
        ("00 49 3012 3456 7890 1", "00 49 3012 3456 7890 1"),
        ("tel:00493012345678901", "00493012345678901"),
    ],
)
def test_fifteen_digits_after_the_international_prefix_are_a_number(
    given: str, number: str
) -> None:
    assert call_number(given) == number
    event = CallEvent.from_json(_line(number=number).decode())
    assert event.number == number
