"""The supervisors' "Service levels" screen and the back office's "Change service level…"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hezo_desk.enums import CalendarKind, Priority
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditFilter, AuditService
from hezo_desk.services.service_levels.levels import NEXT_BUSINESS_DAY
from hezo_desk.services.service_levels.store import LevelChange, ServiceLevelStore
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.service_levels_screen import (
    DurationSpinBox,
    LevelEditorDialog,
    ServiceLevelDialog,
    ServiceLevelsModel,
    ServiceLevelsScreen,
    TargetEditor,
    duration_text,
    read_duration,
)
from hezo_desk.ui.tables.contracts import ContractsScreen
from waiting import WAIT_MS

SUPERVISOR = "marek.zielinski"
BACK_OFFICE = "ewa.wisniewska"


def _as(context: DeskContext, login: str) -> DeskContext:
    return replace(context, actor=AgentService(context.db).resolve(login))


def _show(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)  # type: ignore[arg-type]
    widget.resize(1280, 700)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]


def _pictures(tmp_path: Path) -> Path:
    folder = tmp_path / "pictures"
    folder.mkdir(exist_ok=True)
    return folder


def test_durations_read_and_show_as_hours_and_minutes(qtbot: QtBot) -> None:
    assert duration_text(90) == "1:30"
    assert duration_text(0) == "0:00"
    assert read_duration("1:30") == 90
    assert read_duration("45") == 45
    assert read_duration("2:75") is None
    assert read_duration("soon") is None
    spin = DurationSpinBox()
    qtbot.addWidget(spin)
    spin.setValue(480)
    assert spin.text() == "8:00 h"
    editor = TargetEditor("t")
    qtbot.addWidget(editor)
    editor.set_target(NEXT_BUSINESS_DAY)
    assert editor.target() is NEXT_BUSINESS_DAY
    assert not editor.minutes.isEnabled()
    editor.set_target(125)
    assert editor.target() == 125
    assert editor.minutes.text() == "2:05 h"
    editor.set_target(None)
    assert editor.target() is None


def test_the_levels_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, desk_context: DeskContext
) -> None:
    model = ServiceLevelsModel()
    model.set_rows(ServiceLevelStore(desk_context.db).levels())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 4
    names = [model.index(row, 0).data() for row in range(4)]
    assert names == ["24x7", "8x5", "NBD", "none"]
    assert model.index(0, 4).data() == "1:00 / 2:00 / 4:00 / 8:00"
    assert model.index(2, 5).data() == "NBD / NBD / 80:00 / 160:00"


def test_a_supervisor_adds_a_level_edits_a_target_and_sees_it_listed(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    context = _as(desk_context, SUPERVISOR)
    screen = ServiceLevelsScreen(context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=WAIT_MS)
    assert screen.recompute_button.isVisible()
    screen.add_button.click()
    dialog = screen.dialog
    assert isinstance(dialog, LevelEditorDialog)
    dialog.name.setText("8x5")
    dialog.response[Priority.CRITICAL].set_target(30)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "already exists" in dialog.error.text(), timeout=WAIT_MS)
    assert dialog.isVisible(), "nothing typed is lost"
    dialog.name.setText("Złoty 4h")
    dialog.resolution[Priority.HIGH].set_target(NEXT_BUSINESS_DAY)
    dialog.resize(dialog.sizeHint())
    dialog.grab().save(str(_pictures(tmp_path) / "editor.png"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.dialog is None, timeout=WAIT_MS)
    added = screen.selected_level()
    assert added is not None
    assert added.name == "Złoty 4h"
    assert added.calendar is CalendarKind.BUSINESS_HOURS
    assert added.response[Priority.CRITICAL] == 30
    assert added.resolution[Priority.HIGH] is NEXT_BUSINESS_DAY

    screen.edit_button.click()
    editor = screen.dialog
    assert isinstance(editor, LevelEditorDialog)
    assert editor.name.text() == "Złoty 4h"
    editor.response[Priority.CRITICAL].minutes.setValue(45)
    editor.calendar.setCurrentIndex(list(CalendarKind).index(CalendarKind.ALWAYS))
    editor.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            (level := screen.selected_level()) is not None
            and level.response[Priority.CRITICAL] == 45
        ),
        timeout=WAIT_MS,
    )
    row = screen.model.row_of(added.id)
    assert screen.model.index(row, 4).data().startswith("0:45 / ")
    assert screen.notice.isVisible()
    assert "opened from now on" in screen.notice.text()
    screen.grab().save(str(_pictures(tmp_path) / "screen.png"))
    entries = AuditService(context.db).entries(context.actor, AuditFilter(action="service_level."))
    assert [e.action for e in entries][:2] == ["service_level.changed", "service_level.created"]
    assert entries[0].details["new"] == {"calendar": "24x7", "response.critical": "45"}

    # A built-in level cannot be removed; the supervisor's own can.
    screen.view.selectRow(screen.model.row_of(ServiceLevelStore(context.db).level("8x5").id))
    assert not screen.remove_button.isEnabled()
    screen.view.selectRow(screen.model.row_of(added.id))
    assert screen.remove_button.isEnabled()
    level = screen.selected_level()
    assert level is not None
    screen.remove_confirmed(level)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=WAIT_MS)


def test_a_conflicting_edit_is_refused_and_shows_the_level_as_it_is_now(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    context = _as(desk_context, SUPERVISOR)
    screen = ServiceLevelsScreen(context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=WAIT_MS)
    screen.view.selectRow(0)
    screen.edit_button.click()
    editor = screen.dialog
    assert isinstance(editor, LevelEditorDialog)
    # Someone else changes the level meanwhile.
    store = ServiceLevelStore(context.db)
    level = store.level("24x7")
    store.change(context.actor, level.id, level.version, LevelChange(response={Priority.LOW: 600}))
    editor.response[Priority.CRITICAL].minutes.setValue(15)
    editor.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "someone else" in editor.error.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor.response[Priority.LOW].target() == 600, timeout=WAIT_MS)
    assert store.level("24x7").response[Priority.CRITICAL] == 60


def test_an_agent_is_told_the_screen_is_for_supervisors(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    screen = ServiceLevelsScreen(desk_context)
    _show(qtbot, screen)
    assert screen.refused.isVisible()
    assert "supervisors" in screen.refused.text()
    assert not screen.add_button.isVisible()


@pytest.mark.parametrize("login", [BACK_OFFICE])
def test_the_back_office_changes_a_services_level_on_the_contracts_screen(
    qtbot: QtBot, desk_context: DeskContext, login: str, tmp_path: Path
) -> None:
    context = _as(desk_context, login)
    screen = ContractsScreen(context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.row_count > 0, timeout=WAIT_MS)
    screen.view.setCurrentIndex(screen.model.index(0, 0))
    qtbot.waitUntil(lambda: screen.services_model.row_count > 0, timeout=WAIT_MS)
    screen.services_view.setCurrentIndex(screen.services_model.index(0, 0))
    qtbot.waitUntil(screen.level_button.isEnabled, timeout=WAIT_MS)
    assert "Service level of (H" in screen.service_level.text()
    screen.grab().save(str(_pictures(tmp_path) / "contracts.png"))
    screen.level_button.click()
    dialog = screen.level_dialog
    assert isinstance(dialog, ServiceLevelDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    before = dialog.level.currentText()
    wanted = next(name for name in ("24x7", "NBD") if name != before)
    dialog.level.setCurrentIndex(dialog.level.findText(wanted))
    expected = "1:00 / 2:00 / 4:00 / 8:00" if wanted == "24x7" else "4:00 / 8:00 / 16:00 / 32:00"
    assert f"Response (critical / high / normal / low): {expected}" in dialog.targets.text()
    dialog.layout().activate()
    dialog.grab().save(str(_pictures(tmp_path) / "service_level.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: screen.level_dialog is None, timeout=WAIT_MS)
    assert screen.service_level.text().endswith(f": {wanted}")
    notation = screen.service_level.text().split(" of ")[1].split(":")[0]
    levels = {s.notation: s.level_name for s in ServiceLevelStore(context.db).services()}
    assert levels[notation] == wanted
    entries = AuditService(context.db).entries(
        _as(desk_context, SUPERVISOR).actor, AuditFilter(action="service.level_changed")
    )
    assert (entries[0].details["service"], entries[0].details["new"]) == (notation, wanted)


def test_an_agent_sees_the_level_but_no_change_button(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    screen = ContractsScreen(desk_context)
    _show(qtbot, screen)
    assert not screen.level_button.isVisible()
    assert screen.level_button.text().replace("&", "") == "Change service level…"


def test_removing_a_level_in_use_is_refused_in_words_and_recompute_moves_its_tickets(
    qtbot: QtBot, desk_context: DeskContext
) -> None:
    context = _as(desk_context, SUPERVISOR)
    store = ServiceLevelStore(context.db)
    store.add(context.actor, name="Srebrny", calendar="24x7")
    service = store.services()[0]
    store.set_service_level(context.actor, service.service_id, "Srebrny")
    screen = ServiceLevelsScreen(context)
    _show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=WAIT_MS)
    level = store.level("srebrny")
    screen.view.selectRow(screen.model.row_of(level.id))
    assert screen.recompute_button.isVisible()
    screen.recompute_confirmed(level)
    qtbot.waitUntil(screen.notice.isVisible, timeout=WAIT_MS)
    assert "Srebrny" in screen.notice.text()
    assert screen.recompute_button.isEnabled()
    screen.remove_confirmed(level)
    qtbot.waitUntil(
        lambda: "give them another level first" in screen.status.text(), timeout=WAIT_MS
    )
    assert "Srebrny" in screen.status.text()
    assert screen.model.rowCount() == 5
