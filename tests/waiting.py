"""How long a test waits for something it waits on, and a wait for code outside Qt's loop.

A timeout only bounds a failure: a passing test never waits it out, so it is generous
enough for a loaded machine. Qt tests wait with `qtbot.waitUntil`/`waitSignal` and
`timeout=WAIT_MS`; tests without an event loop use `wait_until`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

WAIT_MS = 30_000
# For whole batches (an import, a PDF of every case): still under the 120 s hang dump.
SLOW_WAIT_MS = 90_000
SLOW_WAIT_S = SLOW_WAIT_MS / 1000
WAIT_S = WAIT_MS / 1000
# How often `wait_until` asks again; it bounds nothing, only how soon a change is noticed.
POLL_S = 0.02


def wait_until(condition: Callable[[], bool], *, timeout: float = WAIT_S, what: str = "") -> None:
    """Return as soon as `condition()` holds; fail once `timeout` seconds passed without."""
    expired = threading.Event()
    timer = threading.Timer(timeout, expired.set)
    timer.start()
    try:
        while not condition():
            if expired.wait(POLL_S):
                if condition():
                    return
                raise AssertionError(f"waited {timeout} s in vain{': ' + what if what else ''}")
    finally:
        timer.cancel()
