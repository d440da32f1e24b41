"""From a search field into its results by keyboard (issue 14).

Down in the field, or Enter once the results of what it says are shown, moves the focus to
the results' first row (or the row already chosen there); Enter on a row then opens it
through the view's `activated`. Without this, reaching a result meant blind tabbing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def enter_results(view: QAbstractItemView | None) -> bool:
    """Focus on `view`'s current row, the first one if none is current; False if the view
    shows no rows (the focus stays where it was)."""
    if view is None or not view.isVisible():
        return False
    model = view.model()
    if model is None or model.rowCount() == 0:
        return False
    if not view.currentIndex().isValid():
        view.setCurrentIndex(model.index(0, 0))
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


class ResultsKeys(QObject):
    """Down, or Enter when `shown()` says the results belong to what the field says, takes
    the focus from `field` into `results()`. Enter before that keeps the field's own meaning
    (search now)."""

    def __init__(
        self,
        field: QLineEdit,
        results: Callable[[], QAbstractItemView | None],
        shown: Callable[[], bool],
    ) -> None:
        super().__init__(field)
        self._field = field
        self._results = results
        self._shown = shown
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = event.key()
            if plain and (key == Qt.Key.Key_Down or (key in _ENTER_KEYS and self._shown())):
                return enter_results(self._results())
        return super().eventFilter(watched, event)
