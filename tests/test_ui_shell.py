"""The desk's shell: sign-in, first start, settings, main window, lookup and ticket view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import MessageKind, Priority, TicketState
from hezo_desk.models import Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DemoService
from hezo_desk.services.secrets import SecretStore, agent_key, database_key
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketChange, TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.first_start import FirstStartDialog
from hezo_desk.ui.dialogs.settings_dialog import SettingsDialog
from hezo_desk.ui.dialogs.sign_in import SignInDialog
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.settings import DeskSettings
from hezo_desk.ui.ticket.view import TicketView
from keyrings import HeadlessKeyring, MemoryKeyring
from pictures import save_picture
from waiting import SLOW_WAIT_MS, WAIT_MS


def _sign_in_dialog(db: Database, settings: QSettings, store: SecretStore) -> SignInDialog:
    return SignInDialog(
        AgentService(db),
        store,
        DeskSettings(settings),
        db.display_url,
        QThreadPool.globalInstance(),
    )


@pytest.mark.parametrize("where", ["password", "settings_button"])
def test_enter_signs_in_wherever_the_focus_is(
    qtbot: QtBot, demo_db: Database, qsettings: QSettings, where: str
) -> None:
    dialog = _sign_in_dialog(demo_db, qsettings, SecretStore(MemoryKeyring()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.login.setText("anna.nowak")
    qtbot.keyClicks(dialog.password, "hezo-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(getattr(dialog, where), Qt.Key.Key_Return)
    assert not dialog.wants_settings
    assert dialog.actor is not None


def test_sign_in_refuses_a_wrong_password_and_remembers_only_in_the_keyring(
    qtbot: QtBot, demo_db: Database, qsettings: QSettings, tmp_path: Path
) -> None:
    keyring = MemoryKeyring()
    dialog = _sign_in_dialog(demo_db, qsettings, SecretStore(keyring))
    qtbot.addWidget(dialog)
    dialog.login.setText("anna.nowak")
    dialog.password.setText("wrong-password")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=WAIT_MS)
    assert "Wrong login or password" in dialog.error.text()
    dialog.password.setText("hezo-demo")
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.sign_in_button.click()
    assert dialog.actor is not None
    assert dialog.actor.login == "anna.nowak"
    assert keyring.secrets == {
        ("hezo-desk", agent_key(demo_db.display_url, "anna.nowak")): "hezo-demo"
    }
    qsettings.sync()
    assert "hezo-demo" not in Path(qsettings.fileName()).read_text(encoding="utf-8")
    again = _sign_in_dialog(demo_db, qsettings, SecretStore(keyring))
    qtbot.addWidget(again)
    assert again.login.text() == "anna.nowak"
    assert again.password.text() == "hezo-demo"


def test_without_a_keyring_sign_in_says_so_and_cannot_remember(
    qtbot: QtBot, demo_db: Database, qsettings: QSettings
) -> None:
    dialog = _sign_in_dialog(demo_db, qsettings, SecretStore(HeadlessKeyring()))
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "No system keyring" in dialog.keyring_note.text()
    dialog.login.setText("anna.nowak")
    dialog.password.setText("hezo-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.sign_in_button.click()
    assert dialog.actor is not None


def test_first_start_creates_the_administrator(qtbot: QtBot, db: Database) -> None:
    dialog = FirstStartDialog(AgentService(db), DemoService(db), QThreadPool.globalInstance())
    qtbot.addWidget(dialog)
    dialog.admin_name.setText("Ala Admin")
    dialog.admin_password.setText("dlugie-haslo")
    dialog.admin_repeat.setText("inne-haslo")
    dialog.create_button.click()
    assert "differ" in dialog.error.text()
    dialog.admin_repeat.setText("dlugie-haslo")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.create_button.click()
    assert AgentService(db).authenticate("admin", "dlugie-haslo").display_name == "Ala Admin"


def test_first_start_can_load_demo_data(qtbot: QtBot, db: Database) -> None:
    dialog = FirstStartDialog(AgentService(db), DemoService(db), QThreadPool.globalInstance())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=SLOW_WAIT_MS):
        dialog.demo_button.click()
    assert not DemoService(db).is_empty()
    assert dialog.login == "admin"


def test_settings_keep_the_database_password_in_the_keyring_only(
    qtbot: QtBot, qsettings: QSettings
) -> None:
    keyring = MemoryKeyring()
    settings = DeskSettings(qsettings)
    dialog = SettingsDialog(settings, SecretStore(keyring), QThreadPool.globalInstance())
    qtbot.addWidget(dialog)
    dialog.shared_radio.setChecked(True)
    dialog.host.setText("db.hezo.pl")
    dialog.database.setText("hezo")
    dialog.user.setText("desk")
    dialog.password.setText("tajne-hasło-bazy")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog._save()
    assert dialog.connection_changed
    assert dialog.theme_changed
    saved = settings.connection()
    assert (saved.kind, saved.host, saved.database, saved.user) == (
        "postgresql",
        "db.hezo.pl",
        "hezo",
        "desk",
    )
    assert settings.theme == "dark"
    assert settings.language == "en"
    assert keyring.secrets[("hezo-desk", database_key("db.hezo.pl", 5432, "hezo", "desk"))] == (
        "tajne-hasło-bazy"
    )
    qsettings.sync()
    assert "tajne" not in Path(qsettings.fileName()).read_text(encoding="utf-8")


def test_settings_test_connection_reports_the_schema_state(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    dialog = SettingsDialog(
        DeskSettings(qsettings), SecretStore(HeadlessKeyring()), QThreadPool.globalInstance()
    )
    qtbot.addWidget(dialog)
    assert "No system keyring" in dialog.keyring_note.text()
    dialog.local_path.setText(str(tmp_path / "nowa.sqlite3"))
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and "Connected" in dialog.test_result.text(),
        timeout=WAIT_MS,
    )
    assert "empty" in dialog.test_result.text()
    dialog.shared_radio.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.database.setText("x")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Cannot connect" in dialog.test_result.text(), timeout=WAIT_MS)


@pytest.fixture
def window(qtbot: QtBot, desk_context: DeskContext, tmp_path: Path) -> MainWindow:
    drafts = DraftStore(tmp_path / "drafts", desk_context.db.display_url)
    main = MainWindow(
        desk_context,
        build_screens(desk_context),
        drafts,
        desk_context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(main, desk_context)
    qtbot.addWidget(main)
    main.show()
    return main


def _customer_with_open_ticket(db: Database) -> tuple[str, int]:
    with db.sessions() as session:
        tax_id, ticket_id = session.execute(
            select(Ticket.customer_id, Ticket.id)
            .where(Ticket.state == TicketState.IN_PROGRESS, Ticket.contract_id.is_not(None))
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        from hezo_desk.models import Customer

        customer_tax_id = session.scalar(select(Customer.tax_id).where(Customer.id == tax_id))
    assert customer_tax_id is not None
    return customer_tax_id, ticket_id


def test_status_bar_and_lookup_by_tax_id(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    from PySide6.QtWidgets import QLabel

    signed_in = window.statusBar().findChild(QLabel, "signed_in")
    assert signed_in is not None
    assert signed_in.text() == "Signed in as Anna Nowak (agent)"
    tax_id, ticket_id = _customer_with_open_ticket(desk_context.db)
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    spoken = f"{tax_id[:2].lower()} {tax_id[2:5]}-{tax_id[5:8]}-{tax_id[8:10]}-{tax_id[10:]}"
    lookup.query.setText(spoken)
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    assert lookup.overview is not None
    assert lookup.overview.customer.tax_id == tax_id
    assert ticket_id in [t.id for t in lookup.open_tickets_model.rows]
    assert "tax id" in lookup.read_as.text()
    row = [t.id for t in lookup.open_tickets_model.rows].index(ticket_id)
    with qtbot.waitSignal(lookup.open_ticket, timeout=WAIT_MS):
        lookup.open_tickets.doubleClicked.emit(lookup.open_tickets_model.index(row, 0))
    assert window.current_ticket() is not None


def test_ctrl_l_focuses_the_lookup_from_anywhere(qtbot: QtBot, window: MainWindow) -> None:
    window.open_ticket(1)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    assert window.stack.currentWidget() is lookup
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lookup.query, timeout=WAIT_MS)


def test_a_failed_or_cleared_lookup_forgets_the_previous_caller(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    from hezo_desk.ui.new_ticket_dialog import NewTicketDialog

    tax_id, _ticket_id = _customer_with_open_ticket(desk_context.db)
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)

    def look_up(text: str) -> None:
        lookup.query.selectAll()
        qtbot.keyClicks(lookup.query, text)
        qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: lookup.result is not None, timeout=WAIT_MS)

    look_up(tax_id)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    # The next caller reads out something that finds nobody.
    look_up("zzqx brak takiej firmy")
    assert lookup.result is not None
    assert lookup.result.is_empty
    assert lookup.overview is None
    assert not lookup.new_ticket_button.isEnabled()
    assert lookup.details.tabText(0).endswith("(0)")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(NewTicketDialog) is None
    assert "Look up the caller first" in lookup.read_as.text()
    # Found again, then the field is cleared: nobody is the caller any more.
    look_up(tax_id)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    lookup.query.selectAll()
    qtbot.keyClick(lookup.query, Qt.Key.Key_Backspace)
    assert lookup.overview is None
    assert lookup.customers_model.rowCount() == 0


def test_a_misheard_nip_is_said_to_be_one(qtbot: QtBot, window: MainWindow) -> None:
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    lookup.query.setText("526-025-02-75")
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.result is not None, timeout=WAIT_MS)
    assert "5260250275" in lookup.read_as.text()
    assert "the last would be 4" in lookup.read_as.text()


def test_f1_lists_every_shortcut_once(window: MainWindow) -> None:
    rows = window.shortcut_rows()
    keys = [key for row_keys, _text in rows for key in row_keys.split(", ")]
    assert len(keys) == len(set(keys)), keys
    texts = [text for _keys, text in rows]
    assert len(texts) == len(set(texts)), texts
    assert "Ctrl+Enter" in keys
    lookup = next(row_keys for row_keys, text in rows if text == "Caller lookup")
    assert lookup == "Ctrl+L, Ctrl+1"


def _open_ticket_id(db: Database) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Ticket.id).where(Ticket.state == TicketState.NEW).order_by(Ticket.id).limit(1)
        )
    assert found is not None
    return found


def test_the_note_has_its_key_and_its_look_and_ctrl_r_never_turns_it_into_a_reply(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, tmp_path: Path
) -> None:
    view = window.open_ticket(_open_ticket_id(desk_context.db))
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    composing = view.composing
    assert composing.kind_code == "reply"
    assert "border" not in composing.text.styleSheet()
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert composing.kind_code == "note"
    assert "border" in composing.text.styleSheet()
    save_picture(view, tmp_path, "note-mode")
    composing.text.setPlainText("Klient zalega z płatnością – nie mówić mu tego.")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert composing.kind_code == "note", "a note being written stays a note"
    composing.text.clear()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert composing.kind_code == "reply"
    assert "border" not in composing.text.styleSheet()


def test_ticket_view_replies_notes_and_keeps_the_draft(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, tmp_path: Path
) -> None:
    ticket_id = _open_ticket_id(desk_context.db)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    before = len(view.detail.messages) if view.detail else 0
    view.composer.setPlainText("Dzień dobry,\nproszę o log <debug> & zrzut ekranu.")
    view.save_draft()
    # A crash now: a new view of the same ticket gets the unsent reply back.
    drafts = DraftStore(tmp_path / "drafts", desk_context.db.display_url)
    assert drafts.load(ticket_id) is not None
    again = TicketView(desk_context, ticket_id, drafts)
    qtbot.addWidget(again)
    assert again.composer.toPlainText() == "Dzień dobry,\nproszę o log <debug> & zrzut ekranu."
    qtbot.waitUntil(lambda: again.detail is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        qtbot.keyClick(view.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.messages) == before + 1, timeout=WAIT_MS
    )
    assert view.composer.toPlainText() == ""
    assert drafts.load(ticket_id) is None
    assert "proszę o log &lt;debug&gt; &amp; zrzut" in view.dialogue.toHtml()
    view.composing.kind.setCurrentIndex(view.composing.kind.findData("note"))
    view.composer.setPlainText("Tylko dla zespołu")
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        view.send()
    detail = TicketService(desk_context.db).detail(ticket_id)
    assert [m.kind for m in detail.messages][-2:] == [MessageKind.AGENT, MessageKind.INTERNAL_NOTE]
    assert detail.messages[-2].body == "Dzień dobry,\nproszę o log <debug> & zrzut ekranu."


def test_a_conflicting_change_is_shown_and_can_be_reapplied(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    ticket_id = _open_ticket_id(desk_context.db)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    other: Actor = AgentService(desk_context.db).resolve("jan.kowalski")
    seen = view.detail.ticket if view.detail else None
    assert seen is not None
    TicketService(desk_context.db).change(
        other,
        ticket_id,
        TicketChange(priority=Priority.LOW if seen.priority is not Priority.LOW else Priority.HIGH),
        expected_version=seen.version,
    )
    conflicts: list[TicketConflictError] = []

    def reapply(error: TicketConflictError, _change: TicketChange) -> bool:
        conflicts.append(error)
        return True

    view.resolve_conflict = reapply
    view.state.setCurrentIndex(view.state.findData(TicketState.IN_PROGRESS))
    view.state.activated.emit(view.state.currentIndex())
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.ticket.state is TicketState.IN_PROGRESS,
        timeout=WAIT_MS,
    )
    assert conflicts
    assert any("priority" in str(line) for line in conflicts[0].changes)
    row = TicketService(desk_context.db).row(ticket_id)
    assert row.state is TicketState.IN_PROGRESS
    assert row.priority is not seen.priority, "the other agent's change is kept"


def test_ctrl_w_closes_the_ticket_and_keeps_its_draft(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, tmp_path: Path
) -> None:
    ticket_id = _open_ticket_id(desk_context.db)
    view = window.open_ticket(ticket_id)
    view.composer.setPlainText("niedokończona odpowiedź")
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.open_ticket_ids() == []
    drafts = DraftStore(tmp_path / "drafts", desk_context.db.display_url)
    draft = drafts.load(ticket_id)
    assert draft is not None
    assert draft.text == "niedokończona odpowiedź"


def test_lookup_opens_the_registration_wizard_and_new_ticket_dialog(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    from hezo_desk.ui.new_ticket_dialog import NewTicketDialog
    from hezo_desk.ui.registration_wizard import RegistrationWizard

    tax_id, _ticket_id = _customer_with_open_ticket(desk_context.db)
    lookup = window.screen_widget("lookup")
    assert isinstance(lookup, LookupView)
    lookup.query.setText(tax_id)
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wizard = window.findChild(RegistrationWizard)
    assert wizard is not None
    assert wizard.isVisible()
    wizard.close()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewTicketDialog)
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()


def test_every_ticket_view_has_the_reseller_access_tab_and_pdf(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext
) -> None:
    from hezo_desk.ui.access_panel import AccessPanel
    from hezo_desk.ui.pdf_preview import PdfPreviewDialog

    view = window.open_ticket(_open_ticket_id(desk_context.db))
    qtbot.waitUntil(lambda: view.detail is not None and view.tabs.count() == 4, timeout=WAIT_MS)
    assert view.tabs.tabText(3) == "R&eseller access"
    assert isinstance(view.tabs.widget(3), AccessPanel)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = view.findChild(PdfPreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.preview.current is not None, timeout=WAIT_MS)
    preview.close()


def test_every_screen_of_an_administrator_opens(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    from dataclasses import replace

    admin = AgentService(desk_context.db).resolve("admin")
    context = replace(desk_context, actor=admin)
    main = MainWindow(
        context,
        build_screens(context),
        DraftStore(tmp_path / "drafts", context.db.display_url),
        context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(main, context)
    qtbot.addWidget(main)
    keys = [
        "lookup",
        "tickets",
        "contracts",
        "serials",
        "resellers",
        "calls",
        "callbacks",
        "review",
        "migration_reports",
        "audit",
        "call_statistics",
        "templates",
        "service_levels",
        "dashboard",
        "agents",
    ]
    for key in keys:
        assert main.show_screen(key) is not None, key
    assert main.navigation.count() == len(keys) + 1


def test_an_agent_sees_no_audit_agents_or_review(qtbot: QtBot, window: MainWindow) -> None:
    for key in ("audit", "agents", "review", "dashboard"):
        assert window.show_screen(key) is None


def test_a_ticket_opened_from_the_list_steps_to_the_next_row(
    qtbot: QtBot, window: MainWindow
) -> None:
    from hezo_desk.ui.tables.tickets import TicketsScreen

    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    qtbot.waitUntil(lambda: tickets.model.row_at(1) is not None, timeout=WAIT_MS)
    tickets.select_relative(0)
    first = tickets.current_ticket_id()
    assert first is not None
    tickets.ticket_open_requested.emit(first)
    assert window.current_ticket() is not None
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    current = window.current_ticket()
    assert current is not None
    assert current.ticket_id != first
    assert current.ticket_id == tickets.current_ticket_id()


def test_f5_and_ctrl_f_work_on_a_list_inside_the_window(
    qtbot: QtBot, window: MainWindow, qtlog: Any
) -> None:
    from hezo_desk.ui.tables.tickets import TicketsScreen

    tickets = window.show_screen("tickets")
    assert isinstance(tickets, TicketsScreen)
    qtbot.waitExposed(window, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tickets.model.row_at(0) is not None, timeout=WAIT_MS)
    tickets.view.setFocus()
    with qtbot.waitSignal(tickets.model.loaded, timeout=WAIT_MS):
        qtbot.keyClick(tickets.view, Qt.Key.Key_F5)
    qtbot.keyClick(tickets.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tickets.search.hasFocus, timeout=WAIT_MS)
    assert not [r for r in qtlog.records if "Ambiguous shortcut" in r.message]


def test_an_opened_attachment_is_a_copy_in_the_desks_folder_until_it_exits(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QItemSelectionModel, QUrl

    from hezo_desk.ui.ticket import panes

    ticket_id = _open_ticket_id(desk_context.db)
    service = TicketService(desk_context.db)
    service.add_attachment(desk_context.actor, ticket_id, "umowa.pdf", b"%PDF-1.4 umowa")
    service.add_attachment(desk_context.actor, ticket_id, "umowa.pdf", b"%PDF-1.4 aneks")
    shown: list[QUrl] = []
    monkeypatch.setattr(panes.QDesktopServices, "openUrl", shown.append)
    view = TicketView(desk_context, ticket_id, DraftStore(tmp_path / "drafts", "x"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.attachments_model.rowCount() == 2, timeout=5000)
    flags = QItemSelectionModel.SelectionFlag
    for row in (0, 1):
        # Not selectRow: it follows whatever modifier keys an earlier test left pressed.
        view.attachments.selectionModel().select(
            view.attachments_model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )
        view.attachments_pane.open_selected()
        qtbot.waitUntil(lambda row=row: len(shown) == row + 1, timeout=5000)
    paths = [Path(url.toLocalFile()) for url in shown]
    folder = desk_context.opened_copies.folder
    assert folder is not None
    assert folder.parent == tmp_path / "opened", "one folder of this desk, nowhere else"
    assert all(path.is_relative_to(folder) for path in paths)
    assert {path.name for path in paths} == {"umowa.pdf"}
    assert sorted(path.read_bytes() for path in paths) == [b"%PDF-1.4 aneks", b"%PDF-1.4 umowa"]
    desk_context.opened_copies.remove_all()  # what the desk does when it exits
    assert not folder.exists()


def test_a_stored_name_cannot_put_a_copy_outside_its_folder(tmp_path: Path) -> None:
    from hezo_desk.services.opened_copies import OpenedCopies

    copies = OpenedCopies(tmp_path)
    for number, name in enumerate(["../../evil.sh", "..\\..\\evil.bat", "..", ""]):
        path = copies.write(number, name, b"x")
        assert copies.folder is not None
        assert path.resolve().is_relative_to(copies.folder.resolve())
    copies.remove_all()
    assert list(tmp_path.iterdir()) == []


def test_a_desk_connected_as_the_schema_owner_says_so(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    assert window.statusBar().findChild(QLabel, "owner_notice") is None
    window.show_owner_notice()
    notice = window.statusBar().findChild(QLabel, "owner_notice")
    assert notice is not None
    assert "Schema owner" in notice.text()
    assert "hezo_desk" in notice.toolTip()
