"""A windowed table model: the true row count, only the pages looked at, a small page cache.

The model holds a `Window` of a listing (one filter, one sort) and a few pages of its rows.
`data()` for a row whose page is not cached returns nothing yet and asks for the page; pages
are read in the thread pool, newest request first, and fill in with `dataChanged` when they
arrive. Sorting (`sort()`, a header click) and filtering open a new window in the pool and
reset the model when its first page is there; `refresh()` re-reads the count and the pages in
view without a reset, so the selection and the scroll position stay; `follow_changes()` shows
rows changed elsewhere without reading a long list's positions again. The long reads (a
whole list's positions, the ids of a selection of thousands of rows) go to `jobs`, the pool
for long jobs, so that they never hold up the page reads.

One cohesive thing, kept in one module although it is longer than most: the model's cache,
its page requests, its resets and its following of remote changes share one state machine,
and splitting them would spread that state over several files.
"""

from __future__ import annotations

from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from hezo_desk.services.listing.definition import Listing, Sort
from hezo_desk.services.listing.paging import PAGE_SIZE, ReadStoppedError, Window
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.plain_text import tooltip_text
from hezo_desk.ui.workers import Task, TaskControl, TaskSet

R = TypeVar("R")
F = TypeVar("F")
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# Pages kept (LRU); a page is 100 rows, so a few screens' worth around the view.
CACHE_PAGES = 30
# Page reads at once, and how many requested pages are remembered (older requests are dropped:
# the view asks again for what it still shows).
MAX_IN_FLIGHT = 2
MAX_WANTED = 8
# Lists longer than this many pages get their positions read in the background right away,
# so that a jump (dragging the scroll bar, Ctrl+End) is one indexed read.
PREFETCH_POSITIONS_PAGES = 20
# The positions are read this long after a list opens: a read of a million ids takes the
# interpreter from the user's first jump, which skips along an index faster on its own.
PREFETCH_DELAY_MS = 500
LOADING_TEXT = "…"


@dataclass(frozen=True)
class TableColumn(Generic[R]):
    """One column: header, how a row shows in it, and the listing's sort key behind it."""

    header: str
    value: Callable[[R], str]
    sort: str | None
    align_right: bool = False
    bold: Callable[[R], bool] | None = None
    tooltip: Callable[[R], str] | None = None
    # A text colour for some rows (a cue such as "overdue"), None for the theme's own.
    foreground: Callable[[R], QColor | None] | None = None


@dataclass(frozen=True)
class _Page(Generic[R]):
    window: Window[R]
    rows: list[R]


@dataclass(frozen=True)
class _Opened(Generic[R]):
    """A window read off the UI thread: its count (if read), first rows, kept rows' places."""

    window: Window[R]
    count: int | None
    rows: list[R]
    kept_rows: list[int]


class WindowedTableModel(QAbstractTableModel, Generic[R, F]):
    """Base of the desk's list models; a subclass names its columns (`_columns`) and ids."""

    loaded = Signal(int)  # the true number of rows, after every (re)load
    # After a refresh: the rows where the rows selected before it now stand (their ids kept).
    reselect = Signal(object)  # list[int] of row numbers
    busy = Signal(bool)  # a load (filter, sort, refresh) is under way
    failed = Signal(str)

    def __init__(
        self,
        listing: Listing[R, F],
        list_filter: F,
        tasks: TaskSet,
        parent: QObject | None = None,
        *,
        jobs: TaskSet | None = None,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
    ) -> None:
        super().__init__(parent)
        self._listing = listing
        self._filter = list_filter
        self._sort: Sort = type(listing).default_sort
        self._tasks = tasks
        self._jobs = jobs if jobs is not None else tasks
        self._page_size = page_size
        self._cache_pages = max(cache_pages, 2)
        self._columns_list: list[TableColumn[R]] = self._columns()
        self._bold = QFont()
        self._bold.setBold(True)
        self._window: Window[R] | None = None
        self._count = 0
        self._cache: OrderedDict[int, _Page[R]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._in_flight: dict[int, Window[R]] = {}
        self._opening: object | None = None
        self._prefetch: Task[None] | None = None
        self._prefetch_window: Window[R] | None = None
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._start_prefetch)
        self._started = False
        self._dispatcher = QTimer(self)
        self._dispatcher.setSingleShot(True)
        self._dispatcher.setInterval(0)
        self._dispatcher.timeout.connect(self._dispatch)

    # ----- for subclasses ------------------------------------------------------------------

    @abstractmethod
    def _columns(self) -> list[TableColumn[R]]:
        """The columns, with headers through `self.tr` (called again on a language change)."""

    @abstractmethod
    def row_id(self, row: R) -> int: ...

    # ----- what screens use ----------------------------------------------------------------

    @property
    def list_filter(self) -> F:
        return self._filter

    @property
    def window(self) -> Window[R] | None:
        """The result shown (None before the first read)."""
        return self._window

    @property
    def current_sort(self) -> Sort:
        return self._sort

    @property
    def is_loading(self) -> bool:
        return self._opening is not None

    @property
    def row_count(self) -> int:
        return self._count

    def start(self) -> None:
        """Load the first page (screens call this once the header's saved sort is applied)."""
        if not self._started:
            self._started = True
            self._open(refresh=False)

    def set_filter(self, list_filter: F) -> None:
        if list_filter == self._filter and self._started:
            return
        self._filter = list_filter
        if self._started:
            self._open(refresh=False)

    def refresh(self, keep_ids: Iterable[int] = ()) -> None:
        """Re-read the count and the rows in view; keeps the scroll position.

        Rows may have moved (others changed them, and the order is by last change): the rows
        of `keep_ids` are found again in the same read and announced through `reselect`
        together with the new rows, so a selection never sits on the wrong row meanwhile.
        """
        if not self._started:
            self.start()
            return
        self._open(refresh=True, keep_ids=list(keep_ids))

    def show_kept(self, list_filter: F, keep_ids: Iterable[int] = ()) -> None:
        """Show `list_filter` with the rows of `keep_ids` selected again (through `reselect`)
        in the same read: a screen built anew shows what its predecessor showed."""
        self._filter = list_filter
        self._started = True
        self._open(refresh=True, keep_ids=list(keep_ids))

    def refresh_ids(self, ids: Iterable[int]) -> None:
        """Re-read the rows in memory with these ids (another agent changed them), in place.

        Their places in the list stay until the next `refresh()`; nothing else is read.
        """
        window = self._window
        wanted = set(ids)
        if window is None or not wanted:
            return
        places: dict[int, list[tuple[int, int]]] = {}
        for number, page in self._cache.items():
            for offset, row in enumerate(page.rows):
                row_id = self.row_id(row)
                if row_id in wanted:
                    places.setdefault(row_id, []).append((number, offset))
        if not places:
            return
        found = list(places)

        def work(_control: TaskControl) -> list[R]:
            return window.rows(found)

        self._tasks.start(
            work,
            owner=self,
            finished=lambda rows: self._rows_reread(window, places, rows),
            failed=lambda error: self._page_failed(window, None, error),
        )

    def follow_changes(self, ids: Iterable[int], keep_ids: Iterable[int] = ()) -> None:
        """Rows with these ids changed (here or elsewhere): show them as they are now, without
        reading a long list's positions again unless rows came or went.

        A list whose positions are not read (a short one, at most a few thousand rows) is
        refreshed: count, first page and the kept rows' places, in the new order. A long one
        is counted again: rows came or went (another count) and it is refreshed (its positions
        read again later); else the changed rows in memory are read again in place and keep
        their places until the next refresh (F5).
        """
        wanted = set(ids)
        window = self._window
        if not self._started or not wanted:
            return
        keep = list(keep_ids)
        if window is None or self._opening is not None or not window.positions_ready:
            self.refresh(keep)
            return

        def work(_control: TaskControl) -> int:
            return window.recount()

        self._tasks.start(
            work,
            owner=self,
            finished=lambda count: self._recounted(window, wanted, keep, count),
            failed=lambda error: self._page_failed(window, None, error),
        )

    def _recounted(self, window: Window[R], ids: set[int], keep: list[int], count: int) -> None:
        if not self._alive() or window is not self._window or self._opening is not None:
            return  # another list or a refresh under way: that read shows the change
        if count != self._count:
            self.refresh(keep)
        else:
            self.refresh_ids(ids)

    def _rows_reread(
        self, window: Window[R], places: dict[int, list[tuple[int, int]]], rows: list[R]
    ) -> None:
        if not self._alive() or window is not self._window:
            return
        last_column = len(self._columns_list) - 1
        for row in rows:
            for number, offset in places.get(self.row_id(row), []):
                page = self._cache.get(number)
                if page is None or offset >= len(page.rows):
                    continue
                page.rows[offset] = row
                index = number * self._page_size + offset
                if index < self._count:
                    self.dataChanged.emit(self.index(index, 0), self.index(index, last_column))

    def retranslate(self) -> None:
        self._columns_list = self._columns()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns_list) - 1)
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self._columns_list) - 1)
            )

    def column_of_sort(self, sort: Sort | None = None) -> int:
        """The column showing the given (or current) sort key; -1 if none does."""
        key = (sort or self._sort).key
        for number, column in enumerate(self._columns_list):
            if column.sort == key:
                return number
        return -1

    def row_at(self, row: int) -> R | None:
        """The row if its page is in memory (no read is started)."""
        page = self._cache.get(row // self._page_size)
        offset = row % self._page_size
        if page is None or offset >= len(page.rows):
            return None
        return page.rows[offset]

    def read_ids_for_rows(
        self,
        rows: Iterable[int],
        finished: Callable[[list[int]], None],
        failed: Callable[[object], None],
    ) -> None:
        """The ids of the given rows, in row order, to `finished`: the rows not in memory are
        read (keys only) with the long jobs, never on the UI thread (a selection of the whole
        list may be thousands of pages)."""
        ordered, found, missing = self._ids_in_memory(rows)
        window = self._window
        if not missing or window is None:
            finished([found[row] for row in ordered if row in found])
            return

        def work(_control: TaskControl) -> dict[int, int]:
            return _read_ids(window, missing)

        def read(more: dict[int, int]) -> None:
            found.update(more)
            finished([found[row] for row in ordered if row in found])

        self._jobs.start(work, owner=self, finished=read, failed=failed)

    def _ids_in_memory(self, rows: Iterable[int]) -> tuple[list[int], dict[int, int], list[int]]:
        """The rows in order, the ids of those in memory, and the rows that are not."""
        ordered = sorted({row for row in rows if 0 <= row < self._count})
        found: dict[int, int] = {}
        missing: list[int] = []
        for row in ordered:
            cached = self.row_at(row)
            if cached is None:
                missing.append(row)
            else:
                found[row] = self.row_id(cached)
        return ordered, found, missing

    # ----- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns_list)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in _ROLES:
            return None
        column = self._columns_list[index.column()]
        row = self._row(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return LOADING_TEXT
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip:
                return column.tooltip(row)
            return tooltip_text(column.value(row) or None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column.bold is not None and column.bold(row) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(row) if column.foreground is not None else None
        if role == ID_ROLE:
            return self.row_id(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns_list):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns_list[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns_list):
            return
        key = self._columns_list[column].sort
        if key is None:
            return
        sort = Sort(key, descending=order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:
            return
        self._sort = sort
        if self._started:
            self._open(refresh=False)

    # ----- loading -------------------------------------------------------------------------

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _open(self, *, refresh: bool, keep_ids: Sequence[int] = ()) -> None:
        """Read a new window: its first page at once, then its count (a refresh: both)."""
        token = object()
        self._opening = token
        self._prefetch_timer.stop()
        self._prefetch_window = None
        if self._prefetch is not None:
            # The positions of the list being left are no longer wanted: free the thread.
            self._prefetch = None
            left = self._window
            if left is not None and not left.positions_ready:
                # In the pool: on PostgreSQL the interrupt is a cancel request sent over a new
                # connection to the server, which waits on the network. The interactive pool,
                # as the long jobs' may be full with the very read being stopped.
                self._tasks.start(
                    lambda _control: left.stop(), owner=self, finished=_ignore, failed=_ignore
                )
        listing, list_filter, sort, size = self._listing, self._filter, self._sort, self._page_size

        def work(_control: TaskControl) -> _Opened[R]:
            window = listing.window(list_filter, sort, page_size=size)
            if refresh:
                count, rows = window.open()
                found = (window.position_of(row_id) for row_id in keep_ids)
                kept = [row for row in found if row is not None]
                return _Opened(window, count, rows, kept)
            return _Opened(window, None, window.first_page(), [])

        self.busy.emit(True)
        self._tasks.start(
            work,
            owner=self,
            finished=lambda result: self._opened(token, refresh, result),
            failed=lambda error: self._open_failed(token, error),
        )

    def _opened(self, token: object, refresh: bool, result: _Opened[R]) -> None:
        if not self._alive() or token is not self._opening:
            return
        window, count, rows = result.window, result.count, result.rows
        if refresh:
            assert count is not None
            self._apply_refresh(window, count, rows)
            if result.kept_rows:
                self.reselect.emit(result.kept_rows)
        else:
            # Until the count is known the list is as long as its first page.
            self.beginResetModel()
            self._window, self._count = window, len(rows)
            self._cache.clear()
            self._cache[0] = _Page(window, rows)
            self._wanted.clear()
            self._in_flight.clear()
            self.endResetModel()
            if len(rows) < self._page_size:
                count = len(rows)
        if count is not None:
            self._opened_fully(window, count)
            return

        def counting(_control: TaskControl) -> int:
            return window.count()

        self._tasks.start(
            counting,
            owner=self,
            finished=lambda total: self._counted(token, window, total),
            failed=lambda error: self._open_failed(token, error),
        )

    def _counted(self, token: object, window: Window[R], count: int) -> None:
        if not self._alive() or token is not self._opening or window is not self._window:
            return
        self._set_count(count)
        self._opened_fully(window, count)

    def _opened_fully(self, window: Window[R], count: int) -> None:
        self._opening = None
        self.busy.emit(False)
        self.loaded.emit(count)
        if count > PREFETCH_POSITIONS_PAGES * self._page_size and not window.positions_ready:
            self._prefetch_window = window
            self._prefetch_timer.start()

    def _start_prefetch(self) -> None:
        window, self._prefetch_window = self._prefetch_window, None
        if window is None or window is not self._window or window.positions_ready:
            return
        self._prefetch = self._jobs.start(
            lambda _control: window.build_positions(),
            owner=self,
            finished=lambda _result: None,
            failed=lambda error: self._page_failed(window, None, error),
        )

    def _set_count(self, count: int) -> None:
        old = self._count
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            self._count = count
            self.endRemoveRows()

    def _apply_refresh(self, window: Window[R], count: int, rows: list[R]) -> None:
        # Pages read before stay on screen (stale) until their fresh read arrives.
        self._window = window
        self._cache[0] = _Page(window, rows)
        self._wanted.clear()
        self._in_flight.clear()
        self._set_count(count)
        if count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(count - 1, len(self._columns_list) - 1)
            )

    def _open_failed(self, token: object, error: object) -> None:
        if not self._alive() or token is not self._opening:
            return
        self._opening = None
        self.busy.emit(False)
        self.failed.emit(error_text(error))

    # ----- pages ---------------------------------------------------------------------------

    def _row(self, row: int) -> R | None:
        number, offset = divmod(row, self._page_size)
        page = self._cache.get(number)
        if page is None or page.window is not self._window:
            self._want(number)
        if page is None:
            return None
        self._cache.move_to_end(number)
        return page.rows[offset] if offset < len(page.rows) else None

    def _want(self, number: int) -> None:
        if self._window is None or self._in_flight.get(number) is self._window:
            return
        self._wanted[number] = None
        self._wanted.move_to_end(number)
        while len(self._wanted) > MAX_WANTED:
            self._wanted.popitem(last=False)
        if not self._dispatcher.isActive():
            self._dispatcher.start()

    def _dispatch(self) -> None:
        window = self._window
        if window is None:
            return
        while self._wanted and len(self._in_flight) < MAX_IN_FLIGHT:
            number, _ = self._wanted.popitem(last=True)
            if self._in_flight.get(number) is window:
                continue
            self._read(window, number)

    def _read(self, window: Window[R], number: int) -> None:
        self._in_flight[number] = window

        def work(_control: TaskControl) -> list[R]:
            return window.page(number)

        self._tasks.start(
            work,
            owner=self,
            finished=lambda rows: self._page_read(window, number, rows),
            failed=lambda error: self._page_failed(window, number, error),
        )

    def _page_read(self, window: Window[R], number: int, rows: list[R]) -> None:
        if not self._alive():
            return
        if self._in_flight.get(number) is window:
            del self._in_flight[number]
        if window is self._window:
            self._cache[number] = _Page(window, rows)
            self._cache.move_to_end(number)
            while len(self._cache) > self._cache_pages:
                self._cache.popitem(last=False)
            first = number * self._page_size
            last = min(first + self._page_size, self._count) - 1
            if last >= first:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(last, len(self._columns_list) - 1)
                )
        self._dispatch()

    def _page_failed(self, window: Window[R], number: int | None, error: object) -> None:
        if not self._alive():
            return
        if number is not None and self._in_flight.get(number) is window:
            del self._in_flight[number]
        # A stopped read is a list the user left (another filter or sort), not a failure.
        if window is self._window and not isinstance(error, ReadStoppedError):
            self.failed.emit(error_text(error))
        self._dispatch()


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        ID_ROLE,
        ROW_ROLE,
    }
)


def _read_ids(window: Window[Any], rows: list[int]) -> dict[int, int]:
    """The ids of these rows of `window`, read range by range (keys only)."""
    found: dict[int, int] = {}
    for first, last in _ranges(rows):
        for row, row_id in zip(range(first, last + 1), window.ids(first, last), strict=False):
            found[row] = row_id
    return found


def _ranges(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers → runs of consecutive rows (first, last)."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _ignore(_outcome: object) -> None:
    """A stopped read's interrupt: nothing to show whether it reached the server or not (the
    read then ends by itself, and its rows are no longer wanted)."""
