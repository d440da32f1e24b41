"""Reply templates in the window (issue 15): Ctrl+T in a ticket, type to filter, Enter inserts
the template filled in for the ticket at the caret with the caret at its gap; the supervisors'
screen adds, checks, edits and removes; agents do not see it. On the demo database, both
databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.drafts import DraftStore
from hezo_desk.enums import OPEN_TICKET_STATES, Language
from hezo_desk.models import AuditEntry, Contact, Customer, Ticket
from hezo_desk.services.agents import AgentService
from hezo_desk.services.reply_templates import ReplyTemplateService, TemplateAction
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.main_window import SCREEN_ROLE, MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.template_picker import TemplatePicker
from hezo_desk.ui.templates_screen import TemplateEditor, TemplatesScreen
from waiting import WAIT_MS

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: QtBot, context: DeskContext, tmp_path: Path) -> MainWindow:
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
    main.show()
    qtbot.waitExposed(main, timeout=WAIT_MS)
    main.activateWindow()
    return main


@pytest.fixture
def supervisor_context(desk_context: DeskContext) -> DeskContext:
    return replace(desk_context, actor=AgentService(desk_context.db).resolve("marek.zielinski"))


def _polish_ticket(context: DeskContext) -> tuple[int, str, str]:
    """An open ticket of a Polish contact, with contract and serial: id, tax id, notation."""
    with context.db.sessions() as session:
        found = session.execute(
            select(Ticket.id, Customer.tax_id)
            .join(Contact, Contact.id == Ticket.contact_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(
                Ticket.state.in_(OPEN_TICKET_STATES),
                Ticket.service_id.is_not(None),
                Contact.language == Language.POLISH,
            )
            .order_by(Ticket.id)
            .limit(1)
        ).one()
    notation = TicketService(context.db).row(found[0]).notation
    assert notation is not None
    return found[0], found[1], notation


def test_ctrl_t_filter_enter_inserts_the_template_filled_in_with_the_caret_at_its_gap(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    window = _window(qtbot, desk_context, tmp_path)
    assert ("Ctrl+T", "Insert a reply template") in window.shortcut_rows()
    ticket_id, tax_id, notation = _polish_ticket(desk_context)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    view.composer.setPlainText("Wstęp. ")
    cursor = view.composer.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    view.composer.setTextCursor(cursor)

    qtbot.keyClick(window, Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: view.findChild(TemplatePicker) is not None, timeout=WAIT_MS)
    picker = view.findChild(TemplatePicker)
    assert isinstance(picker, TemplatePicker)
    qtbot.waitUntil(lambda: picker.loaded, timeout=WAIT_MS)
    qtmodeltester.check(picker.model)
    # The ticket's language (Polish) first.
    languages = [row.language for row in picker.model.rows]
    assert languages == sorted(languages, key=lambda lang: lang is not Language.POLISH)
    assert languages[0] is Language.POLISH
    assert Language.ENGLISH in languages
    assert QApplication.focusWidget() is picker.filter
    qtbot.keyClicks(picker.filter, "rejestracja myhezo")
    assert [row.name for row in picker.model.rows] == ["Rejestracja w portalu myHEZO"]
    assert "{serials}" in picker.preview.toPlainText()
    qtbot.keyClick(picker.filter, Key.Key_Return)

    qtbot.waitUntil(lambda: tax_id in view.composer.toPlainText(), timeout=WAIT_MS)
    text = view.composer.toPlainText()
    assert text.startswith("Wstęp. Dzień dobry ")
    assert f"NIP firmy poprzedzony znakami PL: {tax_id}" in text
    assert f"np. {notation}" in text
    assert "{" not in text
    # The caret at the gap: after the paragraph on (H1)/(H2), before the signature.
    caret = view.composer.textCursor().position()
    assert text[:caret].endswith("powyżej.\n\n")
    assert text[caret:].startswith("\n\nPozdrawiamy\nAnna Nowak")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.composer, timeout=WAIT_MS)
    with desk_context.db.sessions() as session:
        used = session.scalars(
            select(AuditEntry).where(AuditEntry.action == TemplateAction.USED)
        ).all()
    assert [(entry.ticket_id, entry.agent_id) for entry in used] == [
        (ticket_id, desk_context.actor.id)
    ]


def test_down_goes_to_the_list_and_esc_inserts_nothing(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    window = _window(qtbot, desk_context, tmp_path)
    ticket_id, _tax_id, _notation = _polish_ticket(desk_context)
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    view.composing.template_button.click()
    picker = view.findChild(TemplatePicker)
    assert isinstance(picker, TemplatePicker)
    qtbot.waitUntil(lambda: picker.loaded, timeout=WAIT_MS)
    qtbot.keyClick(picker.filter, Key.Key_Down)
    assert QApplication.focusWidget() is picker.table
    qtbot.keyClick(picker.table, Key.Key_Down)
    assert picker.table.currentIndex().row() == 1
    with qtbot.waitSignal(picker.rejected, timeout=WAIT_MS):
        qtbot.keyClick(picker.table, Key.Key_Escape)
    assert view.composer.toPlainText() == ""


def test_agents_do_not_see_the_templates_screen_supervisors_do(
    qtbot: QtBot, desk_context: DeskContext, supervisor_context: DeskContext, tmp_path: Path
) -> None:
    def keys(window: MainWindow) -> list[str]:
        items = [window.navigation.item(row) for row in range(window.navigation.count())]
        return [item.data(SCREEN_ROLE) for item in items if item.data(SCREEN_ROLE)]

    assert "templates" not in keys(_window(qtbot, desk_context, tmp_path / "agent"))
    assert "templates" in keys(_window(qtbot, supervisor_context, tmp_path / "supervisor"))


@pytest.fixture
def screen(qtbot: QtBot, supervisor_context: DeskContext) -> Iterator[TemplatesScreen]:
    widget = TemplatesScreen(supervisor_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.loaded, timeout=WAIT_MS)
    return widget


def test_the_screen_adds_checks_placeholders_edits_and_removes(
    qtbot: QtBot,
    screen: TemplatesScreen,
    supervisor_context: DeskContext,
    qtmodeltester: ModelTester,
) -> None:
    qtmodeltester.check(screen.model, force_py=True)
    demo = len(screen.model.rows)
    assert demo >= 8

    screen.add_button.click()
    editor = screen.editor
    assert isinstance(editor, TemplateEditor)
    assert not editor.save_button.isEnabled()
    # (QTest types ASCII only: Polish letters are set, not typed.)
    editor.name.setText("Podziękowanie")
    editor.language.setCurrentIndex(editor.language.findData("pl"))
    qtbot.keyClicks(editor.body, "Thanks, {kontakt}!")
    # The unknown placeholder is named as it is typed; Save waits.
    assert editor.error.isVisible()
    assert "{kontakt}" in editor.error.text()
    assert not editor.save_button.isEnabled()
    editor.body.setPlainText("Dziękujemy, {contact}!\n{cursor}")
    assert not editor.error.isVisible()
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    qtbot.waitUntil(lambda: len(screen.model.rows) == demo + 1, timeout=WAIT_MS)
    added = ReplyTemplateService(supervisor_context.db).find("podziękowanie")
    assert added.language is Language.POLISH
    assert added.updated_by == "Marek Zieliński"

    # A name another template of that language has: refused by the service, the editor stays.
    screen.select_template("Podziękowanie")
    screen.edit_button.click()
    editor = screen.editor
    assert editor is not None
    assert editor.template is not None
    editor.name.setText("powitanie")
    editor.save_button.click()
    qtbot.waitUntil(lambda: "exists already" in editor.error.text(), timeout=WAIT_MS)
    assert editor.isVisible()
    editor.name.setText("Podziękowanie za zgłoszenie")
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    qtbot.waitUntil(
        lambda: "Podziękowanie za zgłoszenie" in [row.name for row in screen.model.rows],
        timeout=WAIT_MS,
    )

    screen.select_template("Podziękowanie za zgłoszenie")
    asked: list[str] = []
    screen.confirm_removal = lambda row: asked.append(row.name) or False
    screen.remove_button.click()
    assert asked == ["Podziękowanie za zgłoszenie"]
    assert len(screen.model.rows) == demo + 1
    screen.confirm_removal = lambda _row: True
    screen.remove_button.click()
    qtbot.waitUntil(lambda: len(screen.model.rows) == demo, timeout=WAIT_MS)
    assert "Removed: Podziękowanie za zgłoszenie" in screen.status.text()

    screen.filter.setText("logi")
    assert [row.name for row in screen.model.rows] == ["Prośba o logi"]
