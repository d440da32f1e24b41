"""Memory stays bounded whatever a line's length: a record longer than its file's format allows
is rejected (its row, with file, line and reason) without being read into memory, and the rows
after it are read as usual."""

from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from hezo_desk.db import Database
from hezo_desk.services.actor import Actor
from hezo_desk.services.legacy_import import RejectReason, RunStatus
from hezo_desk.services.legacy_import import reader as reader_module
from hezo_desk.services.legacy_import.reader import read_file
from hezo_desk.services.legacy_import.source import ExportSource
from legacy_support import SAMPLE, back_office, run_import

HEADER = "message_id;ticket_id;sent_at;author;author_type;body\n"
BEFORE = 'M1;Z000001;01.08.2023 14:25;Anna;klient;"krótko; ""w cudzysłowie"""\n'
AFTER = 'M3;Z000001;01.08.2023 14:26;Anna;klient;"po długim\nw dwóch liniach"\nM4;Z000001;;;;x\n'
LIMIT = 4096


def _messages(tmp_path: Path, body: bytes) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    (folder / "messages.csv").write_bytes(body)
    return folder


def _read(folder: Path) -> list[tuple[int, str, str | None, str | None]]:
    with ExportSource(folder) as source:
        _format, rows = read_file(source, "messages.csv", encoding="utf-8")
        return [
            (
                row.line,
                row.values["message_id"],
                row.values.get("body"),
                row.malformed and row.problem,
            )
            for row in rows
        ]


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_RECORD_BYTES", {"messages.csv": LIMIT})


TOO_LONG = RejectReason.RECORD_TOO_LONG


@pytest.mark.usefixtures("small_limit")
@pytest.mark.parametrize(
    ("record", "lines", "legacy_id"),
    [
        # One line, unquoted.
        ("M2;Z000001;01.08.2023 14:25;Anna;klient;" + "a" * 3 * LIMIT + "\n", 1, "M2"),
        # One line in a quoted field, with doubled quotes and separators in it.
        ('M2;Z000001;;;;"' + 'ab""c;d' * LIMIT + '"\n', 1, "M2"),
        # Many short lines in one quoted field: cut once the record passes the limit.
        ('M2;Z000001;;;;"' + "linia; „ą”\n" * LIMIT + 'koniec"\n', LIMIT + 1, "M2"),
        # The cut falls right after a quote: a doubled one (the field stays open) …
        ('M2;Z000001;;;;"' + "x" * (LIMIT - 15) + '""y\nz"\n', 2, "M2"),
        # … or the closing one.
        ('M2;Z000001;;;;"' + "x" * (LIMIT - 15) + '";\n', 1, "M2"),
    ],
    ids=["unquoted-line", "quoted-line", "many-lines", "doubled-quote-at-cut", "quote-at-cut"],
)
def test_a_record_longer_than_allowed_is_rejected_and_the_next_rows_are_read(
    tmp_path: Path, record: str, lines: int, legacy_id: str
) -> None:
    folder = _messages(tmp_path, (HEADER + BEFORE + record + AFTER).encode("utf-8"))
    rows = _read(folder)
    assert rows[0] == (2, "M1", 'krótko; "w cudzysłowie"', None)
    line, message_id, _body, problem = rows[1]
    assert (line, message_id, problem) == (3, legacy_id, TOO_LONG)
    assert rows[2] == (3 + lines, "M3", "po długim\nw dwóch liniach", None)
    assert rows[3][:2] == (3 + lines + 2, "M4")
    assert len(rows) == 4


@pytest.mark.usefixtures("small_limit")
def test_a_record_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    start = 'M2;Z000001;;;;"'
    body = "b" * (LIMIT - len(start) - 2)
    record = f'{start}{body}"\n'
    assert len(record.encode()) == LIMIT
    rows = _read(_messages(tmp_path, (HEADER + record + "M3;Z000001;;;;c\n").encode()))
    assert rows == [(2, "M2", body, None), (3, "M3", "c", None)]
    longer = f'{start}{body}b"\n'
    rows = _read(_messages(tmp_path / "2", (HEADER + longer + "M3;Z000001;;;;c\n").encode()))
    assert [(line, problem) for line, _id, _body, problem in rows] == [(2, TOO_LONG), (3, None)]


def test_a_small_zip_holding_a_huge_line_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """200 MB of one line, deflated to a fraction of a megabyte: the old reader held it all."""
    archive = tmp_path / "bomba.zip"
    huge = 200 * 1024 * 1024
    block = b"a" * (1024 * 1024)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(SAMPLE.rglob("*")):
            if path.is_file() and path.name != "messages.csv":
                zipped.write(path, path.relative_to(SAMPLE).as_posix())
        with zipped.open("messages.csv", "w", force_zip64=True) as stream:
            stream.write((HEADER + BEFORE + "M2;Z000001;;;;").encode())
            for _ in range(huge // len(block)):
                stream.write(block)
            stream.write(("\n" + AFTER).encode())
    assert archive.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with ExportSource(archive) as source:
            _format, rows = read_file(source, "messages.csv")
            found = [
                (row.line, row.values["message_id"], row.malformed and row.problem) for row in rows
            ]
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [(2, "M1", None), (3, "M2", TOO_LONG), (4, "M3", None), (6, "M4", None)]
    assert peak < 48 * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MiB"


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


def test_an_import_rejects_the_over_long_row_and_goes_on(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    limit = reader_module.MAX_RECORD_BYTES["messages.csv"]
    with (folder / "messages.csv").open("ab") as stream:
        stream.write(b'M0999999;Z000001;01.08.2023 14:25;Anna;klient;"')
        stream.write("ą".encode() * (limit // 2 + 1))
        stream.write(b'"\n')
    clean = run_import(db, office, SAMPLE, dry_run=True)
    report = run_import(db, office, folder)
    assert report.status is RunStatus.COMPLETED
    entry = next(e for e in report.rejected if e.code == TOO_LONG.value)
    assert (entry.file, entry.legacy_id) == ("messages.csv", "M0999999")
    assert str(limit) in entry.detail
    messages = report.file("messages.csv")
    assert messages.read == clean.file("messages.csv").read + 1
    assert messages.rejected_by_reason[TOO_LONG.value] == 1
    assert report.totals.imported == clean.totals.imported
