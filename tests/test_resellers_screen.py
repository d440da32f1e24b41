"""The Resellers screen: one reseller's permitted tickets only, each previewed through the rule;
a ticket without access never appears and internal notes never show."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from access_builders import (
    LEGACY_PDF,
    NOTE,
    REPLY,
    AccessWorld,
    build_access_world,
    desk_for,
    open_full_ticket,
)
from hezo_desk.db import Database
from hezo_desk.enums import Channel
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.resellers_screen import ResellersScreen
from hezo_desk.ui.settings import DeskSettings
from pictures import save_picture
from waiting import WAIT_MS


@pytest.fixture
def aw(db: Database) -> AccessWorld:
    return build_access_world(db)


@pytest.fixture
def context(
    db: Database, agent: Actor, desk_settings: DeskSettings, qtbot: QtBot
) -> Iterator[DeskContext]:
    yield from desk_for(db, agent, desk_settings)  # type: ignore[misc]


def _screen(qtbot: QtBot, context: DeskContext) -> ResellersScreen:
    screen = ResellersScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.resellers_model.rowCount() > 0, timeout=WAIT_MS)
    return screen


def test_a_reseller_sees_only_its_permitted_tickets_and_no_internal_content(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: DeskContext,
    aw: AccessWorld,
    agent: Actor,
    db: Database,
    tmp_path: Path,
) -> None:
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda – Łódź", access=True)
    refused = open_full_ticket(db, agent, aw.world.contract_id, "Bez zgody")
    theirs = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Żuraw", access=True)
    screen = _screen(qtbot, context)
    assert [r.name for r in screen.resellers_model.rows] == [
        "Gęś IT Partner Sp. z o.o.",
        "Żuraw Systemy S.A.",
    ]
    qtmodeltester.check(screen.resellers_model)
    qtbot.waitUntil(lambda: screen.tickets_model.rowCount() == 1, timeout=WAIT_MS)
    assert screen.reseller is not None
    assert screen.reseller.id == aw.world.reseller_id
    numbers = [t.number for t in screen.tickets_model.rows]
    assert numbers == [allowed.number]
    assert refused.number not in numbers
    assert theirs.number not in numbers
    qtmodeltester.check(screen.tickets_model)
    assert "may see 1 ticket(s)" in screen.heading.text()
    qtbot.waitUntil(lambda: "Zgoda – Łódź" in screen.preview.plain_text(), timeout=WAIT_MS)
    preview = screen.preview.plain_text()
    assert REPLY in preview
    assert NOTE not in preview
    assert LEGACY_PDF not in preview
    save_picture(screen, tmp_path, "resellers-screen")

    opened: list[int] = []
    screen.open_ticket.connect(opened.append)
    screen.tickets.setFocus()
    screen.tickets.setCurrentIndex(screen.tickets_model.index(0, 0))
    qtbot.keyClick(screen.tickets, Qt.Key.Key_Return)
    assert opened == [allowed.id]

    screen.select_reseller(aw.other_reseller_id)
    qtbot.waitUntil(
        lambda: [t.number for t in screen.tickets_model.rows] == [theirs.number], timeout=WAIT_MS
    )


def test_a_withdrawal_shows_nothing_at_once_and_the_list_drops_it(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, agent: Actor, db: Database
) -> None:
    allowed = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda", access=True)
    screen = _screen(qtbot, context)
    qtbot.waitUntil(lambda: screen.tickets_model.rowCount() == 1, timeout=WAIT_MS)
    ResellerAccessService(db).change_access(
        agent,
        allowed.id,
        AccessRequest(granted=False, channel=Channel.PHONE, requested_by_name="Zofia Łęcka"),
        expected_version=TicketService(db).row(allowed.id).version,
    )
    # The row is still listed from before; previewing it asks the rule again: nothing.
    screen.preview_current()
    qtbot.waitUntil(lambda: "Nothing." in screen.preview.plain_text(), timeout=WAIT_MS)
    assert "Zgoda" not in screen.preview.plain_text().split("sees", 1)[1]
    screen.refresh()
    qtbot.waitUntil(lambda: screen.tickets_model.rowCount() == 0, timeout=WAIT_MS)
    assert "may see no ticket" in screen.heading.text()


def test_the_filter_narrows_resellers_by_name_or_tax_id(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld
) -> None:
    screen = _screen(qtbot, context)
    screen.filter.setText("zuraw")
    assert [r.name for r in screen.resellers_model.rows] == ["Żuraw Systemy S.A."]
    screen.filter.setText("603-082")
    assert [r.name for r in screen.resellers_model.rows] == ["Gęś IT Partner Sp. z o.o."]
    screen.filter.setText("nikt")
    assert screen.resellers_model.rowCount() == 0
    assert screen.tickets_model.rowCount() == 0


def test_a_preview_arriving_after_the_screen_closed_touches_nothing(
    qtbot: QtBot,
    context: DeskContext,
    aw: AccessWorld,
    agent: Actor,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The preview read is held in the pool while the screen is deleted; when it ends, its
    callback (which reads the deleted tables) is not called: no exception, nothing shown."""
    open_full_ticket(db, agent, aw.world.contract_id, "Zgoda", access=True)
    screen = ResellersScreen(context)
    screen.show()
    qtbot.waitUntil(lambda: screen.tickets_model.rowCount() == 1, timeout=WAIT_MS)
    reading, release = threading.Event(), threading.Event()
    original = ResellerAccessService.view_for_reseller

    def held(self: ResellerAccessService, *args: Any, **kwargs: Any) -> Any:
        reading.set()
        assert release.wait(10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ResellerAccessService, "view_for_reseller", held)
    screen.preview_current()
    assert reading.wait(10)
    screen.close()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(screen), timeout=WAIT_MS)
    release.set()
    assert context.pool.waitForDone(10_000)
    QApplication.processEvents()  # the finished read's queued outcome
