"""The agent accounts as a table: a short list, held whole and sorted in memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from hezo_desk.services.agents import AgentRow
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, Index, RowTableModel, display
from hezo_desk.ui.tables.windowed_model import ID_ROLE


class AgentsModel(RowTableModel[AgentRow]):
    """The short-list model with sorting, ids for the screen and inactive accounts in grey."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._labels = Labels(self)
        self._sort_column = 0
        self._descending = False
        self._columns = self._columns_now()

    def set_rows(self, rows: Sequence[AgentRow]) -> None:
        super().set_rows(self._sorted(list(rows)))

    def row_of(self, login: str) -> int:
        for number, agent in enumerate(self._rows):
            if agent.login == login:
                return number
        return -1

    def retranslate(self) -> None:
        self.set_columns(self._columns_now())

    def _columns_now(self) -> list[Column[AgentRow]]:
        """The columns with headers in the current language (values translate as drawn)."""
        return [
            Column(self.tr("Login"), lambda a: a.login),
            Column(self.tr("Name"), lambda a: a.display_name),
            Column(self.tr("Role"), lambda a: self._labels.role(a.role)),
            Column(self.tr("Active"), lambda a: self._yes_no(a.is_active)),
            Column(self.tr("Can sign in"), lambda a: self._yes_no(a.can_sign_in)),
            Column(self.tr("Added"), lambda a: display(a.created_at)),
        ]

    def _yes_no(self, value: bool) -> str:
        return self.tr("yes") if value else self.tr("no")

    def _sort_value(self, agent: AgentRow) -> Any:
        return (
            agent.login,
            agent.display_name.casefold(),
            agent.role.value,
            agent.is_active,
            agent.can_sign_in,
            agent.created_at,
        )[self._sort_column]

    def _sorted(self, rows: list[AgentRow]) -> list[AgentRow]:
        return sorted(rows, key=lambda a: (self._sort_value(a), a.login), reverse=self._descending)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        agent = self.row_at(index.row()) if index.isValid() else None
        if agent is None:
            return None
        if role == ID_ROLE:
            return agent.id
        if role == Qt.ItemDataRole.ForegroundRole and not agent.is_active:
            return QColor(Qt.GlobalColor.gray)
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()
