"""The desk's end of `hezo-desk call`: a local socket readable by this user only.

services/desk_handoff.py has the command's end and the address. One JSON line per event,
answered `ok` or `refused`; `show` (a second `hezo-desk` for the same database) brings this
desk to the front. A socket file a crashed desk left behind is removed; a desk of the
same user and database that still answers keeps its address.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.desk_handoff import REPLY_REFUSED, REPLY_TAKEN, SHOW_REQUEST

# A line longer than this is no call event: the connection is dropped, not read on.
MAX_LINE_BYTES = 64 * 1024
# How long a starting desk waits to hear whether another desk still answers on its address.
ANSWER_WAIT_MS = 1000


class CallListener(QObject):
    """The local socket `hezo-desk call` speaks to; emits each event it took."""

    received = Signal(object)  # CallEvent
    # `hezo-desk` was started again for this database: this desk is to come to the front.
    show_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        # Only this OS user may connect (the socket file's mode is 700).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    @property
    def address(self) -> str:
        return self._server.fullServerName()

    def listen(self, address: str) -> bool:
        """Listen on `address`; False when another desk of this user and database answers
        there (or the address cannot be used)."""
        # Asked first: with its access option, Qt would put its socket in place of another
        # desk's without a word.
        if _answers(address):
            return False
        # What is left of a desk that did not close (killed, crashed) is not in the way.
        QLocalServer.removeServer(address)
        return self._server.listen(address)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            # A bound method, not a closure holding the socket: the socket's wrapper released
            # while Qt destroys the socket would delete it a second time.
            connection.readyRead.connect(self._read_ready)
            connection.disconnected.connect(connection.deleteLater)

    def _read_ready(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket) and shiboken6.isValid(connection):
            self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        while connection.canReadLine():
            line = bytes(connection.readLine().data()).decode("utf-8", errors="replace")
            if line.strip() == SHOW_REQUEST:
                connection.write(f"{REPLY_TAKEN}\n".encode())
                connection.flush()
                self.show_requested.emit()
                continue
            try:
                event = CallEvent.from_json(line)
            except ValueError:
                connection.write(f"{REPLY_REFUSED}\n".encode())
                continue
            # Answered before it is shown: the command's wait ends as soon as the desk has it.
            connection.write(f"{REPLY_TAKEN}\n".encode())
            connection.flush()
            self.received.emit(event)
        if connection.bytesAvailable() > MAX_LINE_BYTES:
            connection.abort()


def _answers(address: str) -> bool:
    """Whether a desk listens on `address` (a connection is accepted), not a leftover file."""
    probe = QLocalSocket()
    probe.connectToServer(address)
    alive = probe.waitForConnected(ANSWER_WAIT_MS)
    probe.abort()
    return alive
