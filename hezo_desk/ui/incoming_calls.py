"""Calls a phone system hands to the desk (through `CallListener`): what the desk does.

`IncomingCalls` keeps the events until an agent has signed in, then shows each call: the
window to the front on the caller lookup, looked up by the number.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict, deque

import shiboken6
from PySide6.QtCore import QObject, Signal

from hezo_desk.enums import CallDirection, CallEventKind
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.call_links import MAX_LIVE_CALL
from hezo_desk.services.phones import phone_e164
from hezo_desk.ui.call_listener import CallListener
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.main_window import MainWindow

# Calls whose screen was shown, by the phone system's id: a few hours of a busy line.
REMEMBERED_CALLS = 500
# How long a `tel:` link this desk opened (a call-back) may take to come back to it, when the
# desk is itself the system's handler of tel: links.
OWN_DIAL_ECHO_S = 30.0


class IncomingCalls(QObject):
    """Each call event, shown by the signed-in desk.

    Events that come before the sign-in (or while the desk signs out and in) wait. A call is
    shown once: on its ring, or on its answer when no ring came; a hang-up only says so.
    """

    # An event the signed-in desk took, with its context: for the call journal.
    delivered = Signal(object, object)  # DeskContext, CallEvent

    def __init__(self, listener: CallListener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener = listener
        listener.received.connect(self.take)
        self._pending: deque[CallEvent] = deque()
        self._window: MainWindow | None = None
        self._context: DeskContext | None = None
        # By call id and number, with when: phone systems number their calls alike, or from 1
        # again after a restart, so the same id from another caller or hours later is a call.
        self._shown: OrderedDict[tuple[str, str], dt.datetime] = OrderedDict()
        # Numbers this desk dialled (opened a tel: link for), with when.
        self._dialled: dict[str, float] = {}

    def take(self, event: CallEvent) -> None:
        if self._own_dial(event):
            return
        self._pending.append(event)
        self._deliver()

    def take_pending(self) -> list[CallEvent]:
        """The events still waiting for a signed-in desk, handed out (no longer waiting here)."""
        pending = list(self._pending)
        self._pending.clear()
        return pending

    def dialled(self, number: str) -> None:
        """This desk opened a tel: link for `number` (a call-back, recorded as outgoing)."""
        self._dialled[phone_e164(number) or number] = time.monotonic()

    def _own_dial(self, event: CallEvent) -> bool:
        """Whether `event` is this desk's own tel: link come back (the desk is the system's
        tel: handler): no incoming call, neither shown nor recorded."""
        now = time.monotonic()
        for number, when in list(self._dialled.items()):
            if now - when > OWN_DIAL_ECHO_S:
                del self._dialled[number]
        if (
            event.call_id is not None
            or event.event is not CallEventKind.RING
            or event.direction is not CallDirection.INBOUND
        ):
            return False
        return self._dialled.pop(phone_e164(event.number) or event.number, None) is not None

    def attach(self, window: MainWindow, context: DeskContext) -> None:
        """The signed-in desk's window: it shows the calls from now on, waiting ones first."""
        self._window, self._context = window, context
        self._deliver()

    def detach(self) -> None:
        """The window goes (sign-out, settings): calls wait for the next one."""
        self._window, self._context = None, None

    def _deliver(self) -> None:
        window, context = self._window, self._context
        if window is None or context is None or not shiboken6.isValid(window):
            return
        while self._pending:
            event = self._pending.popleft()
            if event.event is CallEventKind.HANGUP:
                window.call_ended(event)
            elif self._first_word_of_call(event):
                window.take_call(event)
            self.delivered.emit(context, event)

    def _first_word_of_call(self, event: CallEvent) -> bool:
        if event.call_id is None:
            # Nothing ties an answer to its ring: only a ring shows the caller.
            return event.event is CallEventKind.RING
        key = (event.call_id, phone_e164(event.number) or event.number)
        shown_at = self._shown.pop(key, None)
        if shown_at is not None and abs(event.at - shown_at) < MAX_LIVE_CALL:
            self._shown[key] = shown_at
            return False
        self._shown[key] = event.at
        while len(self._shown) > REMEMBERED_CALLS:
            self._shown.popitem(last=False)
        return True
