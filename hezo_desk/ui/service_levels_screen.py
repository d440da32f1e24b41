"""Service levels (supervisors): the levels with their targets, an editor, and removal; and
the dialog in which the back office chooses a service's level.

A change of targets applies to tickets opened afterwards. "Recompute open tickets…" moves the
open tickets of the chosen level onto its targets as they are now (after a confirmation, in
the background: `services.service_levels.dues.recompute_level`), each ticket whose dues moved
explained in its history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import CalendarKind, Priority, Role
from hezo_desk.errors import ServiceLevelConflictError
from hezo_desk.placeholders import fill
from hezo_desk.services.service_levels.dues import Recomputed, recompute_level
from hezo_desk.services.service_levels.levels import NEXT_BUSINESS_DAY, NextBusinessDay, Target
from hezo_desk.services.service_levels.store import (
    LEVEL_MANAGERS,
    MAX_TARGET_MINUTES,
    NAME_LIMIT,
    SERVICE_LEVEL_SETTERS,
    LevelChange,
    LevelRow,
    LevelSaved,
    ServiceLevelRow,
    ServiceLevelStore,
)
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, Index, RowTableModel
from hezo_desk.ui.tables.agents import ERROR_STYLE, FormDialog
from hezo_desk.ui.tables.list_screen import chain_tab_order
from hezo_desk.ui.tables.managed_screen import ManagedListScreen
from hezo_desk.ui.tables.windowed_model import ID_ROLE
from hezo_desk.ui.workers import TaskControl, TaskSet
from hezo_desk.wording import TARGETS_CHANGED, recomputed_text, value_words

PRIORITIES = (Priority.CRITICAL, Priority.HIGH, Priority.NORMAL, Priority.LOW)
COLUMN_WIDTHS = [180, 220, 100, 80, 260, 260]
MINUTES_STEP = 15
DIALOG_WIDTH = 560


def duration_text(minutes: int) -> str:
    """Minutes as h:mm (90 → 1:30): how the targets are read at a glance."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def read_duration(text: str) -> int | None:
    """h:mm, or plain minutes, → minutes; None when it is neither."""
    cleaned = text.strip().removesuffix("h").strip()
    hours, colon, minutes = cleaned.partition(":")
    try:
        if not colon:
            return int(cleaned)
        if not minutes or len(minutes) > 2 or int(minutes) >= 60:
            return None
        return int(hours or "0") * 60 + int(minutes)
    except ValueError:
        return None


class CalendarNames(QObject):
    def name(self, calendar: CalendarKind) -> str:
        # One word for the window and the command line (`wording.VALUE_WORDS`).
        return value_words(calendar, QCoreApplication.translate)

    def target(self, target: Target) -> str:
        if isinstance(target, NextBusinessDay):
            return self.tr("NBD")
        if target is None:
            return "—"
        return duration_text(target)


class ServiceLevelsModel(RowTableModel[LevelRow]):
    """The levels by name, with their targets critical / high / normal / low."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._names = CalendarNames(self)
        self._columns = self._columns_now()

    def row_of(self, level_id: int) -> int:
        for number, level in enumerate(self._rows):
            if level.id == level_id:
                return number
        return -1

    def retranslate(self) -> None:
        self.set_columns(self._columns_now())

    def _columns_now(self) -> list[Column[LevelRow]]:
        return [
            Column(self.tr("Name"), lambda level: level.name),
            Column(self.tr("Calendar"), lambda level: self._names.name(level.calendar)),
            Column(self.tr("Built-in"), lambda level: level.built_in),
            Column(self.tr("Services"), lambda level: level.services),
            Column(self.tr("Response"), lambda level: self._targets(level.response)),
            Column(self.tr("Resolution"), lambda level: self._targets(level.resolution)),
        ]

    def _targets(self, targets: Any) -> str:
        return " / ".join(self._names.target(targets[p]) for p in PRIORITIES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        level = self.row_at(index.row()) if index.isValid() else None
        if level is None:
            return None
        if role == ID_ROLE:
            return level.id
        return super().data(index, role)


class DurationSpinBox(QSpinBox):
    """Minutes, shown and typed as h:mm (plain minutes are read too)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_TARGET_MINUTES)
        self.setSingleStep(MINUTES_STEP)
        self.setSuffix(" h")
        self.setAccelerated(True)

    def textFromValue(self, value: int) -> str:
        return duration_text(value)

    def valueFromText(self, text: str) -> int:
        found = read_duration(text.removesuffix(self.suffix()))
        return found if found is not None else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        found = read_duration(text.removesuffix(self.suffix()))
        if found is None or not 0 <= found <= MAX_TARGET_MINUTES:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class TargetEditor(QWidget):
    """One target: its kind (minutes, next business day, none) and, for minutes, how many."""

    MINUTES, NEXT_BUSINESS_DAY, NONE = range(3)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.kind = QComboBox(self)
        self.kind.setObjectName(f"{name}_kind")
        self.minutes = DurationSpinBox(self)
        self.minutes.setObjectName(f"{name}_minutes")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.minutes)
        self.retranslate()
        self.kind.currentIndexChanged.connect(self._kind_chosen)

    def retranslate(self) -> None:
        chosen = max(self.kind.currentIndex(), 0)
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItems(
            [self.tr("minutes"), self.tr("next business day, 16:00"), self.tr("no target")]
        )
        self.kind.setCurrentIndex(chosen)
        self.kind.blockSignals(False)
        self.minutes.setToolTip(self.tr("Hours and minutes of the level's calendar (h:mm)"))

    def set_target(self, target: Target) -> None:
        if isinstance(target, int):
            self.kind.setCurrentIndex(self.MINUTES)
            self.minutes.setValue(target)
        else:
            self.kind.setCurrentIndex(self.NONE if target is None else self.NEXT_BUSINESS_DAY)
        self._kind_chosen(self.kind.currentIndex())

    def target(self) -> Target:
        kind = self.kind.currentIndex()
        if kind == self.MINUTES:
            self.minutes.interpretText()
            return self.minutes.value()
        return NEXT_BUSINESS_DAY if kind == self.NEXT_BUSINESS_DAY else None

    def _kind_chosen(self, kind: int) -> None:
        self.minutes.setEnabled(kind == self.MINUTES)


class LevelEditorDialog(FormDialog):
    """A level's name, calendar and its 4 × 2 targets; a new level when given none."""

    def __init__(self, level: LevelRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_editor")
        self.level = level
        self._labels = Labels(self)
        self._names = CalendarNames(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(NAME_LIMIT)
        self.calendar = QComboBox(self)
        self.calendar.setObjectName("calendar")
        for calendar in CalendarKind:
            self.calendar.addItem(self._names.name(calendar), calendar.value)
        name_label = QLabel(self.tr("&Name"), self)
        name_label.setBuddy(self.name)
        calendar_label = QLabel(self.tr("&Calendar"), self)
        calendar_label.setBuddy(self.calendar)
        self.form.addRow(name_label, self.name)
        self.form.addRow(calendar_label, self.calendar)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Priority"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("Response (first reply)"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Resolution (closing)"), self), 0, 2)
        self.response: dict[Priority, TargetEditor] = {}
        self.resolution: dict[Priority, TargetEditor] = {}
        for row, priority in enumerate(PRIORITIES, start=1):
            grid.addWidget(QLabel(self._labels.priority(priority), self), row, 0)
            self.response[priority] = TargetEditor(f"response_{priority.value}", self)
            self.resolution[priority] = TargetEditor(f"resolution_{priority.value}", self)
            grid.addWidget(self.response[priority], row, 1)
            grid.addWidget(self.resolution[priority], row, 2)
        self.form.addRow(grid)
        self.note = QLabel(
            self.tr(
                "Tickets keep the targets they were opened under: a change applies to tickets "
                "opened afterwards."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.form.addRow(self.note)
        self.show_level(level)
        chain_tab_order(
            self.name,
            self.calendar,
            *[
                w
                for p in PRIORITIES
                for e in (self.response[p], self.resolution[p])
                for w in (e.kind, e.minutes)
            ],
        )

    def show_level(self, level: LevelRow | None) -> None:
        """The fields as `level` is (a new level: business hours, no targets)."""
        self.level = level
        if level is None:
            self.setWindowTitle(self.tr("Add a service level"))
            self.calendar.setCurrentIndex(list(CalendarKind).index(CalendarKind.BUSINESS_HOURS))
            for editor in [*self.response.values(), *self.resolution.values()]:
                editor.set_target(None)
            return
        self.setWindowTitle(fill(self.tr("Service level %1"), level.name))
        self.name.setText(level.name)
        self.calendar.setCurrentIndex(list(CalendarKind).index(level.calendar))
        for priority in PRIORITIES:
            self.response[priority].set_target(level.response[priority])
            self.resolution[priority].set_target(level.resolution[priority])

    def chosen_calendar(self) -> CalendarKind:
        return CalendarKind(self.calendar.currentData())

    def targets(self) -> tuple[dict[Priority, Target], dict[Priority, Target]]:
        return (
            {p: editor.target() for p, editor in self.response.items()},
            {p: editor.target() for p, editor in self.resolution.items()},
        )


class ServiceLevelsScreen(ManagedListScreen):
    """The levels; supervisors and administrators add, change and remove them."""

    def __init__(
        self,
        context: DeskContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context, "service_levels", allowed=context.actor.role in LEVEL_MANAGERS, parent=parent
        )
        self._store = ServiceLevelStore(context.db)
        self.dialog: LevelEditorDialog | None = None
        self._select_after_load: int | None = None
        self.model = ServiceLevelsModel(self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove")
        self.recompute_button = QPushButton(self)
        self.recompute_button.setObjectName("recompute")
        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.recompute_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refused)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(self.add_level)
        self.edit_button.clicked.connect(self.edit_level)
        self.remove_button.clicked.connect(self.remove_level)
        self.recompute_button.clicked.connect(self.recompute_level)
        self.finish(
            self.model,
            COLUMN_WIDTHS,
            [self.add_button, self.edit_button, self.remove_button, self.recompute_button],
            opened=self.edit_level,
            also_hidden=[self.legend],
        )

    # ----- public --------------------------------------------------------------------------

    def selected_level(self) -> LevelRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    def load(self) -> Callable[[TaskControl], list[LevelRow]]:
        store = self._store

        def work(_control: TaskControl) -> list[LevelRow]:
            return store.levels()

        return work

    def retranslate(self) -> None:
        self.refused.setText(self.tr("Only supervisors and administrators manage service levels."))
        self.add_button.setText(self.tr("&Add level…"))
        self.edit_button.setText(self.tr("&Edit level…"))
        self.remove_button.setText(self.tr("&Remove level"))
        self.recompute_button.setText(self.tr("Re&compute open tickets…"))
        self.legend.setText(
            self.tr(
                "Targets per priority: critical / high / normal / low, in hours and minutes of "
                "the level's calendar; NBD: by 16:00 of the next business day; —: no target."
            )
        )
        self.model.retranslate()

    def count_text(self, count: int) -> str:
        return self.tr("%Ln service level(s)", "", count)

    def add_level(self) -> None:
        self._open_editor(LevelEditorDialog(None, self))

    def edit_level(self) -> None:
        level = self.selected_level()
        if level is not None:
            self._open_editor(LevelEditorDialog(level, self))

    def remove_level(self) -> None:
        level = self.selected_level()
        if level is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove a service level"),
            fill(self.tr("Remove the service level %1?"), level.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_confirmed(level)

    def remove_confirmed(self, level: LevelRow) -> None:
        actor, store = self.context.actor, self._store

        def work(_control: TaskControl) -> None:
            store.remove(actor, level.id)

        self.remove_button.setEnabled(False)
        self.tasks.start(work, finished=lambda _none: self.refresh(), failed=self.failed)

    def recompute_level(self) -> None:
        level = self.selected_level()
        if level is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Recompute open tickets"),
            fill(
                self.tr(
                    "Give every open ticket of the service level %1 the level's targets as they "
                    "are now, and compute its dues again? Each ticket whose dues move says so "
                    "in its history."
                ),
                level.name,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.recompute_confirmed(level)

    def recompute_confirmed(self, level: LevelRow) -> None:
        db, actor, name = self.context.db, self.context.actor, level.name

        def work(_control: TaskControl) -> Recomputed:
            return recompute_level(db, actor, name)

        def done(outcome: Recomputed) -> None:
            self.recompute_button.setEnabled(True)
            self.notice.setText(
                recomputed_text(
                    outcome.level, outcome.tickets, outcome.changed, QCoreApplication.translate
                )
            )
            self.notice.show()

        def failed(error: object) -> None:
            self.recompute_button.setEnabled(True)
            self.failed(error)

        self.recompute_button.setEnabled(False)
        self.tasks.start(work, finished=done, failed=failed)

    # ----- inside --------------------------------------------------------------------------

    def _open_editor(self, dialog: LevelEditorDialog) -> None:
        self.dialog = dialog
        dialog.submitted.connect(lambda: self._save(dialog))
        dialog.finished.connect(lambda _result: self._editor_closed(dialog))
        dialog.open()

    def _save(self, dialog: LevelEditorDialog) -> None:
        actor, store = self.context.actor, self._store
        name, calendar = dialog.name.text(), dialog.chosen_calendar()
        response, resolution = dialog.targets()
        level = dialog.level

        def work(_control: TaskControl) -> LevelSaved:
            if level is None:
                added = store.add(
                    actor, name=name, calendar=calendar, response=response, resolution=resolution
                )
                return LevelSaved(added, targets_changed=False)
            change = LevelChange(
                name=name, calendar=calendar, response=response, resolution=resolution
            )
            return store.change(actor, level.id, level.version, change)

        self.tasks.start(
            work,
            finished=lambda saved: self._editor_saved(dialog, saved),
            failed=lambda error: self._editor_failed(dialog, error),
        )

    def _editor_saved(self, dialog: LevelEditorDialog, saved: LevelSaved) -> None:
        if shiboken6.isValid(dialog):
            dialog.accept()
        self._select_after_load = saved.level.id
        if saved.targets_changed:
            how = self.tr("the button “Recompute open tickets…”")
            self.notice.setText(
                fill(QCoreApplication.translate("ServiceLevels", TARGETS_CHANGED), how)
            )
            self.notice.show()
        else:
            self.notice.hide()
        self.refresh()

    def _editor_failed(self, dialog: LevelEditorDialog, error: object) -> None:
        if not shiboken6.isValid(dialog):
            self.failed(error)
            return
        dialog.show_error(error_text(error))
        if isinstance(error, ServiceLevelConflictError) and dialog.level is not None:
            # Show the level as it is now: the change is redone on what others saved.
            store, level_id = self._store, dialog.level.id

            def work(_control: TaskControl) -> LevelRow:
                return store.level(level_id)

            def reread(current: LevelRow) -> None:
                if shiboken6.isValid(dialog):
                    dialog.show_level(current)
                self.refresh()

            self.tasks.start(work, finished=reread, failed=self.failed)

    def _editor_closed(self, dialog: LevelEditorDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def loaded(self, levels: list[LevelRow]) -> None:
        current = self.selected_level()
        wanted = self._select_after_load or (current.id if current else None)
        self._select_after_load = None
        self.model.set_rows(levels)
        self.show_count(len(levels))
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self.update_actions()

    def update_actions(self) -> None:
        level = self.selected_level()
        self.edit_button.setEnabled(level is not None)
        self.remove_button.setEnabled(level is not None and not level.built_in)
        self.recompute_button.setEnabled(level is not None)


class ServiceLevelDialog(QDialog):
    """The back office chooses the level a service is served on."""

    def __init__(
        self,
        context: DeskContext,
        service: ServiceLevelRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("service_level")
        self.setWindowTitle(fill(self.tr("Service level of %1"), service.notation))
        self.setMinimumWidth(DIALOG_WIDTH)
        self._context = context
        self._store = ServiceLevelStore(context.db)
        self.service = service
        self.saved: ServiceLevelRow | None = None
        self._levels: list[LevelRow] = []
        about = QLabel(
            fill(
                self.tr("%1, %2, contract %3"),
                service.product,
                service.customer_name,
                service.contract_number,
            ),
            self,
        )
        about.setWordWrap(True)
        self.level = QComboBox(self)
        self.level.setObjectName("level")
        self.level.setMinimumContentsLength(24)
        label = QLabel(self.tr("&Level"), self)
        label.setBuddy(self.level)
        self.targets = QLabel(self)
        self.targets.setObjectName("targets")
        # Three short lines; reserved before the levels are read, so the dialog does not grow.
        self.targets.setMinimumHeight(self.targets.fontMetrics().lineSpacing() * 3)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        note = QLabel(
            self.tr(
                "Tickets opened from now on get the new level's targets; open tickets keep theirs."
            ),
            self,
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.level, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.targets)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.level.currentIndexChanged.connect(self._show_targets)
        self._tasks = TaskSet(context.pool, self)
        store = self._store
        self._tasks.start(
            lambda _control: store.levels(), finished=self._loaded, failed=self._failed
        )

    @property
    def loaded(self) -> bool:
        return bool(self._levels)

    def _loaded(self, levels: Sequence[LevelRow]) -> None:
        self._levels = list(levels)
        self.level.blockSignals(True)
        self.level.clear()
        self.level.addItems([level.name for level in levels])
        current = next(
            (n for n, level in enumerate(levels) if level.id == self.service.level_id), -1
        )
        self.level.setCurrentIndex(current)
        self.level.blockSignals(False)
        self._show_targets(current)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _show_targets(self, index: int) -> None:
        level = self._levels[index] if 0 <= index < len(self._levels) else None
        if level is None:
            self.targets.setText(self.tr("No level chosen yet."))
            return
        names = CalendarNames(self)
        self.targets.setText(
            fill(
                self.tr(
                    "%1\nResponse (critical / high / normal / low): %2\n"
                    "Resolution (critical / high / normal / low): %3"
                ),
                names.name(level.calendar),
                " / ".join(names.target(level.response[p]) for p in PRIORITIES),
                " / ".join(names.target(level.resolution[p]) for p in PRIORITIES),
            )
        )

    def _submit(self) -> None:
        index = self.level.currentIndex()
        if not 0 <= index < len(self._levels):
            return
        actor, store = self._context.actor, self._store
        service_id, name = self.service.service_id, self._levels[index].name
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._tasks.start(
            lambda _control: store.set_service_level(actor, service_id, name),
            finished=self._saved,
            failed=self._failed,
        )

    def _saved(self, saved: ServiceLevelRow) -> None:
        self.saved = saved
        self.accept()

    def _failed(self, error: object) -> None:
        self.error.setText(error_text(error))
        self.error.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._levels))


def may_set_service_level(role: Role) -> bool:
    return role in SERVICE_LEVEL_SETTERS
