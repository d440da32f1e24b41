"""The ticket list: filters, full-text search, multi-selection; Enter opens a ticket."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Priority, TicketState
from hezo_desk.errors import InputField
from hezo_desk.services.limits import max_length
from hezo_desk.services.listing.tickets import OPEN_STATES, TicketFilter, TicketListing
from hezo_desk.services.search import parse_query
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.tables.list_models import TicketsModel
from hezo_desk.ui.tables.list_screen import ListScreen, chain_tab_order, choice_index, fill_combo

SEARCH_DELAY_MS = 300
# The state filter's choices, in order: all, the open ones, then each state.
STATE_CHOICES: list[frozenset[TicketState]] = [
    frozenset(),
    OPEN_STATES,
    *[frozenset({state}) for state in TicketState],
]
PRIORITY_CHOICES: list[frozenset[Priority]] = [
    frozenset(),
    *[frozenset({priority}) for priority in reversed(list(Priority))],
]
COLUMN_WIDTHS = [90, 185, 160, 150, 115, 80, 110, 95, 130, 150, 120]
# Shown from the header's menu (channel, assignee, reseller access): without them the list
# fits a 1280 px screen; the agent on the phone reads number, subject, customer, serial, state,
# and the time left to the ticket's next due.
HIDDEN_COLUMNS = (7, 8, 9)
# The time left is worded again each minute (the rows are not read again).
TICK_MS = 60_000


class TicketsScreen(ListScreen):
    """Emits `ticket_open_requested(id)` for Enter or a double click on a ticket."""

    ticket_open_requested = Signal(int)
    selection_changed = Signal()

    def __init__(
        self,
        context: DeskContext,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
        ticker: QTimer | None = None,
    ) -> None:
        super().__init__(context, "tickets", parent)
        self._labels = Labels(self)
        self.search = QLineEdit(self)
        self.search.setMaxLength(max_length(InputField.SEARCH))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox(self)
        self.state.setObjectName("state")
        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        self.mine = QCheckBox(self)
        self.mine.setObjectName("mine")
        self.unassigned = QCheckBox(self)
        self.unassigned.setObjectName("unassigned")
        self.awaiting_review = QCheckBox(self)
        self.awaiting_review.setObjectName("awaiting_review")
        self.breached = QCheckBox(self)
        self.breached.setObjectName("breached")
        self.due_soon = QCheckBox(self)
        self.due_soon.setObjectName("due_soon")
        self.model = TicketsModel(
            TicketListing(context.db, context.actor, now=now),
            self.tasks,
            self,
            jobs=self.jobs,
        )
        # Injected by tests (a timer they fire themselves, never started here); else a minute's.
        self.ticker = ticker if ticker is not None else QTimer(self)
        if ticker is None:
            self.ticker.setInterval(TICK_MS)
        self.view = QTableView(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.state)
        top.addWidget(self.priority)
        second = QHBoxLayout()
        for box in self._boxes():
            second.addWidget(box)
        second.addStretch(1)
        second.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.view, 1)
        self.retranslate()

        self.setup_table(
            self.view, self.model, "list", COLUMN_WIDTHS, multi_select=True, hidden=HIDDEN_COLUMNS
        )
        self.watch(self.model)
        chain_tab_order(
            self.search,
            self.state,
            self.priority,
            self.mine,
            self.unassigned,
            self.awaiting_review,
            self.breached,
            self.due_soon,
            self.view,
        )
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self._search_timer.timeout.connect(self._apply_filter)
        self.state.currentIndexChanged.connect(self._apply_filter)
        self.priority.currentIndexChanged.connect(self._apply_filter)
        for box in self._boxes():
            box.toggled.connect(self._apply_filter)
        self.ticker.timeout.connect(self.model.tick)
        if ticker is None:
            self.ticker.start()
        self.view.activated.connect(self._open)
        self.lead_to_results(self.search, self.view, self._search_timer)
        selection = self.view.selectionModel()
        selection.selectionChanged.connect(lambda *_args: self.selection_changed.emit())
        # What an agent works on: closed and cancelled tickets are one choice away.
        self.set_filter(TicketFilter(states=OPEN_STATES))
        self.model.start()

    # ----- public --------------------------------------------------------------------------

    @property
    def list_filter(self) -> TicketFilter:
        return self.model.list_filter

    def set_filter(self, list_filter: TicketFilter) -> None:
        """Show the given filter in the widgets and apply it (e.g. 'migrated, not reviewed')."""
        widgets = (self.search, self.state, self.priority, *self._boxes())
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(list_filter.search)
        self.state.setCurrentIndex(choice_index(STATE_CHOICES, list_filter.states))
        self.priority.setCurrentIndex(choice_index(PRIORITY_CHOICES, list_filter.priorities))
        self.mine.setChecked(list_filter.mine)
        self.unassigned.setChecked(list_filter.unassigned)
        self.awaiting_review.setChecked(list_filter.awaiting_review)
        self.breached.setChecked(list_filter.breached)
        self.due_soon.setChecked(list_filter.due_soon)
        for widget in widgets:
            widget.blockSignals(False)
        self.model.set_filter(list_filter)

    def read_selected_ticket_ids(self, finished: Callable[[list[int]], None]) -> None:
        """The ids of the selected tickets in list order, to `finished`: the rows not in memory
        are read in the pool; a failure shows in the status."""
        self.model.read_ids_for_rows(
            self._selected_rows(),
            finished,
            lambda error: self.show_error(error_text(error)),
        )

    def _selected_rows(self) -> list[int]:
        return [index.row() for index in self.view.selectionModel().selectedRows()]

    def current_ticket_id(self) -> int | None:
        row = self.model.row_at(self.view.currentIndex().row())
        return row.id if row is not None else None

    def select_relative(self, step: int) -> int | None:
        """Move the current row by `step` (next/previous ticket); its id if it is loaded."""
        if self.model.row_count == 0:
            return None
        current = self.view.currentIndex().row()
        target = min(max(current + step if current >= 0 else 0, 0), self.model.row_count - 1)
        index = self.model.index(target, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        row = self.model.row_at(target)
        return row.id if row is not None else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.model.refresh(self.kept(self.model))

    def follow_ticket_changes(self, ticket_ids: frozenset[int]) -> None:
        """Tickets changed here or elsewhere: their rows, and the list if rows came or went."""
        self.model.follow_changes(ticket_ids, self.kept(self.model))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search: ticket number (HD-000123, legacy), subject, words in the dialogue")
        )
        self.search.setToolTip(self.tr("Ctrl+F; Polish letters optional: lodz finds Łódź"))
        fill_combo(
            self.state,
            [
                self.tr("All states"),
                self.tr("Open", "the tickets not closed or cancelled (not the verb)"),
                *[self._labels.state(s) for s in TicketState],
            ],
        )
        fill_combo(
            self.priority,
            [
                self.tr("All priorities"),
                *[self._labels.priority(p) for p in reversed(list(Priority))],
            ],
        )
        self.mine.setText(self.tr("My tickets"))
        self.unassigned.setText(self.tr("Unassigned"))
        self.awaiting_review.setText(self.tr("Migrated, not reviewed"))
        self.breached.setText(self.tr("Breached", "tickets past their service-level due"))
        self.breached.setToolTip(self.tr("Open tickets past their next service-level due"))
        self.due_soon.setText(self.tr("Due within 1 hour"))
        self.due_soon.setToolTip(
            self.tr("Open tickets whose next service-level due comes within the hour")
        )
        self.model.retranslate()
        if not self.model.is_loading:
            self.show_count(self.model.row_count)

    def count_text(self, count: int) -> str:
        text = self.search.text()
        if text.strip() and parse_query(text).is_empty:
            return self.tr("Nothing to search for: type a word or a ticket number")
        return self.tr("%Ln ticket(s)", "", count)

    # ----- inside --------------------------------------------------------------------------

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.mine, self.unassigned, self.awaiting_review, self.breached, self.due_soon)

    def _search_now(self) -> None:
        self._search_timer.stop()
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self.model.set_filter(
            TicketFilter(
                states=STATE_CHOICES[max(self.state.currentIndex(), 0)],
                priorities=PRIORITY_CHOICES[max(self.priority.currentIndex(), 0)],
                mine=self.mine.isChecked(),
                unassigned=self.unassigned.isChecked(),
                awaiting_review=self.awaiting_review.isChecked(),
                search=text,
                breached=self.breached.isChecked(),
                due_soon=self.due_soon.isChecked(),
            )
        )

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.ticket_open_requested.emit(row.id)
