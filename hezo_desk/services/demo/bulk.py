"""Demo rows go in with explicit ids and bulk inserts, a chunk at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

CHUNK = 5_000


def next_id(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1


def bulk_insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows, CHUNK):
        session.execute(insert(model), chunk)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# ----- issue 15 (branch sla-views): a plausible next due for the lists' benchmarks ---------
# A stand-in until the demo computes real dues (branch sla-core, services/service_levels/dues):
# no random draw (the demo's other values stay as they were), each open ticket not waiting for
# the customer gets a response due between 4 h before and 20 h after `now` (about one in six
# breached, one in twenty-four due within the hour), which is also its next due.
_DUE_SPREAD_MIN = 24 * 60
_DUE_BEFORE_MIN = 4 * 60


def plausible_dues(tickets: list[dict[str, Any]], now: dt.datetime) -> None:
    """Fill `response_due_at` and `next_due_at` of rows that have none yet, in place."""
    for row in tickets:
        if "next_due_at" in row:
            continue
        due = None
        if row["state"] in _COUNTING_STATES:
            minutes = (row["id"] * 7919) % _DUE_SPREAD_MIN - _DUE_BEFORE_MIN
            due = now + dt.timedelta(minutes=minutes)
        # Every row the same keys: one bulk statement for the chunk.
        row["response_due_at"] = due
        row["next_due_at"] = due


_COUNTING_STATES = frozenset({"new", "in_progress"})
