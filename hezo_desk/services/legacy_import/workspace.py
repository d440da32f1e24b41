"""The import's own folder for its staging database, and the clearing of killed runs' folders.

A staging database holds a copy of the whole export (gigabytes for a large one). An import
holds a file lock inside its folder while it runs (`services/scratch.py`); the operating system
releases it however the process ends, so a folder whose lock can be taken belongs to a run that
is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hezo_desk.services import scratch
from hezo_desk.services.scratch import LOCK_NAME

PREFIX = "hezo-import-"

__all__ = ["LOCK_NAME", "PREFIX", "clear_abandoned", "workspace"]


def clear_abandoned(parent: Path | None = None) -> list[Path]:
    """Remove the folders of imports that are no longer running; returns them."""
    return scratch.clear_abandoned(PREFIX, parent)


@contextmanager
def workspace(parent: Path | None = None) -> Iterator[Path]:
    """A new folder for one import, locked as in use until the import ends, then removed."""
    with scratch.LockedFolder(PREFIX, parent) as folder:
        yield folder
