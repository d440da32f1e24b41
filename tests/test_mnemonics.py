"""No two Alt mnemonics of one window clash, in English and in Polish (issue 14).

Every window and dialog the desk opens is built (the main window with each screen of an
administrator and each tab of those screens, and every dialog), and the mnemonics of what is
visible at one time are compared: buttons, labels with a buddy, tabs, group boxes and the menu
bar's titles; each menu's actions among themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import exists, select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import OPEN_TICKET_STATES, Role
from hezo_desk.models import Contact, Ticket
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.records import contact_row
from hezo_desk.services.secrets import SecretStore
from hezo_desk.services.service_levels.store import ServiceLevelStore
from hezo_desk.ui.access_panel import AccessChangeDialog, AccessPanel
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.anonymise import AnonymiseDialog
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.dialogs.wait import WaitDialog
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.import_dialog import ImportDialog
from hezo_desk.ui.main_window import SCREEN_ROLE, MainWindow
from hezo_desk.ui.new_ticket_dialog import NewTicketDialog
from hezo_desk.ui.pdf_batch_export import BatchExportDialog
from hezo_desk.ui.pdf_preview import PdfPreviewDialog
from hezo_desk.ui.registration_wizard import RegistrationWizard
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.service_levels_screen import (
    LevelEditorDialog,
    ServiceLevelDialog,
    ServiceLevelsScreen,
)
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.template_picker import TemplatePicker
from hezo_desk.ui.templates_screen import TemplateEditor
from keyrings import MemoryKeyring
from waiting import WAIT_MS


@pytest.fixture(params=["en", "pl"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translations = Translations(qapp)
    assert translations.apply(request.param)
    yield request.param
    translations.apply("en")


def mnemonic(text: str) -> str:
    """The letter Alt takes to reach `text` ('' for none)."""
    return QKeySequence.mnemonic(text).toString().removeprefix("Alt+").lower()


def _shown_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic the window answers to as it is shown now."""
    found: list[tuple[str, str]] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        texts: list[str] = []
        buddied = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or buddied:
            texts.append(widget.text())  # type: ignore[union-attr]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        found += [(mnemonic(text), text) for text in texts if mnemonic(text)]
    if isinstance(window, QMainWindow):
        found += [
            (mnemonic(action.text()), action.text())
            for action in window.menuBar().actions()
            if action.isVisible() and mnemonic(action.text())
        ]
    return found


def _clashes(found: list[tuple[str, str]], where: str) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for letter, text in found:
        by_letter[letter].append(text)
    return [
        f"{where}: Alt+{letter.upper()} for {texts}"
        for letter, texts in sorted(by_letter.items())
        if len(texts) > 1
    ]


def window_clashes(window: QWidget, where: str) -> list[str]:
    """Clashes of the window as shown, then with each tab of each tab widget in front."""
    clashes = _clashes(_shown_mnemonics(window), where)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        was = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            clashes += _clashes(
                _shown_mnemonics(window), f"{where} / {tabs.tabText(index).replace('&', '')}"
            )
        tabs.setCurrentIndex(was)
    return clashes


def menu_clashes(window: QMainWindow) -> list[str]:
    """Each menu's actions among themselves (the titles go with the window's widgets)."""
    clashes: list[str] = []
    for menu in window.menuBar().findChildren(QMenu):
        actions = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        clashes += _clashes(
            [(mnemonic(a.text()), a.text()) for a in actions if mnemonic(a.text())],
            f"menu {menu.title()}",
        )
    return clashes


def wizard_clashes(wizard: QWizard, where: str) -> list[str]:
    clashes: list[str] = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        # Each page with the wizard's buttons, as the agent sees it.
        for other in wizard.pageIds():
            wizard.page(other).setVisible(other == page_id)
        clashes += window_clashes(wizard, f"{where} page {page.title() or page_id}")
    return clashes


def _open_ticket_and_contact(db: Database) -> tuple[int, int]:
    open_ticket = exists().where(
        Ticket.contact_id == Contact.id, Ticket.state.in_(OPEN_TICKET_STATES)
    )
    with db.sessions() as session:
        contact = session.scalars(select(Contact).where(open_ticket).limit(1)).one()
        ticket_id = session.scalars(
            select(Ticket.id).where(
                Ticket.contact_id == contact.id,
                Ticket.state.in_(OPEN_TICKET_STATES),
                Ticket.contract_id.is_not(None),
            )
        ).first()
    assert ticket_id is not None
    return ticket_id, contact.customer_id


def _contract_of(db: Database, ticket_id: int) -> int:
    with db.sessions() as session:
        contract_id = session.scalar(select(Ticket.contract_id).where(Ticket.id == ticket_id))
    assert contract_id is not None
    return int(contract_id)


def test_no_window_of_the_desk_has_two_widgets_on_one_alt_key(
    qtbot: QtBot,
    language: str,
    desk_context: DeskContext,
    qsettings: object,
    tmp_path: Path,
) -> None:
    db = desk_context.db
    admin = AgentService(db).resolve("admin")
    assert admin.role is Role.ADMINISTRATOR
    context = replace(desk_context, actor=admin)
    clashes: list[str] = []

    window = MainWindow(
        context,
        build_screens(context),
        DraftStore(tmp_path / "drafts", db.display_url),
        db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, context)
    qtbot.addWidget(window)
    window.show()
    screen_keys = [
        window.navigation.item(row).data(SCREEN_ROLE)
        for row in range(window.navigation.count())
        if window.navigation.item(row).data(SCREEN_ROLE)
    ]
    assert len(screen_keys) == 15
    for key in screen_keys:
        window.show_screen(key)
        clashes += window_clashes(window, f"main window / {key}")
    ticket_id, customer_id = _open_ticket_and_contact(db)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    access = view.findChild(AccessPanel)
    assert access is not None
    qtbot.waitUntil(lambda: access.access is not None, timeout=WAIT_MS)
    clashes += window_clashes(window, "main window / ticket")
    clashes += menu_clashes(window)

    pool = QThreadPool.globalInstance()
    settings = DeskSettings(qsettings)  # type: ignore[arg-type]
    secrets = SecretStore(MemoryKeyring())
    with db.sessions() as session:
        contact = session.scalars(
            select(Contact).where(Contact.customer_id == customer_id).limit(1)
        ).one()
        contact_shown = contact_row(contact)
    access = ResellerAccessService(db).ticket_access(ticket_id)
    assert access.reseller_id is not None
    assert access.history
    granted = replace(access.ticket, reseller_access=True)
    levels = ServiceLevelStore(db).levels()
    services = ServiceLevelStore(db).services(contract_id=_contract_of(db, ticket_id))
    dialogs: list[tuple[str, QWidget]] = [
        ("sign-in", SignInDialog(AgentService(db), secrets, settings, db.display_url, pool)),
        ("settings", SettingsDialog(settings, secrets, pool)),
        ("first start", FirstStartDialog(AgentService(db), DemoService(db), pool)),
        ("new ticket", NewTicketDialog(context, customer_id)),
        ("access: grant", AccessChangeDialog(replace(access, history=access.history[:1]))),
        ("access: withdraw", AccessChangeDialog(replace(access, ticket=granted))),
        ("access: the customer's decision", AccessChangeDialog(replace(access, history=[]))),
        ("anonymise", AnonymiseDialog(context, contact_shown)),
        ("pdf preview", PdfPreviewDialog(context, ticket_id)),
        ("pdf export", BatchExportDialog(context, [ticket_id])),
        ("import", ImportDialog(context, render_workers=1)),
        ("wait", WaitDialog(pool)),
        ("reply template", TemplatePicker(context, ticket_id)),
        ("template editor", TemplateEditor(context)),
        ("service level editor", LevelEditorDialog(levels[0])),
        ("service level of a service", ServiceLevelDialog(context, services[0])),
    ]
    # Dialogs that read something first are checked as they are once it is shown (their
    # words may change with it), and none is left reading when the test ends.
    ready = {
        "new ticket": lambda d: d.overview is not None,
        "anonymise": lambda d: d.preview is not None,
        "pdf preview": lambda d: d.preview.current is not None,
        "reply template": lambda d: d.loaded,
        "service level of a service": lambda d: d.loaded,
    }
    for name, dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        if name in ready:
            qtbot.waitUntil(lambda d=dialog, n=name: ready[n](d), timeout=WAIT_MS)
        clashes += window_clashes(dialog, name)
        dialog.hide()
    # The service levels' screen with its recompute button.
    levels_screen = ServiceLevelsScreen(context)
    qtbot.addWidget(levels_screen)
    levels_screen.show()
    clashes += window_clashes(levels_screen, "service levels with recompute")
    wizard = RegistrationWizard(context, customer_id)
    qtbot.addWidget(wizard)
    wizard.show()
    clashes += wizard_clashes(wizard, "registration")
    assert clashes == [], f"{language}:\n" + "\n".join(clashes)
