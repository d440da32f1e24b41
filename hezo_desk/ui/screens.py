"""Which screens the desk has, who sees them, and how they are wired to each other.

This is the one place that knows every screen; `MainWindow` only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from hezo_desk.models import Role
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow, ScreenSpec, TicketTabs
from hezo_desk.ui.ticket_view import TicketView

EVERYONE = frozenset(Role)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Screens", text)


def build_screens(context: DeskContext) -> list[ScreenSpec]:
    return [
        ScreenSpec("lookup", _tr("Caller lookup"), lambda: LookupView(context), EVERYONE),
    ]


def ticket_tabs() -> TicketTabs:
    return TicketTabs(())


def ticket_actions() -> list[tuple[str, str, Callable[[TicketView], None]]]:
    return []


def wire_window(window: MainWindow, context: DeskContext) -> None:
    """Connect screens to the window: lookups open tickets, start registrations and tickets."""
    lookup = window.screen_widget("lookup")
    if isinstance(lookup, LookupView):
        window.register_requested.connect(
            lambda: lookup.register_caller.emit(
                lookup.overview.customer.id if lookup.overview else 0
            )
        )
        window.new_ticket_requested.connect(lookup.request_new_ticket)
