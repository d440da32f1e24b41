"""Unsent replies and notes, kept on the local disk so that they survive a closed window or a crash.

One small JSON file per ticket and database, written atomically (a temporary file renamed over
the old one), so a crash mid-write leaves the previous draft, never a torn one.

The store also knows, for this desk, which text is being sent (`sending`, then `sent` or
`not_sent`, called by the send itself in a worker thread). A reply the server acknowledged is
no draft any more: `sent` discards it and refuses to save that text again for the ticket, so a
page closed before it heard of the success cannot put the sent text back on disk, and a page
opened meanwhile knows not to offer it for sending again.

A desk killed between the server's commit and `sent` cannot discard the draft itself: so
`sending` writes the message's client key with the draft first. A page that restores a draft
carrying a key asks the server whether that message exists (it was sent: the draft goes) before
offering the text again; a send of the same text reuses the key, so a message that did land is
found, not written twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Draft:
    kind: str  # "reply" or "note"
    text: str
    # The key of the message last sent with this text, whose outcome this desk did not hear.
    client_key: str | None = None


class DraftStore:
    def __init__(self, directory: Path, database_name: str) -> None:
        # Drafts of different databases never mix: ticket ids are per database.
        digest = hashlib.sha256(database_name.encode("utf-8")).hexdigest()[:16]
        self._directory = directory / digest
        # The UI thread saves while a worker thread may be discarding a sent text.
        self._lock = threading.Lock()
        self._sent: dict[int, str] = {}
        self._sending: dict[int, str] = {}

    def _path(self, ticket_id: int) -> Path:
        return self._directory / f"ticket-{ticket_id}.json"

    def load(self, ticket_id: int) -> Draft | None:
        try:
            data = json.loads(self._path(ticket_id).read_text(encoding="utf-8"))
            key = data.get("client_key")
            return Draft(str(data["kind"]), str(data["text"]), None if key is None else str(key))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, ticket_id: int, kind: str, text: str) -> None:
        with self._lock:
            if not text.strip() or self._sent.get(ticket_id) == text:
                self._path(ticket_id).unlink(missing_ok=True)
                return
            self._sent.pop(ticket_id, None)
            # The same text keeps the key of its send (the outcome is still unknown); another
            # text is a new draft.
            old = self.load(ticket_id)
            key = (
                old.client_key if old is not None and (old.kind, old.text) == (kind, text) else None
            )
            self._write(ticket_id, kind, text, key)

    def _write(self, ticket_id: int, kind: str, text: str, client_key: str | None) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"kind": kind, "text": text, "client_key": client_key},
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
        with self._lock:
            self._path(ticket_id).unlink(missing_ok=True)

    def sending(self, ticket_id: int, kind: str, text: str) -> str:
        """`text` is on its way to the server; until `sent` or `not_sent` it is in flight.

        Returns the message's client key, written with the draft before anything is sent: the
        key of an earlier send of the same text whose outcome is unknown, else a new one.
        """
        with self._lock:
            old = self.load(ticket_id)
            same = old is not None and (old.kind, old.text) == (kind, text)
            key = old.client_key if same and old is not None and old.client_key else None
            key = key or uuid.uuid4().hex
            # A disk that cannot be written does not stop the send: only a killed desk would
            # then offer the text again (after asking the server, which it cannot without the key).
            with contextlib.suppress(OSError):
                self._write(ticket_id, kind, text, key)
            self._sending[ticket_id] = text
            return key

    def not_sent(self, ticket_id: int) -> None:
        """The send failed: the text is an ordinary draft again."""
        with self._lock:
            self._sending.pop(ticket_id, None)

    def in_flight(self, ticket_id: int) -> str | None:
        with self._lock:
            return self._sending.get(ticket_id)

    def acknowledged(self, ticket_id: int) -> str | None:
        """The last text of the ticket the server acknowledged, until a page cleared it."""
        with self._lock:
            return self._sent.get(ticket_id)

    def sent(self, ticket_id: int, text: str) -> None:
        """The server acknowledged `text`: discard the draft if it is that text (the agent may
        have typed on meanwhile) and do not save that text as the ticket's draft again."""
        with self._lock:
            self._sending.pop(ticket_id, None)
            self._sent[ticket_id] = text
            draft = self.load(ticket_id)
            if draft is not None and draft.text == text:
                self._path(ticket_id).unlink(missing_ok=True)

    def forget_sent(self, ticket_id: int) -> None:
        """The page heard of the send and cleared its text: the same text may be a draft again."""
        with self._lock:
            self._sent.pop(ticket_id, None)


def rewrite_drafts(root: Path, rewrite: Callable[[str], str]) -> int:
    """Rewrite the text of every draft under `root` (every database's) with `rewrite`; the
    number of drafts changed. For the erasure of personal data: a draft is the desk's too.

    Each changed draft is written atomically as `save` writes it; a draft that cannot be read
    as one is removed rather than left holding what it held.
    """
    changed = 0
    for path in sorted(root.glob("*/ticket-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            text = str(data["text"])
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            changed += 1
            continue
        new = rewrite(text)
        if new == text:
            continue
        data["text"] = new
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".draft-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(json.dumps(data, ensure_ascii=False))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        changed += 1
    return changed
