"""Where the running desk of this user and database listens, and the hand-off of a call to it.

The desk listens on a local socket (a QLocalServer in the window's process); `hezo-desk call`
speaks to it with Python's own socket module, so the command never loads Qt. Both sides take
the address from `desk_address`: one desk per OS user and database.

The protocol is one line each way: the command sends a `CallEvent` as one JSON line, the desk
answers `ok` once it has taken the event (queued until its agent signs in), or `refused` when
the line is no call event it understands. `hezo-desk` without a command sends `show` instead:
one desk per user and database, so the running one comes to the front and no second opens.

On Linux and macOS the address is the path of the socket file, in the user's runtime folder
($XDG_RUNTIME_DIR) or else a folder of the user's own under the temporary folder; on Windows
it is the name of a pipe, `\\\\.\\pipe\\NAME`, which the command opens as a file.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import re
import socket
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hezo_desk.errors import HezoError
from hezo_desk.services.call_events import CallEvent

REPLY_TAKEN = "ok"
REPLY_REFUSED = "refused"
SHOW_REQUEST = "show"
# How long the command waits for a listening desk to answer: it only queues the event.
ANSWER_TIMEOUT_S = 10.0
# The desk started without a database of its own opens the one its settings name: the command
# given no database means that desk, whatever its settings say.
CONFIGURED_DATABASE = "the desk's configured database"
# A Unix socket's path holds at most 107 bytes (sun_path); the name keeps well under it.
_MAX_SOCKET_PATH = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_USER_CHARS = 32
_WINDOWS_PIPES = "\\\\.\\pipe\\"


class DeskRefusedError(HezoError):
    """The running desk answered, but did not take the event (another version's protocol)."""


class DeskSilentError(HezoError):
    """A desk listens on the address but did not answer in time (it hangs)."""


class UnsafeFolderError(HezoError):
    """The folder for the socket is not the user's own (another user could listen there)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


def desk_address(database_url: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The local address the desk of this user on `database_url` listens on.

    `database_url` is the database the desk was started on (`--database` or the environment);
    None: the desk's configured one. The name holds the user and a hash of the URL without its
    password, never the URL itself.
    """
    environ = os.environ if environ is None else environ
    name = _socket_name(database_url)
    if sys.platform == "win32":
        return name
    folder = _runtime_folder(environ)
    path = folder / name
    if len(os.fsencode(path)) > _MAX_SOCKET_PATH:
        path = _private_temporary_folder(environ) / name
    return str(path)


def pipe_path(address: str) -> str:
    """The file name of a desk's pipe on Windows (QLocalServer's name for `address`)."""
    return _WINDOWS_PIPES + address


def hand_to_running_desk(
    address: str, event: CallEvent, *, timeout: float = ANSWER_TIMEOUT_S
) -> bool:
    """Give `event` to the desk at `address`: True once it took it, False when none listens.

    Raises DeskRefusedError or DeskSilentError when a desk listens but does not take it.
    """
    return _say(address, event.to_json(), timeout)


def show_running_desk(address: str, *, timeout: float = ANSWER_TIMEOUT_S) -> bool:
    """Bring the desk at `address` to the front: True when one does, False when none listens."""
    return _say(address, SHOW_REQUEST, timeout)


def _say(address: str, text: str, timeout: float) -> bool:
    line = (text + "\n").encode("utf-8")
    if sys.platform == "win32":
        reply = _exchange_over_pipe(pipe_path(address), line)
    else:
        reply = _exchange_over_socket(address, line, timeout)
    if reply is None:
        return False
    if reply.strip() == REPLY_TAKEN:
        return True
    raise DeskRefusedError(reply.strip())


def _exchange_over_socket(path: str, line: bytes, timeout: float) -> str | None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        try:
            connection.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            # No socket file, or one a desk that died left behind: no desk is running.
            return None
        try:
            connection.sendall(line)
            return _read_line(connection)
        except TimeoutError as error:
            raise DeskSilentError(path) from error


def _read_line(connection: socket.socket) -> str:
    received = b""
    while not received.endswith(b"\n"):
        chunk = connection.recv(256)
        if not chunk:
            break
        received += chunk
    return received.decode("utf-8", errors="replace")


def _exchange_over_pipe(path: str, line: bytes) -> str | None:  # pragma: no cover - Windows
    try:
        pipe = open(path, "r+b", buffering=0)  # noqa: SIM115 - closed below, on every path
    except FileNotFoundError:
        return None
    with pipe:
        pipe.write(line)
        return pipe.readline().decode("utf-8", errors="replace")


def _socket_name(database_url: str | None) -> str:
    user = _UNSAFE.sub("_", _user_name())[:_MAX_USER_CHARS] or "user"
    digest = hashlib.sha256(_database_identity(database_url).encode("utf-8")).hexdigest()[:16]
    return f"hezo-desk-{user}-{digest}"


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # No login name known (a container's numeric user): the id is the user as well.
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def _database_identity(database_url: str | None) -> str:
    """The database as the URL names it, the password left out: one hash for every password."""
    if not database_url:
        return CONFIGURED_DATABASE
    try:
        url = make_url(database_url)
    except ArgumentError:
        return database_url
    return url.render_as_string(hide_password=True)


def _runtime_folder(environ: Mapping[str, str]) -> Path:
    runtime = environ.get("XDG_RUNTIME_DIR")
    # The specification wants it the user's own, mode 700; one that is not (a shared folder
    # named there by mistake) would let another user listen in the desk's place.
    if runtime and _users_own(Path(runtime)):
        return Path(runtime)
    return _private_temporary_folder(environ)


def _users_own(folder: Path) -> bool:
    """Whether `folder` is a folder (not a link) of this user that no other user may enter."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return (
        stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not stat.S_IMODE(info.st_mode) & 0o077
    )


def _private_temporary_folder(environ: Mapping[str, str]) -> Path:
    """`hezo-desk-UID` under the temporary folder, made the user's own (mode 700).

    A shared /tmp lets anyone create a name first; a folder that exists but is someone else's,
    or open to others, is refused rather than used.
    """
    base = Path(environ.get("TMPDIR") or tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = base / f"hezo-desk-{uid}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    if not _users_own(folder):
        raise UnsafeFolderError(folder)
    return folder
