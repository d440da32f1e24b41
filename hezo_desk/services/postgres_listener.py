"""The PostgreSQL LISTEN connection that wakes a desk when a change is committed.

A trigger NOTIFYs `hezo_desk_changes` on commit (revision 0003), with the changed ticket's
id as payload; the desk then reads the change feed (services/change_feed.py) at once
instead of waiting for its next poll, and refreshes the notified tickets even before. A
notification is delivered only after its transaction commits, so its ticket ids are changes
others can already read. Presence heartbeats notify `presence:<ticket id>` (revision 0007):
someone looking at a ticket, not a change of it.
"""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import URL

CHANNEL = "hezo_desk_changes"
PRESENCE_PREFIX = "presence:"


class PostgresListener:
    """A LISTEN connection of its own (autocommit, as notifications require)."""

    def __init__(self, url: URL) -> None:
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._connection: psycopg.Connection[object] | None = None

    def open(self) -> None:
        self.close()
        self._connection = psycopg.connect(
            self._conninfo,
            autocommit=True,
            connect_timeout=5,
            application_name="hezo-desk-listener",
        )
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> set[int | None]:
        """Ticket ids of the changes notified within `timeout` seconds (None for a change of
        no ticket); presence heartbeats are left out.

        Raises psycopg.OperationalError when the connection is lost; `open()` again.
        """
        if self._connection is None:
            self.open()
        assert self._connection is not None
        payloads = [
            notice.payload for notice in self._connection.notifies(timeout=timeout, stop_after=1)
        ]
        # Drain whatever else arrived together with the first one.
        payloads += [notice.payload for notice in self._connection.notifies(timeout=0.05)]
        return {
            int(payload) if payload.isdigit() else None
            for payload in payloads
            if not payload.startswith(PRESENCE_PREFIX)
        }

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None
