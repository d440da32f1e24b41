"""The PostgreSQL LISTEN connection that wakes a desk when a change is committed.

A trigger NOTIFYs `hezo_desk_changes` on commit with an empty payload (revision 0012): any
role of the server may LISTEN, so a notification says only that something committed. The desk
then reads the change feed (services/change_feed.py) through its own query at once instead of
waiting for its next poll; a forged notification costs it that one read.
"""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import URL

CHANNEL = "hezo_desk_changes"


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

    def wait(self, timeout: float) -> bool:
        """Whether something was committed (notified) within `timeout` seconds.

        Raises psycopg.OperationalError when the connection is lost; `open()` again.
        """
        if self._connection is None:
            self.open()
        assert self._connection is not None
        notified = any(self._connection.notifies(timeout=timeout, stop_after=1))
        if notified:
            # Drain whatever else arrived together with the first one: one read covers all.
            for _notice in self._connection.notifies(timeout=0.05):
                pass
        return notified

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None
