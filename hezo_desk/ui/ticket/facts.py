"""The head of a ticket: its title, who else has it open, and its facts in two columns."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from hezo_desk.placeholders import fill
from hezo_desk.services.tickets import TicketDetail
from hezo_desk.ui.error_wording import review_flag_text
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.short_list_model import display


class TicketFacts(QWidget):
    """`title`, `viewers` and one `fact_<key>` label per fact, filled by `show_ticket`."""

    def __init__(self, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self.title = QLabel(QCoreApplication.translate("TicketView", "Loading…"))
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.viewers = QLabel()
        self.viewers.setObjectName("viewers")
        self.viewers.setStyleSheet("color: #e65100;")
        self.viewers.hide()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self._values: dict[str, QLabel] = {}
        captions = [
            ("customer", QCoreApplication.translate("TicketView", "Customer")),
            ("contact", QCoreApplication.translate("TicketView", "Contact")),
            ("contract", QCoreApplication.translate("TicketView", "Contract")),
            ("serial", QCoreApplication.translate("TicketView", "Serial")),
            ("channel", QCoreApplication.translate("TicketView", "Channel")),
            ("reseller_access", QCoreApplication.translate("TicketView", "Reseller access")),
            ("legacy", QCoreApplication.translate("TicketView", "Legacy number")),
            ("opened", QCoreApplication.translate("TicketView", "Opened")),
            ("updated", QCoreApplication.translate("TicketView", "Last change")),
            ("review", QCoreApplication.translate("TicketView", "Migration review")),
        ]
        for position, (key, caption) in enumerate(captions):
            self._add_fact(position, key, caption)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.viewers)
        layout.addLayout(self.grid)

    def _add_fact(self, position: int, key: str, caption: str) -> None:
        value = QLabel()
        value.setObjectName(f"fact_{key}")
        value.setWordWrap(True)
        value.setTextInteractionFlags(
            value.textInteractionFlags() | value.textInteractionFlags().TextSelectableByMouse
        )
        self._values[key] = value
        row, column = divmod(position, 2)
        caption_label = QLabel(caption + ":")
        caption_label.setStyleSheet("color: gray;")
        self.grid.addWidget(caption_label, row, column * 2)
        self.grid.addWidget(value, row, column * 2 + 1)

    def show_ticket(self, detail: TicketDetail) -> None:
        ticket = detail.ticket
        self.title.setText(f"{ticket.number} — {ticket.subject}")
        yes = QCoreApplication.translate("TicketView", "yes")
        no = QCoreApplication.translate("TicketView", "no")
        not_linked = QCoreApplication.translate("TicketView", "not linked")
        facts = {
            "customer": f"{ticket.customer_name} ({ticket.tax_id})",
            "contact": detail.contact.full_name + f" <{detail.contact.email}>"
            if detail.contact
            else "—",
            "contract": ticket.contract_number or not_linked,
            "serial": ticket.notation or not_linked,
            "channel": self._labels.channel(ticket.channel),
            "reseller_access": (yes if ticket.reseller_access else no)
            + (f" ({ticket.reseller_name})" if ticket.reseller_name else ""),
            "legacy": ticket.legacy_number or "—",
            "opened": display(ticket.opened_at),
            "updated": display(ticket.updated_at),
            "review": _review_text(ticket.migrated, ticket.reviewed, ticket.review_flags),
        }
        for key, text in facts.items():
            self._values[key].setText(text)

    def show_viewers(self, names: list[str]) -> None:
        """Who else has the ticket open (hidden when nobody)."""
        self.viewers.setText(
            fill(QCoreApplication.translate("TicketView", "Also open by: %1"), ", ".join(names))
        )
        self.viewers.setVisible(bool(names))


def _review_text(migrated: bool, reviewed: bool, flags: tuple[str, ...]) -> str:
    if not migrated:
        return "—"
    text = (
        QCoreApplication.translate("TicketView", "reviewed")
        if reviewed
        else QCoreApplication.translate("TicketView", "not yet reviewed")
    )
    return text + (" — " + "; ".join(review_flag_text(flag) for flag in flags) if flags else "")
