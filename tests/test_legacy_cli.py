"""`hezo-desk import-legacy` and the legacy number in `hezo-desk lookup`; a killed run resumed."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.models import Message, MigrationRun, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.legacy_import import RunStatus
from hezo_desk.services.legacy_import.lock import import_lock
from legacy_support import SAMPLE, back_office, table_counts
from support.legacy_generator import ExportSpec, generate_export
from test_cli import run, url
from waiting import SLOW_WAIT_S, WAIT_S, wait_until

# Commands prove their acting agent (issue 12): the fixtures' agents' password is at hand.
pytestmark = pytest.mark.usefixtures("agent_password")


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


def test_import_prints_a_summary_and_writes_the_report(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor, tmp_path: Path
) -> None:
    report_file = tmp_path / "raport.json"
    code, out, err = run(
        capsys, "import-legacy", str(SAMPLE), "--database", url(db), "--agent", office.login,
        "--report", str(report_file), "--workers", "1",
    )  # fmt: skip
    assert code == 0, err
    assert "completed (run 1)" in out
    assert re.search(r"^tickets\.csv\s+12\s+6\s+6\s+0$", out, re.MULTILINE)
    assert "2 migrated ticket(s) flagged for review" in out
    assert f"full report: {report_file}" in out
    assert "checking the rules" in err
    data = json.loads(report_file.read_text(encoding="utf-8"))
    assert {f["name"]: f["imported"] for f in data["files"]}["tickets.csv"] == 6
    assert {t["legacy_number"] for t in data["flagged"]} == {"Z000005", "Z000011"}


def test_dry_run_as_json_writes_nothing(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", ExportSpec(customers=6, tickets=20))
    before = table_counts(db)
    code, out, err = run(
        capsys, "import-legacy", str(tmp_path / "export"), "--dry-run", "--json",
        "--database", url(db), "--agent", office.login,
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["dry_run"] is True
    assert data["run_id"] is None
    assert {f["name"]: f["imported"] for f in data["files"]} == {
        name: expected.counts(name)["imported"] for name in expected.rows
    }
    assert table_counts(db) == before


def test_the_encoding_can_be_given(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor, tmp_path: Path
) -> None:
    generate_export(
        tmp_path / "export", ExportSpec(customers=4, tickets=8, encoding="cp1250", bad_rows=False)
    )
    code, out, err = run(
        capsys, "import-legacy", str(tmp_path / "export"), "--dry-run", "--encoding", "cp1250",
        "--database", url(db), "--agent", office.login,
    )  # fmt: skip
    assert code == 0, err
    assert "customers.csv (Windows-1250 (given)" in out


def test_wrong_input_exits_2_without_a_traceback(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor, agent: Actor, tmp_path: Path
) -> None:
    code, _out, err = run(
        capsys, "import-legacy", str(tmp_path / "nie-ma"), "--database", url(db),
        "--agent", office.login,
    )  # fmt: skip
    assert code == 2
    assert "does not exist" in err
    code, _out, err = run(
        capsys, "import-legacy", str(SAMPLE), "--database", url(db), "--agent", agent.login,
    )  # fmt: skip
    assert code == 2
    assert "may not import the legacy system" in err
    code, _out, err = run(
        capsys, "import-legacy", str(SAMPLE), "--encoding", "klingon", "--database", url(db),
        "--agent", office.login,
    )  # fmt: skip
    assert code == 2
    assert "unknown encoding “klingon”" in err
    assert "Traceback" not in err


def test_the_legacy_number_is_found_by_lookup(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor
) -> None:
    code, _out, err = run(
        capsys, "import-legacy", str(SAMPLE), "--database", url(db), "--agent", office.login,
        "--workers", "1",
    )  # fmt: skip
    assert code == 0, err
    for typed in ("Z000005", "z000005"):
        code, out, err = run(capsys, "lookup", typed, "--database", url(db), "--json")
        assert code == 0, err
        found = json.loads(out)
        assert [t["legacy_number"] for t in found["tickets"]] == ["Z000005"]
        assert found["tickets"][0]["subject"] == (
            "Wysokie obciążenie CPU (>90%) w godzinach szczytu"
        )
        assert found["tickets"][0]["migrated"] is True
        assert [c["tax_id"] for c in found["customers"]] == ["PL5797543231"]


def test_a_second_import_is_refused_while_one_writes(
    capsys: pytest.CaptureFixture[str], db: Database, office: Actor, tmp_path: Path
) -> None:
    before = table_counts(db)
    with import_lock(db) as interrupted:
        assert interrupted == 0
        code, _out, err = run(
            capsys, "import-legacy", str(SAMPLE), "--database", url(db), "--agent", office.login,
            "--workers", "1",
        )  # fmt: skip
        assert code == 2
        assert "another legacy import is writing to this database" in err
        assert "Traceback" not in err
        assert table_counts(db) == before
        # A dry run writes nothing and may look meanwhile.
        code, _out, err = run(
            capsys, "import-legacy", str(SAMPLE), "--dry-run", "--database", url(db),
            "--agent", office.login,
        )  # fmt: skip
        assert code == 0, err
    code, _out, err = run(
        capsys, "import-legacy", str(SAMPLE), "--database", url(db), "--agent", office.login,
        "--workers", "1",
    )  # fmt: skip
    assert code == 0, err


# The import as `python -m hezo_desk` runs it, except that once its first batch of tickets is
# committed it touches the marker file (argv[1]) and waits to be killed.
IMPORT_UNTIL_FIRST_BATCH = """
import sys, threading
from pathlib import Path
from hezo_desk.cli import main
from hezo_desk.services.legacy_import.writer import Writer

marker, write_batch = Path(sys.argv.pop(1)), Writer._write_batch

def write_then_wait(self, batch):
    write_batch(self, batch)
    marker.touch()
    threading.Event().wait()

Writer._write_batch = write_then_wait
sys.exit(main(sys.argv[1:]))
"""


def test_a_killed_import_is_completed_by_the_next_run(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", ExportSpec(customers=20, tickets=300))
    moving = len(expected.subjects)
    work = tmp_path / "work"
    work.mkdir()
    marker = tmp_path / "first-batch-written"
    arguments = [
        "import-legacy", str(tmp_path / "export"),
        "--database", url(db), "--agent", office.login, "--workers", "1",
        "--work-dir", str(work),
    ]  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORT_UNTIL_FIRST_BATCH, str(marker), *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        wait_until(lambda: marker.exists() or process.poll() is not None, timeout=SLOW_WAIT_S)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(WAIT_S)
    assert process.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    with db.sessions() as session:
        killed = session.scalars(select(MigrationRun)).one()
        assert killed.status == RunStatus.RUNNING.value  # it never finished
        partial = session.scalar(select(func.count(Ticket.id))) or 0
    assert 0 < partial < moving
    assert len(list(work.iterdir())) == 1, "the killed run left its staging folder"
    code = main([*arguments, "--workers", "1"])
    assert code == 0
    assert list(work.iterdir()) == [], "the next run cleared it, and its own"
    with db.sessions() as session:
        numbers = list(session.scalars(select(Ticket.legacy_number)))
        assert sorted(numbers) == sorted(expected.subjects)
        assert session.scalar(select(func.count(Message.id))) == sum(
            len(d) for d in expected.dialogues.values()
        )
        runs = session.scalars(select(MigrationRun).order_by(MigrationRun.id)).all()
        # The next run, holding the lock, knew the first one's process was gone.
        assert [run.status for run in runs] == [
            RunStatus.INTERRUPTED.value,
            RunStatus.COMPLETED.value,
        ]
        assert runs[0].finished_at is not None
        last = runs[-1]
        tickets = next(f for f in last.report["files"] if f["name"] == "tickets.csv")
        assert tickets["imported"] == moving - partial
        assert tickets["skipped_by_rule"]["already_imported"] == partial
