"""A ticket page closed while its reply is being sent: the reply goes out once and never comes
back as a draft, whether the page closes before or after the server acknowledged it, and a
page opened meanwhile does not offer it for sending again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.drafts import Draft, DraftStore
from hezo_desk.enums import TicketState
from hezo_desk.models import Ticket
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from hezo_desk.ui.ticket.view import TicketView
from waiting import WAIT_MS, WAIT_S

REPLY = "Dzień dobry, wymieniliśmy zasilacz; proszę potwierdzić działanie."


@pytest.fixture
def drafts(desk_context: DeskContext, tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts", desk_context.db.display_url)


@pytest.fixture
def window(qtbot: QtBot, desk_context: DeskContext, drafts: DraftStore) -> MainWindow:
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


def _new_ticket_id(db: Database) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Ticket.id).where(Ticket.state == TicketState.NEW).order_by(Ticket.id).limit(1)
        )
    assert found is not None
    return found


def _replies_with(db: Database, ticket_id: int, body: str) -> int:
    return sum(m.body == body for m in TicketService(db).detail(ticket_id).messages)


def _open_and_type(qtbot: QtBot, window: MainWindow, ticket_id: int) -> TicketView:
    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    view.composer.setPlainText(REPLY)
    return view


def _close(qtbot: QtBot, window: MainWindow, view: TicketView) -> None:
    """Ctrl+W, as the agent does: the page saves its draft, leaves and is deleted."""
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.open_ticket_ids() == []
    qtbot.waitUntil(lambda: not shiboken6.isValid(view), timeout=WAIT_MS)


def _reopened_composer_text(qtbot: QtBot, window: MainWindow, ticket_id: int) -> str:
    again = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: again.detail is not None, timeout=WAIT_MS)
    return again.composer.toPlainText()


def _hold_replies(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """(sending, release): a reply waits in the pool, once it started, until released."""
    sending, release = threading.Event(), threading.Event()
    original = TicketService.reply

    def held_reply(self: TicketService, *args: Any, **kwargs: Any) -> Any:
        sending.set()
        assert release.wait(WAIT_S)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TicketService, "reply", held_reply)
    return sending, release


def test_a_page_closed_while_its_reply_is_in_flight(
    qtbot: QtBot,
    window: MainWindow,
    desk_context: DeskContext,
    drafts: DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    sending, release = _hold_replies(monkeypatch)
    view = _open_and_type(qtbot, window, ticket_id)
    view.send()
    assert sending.wait(WAIT_S)
    _close(qtbot, window, view)
    # The send is still under way: the unsent text is kept, as for any closed page.
    kept = drafts.load(ticket_id)
    assert kept is not None
    assert kept.text == REPLY

    release.set()
    assert desk_context.pool.waitForDone(WAIT_MS)
    QApplication.processEvents()  # what the finished task queued (dropped with the page)

    assert drafts.load(ticket_id) is None
    # On disk, not only in this desk's memory: a restarted desk finds no draft either.
    assert DraftStore(tmp_path / "drafts", db.display_url).load(ticket_id) is None
    assert _reopened_composer_text(qtbot, window, ticket_id) == ""
    assert _replies_with(db, ticket_id, REPLY) == 1


def test_a_page_closed_after_the_server_acknowledged_before_it_heard(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, drafts: DraftStore
) -> None:
    """The acknowledgement is queued for the page, which closes (saving its draft) first."""
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    view = _open_and_type(qtbot, window, ticket_id)
    view.send()
    # Without spinning the event loop the page cannot hear of the success before it closes.
    assert desk_context.pool.waitForDone(WAIT_MS)
    assert _replies_with(db, ticket_id, REPLY) == 1
    _close(qtbot, window, view)

    assert drafts.load(ticket_id) is None
    assert _reopened_composer_text(qtbot, window, ticket_id) == ""
    assert _replies_with(db, ticket_id, REPLY) == 1


def test_typing_on_while_sending_keeps_the_new_text_as_the_draft(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, drafts: DraftStore
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    view = _open_and_type(qtbot, window, ticket_id)
    view.send()
    view.composer.setPlainText(REPLY + "\nPS")
    view.save_draft()
    assert desk_context.pool.waitForDone(WAIT_MS)
    _close(qtbot, window, view)

    kept = drafts.load(ticket_id)
    assert kept is not None
    assert kept.text == REPLY + "\nPS"
    assert _reopened_composer_text(qtbot, window, ticket_id) == REPLY + "\nPS"
    assert _replies_with(db, ticket_id, REPLY) == 1


def test_a_page_reopened_while_the_closed_page_still_sends(
    qtbot: QtBot,
    window: MainWindow,
    desk_context: DeskContext,
    drafts: DraftStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    sending, release = _hold_replies(monkeypatch)
    view = _open_and_type(qtbot, window, ticket_id)
    view.send()
    assert sending.wait(WAIT_S)
    _close(qtbot, window, view)

    again = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: again.detail is not None, timeout=WAIT_MS)
    # Not sent yet, so still the agent's text, but not to be sent a second time.
    assert again.composer.toPlainText() == REPLY
    assert not again.send_button.isEnabled()
    release.set()
    qtbot.waitUntil(
        lambda: again.composer.toPlainText() == "" and again.send_button.isEnabled(),
        timeout=WAIT_MS,
    )
    assert drafts.load(ticket_id) is None
    assert _replies_with(db, ticket_id, REPLY) == 1


def test_a_reload_during_the_send_does_not_offer_it_again(
    qtbot: QtBot, window: MainWindow, desk_context: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    sending, release = _hold_replies(monkeypatch)
    view = _open_and_type(qtbot, window, ticket_id)
    view.send()
    assert sending.wait(WAIT_S)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.reload()  # as a change by another agent does
    assert not view.send_button.isEnabled()
    release.set()
    qtbot.waitUntil(
        lambda: view.composer.toPlainText() == "" and view.send_button.isEnabled(),
        timeout=WAIT_MS,
    )
    assert _replies_with(db, ticket_id, REPLY) == 1


# ----- a desk killed during the send --------------------------------------------------------


def _killed_while_sending(db: Database, tmp_path: Path, ticket_id: int) -> str:
    """The disk of a desk killed while sending REPLY: its draft, with the send's client key
    (`DraftStore.sent` never ran). A store of its own: the desk's memory died with it."""
    killed = DraftStore(tmp_path / "drafts", db.display_url)
    killed.save(ticket_id, "reply", REPLY)
    return killed.sending(ticket_id, "reply", REPLY)


def test_a_reply_the_server_committed_before_the_desk_was_killed_is_no_draft(
    qtbot: QtBot,
    window: MainWindow,
    desk_context: DeskContext,
    drafts: DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    key = _killed_while_sending(db, tmp_path, ticket_id)
    TicketService(db).reply(desk_context.actor, ticket_id, REPLY, client_key=key)
    asked_on, release = [], threading.Event()
    original = TicketService.has_message_with_client_key

    def held(self: TicketService, *args: Any) -> bool:
        asked_on.append(threading.get_ident())
        assert release.wait(WAIT_S)
        return original(self, *args)

    monkeypatch.setattr(TicketService, "has_message_with_client_key", held)

    view = window.open_ticket(ticket_id)  # the restarted desk
    qtbot.waitUntil(lambda: view.detail is not None and bool(asked_on), timeout=WAIT_MS)
    # Until the server answers, the text can be neither sent nor changed.
    assert asked_on[0] != threading.get_ident(), "asked in the pool"
    assert view.composer.toPlainText() == REPLY
    assert view.composer.isReadOnly()
    assert not view.send_button.isEnabled()
    release.set()
    qtbot.waitUntil(
        lambda: view.composer.toPlainText() == "" and view.send_button.isEnabled(),
        timeout=WAIT_MS,
    )
    assert not view.composer.isReadOnly()
    assert drafts.load(ticket_id) is None
    assert DraftStore(tmp_path / "drafts", db.display_url).load(ticket_id) is None
    assert _replies_with(db, ticket_id, REPLY) == 1


def test_a_reply_the_server_never_got_is_restored_and_sent_with_its_key(
    qtbot: QtBot,
    window: MainWindow,
    desk_context: DeskContext,
    drafts: DraftStore,
    tmp_path: Path,
) -> None:
    db = desk_context.db
    ticket_id = _new_ticket_id(db)
    key = _killed_while_sending(db, tmp_path, ticket_id)  # killed before the commit

    view = window.open_ticket(ticket_id)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.send_button.isEnabled(), timeout=WAIT_MS
    )
    assert view.composer.toPlainText() == REPLY
    assert not view.composer.isReadOnly()
    kept = drafts.load(ticket_id)
    assert kept is not None
    assert (kept.text, kept.client_key) == (REPLY, key)
    assert _replies_with(db, ticket_id, REPLY) == 0

    view.send()
    qtbot.waitUntil(lambda: view.composer.toPlainText() == "", timeout=WAIT_MS)
    assert _replies_with(db, ticket_id, REPLY) == 1
    # The same key: had the first send landed after all, this one would have found it.
    assert TicketService(db).has_message_with_client_key(ticket_id, key)
    assert drafts.load(ticket_id) is None


def test_the_send_key_stays_with_its_text_only(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts", "sqlite:///desk.sqlite3")
    store.save(7, "reply", REPLY)
    key = store.sending(7, "reply", REPLY)
    store.not_sent(7)  # gave up, the outcome unknown: the text keeps its key
    store.save(7, "reply", REPLY)
    assert store.load(7) == Draft("reply", REPLY, key)
    assert store.sending(7, "reply", REPLY) == key, "sent again: the same message"
    store.not_sent(7)
    store.save(7, "note", REPLY)  # another message now: no key
    assert store.load(7) == Draft("note", REPLY, None)
    assert store.sending(7, "note", REPLY) != key
    store.not_sent(7)
    store.save(7, "note", REPLY + " PS")
    assert store.load(7) == Draft("note", REPLY + " PS", None)
