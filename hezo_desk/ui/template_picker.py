"""Choosing a reply template for the ticket being answered (Ctrl+T in a ticket).

Type to filter (name or text, Polish letters optional), Down to the list, Enter to insert the
current template (the first match while the filter has the focus), Esc to cancel. Templates in
the ticket's language come first. The dialog only chooses: the ticket view fills the template
in for its ticket (`ReplyTemplateService.render`, audited) and the composer inserts it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Language
from hezo_desk.services.reply_templates import ReplyTemplateService, TemplateRow, matching
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.search_keys import enter_results
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table


def language_name(language: Language) -> str:
    """A template's language in words."""
    return (
        QCoreApplication.translate("ReplyTemplates", "Polish")
        if language is Language.POLISH
        else QCoreApplication.translate("ReplyTemplates", "English")
    )


class TemplatePicker(QDialog):
    """Emits `chosen(template_id)` and closes when the agent picks a template."""

    chosen = Signal(int)

    def __init__(self, context: DeskContext, ticket_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("template_picker")
        self.setWindowTitle(self.tr("Insert a reply template"))
        self.context = context
        self._tasks = workers.TaskSet(context.pool, self)
        self._all: list[TemplateRow] = []
        self.ticket_language: Language | None = None
        self.loaded = False
        self._picked = False

        self.filter = QLineEdit()
        self.filter.setObjectName("template_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(
            self.tr("Type to filter by name or text; Down: the list, Enter: insert")
        )
        label = QLabel(self.tr("&Filter:"))
        label.setBuddy(self.filter)
        self.model: RowTableModel[TemplateRow] = RowTableModel(
            [
                Column(self.tr("Template"), lambda row: row.name, bold=lambda _row: True),
                Column(self.tr("Language"), lambda row: language_name(row.language)),
            ],
            self,
        )
        self.table = read_only_table(self.model, "template_list")
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("template_preview")
        self.preview.setReadOnly(True)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setObjectName("template_status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.insert_button = QPushButton(self.tr("&Insert"))
        self.insert_button.setObjectName("insert_template")
        self.insert_button.setDefault(True)
        self.insert_button.setEnabled(False)
        buttons.addButton(self.insert_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        filter_row = QHBoxLayout()
        filter_row.addWidget(label)
        filter_row.addWidget(self.filter, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setSizes([340, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.filter.installEventFilter(self)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.setFocus()

        service = ReplyTemplateService(context.db)
        self._tasks.start(
            lambda _c: (service.templates(), service.ticket_language(ticket_id)),
            finished=self._loaded,
            failed=self._failed,
        )

    def _loaded(self, loaded: tuple[list[TemplateRow], Language]) -> None:
        self._all, self.ticket_language = loaded
        self.loaded = True
        self._apply_filter()

    def _failed(self, error: object) -> None:
        self.status.setText(error_text(error))
        self.status.setStyleSheet("color: #c62828;")

    def _apply_filter(self) -> None:
        if not self.loaded:
            return
        rows = matching(self._all, self.filter.text(), self.ticket_language)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.status.setText("")
        else:
            self.preview.clear()
            self.status.setText(
                self.tr("No template matches.")
                if self._all
                else self.tr("There are no reply templates yet: supervisors add them.")
            )
        self.insert_button.setEnabled(bool(rows))

    def _current_changed(self, current: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.preview.setPlainText(row.body if row else "")

    def _activated(self, _index: QModelIndex) -> None:
        self.accept()

    def current(self) -> TemplateRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row() if index.isValid() else 0)

    def accept(self) -> None:
        """Enter, double click or Insert: the current template (the first match if none)."""
        row = self.current()
        if row is None or self._picked:
            return
        self._picked = True
        self.chosen.emit(row.id)
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and not event.modifiers():
                return enter_results(self.table)
        return super().eventFilter(watched, event)
