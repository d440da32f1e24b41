"""A table model over a short, fully loaded list of plain rows (lookup results, overviews).

Long lists (all tickets, all contracts) use the windowed models in `ui/tables/`; this one is
for the few dozen rows of one customer or one lookup, already in memory.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from hezo_desk.local_time import local_minute
from hezo_desk.ui.header_fit import HeaderFitter, fit_header
from hezo_desk.ui.plain_text import tooltip_text

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]
    bold: Callable[[R], bool] | None = None


def display(value: Any) -> str:
    """How plain values look in a cell: dates in Polish local time, enums by value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, dt.datetime):
        return local_minute(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        """New columns of the same shape (their headers in another language): views redraw."""
        self._columns = list(columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    @property
    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(display(column.value(row)))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # The tooltip too: a column the agent narrowed still says what it is.
        if (
            role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None


def read_only_table(model: RowTableModel[Any], name: str) -> QTableView:
    """A view over a short list: whole rows selected, columns fitted whenever the rows change."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    # Fitting measures these rows, on the UI thread: the first 50 tell the width well enough.
    view.horizontalHeader().setResizeContentsPrecision(FIT_PRECISION_ROWS)
    view.setAlternatingRowColors(True)
    model.modelReset.connect(lambda: fit_columns(view))
    # A language switch renames the headers without a reset.
    HeaderFitter(view.horizontalHeader())
    return view


FIT_PRECISION_ROWS = 50


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents and their headers as the theme draws them.

    Qt measures a header's own text, but qt-material draws it in capitals, which would cut a
    header off in a column fitted to short contents.
    """
    view.resizeColumnsToContents()
    fit_header(view.horizontalHeader())
