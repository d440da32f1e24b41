"""Python's garbage collector runs on the UI thread only.

Left to itself, the collector runs in whichever thread allocates when a threshold is crossed:
often a worker reading the database. A Qt object caught in a reference cycle is then
destroyed in that worker, and its destructor takes Qt's locks and waits for the interpreter
lock while the UI thread holds the interpreter lock and waits for those Qt locks: the desk
freezes (seen in a test run, a QtNetwork object freed from a list worker's collection).
qutebrowser avoids it the same way: automatic collection off, and the UI thread collects on a
timer, by the same generation thresholds the interpreter uses.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 1_000


def collect_by_thresholds() -> int | None:
    """Collect the oldest generation whose count passed its threshold (as the interpreter
    would); the generation collected, or None."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return None


class UiThreadGarbageCollector(QObject):
    """Turns automatic collection off while it runs and collects on the UI thread's timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(collect_by_thresholds)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
