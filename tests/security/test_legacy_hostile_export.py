"""Hostile exports: one damaged or unsupported zip member rejects its own row, not the run.

LEGACY_EXPORT.md rejects "an attachment whose file is not in the folder" as a row and lets the
ticket move (flagged for the back office); a file that is there but cannot be taken (bad CRC,
corrupt, encrypted, Deflate64, a zip bomb's ratio) is rejected the same way, with the member
and the reason code in the report.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.models import Attachment, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.legacy_import import RejectReason, RunStatus
from hezo_desk.services.legacy_import.source import ExportSource, FileProblem, UnreadableFileError
from hezo_desk.services.legacy_import.staging import MAX_ATTACHMENT_BYTES
from legacy_support import back_office, run_import, table_counts
from support.legacy_generator import (
    BOMB_BYTES,
    OVERSIZED_BYTES,
    Damage,
    Expected,
    ExportSpec,
    generate_export,
    hostile_zip,
)

SPEC = ExportSpec(
    customers=6, tickets=24, max_messages=2, bad_rows=False, encoding="utf-8", separator=";",
    line_ending="lf", attachment_every=2,
)  # fmt: skip
REASONS = {
    Damage.BAD_CRC: RejectReason.DAMAGED_FILE,
    Damage.CORRUPT: RejectReason.DAMAGED_FILE,
    Damage.ENCRYPTED: RejectReason.ENCRYPTED_FILE,
    Damage.DEFLATE64: RejectReason.UNSUPPORTED_COMPRESSION,
    Damage.BOMB: RejectReason.COMPRESSION_BOMB,
    Damage.OVERSIZED: RejectReason.FILE_TOO_LARGE,
}


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


def _moving_attachments(folder: Path, expected: Expected) -> list[tuple[str, str, str]]:
    """(attachment id, ticket id, path) of the attachments the clean export moves."""
    moving = {a[0] for files in expected.attachments.values() for a in files}
    with (folder / "attachments.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    return [
        (row["attachment_id"], row["ticket_id"], row["path"])
        for row in rows
        if row["attachment_id"] in moving
    ]


def test_each_damaged_member_rejects_its_attachment_and_the_import_goes_on(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", SPEC)
    attachments = _moving_attachments(tmp_path / "export", expected)
    assert len(attachments) > len(Damage)
    damaged = {path: damage for (_, _, path), damage in zip(attachments, Damage, strict=False)}
    archive = hostile_zip(tmp_path / "export", tmp_path / "wrogi.zip", damaged)

    dry = run_import(db, office, archive, dry_run=True)
    report = run_import(db, office, archive)

    for checked in (dry, report):
        assert checked.status is RunStatus.COMPLETED
        assert checked.file("attachments.csv").rejected == len(Damage)
        assert checked.file("attachments.csv").imported == len(attachments) - len(Damage)
    flagged = {t.legacy_number: t.flags for t in report.flagged}
    for (attachment_id, ticket_id, path), damage in zip(attachments, Damage, strict=False):
        entry = next(e for e in report.rejected if e.legacy_id == attachment_id)
        assert entry.file == "attachments.csv"
        assert entry.code == REASONS[damage].value, damage
        assert path in entry.detail  # the member, named
        assert any(attachment_id in flag for flag in flagged[ticket_id])
    with db.sessions() as session:
        kept = set(session.scalars(select(Attachment.legacy_id).where(Attachment.kind == "file")))
        moved = set(session.scalars(select(Ticket.legacy_number)))
    assert kept == {a for a, _, _ in attachments[len(Damage) :]}
    assert {ticket for _, ticket, _ in attachments} <= moved


def test_a_file_that_fails_only_while_writing_is_rejected_then(
    db: Database, office: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files are read through before writing; one damaged after that check is rejected
    when the writer meets it, and its ticket still moves."""
    expected = generate_export(tmp_path / "export", SPEC)
    attachment_id, ticket_id, path = _moving_attachments(tmp_path / "export", expected)[0]
    archive = hostile_zip(tmp_path / "export", tmp_path / "wrogi.zip", {path: Damage.BAD_CRC})

    def passes(_source: ExportSource, _relative: str) -> FileProblem | None:
        return None

    monkeypatch.setattr(ExportSource, "verify_attachment", passes)
    report = run_import(db, office, archive)
    assert report.status is RunStatus.COMPLETED
    entry = next(e for e in report.rejected if e.legacy_id == attachment_id)
    assert entry.code == RejectReason.DAMAGED_FILE.value
    assert "Bad CRC-32" in entry.detail
    flags = next(t.flags for t in report.flagged if t.legacy_number == ticket_id)
    assert any(attachment_id in flag for flag in flags)
    with db.sessions() as session:
        tickets = select(func.count()).where(Ticket.legacy_number == ticket_id)
        files = select(func.count()).where(Attachment.legacy_id == attachment_id)
        assert session.scalar(tickets) == 1
        assert session.scalar(files) == 0
    assert report.balanced


def test_the_directory_tells_what_cannot_be_read_without_reading_it(tmp_path: Path) -> None:
    expected = generate_export(tmp_path / "export", SPEC)
    paths = [path for _, _, path in _moving_attachments(tmp_path / "export", expected)]
    damaged = dict(zip(paths, Damage, strict=False))
    archive = hostile_zip(tmp_path / "export", tmp_path / "wrogi.zip", damaged)
    with ExportSource(archive) as source:
        found = {path: source.attachment_problem(path) for path in damaged}
        read = {path: source.verify_attachment(path) for path in damaged}
        sizes = {path: source.attachment_size(path) for path in damaged}
        assert source.attachment_problem(paths[len(Damage)]) is None
        assert source.verify_attachment(paths[len(Damage)]) is None
        assert source.attachment_size(paths[0]) is not None
    by_damage = {damage: path for path, damage in damaged.items()}
    assert sizes[by_damage[Damage.OVERSIZED]] == OVERSIZED_BYTES  # as the directory says
    # Known from the directory alone: nothing needs reading (a bomb is never inflated).
    for damage in (Damage.ENCRYPTED, Damage.DEFLATE64, Damage.BOMB):
        problem = found[by_damage[damage]]
        assert problem is not None
        assert problem.code is REASONS[damage]
    # Found only by reading the data.
    for damage in (Damage.BAD_CRC, Damage.CORRUPT):
        assert found[by_damage[damage]] is None
        problem = read[by_damage[damage]]
        assert problem is not None
        assert problem.code is RejectReason.DAMAGED_FILE
    assert MAX_ATTACHMENT_BYTES > BOMB_BYTES  # the bomb is refused for its ratio alone


@pytest.mark.parametrize("damage", [Damage.BAD_CRC, Damage.ENCRYPTED, Damage.DEFLATE64])
def test_a_damaged_csv_member_stops_the_run_before_anything_is_written(
    db: Database, office: Actor, tmp_path: Path, damage: Damage
) -> None:
    """Without messages.csv nothing can be imported: the run stops, saying which file, with
    nothing written and no crash."""
    generate_export(tmp_path / "export", SPEC)
    archive = hostile_zip(tmp_path / "export", tmp_path / "wrogi.zip", {"messages.csv": damage})
    before = table_counts(db)
    with pytest.raises(UserError, match=r"messages\.csv"):
        run_import(db, office, archive)
    assert table_counts(db) == before


def test_a_file_the_system_will_not_give_is_unreadable_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a folder export (no zip to be damaged) a file that cannot be opened is its row's
    problem too."""
    expected = generate_export(tmp_path / "export", SPEC)
    path = _moving_attachments(tmp_path / "export", expected)[0][2]
    locked = (tmp_path / "export" / path).resolve()
    opened = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.resolve() == locked:
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with ExportSource(tmp_path / "export") as source:
        problem = source.verify_attachment(path)
        assert problem is not None
        assert problem.code is RejectReason.UNREADABLE_FILE
        assert path in problem.detail
        assert "Permission denied" in problem.detail
        with pytest.raises(UnreadableFileError):
            source.read_attachment(path)
