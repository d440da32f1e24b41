"""A ticket's service level on its page: the response and resolution dues in Warsaw time, with
the time left, "met at …", "breached by …" or "paused (waiting for the customer)".

Worded again each minute (a timer) and whenever the ticket is shown again; its `now` and its
timer are injected by tests, which then need no wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from hezo_desk.local_time import local_minute
from hezo_desk.placeholders import fill
from hezo_desk.services.service_levels.standing import (
    SlaFacts,
    Standing,
    TimeLeft,
    resolution_standing,
    response_standing,
)
from hezo_desk.ui.due_words import NO_DUE, DueWords, due_colour

TICK_MS = 60_000


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DueCountdown(QWidget):
    """`level`, `response` and `resolution` labels, filled by `show_facts` and each tick."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
        ticker: QTimer | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now or _utc_now
        self._words = DueWords(self)
        self._facts: SlaFacts | None = None
        self.level = QLabel()
        self.level.setObjectName("sla_level")
        self.response = QLabel()
        self.response.setObjectName("sla_response")
        self.resolution = QLabel()
        self.resolution.setObjectName("sla_resolution")
        self._captions = [QLabel(), QLabel(), QLabel()]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        for row, (caption, value) in enumerate(
            zip(self._captions, (self.level, self.response, self.resolution), strict=True)
        ):
            caption.setStyleSheet("color: gray;")
            value.setTextInteractionFlags(
                value.textInteractionFlags() | value.textInteractionFlags().TextSelectableByMouse
            )
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.ticker = ticker if ticker is not None else QTimer(self)
        if ticker is None:
            self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.refresh)
        if ticker is None:
            self.ticker.start()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._captions[0].setText(self.tr("Service level") + ":")
        self._captions[1].setText(self.tr("Response due") + ":")
        self._captions[2].setText(self.tr("Resolution due") + ":")
        self.refresh()

    def show_facts(self, facts: SlaFacts | None) -> None:
        """A ticket (re)loaded: its level and dues, worded at once."""
        self._facts = facts
        self.refresh()

    def refresh(self) -> None:
        facts = self._facts
        if facts is None:
            for label in (self.level, self.response, self.resolution):
                label.setText(NO_DUE)
            return
        now = self._now()
        self.level.setText(facts.level_name or self.tr("none", "no service level"))
        self._show(self.response, response_standing(facts, now))
        self._show(self.resolution, resolution_standing(facts, now))

    def _show(self, label: QLabel, due: TimeLeft) -> None:
        label.setText(self.wording(due))
        colour = due_colour(due)
        bold = due.standing in (Standing.OVERDUE, Standing.BREACHED)
        style = f"color: {colour.name()};" if colour is not None else ""
        label.setStyleSheet(style + (" font-weight: bold;" if bold else ""))

    def wording(self, due: TimeLeft) -> str:
        """One due as the page shows it."""
        when = local_minute(due.due_at)
        if due.standing is Standing.LEFT and due.minutes is not None:
            return fill(self.tr("%1 (%2 left)"), when, self._words.duration(due.minutes))
        if due.standing is Standing.OVERDUE and due.minutes is not None:
            return fill(self.tr("%1 (overdue %2)"), when, self._words.duration(due.minutes))
        if due.standing is Standing.MET:
            if due.at is None:
                return self.tr("met")
            return fill(self.tr("met at %1 (due %2)"), local_minute(due.at), when)
        if due.standing is Standing.BREACHED:
            if due.minutes is None:
                return fill(self.tr("breached (due %1)"), when) if when else self.tr("breached")
            return fill(self.tr("breached by %1 (due %2)"), self._words.duration(due.minutes), when)
        if due.standing is Standing.PAUSED:
            return self.tr("paused (waiting for the customer)")
        if self._facts is not None and self._facts.stopped:
            return NO_DUE
        return self.tr("no target")
