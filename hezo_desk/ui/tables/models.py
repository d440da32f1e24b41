"""The desk's list models: one windowed model per list, and the small model of agents."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from hezo_desk.enums import Priority
from hezo_desk.services.agents import AgentRow
from hezo_desk.services.audit import AuditFilter, AuditRow
from hezo_desk.services.listing.audit import AuditListing
from hezo_desk.services.listing.contracts import ContractFilter, ContractListing
from hezo_desk.services.listing.serials import ServiceFilter, ServiceListing
from hezo_desk.services.listing.tickets import TicketFilter, TicketListing
from hezo_desk.services.records import ContractRow, ServiceRow, TicketRow
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.row_models import display
from hezo_desk.ui.tables.model import ID_ROLE, ROW_ROLE, Index, TableColumn, WindowedTableModel
from hezo_desk.ui.tables.screen import arg
from hezo_desk.ui.workers import TaskSet


def term(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} – {end.isoformat()}"


class TicketsModel(WindowedTableModel[TicketRow, TicketFilter]):
    def __init__(
        self,
        listing: TicketListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: TicketFilter | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(listing, list_filter or TicketFilter(), tasks, parent, **options)
        self._labels.setParent(self)

    def row_id(self, row: TicketRow) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[TicketRow]]:
        labels = self._labels
        return [
            TableColumn(self.tr("Number"), lambda t: t.number, "number", tooltip=self._number_tip),
            TableColumn(self.tr("Subject"), lambda t: t.subject, "subject"),
            TableColumn(self.tr("Customer"), lambda t: t.customer_name, "customer"),
            TableColumn(self.tr("Serial"), lambda t: t.notation or "", "notation"),
            TableColumn(self.tr("State"), lambda t: labels.state(t.state), "state"),
            TableColumn(
                self.tr("Priority"),
                lambda t: labels.priority(t.priority),
                "priority",
                bold=lambda t: t.priority is Priority.CRITICAL,
            ),
            TableColumn(self.tr("Channel"), lambda t: labels.channel(t.channel), "channel"),
            TableColumn(self.tr("Assignee"), lambda t: t.assignee_name or "", "assignee"),
            TableColumn(
                self.tr("Reseller access"),
                self._access,
                "reseller_access",
                tooltip=lambda t: t.reseller_name or self.tr("no reseller on this ticket"),
            ),
            TableColumn(self.tr("Last change"), lambda t: display(t.updated_at), "updated"),
        ]

    def _access(self, ticket: TicketRow) -> str:
        return self.tr("allowed") if ticket.reseller_access else self.tr("not allowed")

    def _number_tip(self, ticket: TicketRow) -> str:
        lines = [ticket.number]
        if ticket.legacy_number:
            lines.append(arg(self.tr("Legacy number: %1"), ticket.legacy_number))
        if ticket.migrated and not ticket.reviewed:
            lines.append(self.tr("Migrated, not reviewed yet"))
        lines.extend(ticket.review_flags)
        return "\n".join(lines)


class ContractsModel(WindowedTableModel[ContractRow, ContractFilter]):
    def __init__(
        self,
        listing: ContractListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: ContractFilter | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(listing, list_filter or ContractFilter(), tasks, parent, **options)
        self._labels.setParent(self)

    def row_id(self, row: ContractRow) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[ContractRow]]:
        labels = self._labels
        return [
            TableColumn(self.tr("Number"), lambda c: c.number, "number"),
            TableColumn(self.tr("Customer"), lambda c: c.customer_name, "customer"),
            TableColumn(self.tr("Tax id"), lambda c: c.tax_id, "tax_id"),
            TableColumn(self.tr("Reseller"), lambda c: c.reseller_name, "reseller"),
            TableColumn(self.tr("Term"), lambda c: term(c.start_date, c.end_date), "term"),
            TableColumn(self.tr("State"), lambda c: labels.contract_state(c.state), "state"),
            TableColumn(
                self.tr("Services"), lambda c: str(c.service_count), "services", align_right=True
            ),
        ]


class ServicesModel(WindowedTableModel[ServiceRow, ServiceFilter]):
    """Services with their new notation; the notation typed in the filter shows in bold."""

    def __init__(
        self,
        listing: ServiceListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: ServiceFilter | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(listing, list_filter or ServiceFilter(), tasks, parent, **options)
        self._labels.setParent(self)

    def row_id(self, row: ServiceRow) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[ServiceRow]]:
        return [
            TableColumn(self.tr("Notation"), lambda s: s.notation, "notation", bold=self._is_exact),
            TableColumn(self.tr("Serial"), lambda s: s.serial, "serial"),
            TableColumn(self.tr("Product"), lambda s: s.product, "product"),
            TableColumn(
                self.tr("Contract"),
                lambda s: s.contract_number,
                "contract",
                tooltip=lambda s: self._labels.contract_state(s.contract_state),
            ),
            TableColumn(self.tr("Customer"), lambda s: s.customer_name, "customer"),
            TableColumn(self.tr("Term"), lambda s: term(s.start_date, s.end_date), "term"),
        ]

    def _is_exact(self, service: ServiceRow) -> bool:
        typed = self.list_filter.serial
        return (
            typed is not None
            and typed.index is not None
            and typed.serial == service.serial
            and typed.index == service.notation_index
        )


class AuditModel(WindowedTableModel[AuditRow, AuditFilter]):
    def __init__(
        self,
        listing: AuditListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: AuditFilter | None = None,
        **options: int,
    ) -> None:
        super().__init__(listing, list_filter or AuditFilter(), tasks, parent, **options)

    def row_id(self, row: AuditRow) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[AuditRow]]:
        return [
            TableColumn(self.tr("Time"), lambda a: display(a.recorded_at), "time"),
            TableColumn(self.tr("Agent"), self._agent, "agent"),
            TableColumn(self.tr("Action"), lambda a: a.action, "action"),
            TableColumn(self.tr("Ticket"), lambda a: a.ticket_number or "", "ticket"),
            TableColumn(self.tr("Summary"), lambda a: a.summary, "summary", tooltip=_details),
        ]

    def _agent(self, entry: AuditRow) -> str:
        if entry.agent_login is None:
            return self.tr("(system)")
        return f"{entry.agent_name} ({entry.agent_login})"


def _details(entry: AuditRow) -> str:
    if not entry.details:
        return entry.summary
    details = json.dumps(entry.details, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    return f"{entry.summary}\n{details}"


class AgentsModel(QAbstractTableModel):
    """The agent accounts: a short list, held whole and sorted in memory."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = Labels(self)
        self._rows: list[AgentRow] = []
        self._sort_column = 0
        self._descending = False

    def set_rows(self, rows: list[AgentRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AgentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, login: str) -> int:
        for number, agent in enumerate(self._rows):
            if agent.login == login:
                return number
        return -1

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def _headers(self) -> list[str]:
        return [
            self.tr("Login"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Active"),
            self.tr("Can sign in"),
            self.tr("Added"),
        ]

    def _values(self, agent: AgentRow) -> list[str]:
        yes, no = self.tr("yes"), self.tr("no")
        return [
            agent.login,
            agent.display_name,
            self._labels.role(agent.role),
            yes if agent.is_active else no,
            yes if agent.can_sign_in else no,
            display(agent.created_at),
        ]

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        agent = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._values(agent)[index.column()]
        if role == ID_ROLE:
            return agent.id
        if role == ROW_ROLE:
            return agent
        if role == Qt.ItemDataRole.ForegroundRole and not agent.is_active:
            return QColor(Qt.GlobalColor.gray)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return self._headers()[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()
