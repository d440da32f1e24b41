"""What every list screen shares: the table's set-up, remembered columns, keys, status line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.header_fit import HeaderFitter, fit_header, header_text
from hezo_desk.ui.screen_state import field_values, restore_field_values
from hezo_desk.ui.search_keys import ResultsKeys
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.tables.windowed_model import WindowedTableModel
from hezo_desk.ui.workers import TaskSet


class HeaderMemory:
    """Keeps a header's column widths, order and sort indicator in the user's settings."""

    def __init__(self, header: QHeaderView, settings: DeskSettings, list_name: str) -> None:
        self._header = header
        self._settings = settings
        self._list_name = list_name
        header.sectionResized.connect(self.save)
        header.sectionMoved.connect(self.save)
        header.sortIndicatorChanged.connect(self.save)

    def restore(self) -> bool:
        saved = self._settings.header_state(self._list_name)
        if saved is None:
            return False
        restored = self._header.restoreState(saved)
        return bool(restored) and self._header.count() > 0

    def save(self, *_args: object) -> None:
        self._settings.set_header_state(self._list_name, self._header.saveState())


class ColumnChooser(QObject):
    """The header's context menu: a checkable entry per column, to show or hide it; the
    choice is kept with the header's state (`HeaderMemory`). One column always stays."""

    def __init__(self, header: QHeaderView, memory: HeaderMemory) -> None:
        super().__init__(header)
        self._header = header
        self._memory = memory
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)

    def menu(self) -> QMenu:
        """The menu as it would open now (the columns in their shown order)."""
        header = self._header
        menu = QMenu(header)
        menu.setObjectName("column_chooser")
        shown = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        model = header.model()
        for visual in range(header.count()):
            section = header.logicalIndex(visual)
            action = menu.addAction(header_text(model, header, section))
            action.setCheckable(True)
            action.setChecked(section in shown)
            # The last column shown cannot go: a header without columns has no menu to undo it.
            action.setEnabled(shown != [section])
            action.toggled.connect(partial(self.set_shown, section))
        return menu

    def show_menu(self, position: QPoint) -> None:
        menu = self.menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._header.mapToGlobal(position))

    def set_shown(self, section: int, shown: bool) -> None:
        self._header.setSectionHidden(section, not shown)
        if shown:
            fit_header(self._header)
        self._memory.save()


@dataclass(frozen=True)
class ListState:
    """A list screen's fields, and each list's filter and selected rows (by id)."""

    fields: dict[str, object]
    lists: list[tuple[object, list[int]]]


class ListScreen(QWidget):
    """A screen around one main table: Ctrl+F, F5 and Enter, and a status line."""

    def __init__(self, context: DeskContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._context = context
        self._name = name
        self._tasks = TaskSet(context.pool, self)
        self._jobs = TaskSet(context.jobs, self)
        self._headers: list[HeaderMemory] = []
        self._windowed: list[tuple[QTableView, WindowedTableModel[Any, Any]]] = []
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self._refresh_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self._refresh_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._refresh_key.activated.connect(self.refresh)

    @property
    def context(self) -> DeskContext:
        return self._context

    @property
    def tasks(self) -> TaskSet:
        return self._tasks

    @property
    def jobs(self) -> TaskSet:
        """For the screen's long reads (a big list's positions), apart from `tasks`."""
        return self._jobs

    def focus_search(self) -> None:
        """Ctrl+F: the screen's filter or search field."""

    def refresh(self) -> None:
        """F5: read the list again."""

    def retranslate(self) -> None:
        """Set every visible text again (after a language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def setup_table(
        self,
        view: QTableView,
        model: QAbstractItemModel,
        name: str,
        widths: list[int],
        *,
        multi_select: bool = False,
        hidden: Sequence[int] = (),
    ) -> None:
        """Configure a table and restore its saved header (columns `hidden` until the user
        shows them in the header's menu)."""
        view.setObjectName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        for section, width in enumerate(widths):
            header.resizeSection(section, width)
        for section in hidden:
            header.hideSection(section)
        if isinstance(model, WindowedTableModel):
            self._windowed.append((view, model))
            model.reselect.connect(partial(_select_rows, view, model))
            sort = model.current_sort
            header.setSortIndicator(
                model.column_of_sort(),
                Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
            )
        else:
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        memory = HeaderMemory(header, self._context.settings, f"{self._name}/{name}")
        if memory.restore():
            # The saved sort becomes the model's before its first read.
            model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._headers.append(memory)
        # After the restore: a width saved in the other language may be too narrow, and the
        # fitter decides afresh whether the last column stretches.
        header.setStretchLastSection(True)
        HeaderFitter(header)
        ColumnChooser(header, memory)
        view.setSortingEnabled(True)

    def lead_to_results(self, field: QLineEdit, view: QTableView, pending: QTimer) -> None:
        """Down in `field`, or Enter once the list shows what it says (no filter `pending`,
        nothing loading), moves the focus into the list; Enter there opens the row."""
        model = view.model()

        def shown() -> bool:
            loading = isinstance(model, WindowedTableModel) and model.is_loading
            return not pending.isActive() and not loading

        ResultsKeys(field, lambda: view, shown)

    def let_window_refresh(self) -> None:
        """Inside the main window F5 is the window's (two F5s would cancel each other out)."""
        self._refresh_key.setEnabled(False)

    def kept(self, model: WindowedTableModel[Any, Any]) -> list[int]:
        """The ids of the rows selected in the view of `model` (current row first): a refresh
        finds them again wherever others' changes moved them (`model.refresh(self.kept(m))`)."""
        for view, shown in self._windowed:
            if shown is not model:
                continue
            rows = [index.row() for index in view.selectionModel().selectedRows()]
            current = view.currentIndex().row()
            ordered = ([current] if current >= 0 else []) + [r for r in rows if r != current]
            return [
                model.row_id(found) for found in map(model.row_at, ordered) if found is not None
            ]
        return []

    def save_state(self) -> ListState:
        """What the agent set here: fields, filters and selection (the sort is in the
        header, which the settings keep)."""
        return ListState(
            field_values(self),
            [(model.list_filter, self.kept(model)) for _view, model in self._windowed],
        )

    def restore_state(self, state: ListState) -> None:
        """Show what `save_state` of a screen like this one saw: the same filters and the same
        rows selected (wherever they stand now), read in one go."""
        restore_field_values(self, state.fields)
        for (view, model), (list_filter, kept) in zip(self._windowed, state.lists, strict=False):
            if kept:
                model.reselect.connect(
                    partial(_scroll_to_first, view, model), Qt.ConnectionType.SingleShotConnection
                )
            model.show_kept(list_filter, kept)

    def show_count(self, count: int) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.count_text(count))

    def count_text(self, count: int) -> str:
        return self.tr("%Ln row(s)", "", count)

    def show_busy(self, busy: bool) -> None:
        if busy:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Loading…"))

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)

    def watch(self, model: WindowedTableModel[Any, Any]) -> None:
        """Show a windowed model's count, loading and failures in the status line."""
        model.loaded.connect(self.show_count)
        model.busy.connect(self.show_busy)
        model.failed.connect(self.show_read_error)

    def show_read_error(self, message: str) -> None:
        self.show_error(fill(self.tr("The list could not be read: %1"), message))


def fill_combo(combo: QComboBox, texts: list[str]) -> None:
    """Replace a combo box's texts, keeping the chosen entry and emitting nothing."""
    current = combo.currentIndex()
    # As blocked as before: a caller that blocked the signals itself keeps them blocked.
    was_blocked = combo.blockSignals(True)
    # A filter shows its longest entry whole, in either language (not only the first one's).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.clear()
    combo.addItems(texts)
    combo.setCurrentIndex(min(max(current, 0), len(texts) - 1))
    combo.blockSignals(was_blocked)


def choice_index(choices: Sequence[object], value: object) -> int:
    """Where `value` is among a combo box's choices (0, 'all', when it is none of them)."""
    for number, choice in enumerate(choices):
        if choice == value:
            return number
    return 0


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab walks through the widgets in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def _select_rows(view: QTableView, model: WindowedTableModel[Any, Any], rows: list[int]) -> None:
    """Select these rows again after a refresh, without scrolling the user's view away."""
    selection = view.selectionModel()
    if not rows or selection is None:
        return
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(model.index(rows[0], 0), flags)
    for row in rows[1:]:
        selection.select(model.index(row, 0), flags)


def _scroll_to_first(
    view: QTableView, model: WindowedTableModel[Any, Any], rows: list[int]
) -> None:
    if rows:
        view.scrollTo(model.index(rows[0], 0), QAbstractItemView.ScrollHint.PositionAtCenter)
