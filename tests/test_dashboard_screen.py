"""The supervisors' dashboard screen: figures read in the pool, the four charts with their
series, PNG and CSV export of each, the refusal for agents, and pictures in both languages
and themes (both databases)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from hezo_desk.db import Database
from hezo_desk.local_time import WARSAW
from hezo_desk.models import ServiceLevel, Ticket
from hezo_desk.services.agents import AgentService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dashboard import CHART_MIN_HEIGHT, ChartPanel, DashboardScreen
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.theme import apply_theme
from pictures import save_picture
from support.desk_tour import WINDOW_SIZE, desk_tour
from waiting import WAIT_MS

DEMO_TODAY = dt.date(2026, 11, 2)
FIRST_DAY = DEMO_TODAY - dt.timedelta(days=29)
LOOKS = [(language, theme) for language in ("pl", "en") for theme in ("light", "dark")]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), WARSAW).astimezone(dt.UTC)


def _with_targets(db: Database) -> tuple[int, int]:
    """Six demo tickets of the period under the 24x7 level: four answered in time, two late.
    Returns how many tickets the period opened and how many of them are 24x7."""
    start, end = _midnight(FIRST_DAY), _midnight(DEMO_TODAY + dt.timedelta(days=1))
    in_period = (Ticket.opened_at >= start, Ticket.opened_at < end)
    # The demo's own dues aside: only these six count towards a target.
    _without_service_levels(db)
    with db.transaction() as session:
        level = session.scalars(select(ServiceLevel.id).where(ServiceLevel.name == "24x7")).one()
        ids = session.scalars(select(Ticket.id).where(*in_period).order_by(Ticket.id)).all()
        assert len(ids) >= 6
        for number, ticket_id in enumerate(ids[:6]):
            session.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id)
                .values(sla_level_id=level, response_target_minutes=60, response_met=number < 4)
                .execution_options(synchronize_session=False)
            )
        opened = session.scalar(select(func.count()).select_from(Ticket).where(*in_period))
    return int(opened or 0), 6


def _without_service_levels(db: Database) -> None:
    with db.transaction() as session:
        session.execute(
            update(Ticket)
            .values(
                sla_level_id=None,
                response_met=None,
                resolution_met=None,
                response_due_at=None,
                resolution_due_at=None,
                next_due_at=None,
            )
            .execution_options(synchronize_session=False)
        )


def _screen(qtbot: QtBot, context: DeskContext, login: str = "marek.zielinski") -> DashboardScreen:
    supervisor = replace(context, actor=AgentService(context.db).resolve(login))
    screen = DashboardScreen(supervisor)
    qtbot.addWidget(screen)
    screen.resize(1100, 680)
    screen.show()
    qtbot.waitExposed(screen, timeout=WAIT_MS)
    screen.first_day.setDate(QDate(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day))
    screen.last_day.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    screen.refresh_button.click()
    # Counted in the pool: the busy bar shows until the figures come back.
    assert screen.busy.isVisible()
    qtbot.waitUntil(lambda: "2026-10-04" in screen.summary.text(), timeout=WAIT_MS)
    assert not screen.busy.isVisible()
    # The charts lay out their axes, titles and legends on the next pass of the event loop.
    for panel in screen.panels():
        qtbot.waitUntil(lambda panel=panel: _laid_out(panel), timeout=WAIT_MS)
    return screen


def _laid_out(panel: ChartPanel) -> bool:
    """The plot area leaves room for the title above and the axis labels on the left."""
    area = panel.chart.plotArea()
    return area.top() > 20 and area.left() > 20


def _csv(panel: ChartPanel, path: Path) -> list[list[str]]:
    assert panel.save_csv(path)
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_the_dashboard_loads_in_the_pool_and_shows_four_charts(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    opened, under_level = _with_targets(desk_context.db)
    screen = _screen(qtbot, desk_context)
    assert screen.flow.series_names() == ["Opened", "Closed"]
    assert screen.backlog.series_names() == ["New", "In progress", "Waiting for customer"]
    bars = screen.by_level.chart.series()[0]
    assert isinstance(bars, QAbstractBarSeries)
    assert [bar_set.label() for bar_set in bars.barSets()] == [
        "Response met",
        "Response breached",
        "Resolution met",
        "Resolution breached",
    ]
    assert [bars.barSets()[0].at(0), bars.barSets()[1].at(0)] == [4, 2]
    levels = [a for a in screen.by_level.chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert levels[0].categories() == ["24x7"]
    assert not screen.by_level.empty.isVisible()

    flow = _csv(screen.flow, tmp_path / "flow.csv")
    assert flow[0] == ["day", "opened", "closed"]
    assert [row[0] for row in flow[1:]] == [
        (FIRST_DAY + dt.timedelta(days=offset)).isoformat() for offset in range(30)
    ]
    assert sum(int(row[1]) for row in flow[1:]) == opened
    backlog = _csv(screen.backlog, tmp_path / "backlog.csv")
    assert backlog[0][-1] == "total"
    assert len(backlog) == 31
    levels_csv = _csv(screen.by_level, tmp_path / "levels.csv")
    assert levels_csv[1][:3] == ["24x7", "4", "2"]
    agents_csv = _csv(screen.by_agent, tmp_path / "agents.csv")
    assert sum(int(row[1]) + int(row[2]) for row in agents_csv[1:]) == under_level

    png = tmp_path / "backlog.png"
    assert screen.backlog.save_png(png)
    image = QImage(str(png))
    assert not image.isNull()
    assert image.size() == screen.backlog.view.size() * screen.devicePixelRatio()
    assert "backlog.png" in screen.backlog.status.text()


def test_a_period_without_service_levels_says_so(qtbot: QtBot, desk_context: DeskContext) -> None:
    _without_service_levels(desk_context.db)
    screen = _screen(qtbot, desk_context)
    assert screen.by_agent.empty.isVisible()
    assert "No ticket with a service level" in screen.by_agent.empty.text()
    # A period the wrong way round is refused before anything is read.
    screen.first_day.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    screen.last_day.setDate(QDate(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day))
    screen.refresh()
    assert "runs forward" in screen.summary.text()


def test_an_agent_is_refused_the_dashboard(qtbot: QtBot, desk_context: DeskContext) -> None:
    screen = DashboardScreen(desk_context)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: "supervisor" in screen.summary.text(), timeout=WAIT_MS)
    assert not screen.busy.isVisible()
    assert not screen.flow.export_csv.isEnabled()


@pytest.fixture
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[str, str]]:
    language, theme = request.param
    translations = Translations(qapp)
    assert translations.apply(language) or language == "en"
    apply_theme(qapp, theme)
    yield language, theme
    translations.apply("en")
    qapp.setStyleSheet("")
    qapp.setProperty("hezo_theme", None)


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
@pytest.mark.parametrize("look", LOOKS, indirect=True, ids=[f"{a}-{b}" for a, b in LOOKS])
def test_pictures_of_the_dashboard(
    qtbot: QtBot, look: tuple[str, str], desk_context: DeskContext, tmp_path: Path
) -> None:
    _with_targets(desk_context.db)
    screen = _screen(qtbot, desk_context)
    if look[0] == "pl":
        assert screen.flow.series_names() == ["Otwarte", "Zamknięte"]
    save_picture(screen, tmp_path, f"dashboard-{look[0]}-{look[1]}")


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
@pytest.mark.parametrize("look", [("pl", "light")], indirect=True, ids=["pl-light"])
def test_the_dashboard_fits_the_window_at_1280_by_800(
    qtbot: QtBot, look: tuple[str, str], demo_db: Database, tmp_path: Path
) -> None:
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        screen = tour.window.show_screen("dashboard")
        assert isinstance(screen, DashboardScreen)
        qtbot.waitUntil(screen.flow.export_csv.isEnabled, timeout=WAIT_MS)
        tour.settle()
        assert tour.window.size().toTuple() == WINDOW_SIZE
        window_area = tour.window.rect()
        for panel in screen.panels():
            assert panel.view.height() >= CHART_MIN_HEIGHT
            for button in (panel.export_png, panel.export_csv):
                corner = button.mapTo(tour.window, button.rect().bottomRight())
                assert window_area.contains(corner), f"{button.objectName()} is cut"
                assert button.width() >= button.sizeHint().width()
        save_picture(tour.window, tmp_path, "dashboard-window-pl-light")
