"""One ticket: its facts, the whole dialogue, attachments, history; reply, note and changes.

Loading and saving run in the background. A change of state, priority or assignee is based on
the version the agent sees; when someone else changed the ticket meanwhile the agent is shown
what changed and can re-apply their own change in one step. The unsent reply is kept on disk
while it is typed (see `composer`), so it survives closing the window or a crash. The parts of
the window are built in the sibling modules; this one loads, saves and connects them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from hezo_desk.drafts import DraftStore
from hezo_desk.placeholders import fill
from hezo_desk.services.agents import AgentRow, AgentService
from hezo_desk.services.audit import AuditRow, AuditService
from hezo_desk.services.presence import PresenceService
from hezo_desk.services.reply_templates import ReplyTemplateService
from hezo_desk.services.resilience import is_transient, plain_words, retry
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.ticket_loading import AttachmentRow
from hezo_desk.services.tickets import TicketChange, TicketDetail, TicketService
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import fit_columns
from hezo_desk.ui.template_picker import TemplatePicker
from hezo_desk.ui.ticket.composer import Composer
from hezo_desk.ui.ticket.conflict import ask_about_conflict
from hezo_desk.ui.ticket.controls import ChangeControls
from hezo_desk.ui.ticket.countdown import DueCountdown
from hezo_desk.ui.ticket.facts import TicketFacts
from hezo_desk.ui.ticket.panes import AttachmentsPane, DialogueBrowser, history_table

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
        self._labels = Labels(self)
        self.detail: TicketDetail | None = None
        self._drafts = drafts
        self._tasks = workers.TaskSet(context.pool, self)
        # How a conflicting save is settled; a dialog by default (tests answer it directly).
        self.resolve_conflict: Callable[[TicketConflictError, TicketChange], bool] = (
            self.ask_about_conflict
        )
        self._extra_tabs = list(extra_tabs)
        self._extra_widgets: list[QWidget] = []

        self.facts = TicketFacts(self._labels)
        self.countdown = DueCountdown(self)
        self.title, self.viewers = self.facts.title, self.facts.viewers
        self.controls = ChangeControls(
            self._labels,
            context.actor.login,
            [(text, partial(handler, self)) for text, handler in actions],
        )
        self.controls.change_requested.connect(self.apply_change)
        self.state, self.priority, self.assignee = (
            self.controls.state,
            self.controls.priority,
            self.controls.assignee,
        )
        self.take_button = self.controls.take_button
        self.error = self._error_line()
        splitter = self._build_tabs_and_composer(drafts)

        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.countdown)
        layout.addWidget(self.controls)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(PRESENCE_HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.announce_presence)
        self._heartbeat.start()
        self.reload()
        self.announce_presence()
        self._check_restored_draft()

    def _build_tabs_and_composer(self, drafts: DraftStore) -> QSplitter:
        """Dialogue, Attachments and History tabs above the composer, split 3 : 1."""
        self.dialogue = DialogueBrowser()
        self.attachments_pane = AttachmentsPane(
            self.context.db,
            self._labels,
            self._run,
            self._show_error,
            self.context.opened_copies,
            self,
        )
        self.attachments_pane.add_requested.connect(self.attach_file)
        self.attachments_model = self.attachments_pane.model
        self.attachments = self.attachments_pane.table
        self.history_model, self.history = history_table(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ticket_tabs")
        self.tabs.addTab(self.dialogue, self.tr("Dialogue"))
        self.tabs.addTab(self.attachments_pane, self.tr("Attachments"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.composing = Composer(drafts, self.ticket_id, self._show_error)
        self.composing.send_requested.connect(self.send)
        self.composing.template_requested.connect(self.choose_template)
        self.composer, self.send_button = self.composing.text, self.composing.send_button

        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.composing)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    @staticmethod
    def _error_line() -> QLabel:
        error = QLabel()
        error.setObjectName("error")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c62828;")
        error.hide()
        return error

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
        self.facts.show_ticket(detail)
        self.countdown.show_facts(ticket.sla)
        self.controls.show_ticket(ticket, loaded.agents)
        self.dialogue.show_messages(detail.messages)
        self.attachments_model.set_rows(detail.attachments)
        self.history_model.set_rows(loaded.history)
        fit_columns(self.attachments)
        fit_columns(self.history)
        self.tabs.setTabText(1, fill(self.tr("Attachments (%1)"), len(detail.attachments)))
        self.composing.show_state(closed=not ticket.state.is_open)
        self._build_extra_tabs()
        self.loaded.emit(ticket.number, ticket.subject)

    def announce_presence(self) -> None:
        """Tell others this ticket is open here, and learn who else has it open."""
        presence = PresenceService(self.context.db)
        agent_id, ticket_id = self.context.actor.id, self.ticket_id

        def work(_control: workers.TaskControl) -> list[str]:
            presence.heartbeat(agent_id, ticket_id)
            return presence.viewers(ticket_id, except_agent_id=agent_id)

        self._tasks.start(work, finished=self.facts.show_viewers, failed=lambda _error: None)

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

    # ----- changes -------------------------------------------------------------------------

    def apply_change(self, change: TicketChange, based_on_version: int) -> None:
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id

        def work(control: workers.TaskControl) -> object:
            # Safe to retry: a save that did land is recognised by its outcome.
            return retry(
                lambda: TicketService(db).change(
                    actor, ticket_id, change, expected_version=based_on_version
                ),
                on_retry=lambda error, _pause: control.progress(
                    0, 0, plain_words(error, QCoreApplication.translate)
                ),
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
        return ask_about_conflict(self, self._labels, error, change)

    # ----- composing -----------------------------------------------------------------------

    def focus_reply(self) -> None:
        self.composing.focus_reply()

    def focus_note(self) -> None:
        self.composing.focus_note()
        self.tabs.setCurrentIndex(0)

    def choose_template(self) -> None:
        """Ctrl+T: pick a reply template; it is filled in for this ticket at the caret."""
        picker = TemplatePicker(self.context, self.ticket_id, parent=self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.insert_template)
        picker.open()

    def insert_template(self, template_id: int) -> None:
        """The template filled in for this ticket (its use audited), into the composer."""
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id
        self._run(
            lambda _c: ReplyTemplateService(db).render(actor, template_id, ticket_id),
            self.composing.insert_template,
        )

    def send(self) -> None:
        text = self.composer.toPlainText()
        if not text.strip() or not self.send_button.isEnabled():
            return
        kind = self.composing.kind_code
        db, actor, ticket_id = self.context.db, self.context.actor, self.ticket_id
        drafts = self._drafts
        self.save_draft()
        # One key per message, on disk with the draft before anything is sent: if the
        # connection drops after the server wrote it, the retry finds it instead of writing it
        # twice; if the desk is killed, the next page asks the server about it.
        key = drafts.sending(ticket_id, kind, text)
        self.send_button.setEnabled(False)

        def work(control: workers.TaskControl) -> object:
            service = TicketService(db)
            add = service.add_note if kind == "note" else service.reply
            try:
                message = retry(
                    lambda: add(actor, ticket_id, text, client_key=key),
                    on_retry=lambda error, _pause: control.progress(
                        0, 0, plain_words(error, QCoreApplication.translate)
                    ),
                )
            except BaseException:
                drafts.not_sent(ticket_id)
                raise
            # Here, not in the page's callback: the page may be closed by now (its callback is
            # then never called) or the desk killed, and a sent text must not come back as a
            # draft to be sent twice. The reply is saved whatever the disk says: a failure here
            # must not read as a failed send.
            with contextlib.suppress(OSError):
                drafts.sent(ticket_id, text)
            return message

        self._run(work, lambda _m: self._sent(text), on_error=self._send_failed)

    def _check_restored_draft(self) -> None:
        """A restored draft whose send this desk never heard the end of (killed right after the
        server's commit?): the server says whether that message exists before it is offered."""
        key = self.composing.unconfirmed_key
        if key is None:
            return
        db, ticket_id = self.context.db, self.ticket_id

        def failed(error: object) -> None:
            # Unknown: offered again; sending the same text reuses its key, so a message that
            # did land is found, not written twice.
            self.composing.send_confirmed(found=False)
            self._show_error(error)

        self._tasks.start(
            lambda _c: TicketService(db).has_message_with_client_key(ticket_id, key),
            finished=lambda found: self.composing.send_confirmed(found=bool(found)),
            failed=failed,
        )

    def _sent(self, text: str) -> None:
        self.composing.sent(text)
        self._saved()

    def _send_failed(self, error: object) -> None:
        self.send_button.setEnabled(True)
        self._show_error(error)

    def save_draft(self) -> None:
        self.composing.save_draft()

    # ----- attachments ---------------------------------------------------------------------

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
        self.error.setText(fill(self.tr("Not saved yet: %1. Your text is kept."), text))
        self.error.show()

    def _show_error(self, error: object) -> None:
        if isinstance(error, BaseException) and is_transient(error):
            text = fill(
                self.tr(
                    "The database cannot be reached (%1). Nothing was lost: your text "
                    "is kept; try again in a moment."
                ),
                plain_words(error, QCoreApplication.translate),
            )
        elif isinstance(error, str):
            text = error
        else:
            text = error_text(error)
        self.error.setText(text)
        self.error.show()

    def leave(self) -> None:
        """The ticket is being closed here: keep the draft, stop announcing presence."""
        self.save_draft()
        self._heartbeat.stop()
        presence = PresenceService(self.context.db)
        agent_id, ticket_id = self.context.actor.id, self.ticket_id
        # Owned by the pool, not this widget, which is about to go; a failure only leaves a
        # stale row that expires by itself.
        workers.start(
            self.context.pool,
            lambda _c: presence.leave(agent_id, ticket_id),
            owner=self.context.pool,
            finished=lambda _r: None,
            failed=lambda _e: None,
        )

    def closeEvent(self, event: Any) -> None:
        self.save_draft()
        super().closeEvent(event)
