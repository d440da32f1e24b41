"""The desk's calls into the call journal: in the pool, one event after the other.

Order matters (an answer completes the call its ring created), so the events of this desk wait
in a queue and each is recorded when the one before has ended. Recording an event again changes
nothing (services/calls.py), so a transient fault of the database is retried.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.resilience import retry
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext


class CallRecorder(QObject):
    recorded = Signal(object)  # CallRecord: the call as it now is
    failed = Signal(object, object)  # CallEvent, the error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[tuple[DeskContext, CallEvent]] = deque()
        self._busy = False

    def record(self, context: DeskContext, event: CallEvent) -> None:
        """Keep `event` in the journal as the agent of `context`, after those before it."""
        self._queue.append((context, event))
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        context, event = self._queue.popleft()
        journal, actor = CallJournal(context.db), context.actor
        self._busy = True
        workers.start(
            context.pool,
            lambda _control: retry(lambda: journal.record(actor, event)),
            owner=self,
            finished=self._recorded,
            failed=lambda error: self._failed(event, error),
        )

    def _recorded(self, record: CallRecord) -> None:
        self._busy = False
        self.recorded.emit(record)
        self._next()

    def _failed(self, event: CallEvent, error: object) -> None:
        self._busy = False
        self.failed.emit(event, error)
        self._next()
