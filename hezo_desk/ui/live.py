"""Keeping every open screen current, and telling the user when the database is away.

A thread of its own watches the change feed: on PostgreSQL it sleeps in LISTEN and wakes on
NOTIFY (with a slow poll as a safety net), on SQLite it polls. A notification names nothing
(any role may listen): the feed tells what committed since its last read (in whatever order
the transactions committed, see services/change_feed.py). It never
touches widgets: it emits signals, which Qt delivers on the UI thread.
Stopping never waits for it: during an outage it may be inside a connection attempt or a
statement for seconds, so it is asked to stop, handed to the application object and deleted
once it has ended by itself.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal

from hezo_desk.db import Database
from hezo_desk.services.change_feed import ChangeFeed, FeedPosition
from hezo_desk.services.postgres_listener import PostgresListener
from hezo_desk.services.resilience import RETRY_DELAYS_S, is_transient, plain_words
from hezo_desk.ui.error_wording import error_text

SQLITE_POLL_S = 1.0
POSTGRES_SAFETY_POLL_S = 10.0
LISTEN_SLICE_S = 0.5


class _Watcher(QThread):
    changed = Signal(object, bool)  # frozenset[int] of ticket ids, everything?
    others = Signal()  # a change that names no ticket (agents, registrations, imports)
    calls = Signal()  # a change of the call journal
    connection = Signal(bool, str)  # connected?, message in plain words

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._feed = ChangeFeed(db)
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        listener = None if self._db.is_sqlite else PostgresListener(self._db.url)
        position: FeedPosition | None = None
        failures = 0
        quiet_for = 0.0
        while not self._stop.is_set():
            try:
                if position is None:
                    # Listening first: a commit between the two is told twice, never missed.
                    if listener is not None:
                        listener.open()
                    position = self._feed.position()
                    if failures:
                        # Back after a fault: whatever changed meanwhile, show it all.
                        self.changed.emit(frozenset(), True)
                    # Watching from here on: every later commit will be told.
                    self.connection.emit(True, "")
                    failures = 0
                if listener is not None:
                    # Short waits keep stopping quick; the feed is read when notified, and
                    # every few seconds anyway in case a notification was missed.
                    notified = listener.wait(LISTEN_SLICE_S)
                    quiet_for += LISTEN_SLICE_S
                    if not notified and quiet_for < POSTGRES_SAFETY_POLL_S:
                        continue
                    quiet_for = 0.0
                else:
                    self._stop.wait(SQLITE_POLL_S)
                position = self._read(position)
            except Exception as error:
                position = None
                if listener is not None:
                    listener.close()
                message = (
                    plain_words(error, QCoreApplication.translate)
                    if is_transient(error)
                    else error_text(error)
                )
                self.connection.emit(False, message)
                pause = RETRY_DELAYS_S[min(failures, len(RETRY_DELAYS_S) - 1)]
                failures += 1
                self._stop.wait(pause)
        if listener is not None:
            listener.close()

    def _read(self, position: FeedPosition) -> FeedPosition:
        """Read the feed from `position`; tell what changed."""
        batch = self._feed.since(position)
        if batch.overflow:
            self.changed.emit(frozenset(), True)
            return batch.position
        if batch.ticket_ids:
            self.changed.emit(batch.ticket_ids, False)
        if batch.others:
            self.others.emit()
        if batch.calls:
            self.calls.emit()
        return batch.position


class LiveUpdates(QObject):
    """`tickets_changed(ids, everything)` when tickets changed elsewhere, `others_changed()`
    for changes that name no ticket, `calls_changed()` for the call journal's;
    `connection_changed(connected, message)`, connected
    each time it starts watching (every commit after that is told)."""

    tickets_changed = Signal(object, bool)
    others_changed = Signal()
    calls_changed = Signal()
    connection_changed = Signal(bool, str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = _Watcher(db)
        self._stopped = False
        self._watcher.changed.connect(self.tickets_changed)
        self._watcher.others.connect(self.others_changed)
        self._watcher.calls.connect(self.calls_changed)
        self._watcher.connection.connect(self.connection_changed)

    def start(self) -> None:
        self._watcher.start()

    def stop(self) -> None:
        """Ask the watcher to stop and return at once; it reports nothing more."""
        if self._stopped:
            return
        self._stopped = True
        watcher = self._watcher
        watcher.changed.disconnect(self.tickets_changed)
        watcher.connection.disconnect(self.connection_changed)
        watcher.others.disconnect(self.others_changed)
        watcher.calls.disconnect(self.calls_changed)
        watcher.stop()
        if not watcher.isRunning() and not watcher.isFinished():
            return  # never started: it goes with this object
        # It outlives this object (and the window): the application keeps it until it ends.
        watcher.finished.connect(watcher.deleteLater)
        watcher.setParent(QCoreApplication.instance())
        if watcher.isFinished():
            watcher.deleteLater()

    @staticmethod
    def wait_for_stopped(timeout_ms: int) -> None:
        """At exit only, with no window left: let stopping watchers end (at most `timeout_ms`)."""
        app = QCoreApplication.instance()
        if app is None:
            return
        deadline = QDeadlineTimer(timeout_ms)
        for watcher in app.findChildren(_Watcher):
            watcher.wait(deadline)
