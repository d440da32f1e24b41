"""Demo rows go in with explicit ids and bulk inserts, a chunk at a time."""

from __future__ import annotations

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
