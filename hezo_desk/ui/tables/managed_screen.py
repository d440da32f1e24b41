"""A screen that manages a short list some roles may change (agents, service levels).

The shape both share: a refusal shown to the other roles, a row of actions over one table, the
rows read in the background, Enter on a row opening it, the actions enabled by the selection.
Each screen builds its widgets and says what its rows are (`load`) and what Enter does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.short_list_model import RowTableModel
from hezo_desk.ui.tables.list_screen import ListScreen, chain_tab_order
from hezo_desk.ui.workers import TaskControl


class ManagedListScreen(ListScreen):
    def __init__(
        self, context: DeskContext, name: str, *, allowed: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, name, parent)
        self.allowed = allowed
        self.refused = QLabel(self)
        self.refused.setObjectName("refused")
        self.view = QTableView(self)

    def finish(
        self,
        model: RowTableModel[Any],
        widths: list[int],
        actions: Sequence[QPushButton],
        *,
        opened: Callable[[], None],
        also_hidden: Sequence[QWidget] = (),
    ) -> None:
        """After the screen's own widgets are laid out: words, then either the refusal or the
        table with its actions (tab order, Enter, enabled by the selection) and its rows."""
        self.retranslate()
        if not self.allowed:
            for widget in (self.view, self.status, *actions, *also_hidden):
                widget.hide()
            return
        self.refused.hide()
        self.setup_table(self.view, model, "list", widths)
        chain_tab_order(self.view, *actions)
        # Bound methods, not lambdas: Qt drops such a connection with this screen.
        self.view.activated.connect(opened)
        self.view.selectionModel().currentRowChanged.connect(self.update_actions)
        self.update_actions()
        self.refresh()

    # ----- what each screen says -----------------------------------------------------------

    def load(self) -> Callable[[TaskControl], list[Any]]:
        """The work (run in the pool) that reads the rows."""
        raise NotImplementedError

    def loaded(self, rows: list[Any]) -> None:
        raise NotImplementedError

    def update_actions(self) -> None:
        raise NotImplementedError

    # ----- shared --------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.allowed:
            self.view.setFocus()

    def refresh(self) -> None:
        if self.allowed:
            self.tasks.start(self.load(), finished=self.loaded, failed=self.failed)

    def failed(self, error: object) -> None:
        self.show_error(error_text(error))
        self.update_actions()
