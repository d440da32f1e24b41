"""Background tasks report results, errors, progress and cancellation on the UI thread, and
only while the object that asked for them lives."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hezo_desk.ui.workers import TaskControl, TaskSet, start
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
        owner=pool,
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
    failing = start(pool, broken, owner=pool, finished=errors.append, failed=errors.append)
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
        owner=pool,
        finished=lambda _r: outcomes.append("finished"),
        failed=lambda _e: outcomes.append("failed"),
        cancelled=lambda: outcomes.append("cancelled"),
    )
    task.control.cancel()
    gate.set()
    qtbot.waitUntil(lambda: outcomes == ["cancelled"], timeout=WAIT_MS)
    assert done_units == [], "cancelled before its first unit, it did none"
    pool.waitForDone()


def test_a_task_ending_after_its_owner_was_deleted_calls_nothing(qtbot: QtBot) -> None:
    """The lambdas touch the deleted label: were they called, Qt would raise (and the test
    fail, exceptions in Qt callbacks are raised here)."""
    pool = QThreadPool()
    gate = threading.Event()
    label = QLabel()
    called: list[str] = []
    ended: list[bool] = []

    def work(control: TaskControl) -> int:
        control.progress(1, 2, "")
        assert gate.wait(10)
        control.progress(2, 2, "")
        return 7

    def finished(result: object) -> None:
        called.append("finished")
        label.setText(str(result))

    def failed(error: object) -> None:
        called.append("failed")
        label.setText(str(error))

    def progress(done: int, _total: int, _text: str) -> None:
        called.append(f"progress {done}")
        label.setText(str(done))

    start(
        pool,
        work,
        owner=label,
        finished=finished,
        failed=failed,
        progress=progress,
        ended=lambda: ended.append(True),
    )
    # The first progress report is queued or delivered; then the owner goes mid-task.
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=WAIT_MS)
    gate.set()
    assert pool.waitForDone(10_000)
    # Let anything still queued arrive: a second task with a living owner ends after it.
    sentinel = QObject()
    done: list[object] = []
    start(pool, lambda _c: None, owner=sentinel, finished=done.append, failed=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert called in ([], ["progress 1"])
    assert ended == [True], "bookkeeping (a task set's) hears the end all the same"


def test_a_task_set_forgets_each_task_when_it_ends(qtbot: QtBot) -> None:
    pool = QThreadPool()
    owner = QObject()
    tasks = TaskSet(pool, owner)
    gate = threading.Event()
    results: list[object] = []
    tasks.start(lambda _c: gate.wait(10), finished=results.append, failed=results.append)
    assert len(tasks) == 1
    gate.set()
    qtbot.waitUntil(lambda: results == [True], timeout=WAIT_MS)
    assert len(tasks) == 0
    pool.waitForDone()
