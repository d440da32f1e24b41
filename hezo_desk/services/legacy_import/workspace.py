"""The import's own folder for its staging database, and the clearing of killed runs' folders.

A staging database holds a copy of the whole export (gigabytes for a large one). An import
holds a file lock inside its folder while it runs; the operating system releases it however
the process ends, so a folder whose lock can be taken belongs to a run that is gone.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

PREFIX = "hezo-import-"
LOCK_NAME = "in-use.lock"


def clear_abandoned(parent: Path | None = None) -> list[Path]:
    """Remove the folders of imports that are no longer running; returns them."""
    root = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed = []
    for folder in sorted(root.glob(f"{PREFIX}*")):
        lock_file = folder / LOCK_NAME
        if not folder.is_dir() or not lock_file.exists():
            continue  # an older desk's folder, or one being created: not ours to judge
        lock = FileLock(str(lock_file), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # its import is running
        except OSError:
            continue  # another user's folder
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()
        removed.append(folder)
    return removed


@contextmanager
def workspace(parent: Path | None = None) -> Iterator[Path]:
    """A new folder for one import, locked as in use until the import ends, then removed."""
    with tempfile.TemporaryDirectory(prefix=PREFIX, dir=parent) as folder:
        lock = FileLock(str(Path(folder) / LOCK_NAME), timeout=0)
        with lock:
            yield Path(folder)
