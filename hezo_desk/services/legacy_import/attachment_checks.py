"""Every attachment that is to move, read through once before anything is written.

The zip's directory tells an encrypted member or one compressed with a method `zipfile`
cannot read (staging rejects those); only reading the data finds a bad checksum or a corrupt
stream. Reading them here, after the rules decided which attachments move, rejects each such
row with its member and reason before the tickets are linked and flagged, so a dry run
reports it too and the writer never meets it. Files of tickets that do not move are not read.
"""

from __future__ import annotations

from collections.abc import Callable

from hezo_desk.services.legacy_import.source import ExportSource
from hezo_desk.services.legacy_import.staging import PLANNED, REJECTED, Staging


def reject_unreadable_attachments(
    staging: Staging, source: ExportSource, check: Callable[[], None]
) -> int:
    """Reject the planned attachments whose file cannot be read; returns how many.

    `check` is called before each file (it raises to cancel)."""
    rejected = 0
    for page in staging.pages(
        "SELECT seq, path FROM attachments WHERE outcome = ? AND seq > ? ORDER BY seq LIMIT ?",
        (PLANNED,),
    ):
        updates = []
        for seq, path in page:
            check()
            problem = source.verify_attachment(path)
            if problem is not None:
                updates.append((REJECTED, problem.code.value, problem.detail, seq))
        staging.set_outcome("attachments", updates)
        rejected += len(updates)
    return rejected
