"""Paged, sorted, filtered lists for the desk's tables: contracts, services, tickets, audit.

A list is opened as a `Window` for one filter and one sort: it knows the true number of
matching rows and hands out any page of them by number, without OFFSET and without loading
the list. A page is read in two steps: the ids of its rows from the list's own table (narrow,
sorted, limited), then the full rows of those ids (joined, by primary key). Page 0 and each
page after one already read come by keyset, `(sort key, id) > (k, i)` in the order of the
sort, from the last row before them (scrolling). A page far from what is known (a jump)
comes from the positions: the ids of the whole result in order, read in one pass over the
keys, after which every page is `id IN (…)`, whatever the sort. Every sort key ends in the
row's id, so the order is total and a cursor names exactly one place. Filters and sort keys
refer to the list's own table only (joined values through correlated subqueries), so
counting and ordering read no joins.

Everything here is plain Python over a `Database`: thread-safe, no Qt.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
from abc import ABC, abstractmethod
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased
from sqlalchemy.sql import FromClause

from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES, ContractState, Priority, TicketState
from hezo_desk.errors import UserError
from hezo_desk.models import Agent, AuditEntry, Customer, Reseller, Service, ServiceContract, Ticket
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditFilter, AuditRow, AuditService
from hezo_desk.services.audit import _row as audit_row
from hezo_desk.services.normalize import contract_number_key, fold
from hezo_desk.services.records import (
    AnyRow,
    AnySelect,
    ContractRow,
    ServiceRow,
    TicketRow,
    contract_row,
    contract_select,
    service_row,
    service_select,
    ticket_row,
    ticket_select,
)
from hezo_desk.services.search import FEW_TICKETS, SearchService, parse_query, printable_line
from hezo_desk.services.serials import ParsedSerial, parse_serial
from hezo_desk.services.tax_ids import InvalidTaxIdError, parse_tax_id
from hezo_desk.services.ticket_numbers import parse_ticket_number

PAGE_SIZE = 100
# Ids streamed at a time while reading positions.
POSITIONS_CHUNK = 20_000
# A costly filter (a search) that lets through at most this many rows has them read by id.
FEW_IDS = FEW_TICKETS

RowT = TypeVar("RowT")
FilterT = TypeVar("FilterT")
Cursor = tuple[Any, ...]
Condition = ColumnElement[bool]
KeyExpression = ColumnElement[Any] | InstrumentedAttribute[Any]

# The workflow order of states and the urgency order of priorities, for sorting.
TICKET_STATE_ORDER = (
    TicketState.NEW,
    TicketState.IN_PROGRESS,
    TicketState.WAITING_FOR_CUSTOMER,
    TicketState.CLOSED,
    TicketState.CANCELLED,
)
PRIORITY_ORDER = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.CRITICAL)
CONTRACT_STATE_ORDER = (ContractState.ACTIVE, ContractState.EXPIRED, ContractState.CANCELLED)


class ReadStoppedError(Exception):
    """A window's positions were not read to the end: the list was left (`Window.stop`)."""


@dataclass(frozen=True)
class Sort:
    """A list's order: one of its sort keys (by name), ascending or descending."""

    key: str
    descending: bool = False


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

    @property
    def page_count(self) -> int:
        return -(-self.count() // self.page_size)

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
                .where(*plan.conditions, self._keyset(tuple(cursor), backwards=True))
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
            with self._db.sessions() as session:
                connection = session.connection()
                statement = self._positions_statement(connection)
                if not self._db.is_sqlite:
                    # A server-side cursor: the client holds a chunk of ids at a time.
                    statement = statement.execution_options(yield_per=POSITIONS_CHUNK)
                with self._lock:
                    if self._stopped:
                        raise ReadStoppedError("the list was left before its positions were read")
                    self._reading = connection.connection.dbapi_connection
                try:
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
        if reading is not None:
            # Both drivers allow this from another thread: sqlite3 `interrupt`, psycopg `cancel`.
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
        # count(*), not count(id): SQLite counts a whole table from its smallest index.
        statement = (
            select(func.count()).select_from(self._plan.source).where(*self._plan.conditions)
        )
        return int(session.scalar(statement) or 0)

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
        return [key.desc() if descending else key.asc() for key in keys]

    def _keyset(self, cursor: Cursor, backwards: bool) -> Condition:
        """The rows after `cursor` in the order (before it, reading backwards)."""
        keys = self._plan.keys
        values = [literal(value, type_=key.type) for key, value in zip(keys, cursor, strict=True)]
        left = tuple_(*keys) if len(keys) > 1 else keys[0]
        right = tuple_(*values) if len(values) > 1 else values[0]
        ascending = self._plan.descending == backwards
        return left > right if ascending else left < right

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
        statement = select(*self._plan.keys).where(*conditions)
        if cursor is not None:
            statement = statement.where(self._keyset(cursor, backwards))
        statement = statement.order_by(*self._order(backwards=backwards)).limit(limit)
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


class Listing(ABC, Generic[RowT, FilterT]):
    """One list of the desk: its rows, its filters and the keys it can be sorted by."""

    default_sort: ClassVar[Sort]
    # Sorts whose order an index keeps (see the migrations): a jump may skip along them.
    indexed_sorts: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sort_keys: Mapping[str, tuple[KeyExpression, ...]] = self._define_sort_keys()

    @property
    def db(self) -> Database:
        return self._db

    @property
    def sort_keys(self) -> Sequence[str]:
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
                f"cannot sort by {sort.key!r}; this list sorts by " + ", ".join(self._sort_keys)
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


def _rank(column: KeyExpression, order: Sequence[enum.StrEnum]) -> ColumnElement[int]:
    """A sortable number for a value of a closed set, in the given order.

    Constants written into the SQL, not parameters: the tickets' state and priority ranks are
    indexed on exactly this expression (revision 0005), which a database only matches so.
    """
    whens: list[tuple[Any, Any]] = [
        (literal_column(f"'{value.value}'"), literal_column(str(rank)))
        for rank, value in enumerate(order)
    ]
    return case(*whens, value=column, else_=literal_column(str(len(order))))


def _text_key(subquery: ColumnElement[Any]) -> ColumnElement[str]:
    # Keys are never NULL: a row value with a NULL compares as unknown and its row would vanish.
    return func.coalesce(subquery, "")


def _prefix_range(column: InstrumentedAttribute[str], prefix: str) -> Condition:
    """`column` starts with `prefix` (upper-case letters and digits): an indexable range, and
    LIKE to hold whatever the collation does with the range's ends."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper, column.startswith(prefix, autoescape=True))


# ----- contracts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractFilter:
    states: frozenset[ContractState] = frozenset()
    reseller_id: int | None = None
    # Active contracts whose term ends between today and today + N days.
    expiring_within_days: int | None = None
    # A contract number (its start), a tax id, or words of the customer's name.
    text: str = ""
    customer_id: int | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class ResellerChoice:
    id: int
    name: str


class ContractListing(Listing[ContractRow, ContractFilter]):
    default_sort: ClassVar[Sort] = Sort("customer")

    def resellers(self) -> list[ResellerChoice]:
        """Every reseller, by name: the choices of the reseller filter."""
        with self._db.sessions() as session:
            rows = session.execute(select(Reseller.id, Reseller.name).order_by(Reseller.name))
            return [ResellerChoice(reseller_id, name) for reseller_id, name in rows]

    def _id_column(self) -> InstrumentedAttribute[int]:
        return ServiceContract.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        customer, reseller, service = aliased(Customer), aliased(Reseller), aliased(Service)

        def of_customer(value: InstrumentedAttribute[str]) -> ColumnElement[Any]:
            return (
                select(value)
                .where(customer.id == ServiceContract.customer_id)
                .correlate(ServiceContract)
                .scalar_subquery()
            )

        services = (
            select(func.count(service.id))
            .where(service.contract_id == ServiceContract.id)
            .correlate(ServiceContract)
            .scalar_subquery()
        )
        reseller_name = (
            select(reseller.name)
            .where(reseller.id == ServiceContract.reseller_id)
            .correlate(ServiceContract)
            .scalar_subquery()
        )
        return {
            "number": (ServiceContract.number_key,),
            "customer": (_text_key(of_customer(customer.name_folded)),),
            "tax_id": (_text_key(of_customer(customer.tax_id)),),
            "reseller": (_text_key(reseller_name),),
            "start": (ServiceContract.start_date,),
            "term": (ServiceContract.end_date,),
            "state": (_rank(ServiceContract.state, CONTRACT_STATE_ORDER),),
            "services": (services,),
        }

    def _conditions(self, list_filter: ContractFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.states:
            conditions.append(ServiceContract.state.in_(list_filter.states))
        if list_filter.reseller_id is not None:
            conditions.append(ServiceContract.reseller_id == list_filter.reseller_id)
        if list_filter.customer_id is not None:
            conditions.append(ServiceContract.customer_id == list_filter.customer_id)
        if list_filter.expiring_within_days is not None:
            if list_filter.expiring_within_days < 0:
                raise UserError("'expiring within' needs a number of days of 0 or more")
            today = list_filter.today or dt.date.today()
            conditions.append(ServiceContract.state == ContractState.ACTIVE)
            conditions.append(
                ServiceContract.end_date.between(
                    today, today + dt.timedelta(days=list_filter.expiring_within_days)
                )
            )
        text = printable_line(list_filter.text)
        if text:
            conditions.append(_contract_text(text))
        return conditions

    def _rows(self) -> AnySelect:
        return contract_select()

    def _make_row(self, row: AnyRow) -> ContractRow:
        return contract_row(row)


def _contract_text(text: str) -> Condition:
    """A contract number (or its start), a tax id, or words of the customer's name."""
    alternatives: list[Condition] = []
    key = contract_number_key(text)
    if key:
        alternatives.append(_prefix_range(ServiceContract.number_key, key))
    try:
        tax_id = parse_tax_id(text).canonical
    except InvalidTaxIdError:
        pass
    else:
        alternatives.append(
            ServiceContract.customer_id.in_(select(Customer.id).where(Customer.tax_id == tax_id))
        )
    folded = fold(text)
    name = or_(
        Customer.name_folded.startswith(folded, autoescape=True),
        Customer.name_folded.contains(" " + folded, autoescape=True),
    )
    alternatives.append(ServiceContract.customer_id.in_(select(Customer.id).where(name)))
    return or_(*alternatives)


# ----- services (serials) ------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilter:
    # A serial in any notation; its bare serial is matched from the start.
    serial: ParsedSerial | None = None
    contract_id: int | None = None
    customer_id: int | None = None


def read_serial(text: str) -> ParsedSerial | None:
    """A serial field's text: None when empty; `InvalidSerialError` says what is wrong."""
    if not text.strip():
        return None
    return parse_serial(text)


class ServiceListing(Listing[ServiceRow, ServiceFilter]):
    default_sort: ClassVar[Sort] = Sort("notation")

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Service.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        contract, customer = aliased(ServiceContract), aliased(Customer)
        contract_number = (
            select(contract.number_key)
            .where(contract.id == Service.contract_id)
            .correlate(Service)
            .scalar_subquery()
        )
        customer_name = (
            select(customer.name_folded)
            .join(contract, contract.customer_id == customer.id)
            .where(contract.id == Service.contract_id)
            .correlate(Service)
            .scalar_subquery()
        )
        notation = (Service.serial, Service.notation_index)
        return {
            "notation": notation,
            "serial": notation,
            "product": (Service.product,),
            "contract": (_text_key(contract_number),),
            "customer": (_text_key(customer_name),),
            "start": (Service.start_date,),
            "term": (Service.end_date,),
        }

    def _conditions(self, list_filter: ServiceFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.serial is not None:
            conditions.append(_prefix_range(Service.serial, list_filter.serial.serial))
        if list_filter.contract_id is not None:
            conditions.append(Service.contract_id == list_filter.contract_id)
        if list_filter.customer_id is not None:
            conditions.append(
                Service.contract_id.in_(
                    select(ServiceContract.id).where(
                        ServiceContract.customer_id == list_filter.customer_id
                    )
                )
            )
        return conditions

    def _rows(self) -> AnySelect:
        return service_select()

    def _make_row(self, row: AnyRow) -> ServiceRow:
        return service_row(row)


# ----- tickets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketFilter:
    states: frozenset[TicketState] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    # Assigned to the acting agent, or to nobody; both ticked: either of the two.
    mine: bool = False
    unassigned: bool = False
    # Migrated from the legacy system and not yet reviewed by the back office.
    awaiting_review: bool = False
    customer_id: int | None = None
    # Full-text search: ticket numbers (new and legacy), subjects, words in the dialogue.
    search: str = ""


OPEN_STATES = OPEN_TICKET_STATES


class TicketListing(Listing[TicketRow, TicketFilter]):
    default_sort: ClassVar[Sort] = Sort("updated", descending=True)
    # Every sort but state and priority (their rank indexes are on an expression, which a jump
    # would compute for each row it skips).
    indexed_sorts: ClassVar[frozenset[str]] = frozenset(
        {
            "number",
            "subject",
            "customer",
            "notation",
            "channel",
            "assignee",
            "reseller_access",
            "opened",
            "updated",
        }
    )

    def __init__(self, db: Database, actor: Actor) -> None:
        super().__init__(db)
        self._actor = actor
        self._search = SearchService(db)

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Ticket.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        return {
            # Numbers are issued in the order tickets are created, as ids are; the id is
            # indexed and numeric, where `HD-1000000` would sort before `HD-999999` as text.
            "number": (Ticket.id,),
            "subject": (Ticket.subject,),
            # What a ticket refers to, through the copies its triggers keep (revision 0006).
            "customer": (Ticket.customer_sort,),
            "notation": (Ticket.serial_sort, Ticket.notation_index_sort),
            "state": (_rank(Ticket.state, TICKET_STATE_ORDER),),
            "priority": (_rank(Ticket.priority, PRIORITY_ORDER),),
            "channel": (Ticket.channel,),
            "assignee": (Ticket.assignee_sort,),
            "reseller_access": (Ticket.reseller_access,),
            "opened": (Ticket.opened_at,),
            "updated": (Ticket.updated_at,),
        }

    def _conditions(self, list_filter: TicketFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.states:
            conditions.append(Ticket.state.in_(list_filter.states))
        if list_filter.priorities:
            conditions.append(Ticket.priority.in_(list_filter.priorities))
        assignees: list[Condition] = []
        if list_filter.mine:
            assignees.append(Ticket.assignee_id == self._actor.id)
        if list_filter.unassigned:
            assignees.append(Ticket.assignee_id.is_(None))
        if assignees:
            conditions.append(or_(*assignees))
        if list_filter.awaiting_review:
            conditions.append(Ticket.migrated_at.is_not(None))
            conditions.append(Ticket.reviewed_at.is_(None))
        if list_filter.customer_id is not None:
            conditions.append(Ticket.customer_id == list_filter.customer_id)
        if list_filter.search.strip() and parse_query(list_filter.search).is_empty:
            conditions.append(false())
        return conditions

    def _costly_filter(self, list_filter: TicketFilter) -> CostlyFilter | None:
        """The full-text search (its own tests: test_search.py)."""
        query = parse_query(list_filter.search)
        if query.is_empty:
            return None
        search = self._search

        def few(connection: Connection, most: int) -> list[int] | None:
            return search.few_ticket_ids(connection, query, most)

        return CostlyFilter(ids=search.ticket_ids(query), test=search.matches(query), few=few)

    def _rows(self) -> AnySelect:
        return ticket_select()

    def _make_row(self, row: AnyRow) -> TicketRow:
        return ticket_row(row)


# ----- audit -------------------------------------------------------------------------------


class AuditListing(Listing[AuditRow, AuditFilter]):
    """The append-only log, for supervisors and administrators."""

    default_sort: ClassVar[Sort] = Sort("time", descending=True)

    def __init__(self, db: Database, actor: Actor) -> None:
        require_role(actor, AuditService.READERS, "read the audit log")
        super().__init__(db)

    def _id_column(self) -> InstrumentedAttribute[int]:
        return AuditEntry.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        agent = aliased(Agent)
        agent_login = (
            select(agent.login)
            .where(agent.id == AuditEntry.agent_id)
            .correlate(AuditEntry)
            .scalar_subquery()
        )
        return {
            "time": (AuditEntry.recorded_at,),
            "agent": (_text_key(agent_login),),
            "action": (AuditEntry.action,),
            # Tickets in the order they were opened (their numbers' order); none first.
            "ticket": (func.coalesce(AuditEntry.ticket_id, 0),),
            "summary": (AuditEntry.summary,),
        }

    def _conditions(self, list_filter: AuditFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.agent_login:
            login = printable_line(list_filter.agent_login).lower()
            conditions.append(AuditEntry.agent_id.in_(select(Agent.id).where(Agent.login == login)))
        if list_filter.ticket_number and printable_line(list_filter.ticket_number):
            text = printable_line(list_filter.ticket_number)
            numbers = {text, text.upper()}
            parsed = parse_ticket_number(text)
            if parsed is not None:
                numbers.add(parsed)
            conditions.append(
                AuditEntry.ticket_id.in_(
                    select(Ticket.id).where(
                        or_(Ticket.number.in_(numbers), Ticket.legacy_number.in_(numbers))
                    )
                )
            )
        if list_filter.action and printable_line(list_filter.action):
            action = printable_line(list_filter.action)
            conditions.append(AuditEntry.action.startswith(action, autoescape=True))
        if list_filter.since is not None:
            conditions.append(AuditEntry.recorded_at >= list_filter.since)
        if list_filter.until is not None:
            conditions.append(AuditEntry.recorded_at < list_filter.until)
        return conditions

    def _rows(self) -> AnySelect:
        return AuditService._query(AuditFilter())

    def _make_row(self, row: AnyRow) -> AuditRow:
        entry, login, name, number = row
        return audit_row(entry, login, name, number)
