"""What the rules and the ticket links look up.

Staged parent rows as their children see them, and the desk's own rows by key, asked in chunks
the database accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hezo_desk.services.legacy_import.rules import SkipRule
from hezo_desk.services.legacy_import.staging import PLANNED, SKIPPED

DB_CHUNK = 500
_USABLE_SKIPS = (SkipRule.ALREADY_IMPORTED.value, SkipRule.SAME_COMPANY.value)


@dataclass(frozen=True)
class Parent:
    """A staged parent row as a child sees it."""

    seq: int
    outcome: str | None
    code: str | None
    target: str | None
    line: int
    detail: str | None

    @property
    def usable(self) -> bool:
        return self.outcome == PLANNED or (self.outcome == SKIPPED and self.code in _USABLE_SKIPS)


def chunks(items: Sequence[Any], size: int = DB_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def db_lookup(
    session: Session,
    key_column: InstrumentedAttribute[Any],
    value_columns: Sequence[InstrumentedAttribute[Any]],
    keys: Iterable[str],
) -> dict[str, tuple[Any, ...]]:
    """key → (values…) for the keys the desk holds, asked in chunks."""
    unique = sorted({key for key in keys if key})
    found: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks(unique):
        rows = session.execute(select(key_column, *value_columns).where(key_column.in_(chunk)))
        for key, *values in rows:
            found[key] = tuple(values)
    return found
