"""Focus is visible on tab bars, tables, lists and buttons in both themes (issue 14)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hezo_desk.ui.theme import FOCUS_COLOURS, apply_theme
from pictures import PICTURES_ENV
from waiting import WAIT_MS


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before, named = qapp.styleSheet(), qapp.property("hezo_theme")
    apply_theme(qapp, request.param)
    yield request.param
    qapp.setStyleSheet(before)
    qapp.setProperty("hezo_theme", named)


def _focus_pixels(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) == wanted
    )


def test_the_focused_widget_has_a_frame_in_the_focus_colour(
    qtbot: QtBot, theme: str, tmp_path: Path
) -> None:
    panel = QWidget()
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Dialogue")
    tabs.addTab(QWidget(), "History")
    table = QTableView()
    table.setModel(QStringListModel(["HD-2026-000001", "HD-2026-000002"]))
    navigation = QListWidget()
    navigation.addItems(["Caller lookup", "Tickets"])
    button = QPushButton("Look up")
    layout = QVBoxLayout(panel)
    for widget in (tabs, table, navigation, button):
        layout.addWidget(widget)
    qtbot.addWidget(panel)
    panel.resize(500, 600)
    panel.show()
    qtbot.waitExposed(panel, timeout=WAIT_MS)
    panel.activateWindow()
    colour = FOCUS_COLOURS[theme]
    shots = Path(os.environ.get(PICTURES_ENV, tmp_path))
    for name, widget, focus in (
        ("tab bar", tabs, tabs.tabBar()),
        ("table", table, table),
        ("list", navigation, navigation),
        ("button", button, button),
    ):
        focus.setFocus()
        qtbot.waitUntil(lambda focus=focus: QApplication.focusWidget() is focus, timeout=WAIT_MS)
        focused = widget.grab().toImage()
        panel.grab().save(str(shots / f"focus-{theme}-{name.replace(' ', '-')}.png"))
        # Somewhere else: the frame goes with the focus.
        other = button if widget is not button else table
        other.setFocus()
        qtbot.waitUntil(lambda other=other: QApplication.focusWidget() is other, timeout=WAIT_MS)
        unfocused = widget.grab().toImage()
        assert _focus_pixels(focused, colour) >= 40, f"{theme}: no focus frame on the {name}"
        assert _focus_pixels(unfocused, colour) < 5, f"{theme}: the {name} looks focused"
