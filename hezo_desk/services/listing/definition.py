"""What one list of the desk declares, and the `Plan` it makes for a `Window`.

A `Listing` names its table, its sort keys, how its filter reads as conditions and how its
full rows are read. Filters and sort keys refer to the list's own table only (joined values
through correlated subqueries), so counting and ordering read no joins. The helpers below
build the keys and conditions the lists share.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, case, func, literal_column
from sqlalchemy.orm import InstrumentedAttribute

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.services.listing.paging import (
    FEW_IDS,
    PAGE_SIZE,
    Condition,
    CostlyFilter,
    Plan,
    RowT,
    Window,
)
from hezo_desk.services.records import AnyRow, AnySelect

FilterT = TypeVar("FilterT")
KeyExpression = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True)
class Sort:
    """A list's order: one of its sort keys (by name), ascending or descending."""

    key: str
    descending: bool = False


class Listing(ABC, Generic[RowT, FilterT]):
    """One list of the desk: its rows, its filters and the keys it can be sorted by."""

    default_sort: ClassVar[Sort]
    # Sorts whose order an index keeps (see the migrations): a jump may skip along them.
    indexed_sorts: ClassVar[frozenset[str]] = frozenset()
    # Sorts whose first key may be NULL: those rows come last in either direction.
    nullable_sorts: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sort_keys: Mapping[str, tuple[KeyExpression, ...]] = self._define_sort_keys()

    @property
    def db(self) -> Database:
        return self._db

    @property
    def sort_keys(self) -> Sequence[str]:
        """The keys this list sorts by (what `Sort.key` may name)."""
        return tuple(self._sort_keys)

    def window(
        self,
        list_filter: FilterT,
        sort: Sort | None = None,
        *,
        page_size: int = PAGE_SIZE,
        few_ids: int = FEW_IDS,
    ) -> Window[RowT]:
        return Window(self._db, self.plan(list_filter, sort), page_size, few_ids)

    def plan(self, list_filter: FilterT, sort: Sort | None = None) -> Plan[RowT]:
        sort = sort or self.default_sort
        if sort.key not in self._sort_keys:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "cannot sort by “%1”; this list sorts by %2"),
                sort.key,
                ", ".join(self._sort_keys),
            )
        chosen = self._sort_keys[sort.key]
        id_column = self._id_column()
        if not (len(chosen) == 1 and chosen[0] is id_column):
            chosen = (*chosen, id_column)
        keys = tuple(key.expression for key in chosen)
        conditions = tuple(self._conditions(list_filter))
        costly = self._costly_filter(list_filter)
        return Plan(
            rows=self._rows(),
            source=id_column.class_.__table__,
            keys=keys,
            conditions=conditions if costly is None else (*conditions, id_column.in_(costly.ids)),
            descending=sort.descending,
            make_row=self._make_row,
            costly=costly,
            other_conditions=conditions,
            indexed=sort.key in self.indexed_sorts,
            nulls_last=sort.key in self.nullable_sorts,
        )

    def rows(
        self, list_filter: FilterT, sort: Sort | None = None, limit: int = PAGE_SIZE
    ) -> list[RowT]:
        """The first rows of a list (for commands and small lists), without counting them."""
        return self.window(list_filter, sort, page_size=limit).first_page()

    def _costly_filter(self, list_filter: FilterT) -> CostlyFilter | None:
        """A part of the filter too costly to test on every row (or None)."""
        return None

    @abstractmethod
    def _id_column(self) -> InstrumentedAttribute[int]: ...

    @abstractmethod
    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]: ...

    @abstractmethod
    def _conditions(self, list_filter: FilterT) -> list[Condition]: ...

    @abstractmethod
    def _rows(self) -> AnySelect: ...

    @abstractmethod
    def _make_row(self, row: AnyRow) -> RowT: ...


def rank_key(column: KeyExpression, order: Sequence[enum.StrEnum]) -> ColumnElement[int]:
    """A sortable number for a value of a closed set, in the given order.

    Constants written into the SQL, not parameters: the tickets' state and priority ranks are
    indexed on exactly this expression (revision 0005), which a database only matches so.
    """
    whens: list[tuple[Any, Any]] = [
        (literal_column(f"'{value.value}'"), literal_column(str(rank)))
        for rank, value in enumerate(order)
    ]
    return case(*whens, value=column, else_=literal_column(str(len(order))))


def text_key(subquery: ColumnElement[Any]) -> ColumnElement[str]:
    # Keys are never NULL: a row value with a NULL compares as unknown and its row would vanish.
    return func.coalesce(subquery, "")


def prefix_range(column: InstrumentedAttribute[str], prefix: str) -> Condition:
    """`column` starts with `prefix` (upper-case letters and digits): an indexable range, and
    LIKE to hold whatever the collation does with the range's ends."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper, column.startswith(prefix, autoescape=True))
