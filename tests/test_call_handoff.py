"""`hezo-desk call` and `hezo-desk tel:…`: the number, the desk's address, the hand-off over the
local socket to a running desk (a CallListener in this process), and the start of a desk when
none runs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hezo_desk.cli import main
from hezo_desk.cli.call_numbers import NotAPhoneNumberError, call_number
from hezo_desk.enums import CallDirection, CallEventKind
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.desk_handoff import (
    DeskRefusedError,
    UnsafeFolderError,
    desk_address,
    hand_to_running_desk,
)
from hezo_desk.ui.call_listener import CallListener
from waiting import WAIT_MS

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short private folder for sockets: a Unix socket's path holds at most 107 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="hz-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def environ(runtime_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """This test's own runtime folder, for the command (os.environ) and the desk alike."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    monkeypatch.delenv("HEZO_DESK_DATABASE_URL", raising=False)
    return {"XDG_RUNTIME_DIR": str(runtime_dir)}


def _event(number: str = "+48122525600", kind: CallEventKind = CallEventKind.RING) -> CallEvent:
    return CallEvent(
        number=number,
        direction=CallDirection.INBOUND,
        event=kind,
        call_id="pbx-1",
        at=dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC),
    )


# ----- the number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "number"),
    [
        ("tel:+48-12-25-25-600", "+48122525600"),
        ("tel:+48.12.25.25.600", "+48122525600"),
        ("TEL:+48(12)2525600", "+48122525600"),
        ("tel:%2B48%2012%2025%2025%20600", "+48122525600"),
        ("tel:+48122525600;ext=21", "+48122525600"),
        ("tel:122525600;phone-context=+48", "122525600"),
        ("tel://+48122525600", "+48122525600"),
        ("+48 12 25 25 600", "+48 12 25 25 600"),
        ("  0048 12  25 25 600 ", "0048 12 25 25 600"),
        ("201", "201"),
    ],
)
def test_a_number_or_tel_uri_gives_the_calls_number(given: str, number: str) -> None:
    assert call_number(given) == number


@pytest.mark.parametrize(
    "given",
    ["", "   ", "tel:", "tel:;ext=1", "abc", "+48 12 ABC", "12+34", "tel:+48-12-x", "1", "1" * 16],
)
def test_junk_is_no_phone_number(given: str) -> None:
    with pytest.raises(NotAPhoneNumberError):
        call_number(given)


def test_the_command_refuses_junk_and_a_missing_number_with_status_2(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["call"]) == 2
    assert "no phone number" in capsys.readouterr().err
    assert main(["call", "Kowalski"]) == 2
    assert "“Kowalski” is not a phone number" in capsys.readouterr().err
    assert main(["tel:hello"]) == 2
    assert "“tel:hello” is not a phone number" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["call", "+48122525600", "--event", "pickup"])
    assert exited.value.code == 2


# ----- the address --------------------------------------------------------------------------


def test_the_address_is_the_users_and_databases_and_shows_no_url_or_password(
    environ: dict[str, str], runtime_dir: Path
) -> None:
    url = "postgresql+psycopg://anna:tajne-haslo@db.hezo.local:5432/hezo"
    address = desk_address(url, environ)
    assert Path(address).parent == runtime_dir
    for secret in ("tajne", "hezo.local", "anna:"):
        assert secret not in address
    # Another password, the same database: the same desk.
    assert desk_address(url.replace("tajne-haslo", "inne"), environ) == address
    assert desk_address("postgresql+psycopg://anna@db.hezo.local:5432/other", environ) != address
    assert desk_address(None, environ) not in (address, desk_address("sqlite:///x", environ))
    assert len(os.fsencode(address)) <= 100


def test_without_a_runtime_folder_the_socket_goes_to_a_private_temporary_folder(
    runtime_dir: Path,
) -> None:
    environ = {"TMPDIR": str(runtime_dir)}
    address = Path(desk_address(None, environ))
    folder = address.parent
    assert folder == runtime_dir / f"hezo-desk-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # A folder others may enter is not used: someone else could listen there.
    folder.chmod(0o777)
    with pytest.raises(UnsafeFolderError):
        desk_address(None, environ)


# ----- the hand-off to a running desk -------------------------------------------------------


def _in_thread(qtbot: QtBot, work: object) -> list[object]:
    """Run `work()` (the command's blocking side) while Qt's loop serves the desk's side."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())  # type: ignore[operator]
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=WAIT_MS)
    return outcome


def test_a_running_desk_takes_the_event_and_answers(qtbot: QtBot, environ: dict[str, str]) -> None:
    address = desk_address(None, environ)
    listener = CallListener()
    assert listener.listen(address)
    # Only this user may connect.
    assert stat.S_IMODE(os.stat(address).st_mode) & 0o077 == 0
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    event = _event()
    outcome = _in_thread(qtbot, lambda: hand_to_running_desk(address, event))
    assert outcome == [True]
    qtbot.waitUntil(lambda: received == [event], timeout=WAIT_MS)
    listener.close()


def test_the_desk_refuses_a_line_that_is_no_call_event(
    qtbot: QtBot, environ: dict[str, str]
) -> None:
    address = desk_address(None, environ)
    listener = CallListener()
    assert listener.listen(address)
    received: list[CallEvent] = []
    listener.received.connect(received.append)

    def send_junk() -> bytes:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(address)
            connection.sendall(b'{"number": 5}\n')
            return connection.recv(100)

    assert _in_thread(qtbot, send_junk) == [b"refused\n"]
    assert received == []
    listener.close()


def test_the_command_hands_the_call_to_the_running_desk_and_exits_0(
    qtbot: QtBot, environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    listener = CallListener()
    assert listener.listen(desk_address(None, environ))
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    opened: list[object] = []

    def opener(*_args: object, **_kwargs: object) -> int:
        opened.append(_args)
        return 0

    status = _in_thread(
        qtbot,
        lambda: main(
            ["call", "+48", "12", "25", "25", "600", "--call-id", "c-7", "--event", "answer"],
            open_window=opener,
        ),
    )
    assert status == [0]
    assert opened == []
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT_MS)
    assert received[0].number == "+48 12 25 25 600"
    assert (received[0].event, received[0].call_id) == (CallEventKind.ANSWER, "c-7")
    assert received[0].direction is CallDirection.INBOUND
    said = capsys.readouterr().out
    assert "the running desk took the call (answered) of +48 12 25 25 600" in said
    # A desktop's URL handler: the tel: URI as the only argument.
    assert _in_thread(qtbot, lambda: main(["tel:+48-12-25-25-600"], open_window=opener)) == [0]
    qtbot.waitUntil(lambda: len(received) == 2, timeout=WAIT_MS)
    assert received[1].number == "+48122525600"
    assert received[1].event is CallEventKind.RING
    listener.close()


def test_the_command_in_its_own_process_reaches_the_desk(
    qtbot: QtBot, environ: dict[str, str]
) -> None:
    listener = CallListener()
    assert listener.listen(desk_address(None, environ))
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    command = subprocess.Popen(
        [sys.executable, "-m", "hezo_desk", "tel:+48-12-25-25-600;ext=7"],
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: command.poll() is not None, timeout=WAIT_MS)
    out, err = command.communicate()
    assert command.returncode == 0, err
    assert "the running desk took the call (ringing) of +48122525600" in out
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT_MS)
    assert received[0].number == "+48122525600"
    listener.close()


def test_a_desk_on_another_database_does_not_get_the_call(
    qtbot: QtBot, environ: dict[str, str]
) -> None:
    listener = CallListener()
    assert listener.listen(desk_address("sqlite:////tmp/other.sqlite3", environ))
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    address = desk_address(None, environ)
    assert _in_thread(qtbot, lambda: hand_to_running_desk(address, _event())) == [False]
    assert received == []
    listener.close()


def test_a_second_hezo_desk_brings_the_running_one_forward_instead_of_opening(
    qtbot: QtBot, environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    listener = CallListener()
    assert listener.listen(desk_address(None, environ))
    opener = _Opener()
    with qtbot.waitSignal(listener.show_requested, timeout=WAIT_MS):
        assert _in_thread(qtbot, lambda: main([], open_window=opener)) == [0]
    assert opener.calls == []
    assert "already open" in capsys.readouterr().out
    # Another database: its own desk opens.
    assert main(["--database", "sqlite:////tmp/another.sqlite3"], open_window=opener) == 0
    assert len(opener.calls) == 1
    listener.close()


# ----- no desk running ----------------------------------------------------------------------


class _Opener:
    """Stands for hezo_desk.entry.open_window: records what the desk would open with."""

    def __init__(self) -> None:
        self.calls: list[tuple[argparse.Namespace, list[CallEvent]]] = []

    def __call__(
        self,
        args: argparse.Namespace,
        environ: Mapping[str, str],
        /,
        pending_calls: Sequence[CallEvent] = (),
    ) -> int:
        self.calls.append((args, list(pending_calls)))
        return 0


def test_with_no_desk_running_the_command_opens_one_with_the_call_pending(
    environ: dict[str, str],
) -> None:
    opener = _Opener()
    url = "sqlite:////tmp/hezo-call-test.sqlite3"
    assert (
        main(
            ["call", "--database", url, "0048 12 25 25 600", "--direction", "out"],
            open_window=opener,
        )
        == 0
    )
    [(args, pending)] = opener.calls
    assert args.database == url
    [event] = pending
    assert event.number == "0048 12 25 25 600"
    assert (event.direction, event.event, event.call_id) == (
        CallDirection.OUTBOUND,
        CallEventKind.RING,
        None,
    )
    assert event.at.tzinfo is not None
    # Without the window (the commands alone) it says it cannot open one.
    assert main(["call", "+48122525600"]) == 1


def test_a_stale_socket_of_a_crashed_desk_does_not_block_a_new_desk(
    qtbot: QtBot, environ: dict[str, str]
) -> None:
    address = desk_address(None, environ)
    # What a killed desk leaves: the socket file, with nobody listening.
    with socket.socket(socket.AF_UNIX) as dead:
        dead.bind(address)
    assert Path(address).exists()
    opener = _Opener()
    assert main(["call", "+48122525600"], open_window=opener) == 0
    assert len(opener.calls) == 1
    listener = CallListener()
    assert listener.listen(address)
    received: list[CallEvent] = []
    listener.received.connect(received.append)
    assert _in_thread(qtbot, lambda: hand_to_running_desk(address, _event())) == [True]
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT_MS)
    listener.close()


def test_a_second_desk_leaves_the_address_to_the_one_that_answers(
    qtbot: QtBot, environ: dict[str, str]
) -> None:
    address = desk_address(None, environ)
    first, second = CallListener(), CallListener()
    assert first.listen(address)
    assert not second.listen(address)
    received: list[CallEvent] = []
    first.received.connect(received.append)
    assert _in_thread(qtbot, lambda: hand_to_running_desk(address, _event())) == [True]
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT_MS)
    first.close()


def test_a_desk_answering_something_else_is_reported(
    qtbot: QtBot, environ: dict[str, str], runtime_dir: Path
) -> None:
    address = str(runtime_dir / "other")
    server = socket.socket(socket.AF_UNIX)
    server.bind(address)
    server.listen(1)

    def answer_no() -> None:
        connection, _ = server.accept()
        with connection:
            connection.recv(1000)
            connection.sendall(b"what?\n")

    thread = threading.Thread(target=answer_no)
    thread.start()
    with pytest.raises(DeskRefusedError):
        hand_to_running_desk(address, _event())
    thread.join()
    server.close()
