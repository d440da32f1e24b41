"""The desk's one clock face: instants are stored in UTC and shown in Polish local time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")


def local_minute(moment: dt.datetime | None) -> str:
    """An instant as every screen, PDF and command prints it: `YYYY-MM-DD HH:MM`, Warsaw time."""
    return "" if moment is None else moment.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M")
