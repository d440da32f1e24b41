"""The append-only audit log (supervisors, administrators): filters by agent, ticket, action
and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.local_time import WARSAW
from hezo_desk.services.agents import AgentRow, AgentService
from hezo_desk.services.audit import AuditFilter, AuditService, actions
from hezo_desk.services.listing.audit import AuditListing
from hezo_desk.services.personal_data.retention import RUNNERS as RETENTION_RUNNERS
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import audit_action_text, error_text
from hezo_desk.ui.retention_panel import RetentionPanel
from hezo_desk.ui.tables.list_models import AuditModel
from hezo_desk.ui.tables.list_screen import ListScreen, chain_tab_order, fill_combo
from hezo_desk.ui.workers import TaskControl

FILTER_DELAY_MS = 300
COLUMN_WIDTHS = [130, 220, 200, 100, 500]
DATE_FORMAT = "yyyy-MM-dd"


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of a calendar day in Poland, as an aware timestamp."""
    return dt.datetime.combine(day, dt.time(), WARSAW)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class AuditScreen(ListScreen):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "audit", parent)
        self.allowed = context.actor.role in AuditService.READERS
        self._agents: list[AgentRow] = []
        self._actions = list(actions())
        self.refused = QLabel(self)
        self.refused.setObjectName("refused")
        self.agent = QComboBox(self)
        self.agent.setObjectName("agent")
        self.agent.setMinimumContentsLength(22)
        # The agents arrive after the first show: the box grows to the longest name then.
        self.agent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.ticket = QLineEdit(self)
        self.ticket.setObjectName("ticket")
        self.ticket.setClearButtonEnabled(True)
        self.action = QComboBox(self)
        self.action.setObjectName("action")
        self.use_since = QCheckBox(self)
        self.use_since.setObjectName("use_since")
        self.since = QDateEdit(self)
        self.since.setObjectName("since")
        self.use_until = QCheckBox(self)
        self.use_until.setObjectName("use_until")
        self.until = QDateEdit(self)
        self.until.setObjectName("until")
        today = QDate.currentDate()
        for edit, value in ((self.since, today.addDays(-30)), (self.until, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setDate(value)
            edit.setEnabled(False)
        self.view = QTableView(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)

        filters = QHBoxLayout()
        filters.addWidget(self.agent)
        filters.addWidget(self.ticket, 1)
        filters.addWidget(self.action)
        for widget in (self.use_since, self.since, self.use_until, self.until):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        # Supervisors run the retention of personal data (DOMAIN.md): its count lives here,
        # where they read the trail.
        self.retention: RetentionPanel | None = None
        if context.actor.role in RETENTION_RUNNERS:
            self.retention = RetentionPanel(context, self)
            layout.addWidget(self.retention)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.model: AuditModel | None = None
        if not self.allowed:
            hidden: list[QWidget] = [self.agent, self.ticket, self.action, self.view]
            hidden += [self.status, self.use_since, self.since, self.use_until, self.until]
            for item in hidden:
                item.hide()
            self.retranslate()
            return
        self.refused.hide()
        self.model = AuditModel(
            AuditListing(context.db, context.actor), self.tasks, self, jobs=self.jobs
        )
        self.retranslate()
        self.setup_table(self.view, self.model, "list", COLUMN_WIDTHS)
        self.watch(self.model)
        chain_tab_order(
            self.agent,
            self.ticket,
            self.action,
            self.use_since,
            self.since,
            self.use_until,
            self.until,
            self.view,
        )
        self.agent.currentIndexChanged.connect(self._apply_filter)
        self.action.currentIndexChanged.connect(self._apply_filter)
        self.ticket.textChanged.connect(lambda _text: self._timer.start())
        self.ticket.returnPressed.connect(self._apply_filter)
        self._timer.timeout.connect(self._apply_filter)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        for box in (self.use_since, self.use_until):
            box.toggled.connect(self._apply_filter)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._apply_filter)
        self.model.start()
        self._load_agents()

    # ----- public --------------------------------------------------------------------------

    @property
    def list_filter(self) -> AuditFilter | None:
        return self.model.list_filter if self.model is not None else None

    def focus_search(self) -> None:
        if self.allowed:
            self.ticket.setFocus()
            self.ticket.selectAll()

    def refresh(self) -> None:
        if self.model is not None:
            self.model.refresh(self.kept(self.model))
            self._load_agents()
        if self.retention is not None:
            self.retention.recount()

    def retranslate(self) -> None:
        self.refused.setText(self.tr("The audit log is for supervisors and administrators."))
        fill_combo(
            self.agent,
            [self.tr("All agents"), *[f"{a.display_name} ({a.login})" for a in self._agents]],
        )
        self.ticket.setPlaceholderText(self.tr("Ticket number (HD-000123 or legacy)"))
        fill_combo(
            self.action,
            [self.tr("All actions"), *(audit_action_text(action) for action in self._actions)],
        )
        self.use_since.setText(self.tr("From"))
        self.use_until.setText(self.tr("To"))
        if self.model is not None:
            self.model.retranslate()
            if not self.model.is_loading:
                self.show_count(self.model.row_count)

    def count_text(self, count: int) -> str:
        return self.tr("%Ln entry(ies)", "", count)

    # ----- inside --------------------------------------------------------------------------

    def _filter(self) -> AuditFilter:
        agent = self.agent.currentIndex()
        action = self.action.currentIndex()
        since = until = None
        if self.use_since.isChecked():
            since = day_start(_day(self.since.date()))
        if self.use_until.isChecked():
            until = day_start(_day(self.until.date()) + dt.timedelta(days=1))
        return AuditFilter(
            agent_login=self._agents[agent - 1].login if agent > 0 else None,
            ticket_number=self.ticket.text().strip() or None,
            action=self._actions[action - 1] if action > 0 else None,
            since=since,
            until=until,
        )

    def _apply_filter(self) -> None:
        self._timer.stop()
        if self.model is not None:
            self.model.set_filter(self._filter())

    def _load_agents(self) -> None:
        service = AgentService(self.context.db)

        def work(_control: TaskControl) -> list[AgentRow]:
            return service.list_agents()

        self.tasks.start(work, finished=self._agents_loaded, failed=self._failed)

    def _agents_loaded(self, agents: list[AgentRow]) -> None:
        chosen = self.list_filter.agent_login if self.list_filter else None
        self._agents = agents
        fill_combo(
            self.agent,
            [self.tr("All agents"), *[f"{a.display_name} ({a.login})" for a in agents]],
        )
        self.agent.blockSignals(True)
        logins = [a.login for a in agents]
        self.agent.setCurrentIndex(logins.index(chosen) + 1 if chosen in logins else 0)
        self.agent.blockSignals(False)

    def _failed(self, error: object) -> None:
        self.show_error(error_text(error))
