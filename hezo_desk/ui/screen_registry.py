"""Which screens the desk has, who sees them, and how they are wired to each other.

This is the one place that knows every screen; `MainWindow` only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from hezo_desk.enums import Role
from hezo_desk.ui.access_panel import AccessPanel
from hezo_desk.ui.call_backs import CallBacksScreen
from hezo_desk.ui.call_statistics import CallStatisticsScreen
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dashboard import DashboardScreen
from hezo_desk.ui.import_dialog import ImportDialog
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow, ScreenSpec, TicketTabs
from hezo_desk.ui.migration_reports import MigrationReportsView
from hezo_desk.ui.new_ticket_dialog import NewTicketDialog
from hezo_desk.ui.pdf_batch_export import BatchExportDialog
from hezo_desk.ui.pdf_preview import PdfPreviewDialog
from hezo_desk.ui.registration_wizard import RegistrationWizard
from hezo_desk.ui.resellers_screen import ResellersScreen
from hezo_desk.ui.review_screen import ReviewScreen
from hezo_desk.ui.service_levels_screen import ServiceLevelsScreen
from hezo_desk.ui.tables.agents import AgentsScreen
from hezo_desk.ui.tables.audit import AuditScreen
from hezo_desk.ui.tables.calls import CallsScreen
from hezo_desk.ui.tables.contracts import ContractsScreen
from hezo_desk.ui.tables.serials import SerialsScreen
from hezo_desk.ui.tables.tickets import TicketsScreen
from hezo_desk.ui.templates_screen import TemplatesScreen
from hezo_desk.ui.ticket.view import TicketView

EVERYONE = frozenset(Role)


BACK_OFFICE = frozenset({Role.BACK_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR})
IMPORTERS = frozenset({Role.BACK_OFFICE, Role.ADMINISTRATOR})
SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


def build_screens(context: DeskContext) -> list[ScreenSpec]:
    return [
        ScreenSpec(
            "lookup",
            QCoreApplication.translate("Screens", "Caller lookup"),
            lambda: LookupView(context),
            EVERYONE,
        ),
        ScreenSpec(
            "tickets",
            QCoreApplication.translate("Screens", "Tickets"),
            lambda: TicketsScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "contracts",
            QCoreApplication.translate("Screens", "Contracts"),
            lambda: ContractsScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "serials",
            QCoreApplication.translate("Screens", "Serials"),
            lambda: SerialsScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "resellers",
            QCoreApplication.translate("Screens", "Resellers"),
            lambda: ResellersScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "calls",
            QCoreApplication.translate("Screens", "Calls"),
            lambda: CallsScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "callbacks",
            QCoreApplication.translate("Screens", "Call-backs"),
            lambda: CallBacksScreen(context),
            EVERYONE,
        ),
        ScreenSpec(
            "review",
            QCoreApplication.translate("Screens", "Migration review"),
            lambda: ReviewScreen(context),
            BACK_OFFICE,
        ),
        ScreenSpec(
            "migration_reports",
            QCoreApplication.translate("Screens", "Migration reports"),
            lambda: MigrationReportsView(context),
            BACK_OFFICE,
        ),
        ScreenSpec(
            "audit",
            QCoreApplication.translate("Screens", "Audit log"),
            lambda: AuditScreen(context),
            SUPERVISORS,
        ),
        ScreenSpec(
            "call_statistics",
            QCoreApplication.translate("Screens", "Calls per hour"),
            lambda: CallStatisticsScreen(context),
            SUPERVISORS,
        ),
        ScreenSpec(
            "templates",
            QCoreApplication.translate("Screens", "Reply templates"),
            lambda: TemplatesScreen(context),
            SUPERVISORS,
        ),
        ScreenSpec(
            "service_levels",
            QCoreApplication.translate("Screens", "Service levels"),
            lambda: ServiceLevelsScreen(context),
            SUPERVISORS,
        ),
        ScreenSpec(
            "dashboard",
            QCoreApplication.translate("Screens", "Dashboard"),
            lambda: DashboardScreen(context),
            SUPERVISORS,
        ),
        ScreenSpec(
            "agents",
            QCoreApplication.translate("Screens", "Agents"),
            lambda: AgentsScreen(context),
            ADMINISTRATORS,
        ),
    ]


class _TicketListSequence:
    """'Next ticket' from a ticket opened in the tickets list: the list's next row."""

    def __init__(self, screen: TicketsScreen) -> None:
        self._screen = screen

    def neighbour(self, ticket_id: int, offset: int) -> int | None:
        if self._screen.current_ticket_id() != ticket_id:
            return None
        return self._screen.select_relative(offset)


def ticket_tabs() -> TicketTabs:
    """Tabs every ticket view has besides its dialogue, attachments and history."""
    return TicketTabs(((QCoreApplication.translate("Screens", "R&eseller access"), _access_panel),))


def _access_panel(context: DeskContext, ticket_id: int) -> QWidget:
    return AccessPanel(context, ticket_id)


def ticket_actions() -> list[tuple[str, str, Callable[[TicketView], None]]]:
    """Buttons of every ticket view, also in the Ticket menu with their shortcuts."""
    return [
        (QCoreApplication.translate("Screens", "PDF: preview, export, print…"), "Ctrl+P", open_pdf)
    ]


def open_pdf(view: TicketView) -> None:
    dialog = PdfPreviewDialog(view.context, view.ticket_id, parent=view)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Bound methods, not lambdas: Qt drops such a connection when its receiver is deleted.
    dialog.preview.exported.connect(view.reload)
    dialog.preview.printed.connect(view.reload)
    dialog.show()


def wire_window(window: MainWindow, context: DeskContext) -> None:
    """Connect screens to the window: lookups open tickets, start registrations and tickets."""
    _wire_lists(window, context)
    window.add_action(
        "ticket",
        QCoreApplication.translate("Screens", "Insert a reply template…"),
        "Ctrl+T",
        lambda: _choose_template(window),
        "insert_template",
    )
    lookup = window.screen_widget("lookup")
    if not isinstance(lookup, LookupView):
        return

    def register(customer_id: int, phone: str = "") -> None:
        wizard = RegistrationWizard(context, customer_id or None, parent=window, phone=phone)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.registered.connect(lookup.refresh)
        wizard.show()

    def opened(ticket_id: int) -> None:
        lookup.refresh()
        window.open_ticket(ticket_id)

    def new_ticket(customer_id: int, contract_id: int, service_id: int) -> None:
        dialog = NewTicketDialog(
            context,
            customer_id,
            contract_id=contract_id or None,
            service_id=service_id or None,
            parent=window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(lambda ticket_id, _number: opened(ticket_id))
        dialog.show()

    lookup.register_caller.connect(register)
    lookup.register_number.connect(lambda phone: register(0, phone))
    lookup.new_ticket.connect(new_ticket)
    window.register_requested.connect(
        lambda: register(lookup.overview.customer.id if lookup.overview else 0)
    )

    def new_ticket_from_anywhere() -> None:
        if lookup.overview is None:
            # A ticket needs a caller: look them up first.
            window.show_screen("lookup")
            lookup.explain_no_caller()
            return
        lookup.request_new_ticket()

    window.new_ticket_requested.connect(new_ticket_from_anywhere)


def _choose_template(window: MainWindow) -> None:
    view = window.current_ticket()
    if view is not None:
        view.choose_template()


def _wire_lists(window: MainWindow, context: DeskContext) -> None:
    tickets = window.screen_widget("tickets")
    if isinstance(tickets, TicketsScreen):
        sequence = _TicketListSequence(tickets)
        tickets.ticket_open_requested.connect(
            lambda ticket_id: window.open_ticket(ticket_id, sequence)
        )

        def export_chosen(chosen: list[int]) -> None:
            if not chosen:
                window.show_screen("tickets")
                return
            dialog = BatchExportDialog(context, chosen, parent=window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()

        def export_selected() -> None:
            tickets.read_selected_ticket_ids(export_chosen)

        # In the list's context menu too; the shortcut belongs to the window's action.
        export = QAction(
            QCoreApplication.translate("Screens", "Export selected tickets as PDF…"), tickets.view
        )
        export.triggered.connect(export_selected)
        tickets.view.addAction(export)
        tickets.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        window.add_action(
            "ticket",
            QCoreApplication.translate("Screens", "Export selected tickets as PDF…"),
            "Ctrl+Shift+E",
            export_selected,
            "export_selected",
        )
    if context.actor.role in IMPORTERS:

        def import_legacy() -> None:
            dialog = ImportDialog(context, parent=window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.imported.connect(window.refresh_all)
            dialog.show()

        window.add_action(
            "desk",
            QCoreApplication.translate("Screens", "&Import legacy export…"),
            "Ctrl+I",
            import_legacy,
            "import_legacy",
        )
