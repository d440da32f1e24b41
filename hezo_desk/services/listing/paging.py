"""The paging engine of the desk's lists: `Window`, one sorted, filtered result.

A window is opened for one filter and one sort (a `Plan`): it knows the true number of
matching rows and hands out any page of them by number, without OFFSET and without loading
the list. A page is read in two steps: the ids of its rows from the list's own table (narrow,
sorted, limited), then the full rows of those ids (joined, by primary key). Page 0 and each
page after one already read come by keyset, `(sort key, id) > (k, i)` in the order of the
sort, from the last row before them (scrolling). A page far from what is known (a jump)
comes from the positions: the ids of the whole result in order, read in one pass over the
keys, after which every page is `id IN (…)`, whatever the sort. Every sort key ends in the
row's id, so the order is total and a cursor names exactly one place.

Everything here is plain Python over a `Database`: thread-safe, no Qt.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import FromClause

from hezo_desk.db import Database
from hezo_desk.services.records import AnyRow, AnySelect
from hezo_desk.services.search import FEW_TICKETS

PAGE_SIZE = 100
# Ids streamed at a time while reading positions.
POSITIONS_CHUNK = 20_000
# How long stopping a positions read may wait for the server to take its cancel request (s).
CANCEL_TIMEOUT_S = 5.0
# A costly filter (a search) that lets through at most this many rows has them read by id.
FEW_IDS = FEW_TICKETS

RowT = TypeVar("RowT")
Cursor = tuple[Any, ...]
Condition = ColumnElement[bool]


class ReadStoppedError(Exception):
    """A window's positions were not read to the end: the list was left (`Window.stop`)."""


@dataclass(frozen=True)
class CostlyFilter:
    """A filter too costly to test on every row of a big table (a full-text search), in the
    three forms a window chooses from, by how many rows it lets through."""

    ids: Select[Any]  # the ids of every row it lets through
    test: Condition  # the same filter as a test of one row of the list's table
    # Its ids when it lets through at most that many rows (read cheaply), else None.
    few: Callable[[Connection, int], list[int] | None]


@dataclass(frozen=True)
class Plan(Generic[RowT]):
    """One filter and sort of one list, as the SQL pieces a `Window` needs."""

    rows: AnySelect  # the full rows (not filtered: they are read by id)
    source: FromClause  # the list's own table, which the keys and conditions refer to
    keys: tuple[ColumnElement[Any], ...]  # the sort key, ending in the row's id
    conditions: tuple[Condition, ...]
    descending: bool
    make_row: Callable[[AnyRow], RowT]
    # A costly filter (a full-text search), already among `conditions` as `id IN (its ids)`.
    # Few rows: they are read by id. Many: the first pages walk the sorted rows and test each
    # (a common word is met at once), and the count and jumps read the positions (the filter
    # evaluated once, as a set of its own).
    costly: CostlyFilter | None = None
    other_conditions: tuple[Condition, ...] = ()
    # The order is an index's: a jump skips rows along it (cheap) rather than sort them all.
    indexed: bool = False
    # The first key may be NULL (a ticket's next due): its NULL rows come after all the others
    # in either direction, among themselves in the order of the other keys. They are read as
    # two segments (with a value, then without), each a range of an index on the keys, since a
    # row value holding a NULL compares as unknown.
    nulls_last: bool = False


class Window(Generic[RowT]):
    """One sorted, filtered result: its size and any page of it. Thread-safe.

    Page 0 and the pages after one already read come by keyset from the cursor before them.
    Any other page (a jump) comes from the positions: the ids of the whole result in order,
    read once in one pass over the keys (`build_positions`; 8 bytes a row, so a list of a
    million rows holds 8 MB however it is scrolled), after which every page is `id IN (…)`.
    """

    def __init__(
        self, db: Database, plan: Plan[RowT], page_size: int = PAGE_SIZE, few_ids: int = FEW_IDS
    ) -> None:
        if page_size < 1:
            raise ValueError(f"page size must be positive, got {page_size}")
        self._db = db
        self._plan = plan
        self.page_size = page_size
        self._few_limit = few_ids
        # What the costly filter lets through, once known: its ids if few, None if many.
        self._few: list[int] | None = None
        self._few_known = False
        self._lock = threading.Lock()
        self._positions_lock = threading.Lock()
        self._count: int | None = None
        self._positions: array[int] | None = None
        # Cursors learnt from pages already read: the key of the last row before page n.
        self._before: dict[int, Cursor] = {}
        # The driver's connection while positions are read, so that `stop()` can interrupt it.
        self._reading: Any = None
        self._stopped = False

    # ----- what a table asks -------------------------------------------------------------

    def first_page(self) -> list[RowT]:
        """Page 0, without counting (the count can follow)."""
        return self.page(0)

    def open(self) -> tuple[int, list[RowT]]:
        """The number of rows and the first page, read in one transaction."""
        with self._db.sessions() as session:
            count = self._count_rows(session)
            with self._lock:
                self._count = count
            return count, self._rows_for(session, self._page_ids(session, 0))

    def count(self) -> int:
        with self._lock:
            if self._count is None and self._positions is not None:
                self._count = len(self._positions)
            if self._count is not None:
                return self._count
        with self._db.sessions() as session:
            count = self._count_rows(session)
        with self._lock:
            self._count = count
        return count

    def recount(self) -> int:
        """The number of rows that match now (others may have added or removed some); what
        this window knows (its count, positions, cursors) stays as it is."""
        if self._plan.costly is None:
            with self._db.sessions() as session:
                return int(session.scalar(self._count_statement()) or 0)
        # A full-text filter counted afresh is a long read, like the positions it once gave.
        with self._db.long_statements(), self._db.sessions() as session:
            return int(session.scalar(self._count_statement()) or 0)

    @property
    def positions_ready(self) -> bool:
        with self._lock:
            return self._positions is not None

    def page(self, number: int) -> list[RowT]:
        """Rows `number * page_size` … of the result (fewer at the end, none past it)."""
        if number < 0:
            raise ValueError(f"page number must not be negative, got {number}")
        with self._db.sessions() as session:
            return self._rows_for(session, self._page_ids(session, number))

    def rows(self, ids: list[int]) -> list[RowT]:
        """The current rows of these ids (to refresh rows on screen), in the order given."""
        with self._db.sessions() as session:
            return self._rows_for(session, ids)

    def ids(self, first: int, last: int) -> list[int]:
        """The ids of rows `first`…`last` (inclusive), in order: for a selection of rows."""
        if first < 0 or last < first:
            return []
        ids: list[int] = []
        with self._db.sessions() as session:
            for number in range(first // self.page_size, last // self.page_size + 1):
                page = self._page_ids(session, number)
                start = number * self.page_size
                ids.extend(page[max(first - start, 0) : last - start + 1])
                if len(page) < self.page_size:
                    break
        return ids

    def position_of(self, row_id: int) -> int | None:
        """Where the row with this id stands in this result now; None if the filter drops it.

        For a refresh that keeps the user's selection on the same ticket after others' changes
        moved it: the rows before it in the order are counted (an index range, not a scan of
        the whole result).
        """
        if self._plan.costly is not None:
            self.build_positions()
        with self._lock:
            positions = self._positions
        if positions is not None:
            try:
                return positions.index(row_id)
            except ValueError:
                return None
        plan = self._plan
        with self._db.sessions() as session:
            connection = session.connection()
            cursor = connection.execute(
                select(*plan.keys).where(*plan.conditions, plan.keys[-1] == row_id)
            ).first()
            if cursor is None:
                return None
            before = (
                select(func.count())
                .select_from(plan.source)
                .where(*plan.conditions, self._rows_before(tuple(cursor)))
            )
            return int(connection.execute(before).scalar() or 0)

    def build_positions(self, check: Callable[[], None] | None = None) -> None:
        """Read the ids of the whole result in order (one pass over the keys); idempotent.

        `check` is called between chunks of ids and may raise to stop early (the list was
        closed or changed); the positions are then left unread.
        """
        with self._positions_lock:
            if self.positions_ready:
                return
            positions: array[int] = array("q")
            # One pass over a million keys: longer than a desk's statement may take.
            with self._db.long_statements(), self._db.sessions() as session:
                connection = session.connection()
                statements = self._positions_statements(connection)
                if not self._db.is_sqlite:
                    # A server-side cursor: the client holds a chunk of ids at a time.
                    statements = [
                        statement.execution_options(yield_per=POSITIONS_CHUNK)
                        for statement in statements
                    ]
                with self._lock:
                    if self._stopped:
                        raise ReadStoppedError("the list was left before its positions were read")
                    self._reading = connection.connection.dbapi_connection
                try:
                    for statement in statements:
                        result = connection.execute(statement)
                        try:
                            self._read_ids(result, positions, check)
                        finally:
                            result.close()
                except DBAPIError as error:
                    if self._stopped:  # the driver's "interrupted" / "canceling statement"
                        raise ReadStoppedError(
                            "the list was left while its positions were read"
                        ) from error
                    raise
                finally:
                    with self._lock:
                        self._reading = None
            with self._lock:
                self._positions = positions

    def _read_ids(
        self, result: CursorResult[Any], positions: array[int], check: Callable[[], None] | None
    ) -> None:
        """Fetch the ids in chunks, checking for a stop between them."""
        for chunk in self._id_chunks(result):
            positions.extend(chunk)
            if check is not None:
                check()
            if self._stopped:
                raise ReadStoppedError("the list was left while its positions were read")

    def _id_chunks(self, result: CursorResult[Any]) -> Iterator[Sequence[int]]:
        if not self._db.is_sqlite:
            # A server-side cursor, whose first rows SQLAlchemy has already buffered.
            yield from result.scalars().partitions(POSITIONS_CHUNK)
            return
        # SQLite's own cursor: even Core's rows would double the time (and the time the
        # user's page reads wait for the GIL meanwhile). Its errors become SQLAlchemy's.
        dialect = self._db.engine.dialect
        driver_error = dialect.loaded_dbapi.Error
        try:
            while rows := result.cursor.fetchmany(POSITIONS_CHUNK):
                yield [row[0] for row in rows]
        except driver_error as error:
            raise DBAPIError.instance(None, None, error, driver_error, dialect=dialect) from error

    def _positions_statements(self, connection: Connection) -> list[Select[Any]]:
        """The ids of the whole result in order: one statement, or for a first key that may be
        NULL without a costly filter, one for each of its two segments (two index ranges)."""
        plan = self._plan
        if not plan.nulls_last or plan.costly is not None:
            return [self._positions_statement(connection)]
        first, id_column = plan.keys[0], plan.keys[-1]
        descending = plan.descending
        rest = [key.desc() if descending else key.asc() for key in plan.keys[1:]]
        return [
            select(id_column)
            .where(*plan.conditions, first.is_not(None))
            .order_by(*self._order(backwards=False)),
            select(id_column).where(*plan.conditions, first.is_(None)).order_by(*rest),
        ]

    def _positions_statement(self, connection: Connection) -> Select[Any]:
        """The ids of the whole result in order, by the cheapest way for the filter."""
        plan = self._plan
        id_column = plan.keys[-1]
        if plan.costly is None:
            return select(id_column).where(*plan.conditions).order_by(*self._order(backwards=False))
        # A costly filter first, on its own. Few ids (a word most dialogues lack, a number):
        # those rows are read by id; a database cannot guess how few and might otherwise read
        # the whole table to join them.
        found = self._costly_few(connection)
        if found is not None:
            return (
                select(id_column)
                .where(*plan.other_conditions, id_column.in_(found))
                .order_by(*self._order(backwards=False))
            )
        # Many: the filter once, into a set of its own, then that set in order (else a
        # database may walk an index in sort order and test the filter on every row).
        labels = [key.label(f"k{number}") for number, key in enumerate(plan.keys)]
        matched = select(*labels).where(*plan.conditions).cte("matched").prefix_with("MATERIALIZED")
        keys = [matched.c[f"k{number}"] for number in range(len(plan.keys))]
        return select(keys[-1]).order_by(*self._ordered(keys, backwards=False))

    def stop(self) -> None:
        """The list was left: a positions read under way stops (its query is interrupted)."""
        with self._lock:
            self._stopped = True
            reading = self._reading
            # Interrupted under the lock: the read gives its connection back to the pool only
            # after clearing `_reading` under this lock, so the interrupt cannot reach a query
            # of another task that took the connection meanwhile. Both drivers allow this from
            # another thread: sqlite3 `interrupt`, psycopg `cancel`.
            if reading is None:
                return
            bounded = getattr(reading, "cancel_safe", None)
            if bounded is not None:
                # psycopg: a cancel request goes over a new connection to the server; with
                # libpq 17+ it gives up after a while instead of waiting out a dead network.
                bounded(timeout=CANCEL_TIMEOUT_S)
                return
            interrupt = getattr(reading, "interrupt", None) or getattr(reading, "cancel", None)
            if interrupt is not None:
                interrupt()

    # ----- reading -------------------------------------------------------------------------

    def _costly_few(self, connection: Connection) -> list[int] | None:
        """The ids the costly filter lets through if they are few, else None (read once)."""
        costly = self._plan.costly
        assert costly is not None
        with self._lock:
            if self._few_known:
                return self._few
        few = costly.few(connection, self._few_limit)
        with self._lock:
            self._few, self._few_known = few, True
        return few

    def _count_rows(self, session: Session) -> int:
        if self._plan.costly is not None:
            # The filter is evaluated once, for the positions, which give the count as well.
            self.build_positions()
            with self._lock:
                assert self._positions is not None
                return len(self._positions)
        return int(session.scalar(self._count_statement()) or 0)

    def _count_statement(self) -> Select[int]:
        # count(*), not count(id): SQLite counts a whole table from its smallest index.
        return select(func.count()).select_from(self._plan.source).where(*self._plan.conditions)

    def _page_ids(self, session: Session, number: int) -> list[int]:
        """The ids of page `number`, by the cheapest way known."""
        size = self.page_size
        with self._lock:
            positions = self._positions
            before = self._before.get(number)
        conditions = self._plan.conditions
        costly = self._plan.costly
        if positions is None and costly is not None:
            if (number == 0 or before is not None) and self._costly_few(
                session.connection()
            ) is None:
                # Many rows pass: walking the sorted rows meets a page of them soon.
                conditions = (*self._plan.other_conditions, costly.test)
            else:
                self.build_positions()
                with self._lock:
                    positions = self._positions
        if positions is not None:
            return list(positions[number * size : (number + 1) * size])
        if number == 0 or before is not None:
            keys = self._read_keys(session, before, size, conditions=conditions)
        else:
            count = self.count()
            if number * size >= count:
                return []
            if (number + 1) * size >= count:
                # The last page is as near as the first: read it backwards from the end.
                keys = self._read_keys(
                    session, None, count - number * size, conditions=conditions, backwards=True
                )
            elif self._plan.indexed:
                # Until the positions are read (in the background): skipping rows along the
                # sort's index costs less than waiting for them.
                keys = self._read_keys(
                    session, None, size, conditions=conditions, offset=number * size
                )
            else:
                # Any other order costs a sort of the whole result, which the positions
                # keep for every later jump.
                self.build_positions()
                return self._page_ids(session, number)
        if len(keys) == size:
            with self._lock:
                self._before.setdefault(number + 1, keys[-1])
        return [key[-1] for key in keys]

    def _order(self, *, backwards: bool) -> list[ColumnElement[Any]]:
        return self._ordered(self._plan.keys, backwards=backwards)

    def _ordered(
        self, keys: Sequence[ColumnElement[Any]], *, backwards: bool
    ) -> list[ColumnElement[Any]]:
        descending = self._plan.descending != backwards
        ordered: list[ColumnElement[Any]] = [
            key.desc() if descending else key.asc() for key in keys
        ]
        if self._plan.nulls_last:
            ordered[0] = ordered[0].nulls_first() if backwards else ordered[0].nulls_last()
        return ordered

    def _keyset(
        self,
        cursor: Cursor,
        backwards: bool,
        keys: Sequence[ColumnElement[Any]] | None = None,
    ) -> Condition:
        """The rows after `cursor` in the order (before it, reading backwards), by `keys`
        (all the plan's keys unless given; `cursor` holds a value for each)."""
        keys = self._plan.keys if keys is None else keys
        values = [literal(value, type_=key.type) for key, value in zip(keys, cursor, strict=True)]
        left = tuple_(*keys) if len(keys) > 1 else keys[0]
        right = tuple_(*values) if len(values) > 1 else values[0]
        ascending = self._plan.descending == backwards
        return left > right if ascending else left < right

    def _rows_before(self, cursor: Cursor) -> Condition:
        """The rows before `cursor` in the order (to count them)."""
        if not self._plan.nulls_last:
            return self._keyset(cursor, backwards=True)
        first = self._plan.keys[0]
        if cursor[0] is not None:
            return and_(first.is_not(None), self._keyset(cursor, backwards=True))
        rest = self._keyset(cursor[1:], backwards=True, keys=self._plan.keys[1:])
        return or_(first.is_not(None), and_(first.is_(None), rest))

    def _read_keys(
        self,
        session: Session,
        cursor: Cursor | None,
        limit: int,
        *,
        conditions: Sequence[Condition],
        backwards: bool = False,
        offset: int = 0,
    ) -> list[Cursor]:
        """The sort keys (ending in the id) of up to `limit` rows after `cursor` (or after
        skipping `offset` rows)."""
        plan = self._plan
        if not plan.nulls_last or offset:
            return self._read_range(
                session, cursor, limit, conditions, plan.keys, backwards=backwards, offset=offset
            )
        # Two segments, each an index range: the rows with a first key, then those without
        # (the other way round reading backwards), continuing from the cursor's segment.
        first = plan.keys[0]
        segments = [False, True] if not backwards else [True, False]
        if cursor is not None:
            segments = segments[segments.index(cursor[0] is None) :]
        keys: list[Cursor] = []
        for undated in segments:
            if len(keys) >= limit:
                break
            at = cursor if cursor is not None and (cursor[0] is None) == undated else None
            if undated:
                found = self._read_range(
                    session,
                    None if at is None else at[1:],
                    limit - len(keys),
                    (*conditions, first.is_(None)),
                    plan.keys[1:],
                    backwards=backwards,
                )
            else:
                found = self._read_range(
                    session,
                    at,
                    limit - len(keys),
                    (*conditions, first.is_not(None)),
                    plan.keys,
                    backwards=backwards,
                )
            # Each range comes in the list's order; reading backwards, the later range first.
            keys = [*found, *keys] if backwards else [*keys, *found]
        return keys

    def _read_range(
        self,
        session: Session,
        cursor: Cursor | None,
        limit: int,
        conditions: Sequence[Condition],
        order_keys: Sequence[ColumnElement[Any]],
        *,
        backwards: bool,
        offset: int = 0,
    ) -> list[Cursor]:
        """Up to `limit` rows' keys after `cursor` by `order_keys`, in the reading order."""
        statement = select(*self._plan.keys).where(*conditions)
        if cursor is not None:
            statement = statement.where(self._keyset(cursor, backwards, keys=order_keys))
        if order_keys is self._plan.keys:
            order = self._order(backwards=backwards)
        else:
            descending = self._plan.descending != backwards
            order = [key.desc() if descending else key.asc() for key in order_keys]
        statement = statement.order_by(*order).limit(limit)
        if offset:
            statement = statement.offset(offset)
        keys = [tuple(row) for row in session.connection().execute(statement)]
        if backwards:
            keys.reverse()
        return keys

    def _rows_for(self, session: Session, ids: list[int]) -> list[RowT]:
        """The full rows of these ids, in the order given (one indexed read)."""
        if not ids:
            return []
        plan = self._plan
        id_column = plan.keys[-1]
        statement = plan.rows.add_columns(id_column.label("_row_id")).where(id_column.in_(ids))
        # The row's own columns, then its id.
        fetched = {row[-1]: row[:-1] for row in session.execute(statement)}
        return [plan.make_row(cast(AnyRow, fetched[i])) for i in ids if i in fetched]
