"""The desk's side of personal data: "Anonymise…" on a contact, retention for supervisors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import exists, select

from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES
from hezo_desk.models import Contact, Customer, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.records import contact_row
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.dialogs.anonymise import AnonymiseDialog
from hezo_desk.ui.lookup_view import LookupView
from hezo_desk.ui.retention_panel import RetentionPanel
from personal_data_builders import CLOSED_BEFORE, old_person
from pictures import save_picture
from waiting import WAIT_MS


def _contact_without_open_tickets(db: Database) -> tuple[int, str, str]:
    open_ticket = exists().where(
        Ticket.contact_id == Contact.id, Ticket.state.in_(OPEN_TICKET_STATES)
    )
    with db.sessions() as session:
        row = session.execute(
            select(Contact.id, Contact.email, Customer.tax_id)
            .join(Customer, Customer.id == Contact.customer_id)
            .where(~open_ticket)
            .order_by(Contact.id)
            .limit(1)
        ).one()
    return row[0], row[1], row[2]


def test_anonymise_a_contact_from_the_lookup(
    qtbot: QtBot, desk_context: DeskContext, tmp_path: Path
) -> None:
    db = desk_context.db
    contact_id, email, tax_id = _contact_without_open_tickets(db)
    lookup = LookupView(desk_context)
    qtbot.addWidget(lookup)
    lookup.query.setText(tax_id)
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.overview is not None, timeout=WAIT_MS)
    lookup.details.setCurrentIndex(3)
    row = [c.id for c in lookup.contacts_model.rows].index(contact_id)
    assert not lookup.anonymise_button.isEnabled()
    lookup.contacts.selectRow(row)
    assert lookup.anonymise_button.isEnabled()
    qtbot.mouseClick(lookup.anonymise_button, Qt.MouseButton.LeftButton)
    dialog = lookup.anonymise_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert email in dialog.explanation.text()
    assert "none is open" in dialog.tickets.text()
    assert not dialog.reason.isVisible(), "an agent gives no override reason"
    assert dialog.confirm.isEnabled()
    save_picture(dialog, tmp_path, "anonymise-contact")
    with qtbot.waitSignal(dialog.anonymised, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None
    label = dialog.outcome.label
    assert label in lookup.read_as.text()
    qtbot.waitUntil(
        lambda: label in [c.full_name for c in lookup.contacts_model.rows], timeout=WAIT_MS
    )
    with db.sessions() as session:
        assert session.scalar(select(Contact.email).where(Contact.id == contact_id)) != email


def test_supervisors_see_how_many_are_due_and_run_the_retention(
    qtbot: QtBot, desk_context: DeskContext, demo_db: Database, tmp_path: Path
) -> None:
    admin = AgentService(demo_db).resolve("admin")
    AgentService(demo_db).add(
        admin, login="maria.s", display_name="Maria S", role=admin.role.SUPERVISOR,
        password="correct horse",
    )  # fmt: skip
    boss: Actor = AgentService(demo_db).resolve("maria.s")
    with demo_db.sessions() as session:
        customer_id = session.scalar(select(Customer.id).order_by(Customer.id).limit(1))
    assert customer_id is not None
    due = old_person(demo_db, customer_id, 1, ("Zofia", "Dawna"))
    context = DeskContext(
        demo_db, boss, desk_context.settings, desk_context.pool, desk_context.jobs,
        desk_context.opened_copies,
    )  # fmt: skip
    panel = RetentionPanel(context)
    panel.closed_before = CLOSED_BEFORE
    qtbot.addWidget(panel)
    panel.recount()
    qtbot.waitUntil(lambda: panel.due == 1, timeout=WAIT_MS)
    assert "1 contact(s) due" in panel.summary.text()
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dry_run is not None, timeout=WAIT_MS)
    assert "would be anonymised" in panel.details.text()
    panel.show()
    save_picture(panel, tmp_path, "retention-dry-run")
    with demo_db.sessions() as session:
        assert session.scalar(select(Contact.anonymised_number).where(Contact.id == due)) is None
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.last_run is not None and panel.due == 0, timeout=WAIT_MS)
    assert panel.last_run is not None
    assert [contact_id for contact_id, _n in panel.last_run.anonymised] == [due]


def test_a_supervisor_overrides_open_tickets_with_a_reason(
    qtbot: QtBot, desk_context: DeskContext, demo_db: Database, tmp_path: Path
) -> None:
    admin = AgentService(demo_db).resolve("admin")
    AgentService(demo_db).add(
        admin, login="maria.s", display_name="Maria S", role=admin.role.SUPERVISOR,
        password="correct horse",
    )  # fmt: skip
    boss = AgentService(demo_db).resolve("maria.s")
    open_ticket = exists().where(
        Ticket.contact_id == Contact.id, Ticket.state.in_(OPEN_TICKET_STATES)
    )
    with demo_db.sessions() as session:
        contact = session.scalars(select(Contact).where(open_ticket).limit(1)).one()
        row = contact_row(contact)
    context = DeskContext(
        demo_db, boss, desk_context.settings, desk_context.pool, desk_context.jobs,
        desk_context.opened_copies,
    )  # fmt: skip
    dialog = AnonymiseDialog(context, row)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert dialog.preview is not None
    assert dialog.preview.open_tickets
    assert "Open tickets" in dialog.tickets.text()
    assert dialog.reason.isVisible()
    assert not dialog.confirm.isEnabled(), "no reason yet"
    dialog.reason.setText("pisemne żądanie klienta z 2026-11-20")
    assert dialog.confirm.isEnabled()
    save_picture(dialog, tmp_path, "anonymise-override")
    with qtbot.waitSignal(dialog.anonymised, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None
    assert dialog.outcome.overridden_open_tickets == dialog.preview.open_tickets
