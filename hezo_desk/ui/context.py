"""What every window and widget of a signed-in desk gets through its constructor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThreadPool

from hezo_desk.db import Database
from hezo_desk.services.actor import Actor
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.ui.settings import DeskSettings


@dataclass(frozen=True)
class DeskContext:
    """The database, the signed-in agent, the user's settings, the pools for slow work and the
    folder of the attachments opened in the system's viewer (`opened_copies`).

    `pool` runs what an agent waits for (pages, lookups, a ticket, a save); `jobs` runs the
    long jobs (import, batch export, printing, a big list's positions) so that they never
    take the threads the interactive reads need.
    """

    db: Database
    actor: Actor
    settings: DeskSettings
    pool: QThreadPool
    jobs: QThreadPool
    opened_copies: OpenedCopies
    # The folder of this computer's drafts (all databases'): an erasure of personal data
    # rewrites them too. None: the erasure leaves local drafts alone (tests, tools).
    drafts_dir: Path | None = None
