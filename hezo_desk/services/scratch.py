"""Folders a process keeps for itself while it runs, and the clearing of killed processes' ones.

A process holds a file lock inside each of its folders for as long as it keeps the folder; the
operating system releases the lock however the process ends, so a folder whose lock can be
taken belongs to a process that is gone, and is removed by the next `clear_abandoned` of its
prefix. The legacy import stages its copy of the export this way, and the desk keeps the
attachments it hands to the system's viewer this way.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = "in-use.lock"


def clear_abandoned(prefix: str, parent: Path | None = None) -> list[Path]:
    """Remove the folders named `prefix…` in `parent` (the temp folder) whose process is gone."""
    root = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed = []
    for folder in sorted(root.glob(f"{prefix}*")):
        lock_file = folder / LOCK_NAME
        if not folder.is_dir() or not lock_file.exists():
            continue  # an older desk's folder, or one being created: not ours to judge
        lock = FileLock(str(lock_file), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # its process is running
        except OSError:
            continue  # another user's folder
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()
        removed.append(folder)
    return removed


class LockedFolder:
    """A new folder `prefix…` in `parent` (the temp folder), locked as in use until `remove()`."""

    def __init__(self, prefix: str, parent: Path | None = None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self._lock = FileLock(str(self.path / LOCK_NAME), timeout=0)
        try:
            self._lock.acquire()
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise

    def remove(self) -> None:
        """Remove the folder with everything in it (idempotent)."""
        if self._lock.is_locked:
            # Unlocked first: Windows removes no file that is held open.
            self._lock.release()
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *_exc: object) -> None:
        self.remove()
