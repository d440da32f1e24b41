"""The supervisors' dashboard: four charts (QtCharts) a supervisor reads at a glance.

Tickets opened vs closed per day, the open backlog by state at the end of each day, and the
response and resolution targets met vs breached by service level and by agent, for a period of
Warsaw days (the last 30 by default). The figures are counted by the database
(`services/dashboard.py`), read in the thread pool with a busy bar; each chart exports as PNG
(what is shown) and its data as CSV.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import TicketState
from hezo_desk.errors import DashboardPeriodError
from hezo_desk.placeholders import fill
from hezo_desk.services.dashboard import (
    BACKLOG_STATES,
    DEFAULT_DAYS,
    MAX_DAYS,
    Dashboard,
    DashboardFigures,
    DayBacklog,
    DayFlow,
    Period,
    TargetRow,
    write_backlog_csv,
    write_csv_file,
    write_flow_csv,
    write_targets_csv,
)
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.theme import current_theme
from hezo_desk.ui.workers import TaskControl, TaskSet

# Colours that read on both themes' backgrounds; the dark theme's are lighter.
_COLOURS = {
    "light": {
        "opened": "#1565c0",
        "closed": "#2e7d32",
        TicketState.NEW.value: "#1565c0",
        TicketState.IN_PROGRESS.value: "#ef6c00",
        TicketState.WAITING_FOR_CUSTOMER.value: "#8e24aa",
        "response_met": "#2e7d32",
        "response_breached": "#c62828",
        "resolution_met": "#00897b",
        "resolution_breached": "#f57c00",
    },
    "dark": {
        "opened": "#64b5f6",
        "closed": "#81c784",
        TicketState.NEW.value: "#64b5f6",
        TicketState.IN_PROGRESS.value: "#ffb74d",
        TicketState.WAITING_FOR_CUSTOMER.value: "#ce93d8",
        "response_met": "#81c784",
        "response_breached": "#e57373",
        "resolution_met": "#4db6ac",
        "resolution_breached": "#ffb74d",
    },
}
# At most this many day labels along a time axis (a 30-day period: one a week or so).
DAY_LABELS = 8
CHART_MIN_HEIGHT = 230


def colour(key: str) -> QColor:
    theme = current_theme()
    return QColor(_COLOURS.get(theme, _COLOURS["light"])[key])


def day_label(day: dt.date) -> str:
    """A day as the axis shows it, in the desk's language ("2 Mar", "2 mar")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


class ChartPanel(QWidget):
    """One chart with its "Export PNG…" and "Export CSV…" buttons (its data as CSV)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.name = name
        self.chart = QChart()
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark
            if current_theme() == "dark"
            else QChart.ChartTheme.ChartThemeLight
        )
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart, self)
        self.view.setObjectName(f"{name}_view")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_MIN_HEIGHT)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.empty = QLabel(self)
        self.empty.setObjectName(f"{name}_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.export_png = QPushButton(self.tr("Export PNG…"), self)
        self.export_png.setObjectName(f"{name}_png")
        self.export_csv = QPushButton(self.tr("Export CSV…"), self)
        self.export_csv.setObjectName(f"{name}_csv")
        self.export_png.clicked.connect(self.ask_png)
        self.export_csv.clicked.connect(self.ask_csv)
        self.status = QLabel(self)
        self.status.setObjectName(f"{name}_status")
        self._write_csv: Callable[[TextIO], None] | None = None
        self._set_enabled(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_png)
        buttons.addWidget(self.export_csv)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._style_chart()

    # ----- what it shows -------------------------------------------------------------------

    def show_chart(
        self,
        title: str,
        series: Sequence[QAbstractSeries],
        axes: Sequence[tuple[QAbstractAxis, Qt.AlignmentFlag]],
        write_csv: Callable[[TextIO], None],
        empty_text: str = "",
        legend: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignBottom,
    ) -> None:
        """Replace the chart's series and axes; `write_csv(out)` writes its data."""
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        chart.legend().setAlignment(legend)
        for item in series:
            chart.addSeries(item)
        for axis, alignment in axes:
            chart.addAxis(axis, alignment)
            for item in series:
                item.attachAxis(axis)
        self._style_chart()
        self._write_csv = write_csv
        self.empty.setText(empty_text)
        self.empty.setVisible(bool(empty_text))
        self.status.clear()
        self._set_enabled(True)

    def series_names(self) -> list[str]:
        return [item.name() for item in self.chart.series()]

    # ----- export --------------------------------------------------------------------------

    def ask_png(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the chart as PNG"),
            f"{self.name}.png",
            self.tr("PNG images (*.png)"),
        )
        if path:
            self.save_png(Path(path))

    def ask_csv(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the chart's data as CSV"),
            f"{self.name}.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.save_csv(Path(path))

    def save_png(self, path: Path) -> bool:
        """The chart as shown. Small and local: written on the UI thread."""
        saved = self.view.grab().save(str(path), "PNG")
        self._said(path, saved)
        return saved

    def save_csv(self, path: Path) -> bool:
        """The chart's data (at most a few hundred rows, already read): on the UI thread."""
        if self._write_csv is None:
            return False
        try:
            write_csv_file(path, self._write_csv)
        except OSError as error:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(error_text(error))
            return False
        self._said(path, True)
        return True

    # ----- inside --------------------------------------------------------------------------

    def _said(self, path: Path, saved: bool) -> None:
        self.status.setStyleSheet("" if saved else "color: #b00020;")
        self.status.setText(
            fill(self.tr("Written to %1"), path.name)
            if saved
            else fill(self.tr("Could not write %1"), str(path))
        )

    def _set_enabled(self, enabled: bool) -> None:
        self.export_png.setEnabled(enabled)
        self.export_csv.setEnabled(enabled)

    def _style_chart(self) -> None:
        """The window's own background and text colours, so the chart belongs to the theme."""
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        chart = self.chart
        chart.setBackgroundBrush(QBrush(background))
        chart.setPlotAreaBackgroundVisible(False)
        chart.setTitleBrush(QBrush(text))
        title_font = QFont(chart.titleFont())
        title_font.setBold(True)
        title_font.setPointSizeF(max(self.font().pointSizeF(), 9) + 1)
        chart.setTitleFont(title_font)
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsBrush(QBrush(text))
            axis.setTitleBrush(QBrush(text))
            axis.setLinePen(QPen(grid))
            axis.setGridLinePen(QPen(grid))


class DashboardScreen(QWidget):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks = TaskSet(context.pool, self)
        self._asked = 0
        today = QDate.currentDate()
        self.first_day = QDateEdit(self)
        self.first_day.setObjectName("first_day")
        self.last_day = QDateEdit(self)
        self.last_day.setObjectName("last_day")
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(today)
        self.last_day.setDate(today)
        self.first_day.setDate(today.addDays(1 - DEFAULT_DAYS))
        first_label = QLabel(self.tr("&From:"), self)
        first_label.setBuddy(self.first_day)
        last_label = QLabel(self.tr("T&o:"), self)
        last_label.setBuddy(self.last_day)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)

        self.flow = ChartPanel("opened_closed", self)
        self.backlog = ChartPanel("backlog", self)
        self.by_level = ChartPanel("targets_by_level", self)
        self.by_agent = ChartPanel("targets_by_agent", self)

        top = QHBoxLayout()
        top.addWidget(first_label)
        top.addWidget(self.first_day)
        top.addWidget(last_label)
        top.addWidget(self.last_day)
        top.addWidget(self.refresh_button)
        top.addWidget(self.busy)
        top.addWidget(self.summary, 1)
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.flow, 0, 0)
        grid.addWidget(self.backlog, 0, 1)
        grid.addWidget(self.by_level, 1, 0)
        grid.addWidget(self.by_agent, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        self.refresh()

    def panels(self) -> list[ChartPanel]:
        return [self.flow, self.backlog, self.by_level, self.by_agent]

    def chosen_period(self) -> Period:
        return Period(_date(self.first_day.date()), _date(self.last_day.date()))

    def refresh(self) -> None:
        """Read the figures again in the pool; the busy bar shows until they come."""
        dashboard, actor, period = (
            Dashboard(self.context.db),
            self.context.actor,
            self.chosen_period(),
        )
        if period.first_day > period.last_day or len(period.days) > MAX_DAYS:
            self._failed_now(
                error_text(DashboardPeriodError(period.first_day, period.last_day, MAX_DAYS))
            )
            return
        self._asked += 1
        asked = self._asked

        def work(_control: TaskControl) -> DashboardFigures:
            return dashboard.figures(actor, period)

        self.busy.show()
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Counting…"))
        self._tasks.start(
            work,
            finished=lambda figures: self._shown(asked, figures),
            failed=lambda error: self._failed(asked, error),
        )

    # ----- the charts ----------------------------------------------------------------------

    def _shown(self, asked: int, figures: DashboardFigures) -> None:
        if asked != self._asked:
            return
        self.busy.hide()
        opened = sum(day.opened for day in figures.flow)
        closed = sum(day.closed for day in figures.flow)
        last = figures.backlog[-1].total if figures.backlog else 0
        self.summary.setText(
            fill(
                self.tr("%1 to %2 (Warsaw days): %3 opened, %4 closed, %5 open at the end"),
                figures.period.first_day.isoformat(),
                figures.period.last_day.isoformat(),
                opened,
                closed,
                last,
            )
        )
        self._show_flow(figures.flow)
        self._show_backlog(figures.backlog)
        self._show_targets(
            self.by_level,
            self.tr("Targets met vs breached by service level"),
            figures.by_level,
            "level",
            horizontal=False,
        )
        self._show_targets(
            self.by_agent,
            self.tr("Targets met vs breached by agent"),
            figures.by_agent,
            "agent",
            horizontal=True,
        )

    def _show_flow(self, flow: list[DayFlow]) -> None:
        opened = self._line(self.tr("Opened"), "opened", [day.opened for day in flow])
        closed = self._line(self.tr("Closed"), "closed", [day.closed for day in flow])
        top = max([0, *(day.opened for day in flow), *(day.closed for day in flow)])
        self.flow.show_chart(
            self.tr("Tickets opened vs closed per day"),
            [opened, closed],
            [
                (self._day_axis([day.day for day in flow]), Qt.AlignmentFlag.AlignBottom),
                (self._count_axis(top), Qt.AlignmentFlag.AlignLeft),
            ],
            lambda out: write_flow_csv(flow, out),
        )

    def _show_backlog(self, backlog: list[DayBacklog]) -> None:
        names = {
            TicketState.NEW: self.tr("New"),
            TicketState.IN_PROGRESS: self.tr("In progress"),
            TicketState.WAITING_FOR_CUSTOMER: self.tr("Waiting for customer"),
        }
        below = [0] * len(backlog)
        areas: list[QAbstractSeries] = []
        for state in BACKLOG_STATES:
            lower, upper = QLineSeries(), QLineSeries()
            above = [base + day.count(state) for base, day in zip(below, backlog, strict=True)]
            for index, (low, high) in enumerate(zip(below, above, strict=True)):
                lower.append(index, low)
                upper.append(index, high)
            area = QAreaSeries(upper, lower)
            # The area does not own its lines: they go with it.
            upper.setParent(area)
            lower.setParent(area)
            area.setName(names[state])
            fill_colour = colour(state.value)
            area.setColor(fill_colour)
            area.setBorderColor(fill_colour.darker(120))
            areas.append(area)
            below = above
        self.backlog.show_chart(
            self.tr("Open backlog by state at the end of each day"),
            areas,
            [
                (self._day_axis([day.day for day in backlog]), Qt.AlignmentFlag.AlignBottom),
                (self._count_axis(max([0, *below])), Qt.AlignmentFlag.AlignLeft),
            ],
            lambda out: write_backlog_csv(backlog, out),
        )

    def _show_targets(
        self, panel: ChartPanel, title: str, rows: list[TargetRow], kind: str, *, horizontal: bool
    ) -> None:
        sets: list[tuple[str, str, Callable[[TargetRow], int]]] = [
            (self.tr("Response met"), "response_met", lambda row: row.response.met),
            (self.tr("Response breached"), "response_breached", lambda row: row.response.breached),
            (self.tr("Resolution met"), "resolution_met", lambda row: row.resolution.met),
            (
                self.tr("Resolution breached"),
                "resolution_breached",
                lambda row: row.resolution.breached,
            ),
        ]
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        # Top to bottom in a horizontal chart reads the list in its order.
        ordered = list(reversed(rows)) if horizontal else rows
        top = 0
        for name, key, value in sets:
            bars = QBarSet(name)
            bars.setColor(colour(key))
            bars.setBorderColor(colour(key))
            for row in ordered:
                bars.append(value(row))
                top = max(top, value(row))
            series.append(bars)
        categories = QBarCategoryAxis()
        categories.append([self._row_name(row) for row in ordered] or [" "])
        counts = self._count_axis(top)
        if horizontal:
            axes = [
                (counts, Qt.AlignmentFlag.AlignBottom),
                (categories, Qt.AlignmentFlag.AlignLeft),
            ]
        else:
            axes = [
                (categories, Qt.AlignmentFlag.AlignBottom),
                (counts, Qt.AlignmentFlag.AlignLeft),
            ]
        panel.show_chart(
            title,
            [series],
            axes,
            lambda out: write_targets_csv(rows, kind, out),
            "" if rows else self.tr("No ticket with a service level was opened in this period."),
            # Four long names: one under the other, beside the bars.
            Qt.AlignmentFlag.AlignRight,
        )

    # ----- pieces --------------------------------------------------------------------------

    def _row_name(self, row: TargetRow) -> str:
        return row.name if row.name is not None else self.tr("(unassigned)")

    @staticmethod
    def _line(name: str, key: str, values: list[int]) -> QLineSeries:
        series = QLineSeries()
        series.setName(name)
        for index, value in enumerate(values):
            series.append(index, value)
        pen = QPen(colour(key))
        pen.setWidth(2)
        series.setPen(pen)
        series.setPointsVisible(len(values) <= 31)
        return series

    def _day_axis(self, days: list[dt.date]) -> QCategoryAxis:
        """Days along the bottom: a label every few days, always the first and the last."""
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        step = max(1, math.ceil(len(days) / DAY_LABELS))
        shown = set(range(len(days) - 1, -1, -step))
        for index, day in enumerate(days):
            if index in shown:
                axis.append(day_label(day), index)
        # Half a day of room on each side, so that the first and last labels are not cut.
        axis.setRange(-0.5, len(days) - 0.5)
        axis.setTitleText(self.tr("Day (Warsaw time)"))
        return axis

    def _count_axis(self, top: int) -> QValueAxis:
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        highest = max(4, top)
        # Whole numbers: at most five steps, each a whole number of tickets.
        step = max(1, math.ceil(highest / 4))
        axis.setRange(0, step * 4)
        axis.setTickCount(5)
        axis.setTitleText(self.tr("Tickets"))
        return axis

    def _failed(self, asked: int, error: object) -> None:
        if asked != self._asked:
            return
        self._failed_now(error_text(error))

    def _failed_now(self, text: str) -> None:
        self.busy.hide()
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(text)


def _date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
