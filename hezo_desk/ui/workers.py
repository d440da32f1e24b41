"""Slow work off the UI thread: a QRunnable that reports through signals.

The function runs in a pool thread and must not touch widgets; it receives a `TaskControl`
to report progress and to notice cancellation between units of work. Results and errors come
back as queued signals, delivered on the UI thread to the callbacks.

Every task has an owner, the QObject that asked for it. Its callbacks (often lambdas, which Qt
does not disconnect when the widget they use goes) are called only while the owner exists:
once it is deleted, a task that ends calls nothing of it. Work whose outcome must not be lost
with the window (a sent reply's draft) does that part in the work function itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

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


def _tied(
    owner: QObject, callback: Callable[..., None] | None, ended: Callable[[], None] | None
) -> Callable[..., None]:
    """`callback`, called only while `owner` lives; `ended` (bookkeeping) in any case."""

    def call(*args: Any) -> None:
        try:
            if ended is not None:
                ended()
        finally:
            if callback is not None and shiboken6.isValid(owner):
                callback(*args)

    return call


def start(
    pool: QThreadPool,
    work: Callable[[TaskControl], T],
    *,
    owner: QObject,
    finished: Callable[[Any], None],
    failed: Callable[[Any], None],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], None] | None = None,
    ended: Callable[[], None] | None = None,
) -> Task[T]:
    """Run `work` in `pool`; the callbacks run on the UI thread, and only while `owner` lives.

    `ended` runs when the task ends in any way, owner or not (bookkeeping, never widgets).
    Keep the task to cancel it.
    """
    task = Task(work)
    # The signals reach these plain functions on the UI thread (queued: the task emits them
    # in a pool thread); each asks whether the owner still exists before calling anything of
    # it. A deleted QObject's wrapper reports itself invalid, and the function's reference
    # keeps the wrapper to ask.
    # Held until the task ends: the caller may drop it, and the pool does not keep its Python
    # side (with the signals) alive. Cleared at the end, which breaks the cycle through Qt.
    held: list[Task[T]] = [task]

    def end() -> None:
        # Released on a later turn of the event loop, not here: this runs inside the delivery
        # of the task's own signal, and dropping the last reference now would delete the
        # signals' QObject while Qt is still delivering from it (a crash seen under load).
        QTimer.singleShot(0, held.clear)
        if ended is not None:
            ended()

    task.signals.finished.connect(_tied(owner, finished, end))
    task.signals.failed.connect(_tied(owner, failed, end))
    task.signals.cancelled.connect(_tied(owner, cancelled, end))
    if progress is not None:
        task.signals.progress.connect(_tied(owner, progress, None))
    pool.start(task)
    return task


class TaskSet:
    """The tasks a widget started and has not heard the end of, to cancel them together.

    The set's owner owns each task's callbacks (see `start`); a task may name another owner,
    such as a model whose callbacks touch only the model.
    """

    def __init__(self, pool: QThreadPool, owner: QObject) -> None:
        self._pool = pool
        self._owner = owner
        self._running: dict[object, Task[Any]] = {}

    def start(
        self,
        work: Callable[[TaskControl], T],
        *,
        finished: Callable[[Any], None],
        failed: Callable[[Any], None],
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> Task[T]:
        # A token, not the task: a function connected to the task's own signals that held the
        # task would make a cycle through Qt that Python's collector cannot see.
        token = object()

        def forget() -> None:
            self._running.pop(token, None)

        task = start(
            self._pool,
            work,
            owner=owner if owner is not None else self._owner,
            finished=finished,
            failed=failed,
            progress=progress,
            cancelled=cancelled,
            ended=forget,
        )
        self._running[token] = task
        return task

    def cancel_all(self) -> None:
        for task in list(self._running.values()):
            task.control.cancel()

    def __len__(self) -> int:
        return len(self._running)
