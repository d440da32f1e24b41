"""Changes made elsewhere, gathered for a moment and handed on as one burst.

Live updates (ui/live.py) name changed tickets as notifications arrive, often a few at a time
for one save; a window applies them a moment after the last, each ticket once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal


@dataclass(frozen=True)
class RemoteChanges:
    ticket_ids: frozenset[int]
    # Too many to name (or back after an outage): everything may have changed.
    everything: bool = False
    # Something that names no ticket changed (an agent, a registration, an import).
    others: bool = False
    # The call journal changed.
    calls: bool = False


class RemoteChangeBuffer(QObject):
    """Emits `ready(RemoteChanges)` `delay_ms` after the last change added."""

    ready = Signal(object)

    def __init__(self, delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: set[int] = set()
        self._everything = False
        self._others = False
        self._calls = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._hand_on)

    def add_tickets(self, ticket_ids: frozenset[int], everything: bool) -> None:
        self._ids |= ticket_ids
        self._everything = self._everything or everything
        self._timer.start()

    def add_others(self) -> None:
        self._others = True
        self._timer.start()

    def add_calls(self) -> None:
        self._calls = True
        self._timer.start()

    def _hand_on(self) -> None:
        changes = RemoteChanges(
            frozenset(self._ids), self._everything, self._others, calls=self._calls
        )
        self._ids, self._everything, self._others, self._calls = set(), False, False, False
        self.ready.emit(changes)
