"""A tour of the whole desk: every screen, a ticket page, every dialog and message box, on
demo data.

Shared by `scripts/screenshots` (pictures to look at) and the tests that check what the tour
shows (headers that fit, dialogs that fit the screen). The tour signs in as the demo
administrator, who sees every screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Priority
from hezo_desk.models import Contact, Customer, Ticket
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.records import contact_row
from hezo_desk.services.secrets import SecretStore
from hezo_desk.services.service_levels.store import ServiceLevelStore
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketChange, TicketService
from hezo_desk.ui.access_panel import AccessChangeDialog
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.anonymise import AnonymiseDialog
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.dialogs.wait import WaitDialog
from hezo_desk.ui.import_dialog import ImportDialog
from hezo_desk.ui.labels import Labels
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.new_ticket_dialog import NewTicketDialog
from hezo_desk.ui.pdf_batch_export import BatchExportDialog
from hezo_desk.ui.pdf_preview import PdfPreviewDialog
from hezo_desk.ui.registration_wizard import RegistrationWizard
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.service_levels_screen import LevelEditorDialog, ServiceLevelDialog
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.tables.agents import AddAgentDialog, PasswordDialog, RoleDialog
from hezo_desk.ui.template_picker import TemplatePicker
from hezo_desk.ui.templates_screen import TemplateEditor
from hezo_desk.ui.ticket.conflict import ask_about_conflict

# The screen the issue names: the desk must fit it without scrolling sideways.
WINDOW_SIZE = (1280, 800)
# The smallest common laptop screen: every dialog fits it.
SMALL_SCREEN = (1366, 768)
TOUR_LOGIN = "admin"
# The demo data the tests use too (tests/conftest.py), so pictures and tests agree.
DEMO_TODAY = dt.date(2026, 11, 2)
DEMO_CUSTOMERS, DEMO_TICKETS, DEMO_SEED = 30, 120, 7
# Rounds of "wait for the pools, deliver their answers": a read may start another read.
SETTLE_ROUNDS = 12


def make_demo_database(path: Path) -> Database:
    """A new SQLite database at `path` with the demo data."""
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    DemoService(db).load(
        customers=DEMO_CUSTOMERS, tickets=DEMO_TICKETS, seed=DEMO_SEED, today=DEMO_TODAY
    )
    return db


@dataclass
class Tour:
    """A signed-in desk and its window, ready to show screens and open dialogs."""

    context: DeskContext
    window: MainWindow
    folder: Path

    def settle(self) -> None:
        """Let every background read finish and its answer reach the widgets."""
        for _round in range(SETTLE_ROUNDS):
            self.context.pool.waitForDone(10_000)
            self.context.jobs.waitForDone(10_000)
            QCoreApplication.processEvents()
            # Widgets closed with deleteLater go now, not at some later loop.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def screen_keys(self) -> list[str]:
        """The screens this desk shows, in the navigation's order."""
        role = self.context.actor.role
        return [spec.key for spec in build_screens(self.context) if role in spec.roles]

    def first_ticket_id(self) -> int:
        with self.context.db.sessions() as session:
            return int(session.scalars(select(Ticket.id).order_by(Ticket.id).limit(1)).one())

    def look_up_caller(self) -> QWidget:
        """The lookup screen after the caller read out the tax id of the first ticket's company."""
        with self.context.db.sessions() as session:
            tax_id = session.scalars(
                select(Customer.tax_id)
                .join(Ticket, Ticket.customer_id == Customer.id)
                .order_by(Ticket.id)
                .limit(1)
            ).one()
        lookup = self.window.show_screen("lookup")
        assert isinstance(lookup, LookupView)
        lookup.query.setText(tax_id)
        lookup.run_lookup()
        self.settle()
        return lookup

    def dialogs(self) -> list[tuple[str, Callable[[], QWidget]]]:
        """Every dialog of the desk, each with a way to build it on the demo data."""
        context, window = self.context, self.window
        db = context.db
        ticket_id = self.first_ticket_id()
        with db.sessions() as session:
            contact = session.scalars(select(Contact).order_by(Contact.id).limit(1)).one()
            contact_shown = contact_row(contact)
            customer_id = int(
                session.scalars(select(Customer.id).order_by(Customer.id).limit(1)).one()
            )
        agent_row = next(a for a in AgentService(db).list_agents() if a.login != TOUR_LOGIN)
        access = ResellerAccessService(db).ticket_access(ticket_id)
        levels = ServiceLevelStore(db)
        level = levels.level("NBD")
        service = levels.services()[0]
        secrets = SecretStore()
        pool = QThreadPool.globalInstance()
        return [
            (
                "sign_in",
                lambda: SignInDialog(
                    AgentService(db), secrets, context.settings, db.display_url, pool
                ),
            ),
            ("first_start", lambda: FirstStartDialog(AgentService(db), DemoService(db), pool)),
            ("settings", lambda: SettingsDialog(context.settings, secrets, pool, window)),
            ("registration", lambda: RegistrationWizard(context, None, window)),
            (
                "registration_for_customer",
                lambda: RegistrationWizard(context, customer_id, window),
            ),
            ("new_ticket", lambda: NewTicketDialog(context, customer_id, parent=window)),
            ("access_change", lambda: AccessChangeDialog(access, window)),
            ("anonymise", lambda: AnonymiseDialog(context, contact_shown, window)),
            ("add_agent", lambda: AddAgentDialog(Labels(window), window)),
            ("agent_role", lambda: RoleDialog(agent_row, Labels(window), window)),
            ("agent_password", lambda: PasswordDialog(agent_row, window)),
            ("import", lambda: ImportDialog(context, window)),
            ("batch_export", lambda: BatchExportDialog(context, [ticket_id], window)),
            ("pdf_preview", lambda: PdfPreviewDialog(context, ticket_id, parent=window)),
            ("reply_template", lambda: TemplatePicker(context, ticket_id, window)),
            ("template_editor", lambda: TemplateEditor(context, None, window)),
            ("wait", lambda: WaitDialog(pool, window)),
            ("service_level_new", lambda: LevelEditorDialog(None, window)),
            ("service_level_edit", lambda: LevelEditorDialog(level, window)),
            ("service_level_of_service", lambda: ServiceLevelDialog(context, service, window)),
        ]

    def boxes(self) -> list[tuple[str, Callable[[], object]]]:
        """The message boxes of the desk (F1, About, someone else's change): each opened, and
        waited on, by calling its function; `open_modal` shows one and closes it again. (The
        call outcome's input box is not among them: the demo data has no calls.)"""
        window = self.window
        actions = {action.objectName(): action for action in window.actions()}

        def conflict() -> None:
            error, tried = self._conflict()
            ask_about_conflict(window, Labels(window), error, tried)

        return [
            ("shortcuts", actions["shortcuts"].trigger),
            ("about", actions["about"].trigger),
            ("conflict", conflict),
        ]

    def _conflict(self) -> tuple[TicketConflictError, TicketChange]:
        """Another agent changes the first ticket's priority; ours, on the version before
        theirs, is refused: the refusal, and our change."""
        actor, ticket_id = self.context.actor, self.first_ticket_id()
        service = TicketService(self.context.db)
        before = service.row(ticket_id)
        theirs, ours = [p for p in Priority if p != before.priority][:2]
        service.change(
            actor, ticket_id, TicketChange(priority=theirs), expected_version=before.version
        )
        tried = TicketChange(priority=ours)
        try:
            service.change(actor, ticket_id, tried, expected_version=before.version)
        except TicketConflictError as error:
            return error, tried
        raise AssertionError("a change on an old version was not refused")

    def open_modal(self, open_box: Callable[[], object], look: Callable[[QWidget], None]) -> None:
        """Call `open_box`, which shows a modal box and waits on it; `look` at the box once it
        is shown and settled, then close it."""
        seen: list[QWidget] = []

        def take() -> None:
            box = QApplication.activeModalWidget()
            if box is None:
                QTimer.singleShot(10, take)
                return
            seen.append(box)
            QCoreApplication.processEvents()
            look(box)
            box.close()

        QTimer.singleShot(0, take)
        open_box()
        self.settle()
        assert seen, "no modal box opened"


@contextmanager
def desk_tour(db: Database, folder: Path) -> Iterator[Tour]:
    """The main window of the demo administrator at 1280×800 over `db`; settings in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = DeskSettings(QSettings(str(folder / "hezo-desk.ini"), QSettings.Format.IniFormat))
    pool, jobs = QThreadPool(), QThreadPool()
    jobs.setMaxThreadCount(1)
    (folder / "opened").mkdir(exist_ok=True)
    copies = OpenedCopies(folder / "opened")
    context = DeskContext(
        db=db,
        actor=AgentService(db).resolve(TOUR_LOGIN),
        settings=settings,
        pool=pool,
        jobs=jobs,
        opened_copies=copies,
    )
    window = MainWindow(
        context,
        build_screens(context),
        DraftStore(folder / "drafts", db.display_url),
        db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, context)
    window.resize(*WINDOW_SIZE)
    window.show()
    tour = Tour(context, window, folder)
    try:
        yield tour
    finally:
        window.close()
        tour.settle()
        settings.sync()
        window.deleteLater()
        tour.settle()
        copies.remove_all()
