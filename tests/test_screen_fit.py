"""The desk fits the screen: 1280×800 for the window, 1366×768 for every dialog, in both
languages and themes; no header or filter entry is cut, and the ticket list's columns can be
chosen (and are remembered)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hezo_desk.db import Database
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.tables.list_screen import ColumnChooser
from hezo_desk.ui.tables.tickets import TicketsScreen
from hezo_desk.ui.theme import apply_theme
from pictures import save_picture
from support.desk_tour import SMALL_SCREEN, WINDOW_SIZE, Tour, desk_tour
from waiting import WAIT_MS

# What a desktop takes from a 768 px screen: a panel and the dialog's title bar.
DESKTOP_CHROME = 70
LOOKS = [(language, theme) for language in ("pl", "en") for theme in ("light", "dark")]


@pytest.fixture
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[str, str]]:
    """The language and theme of the test, applied to the application and undone after."""
    language, theme = request.param
    translations = Translations(qapp)
    assert translations.apply(language) or language == "en"
    apply_theme(qapp, theme)
    yield language, theme
    translations.apply("en")
    qapp.setStyleSheet("")
    qapp.setProperty("hezo_theme", None)


def _section_padding(app: QApplication) -> int:
    """The horizontal padding of header sections in the stylesheet in force (its last rule)."""
    rules = re.findall(
        r"QHeaderView::section\s*\{[^}]*?padding:\s*\d+(?:px)?\s+(\d+)px", app.styleSheet()
    )
    assert rules, "the theme sets no padding for header sections"
    return int(rules[-1])


def _cut_headers(root: QWidget, padding: int) -> list[str]:
    """Each visible header section narrower than its text drawn in bold capitals."""
    cut = []
    for header in root.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
            continue
        font = QFont(header.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        model = header.model()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            needed = metrics.horizontalAdvance(text.upper()) + 2 * padding + 1
            if header.sectionSize(section) < needed:
                where = header.parentWidget().objectName() if header.parentWidget() else ""
                cut.append(f"{where}: {text!r} {header.sectionSize(section)} < {needed}")
    return cut


def _cut_combo_entries(root: QWidget) -> list[str]:
    """Each entry of a visible combo box wider than the field its text is drawn in."""
    cut = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or combo.isEditable():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        metrics = combo.fontMetrics()
        for item in range(combo.count()):
            text = combo.itemText(item)
            if metrics.horizontalAdvance(text) > field.width():
                cut.append(f"{combo.objectName()}: {text!r} in {field.width()} px")
    return cut


def _everything_shown(tour: Tour) -> Iterator[tuple[str, QWidget]]:
    """Every screen, then a ticket page, each shown in the window and settled."""
    tour.settle()
    for key in tour.screen_keys():
        screen = tour.window.show_screen(key)
        assert screen is not None
        tour.settle()
        yield key, screen
    yield "lookup with a caller", tour.look_up_caller()
    ticket = tour.window.open_ticket(tour.first_ticket_id())
    tour.settle()
    yield "ticket", ticket


@pytest.mark.parametrize("look", LOOKS, indirect=True, ids=[f"{a}-{b}" for a, b in LOOKS])
def test_no_screen_cuts_a_header_or_a_filter_nor_grows_the_window(
    qtbot: QtBot, look: tuple[str, str], demo_db: Database, tmp_path: Path, qapp: QApplication
) -> None:
    padding = _section_padding(qapp)
    problems: list[str] = []
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        for name, screen in _everything_shown(tour):
            size = tour.window.size().toTuple()
            if size != WINDOW_SIZE:
                problems.append(f"{name}: the window became {size}")
            problems += [f"{name}: {cut}" for cut in _cut_headers(screen, padding)]
            problems += [f"{name}: {cut}" for cut in _cut_combo_entries(screen)]
            sideways = isinstance(screen, TicketsScreen) and screen.view.horizontalScrollBar()
            if sideways and sideways.maximum() > 0:
                problems.append("tickets: the list scrolls sideways")
            if isinstance(screen, TicketsScreen):
                save_picture(tour.window, tmp_path, f"{look[0]}-{look[1]}-tickets")
        save_picture(tour.window, tmp_path, f"{look[0]}-{look[1]}-ticket")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("look", LOOKS, indirect=True, ids=[f"{a}-{b}" for a, b in LOOKS])
def test_every_dialog_and_message_box_fits_a_small_laptop_screen(
    qtbot: QtBot, look: tuple[str, str], demo_db: Database, tmp_path: Path, qapp: QApplication
) -> None:
    padding = _section_padding(qapp)
    width, height = SMALL_SCREEN
    problems: list[str] = []
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        for name, build in tour.dialogs():
            dialog = build()
            dialog.show()
            tour.settle()
            needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
            for what, size in (("size", dialog.size()), ("minimum", needed)):
                if size.width() > width or size.height() > height - DESKTOP_CHROME:
                    problems.append(f"{name}: {what} {size.toTuple()}")
            problems += [f"{name}: {cut}" for cut in _cut_headers(dialog, padding)]
            problems += [f"{name}: {cut}" for cut in _cut_combo_entries(dialog)]
            dialog.close()
            dialog.deleteLater()
            tour.settle()
        for name, open_box in tour.boxes():
            tour.open_modal(open_box, lambda box, name=name: problems.extend(_too_big(name, box)))
    assert problems == [], "\n".join(problems)


def _too_big(name: str, box: QWidget) -> list[str]:
    """A message box larger than a small laptop's screen leaves."""
    width, height = SMALL_SCREEN
    size = box.size()
    if size.width() > width or size.height() > height - DESKTOP_CHROME:
        return [f"{name}: size {size.toTuple()}"]
    return []


def test_the_ticket_list_chooses_its_columns_and_remembers_them(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        screen = tour.window.show_screen("tickets")
        assert isinstance(screen, TicketsScreen)
        tour.settle()
        header = screen.view.horizontalHeader()
        chooser = header.findChild(ColumnChooser)
        assert chooser is not None
        menu = chooser.menu()
        entries = {action.text(): action for action in menu.actions()}
        # By default the list fits 1280 px: channel, assignee and reseller access wait in
        # the menu.
        assert {text for text, action in entries.items() if not action.isChecked()} == {
            "Channel",
            "Assignee",
            "Reseller access",
        }
        entries["Assignee"].setChecked(True)
        entries["Priority"].setChecked(False)
        shown = [header.model().headerData(s, Qt.Orientation.Horizontal) for s in range(11)]
        visible = {shown[s] for s in range(header.count()) if not header.isSectionHidden(s)}
        assert "Assignee" in visible
        assert "Priority" not in visible
        menu.deleteLater()
    # A new desk over the same settings shows the columns chosen.
    with desk_tour(demo_db, tmp_path / "tour") as again:
        screen = again.window.show_screen("tickets")
        assert isinstance(screen, TicketsScreen)
        qtbot.waitUntil(lambda: not screen.model.is_loading, timeout=WAIT_MS)
        header = screen.view.horizontalHeader()
        hidden = {
            header.model().headerData(s, Qt.Orientation.Horizontal)
            for s in range(header.count())
            if header.isSectionHidden(s)
        }
        assert hidden == {"Channel", "Reseller access", "Priority"}


def test_the_last_column_shown_cannot_be_hidden(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        screen = tour.window.show_screen("tickets")
        assert isinstance(screen, TicketsScreen)
        header = screen.view.horizontalHeader()
        chooser = header.findChild(ColumnChooser)
        assert chooser is not None
        for section in range(1, header.count()):
            chooser.set_shown(section, False)
        last = [a for a in chooser.menu().actions() if a.isChecked()]
        assert len(last) == 1
        assert not last[0].isEnabled()


@pytest.mark.parametrize("look", [("en", "light")], indirect=True, ids=["en-light"])
def test_headers_fit_again_after_switching_to_polish(
    qtbot: QtBot, look: tuple[str, str], demo_db: Database, tmp_path: Path, qapp: QApplication
) -> None:
    """Widths fitted to the English headers grow for the longer Polish ones, at once."""
    padding = _section_padding(qapp)
    switch = Translations(qapp)
    problems = []
    try:
        with desk_tour(demo_db, tmp_path / "tour") as tour:
            screens = dict(_everything_shown(tour))
            assert switch.apply("pl")
            tour.settle()
            for name in tour.screen_keys():
                tour.window.show_screen(name)
                tour.settle()
                problems += [f"{name}: {cut}" for cut in _cut_headers(screens[name], padding)]
    finally:
        # Its translators are this object's: the fixture's own cannot take them away.
        switch.apply("en")
    assert problems == [], "\n".join(problems)
