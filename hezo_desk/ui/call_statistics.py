"""A day's calls for supervisors: calls per hour (incoming, outgoing, missed) and the share of
incoming calls that were missed, as bars and as a table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hezo_desk.placeholders import fill
from hezo_desk.services.calls import CallJournal, DayStatistics, HourCount
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table
from hezo_desk.ui.workers import TaskControl, TaskSet

ANSWERED_COLOUR = QColor("#2e7d32")
MISSED_COLOUR = QColor("#c62828")
OUTGOING_COLOUR = QColor("#1565c0")
BARS_HEIGHT = 220


class HourBars(QWidget):
    """Per hour: incoming calls (answered green, missed red on top) and outgoing (blue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hours: list[HourCount] = []
        self.setMinimumHeight(BARS_HEIGHT)

    def set_hours(self, hours: list[HourCount]) -> None:
        self._hours = hours
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_height = metrics.height() + 4
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8 - label_height)
        slot = area.width() / 24
        highest = max([1, *(max(h.incoming, h.outgoing) for h in self._hours)])
        unit = area.height() / highest
        painter.setPen(self.palette().color(self.foregroundRole()))
        for hour in range(24):
            left = area.left() + hour * slot
            label = QRectF(left, area.bottom() + 2, slot, label_height)
            if hour % 2 == 0:
                painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, f"{hour:02d}")
        bar = max(slot / 2 - 2, 1)
        painter.setPen(Qt.PenStyle.NoPen)
        for counts in self._hours:
            left = area.left() + counts.hour * slot + 1
            answered = counts.incoming - counts.missed
            self._bar(painter, left, area.bottom(), bar, answered * unit, ANSWERED_COLOUR)
            top = area.bottom() - answered * unit
            self._bar(painter, left, top, bar, counts.missed * unit, MISSED_COLOUR)
            self._bar(
                painter, left + bar + 1, area.bottom(), bar, counts.outgoing * unit, OUTGOING_COLOUR
            )
        painter.end()

    @staticmethod
    def _bar(
        painter: QPainter, left: float, bottom: float, width: float, height: float, colour: QColor
    ) -> None:
        if height > 0:
            painter.fillRect(QRectF(left, bottom - height, width, height), colour)


class CallStatisticsScreen(QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks = TaskSet(context.pool, self)
        self.day = QDateEdit(self)
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.bars = HourBars(self)
        self.bars.setObjectName("bars")
        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.model: RowTableModel[HourCount] = RowTableModel(
            [
                Column(self.tr("Hour"), lambda h: f"{h.hour:02d}:00–{h.hour:02d}:59"),
                Column(self.tr("Incoming"), lambda h: h.incoming),
                Column(self.tr("Missed"), lambda h: h.missed, bold=lambda h: h.missed > 0),
                Column(self.tr("Outgoing"), lambda h: h.outgoing),
            ],
            self,
        )
        self.table = read_only_table(self.model, "hours")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day:"), self))
        top.addWidget(self.day)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bars)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        self.legend.setText(
            fill(
                self.tr("%1 answered  %2 missed  %3 outgoing"),
                f"<span style='color:{ANSWERED_COLOUR.name()}'>■</span>",
                f"<span style='color:{MISSED_COLOUR.name()}'>■</span>",
                f"<span style='color:{OUTGOING_COLOUR.name()}'>■</span>",
            )
        )
        self.day.dateChanged.connect(lambda _date: self.refresh())
        self.refresh()

    def chosen_day(self) -> dt.date:
        date = self.day.date()
        return dt.date(date.year(), date.month(), date.day())

    def follow_call_changes(self) -> None:
        """Calls were recorded or changed elsewhere (the window's live updates)."""
        self.refresh()

    def refresh(self) -> None:
        journal, actor, day = CallJournal(self.context.db), self.context.actor, self.chosen_day()

        def work(_control: TaskControl) -> DayStatistics:
            return journal.day_statistics(actor, day)

        self._tasks.start(work, finished=self._shown, failed=self._failed)

    def _shown(self, figures: DayStatistics) -> None:
        if figures.day != self.chosen_day():
            return
        self.model.set_rows([hour for hour in figures.hours if hour.incoming or hour.outgoing])
        self.bars.set_hours(figures.hours)
        rate = "—" if figures.missed_rate is None else f"{figures.missed_rate:.0%}"
        self.summary.setStyleSheet("")
        self.summary.setText(
            fill(
                self.tr("%1 incoming, %2 missed (missed-call rate %3), %4 outgoing"),
                str(figures.incoming),
                str(figures.missed),
                rate,
                str(figures.outgoing),
            )
        )

    def _failed(self, error: object) -> None:
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(error_text(error))
