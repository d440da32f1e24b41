"""A short wait for work that may wait on the network, run in the pool while the UI stays live.

The desk's start-up steps (opening the database, checking and upgrading its schema, loading
demo data, reading who may sign in) block on the server; `WaitDialog.run` runs such a step in
the pool and waits for it in a local event loop, so the windows keep painting and timers keep
firing. The dialog shows itself only when the step takes a moment, says which phase it is in,
and offers Cancel while the phase allows it (an upgrade or a demo load, once begun, is left to
finish: the schema change runs in one transaction of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.ui import workers

T = TypeVar("T")
# A step quicker than this shows no dialog at all.
SHOW_AFTER_MS = 400


class _Phases(QObject):
    """Carries a step's phase from its thread to the dialog (a queued signal)."""

    changed = Signal(str, bool)  # text, may it be cancelled?


# A step reports its phase: `phase(text, cancellable)`.
Phase = Callable[[str, bool], None]


@dataclass
class Outcome(Generic[T]):
    """How a step ended: its result, its error, or cancelled by the user."""

    result: T | None = None
    error: object | None = None
    cancelled: bool = False


class WaitDialog(QDialog):
    """Runs one step at a time (`run`); the step gets its `TaskControl` and a `Phase`."""

    def __init__(self, pool: QThreadPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wait_dialog")
        self.setWindowTitle(self.tr("HEZO Desk"))
        self.setModal(True)
        self.setMinimumWidth(360)
        self._pool = pool
        self._loop: QEventLoop | None = None
        self._task: workers.Task[Any] | None = None
        # Which step's answers are awaited: each run has a token of its own, so an answer of a
        # step cancelled earlier is never taken for the current one.
        self._token: object | None = None
        self._outcome: Outcome[Any] = Outcome()
        # Cancelled steps still running (by token), with what closes a result arriving anyway.
        self._left: dict[object, Callable[[Any], None] | None] = {}
        self._abandon: Callable[[Any], None] | None = None
        self._phases = _Phases(self)
        self._phases.changed.connect(self._show_phase)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self.show)

        self.text = QLabel(self)
        self.text.setObjectName("wait_text")
        self.text.setWordWrap(True)
        busy = QProgressBar(self)
        busy.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(busy)
        layout.addWidget(self.buttons)

    def run(
        self,
        work: Callable[[workers.TaskControl, Phase], T],
        *,
        text: str,
        abandon: Callable[[T], None] | None = None,
    ) -> Outcome[T]:
        """Run `work` in the pool and wait for it without blocking the UI thread.

        Cancel ends the wait at once (`Outcome.cancelled`); the step is asked to stop at its
        next `control.check()`, and a result that still arrives is handed to `abandon` (to
        close what it opened).
        """
        self._outcome = Outcome()
        self._abandon = abandon
        self._show_phase(text, True)
        phases = self._phases
        token = self._token = object()
        self._task = workers.start(
            self._pool,
            lambda control: work(control, phases.changed.emit),
            owner=self,
            finished=partial(self._finished, token),
            failed=partial(self._failed, token),
            cancelled=partial(self._cancelled, token),
        )
        self._loop = QEventLoop(self)
        self._show_timer.start()
        self._loop.exec()
        self._loop = None
        self._show_timer.stop()
        self.hide()
        return self._outcome

    def cancel(self) -> None:
        task = self._task
        if task is None or not self.cancel_button.isEnabled():
            return
        task.control.cancel()
        self._left[self._token] = self._abandon
        self._end(Outcome(cancelled=True))

    def _current(self, token: object) -> bool:
        """Whether an answer comes from the step being waited for."""
        return self._task is not None and token is self._token

    def _show_phase(self, text: str, cancellable: bool) -> None:
        self.text.setText(text)
        self.cancel_button.setEnabled(cancellable)

    def _finished(self, token: object, result: object) -> None:
        if self._current(token):
            self._end(Outcome(result=result))
            return
        # Cancelled, but the step had already passed its last check: close what it opened.
        abandon = self._left.pop(token, None)
        if abandon is not None:
            abandon(result)

    def _failed(self, token: object, error: object) -> None:
        if self._current(token):
            self._end(Outcome(error=error))
        else:
            self._left.pop(token, None)

    def _cancelled(self, token: object) -> None:
        if self._current(token):
            self._end(Outcome(cancelled=True))
        else:
            self._left.pop(token, None)

    def _end(self, outcome: Outcome[Any]) -> None:
        self._outcome = outcome
        self._task = None
        self._token = None
        if self._loop is not None:
            self._loop.quit()

    def reject(self) -> None:
        """Escape: Cancel when the phase allows it, else nothing (the step goes on)."""
        self.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        event.ignore()
