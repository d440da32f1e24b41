"""The access panel on a ticket: the decision, who recorded it at whose request, a change that
asks who requested it and counts at once, the read-only history, and the reseller's view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from access_builders import (
    FILE_NAME,
    LEGACY_PDF,
    NOTE,
    REPLY,
    AccessWorld,
    build_access_world,
    desk_for,
    open_full_ticket,
    service_on,
)
from hezo_desk.db import Database
from hezo_desk.enums import Channel
from hezo_desk.models import AuditEntry, Ticket, utcnow
from hezo_desk.services.access import AccessRequest, ResellerAccessService, TicketAccess
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.review import ReviewService
from hezo_desk.services.tickets import TicketChange, TicketService
from hezo_desk.ui.access_panel import OTHER_PERSON, AccessChangeDialog, AccessPanel
from hezo_desk.ui.context import DeskContext
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


class _Answers:
    """Stands in for the agent answering the change dialog."""

    def __init__(self, request: AccessRequest | None) -> None:
        self.request = request
        self.asked: list[TicketAccess] = []

    def __call__(self, access: TicketAccess, _parent: QWidget) -> AccessRequest | None:
        self.asked.append(access)
        return self.request


def _panel(
    qtbot: QtBot, context: DeskContext, ticket_id: int, answers: _Answers | None = None
) -> AccessPanel:
    panel = AccessPanel(context, ticket_id, ask=answers)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.access is not None, timeout=WAIT_MS)
    return panel


def test_no_access_shows_the_decision_its_origin_and_nothing_for_the_reseller(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: DeskContext,
    aw: AccessWorld,
    agent: Actor,
    tmp_path: Path,
) -> None:
    ticket = open_full_ticket(
        context.db, agent, aw.world.contract_id, "Brak VPN", contact_id=aw.contact_id
    )
    panel = _panel(qtbot, context, ticket.id)
    assert panel.decision.text() == "Gęś IT Partner Sp. z o.o. may NOT see this ticket."
    assert "at the request of Paweł Żółkiewski (phone)" in panel.recorded.text()
    assert "Recorded by Anna.Nowak" in panel.recorded.text()
    assert panel.change_button.text() == "Gr&ant access…"
    assert panel.history_model.rowCount() == 1
    decision = panel.history_model.index(0, 1).data()
    assert decision == "no access (asked when the ticket was opened)"
    assert panel.history.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    preview = panel.preview.plain_text()
    assert "Nothing." in preview
    assert "Brak VPN" not in preview
    qtmodeltester.check(panel.history_model)
    save_picture(panel, tmp_path, "access-panel-none")


def test_granting_asks_who_requested_it_and_counts_at_once(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, agent: Actor, db: Database, tmp_path: Path
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN – Łódź")
    answers = _Answers(
        AccessRequest(
            granted=True,
            channel=Channel.EMAIL,
            requested_by_contact_id=aw.contact_id,
            note="mail z 2.11",
        )
    )
    panel = _panel(qtbot, context, ticket.id, answers)
    changed: list[int] = []
    panel.changed.connect(changed.append)
    panel.change_button.click()
    qtbot.waitUntil(lambda: bool(changed), timeout=WAIT_MS)
    assert len(answers.asked) == 1
    assert panel.decision.text() == "Gęś IT Partner Sp. z o.o. MAY see this ticket."
    assert "at the request of Paweł Żółkiewski (e-mail)" in panel.recorded.text()
    assert panel.history_model.rowCount() == 2
    newest = panel.history_model.row_at(0)
    assert newest is not None
    assert (newest.previous, newest.granted, newest.note) == (False, True, "mail z 2.11")
    preview = panel.preview.plain_text()
    assert "Brak VPN – Łódź" in preview
    assert REPLY in preview
    assert FILE_NAME in preview
    assert NOTE not in preview
    assert LEGACY_PDF not in preview
    save_picture(panel, tmp_path, "access-panel-granted")
    assert ResellerAccessService(db).preview(ticket.id) is not None
    with db.sessions() as session:
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.ticket_id == ticket.id)
        ).all()
    assert AuditAction.TICKET_RESELLER_ACCESS_CHANGED in audited

    answers.request = AccessRequest(
        granted=False, channel=Channel.PHONE, requested_by_name="Zofia Łęcka"
    )
    panel.change_button.click()
    qtbot.waitUntil(lambda: len(changed) == 2, timeout=WAIT_MS)
    assert panel.decision.text() == "Gęś IT Partner Sp. z o.o. may NOT see this ticket."
    assert "Nothing." in panel.preview.plain_text()
    assert ResellerAccessService(db).preview(ticket.id) is None


def test_a_cancelled_question_changes_nothing(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, agent: Actor, db: Database
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    answers = _Answers(None)
    panel = _panel(qtbot, context, ticket.id, answers)
    panel.change_button.click()
    assert len(answers.asked) == 1
    assert ResellerAccessService(db).ticket_access(ticket.id).history[-1].granted is False
    assert TicketService(db).row(ticket.id).version == panel.access.ticket.version  # type: ignore[union-attr]


def test_a_change_on_a_ticket_changed_meanwhile_is_refused_and_reloaded(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, agent: Actor, db: Database
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN")
    answers = _Answers(AccessRequest(granted=True, channel=Channel.PHONE, requested_by_name="Jan"))
    panel = _panel(qtbot, context, ticket.id, answers)
    seen = panel.access.ticket.version  # type: ignore[union-attr]
    TicketService(db).change(
        agent,
        ticket.id,
        TicketChange(state=None, priority=None, assignee_login=agent.login),
        expected_version=seen,
    )
    panel.change_button.click()
    qtbot.waitUntil(panel.error.isVisible, timeout=WAIT_MS)
    assert "changed by someone else meanwhile" in panel.error.text()
    qtbot.waitUntil(
        lambda: panel.access is not None and panel.access.ticket.version == seen + 1,
        timeout=WAIT_MS,
    )
    assert ResellerAccessService(db).preview(ticket.id) is None


def test_the_change_dialog_asks_for_contact_or_name_and_channel(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, agent: Actor, db: Database, tmp_path: Path
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Brak VPN", contact_id=aw.contact_id)
    access = ResellerAccessService(db).ticket_access(ticket.id)
    dialog = AccessChangeDialog(access)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "allows Gęś IT Partner Sp. z o.o. to see ticket" in dialog.what.text()
    assert dialog.requester.currentData() == aw.contact_id, "the last requester is preselected"
    assert not dialog.other_name.isEnabled()
    request = dialog.request()
    assert (request.granted, request.requested_by_contact_id, request.channel) == (
        True,
        aw.contact_id,
        Channel.PHONE,
    )
    save_picture(dialog, tmp_path, "access-change-dialog")
    dialog.requester.setCurrentIndex(dialog.requester.findData(OTHER_PERSON))
    assert dialog.other_name.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "type the person's name" in dialog.problem.text()
    dialog.other_name.setText("Zofia Łęcka (prezes)")
    dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.EMAIL))
    dialog.note.setPlainText("pismo z 3.11")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert dialog.request() == AccessRequest(
        granted=True,
        channel=Channel.EMAIL,
        requested_by_contact_id=None,
        requested_by_name="Zofia Łęcka (prezes)",
        note="pismo z 3.11",
    )


def test_a_ticket_moved_to_another_reseller_asks_for_the_customers_decision(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: DeskContext,
    aw: AccessWorld,
    agent: Actor,
    admin: Actor,
    db: Database,
    tmp_path: Path,
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Przeniesione", access=True)
    with db.transaction() as session:
        session.execute(update(Ticket).where(Ticket.id == ticket.id).values(migrated_at=utcnow()))
    ReviewService(db).link(
        admin,
        ticket.id,
        aw.other_reseller_contract_id,
        service_on(db, aw.other_reseller_contract_id),
        expected_version=None,
    )
    answers = _Answers(
        AccessRequest(granted=False, channel=Channel.PHONE, requested_by_contact_id=aw.contact_id)
    )
    panel = _panel(qtbot, context, ticket.id, answers)
    assert panel.decision.text() == "Żuraw Systemy S.A. may NOT see this ticket."
    assert panel.ask_customer.isVisible()
    assert "now belongs to Żuraw Systemy S.A. (it moved from Gęś IT Partner Sp. z o.o.)" in (
        panel.ask_customer.text()
    )
    assert "yes for Gęś IT Partner Sp. z o.o. does not carry over" in panel.ask_customer.text()
    assert "The desk ended the customer's yes" in panel.recorded.text()
    assert panel.change_button.text() == "Re&cord the decision…"
    ended = panel.history_model.index(0, 1).data()
    assert ended == (
        "access → no access (the ticket moved from Gęś IT Partner Sp. z o.o. to Żuraw Systemy S.A.)"
    )
    assert panel.history_model.index(0, 2).data() == "nobody (ended by the desk)"
    qtmodeltester.check(panel.history_model)
    save_picture(panel, tmp_path, "access-panel-moved")

    dialog = AccessChangeDialog(panel.access)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.decision is not None
    assert "has not decided about Żuraw Systemy S.A. yet" in dialog.what.text()
    assert dialog.request().granted is False, "no is the first answer offered"
    dialog.decision.setCurrentIndex(dialog.decision.findData(True))
    assert dialog.request().granted is True
    save_picture(dialog, tmp_path, "access-decision-dialog")

    changed: list[int] = []
    panel.changed.connect(changed.append)
    panel.change_button.click()
    qtbot.waitUntil(lambda: bool(changed), timeout=WAIT_MS)
    assert not panel.ask_customer.isVisible()
    assert panel.change_button.text() == "Gr&ant access…"
    newest = panel.history_model.row_at(0)
    assert newest is not None
    assert (newest.granted, newest.reseller_name, newest.reason) == (
        False,
        "Żuraw Systemy S.A.",
        None,
    )
