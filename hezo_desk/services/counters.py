"""Named counters in the database (ticket numbers, …): values handed out once, in order."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from hezo_desk.models import Counter


def next_counter(session: Session, name: str) -> int:
    """The next value of a named counter; the row lock serialises concurrent writers."""
    return reserve_counter(session, name, 1)


def reserve_counter(session: Session, name: str, count: int) -> int:
    """Reserve `count` consecutive values of a named counter; returns the first."""
    last = session.scalar(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + count)
        .returning(Counter.value)
    )
    if last is None:
        raise RuntimeError(f"counter {name!r} is missing from the database")
    return int(last) - count + 1
