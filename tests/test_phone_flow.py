"""The phone flow of the README, driven by exactly its keys (issue 14), in both languages:
the caller reads the tax id → a new ticket for a serial, reseller access no → a reply → later,
the customer allows the reseller: grant access. No mouse, no tabbing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import ContractState, MessageKind
from hezo_desk.models import Contact, Customer, Service, ServiceContract
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.serials import format_notation
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.access_panel import AccessChangeDialog, AccessPanel
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.new_ticket_dialog import NewTicketDialog
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from waiting import WAIT_MS

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier

# The letters after Alt in each language, as the README's table lists them.
ALT_KEYS = {
    "en": {
        "contract": Qt.Key.Key_C,
        "serial": Qt.Key.Key_E,
        "caller": Qt.Key.Key_A,
        "subject": Qt.Key.Key_S,
        "description": Qt.Key.Key_D,
        "no_access": Qt.Key.Key_N,
        "access_tab": Qt.Key.Key_E,
        "grant": Qt.Key.Key_A,
    },
    "pl": {
        "contract": Qt.Key.Key_U,
        "serial": Qt.Key.Key_S,
        "caller": Qt.Key.Key_D,
        "subject": Qt.Key.Key_T,
        "description": Qt.Key.Key_O,
        "no_access": Qt.Key.Key_B,
        "access_tab": Qt.Key.Key_T,
        "grant": Qt.Key.Key_U,
    },
}


@dataclass(frozen=True)
class Caller:
    tax_id: str
    contract_number: str
    notation: str
    service_id: int
    contact_id: int


def _caller(db: Database) -> Caller:
    """A company with several contacts; the last service of one of its active contracts
    (not what the dialog offers first, so choosing it shows)."""
    with db.sessions() as session:
        contacts = (
            select(Contact.customer_id)
            .group_by(Contact.customer_id)
            .having(func.count(Contact.id) > 1)
        )
        service = session.scalars(
            select(Service)
            .join(ServiceContract, Service.contract_id == ServiceContract.id)
            .where(
                ServiceContract.state == ContractState.ACTIVE,
                ServiceContract.customer_id.in_(contacts),
            )
            .order_by(Service.id.desc())
            .limit(1)
        ).one()
        contract = session.get(ServiceContract, service.contract_id)
        assert contract is not None
        customer = session.get(Customer, contract.customer_id)
        assert customer is not None
        contact = session.scalars(
            select(Contact).where(Contact.customer_id == customer.id).order_by(Contact.id.desc())
        ).first()
        assert contact is not None
        return Caller(
            customer.tax_id,
            contract.number,
            format_notation(service.serial, service.notation_index),
            service.id,
            contact.id,
        )


@pytest.fixture(params=["en", "pl"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translations = Translations(qapp)
    assert translations.apply(request.param)
    yield request.param
    translations.apply("en")


@pytest.fixture
def window(qtbot: QtBot, language: str, desk_context: DeskContext, tmp_path: Path) -> MainWindow:
    main = MainWindow(
        desk_context,
        build_screens(desk_context),
        DraftStore(tmp_path / "drafts", desk_context.db.display_url),
        desk_context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(main, desk_context)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main, timeout=WAIT_MS)
    main.activateWindow()
    return main


def _typed_into(qtbot: QtBot, text: str) -> None:
    """Types where the keyboard is (wherever the last key put it); QTest types ASCII only."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """A key where the keyboard is: the focused widget, else the active window."""
    focus = QApplication.focusWidget() or QApplication.activeWindow()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def test_the_phone_flow_of_the_readme_needs_only_its_keys(
    qtbot: QtBot, language: str, window: MainWindow, desk_context: DeskContext
) -> None:
    db, keys = desk_context.db, ALT_KEYS[language]
    caller = _caller(db)
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)

    # 1. Ctrl+L, the tax id as the caller reads it, Enter: the company is shown.
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lookup.query, timeout=WAIT_MS)
    _typed_into(qtbot, caller.tax_id)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)

    # 2. Ctrl+N: the new ticket for that company.
    _key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = window.findChild(NewTicketDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.overview is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.contract, timeout=WAIT_MS)
    # Alt+C: the contract (typing its number chooses it), Alt+E: the serial the same way.
    _key(qtbot, keys["contract"], ALT)
    assert QApplication.focusWidget() is dialog.contract
    _typed_into(qtbot, caller.contract_number)
    _key(qtbot, keys["serial"], ALT)
    assert QApplication.focusWidget() is dialog.serial
    _typed_into(qtbot, caller.notation)
    assert dialog.serial.currentData() == caller.service_id
    # Alt+A: who is calling ("Who is calling? Choose…" first; Down to the caller).
    _key(qtbot, keys["caller"], ALT)
    assert QApplication.focusWidget() is dialog.contact
    assert dialog.contact.currentData() is None
    for _step in range(dialog.contact.findData(caller.contact_id)):
        _key(qtbot, Qt.Key.Key_Down)
    assert dialog.contact.currentData() == caller.contact_id
    _key(qtbot, keys["subject"], ALT)
    _typed_into(qtbot, "Brak synchronizacji")
    _key(qtbot, keys["description"], ALT)
    _typed_into(qtbot, "Urzadzenie nie synchronizuje sie od rana.")
    # Access for the reseller: no (the default; Alt+N says so out loud).
    _key(qtbot, keys["no_access"], ALT)
    assert dialog.no_access.isChecked()
    with qtbot.waitSignal(dialog.opened, timeout=WAIT_MS) as opened:
        _key(qtbot, Qt.Key.Key_Return, CTRL)
    ticket_id = int(opened.args[0])
    # The window manager gives the window the keyboard back when the dialog closes; the
    # offscreen platform does not, so the test does.
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    view = window.current_ticket()
    assert view is not None
    assert view.ticket_id == ticket_id
    detail = TicketService(db).detail(ticket_id)
    assert detail.ticket.service_id == caller.service_id
    assert detail.contact is not None
    assert detail.contact.id == caller.contact_id
    assert not ResellerAccessService(db).ticket_access(ticket_id).granted

    # 3. Ctrl+R, the reply, Ctrl+Enter sends it.
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    _key(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.composer, timeout=WAIT_MS)
    _typed_into(qtbot, "Dzien dobry, sprawdzamy.")
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        _key(qtbot, Qt.Key.Key_Return, CTRL)
    messages = TicketService(db).detail(ticket_id).messages
    assert (messages[-1].kind, messages[-1].body) == (MessageKind.AGENT, "Dzien dobry, sprawdzamy.")

    # 4. Later the customer allows the reseller: Alt+E shows the reseller-access tab,
    # Alt+A asks who asked and how (the caller and the phone are already chosen), Enter grants.
    _key(qtbot, keys["access_tab"], ALT)
    panel = view.findChild(AccessPanel)
    assert panel is not None
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(panel.change_button.isEnabled, timeout=WAIT_MS)
    asked: list[AccessChangeDialog] = []

    def answer() -> None:
        # Runs inside the dialog's own event loop (it is modal): the agent's Enter.
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, AccessChangeDialog)]
        modal = next((w for w in shown if w.isVisible()), None)
        if modal is None:
            QTimer.singleShot(10, answer)
            return
        asked.append(modal)
        if modal.requester.currentData() != caller.contact_id:
            modal.reject()  # fails below: the caller was not chosen already
            return
        qtbot.keyClick(modal.focusWidget() or modal, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    _key(qtbot, keys["grant"], ALT)
    # A mnemonic presses its button the way a click does (shown pressed for a moment).
    qtbot.waitUntil(lambda: len(asked) == 1 and not asked[0].isVisible(), timeout=WAIT_MS)
    assert asked[0].result() == QDialog.DialogCode.Accepted, "the caller was not preselected"
    qtbot.waitUntil(
        lambda: ResellerAccessService(db).ticket_access(ticket_id).granted, timeout=WAIT_MS
    )
