"""The ticket's tabs: the whole dialogue, its attachments (open, save, add) and its history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.db import Database
from hezo_desk.services.audit import AuditRow
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.records import MessageRow
from hezo_desk.services.ticket_loading import AttachmentRow
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui import workers
from hezo_desk.ui.dialogue_html import DialogueLabels, dialogue_html
from hezo_desk.ui.error_wording import audit_entry_text
from hezo_desk.ui.header_fit import HeaderFitter
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import Column, RowTableModel
from hezo_desk.ui.theme import dialogue_colours

# Runs `work` in the background and hands its result to `then` (failures are shown by the view).
Runner = Callable[[Callable[[workers.TaskControl], Any], Callable[[Any], None]], None]


class DialogueBrowser(QTextBrowser):
    """Every message of the ticket; a new reading keeps the place the agent was reading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialogue")
        self.setOpenLinks(False)

    def show_messages(self, messages: Sequence[MessageRow]) -> None:
        scroll = self.verticalScrollBar()
        at_end = scroll.value() >= scroll.maximum() - 4
        position = scroll.value()
        self.setHtml(
            dialogue_html(
                messages,
                dialogue_colours(),
                DialogueLabels(
                    customer=QCoreApplication.translate("TicketView", "customer"),
                    agent=QCoreApplication.translate("TicketView", "agent"),
                    internal_note=QCoreApplication.translate("TicketView", "internal note"),
                    internal_warning=QCoreApplication.translate(
                        "TicketView", "INTERNAL NOTE — never shown to the customer or reseller"
                    ),
                    empty=QCoreApplication.translate("TicketView", "No messages yet."),
                ),
            )
        )
        scroll.setValue(scroll.maximum() if at_end else position)


class AttachmentsPane(QWidget):
    """The attachments table with Open, Save as… and Add file…; `add_requested(Path)` for adding.

    Opening and saving read the file's bytes through `run`; a file that cannot be written is
    reported through `show_error`. An opened file is a copy in `copies`, removed when the desk
    exits (the system's viewer does not say when it is closed).
    """

    add_requested = Signal(object)  # Path

    def __init__(
        self,
        db: Database,
        labels: Labels,
        run: Runner,
        show_error: Callable[[object], None],
        copies: OpenedCopies,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._copies = copies
        self._run = run
        self._show_error = show_error
        self.model: RowTableModel[AttachmentRow] = RowTableModel(
            [
                Column(QCoreApplication.translate("TicketView", "Name"), lambda a: a.file_name),
                Column(
                    QCoreApplication.translate("TicketView", "Size"),
                    lambda a: QLocale().formattedDataSize(a.size),
                ),
                Column(QCoreApplication.translate("TicketView", "Type"), lambda a: a.content_type),
                Column(
                    QCoreApplication.translate("TicketView", "Kind"),
                    lambda a: labels.attachment_kind(a.kind),
                ),
                Column(QCoreApplication.translate("TicketView", "Added"), lambda a: a.created_at),
                Column(
                    QCoreApplication.translate("TicketView", "SHA-256"),
                    lambda a: a.sha256[:16] + "…",
                ),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("attachments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        HeaderFitter(self.table.horizontalHeader())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        open_button = QPushButton(QCoreApplication.translate("TicketView", "&Open"))
        open_button.clicked.connect(self.open_selected)
        save_button = QPushButton(QCoreApplication.translate("TicketView", "Save &as…"))
        save_button.clicked.connect(self.save_selected)
        add_button = QPushButton(QCoreApplication.translate("TicketView", "Add &file…"))
        add_button.setObjectName("add_attachment")
        add_button.clicked.connect(self._choose_file_to_add)
        buttons = QHBoxLayout()
        for button in (open_button, save_button, add_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def selected(self) -> AttachmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _fetch_selected(self, then: Callable[[AttachmentRow, bytes], None]) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        db = self._db
        self._run(
            lambda _c: TicketService(db).attachment_data(chosen.id), lambda result: then(*result)
        )

    def open_selected(self) -> None:
        def opened(row: AttachmentRow, data: bytes) -> None:
            try:
                path = self._copies.write(row.id, row.file_name, data)
            except OSError as error:
                self._show_error(str(error))
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self._fetch_selected(opened)

    def save_selected(self) -> None:
        def save(row: AttachmentRow, data: bytes) -> None:
            target, _filter = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("TicketView", "Save attachment"), row.file_name
            )
            if target:
                try:
                    Path(target).write_bytes(data)
                except OSError as error:
                    self._show_error(str(error))

        self._fetch_selected(save)

    def _choose_file_to_add(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("TicketView", "Attach a file")
        )
        if path:
            self.add_requested.emit(Path(path))


def history_table(parent: QWidget) -> tuple[RowTableModel[AuditRow], QTableView]:
    """The ticket's audit entries, newest as the service orders them."""
    model: RowTableModel[AuditRow] = RowTableModel(
        [
            Column(QCoreApplication.translate("TicketView", "When"), lambda r: r.recorded_at),
            Column(
                QCoreApplication.translate("TicketView", "Agent"),
                lambda r: r.agent_name or QCoreApplication.translate("TicketView", "system"),
            ),
            Column(QCoreApplication.translate("TicketView", "What"), audit_entry_text),
        ],
        parent,
    )
    view = QTableView()
    view.setObjectName("history")
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    HeaderFitter(view.horizontalHeader())
    return model, view
