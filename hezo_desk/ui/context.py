"""What every window and widget of a signed-in desk gets through its constructor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QThreadPool

from hezo_desk.db import Database
from hezo_desk.services.actor import Actor
from hezo_desk.ui.settings import DeskSettings


@dataclass(frozen=True)
class DeskContext:
    """The database, the signed-in agent, the user's settings and the pool for slow work."""

    db: Database
    actor: Actor
    settings: DeskSettings
    pool: QThreadPool
