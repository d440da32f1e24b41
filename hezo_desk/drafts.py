"""Unsent replies and notes, kept on the local disk so that they survive a closed window or a crash.

One small JSON file per ticket and database, written atomically (a temporary file renamed over
the old one), so a crash mid-write leaves the previous draft, never a torn one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Draft:
    kind: str  # "reply" or "note"
    text: str


class DraftStore:
    def __init__(self, directory: Path, database_name: str) -> None:
        # Drafts of different databases never mix: ticket ids are per database.
        digest = hashlib.sha256(database_name.encode("utf-8")).hexdigest()[:16]
        self._directory = directory / digest

    def _path(self, ticket_id: int) -> Path:
        return self._directory / f"ticket-{ticket_id}.json"

    def load(self, ticket_id: int) -> Draft | None:
        try:
            data = json.loads(self._path(ticket_id).read_text(encoding="utf-8"))
            return Draft(str(data["kind"]), str(data["text"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, ticket_id: int, kind: str, text: str) -> None:
        if not text.strip():
            self.discard(ticket_id)
            return
        self._directory.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"kind": kind, "text": text},
            ensure_ascii=False,
        )
        handle, temporary = tempfile.mkstemp(dir=self._directory, prefix=".draft-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self._path(ticket_id))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def discard(self, ticket_id: int) -> None:
        self._path(ticket_id).unlink(missing_ok=True)
