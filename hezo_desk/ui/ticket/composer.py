"""Writing to a ticket: a reply to the customer or an internal note, kept as a draft on disk.

The text is saved shortly after each keystroke (see `hezo_desk.drafts`), so it survives closing
the window or a crash; Ctrl+Enter asks to send it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.drafts import DraftStore
from hezo_desk.placeholders import fill
from hezo_desk.services.reply_templates import RenderedTemplate

DRAFT_SAVE_DELAY_MS = 400
# How often a page opened while its ticket's text is being sent (from a page closed meanwhile)
# asks whether that send ended.
SENDING_CHECK_MS = 250
# The frame of the composer while it writes an internal note (readable on light and dark).
NOTE_FRAME = "#f9a825"


class Composer(QWidget):
    """`text`, `kind` ("reply" or "note"), `send_button` and `hint`; emits `send_requested`,
    and `template_requested` for its Template… button (the window's Ctrl+T asks the same)."""

    send_requested = Signal()
    template_requested = Signal()

    def __init__(
        self,
        drafts: DraftStore,
        ticket_id: int,
        show_error: Callable[[object], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._ticket_id = ticket_id
        self._show_error = show_error
        self._closed = False
        # The key of a restored draft's send whose outcome is unknown, until the server says.
        self.unconfirmed_key: str | None = None

        self.text = QPlainTextEdit()
        self.text.setObjectName("composer")
        self.text.setPlaceholderText(
            QCoreApplication.translate(
                "TicketView",
                "Write a reply to the customer or an internal note… (Ctrl+Enter sends)",
            )
        )
        self.kind = QComboBox()
        self.kind.setObjectName("composer_kind")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.addItem(
            QCoreApplication.translate("TicketView", "Reply to the customer"), "reply"
        )
        self.kind.addItem(
            QCoreApplication.translate("TicketView", "Internal note (staff only)"), "note"
        )
        self.send_button = QPushButton(QCoreApplication.translate("TicketView", "Se&nd"))
        self.send_button.setObjectName("send")
        self.send_button.clicked.connect(lambda _checked=False: self.send_requested.emit())
        self.hint = QLabel()
        self.hint.setObjectName("composer_hint")
        self.hint.setWordWrap(True)
        self.template_button = QPushButton(QCoreApplication.translate("TicketView", "Template…"))
        self.template_button.setObjectName("composer_template")
        self.template_button.setToolTip(
            QCoreApplication.translate(
                "TicketView", "Insert a reply template filled in for this ticket (Ctrl+T)"
            )
        )
        self.template_button.clicked.connect(lambda _checked=False: self.template_requested.emit())
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.template_button)
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(bar)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.text.textChanged.connect(self._draft_timer.start)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._sending_timer = QTimer(self)
        self._sending_timer.setInterval(SENDING_CHECK_MS)
        self._sending_timer.timeout.connect(self._check_sending)
        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.text)
        send_shortcut.activated.connect(self.send_requested.emit)
        self._restore_draft()

    @property
    def kind_code(self) -> str:
        """ "reply" or "note"."""
        return str(self.kind.currentData())

    def show_state(self, closed: bool) -> None:
        """A closed ticket takes internal notes only: replying waits until it is reopened."""
        self._closed = closed
        self._kind_changed()

    def focus_reply(self) -> None:
        """Ctrl+R: write a reply; a note already being written stays a note (switch with
        Ctrl+Shift+N or the kind box), so no key turns a note into a customer reply unasked."""
        if not self.text.toPlainText().strip():
            self.kind.setCurrentIndex(self.kind.findData("reply"))
        self.text.setFocus()

    def focus_note(self) -> None:
        """Ctrl+Shift+N: write an internal note (what is typed so far becomes the note)."""
        self.kind.setCurrentIndex(self.kind.findData("note"))
        self.text.setFocus()

    def insert_template(self, rendered: RenderedTemplate) -> None:
        """`rendered` at the caret (over a selection), the caret at its first gap."""
        cursor = self.text.textCursor()
        start = cursor.selectionStart()
        cursor.insertText(rendered.text)
        # Qt counts UTF-16 units: a character outside the BMP (an emoji) counts twice.
        cursor.setPosition(start + _utf16_length(rendered.text[: rendered.caret]))
        self.text.setTextCursor(cursor)
        # Back from the picker: the page's window takes the keyboard again, at the caret.
        self.text.window().activateWindow()
        self.text.setFocus()
        if rendered.empty:
            self.hint.setText(
                fill(
                    QCoreApplication.translate(
                        "TicketView", "This ticket has no value for %1: check the text."
                    ),
                    ", ".join(rendered.empty),
                )
            )

    def _in_flight(self) -> bool:
        return self._drafts.in_flight(self._ticket_id) is not None

    def _kind_changed(self) -> None:
        replying = self.kind_code == "reply"
        # A note looks unmistakably unlike a reply, in either theme: an amber frame and a
        # bold amber word beside the kind.
        self.text.setStyleSheet(
            "" if replying else f"QPlainTextEdit#composer {{ border: 3px solid {NOTE_FRAME}; }}"
        )
        self.hint.setStyleSheet(
            ""
            if replying
            else f"QLabel#composer_hint {{ color: {NOTE_FRAME}; font-weight: bold; }}"
        )
        # While a text of this ticket is being sent (a reload must not offer a second send).
        sending = self._in_flight()
        checking = self.unconfirmed_key is not None
        self.send_button.setEnabled(
            not (self._closed and replying) and not sending and not checking
        )
        self.hint.setText(
            QCoreApplication.translate("TicketView", "Sending…")
            if sending
            else QCoreApplication.translate(
                "TicketView", "Checking whether this text was already sent…"
            )
            if checking
            else QCoreApplication.translate(
                "TicketView",
                "The ticket is closed: reopen it to reply; an internal note is possible.",
            )
            if self._closed and replying
            else QCoreApplication.translate(
                "TicketView", "Internal notes are never shown to the customer or the reseller."
            )
            if not replying
            else ""
        )
        self._draft_timer.start()

    def sent(self, text: str) -> None:
        """`text` went out: clear it (unless the agent typed on meanwhile) and its draft.

        The send already discarded the draft on disk (`DraftStore.sent`); this clears the page.
        """
        if self.text.toPlainText() == text:
            self.text.clear()
            self._drafts.discard(self._ticket_id)
            self._drafts.forget_sent(self._ticket_id)
        self._kind_changed()

    def save_draft(self) -> None:
        self._draft_timer.stop()
        try:
            self._drafts.save(self._ticket_id, self.kind_code, self.text.toPlainText())
        except OSError as error:
            self._show_error(
                fill(
                    QCoreApplication.translate("TicketView", "The draft could not be saved: %1"),
                    error,
                )
            )

    def _restore_draft(self) -> None:
        draft = self._drafts.load(self._ticket_id)
        if draft is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.text.setPlainText(draft.text)
        self._draft_timer.stop()
        if self._drafts.in_flight(self._ticket_id) == draft.text:
            # Sent from a page closed before it heard back: not offered again until it ends.
            self._kind_changed()
            self._draft_timer.stop()
            self._sending_timer.start()
        elif draft.client_key is not None:
            # A send this desk never heard the end of (it was killed?): the text waits,
            # unchanged, until the server says whether that message exists.
            self.unconfirmed_key = draft.client_key
            self.text.setReadOnly(True)
            self._kind_changed()
            self._draft_timer.stop()

    def send_confirmed(self, *, found: bool) -> None:
        """The server's answer about the restored draft's send: `found`, it was sent (the
        draft goes); else the text is a draft again."""
        if self.unconfirmed_key is None:
            return
        self.unconfirmed_key = None
        self.text.setReadOnly(False)
        if found:
            self.text.clear()
            self._drafts.discard(self._ticket_id)
        self._kind_changed()
        self._draft_timer.stop()

    def _check_sending(self) -> None:
        if self._in_flight():
            return
        self._sending_timer.stop()
        acknowledged = self._drafts.acknowledged(self._ticket_id)
        if acknowledged is not None and self.text.toPlainText() == acknowledged:
            self.sent(acknowledged)
        else:
            self._kind_changed()


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
