"""Slow work off the UI thread: a QRunnable that reports through signals.

The function runs in a pool thread and must not touch widgets; it receives a `TaskControl`
to report progress and to notice cancellation between units of work. Results and errors come
back as queued signals, delivered on the UI thread to the receivers' slots.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")


class CancelledError(Exception):
    """Raised inside a task by `TaskControl.check()` once the user cancelled it."""


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progress = Signal(int, int, str)


class TaskControl:
    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Between units of work: stop here if the user cancelled."""
        if self._cancel.is_set():
            raise CancelledError

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)


class Task(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[TaskControl], T]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self.control = TaskControl(self.signals)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.control)
        except CancelledError:
            self.signals.cancelled.emit()
        except Exception as error:
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def start(
    pool: QThreadPool,
    work: Callable[[TaskControl], T],
    *,
    finished: Callable[[Any], None],
    failed: Callable[[Any], None],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], None] | None = None,
) -> Task[T]:
    """Run `work` in `pool`; the callbacks run on the UI thread. Keep the task to cancel it."""
    task = Task(work)
    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    if progress is not None:
        task.signals.progress.connect(progress)
    if cancelled is not None:
        task.signals.cancelled.connect(cancelled)
    pool.start(task)
    return task


class TaskSet:
    """Holds the tasks a widget started until each ends, so their signals are delivered."""

    def __init__(self, pool: QThreadPool) -> None:
        self._pool = pool
        self._running: set[Task[Any]] = set()

    def start(
        self,
        work: Callable[[TaskControl], T],
        *,
        finished: Callable[[Any], None],
        failed: Callable[[Any], None],
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> Task[T]:
        task = start(
            self._pool,
            work,
            finished=finished,
            failed=failed,
            progress=progress,
            cancelled=cancelled,
        )
        self._running.add(task)

        def forget(*_args: object) -> None:
            self._running.discard(task)

        task.signals.finished.connect(forget)
        task.signals.failed.connect(forget)
        task.signals.cancelled.connect(forget)
        return task

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.control.cancel()

    def __len__(self) -> int:
        return len(self._running)
