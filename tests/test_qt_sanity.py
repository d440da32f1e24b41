"""The Qt binding itself: a desk session emits signals all day and must not wear out."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


class _Emitter(QObject):
    ping = Signal()
    value = Signal(object)


def test_emitting_signals_leaks_no_references(qapp: QApplication) -> None:
    # PySide6 6.12.0 dropped one reference to True per emit and aborted the process after
    # some thousands; pyproject.toml keeps such a version out, this test keeps it out for good.
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(2_000):
        emitter.ping.emit()
        emitter.value.emit(n)
    qapp.processEvents()
    assert len(received) == 2_000
    assert abs(sys.getrefcount(True) - before_true) < 50
    assert abs(sys.getrefcount(None) - before_none) < 50
