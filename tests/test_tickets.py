"""Tickets: open, reply, note, change, attach; conflicts; every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import Channel, MessageKind, Priority, TicketState
from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import MAX_ATTACHMENT_BYTES, AuditEntry, Service
from hezo_desk.services.access import ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.ticket_numbers import parse_ticket_number
from hezo_desk.services.ticket_targets import resolve_target
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _service_id(db: Database, serial: str, index: int) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Service.id).where(Service.serial == serial, Service.notation_index == index)
        )
    assert found is not None
    return found


def _open(db: Database, world: World, actor: Actor, **overrides: object) -> int:
    new = NewTicket(
        contract_id=world.contract_id,
        service_id=_service_id(db, "FG1234567890", 2),
        subject="  Brak   połączenia VPN ",
        description="Tunel nie wstaje.\n\nLog w załączeniu.",
        **overrides,  # type: ignore[arg-type]
    )
    return TicketService(db).open(actor, new).id


def _actions(db: Database, ticket_id: int, *, dues: bool = False) -> list[str]:
    """The ticket's audited actions; its dues' own entries only with `dues` (they are tested
    in test_service_level_dues.py)."""
    with db.sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.ticket_id == ticket_id)
            .order_by(AuditEntry.id)
        )
        return [a for a in actions if dues or a != AuditAction.TICKET_DUES_CHANGED]


def test_opening_a_ticket_records_subject_dialogue_access_and_audit(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent, priority=Priority.HIGH)
    detail = service.detail(ticket_id)
    assert detail.ticket.number == "HD-000001"
    assert detail.ticket.subject == "Brak połączenia VPN"
    assert detail.ticket.notation == "(H2)-FG1234567890"
    assert detail.ticket.state is TicketState.NEW
    assert detail.ticket.priority is Priority.HIGH
    assert detail.ticket.reseller_access is False, "privacy by default"
    assert detail.ticket.reseller_name == "Gęś IT Partner Sp. z o.o."
    assert [m.body for m in detail.messages] == ["Tunel nie wstaje.\n\nLog w załączeniu."]
    assert detail.messages[0].kind is MessageKind.CUSTOMER
    history = ResellerAccessService(db).ticket_access(ticket_id).history
    assert [(a.previous, a.granted, a.agent_login) for a in history] == [
        (None, False, "anna.nowak")
    ]
    assert _actions(db, ticket_id, dues=True) == ["ticket.opened", "ticket.dues_changed"]
    second = _open(db, world, agent)
    assert service.row(second).number == "HD-000002"


def test_replies_and_notes_land_in_order_without_bumping_the_version(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent)
    version = service.row(ticket_id).version
    service.reply(agent, ticket_id, "Prosimy o log.")
    service.add_note(agent, ticket_id, "Klient zdenerwowany <b>bardzo</b> & pilne")
    detail = service.detail(ticket_id)
    assert [m.kind for m in detail.messages] == [
        MessageKind.CUSTOMER,
        MessageKind.AGENT,
        MessageKind.INTERNAL_NOTE,
    ]
    assert detail.messages[2].body == "Klient zdenerwowany <b>bardzo</b> & pilne"
    assert detail.ticket.version == version
    assert detail.ticket.updated_at >= detail.messages[2].created_at
    without_notes = service.detail(ticket_id, include_internal=False)
    assert MessageKind.INTERNAL_NOTE not in {m.kind for m in without_notes.messages}
    assert _actions(db, ticket_id) == ["ticket.opened", "ticket.replied", "ticket.note_added"]


def test_a_message_is_found_by_its_client_key_on_its_own_ticket_only(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    ticket_id, other_id = _open(db, world, agent), _open(db, world, agent)
    assert not service.has_message_with_client_key(ticket_id, "send-1")
    service.reply(agent, ticket_id, "Prosimy o log.", client_key="send-1")
    service.add_note(agent, ticket_id, "Notatka", client_key="note-1")
    assert service.has_message_with_client_key(ticket_id, "send-1")
    assert service.has_message_with_client_key(ticket_id, "note-1")
    assert not service.has_message_with_client_key(other_id, "send-1")
    assert not service.has_message_with_client_key(ticket_id, "send-2")


def test_state_priority_and_assignee_changes_are_audited_and_versioned(
    db: Database, world: World, agent: Actor, admin: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent)
    row = service.row(ticket_id)
    changed = service.change(
        agent,
        ticket_id,
        TicketChange(
            state=TicketState.IN_PROGRESS, priority=Priority.CRITICAL, assignee_login="admin"
        ),
        expected_version=row.version,
    )
    assert (changed.state, changed.priority, changed.assignee_login) == (
        TicketState.IN_PROGRESS,
        Priority.CRITICAL,
        "admin",
    )
    assert changed.version == row.version + 1
    closed = service.change(
        agent,
        ticket_id,
        TicketChange(state=TicketState.CLOSED, assignee_login=""),
        expected_version=changed.version,
    )
    assert closed.assignee_login is None
    assert _actions(db, ticket_id) == [
        "ticket.opened",
        "ticket.state_changed",
        "ticket.priority_changed",
        "ticket.assigned",
        "ticket.state_changed",
        "ticket.assigned",
    ]
    with pytest.raises(UserError, match="reopen it before replying"):
        service.reply(agent, ticket_id, "Czy coś jeszcze?")
    service.add_note(agent, ticket_id, "Notatka po zamknięciu jest w porządku.")
    with pytest.raises(UserError, match="nothing to change"):
        service.change(
            agent, ticket_id, TicketChange(state=TicketState.CLOSED), expected_version=None
        )


def test_a_change_based_on_an_old_version_is_refused_and_says_what_changed(
    db: Database, world: World, agent: Actor, admin: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent)
    seen = service.row(ticket_id)
    service.change(
        admin, ticket_id, TicketChange(priority=Priority.LOW), expected_version=seen.version
    )
    with pytest.raises(TicketConflictError) as caught:
        service.change(
            agent,
            ticket_id,
            TicketChange(state=TicketState.IN_PROGRESS),
            expected_version=seen.version,
        )
    conflict = caught.value
    assert conflict.current.priority is Priority.LOW
    assert conflict.current.state is TicketState.NEW
    assert any("priority normal → low" in str(change) for change in conflict.changes)
    # Re-applying on top of the current version works in one step.
    applied = service.change(
        agent,
        ticket_id,
        TicketChange(state=TicketState.IN_PROGRESS),
        expected_version=conflict.current.version,
    )
    assert applied.state is TicketState.IN_PROGRESS
    assert applied.priority is Priority.LOW


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"subject": "   "}, "subject is empty"),
        ({"subject": "x" * 501}, "at most 500"),
        ({"description": "\n \n"}, "description is empty"),
        ({"channel": Channel.MIGRATION}, "reserved for the legacy import"),
    ],
)
def test_bad_new_tickets_are_refused(
    db: Database, world: World, agent: Actor, overrides: dict[str, object], fragment: str
) -> None:
    new = {
        "contract_id": world.contract_id,
        "service_id": _service_id(db, "FW5550001111", 0),
        "subject": "Temat",
        "description": "Opis",
        **overrides,
    }
    with pytest.raises(UserError, match=fragment):
        TicketService(db).open(agent, NewTicket(**new))  # type: ignore[arg-type]


def test_tickets_open_only_on_active_contracts_and_their_own_serials(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    with pytest.raises(UserError, match="expired"):
        service.open(
            agent,
            NewTicket(
                world.expired_contract_id, _service_id(db, "FP0000000001", 0), "Temat", "Opis"
            ),
        )
    with pytest.raises(UserError, match="not on contract"):
        service.open(
            agent, NewTicket(world.contract_id, _service_id(db, "FA9999999999", 0), "Temat", "Opis")
        )


def test_resolve_target_reads_contract_and_serial_as_typed(db: Database, world: World) -> None:
    target = resolve_target(db, "ums-2024-00001", "(h2) fg1234567890")
    assert target.notation == "(H2)-FG1234567890"
    with pytest.raises(UserError, match="several services"):
        resolve_target(db, "UMS/2024/00001", "FG1234567890")
    assert resolve_target(db, "UMS/2024/00001", "fw5550001111").notation == "(H)-FW5550001111"
    with pytest.raises(NotFoundError, match="no contract"):
        resolve_target(db, "UMS/1999/1", "FW5550001111")


def test_attachments_keep_bytes_checksum_and_refuse_oversize(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent)
    data = "zażółć gęślą jaźń\n".encode() * 100
    row = service.add_attachment(agent, ticket_id, r"C:\logi\debug ł.txt", data)
    assert row.file_name == "debug ł.txt"
    assert row.content_type == "text/plain"
    assert row.size == len(data)
    stored_row, stored = service.attachment_data(row.id)
    assert stored == data
    assert stored_row.sha256 == row.sha256
    with pytest.raises(UserError, match="at most 25 MB"):
        service.add_attachment(agent, ticket_id, "big.bin", b"\0" * (MAX_ATTACHMENT_BYTES + 1))
    assert [a.id for a in service.detail(ticket_id).attachments] == [row.id]


def test_ticket_numbers_are_read_in_any_typed_form(
    db: Database, world: World, agent: Actor
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent)
    for typed in ("HD-000001", "hd 1", "HD1", " hd-0001 "):
        assert service.find_id(typed) == ticket_id
    with pytest.raises(NotFoundError, match="HD-000123"):
        service.find_id("HD-000999")
    assert parse_ticket_number("Z000004") is None
