"""Anonymise a contact (RODO art. 17): what happens, the open tickets, a supervisor's reason.

The dialog reads the contact's tickets in the pool, says what the erasure does and that it
cannot be undone, and runs it among the long jobs. While the person has an open ticket the
erasure is refused; a supervisor may give a reason to override that (other roles are told
to ask one).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.personal_data.erasure import (
    OVERRIDERS,
    ErasureOutcome,
    ErasurePreview,
    ErasureService,
)
from hezo_desk.services.records import ContactRow
from hezo_desk.ui import workers
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.error_wording import error_text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Wrapped labels measure their height at the width they are given: a fixed text width keeps
# the dialog's height right whatever the preview adds.
DIALOG_WIDTH = 560
TEXT_WIDTH = 520


def _fit_height(label: QLabel) -> None:
    label.setMinimumHeight(label.heightForWidth(TEXT_WIDTH))


class AnonymiseDialog(QDialog):
    anonymised = Signal(int)  # the contact's id, once the erasure committed

    def __init__(
        self, context: DeskContext, contact: ContactRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("anonymise_dialog")
        self.context = context
        self.contact = contact
        self.preview: ErasurePreview | None = None
        self.outcome: ErasureOutcome | None = None
        self._service = ErasureService(context.db, drafts=context.drafts_dir)
        self._tasks = workers.TaskSet(context.pool, self)
        self._jobs = workers.TaskSet(context.jobs, self)
        self.may_override = context.actor.role in OVERRIDERS
        self.setWindowTitle(self.tr("Anonymise contact"))
        self.setMinimumWidth(DIALOG_WIDTH)

        self.explanation = QLabel(self)
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setText(
            fill(
                self.tr(
                    "<b>%1</b> (%2) will be anonymised. Their name, e-mail and phone are "
                    "replaced everywhere the desk stores them: the contact, messages and their "
                    "signatures, reseller-access decisions, audit entries, attachments and "
                    "legacy dialogue PDFs, the search index and this computer's drafts. They "
                    "appear as “Anonymised person n” from then on. Tickets, subjects and the "
                    "rest of the dialogue stay."
                ),
                _escape(contact.full_name),
                _escape(contact.email),
            )
        )
        self.final = QLabel(self.tr("This cannot be undone."), self)
        self.final.setStyleSheet("font-weight: bold;")
        self.tickets = QLabel(self.tr("Reading the contact's tickets…"), self)
        self.tickets.setObjectName("tickets")
        self.tickets.setWordWrap(True)
        for label in (self.explanation, self.tickets):
            label.setMinimumWidth(TEXT_WIDTH)
        _fit_height(self.explanation)
        self.reason_label = QLabel(
            self.tr("Reason for erasing despite open tickets (recorded in the audit log):"), self
        )
        self.reason = QLineEdit(self)
        self.reason.setObjectName("override_reason")
        self.reason.textChanged.connect(lambda _text: self._update_button())
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm = QPushButton(self.tr("&Anonymise"), self)
        self.confirm.setObjectName("confirm")
        self.confirm.setEnabled(False)
        self.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.confirm.clicked.connect(self.run)
        for widget in (self.reason_label, self.reason):
            widget.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.final)
        layout.addWidget(self.tickets)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        service, contact_id = self._service, contact.id
        self._tasks.start(
            lambda _c: service.preview(contact_id),
            finished=self._previewed,
            failed=self._failed,
        )

    def _previewed(self, preview: ErasurePreview) -> None:
        self.preview = preview
        if preview.anonymised_number is not None:
            self.tickets.setText(self.tr("This contact is already anonymised."))
        elif preview.open_tickets:
            numbers = ", ".join(preview.open_tickets)
            if self.may_override:
                text = self.tr(
                    "Open tickets: %1. The erasure is refused while a ticket is open, unless "
                    "you give a reason."
                )
            else:
                text = self.tr(
                    "Open tickets: %1. The erasure is refused while a ticket is open; only a "
                    "supervisor may override that, with a reason."
                )
            self.tickets.setText(fill(text, numbers))
            for widget in (self.reason_label, self.reason):
                widget.setVisible(self.may_override)
        else:
            self.tickets.setText(
                self.tr(
                    "%n ticket(s) of this contact stay, anonymised; none is open.",
                    "",
                    preview.tickets,
                )
            )
        _fit_height(self.tickets)
        self._update_button()

    def _update_button(self) -> None:
        preview = self.preview
        ready = preview is not None and preview.anonymised_number is None
        if ready and preview is not None and preview.open_tickets:
            ready = self.may_override and bool(self.reason.text().strip())
        self.confirm.setEnabled(ready and self.outcome is None)

    def run(self) -> None:
        self.confirm.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.error.hide()
        self.tickets.setText(self.tr("Anonymising…"))
        service, actor, contact_id = self._service, self.context.actor, self.contact.id
        reason = self.reason.text().strip() or None
        self._jobs.start(
            lambda _c: service.erase(actor, contact_id, override_reason=reason),
            finished=self._done,
            failed=self._failed,
        )

    def _done(self, outcome: ErasureOutcome) -> None:
        self.outcome = outcome
        self.anonymised.emit(outcome.contact_id)
        self.accept()

    def _failed(self, error: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
        self._update_button()
