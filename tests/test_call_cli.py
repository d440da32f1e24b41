"""`hezo-desk calls list|export|stats`: the journal from the command line, on both databases."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from builders import build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import CallDirection, CallEventKind, Role
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal

T0 = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)  # 10:00 in Warsaw


def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    url = db.url.render_as_string(hide_password=False)
    code = main([*argv, "--database", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def journal(db: Database, agent: Actor) -> CallJournal:
    build_world(db)
    calls = CallJournal(db)

    def record(kind: CallEventKind, number: str, call_id: str, at: dt.datetime) -> None:
        calls.record(agent, CallEvent(number, CallDirection.INBOUND, kind, call_id, at))

    record(CallEventKind.RING, "+48 12 345 67 89", "answered", T0)
    record(CallEventKind.ANSWER, "+48 12 345 67 89", "answered", T0 + dt.timedelta(seconds=3))
    record(CallEventKind.HANGUP, "+48 12 345 67 89", "answered", T0 + dt.timedelta(seconds=93))
    later = T0 + dt.timedelta(hours=2)
    record(CallEventKind.RING, "0044 20 7946 0958", "missed", later)
    record(CallEventKind.HANGUP, "0044 20 7946 0958", "missed", later)
    return calls


def test_calls_list_newest_first_and_missed_only(
    capsys: pytest.CaptureFixture[str], db: Database, journal: CallJournal
) -> None:
    code, out, err = run(capsys, db, "calls", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "+44 20 7946 0958" in lines[1]
    assert "missed" in lines[1]
    assert "waiting" in lines[1]
    assert "12 345 67 89" in lines[2]
    assert "Drukarnia Łąka" in lines[2]
    assert "1:30" in lines[2]

    code, out, _ = run(capsys, db, "calls", "list", "--missed", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [(row["number_e164"], row["state"]) for row in rows] == [("+442079460958", "missed")]

    code, out, _ = run(capsys, db, "calls", "list", "--search", "łąka", "--json")
    assert [row["call_id"] for row in json.loads(out)] == ["answered"]
    code, out, _ = run(capsys, db, "calls", "list", "--search", "tel:+48-12-345-67-89", "--json")
    assert [row["call_id"] for row in json.loads(out)] == ["answered"]


def test_calls_export_writes_the_whole_journal_as_csv(
    capsys: pytest.CaptureFixture[str], db: Database, journal: CallJournal, tmp_path: Path
) -> None:
    target = tmp_path / "calls.csv"
    code, out, _ = run(capsys, db, "calls", "export", "--csv", str(target))
    assert (code, out) == (0, f"wrote 2 call(s) to {target}\n")
    with target.open(encoding="utf-8", newline="") as read:
        rows = list(csv.DictReader(read))
    assert [(row["number"], row["state"], row["duration_s"]) for row in rows] == [
        ("+442079460958", "missed", ""),
        ("+48123456789", "answered", "90"),
    ]
    assert rows[1]["started"] == "2026-11-27 10:00"


def test_calls_stats_for_a_supervisor(
    capsys: pytest.CaptureFixture[str], db: Database, journal: CallJournal, admin: Actor
) -> None:
    AgentService(db).add(
        admin, login="ola.szef", display_name="Ola Szef", role=Role.SUPERVISOR, password="x" * 12
    )
    code, out, _ = run(
        capsys, db, "calls", "stats", "--day", "2026-11-27", "--agent", "ola.szef", "--json"
    )
    figures = json.loads(out)
    assert code == 0
    assert (figures["incoming"], figures["missed"], figures["missed_rate"]) == (2, 1, 0.5)
    code, out, _ = run(capsys, db, "calls", "stats", "--day", "2026-11-27", "--agent", "ola.szef")
    assert "2 incoming, 0 outgoing, 1 missed (50%)" in out
    assert "10:00" in out
    assert "12:00" in out
    code, _, err = run(capsys, db, "calls", "stats", "--agent", "anna.nowak")
    assert code == 2
    assert "supervisor" in err
    code, _, err = run(capsys, db, "calls", "stats", "--day", "yesterday", "--agent", "ola.szef")
    assert code == 2
    assert "YYYY-MM-DD" in err
