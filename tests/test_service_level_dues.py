"""A ticket's dues in the database: opening, waiting, replies, closing, priority and service.

Every instant is fixed: the ticket service's clock is set by the test (`Clock`), never read
from the wall. The expected dues come from `levels.compute_dues` (the one computation, tested
against a minute walk elsewhere) and, where the arithmetic is easy, from the calendar itself.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Boolean, Integer, String, column, func, insert, select, table

from builders import World, add_services, build_world
from hezo_desk.catalogue import Catalogue
from hezo_desk.cli import main
from hezo_desk.db import Database, alembic_config
from hezo_desk.enums import ContractState, MessageKind, Priority, TicketState
from hezo_desk.local_time import WARSAW
from hezo_desk.models import AuditEntry, Message, Service, ServiceContract, Ticket, TicketPause
from hezo_desk.models import ServiceLevel as LevelRow
from hezo_desk.models.base import UTCDateTime
from hezo_desk.services import review as review_module
from hezo_desk.services import tickets as tickets_module
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditRow
from hezo_desk.services.legacy_import.report import summary_lines
from hezo_desk.services.review import ReviewService
from hezo_desk.services.service_levels import levels
from hezo_desk.services.service_levels.clock import Pause
from hezo_desk.services.service_levels.dues import product_rule_key
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService
from hezo_desk.wording import dues_change_text, recomputed_text
from legacy_support import SAMPLE, back_office, run_import


def warsaw(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    """An instant of 2026 given in Warsaw wall-clock time, as UTC."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WARSAW).astimezone(dt.UTC)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = warsaw(2, 9)
        for module in (tickets_module, review_module):
            monkeypatch.setattr(module, "utcnow", lambda: self.now)

    def at(self, moment: dt.datetime) -> None:
        self.now = moment


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def _service_id(db: Database, serial: str, index: int) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Service.id).where(Service.serial == serial, Service.notation_index == index)
        )
    assert found is not None
    return found


def _open(db: Database, world: World, actor: Actor, service_id: int, **extra: Any) -> int:
    new = NewTicket(
        contract_id=world.contract_id,
        service_id=service_id,
        subject="VPN nie działa",
        description="Tunel nie wstaje.",
        **extra,
    )
    return TicketService(db).open(actor, new).id


def _ticket(db: Database, ticket_id: int) -> Ticket:
    with db.sessions() as session:
        ticket = session.get_one(Ticket, ticket_id)
        session.expunge(ticket)
        return ticket


def _dues_entries(db: Database, ticket_id: int) -> list[dict[str, Any]]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(AuditEntry.details)
                .where(
                    AuditEntry.ticket_id == ticket_id, AuditEntry.action == "ticket.dues_changed"
                )
                .order_by(AuditEntry.id)
            )
        )


def _set(db: Database, actor: Actor, ticket_id: int, **change: Any) -> None:
    TicketService(db).change(actor, ticket_id, TicketChange(**change), expected_version=None)


def test_the_lifecycle_of_a_business_hours_ticket(
    db: Database, world: World, agent: Actor, clock: Clock
) -> None:
    service = TicketService(db)
    ticket_id = _open(db, world, agent, _service_id(db, "FG1234567890", 1))  # FortiCare 8x5
    ticket = _ticket(db, ticket_id)
    expected = levels.compute_dues(levels.EIGHT_FIVE, Priority.NORMAL, warsaw(2, 9))
    # 960 business minutes from Monday 9:00: Monday 7 h, Tuesday 8 h, Wednesday 1 h.
    assert ticket.response_due_at == expected.response == warsaw(4, 9)
    assert ticket.resolution_due_at == expected.resolution
    assert ticket.next_due_at == ticket.response_due_at
    assert ticket.response_target_minutes == 960
    assert ticket.resolution_target_minutes == 80 * 60
    assert ticket.sla_calendar is not None
    assert ticket.sla_calendar.value == "business_hours"
    assert [e["reason"] for e in _dues_entries(db, ticket_id)] == ["opened"]
    assert ticket.version == 1, "the dues set at opening are no change of the ticket"

    clock.at(warsaw(2, 11))  # waiting for the customer from Monday 11:00
    _set(db, agent, ticket_id, state=TicketState.WAITING_FOR_CUSTOMER)
    ticket = _ticket(db, ticket_id)
    assert ticket.next_due_at is None
    assert ticket.response_due_at is None, "held by the pause before the target ran out"
    with db.sessions() as session:
        pauses = session.execute(
            select(TicketPause.started_at, TicketPause.ended_at).where(
                TicketPause.ticket_id == ticket_id
            )
        ).all()
    assert [tuple(p) for p in pauses] == [(warsaw(2, 11), None)]

    clock.at(warsaw(3, 11))  # back on Tuesday 11:00: 5 h + 3 h of business time held
    _set(db, agent, ticket_id, state=TicketState.IN_PROGRESS)
    ticket = _ticket(db, ticket_id)
    assert ticket.response_due_at == warsaw(5, 9), "pushed by the 8 business hours held"
    assert ticket.next_due_at == ticket.response_due_at
    assert (
        ticket.resolution_due_at
        == levels.compute_dues(
            levels.EIGHT_FIVE, Priority.NORMAL, warsaw(2, 9), [Pause(warsaw(2, 11), warsaw(3, 11))]
        ).resolution
    )

    clock.at(warsaw(4, 10))
    service.add_note(agent, ticket_id, "Sprawdzić logi.")
    assert _ticket(db, ticket_id).first_response_at is None, "a note is no reply"
    version = _ticket(db, ticket_id).version
    service.reply(agent, ticket_id, "Proszę o log z urządzenia.")
    ticket = _ticket(db, ticket_id)
    assert ticket.version == version, "a reply does not bump the version"
    assert ticket.first_response_at == warsaw(4, 10)
    assert ticket.response_met is True
    assert ticket.next_due_at == ticket.resolution_due_at
    clock.at(warsaw(4, 11))
    service.reply(agent, ticket_id, "Jeszcze jedno pytanie.")
    assert _ticket(db, ticket_id).first_response_at == warsaw(4, 10), "the first reply counts"

    clock.at(warsaw(4, 12))
    _set(db, agent, ticket_id, priority=Priority.CRITICAL)
    ticket = _ticket(db, ticket_id)
    critical = levels.compute_dues(
        levels.EIGHT_FIVE, Priority.CRITICAL, warsaw(2, 9), [Pause(warsaw(2, 11), warsaw(3, 11))]
    )
    assert ticket.resolution_target_minutes == 16 * 60
    assert ticket.resolution_due_at == critical.resolution
    assert ticket.response_due_at == critical.response
    assert ticket.response_met is (warsaw(4, 10) <= critical.response)
    assert ticket.next_due_at == critical.resolution

    clock.at(warsaw(4, 13))
    _set(db, agent, ticket_id, state=TicketState.CLOSED)
    ticket = _ticket(db, ticket_id)
    assert ticket.next_due_at is None
    assert ticket.resolution_met is (warsaw(4, 13) <= critical.resolution)
    reasons = [e["reason"] for e in _dues_entries(db, ticket_id)]
    assert reasons == [
        "opened",
        "paused",
        "resumed",
        "responded",
        "priority_changed",
        "stopped",
    ]
    priority_entry = _dues_entries(db, ticket_id)[4]
    assert priority_entry["from"]["resolution_due"] == expected_resolution_iso(
        levels.compute_dues(
            levels.EIGHT_FIVE, Priority.NORMAL, warsaw(2, 9), [Pause(warsaw(2, 11), warsaw(3, 11))]
        )
    )
    assert priority_entry["to"]["resolution_due"] == expected_resolution_iso(critical)


def expected_resolution_iso(dues: levels.Dues) -> str | None:
    return None if dues.resolution is None else dues.resolution.isoformat()


def test_a_late_first_reply_breaches_the_response_and_closing_decides_resolution(
    db: Database, world: World, agent: Actor, clock: Clock
) -> None:
    with db.transaction() as session:
        contract = session.get_one(ServiceContract, world.contract_id)
        add_services(session, contract, "FG7777777777", ["FortiCare 24x7"])
    ticket_id = _open(
        db, world, agent, _service_id(db, "FG7777777777", 0), priority=Priority.CRITICAL
    )
    ticket = _ticket(db, ticket_id)
    assert ticket.response_due_at == warsaw(2, 10), "24x7, critical: one hour"
    assert ticket.resolution_due_at == warsaw(2, 17)
    clock.at(warsaw(2, 10, 1))
    TicketService(db).reply(agent, ticket_id, "Już sprawdzamy.")
    ticket = _ticket(db, ticket_id)
    assert ticket.response_met is False
    clock.at(warsaw(2, 16))
    _set(db, agent, ticket_id, state=TicketState.CLOSED)
    assert _ticket(db, ticket_id).resolution_met is True


def test_closing_without_a_reply_after_the_response_due_breaches_it_and_cancelling_decides_none(
    db: Database, world: World, agent: Actor, clock: Clock
) -> None:
    service_id = _service_id(db, "FG1234567890", 1)
    late = _open(db, world, agent, service_id)
    clock.at(warsaw(6, 9))  # Friday: past Wednesday's response due
    _set(db, agent, late, state=TicketState.CLOSED)
    ticket = _ticket(db, late)
    assert (ticket.response_met, ticket.resolution_met) == (False, True)
    clock.at(warsaw(9, 9))
    early = _open(db, world, agent, service_id)
    clock.at(warsaw(9, 10))
    _set(db, agent, early, state=TicketState.CANCELLED)
    ticket = _ticket(db, early)
    assert (ticket.response_met, ticket.resolution_met, ticket.next_due_at) == (None, None, None)
    assert ticket.response_due_at == warsaw(11 + 1, 9), "Wednesday 11 November is a holiday"


def test_reopening_counts_the_closed_time_as_a_pause(
    db: Database, world: World, agent: Actor, clock: Clock
) -> None:
    ticket_id = _open(db, world, agent, _service_id(db, "FG1234567890", 1))
    clock.at(warsaw(2, 10))
    _set(db, agent, ticket_id, state=TicketState.CLOSED)
    clock.at(warsaw(3, 10))  # reopened a day later: 8 business hours lay closed
    _set(db, agent, ticket_id, state=TicketState.IN_PROGRESS)
    ticket = _ticket(db, ticket_id)
    assert ticket.response_due_at == warsaw(5, 9)
    assert ticket.next_due_at == warsaw(5, 9)
    assert (ticket.response_met, ticket.resolution_met) == (None, None)
    assert [e["reason"] for e in _dues_entries(db, ticket_id)] == [
        "opened",
        "stopped",
        "reopened",
    ]


def test_a_ticket_without_an_active_service_gets_the_none_level(
    db: Database, world: World, agent: Actor, clock: Clock
) -> None:
    ticket_id = _open(db, world, agent, _service_id(db, "FG1234567890", 1))
    with db.transaction() as session:
        session.get_one(ServiceContract, world.contract_id).state = ContractState.EXPIRED
        ticket = session.get_one(Ticket, ticket_id)
        from hezo_desk.services.service_levels import dues

        dues.service_changed(session, None, ticket, warsaw(2, 9))
    ticket = _ticket(db, ticket_id)
    assert ticket.resolution_due_at is None
    assert ticket.resolution_target_minutes is None
    assert not ticket.resolution_target_nbd
    assert ticket.response_target_minutes == 960
    assert _dues_entries(db, ticket_id)[-1]["reason"] == "service_changed"


def _migrate(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_revision_0013_fills_the_dues_of_tickets_already_there(db: Database, world: World) -> None:
    """Down to 0012, tickets written as that desk wrote them, then up: each has its dues."""
    fortinet_8x5 = _service_id(db, "FG1234567890", 1)
    _migrate(db, "0012", down=True)
    tickets = table(
        "tickets",
        column("id", Integer),
        column("number", String),
        column("subject", String),
        column("customer_id", Integer),
        column("contract_id", Integer),
        column("service_id", Integer),
        column("state", String),
        column("priority", String),
        column("channel", String),
        column("reseller_access", Boolean),
        column("opened_at", UTCDateTime()),
        column("updated_at", UTCDateTime()),
        column("closed_at", UTCDateTime()),
        column("version", Integer),
    )
    messages = table(
        "messages",
        column("ticket_id", Integer),
        column("kind", String),
        column("author_name", String),
        column("body", String),
        column("created_at", UTCDateTime()),
    )
    opened = warsaw(2, 9)

    def row(n: int, state: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": n,
            "number": f"HD-{n:06d}",
            "subject": "stary",
            "customer_id": world.customer_id,
            "contract_id": world.contract_id,
            "service_id": fortinet_8x5,
            "state": state,
            "priority": "normal",
            "channel": "phone",
            "reseller_access": False,
            "opened_at": opened,
            "updated_at": opened,
            "closed_at": None,
            "version": 1,
            **extra,
        }

    with db.transaction() as session:
        session.execute(
            insert(tickets),
            [
                row(1, "new"),
                row(2, "waiting_for_customer", updated_at=warsaw(2, 11)),
                row(3, "closed", updated_at=warsaw(3, 9), closed_at=warsaw(3, 9)),
                row(4, "in_progress"),
                row(5, "in_progress", service_id=None, contract_id=None),
            ],
        )
        session.execute(
            insert(messages),
            [
                {"ticket_id": 3, "kind": "internal_note", "author_name": "A", "body": "x",
                 "created_at": warsaw(2, 10)},
                {"ticket_id": 3, "kind": "agent", "author_name": "A", "body": "y",
                 "created_at": warsaw(2, 12)},
                {"ticket_id": 3, "kind": "agent", "author_name": "A", "body": "z",
                 "created_at": warsaw(2, 13)},
                {"ticket_id": 4, "kind": "internal_note", "author_name": "A", "body": "x",
                 "created_at": warsaw(2, 10)},
            ],
        )  # fmt: skip
    db.upgrade()
    expected = levels.compute_dues(levels.EIGHT_FIVE, Priority.NORMAL, opened)
    new, waiting, closed, noted, unlinked = (_ticket(db, n) for n in range(1, 6))
    assert (new.response_due_at, new.resolution_due_at) == (expected.response, expected.resolution)
    assert new.next_due_at == warsaw(4, 9)
    assert new.response_target_minutes == 960
    assert (waiting.response_due_at, waiting.next_due_at) == (None, None)
    with db.sessions() as session:
        pauses = session.execute(select(TicketPause.ticket_id, TicketPause.started_at)).all()
    assert [tuple(p) for p in pauses] == [(2, warsaw(2, 11))]
    assert closed.first_response_at == warsaw(2, 12)
    assert (closed.response_met, closed.resolution_met, closed.next_due_at) == (True, True, None)
    assert noted.first_response_at is None, "an internal note is no reply"
    assert noted.next_due_at == warsaw(4, 9)
    assert unlinked.resolution_due_at is None, "no service: the level 'none'"
    assert unlinked.response_due_at == warsaw(4, 9)


def test_migrated_tickets_get_dues_from_their_legacy_opening_and_overdue_ones_are_marked(
    db: Database, admin: Actor
) -> None:
    report = run_import(db, back_office(db, admin), SAMPLE)
    # Opened in 2022: all but the two answered ones without a service (level "none": no
    # resolution due) are long overdue.
    assert report.overdue_total == 4
    assert any("4 migrated ticket(s) already overdue" in line for line in summary_lines(report))
    with db.sessions() as session:
        marked = session.execute(
            select(
                Ticket.legacy_number, Ticket.resolution_target_minutes, Ticket.first_response_at
            ).where(Ticket.overdue_at_migration.is_(False))
        ).all()
        assert len(marked) == 2
        assert all(row[1] is None and row[2] is not None for row in marked)
        services = session.execute(
            select(Service.product, LevelRow.rule_key).join(
                LevelRow, LevelRow.id == Service.service_level_id
            )
        ).all()
        assert services, "the imported services have a level"
        for product, rule_key in services:
            assert rule_key == product_rule_key(product), product
        z3 = session.scalar(select(Ticket).where(Ticket.legacy_number == "Z000003"))
        assert z3 is not None
        service = session.get_one(Service, z3.service_id)
        level = levels.default_level(service.product)
        first_reply = session.scalar(
            select(func.min(Message.created_at)).where(
                Message.ticket_id == z3.id, Message.kind == MessageKind.AGENT
            )
        )
        expected = levels.compute_dues(level, z3.priority, z3.opened_at)
        assert (z3.response_due_at, z3.resolution_due_at) == (
            expected.response,
            expected.resolution,
        )
        assert z3.first_response_at == first_reply
        assert z3.overdue_at_migration is True
        entries = session.scalars(
            select(AuditEntry.details).where(
                AuditEntry.action == "ticket.dues_changed", AuditEntry.ticket_id == z3.id
            )
        ).all()
    assert [e["reason"] for e in entries] == ["migrated"]
    assert entries[0]["overdue_at_migration"] is True


def test_demo_tickets_have_dues_some_breached_some_due_soon_some_met(demo_db: Database) -> None:
    with demo_db.sessions() as session:
        loaded = session.scalar(select(func.max(Ticket.updated_at)))
        assert loaded is not None
        open_dues = session.scalars(
            select(Ticket.next_due_at).where(Ticket.next_due_at.is_not(None))
        ).all()
        met = session.execute(
            select(Ticket.resolution_met, func.count()).group_by(Ticket.resolution_met)
        ).all()
        untargeted = session.scalar(select(func.count()).where(Ticket.sla_calendar.is_(None)))
        waiting = session.scalar(
            select(func.count()).where(Ticket.state == TicketState.WAITING_FOR_CUSTOMER)
        )
        pauses = session.scalar(
            select(func.count(TicketPause.id)).where(TicketPause.ended_at.is_(None))
        )
    assert untargeted == 0
    assert waiting == pauses, "each waiting ticket holds its clock"
    assert any(due < loaded for due in open_dues), "some are overdue"
    assert any(due > loaded for due in open_dues), "some are still due"
    assert {row[0] for row in met} >= {True, False}, "closed ones met or missed"


def test_the_recompute_command_gives_a_levels_open_tickets_its_new_targets(
    db: Database,
    world: World,
    admin: Actor,
    agent: Actor,
    clock: Clock,
    agent_password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service_id = _service_id(db, "FG1234567890", 1)  # 8x5
    first, second, closed = (_open(db, world, agent, service_id) for _ in range(3))
    _set(db, agent, closed, state=TicketState.CLOSED)
    with db.transaction() as session:
        eight_five = session.scalar(select(LevelRow).where(LevelRow.rule_key == "8x5"))
        assert eight_five is not None
        for target in eight_five.targets:
            if target.priority is Priority.NORMAL:
                target.response_minutes = 120
    url = db.url.render_as_string(hide_password=False)
    base = ["--database", url, "--json", "service-level", "recompute", "8X5"]
    assert main([*base, "--agent", agent.login]) == 2, "agents do not recompute"
    capsys.readouterr()
    assert main([*base, "--agent", admin.login]) == 0
    assert json.loads(capsys.readouterr().out) == {"level": "8x5", "tickets": 2, "changed": 2}
    for ticket_id in (first, second):
        ticket = _ticket(db, ticket_id)
        assert ticket.response_target_minutes == 120
        assert ticket.response_due_at == warsaw(2, 11), "two business hours from Monday 9:00"
        assert ticket.next_due_at == warsaw(2, 11)
        assert _dues_entries(db, ticket_id)[-1]["reason"] == "recomputed"
    assert _ticket(db, closed).response_target_minutes == 960, "a closed ticket keeps its own"
    assert main([*base[:-1], "Platinum", "--agent", admin.login]) == 2
    assert "No service level is named Platinum" in capsys.readouterr().err
    assert (
        recomputed_text("8x5", 2, 1)
        == "Service level 8x5: 2 open ticket(s) recomputed, 1 with changed dues"
    )


def test_relinking_a_migrated_ticket_to_another_service_recomputes_on_its_level(
    db: Database, world: World, admin: Actor, agent: Actor, clock: Clock
) -> None:
    with db.transaction() as session:
        contract = session.get_one(ServiceContract, world.contract_id)
        add_services(session, contract, "FG7777777777", ["FortiCare 24x7"])
    ticket_id = _open(db, world, agent, _service_id(db, "FG1234567890", 1))
    with db.transaction() as session:
        session.get_one(Ticket, ticket_id).migrated_at = warsaw(2, 9)
    clock.at(warsaw(2, 9, 30))
    ReviewService(db).link(
        admin,
        ticket_id,
        world.contract_id,
        _service_id(db, "FG7777777777", 0),
        expected_version=None,
    )
    ticket = _ticket(db, ticket_id)
    assert ticket.sla_calendar is not None
    assert ticket.sla_calendar.value == "24x7"
    assert ticket.response_target_minutes == 240
    assert ticket.response_due_at == warsaw(2, 13), "24x7 normal: four hours from the opening"
    entry = _dues_entries(db, ticket_id)[-1]
    assert entry["reason"] == "service_changed"
    assert entry["from"]["response_due"] == warsaw(4, 9).isoformat()
    assert entry["to"]["response_due"] == warsaw(2, 13).isoformat()


def test_a_dues_change_reads_in_english_and_in_polish() -> None:
    details = {
        "reason": "priority_changed",
        "from": {"response_due": warsaw(4, 9).isoformat(), "resolution_due": None},
        "to": {"response_due": warsaw(2, 13).isoformat(), "resolution_due": None},
        "response_met": True,
        "resolution_met": None,
    }
    assert dues_change_text(details) == (
        "Dues recomputed for the new priority: response due 2026-11-02 13:00, "
        "resolution due none (were 2026-11-04 09:00 and none), response target met"
    )
    polish = Catalogue().language("pl")
    worded = dues_change_text(details, polish.translate)
    assert "2026-11-02 13:00" in worded
    assert "priorytet" in worded.lower()


def test_the_ticket_history_words_a_dues_change(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from hezo_desk.ui.ticket.panes import history_table

    parent = QWidget()
    qtbot.addWidget(parent)
    model, _view = history_table(parent)
    entry = AuditRow(
        id=1,
        recorded_at=warsaw(2, 9),
        agent_login=None,
        agent_name=None,
        action="ticket.dues_changed",
        ticket_number="HD-000001",
        summary="HD-000001: dues opened: …",
        details={
            "reason": "opened",
            "from": None,
            "to": {"response_due": warsaw(4, 9).isoformat(), "resolution_due": None},
            "response_met": None,
            "resolution_met": None,
        },
    )
    other = replace(entry, id=2, action="ticket.replied", summary="HD-000001: reply")
    model.set_rows([entry, other])
    what = model.columnCount() - 1
    assert model.index(0, what).data() == (
        "Dues set at opening: response due 2026-11-04 09:00, resolution due none"
    )
    assert model.index(1, what).data() == "HD-000001: reply"
