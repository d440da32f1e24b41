"""One ticket: its facts, the whole dialogue, attachments, history; reply, note and changes.

Loading and saving run in the background. A change of state, priority or assignee is based on
the version the agent sees; when someone else changed the ticket meanwhile the agent is shown
what changed and can re-apply their own change in one step. The unsent reply is kept on disk
while it is typed (see `hezo_desk.drafts`), so it survives closing the window or a crash.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Priority, TicketState
from hezo_desk.errors import HezoError
from hezo_desk.services.agents import AgentRow, AgentService
from hezo_desk.services.audit import AuditRow, AuditService
from hezo_desk.services.presence import PresenceService
from hezo_desk.services.resilience import is_transient, plain_words, retry
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.ticket_loading import AttachmentRow
from hezo_desk.services.tickets import TicketChange, TicketDetail, TicketService
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogue import DialogueLabels, dialogue_html
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.row_models import Column, RowTableModel, display, fit_columns
from hezo_desk.ui.theme import dialogue_colours

DRAFT_SAVE_DELAY_MS = 400
PRESENCE_HEARTBEAT_MS = 30_000


@dataclass(frozen=True)
class _Loaded:
    detail: TicketDetail
    agents: list[AgentRow]
    history: list[AuditRow]


class TicketView(QWidget):
    """Emits `changed(ticket_id)` after anything it saved, `loaded(number, subject)` on load."""

    changed = Signal(int)
    loaded = Signal(str, str)

    def __init__(
        self,
        context: DeskContext,
        ticket_id: int,
        drafts: DraftStore,
        *,
        extra_tabs: Sequence[tuple[str, Callable[[], QWidget]]] = (),
        actions: Sequence[tuple[str, Callable[[TicketView], None]]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ticket_id = ticket_id
        self._drafts = drafts
        self._tickets = TicketService(context.db)
        self._labels = Labels(self)
        self.detail: TicketDetail | None = None
        self._tasks = workers.TaskSet(context.pool)
        self._updating_controls = False
        # How a conflicting save is settled; a dialog by default (tests answer it directly).
        self.resolve_conflict: Callable[[TicketConflictError, TicketChange], bool] = (
            self.ask_about_conflict
        )

        self.title = QLabel(self.tr("Loading…"))
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.viewers = QLabel()
        self.viewers.setObjectName("viewers")
        self.viewers.setStyleSheet("color: #e65100;")
        self.viewers.hide()
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(18)
        self._fact_labels: dict[str, QLabel] = {}
        fact_names = [
            ("customer", self.tr("Customer")),
            ("contact", self.tr("Contact")),
            ("contract", self.tr("Contract")),
            ("serial", self.tr("Serial")),
            ("channel", self.tr("Channel")),
            ("reseller_access", self.tr("Reseller access")),
            ("legacy", self.tr("Legacy number")),
            ("opened", self.tr("Opened")),
            ("updated", self.tr("Last change")),
            ("review", self.tr("Migration review")),
        ]
        for position, (key, caption) in enumerate(fact_names):
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                value.textInteractionFlags() | value.textInteractionFlags().TextSelectableByMouse
            )
            self._fact_labels[key] = value
            row, column = divmod(position, 2)
            caption_label = QLabel(caption + ":")
            caption_label.setStyleSheet("color: gray;")
            self.facts.addWidget(caption_label, row, column * 2)
            self.facts.addWidget(value, row, column * 2 + 1)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(3, 1)

        self.state = QComboBox()
        self.state.setObjectName("state")
        for state in TicketState:
            self.state.addItem(self._labels.state(state), state)
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        for priority in Priority:
            self.priority.addItem(self._labels.priority(priority), priority)
        self.assignee = QComboBox()
        self.assignee.setObjectName("assignee")
        self.state.activated.connect(lambda _i: self._change_from_controls("state"))
        self.priority.activated.connect(lambda _i: self._change_from_controls("priority"))
        self.assignee.activated.connect(lambda _i: self._change_from_controls("assignee"))
        for combo in (self.state, self.priority, self.assignee):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(160)
        self.take_button = QPushButton(self.tr("Assign to &me"))
        self.take_button.setObjectName("take")
        self.take_button.clicked.connect(self._assign_to_me)
        controls = QHBoxLayout()
        control_form = QFormLayout()
        control_form.addRow(self.tr("&State:"), self.state)
        priority_form = QFormLayout()
        priority_form.addRow(self.tr("P&riority:"), self.priority)
        assignee_form = QFormLayout()
        assignee_form.addRow(self.tr("Assi&gnee:"), self.assignee)
        controls.addLayout(control_form)
        controls.addLayout(priority_form)
        controls.addLayout(assignee_form)
        controls.addWidget(self.take_button)
        controls.addStretch()
        for text, handler in actions:
            button = QPushButton(text)
            button.clicked.connect(partial(handler, self))
            controls.addWidget(button)

        self.dialogue = QTextBrowser()
        self.dialogue.setObjectName("dialogue")
        self.dialogue.setOpenLinks(False)

        self.attachments_model: RowTableModel[AttachmentRow] = RowTableModel(
            [
                Column(self.tr("Name"), lambda a: a.file_name),
                Column(self.tr("Size"), lambda a: _size(a.size)),
                Column(self.tr("Type"), lambda a: a.content_type),
                Column(self.tr("Kind"), lambda a: self._labels.attachment_kind(a.kind)),
                Column(self.tr("Added"), lambda a: a.created_at),
                Column(self.tr("SHA-256"), lambda a: a.sha256[:16] + "…"),
            ],
            self,
        )
        self.attachments = QTableView()
        self.attachments.setObjectName("attachments")
        self.attachments.setModel(self.attachments_model)
        self.attachments.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.attachments.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attachments.doubleClicked.connect(lambda _i: self._open_attachment())
        open_button = QPushButton(self.tr("&Open"))
        open_button.clicked.connect(self._open_attachment)
        save_button = QPushButton(self.tr("Save &as…"))
        save_button.clicked.connect(self._save_attachment)
        add_button = QPushButton(self.tr("A&dd file…"))
        add_button.setObjectName("add_attachment")
        add_button.clicked.connect(self._add_attachment)
        attachment_buttons = QHBoxLayout()
        for button in (open_button, save_button, add_button):
            attachment_buttons.addWidget(button)
        attachment_buttons.addStretch()
        attachments_page = QWidget()
        attachments_layout = QVBoxLayout(attachments_page)
        attachments_layout.addWidget(self.attachments)
        attachments_layout.addLayout(attachment_buttons)

        self.history_model: RowTableModel[AuditRow] = RowTableModel(
            [
                Column(self.tr("When"), lambda r: r.recorded_at),
                Column(self.tr("Agent"), lambda r: r.agent_name or self.tr("system")),
                Column(self.tr("What"), lambda r: r.summary),
            ],
            self,
        )
        self.history = QTableView()
        self.history.setObjectName("history")
        self.history.setModel(self.history_model)
        self.history.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("ticket_tabs")
        self.tabs.addTab(self.dialogue, self.tr("Dialogue"))
        self.tabs.addTab(attachments_page, self.tr("Attachments"))
        self.tabs.addTab(self.history, self.tr("History"))
        self._extra_tabs = list(extra_tabs)
        self._extra_widgets: list[QWidget] = []

        self.composer = QPlainTextEdit()
        self.composer.setObjectName("composer")
        self.composer.setPlaceholderText(
            self.tr("Write a reply to the customer or an internal note… (Ctrl+Enter sends)")
        )
        self.composer_kind = QComboBox()
        self.composer_kind.setObjectName("composer_kind")
        self.composer_kind.addItem(self.tr("Reply to the customer"), "reply")
        self.composer_kind.addItem(self.tr("Internal note (staff only)"), "note")
        self.send_button = QPushButton(self.tr("Sen&d"))
        self.send_button.setObjectName("send")
        self.send_button.clicked.connect(self.send)
        self.composer_hint = QLabel()
        self.composer_hint.setObjectName("composer_hint")
        self.composer_hint.setWordWrap(True)
        composer_bar = QHBoxLayout()
        composer_bar.addWidget(self.composer_kind)
        composer_bar.addWidget(self.composer_hint, 1)
        composer_bar.addWidget(self.send_button)
        composer_box = QWidget()
        composer_layout = QVBoxLayout(composer_box)
        composer_layout.setContentsMargins(0, 0, 0, 0)
        composer_layout.addWidget(self.composer)
        composer_layout.addLayout(composer_bar)

        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(composer_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.viewers)
        layout.addLayout(self.facts)
        layout.addLayout(controls)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.composer.textChanged.connect(self._draft_timer.start)
        self.composer_kind.currentIndexChanged.connect(self._composer_kind_changed)
        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.composer)
        send_shortcut.activated.connect(self.send)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(PRESENCE_HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.announce_presence)
        self._heartbeat.start()
        self._restore_draft()
        self.reload()
        self.announce_presence()

    # ----- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the ticket again, keeping the draft and the dialogue's scroll position."""
        db, ticket_id = self.context.db, self.ticket_id

        def load(_control: workers.TaskControl) -> _Loaded:
            return _Loaded(
                detail=TicketService(db).detail(ticket_id),
                agents=AgentService(db).list_agents(include_inactive=False),
                history=AuditService(db).for_ticket(ticket_id),
            )

        self._run(load, self._show)

    def _show(self, loaded: _Loaded) -> None:
        detail = loaded.detail
        self.detail = detail
        ticket = detail.ticket
        self.title.setText(f"{ticket.number} — {ticket.subject}")
        facts = {
            "customer": f"{ticket.customer_name} ({ticket.tax_id})",
            "contact": detail.contact.full_name + f" <{detail.contact.email}>"
            if detail.contact
            else "—",
            "contract": ticket.contract_number or self.tr("not linked"),
            "serial": ticket.notation or self.tr("not linked"),
            "channel": self._labels.channel(ticket.channel),
            "reseller_access": (self.tr("yes") if ticket.reseller_access else self.tr("no"))
            + (f" ({ticket.reseller_name})" if ticket.reseller_name else ""),
            "legacy": ticket.legacy_number or "—",
            "opened": display(ticket.opened_at),
            "updated": display(ticket.updated_at),
            "review": self._review_text(ticket.migrated, ticket.reviewed, ticket.review_flags),
        }
        for key, text in facts.items():
            self._fact_labels[key].setText(text)
        self._updating_controls = True
        self.state.setCurrentIndex(self.state.findData(ticket.state))
        self.priority.setCurrentIndex(self.priority.findData(ticket.priority))
        self.assignee.clear()
        self.assignee.addItem(self.tr("(unassigned)"), "")
        for agent in loaded.agents:
            self.assignee.addItem(f"{agent.display_name} ({agent.login})", agent.login)
        if ticket.assignee_login and self.assignee.findData(ticket.assignee_login) < 0:
            self.assignee.addItem(
                ticket.assignee_name or ticket.assignee_login, ticket.assignee_login
            )
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(ticket.assignee_login or "")))
        self._updating_controls = False
        self.take_button.setEnabled(ticket.assignee_login != self.context.actor.login)

        scroll = self.dialogue.verticalScrollBar()
        at_end = scroll.value() >= scroll.maximum() - 4
        position = scroll.value()
        self.dialogue.setHtml(
            dialogue_html(
                detail.messages,
                dialogue_colours(),
                DialogueLabels(
                    customer=self.tr("customer"),
                    agent=self.tr("agent"),
                    internal_note=self.tr("internal note"),
                    internal_warning=self.tr(
                        "INTERNAL NOTE — never shown to the customer or reseller"
                    ),
                    empty=self.tr("No messages yet."),
                ),
            )
        )
        scroll.setValue(scroll.maximum() if at_end else position)
        self.attachments_model.set_rows(detail.attachments)
        self.history_model.set_rows(loaded.history)
        fit_columns(self.attachments)
        fit_columns(self.history)
        self.tabs.setTabText(
            1, self.tr("Attachments (%1)").replace("%1", str(len(detail.attachments)))
        )
        self._composer_kind_changed()
        self._build_extra_tabs()
        self.loaded.emit(ticket.number, ticket.subject)

    def announce_presence(self) -> None:
        """Tell others this ticket is open here, and learn who else has it open."""
        presence = PresenceService(self.context.db)
        agent_id, ticket_id = self.context.actor.id, self.ticket_id

        def work(_control: workers.TaskControl) -> list[str]:
            presence.heartbeat(agent_id, ticket_id)
            return presence.viewers(ticket_id, except_agent_id=agent_id)

        self._tasks.start(work, finished=self._show_viewers, failed=lambda _error: None)

    def _show_viewers(self, names: list[str]) -> None:
        self.viewers.setText(self.tr("Also open by: %1").replace("%1", ", ".join(names)))
        self.viewers.setVisible(bool(names))

    def _build_extra_tabs(self) -> None:
        if self._extra_widgets or not self._extra_tabs:
            for widget in self._extra_widgets:
                refresh = getattr(widget, "refresh", None)
                if callable(refresh):
                    refresh()
            return
        for title, factory in self._extra_tabs:
            widget = factory()
            self._extra_widgets.append(widget)
            self.tabs.addTab(widget, title)

    def _review_text(self, migrated: bool, reviewed: bool, flags: tuple[str, ...]) -> str:
        if not migrated:
            return "—"
        text = self.tr("reviewed") if reviewed else self.tr("not yet reviewed")
        return text + (" — " + "; ".join(flags) if flags else "")

    # ----- changes -------------------------------------------------------------------------

    def _change_from_controls(self, which: str) -> None:
        if self._updating_controls or self.detail is None:
            return
        ticket = self.detail.ticket
        change = TicketChange(
            state=TicketState(self.state.currentData()) if which == "state" else None,
            priority=Priority(self.priority.currentData()) if which == "priority" else None,
            assignee_login=str(self.assignee.currentData()) if which == "assignee" else None,
        )
        if (
            change.state in (None, ticket.state)
            and change.priority in (None, ticket.priority)
            and change.assignee_login in (None, ticket.assignee_login or "")
        ):
            return
        self.apply_change(change, ticket.version)

    def _assign_to_me(self) -> None:
        if self.detail is not None:
            self.apply_change(
                TicketChange(assignee_login=self.context.actor.login), self.detail.ticket.version
            )

    def apply_change(self, change: TicketChange, based_on_version: int) -> None:
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id

        def work(control: workers.TaskControl) -> object:
            # Safe to retry: a save that did land is recognised by its outcome.
            return retry(
                lambda: TicketService(db).change(
                    actor, ticket_id, change, expected_version=based_on_version
                ),
                on_retry=lambda error, _pause: control.progress(0, 0, plain_words(error)),
            )

        self._run(
            work,
            lambda _row: self._saved(),
            on_error=lambda error: self._change_failed(error, change),
        )

    def _change_failed(self, error: object, change: TicketChange) -> None:
        if not isinstance(error, TicketConflictError):
            self._show_error(error)
            self.reload()
            return
        if self.resolve_conflict(error, change):
            self.apply_change(change, error.current.version)
        else:
            self.reload()

    def ask_about_conflict(self, error: TicketConflictError, change: TicketChange) -> bool:
        """Show what the other agent changed; True to apply our change on top of theirs."""
        current = error.current
        theirs = "\n".join(f"• {line}" for line in error.changes) or self.tr("(details)")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed by someone else"))
        box.setText(
            self.tr(
                "%1 was changed by someone else while you were looking at it. Your change was "
                "not saved."
            ).replace("%1", current.number)
        )
        box.setInformativeText(
            self.tr("Latest changes:")
            + "\n"
            + theirs
            + "\n\n"
            + self.tr("Now: state %1, priority %2, assignee %3.")
            .replace("%1", self._labels.state(current.state))
            .replace("%2", self._labels.priority(current.priority))
            .replace("%3", current.assignee_name or self.tr("(unassigned)"))
            + "\n"
            + self.tr("Your change: %1").replace("%1", self._describe(change))
        )
        reapply = box.addButton(
            self.tr("&Apply my change on top"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("&Keep theirs"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reapply)
        box.exec()
        return box.clickedButton() is reapply

    def _describe(self, change: TicketChange) -> str:
        parts = []
        if change.state is not None:
            parts.append(self.tr("state → %1").replace("%1", self._labels.state(change.state)))
        if change.priority is not None:
            parts.append(
                self.tr("priority → %1").replace("%1", self._labels.priority(change.priority))
            )
        if change.assignee_login is not None:
            parts.append(
                self.tr("assignee → %1").replace(
                    "%1", change.assignee_login or self.tr("(unassigned)")
                )
            )
        return ", ".join(parts)

    # ----- composing -----------------------------------------------------------------------

    def focus_reply(self) -> None:
        self.composer_kind.setCurrentIndex(0)
        self.tabs.setCurrentIndex(0)
        self.composer.setFocus()

    def _composer_kind_changed(self) -> None:
        closed = self.detail is not None and not self.detail.ticket.state.is_open
        replying = self.composer_kind.currentData() == "reply"
        self.send_button.setEnabled(not (closed and replying))
        self.composer_hint.setText(
            self.tr("The ticket is closed: reopen it to reply; an internal note is possible.")
            if closed and replying
            else self.tr("Internal notes are never shown to the customer or the reseller.")
            if not replying
            else ""
        )
        self._draft_timer.start()

    def send(self) -> None:
        text = self.composer.toPlainText()
        if not text.strip() or not self.send_button.isEnabled():
            return
        kind = str(self.composer_kind.currentData())
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id
        self.save_draft()
        self.send_button.setEnabled(False)

        # One key per message: if the connection drops after the server wrote it, the retry
        # finds it instead of writing it twice.
        key = uuid.uuid4().hex

        def work(control: workers.TaskControl) -> object:
            service = TicketService(db)
            add = service.add_note if kind == "note" else service.reply
            return retry(
                lambda: add(actor, ticket_id, text, client_key=key),
                on_retry=lambda error, _pause: control.progress(0, 0, plain_words(error)),
            )

        self._run(work, lambda _m: self._sent(text), on_error=self._send_failed)

    def _sent(self, text: str) -> None:
        if self.composer.toPlainText() == text:
            self.composer.clear()
            self._drafts.discard(self.ticket_id)
        self.send_button.setEnabled(True)
        self._saved()

    def _send_failed(self, error: object) -> None:
        self.send_button.setEnabled(True)
        self._show_error(error)

    def save_draft(self) -> None:
        self._draft_timer.stop()
        try:
            self._drafts.save(
                self.ticket_id, str(self.composer_kind.currentData()), self.composer.toPlainText()
            )
        except OSError as error:
            self._show_error(self.tr("The draft could not be saved: %1").replace("%1", str(error)))

    def _restore_draft(self) -> None:
        draft = self._drafts.load(self.ticket_id)
        if draft is None:
            return
        self.composer_kind.setCurrentIndex(max(0, self.composer_kind.findData(draft.kind)))
        self.composer.setPlainText(draft.text)
        self._draft_timer.stop()

    # ----- attachments ---------------------------------------------------------------------

    def _selected_attachment(self) -> AttachmentRow | None:
        rows = self.attachments.selectionModel().selectedRows()
        return self.attachments_model.row_at(rows[0].row()) if rows else None

    def _fetch_attachment(self, then: Callable[[AttachmentRow, bytes], None]) -> None:
        chosen = self._selected_attachment()
        if chosen is None:
            return
        db = self.context.db
        self._run(
            lambda _c: TicketService(db).attachment_data(chosen.id), lambda result: then(*result)
        )

    def _open_attachment(self) -> None:
        def opened(row: AttachmentRow, data: bytes) -> None:
            folder = Path(tempfile.mkdtemp(prefix="hezo-desk-"))
            path = folder / row.file_name
            path.write_bytes(data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self._fetch_attachment(opened)

    def _save_attachment(self) -> None:
        def save(row: AttachmentRow, data: bytes) -> None:
            target, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save attachment"), row.file_name
            )
            if target:
                try:
                    Path(target).write_bytes(data)
                except OSError as error:
                    self._show_error(str(error))

        self._fetch_attachment(save)

    def _add_attachment(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id

        def work(_control: workers.TaskControl) -> AttachmentRow:
            return TicketService(db).add_attachment(actor, ticket_id, path.name, path.read_bytes())

        self._run(work, lambda _row: self._saved())

    # ----- plumbing ------------------------------------------------------------------------

    def _saved(self) -> None:
        self.error.hide()
        self.changed.emit(self.ticket_id)
        self.reload()

    def _run(
        self,
        work: Callable[[workers.TaskControl], Any],
        then: Callable[[Any], None],
        on_error: Callable[[object], None] | None = None,
    ) -> None:
        self._tasks.start(
            work, finished=then, failed=on_error or self._show_error, progress=self._show_retrying
        )

    def _show_retrying(self, _done: int, _total: int, text: str) -> None:
        self.error.setText(self.tr("Not saved yet: %1. Your text is kept.").replace("%1", text))
        self.error.show()

    def _show_error(self, error: object) -> None:
        if isinstance(error, BaseException) and is_transient(error):
            text = self.tr(
                "The database cannot be reached (%1). Nothing was lost: your text "
                "is kept; try again in a moment."
            ).replace("%1", plain_words(error))
        elif isinstance(error, HezoError):
            text = str(error)
        elif isinstance(error, OSError):
            text = self.tr("File error: %1").replace("%1", str(error))
        elif isinstance(error, str):
            text = error
        else:
            text = self.tr("Something went wrong: %1").replace("%1", str(error))
        self.error.setText(text)
        self.error.show()

    def leave(self) -> None:
        """The ticket is being closed here: keep the draft, stop announcing presence."""
        self.save_draft()
        self._heartbeat.stop()
        presence = PresenceService(self.context.db)
        agent_id, ticket_id = self.context.actor.id, self.ticket_id
        # Not tied to this widget, which is about to go; a failure only leaves a stale row
        # that expires by itself.
        workers.start(
            self.context.pool,
            lambda _c: presence.leave(agent_id, ticket_id),
            finished=lambda _r: None,
            failed=lambda _e: None,
        )

    def closeEvent(self, event: Any) -> None:
        self.save_draft()
        super().closeEvent(event)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
