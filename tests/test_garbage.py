"""The garbage collector runs on the UI thread only (hezo_desk/ui/garbage.py)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hezo_desk.ui.garbage import UiThreadGarbageCollector, collect_by_thresholds
from waiting import WAIT_MS


@pytest.fixture
def low_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(10, 1, 1)
    yield
    gc.set_threshold(*before)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_collection_follows_the_interpreters_thresholds(low_thresholds: None) -> None:
    gc.collect()
    assert collect_by_thresholds() is None
    garbage = [_Cycle() for _ in range(50)]
    del garbage
    assert collect_by_thresholds() is not None


def test_the_desk_collects_on_its_timer_with_automatic_collection_off(
    qtbot: QtBot, low_thresholds: None
) -> None:
    threads: list[threading.Thread] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread())

    collector = UiThreadGarbageCollector()
    gc.enable()
    collector.start()
    gc.callbacks.append(seen)
    try:
        assert not gc.isenabled()
        for _ in range(50):
            _Cycle()
        qtbot.waitUntil(lambda: bool(threads), timeout=WAIT_MS)
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
    assert set(threads) == {threading.main_thread()}
    assert gc.isenabled()
    gc.disable()  # as the test session keeps it (conftest)
