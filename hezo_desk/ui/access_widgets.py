"""Pieces the reseller-access screens share: the "what the reseller sees" preview, a read-only
table, and the colours of an error, a success and a muted note.

The preview shows exactly a `ResellerTicketView` (the access rule's output) and nothing else:
when the rule gives nothing, it says so and shows no part of the ticket.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hezo_desk.placeholders import fill
from hezo_desk.services.reseller_rule import ResellerTicketView
from hezo_desk.ui.dialogue_html import DialogueLabels, dialogue_html
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import display
from hezo_desk.ui.theme import dialogue_colours

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"
MUTED_STYLE = "color: gray;"


class ResellerPreview(QWidget):
    """What a reseller sees of one ticket: the rule's view, or a plain 'nothing'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = Labels(self)
        self.heading = QLabel()
        self.heading.setObjectName("preview_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.browser = QTextBrowser()
        self.browser.setObjectName("preview")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        self.clear()

    def clear(self) -> None:
        self.heading.setText(self.tr("What the reseller sees"))
        self.browser.setHtml(
            # Outside the f-string: lupdate does not see a tr() inside one.
            "<p style='color:gray'>" + html.escape(self.tr("Choose a ticket to preview.")) + "</p>"
        )

    def show_nothing(self, reseller_name: str | None, reason: str) -> None:
        who = reseller_name or self.tr("A reseller")
        self.heading.setText(fill(self.tr("What %1 sees"), who))
        self.browser.setHtml(
            "<h2>"
            + html.escape(self.tr("Nothing."))
            + "</h2><p>"
            + html.escape(fill(self.tr("%1 sees no part of this ticket: %2"), who, reason))
            + "</p>"
        )

    def show_view(self, view: ResellerTicketView) -> None:
        self.heading.setText(fill(self.tr("What %1 sees"), view.reseller_name))
        facts = [
            (self.tr("Ticket"), view.number),
            (self.tr("Subject"), view.subject),
            (self.tr("State"), self._labels.state(view.state)),
            (self.tr("Customer"), view.customer_name),
            (self.tr("Opened"), display(view.opened_at)),
            (self.tr("Last change"), display(view.updated_at)),
        ]
        rows = "".join(
            f"<tr><td style='color:gray'>{html.escape(caption)}:</td>"
            f"<td>{html.escape(value)}</td></tr>"
            for caption, value in facts
        )
        files = (
            "<ul>"
            + "".join(f"<li>{html.escape(a.file_name)} ({a.size} B)</li>" for a in view.attachments)
            + "</ul>"
            if view.attachments
            else "<p style='color:gray'>" + html.escape(self.tr("No attachments.")) + "</p>"
        )
        dialogue = dialogue_html(
            view.messages,
            dialogue_colours(),
            DialogueLabels(
                customer=self.tr("customer"),
                agent=self.tr("agent"),
                internal_note=self.tr("internal note"),
                internal_warning=self.tr("INTERNAL NOTE"),
                empty=self.tr("No messages yet."),
            ),
        )
        messages, attachments = self.tr("Messages"), self.tr("Attachments")
        self.browser.setHtml(
            f"<table cellpadding='2'>{rows}</table>"
            f"<h3>{html.escape(messages)}</h3>{dialogue}"
            f"<h3>{html.escape(attachments)}</h3>{files}"
        )

    def plain_text(self) -> str:
        return self.heading.text() + "\n" + self.browser.toPlainText()
