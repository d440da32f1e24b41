"""How a due reads on screen: "2 h 10 min", "overdue 35 min", "paused", "met", and the colour
cue of an overdue or nearly due ticket, readable in both themes."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from hezo_desk.placeholders import fill
from hezo_desk.services.service_levels.standing import Standing, TimeLeft, duration_parts
from hezo_desk.ui.theme import current_theme

NO_DUE = "—"
# From this many hours on, the minutes are left out (the list's column stays narrow).
WHOLE_HOURS = 10
# Overdue / due within the hour, per theme (on the themes' row backgrounds, either stripe).
DUE_COLOURS = {
    "light": {"overdue": "#b71c1c", "soon": "#8a4b00"},
    "dark": {"overdue": "#ff8a80", "soon": "#ffcc80"},
}


class DueWords(QObject):
    """`DueWords(parent).time_left(t)` → '2 h 10 min' / '2 godz. 10 min', in the language shown."""

    def duration(self, minutes: int) -> str:
        days, hours, mins = duration_parts(minutes)
        if days:
            return fill(self.tr("%1 d %2 h", "days and hours"), str(days), str(hours))
        if hours >= WHOLE_HOURS:
            return fill(self.tr("%1 h", "hours"), str(hours))
        if hours:
            return fill(self.tr("%1 h %2 min", "hours and minutes"), str(hours), str(mins))
        return fill(self.tr("%1 min", "minutes"), str(mins))

    def time_left(self, due: TimeLeft) -> str:
        """The list's column."""
        if due.standing is Standing.LEFT and due.minutes is not None:
            return self.duration(due.minutes)
        if due.standing is Standing.OVERDUE and due.minutes is not None:
            return fill(
                self.tr("overdue %1", "a due passed that long ago"), self.duration(due.minutes)
            )
        if due.standing is Standing.PAUSED:
            return self.tr("paused", "the service-level clock, while the customer is awaited")
        if due.standing is Standing.MET:
            return self.tr("met", "a service-level target")
        if due.standing is Standing.BREACHED:
            return self.tr("breached", "a service-level target")
        return NO_DUE

    def tip(self, due: TimeLeft) -> str:
        """The column's tooltip: what its cue means."""
        if due.standing is Standing.OVERDUE:
            return self.tr("Past its due: the service-level target is breached")
        if due.soon:
            return self.tr("Due within the hour")
        if due.standing is Standing.PAUSED:
            return self.tr("The clock stands while the ticket waits for the customer")
        return self.time_left(due)


def due_colour(due: TimeLeft, theme: str | None = None) -> QColor | None:
    """The text colour of an overdue or nearly due ticket (None: the theme's own)."""
    colours = DUE_COLOURS.get(theme or current_theme(), DUE_COLOURS["light"])
    if due.standing is Standing.OVERDUE:
        return QColor(colours["overdue"])
    if due.soon:
        return QColor(colours["soon"])
    return None
