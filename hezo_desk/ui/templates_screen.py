"""Reply templates, for supervisors and administrators: list, add, edit, remove.

The editor checks the placeholders as the text is typed (the syntax is pure, no database): an
unknown one is named under the text and Save waits until it is fixed. Saving goes through
`ReplyTemplateService` in the pool; what the service refuses (a name taken in that language,
a template changed meanwhile) is shown in the editor, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.enums import Language
from hezo_desk.errors import InputField, UserError
from hezo_desk.placeholders import fill
from hezo_desk.services.limits import max_length
from hezo_desk.services.reply_templates import (
    ReplyTemplateService,
    TemplateRow,
    known_placeholders,
    matching,
    valid_body,
)
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text
from hezo_desk.ui.short_list_model import Column, RowTableModel, read_only_table
from hezo_desk.ui.template_picker import language_name

ERROR_STYLE = "color: #c62828;"


class TemplateEditor(QDialog):
    """Add (no `template`) or edit one template; emits `saved(row)` and closes once saved."""

    saved = Signal(object)

    def __init__(
        self,
        context: DeskContext,
        template: TemplateRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("template_editor")
        self.context = context
        self.template = template
        self._tasks = workers.TaskSet(context.pool, self)
        self.setWindowTitle(
            self.tr("New reply template") if template is None else self.tr("Edit reply template")
        )
        self.name = QLineEdit(template.name if template else "")
        self.name.setObjectName("template_name")
        self.name.setMaxLength(max_length(InputField.TEMPLATE_NAME))
        self.language = QComboBox()
        self.language.setObjectName("template_language")
        for language in Language:
            self.language.addItem(language_name(language), language.value)
        if template is not None:
            self.language.setCurrentIndex(self.language.findData(template.language.value))
        self.body = QPlainTextEdit(template.body if template else "")
        self.body.setObjectName("template_body")
        self.help = QLabel(
            fill(
                self.tr(
                    "Placeholders: %1. {cursor} marks a gap where the agent goes on typing; "
                    "{{ and }} write a brace."
                ),
                ", ".join(known_placeholders()),
            )
        )
        self.help.setObjectName("template_help")
        self.help.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_template")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Text:"), self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.help)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self.name.textChanged.connect(self.check)
        self.body.textChanged.connect(self.check)
        self.check()

    def check(self) -> bool:
        """Whether the typed template can be saved; if not, why, under the text."""
        problem: str | None = None
        if not self.name.text().strip():
            problem = ""  # nothing to say yet: Save waits for a name
        else:
            try:
                valid_body(self.body.toPlainText())
            except UserError as error:
                problem = error_text(error) if self.body.toPlainText().strip() else ""
        self.save_button.setEnabled(problem is None)
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        return problem is None

    def save(self) -> None:
        if not self.check():
            return
        service = ReplyTemplateService(self.context.db)
        actor, template = self.context.actor, self.template
        name, body = self.name.text(), self.body.toPlainText()
        language = Language(self.language.currentData())
        self.save_button.setEnabled(False)

        def work(_control: workers.TaskControl) -> TemplateRow:
            if template is None:
                return service.add(actor, name, language, body)
            return service.edit(
                actor,
                template.id,
                name=name,
                language=language,
                body=body,
                expected_version=template.version,
            )

        self._tasks.start(work, finished=self._saved, failed=self._failed)

    def _saved(self, row: TemplateRow) -> None:
        self.saved.emit(row)
        self.accept()

    def _failed(self, error: object) -> None:
        self.error.setText(error_text(error))
        self.error.show()
        self.save_button.setEnabled(True)


class TemplatesScreen(QWidget):
    """The templates with their text; Add, Edit (Enter or double click), Remove."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks = workers.TaskSet(context.pool, self)
        self._all: list[TemplateRow] = []
        self.loaded = False
        # What the last change said (saved, removed, refused), kept over the reload it causes.
        self._note = ""
        # The editor last opened here (tests drive it); asking before a removal, replaceable.
        self.editor: TemplateEditor | None = None
        self.confirm_removal: Callable[[TemplateRow], bool] = self._ask_removal

        self.filter = QLineEdit()
        self.filter.setObjectName("templates_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by name or text"))
        self.filter.textChanged.connect(self._apply_filter)
        self.model: RowTableModel[TemplateRow] = RowTableModel(
            [
                Column(self.tr("Template"), lambda row: row.name, bold=lambda _row: True),
                Column(self.tr("Language"), lambda row: language_name(row.language)),
                Column(self.tr("Changed"), lambda row: row.updated_at),
                Column(self.tr("By"), lambda row: row.updated_by or ""),
            ],
            self,
        )
        self.table = read_only_table(self.model, "templates")
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("template_text")
        self.preview.setReadOnly(True)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setObjectName("add_template")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setObjectName("edit_template")
        self.edit_button.clicked.connect(self.edit)
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.remove_button.setObjectName("remove_template")
        self.remove_button.clicked.connect(self.remove)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("templates_status")
        self.status.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        for button in (self.add_button, self.edit_button, self.remove_button, self.refresh_button):
            bar.addWidget(button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self._chosen_changed()
        self.refresh()

    # ----- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        service = ReplyTemplateService(self.context.db)
        self._run(lambda _c: service.templates(), self._loaded)

    def _loaded(self, rows: list[TemplateRow]) -> None:
        self._all = rows
        self.loaded = True
        self._apply_filter()

    def _apply_filter(self) -> None:
        chosen = self.chosen()
        rows = matching(self._all, self.filter.text())
        self.model.set_rows(rows)
        again = next(
            (i for i, row in enumerate(rows) if chosen and row.id == chosen.id), 0 if rows else -1
        )
        if again >= 0:
            self.table.selectRow(again)
        self.status.setText(
            self._note
            if self._note or rows
            else self.tr("No template matches.")
            if self._all
            else self.tr("No reply templates yet: Add writes the first.")
        )
        self.status.setVisible(bool(self.status.text()))
        self._chosen_changed()

    def chosen(self) -> TemplateRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_template(self, name: str) -> None:
        for position, row in enumerate(self.model.rows):
            if row.name == name:
                self.table.selectRow(position)
                return

    def _current_changed(self, _current: QModelIndex) -> None:
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        row = self.chosen()
        self.preview.setPlainText(row.body if row else "")
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)

    def _activated(self, _index: QModelIndex) -> None:
        self.edit()

    # ----- changing --------------------------------------------------------------------------

    def add(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        row = self.chosen()
        if row is not None:
            self._open_editor(row)

    def _open_editor(self, row: TemplateRow | None) -> None:
        self._note = ""
        editor = TemplateEditor(self.context, row, parent=self)
        editor.saved.connect(self._saved)
        self.editor = editor
        editor.open()

    def _saved(self, row: TemplateRow) -> None:
        self._note = fill(self.tr("Saved: %1"), row.name)
        self._all = [r for r in self._all if r.id != row.id] + [row]
        self._apply_filter()
        self.select_template(row.name)
        self.refresh()

    def remove(self) -> None:
        row = self.chosen()
        if row is None or not self.confirm_removal(row):
            return
        self._note = ""
        service, actor = ReplyTemplateService(self.context.db), self.context.actor
        self._run(
            lambda _c: service.remove(actor, row.id, expected_version=row.version),
            lambda _none: self._removed(row),
        )

    def _removed(self, row: TemplateRow) -> None:
        self._note = fill(self.tr("Removed: %1"), row.name)
        self.refresh()

    def _ask_removal(self, row: TemplateRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the template"),
            fill(
                self.tr("Remove the template %1 (%2)? Agents can no longer insert it."),
                row.name,
                language_name(row.language),
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    # ----- plumbing --------------------------------------------------------------------------

    def _run(self, work: Callable[[workers.TaskControl], Any], then: Callable[[Any], None]) -> None:
        self._tasks.start(work, finished=then, failed=self._show_error)

    def _show_error(self, error: object) -> None:
        self._note = error_text(error)
        self.refresh()
