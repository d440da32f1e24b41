"""The windowed models of the long lists: tickets, contracts, services, the audit log."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QObject, Qt

from hezo_desk.enums import Priority
from hezo_desk.placeholders import fill
from hezo_desk.services.audit import AuditFilter, AuditRow
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.listing.audit import AuditListing
from hezo_desk.services.listing.calls import CallFilter, CallListing
from hezo_desk.services.listing.contracts import ContractFilter, ContractListing
from hezo_desk.services.listing.serials import ServiceFilter, ServiceListing
from hezo_desk.services.listing.tickets import TicketFilter, TicketListing
from hezo_desk.services.records import ContractRow, ServiceRow, TicketRow
from hezo_desk.services.service_levels.standing import Standing, TimeLeft, ticket_time_left
from hezo_desk.ui.due_words import DueWords, due_colour
from hezo_desk.ui.error_wording import audit_action_text, audit_entry_text, review_flag_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import display
from hezo_desk.ui.tables.windowed_model import (
    TableColumn,
    WindowedTableModel,
)
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
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        self._due_words = DueWords()
        self._ticket_listing = listing
        super().__init__(
            listing, list_filter or TicketFilter(), tasks, parent, jobs=jobs, **options
        )
        self._labels.setParent(self)
        self._due_words.setParent(self)

    def row_id(self, row: TicketRow) -> int:
        return row.id

    def time_left(self, ticket: TicketRow) -> TimeLeft:
        """Where the ticket stands against its next due, at the listing's now."""
        if ticket.sla is None:
            return TimeLeft(Standing.NONE)
        return ticket_time_left(ticket.sla, self._ticket_listing.now)

    def time_left_column(self) -> int:
        return next(n for n, c in enumerate(self._columns_list) if c.sort == "time_left")

    def tick(self) -> None:
        """A minute passed: the time left of the rows shown is worded again (no reading)."""
        if self.rowCount() == 0:
            return
        column = self.time_left_column()
        self.dataChanged.emit(
            self.index(0, column),
            self.index(self.rowCount() - 1, column),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
        )

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
            TableColumn(
                self.tr("Time left", "until the ticket's next service-level due"),
                lambda t: self._due_words.time_left(self.time_left(t)),
                "time_left",
                bold=lambda t: self.time_left(t).standing is Standing.OVERDUE,
                tooltip=lambda t: self._due_words.tip(self.time_left(t)),
                foreground=lambda t: due_colour(self.time_left(t)),
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
            lines.append(fill(self.tr("Legacy number: %1"), ticket.legacy_number))
        if ticket.migrated and not ticket.reviewed:
            lines.append(self.tr("Migrated, not reviewed yet"))
        lines.extend(review_flag_text(flag) for flag in ticket.review_flags)
        return "\n".join(lines)


class ContractsModel(WindowedTableModel[ContractRow, ContractFilter]):
    def __init__(
        self,
        listing: ContractListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: ContractFilter | None = None,
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(
            listing, list_filter or ContractFilter(), tasks, parent, jobs=jobs, **options
        )
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
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(
            listing, list_filter or ServiceFilter(), tasks, parent, jobs=jobs, **options
        )
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
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        super().__init__(listing, list_filter or AuditFilter(), tasks, parent, jobs=jobs, **options)

    def row_id(self, row: AuditRow) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[AuditRow]]:
        return [
            TableColumn(self.tr("Time"), lambda a: display(a.recorded_at), "time"),
            TableColumn(self.tr("Agent"), self._agent, "agent"),
            TableColumn(self.tr("Action"), lambda a: audit_action_text(a.action), "action"),
            TableColumn(self.tr("Ticket"), lambda a: a.ticket_number or "", "ticket"),
            TableColumn(self.tr("Summary"), audit_entry_text, "summary", tooltip=_details),
        ]

    def _agent(self, entry: AuditRow) -> str:
        if entry.agent_login is None:
            return self.tr("(system)")
        return f"{entry.agent_name} ({entry.agent_login})"


def _details(entry: AuditRow) -> str:
    if not entry.details:
        return audit_entry_text(entry)
    details = json.dumps(entry.details, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    return f"{audit_entry_text(entry)}\n{details}"


def duration_text(seconds: int | None) -> str:
    """A call's length as m:ss (h:mm:ss from an hour on)."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class CallsModel(WindowedTableModel[CallRecord, CallFilter]):
    """The call journal, newest first."""

    def __init__(
        self,
        listing: CallListing,
        tasks: TaskSet,
        parent: QObject | None = None,
        list_filter: CallFilter | None = None,
        jobs: TaskSet | None = None,
        **options: int,
    ) -> None:
        self._labels = Labels()
        super().__init__(listing, list_filter or CallFilter(), tasks, parent, jobs=jobs, **options)
        self._labels.setParent(self)

    def row_id(self, row: CallRecord) -> int:
        return row.id

    def _columns(self) -> list[TableColumn[CallRecord]]:
        labels = self._labels
        return [
            TableColumn(self.tr("Time"), lambda c: display(c.started_at), "time"),
            TableColumn(
                self.tr("Direction"), lambda c: labels.call_direction(c.direction), "direction"
            ),
            TableColumn(
                self.tr("Number"), lambda c: c.display, "number", tooltip=lambda c: c.number
            ),
            TableColumn(
                self.tr("Customer"),
                lambda c: c.customer_name or "",
                "customer",
                tooltip=lambda c: c.contact_name or "",
            ),
            TableColumn(
                self.tr("State"),
                lambda c: labels.call_state(c.state),
                None,
                bold=lambda c: c.callback_pending,
            ),
            TableColumn(self.tr("Agent"), lambda c: c.agent_name or "", "agent"),
            TableColumn(
                self.tr("Duration"), lambda c: duration_text(c.duration_s), "duration", True
            ),
            TableColumn(self.tr("Tickets"), lambda c: " ".join(c.ticket_numbers), None),
            TableColumn(self.tr("Call-back"), self._call_back, None),
            TableColumn(self.tr("Outcome"), lambda c: c.outcome or "", None),
        ]

    def _call_back(self, call: CallRecord) -> str:
        if call.callback_done_at is not None:
            return fill(self.tr("called back %1"), display(call.callback_done_at))
        if call.callback_agent_name:
            return fill(self.tr("%1 is calling back"), call.callback_agent_name)
        return self.tr("waiting") if call.callback_pending else ""
