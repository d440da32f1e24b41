"""Checking the audit log's hash chain (`hezo-desk audit verify`).

Each entry stores the hash of the entry before it (`chain_previous`) and the hash of that and
its own content (`chain_hash`, see `services.audit`). Walking the log in id order finds the
first entry that does not fit:

- its content no longer gives its hash: it was edited (`ChainProblem.ALTERED`);
- its link is not the hash of the entry before it: an entry before it was removed, or it was
  slipped in or moved (`ChainProblem.UNLINKED`);
- it has no hash at all: something wrote it outside the desk (`ChainProblem.UNCHAINED`).

An erasure of a person's data (RODO, services/personal_data) rewrites the words of entries
that named them; its own entry, chained like any other, lists them (`redacted_rows`). Such an
entry keeps its place in the chain (its link and hash as written) and is not read for its
content: the chain proves it was there, the erasure's entry says why its words changed.

What a chain cannot show by itself: entries removed from the end, or a log rewritten whole
with every hash recomputed (anyone holding a SQLite file can). Against that, keep the head
(the last hash, `audit verify --print-head`) somewhere else and check that the log still holds
it (`--head`): `ChainProblem.HEAD_MISSING`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select, text
from sqlalchemy.orm import Session

from hezo_desk.db import Database
from hezo_desk.models import AuditEntry
from hezo_desk.models.audit import chain_hash
from hezo_desk.services.audit import AuditAction

PAGE = 2000


class ChainProblem(enum.StrEnum):
    ALTERED = "altered"
    UNLINKED = "unlinked"
    UNCHAINED = "unchained"
    HEAD_MISSING = "head_missing"


@dataclass(frozen=True)
class ChainCheck:
    """What a walk of the chain found: the entries read, the head, the first problem."""

    entries: int
    head_id: int | None
    head_hash: str | None
    problem: ChainProblem | None = None
    # The first entry that does not fit (None for a missing head).
    broken_id: int | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_chain(db: Database, *, expected_head: str | None = None) -> ChainCheck:
    """Walk the whole log in id order, a page at a time; stop at the first entry that does not
    fit. With `expected_head` (a head exported earlier), the log must still hold it."""
    entry = AuditEntry
    query = select(
        entry.id,
        entry.recorded_at,
        entry.agent_id,
        entry.action,
        entry.ticket_id,
        entry.subject_type,
        entry.subject_id,
        entry.summary,
        entry.details,
        entry.chain_previous,
        entry.chain_hash,
    ).order_by(entry.id)
    wanted = (expected_head or "").strip().lower() or None
    seen_head = False
    count, previous, last_id = 0, "", 0
    with db.sessions() as session:
        redacted = _redacted_by_erasures(session)
        while True:
            rows = session.execute(query.where(entry.id > last_id).limit(PAGE)).all()
            if not rows:
                break
            for row in rows:
                problem = _problem(row, previous, redacted=row.id in redacted)
                if problem is not None:
                    return ChainCheck(count, last_id or None, previous or None, problem, row.id)
                count, previous, last_id = count + 1, row.chain_hash, row.id
                seen_head = seen_head or previous == wanted
    if wanted is not None and not seen_head:
        return ChainCheck(count, last_id or None, previous or None, ChainProblem.HEAD_MISSING)
    return ChainCheck(count, last_id or None, previous or None)


def _redacted_by_erasures(session: Session) -> set[int]:
    """The entries an erasure rewrote: on PostgreSQL as the database recorded them itself
    (revision 0017; an erasure's own entry is written by a desk), on SQLite as the erasure's
    entry lists them."""
    if session.get_bind().dialect.name == "postgresql":
        return {
            int(row_id)
            for row_id in session.scalars(
                text("SELECT row_id FROM redactions WHERE table_name = 'audit_log'")
            )
        }
    lists = session.scalars(
        select(AuditEntry.details).where(AuditEntry.action == AuditAction.CONTACT_ANONYMISED)
    )
    found: set[int] = set()
    for details in lists:
        rows = (details or {}).get("redacted_rows", {}) if isinstance(details, dict) else {}
        found.update(int(i) for i in rows.get(AuditEntry.__tablename__, []))
    return found


def _problem(row: Row[Any], previous: str, *, redacted: bool) -> ChainProblem | None:
    stored: str | None = row.chain_hash
    link: str | None = row.chain_previous
    if stored is None or link is None:
        return ChainProblem.UNCHAINED
    if redacted:
        return None if link == previous else ChainProblem.UNLINKED
    computed = chain_hash(
        link,
        id=row.id,
        recorded_at=row.recorded_at,
        agent_id=row.agent_id,
        action=row.action,
        ticket_id=row.ticket_id,
        subject_type=row.subject_type,
        subject_id=row.subject_id,
        summary=row.summary,
        details=row.details,
    )
    if computed != stored:
        return ChainProblem.ALTERED
    if link != previous:
        return ChainProblem.UNLINKED
    return None
