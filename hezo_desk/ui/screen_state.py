"""What the agent set on a screen, kept while the window is built again (language, theme).

A screen that has more to keep than its fields (a list's selection, the caller shown) offers
`save_state() -> object` and `restore_state(state)`; `field_values` and `restore_field_values`
are the part every screen shares: what is typed, chosen, ticked and which tab is shown. A
value is found again by where its widget sits in the screen, so it is only read back into a
screen built the same way (the same class, a moment later).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)


def _fields(root: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Each field of `root` under a key made of its place among its parents."""
    seen: dict[str, int] = {}
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo box or a date field
        names = []
        walker: QWidget | None = widget
        while walker is not None and walker is not root:
            names.append(walker.objectName() or type(walker).__name__)
            walker = walker.parentWidget()
        path = "/".join(reversed(names))
        seen[path] = seen.get(path, 0) + 1
        yield f"{path}#{seen[path]}", widget


def field_values(root: QWidget) -> dict[str, object]:
    """What is typed, chosen, ticked and which tab is shown in `root`."""
    values: dict[str, object] = {}
    for key, widget in _fields(root):
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            values[key] = widget.text()
        elif isinstance(widget, QComboBox):
            values[key] = (widget.currentIndex(), widget.currentText())
        elif isinstance(widget, QCheckBox | QRadioButton):
            values[key] = widget.isChecked()
        elif isinstance(widget, QDateTimeEdit):
            values[key] = widget.dateTime()
        elif isinstance(widget, QSpinBox):
            values[key] = widget.value()
        elif isinstance(widget, QTabWidget):
            values[key] = widget.currentIndex()
    return values


def restore_field_values(
    root: QWidget, values: Mapping[str, object], *, quietly: bool = True
) -> None:
    """Put `values` back into a screen built like the one they came from. `quietly`: no field
    tells the screen it changed (the screen applies what they mean itself); else each field
    does, as if the agent had set it."""
    for key, widget in _fields(root):
        if key not in values:
            continue
        value = values[key]
        was_blocked = widget.blockSignals(quietly) if quietly else widget.signalsBlocked()
        try:
            if isinstance(widget, QLineEdit) and isinstance(value, str):
                widget.setText(value)
            elif isinstance(widget, QComboBox) and isinstance(value, tuple):
                index, text = value
                widget.setCurrentIndex(index if index < widget.count() else 0)
                if widget.isEditable():
                    widget.setEditText(text)
            elif isinstance(widget, QCheckBox | QRadioButton) and isinstance(value, bool):
                widget.setChecked(value)
            elif isinstance(widget, QDateTimeEdit):
                widget.setDateTime(value)  # type: ignore[arg-type]
            elif isinstance(widget, QSpinBox) and isinstance(value, int):
                widget.setValue(value)
            elif isinstance(widget, QTabWidget) and isinstance(value, int):
                widget.setCurrentIndex(value)
        finally:
            widget.blockSignals(was_blocked)
