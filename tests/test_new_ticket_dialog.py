"""Opening a ticket for a caller: the reseller question is asked every time, with the reseller's
name shown and "no access" chosen; the decision is recorded with the ticket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from access_builders import AccessWorld, build_access_world, desk_for, service_on
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Priority
from hezo_desk.models import Ticket
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.tickets import TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.new_ticket_dialog import NOT_REGISTERED, NewTicketDialog
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


def _dialog(qtbot: QtBot, context: DeskContext, customer_id: int, **kwargs: int) -> NewTicketDialog:
    dialog = NewTicketDialog(context, customer_id, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.overview is not None, timeout=WAIT_MS)
    return dialog


def test_the_access_question_names_the_reseller_and_defaults_to_no_access(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, context, aw.world.customer_id)
    assert dialog.no_access.isChecked()
    assert not dialog.grant_access.isChecked()
    assert [dialog.contract.itemData(i) for i in range(dialog.contract.count())] == [
        aw.world.contract_id,
        aw.other_reseller_contract_id,
    ], "only active contracts are offered"
    assert "Gęś IT Partner Sp. z o.o." in dialog.access_question.text()
    assert "Gęś IT Partner Sp. z o.o. may see it" in dialog.grant_access.text()
    assert {dialog.serial.itemText(i).split(" — ")[0] for i in range(dialog.serial.count())} == {
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
        "(H)-FW5550001111",
    }
    save_picture(dialog, tmp_path, "new-ticket")
    # The agent ticks yes, then the caller turns out to mean the other contract: asked afresh.
    dialog.grant_access.setChecked(True)
    dialog.contract.setCurrentIndex(1)
    assert "Żuraw Systemy S.A." in dialog.access_question.text()
    assert dialog.no_access.isChecked()
    assert [dialog.serial.itemData(i) for i in range(dialog.serial.count())] == [
        service_on(context.db, aw.other_reseller_contract_id)
    ]


def test_opening_with_the_default_records_no_access_at_the_callers_request(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, db: Database
) -> None:
    dialog = _dialog(
        qtbot,
        context,
        aw.world.customer_id,
        contract_id=aw.world.contract_id,
        service_id=service_on(db, aw.world.contract_id),
        contact_id=aw.contact_id,
    )
    opened: list[tuple[int, str]] = []
    dialog.opened.connect(lambda ticket_id, number: opened.append((ticket_id, number)))
    dialog.subject.setText("Brak połączenia VPN – „tunnel down”")
    dialog.description.setPlainText("Od rana tunel nie wstaje.\nLog wyślę mailem.")
    dialog.priority.setCurrentIndex(dialog.priority.findData(Priority.HIGH))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    ticket_id, number = opened[0]
    row = TicketService(db).row(ticket_id)
    assert row.number == number
    assert row.subject == "Brak połączenia VPN – „tunnel down”"
    assert row.priority is Priority.HIGH
    assert row.channel is Channel.PHONE
    assert not row.reseller_access
    history = ResellerAccessService(db).ticket_access(ticket_id).history
    assert [(c.previous, c.granted, c.requested_by_name) for c in history] == [
        (None, False, "Paweł Żółkiewski")
    ]
    assert ResellerAccessService(db).preview(ticket_id) is None
    assert not dialog.isVisible()


def test_granting_access_when_opening_lets_the_reseller_see_it_at_once(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, db: Database
) -> None:
    dialog = _dialog(qtbot, context, aw.world.customer_id)
    dialog.contact.setCurrentIndex(dialog.contact.findData(NOT_REGISTERED))
    assert dialog.caller_name.isEnabled()
    dialog.subject.setText("Licencja")
    dialog.description.setPlainText("Prośba o przedłużenie.")
    dialog.grant_access.setChecked(True)
    dialog.submit()
    assert dialog.problem.isVisible()
    assert "caller's name" in dialog.problem.text()
    dialog.caller_name.setText("Zofia Łęcka")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=WAIT_MS)
    assert dialog.ticket is not None
    view = ResellerAccessService(db).preview(dialog.ticket.id)
    assert view is not None
    assert view.reseller_name == "Gęś IT Partner Sp. z o.o."
    history = ResellerAccessService(db).ticket_access(dialog.ticket.id).history
    assert history[0].requested_by_name == "Zofia Łęcka"
    assert history[0].granted


def test_missing_fields_are_named_and_nothing_is_opened(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, db: Database
) -> None:
    dialog = _dialog(qtbot, context, aw.world.customer_id)
    dialog.submit()
    assert "subject" in dialog.problem.text()
    dialog.subject.setText("Temat")
    dialog.submit()
    assert "reports" in dialog.problem.text()
    # Enter in a one-line field moves on instead of opening a half-filled ticket.
    dialog.subject.setFocus()
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert dialog.ticket is None
    with db.sessions() as session:
        from sqlalchemy import func, select

        from hezo_desk.models import Ticket

        assert session.scalar(select(func.count(Ticket.id))) == 0


def test_a_company_without_active_contracts_cannot_get_a_ticket(
    qtbot: QtBot, context: DeskContext, db: Database
) -> None:
    from builders import build_world

    world = build_world(db)
    from sqlalchemy import update

    from hezo_desk.enums import ContractState
    from hezo_desk.models import ServiceContract

    with db.transaction() as session:
        session.execute(
            update(ServiceContract)
            .where(ServiceContract.customer_id == world.other_customer_id)
            .values(state=ContractState.EXPIRED)
        )
    dialog = _dialog(qtbot, context, world.other_customer_id)
    assert not dialog.open_button.isEnabled()
    assert "no active contract" in dialog.problem.text()


def test_with_several_contacts_the_agent_chooses_who_is_calling(
    qtbot: QtBot, context: DeskContext, aw: AccessWorld, db: Database
) -> None:
    from access_builders import _contact

    with db.transaction() as session:
        session.add(_contact(aw.world.customer_id, "Ewa", "Ślęzak", "ewa@laka.pl"))
    dialog = _dialog(
        qtbot,
        context,
        aw.world.customer_id,
        contract_id=aw.world.contract_id,
        service_id=service_on(db, aw.world.contract_id),
    )
    assert dialog.overview is not None
    assert dialog.overview.customer.name in dialog.windowTitle()
    assert dialog.contact.currentData() is None, "the desk does not guess the caller"
    dialog.subject.setText("Brak VPN")
    dialog.description.setPlainText("Tunel nie wstaje.")
    dialog.submit()
    assert dialog.problem.isVisible()
    assert "who is calling" in dialog.problem.text()
    with db.sessions() as session:
        assert session.scalar(select(func.count(Ticket.id))) == 0
    dialog.contact.setCurrentIndex(dialog.contact.findData(aw.contact_id))
    with qtbot.waitSignal(dialog.opened, timeout=WAIT_MS) as opened:
        dialog.submit()
    assert opened.args is not None
    with db.sessions() as session:
        assert session.get(Ticket, opened.args[0]).contact_id == aw.contact_id
