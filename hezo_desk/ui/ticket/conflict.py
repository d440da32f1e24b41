"""When someone else changed the ticket first: what they changed, and the agent's choice.

The agent either applies their own change on top of the other one or keeps it as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from hezo_desk.placeholders import fill
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketChange
from hezo_desk.ui.error_wording import coded_words
from hezo_desk.ui.labels import Labels


def ask_about_conflict(
    parent: QWidget, labels: Labels, error: TicketConflictError, change: TicketChange
) -> bool:
    """Show what the other agent changed; True to apply our change on top of theirs."""
    current = error.current
    unassigned = QCoreApplication.translate("TicketView", "(unassigned)")
    theirs = "\n".join(
        f"• {coded_words(line)}" for line in error.changes
    ) or QCoreApplication.translate("TicketView", "(details)")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("TicketView", "Changed by someone else"))
    box.setText(
        fill(
            QCoreApplication.translate(
                "TicketView",
                "%1 was changed by someone else while you were looking at it. Your change was "
                "not saved.",
            ),
            current.number,
        )
    )
    box.setInformativeText(
        QCoreApplication.translate("TicketView", "Latest changes:")
        + "\n"
        + theirs
        + "\n\n"
        + fill(
            QCoreApplication.translate("TicketView", "Now: state %1, priority %2, assignee %3."),
            labels.state(current.state),
            labels.priority(current.priority),
            current.assignee_name or unassigned,
        )
        + "\n"
        + fill(
            QCoreApplication.translate("TicketView", "Your change: %1"),
            describe_change(labels, change),
        )
    )
    reapply = box.addButton(
        QCoreApplication.translate("TicketView", "&Apply my change on top"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("TicketView", "&Keep theirs"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(reapply)
    box.exec()
    return box.clickedButton() is reapply


def describe_change(labels: Labels, change: TicketChange) -> str:
    """The agent's change in a few words: "state → closed, assignee → anna.nowak"."""
    parts = []
    if change.state is not None:
        parts.append(
            fill(QCoreApplication.translate("TicketView", "state → %1"), labels.state(change.state))
        )
    if change.priority is not None:
        parts.append(
            fill(
                QCoreApplication.translate("TicketView", "priority → %1"),
                labels.priority(change.priority),
            )
        )
    if change.assignee_login is not None:
        parts.append(
            fill(
                QCoreApplication.translate("TicketView", "assignee → %1"),
                change.assignee_login or QCoreApplication.translate("TicketView", "(unassigned)"),
            )
        )
    return ", ".join(parts)
