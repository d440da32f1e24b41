"""Background tasks report results, errors, progress and cancellation on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from hezo_desk.ui.workers import TaskControl, start
from waiting import WAIT_MS, WAIT_S


def test_results_progress_and_errors_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    pool = QThreadPool()
    main = threading.get_ident()
    seen: list[object] = []

    def work(control: TaskControl) -> int:
        assert threading.get_ident() != main
        for step in range(3):
            control.progress(step + 1, 3, "krok")
        return 42

    task = start(
        pool,
        work,
        finished=seen.append,
        failed=seen.append,
        progress=lambda d, t, _x: seen.append((d, t, threading.get_ident() == main)),
    )
    # The callbacks were connected before the task started: wait for what they saw.
    qtbot.waitUntil(lambda: 42 in seen, timeout=WAIT_MS)
    assert task.control is not None
    assert (3, 3, True) in seen

    def broken(_control: TaskControl) -> None:
        raise ValueError("zły plik")

    errors: list[object] = []
    failing = start(pool, broken, finished=errors.append, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert failing.control is not None
    assert isinstance(errors[0], ValueError)
    pool.waitForDone()


def test_cancelled_work_stops_between_units(qtbot: QtBot) -> None:
    pool = QThreadPool()
    gate = threading.Event()
    done_units: list[int] = []

    def work(control: TaskControl) -> None:
        for unit in range(1000):
            gate.wait(WAIT_S)
            control.check()
            done_units.append(unit)

    outcomes: list[str] = []
    task = start(
        pool,
        work,
        finished=lambda _r: outcomes.append("finished"),
        failed=lambda _e: outcomes.append("failed"),
        cancelled=lambda: outcomes.append("cancelled"),
    )
    task.control.cancel()
    gate.set()
    qtbot.waitUntil(lambda: outcomes == ["cancelled"], timeout=WAIT_MS)
    assert done_units == [], "cancelled before its first unit, it did none"
    pool.waitForDone()
