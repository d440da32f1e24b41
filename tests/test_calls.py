"""The call journal: events make one call, callers matched by phone, tickets linked during a
call, the call-back list shared by agents, the day's figures, the export."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import CallDirection, CallEventKind, CallState, Role
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import AuditEntry, Service
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.call_records import write_csv
from hezo_desk.services.calls import (
    CallBackClaimedError,
    CallConflictError,
    CallJournal,
    NotACallBackError,
)
from hezo_desk.services.change_feed import ChangeFeed
from hezo_desk.services.listing.calls import CallFilter, CallListing
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.tickets import NewTicket, TicketService

T0 = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)  # 10:00 in Warsaw, in the past


def event(
    kind: CallEventKind,
    number: str = "+48 12 345 67 89",
    *,
    call_id: str | None = "c-1",
    at: dt.datetime = T0,
    direction: CallDirection = CallDirection.INBOUND,
) -> CallEvent:
    return CallEvent(number, direction, kind, call_id, at)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _add_agent(db: Database, admin: Actor, login: str, role: Role) -> Actor:
    agents = AgentService(db)
    agents.add(admin, login=login, display_name=login.title(), role=role, password="x" * 12)
    return agents.resolve(login)


@pytest.fixture
def colleague(db: Database, admin: Actor) -> Actor:
    return _add_agent(db, admin, "piotr.lis", Role.AGENT)


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    return _add_agent(db, admin, "ola.szef", Role.SUPERVISOR)


@pytest.fixture
def second_desk(db: Database) -> Iterator[Database]:
    """Another agent's desk on the same database: its own engine and sessions."""
    other = Database(db.url)
    yield other
    other.dispose()


def _service(db: Database, serial: str) -> int:
    with db.sessions() as session:
        found = session.scalar(select(Service.id).where(Service.serial == serial))
    assert found is not None
    return found


def test_ring_answer_hangup_make_one_call_with_its_duration(
    db: Database, world: World, agent: Actor
) -> None:
    journal = CallJournal(db)
    rang = journal.record(agent, event(CallEventKind.RING))
    assert rang.state is CallState.RINGING
    assert rang.customer_id == world.customer_id
    assert rang.customer_name == "Drukarnia Łąka Sp. z o.o."
    assert rang.display == "12 345 67 89"
    answered = journal.record(agent, event(CallEventKind.ANSWER, at=T0 + dt.timedelta(seconds=5)))
    assert answered.id == rang.id
    assert answered.state is CallState.LIVE
    ended = journal.record(agent, event(CallEventKind.HANGUP, at=T0 + dt.timedelta(seconds=125)))
    assert (ended.id, ended.state, ended.duration_s) == (rang.id, CallState.ANSWERED, 120)
    # A repeated event (a retried hand-off) changes nothing and records nothing.
    again = journal.record(agent, event(CallEventKind.HANGUP, at=T0 + dt.timedelta(seconds=999)))
    assert (again.ended_at, again.version) == (ended.ended_at, ended.version)
    with db.sessions() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions.count(AuditAction.CALL_RECORDED) == 3


def test_without_a_call_id_the_agents_call_to_that_number_is_completed(
    db: Database, world: World, agent: Actor
) -> None:
    journal = CallJournal(db)
    rang = journal.record(agent, event(CallEventKind.RING, "0048123456789", call_id=None))
    answered = journal.record(agent, event(CallEventKind.ANSWER, "12 345 67 89", call_id=None))
    ended = journal.record(agent, event(CallEventKind.HANGUP, "tel:+48-12-345-67-89", call_id=None))
    assert rang.id == answered.id == ended.id
    # A new ring from the same number is a new call.
    assert journal.record(agent, event(CallEventKind.RING, call_id=None)).id != rang.id


def test_a_caller_is_matched_by_a_contacts_phone(db: Database, world: World, agent: Actor) -> None:
    RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="FW5550001111",
        details=ContactDetails("Ewa", "Kłos", "ewa.klos@laka.pl", "+48 501 502 503"),
    )
    call = CallJournal(db).record(agent, event(CallEventKind.RING, "501-502-503"))
    assert (call.customer_id, call.contact_name) == (world.customer_id, "Ewa Kłos")


def test_an_unknown_number_is_journalled_without_a_customer(db: Database, agent: Actor) -> None:
    call = CallJournal(db).record(agent, event(CallEventKind.RING, "unknown"))
    assert (call.number, call.number_e164, call.customer_id) == ("unknown", None, None)


def test_a_ticket_opened_and_one_replied_to_during_a_call_are_linked(
    db: Database, world: World, agent: Actor, colleague: Actor
) -> None:
    journal, tickets = CallJournal(db), TicketService(db)
    service = _service(db, "FW5550001111")
    before = tickets.open(agent, NewTicket(world.contract_id, service, "Before", "Earlier."))
    now = dt.datetime.now(dt.UTC)
    journal.record(agent, event(CallEventKind.RING, at=now))
    # Ringing is not yet a call in progress.
    tickets.open(agent, NewTicket(world.contract_id, service, "While ringing", "Not linked."))
    journal.record(agent, event(CallEventKind.ANSWER, at=now))
    assert journal.live_call(agent) is not None
    assert journal.live_call(colleague) is None
    opened = tickets.open(agent, NewTicket(world.contract_id, service, "On the phone", "Linked."))
    tickets.reply(agent, before.id, "Answered on the phone.")
    tickets.add_note(agent, opened.id, "A note is no answer to the call.")
    # Another agent's work is not linked to this agent's call.
    tickets.open(colleague, NewTicket(world.contract_id, service, "Colleague", "Not linked."))
    ended = journal.record(agent, event(CallEventKind.HANGUP, at=now))
    assert ended.ticket_numbers == tuple(sorted((opened.number, before.number)))
    # After the hang-up nothing more is linked.
    tickets.reply(agent, opened.id, "Written after the call.")
    assert journal.get(ended.id).ticket_numbers == ended.ticket_numbers
    with db.sessions() as session:
        linked = session.scalars(
            select(AuditEntry.ticket_id).where(AuditEntry.action == AuditAction.CALL_TICKET_LINKED)
        ).all()
    assert sorted(linked) == sorted([opened.id, before.id])


def _missed(db: Database, agent: Actor, call_id: str = "m-1") -> int:
    journal = CallJournal(db)
    journal.record(agent, event(CallEventKind.RING, call_id=call_id))
    missed = journal.record(agent, event(CallEventKind.HANGUP, call_id=call_id))
    assert missed.state is CallState.MISSED
    return missed.id


def test_a_call_back_claimed_by_one_agent_is_refused_to_another(
    db: Database, second_desk: Database, world: World, agent: Actor, colleague: Actor
) -> None:
    """Two desks on one database: each reads the call-back list, both claim the same call."""
    missed_id = _missed(db, agent)
    anna, piotr = CallJournal(db), CallJournal(second_desk)
    seen_by_anna = anna.callbacks()
    seen_by_piotr = piotr.callbacks()
    assert [c.id for c in seen_by_anna] == [c.id for c in seen_by_piotr] == [missed_id]
    claimed = anna.claim_callback(agent, missed_id, expected_version=seen_by_anna[0].version)
    assert claimed.callback_agent_name == agent.display_name
    with pytest.raises(CallBackClaimedError) as refused:
        piotr.claim_callback(colleague, missed_id, expected_version=seen_by_piotr[0].version)
    assert refused.value.current.callback_agent_id == agent.id
    # Even with the version now current, the call-back is Anna's.
    with pytest.raises(CallBackClaimedError):
        piotr.claim_callback(colleague, missed_id, expected_version=claimed.version)
    with pytest.raises(CallBackClaimedError):
        piotr.call_back(colleague, missed_id, expected_version=claimed.version)
    # Anna's own claim again is no conflict.
    assert anna.claim_callback(agent, missed_id, expected_version=1).version == claimed.version
    released = anna.release_callback(agent, missed_id, expected_version=claimed.version)
    assert released.callback_agent_id is None
    assert piotr.claim_callback(colleague, missed_id, expected_version=released.version)


def test_calling_back_records_the_outgoing_call_settles_the_number_and_is_audited(
    db: Database, world: World, agent: Actor
) -> None:
    first = _missed(db, agent, "m-1")
    second = _missed(db, agent, "m-2")
    journal = CallJournal(db)
    pending = journal.callbacks()
    assert [c.id for c in pending] == [first, second]
    outgoing = journal.call_back(agent, first, expected_version=pending[0].version)
    assert outgoing.direction is CallDirection.OUTBOUND
    assert (outgoing.number_e164, outgoing.customer_id) == ("+48123456789", world.customer_id)
    assert journal.callbacks() == []
    settled = journal.get(second)
    assert settled.callback_done_at is not None
    with pytest.raises(NotACallBackError):
        journal.claim_callback(agent, first, expected_version=journal.get(first).version)
    # The phone system then reports that outgoing call: it completes the call recorded.
    dialled = journal.record(
        agent,
        event(
            CallEventKind.RING,
            call_id="out-1",
            direction=CallDirection.OUTBOUND,
            at=dt.datetime.now(dt.UTC),
        ),
    )
    assert dialled.id == outgoing.id
    with db.sessions() as session:
        made = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.action == AuditAction.CALL_BACK_MADE)
        ).all()
    assert made == ["called back +48123456789"]


def test_a_caller_who_gets_through_needs_no_call_back(
    db: Database, world: World, agent: Actor
) -> None:
    _missed(db, agent, "m-1")
    journal = CallJournal(db)
    journal.record(agent, event(CallEventKind.RING, call_id="c-2", at=T0 + dt.timedelta(hours=1)))
    journal.record(agent, event(CallEventKind.ANSWER, call_id="c-2", at=T0 + dt.timedelta(hours=1)))
    assert journal.callbacks() == []


def test_outcome_is_kept_and_a_stale_version_refused(
    db: Database, world: World, agent: Actor
) -> None:
    journal = CallJournal(db)
    call = journal.record(agent, event(CallEventKind.RING))
    changed = journal.set_outcome(agent, call.id, "  Solved on the phone ", expected_version=None)
    assert changed.outcome == "Solved on the phone"
    with pytest.raises(CallConflictError) as refused:
        journal.set_outcome(agent, call.id, "Other", expected_version=call.version)
    assert refused.value.current.outcome == "Solved on the phone"


def test_the_days_figures_per_hour_and_the_missed_rate(
    db: Database, world: World, agent: Actor, supervisor: Actor
) -> None:
    journal = CallJournal(db)
    _missed(db, agent, "m-1")  # 10:00 Warsaw
    for number, offset in (("a-1", 0), ("a-2", 1), ("a-3", 3)):
        at = T0 + dt.timedelta(hours=offset)
        journal.record(agent, event(CallEventKind.ANSWER, call_id=number, at=at))
        journal.record(agent, event(CallEventKind.HANGUP, call_id=number, at=at))
    journal.record(
        agent, event(CallEventKind.RING, call_id="o-1", direction=CallDirection.OUTBOUND)
    )
    # The day before, in Warsaw time (23:30 on the 26th).
    journal.record(
        agent,
        event(
            CallEventKind.RING, call_id="y-1", at=dt.datetime(2026, 11, 29, 22, 30, tzinfo=dt.UTC)
        ),
    )
    figures = journal.day_statistics(supervisor, dt.date(2026, 11, 27))
    assert (figures.incoming, figures.outgoing, figures.missed) == (4, 1, 1)
    assert figures.missed_rate == 0.25
    by_hour = {hour.hour: (hour.incoming, hour.outgoing, hour.missed) for hour in figures.hours}
    assert by_hour[10] == (2, 1, 1)
    assert by_hour[11] == (1, 0, 0)
    assert by_hour[13] == (1, 0, 0)
    assert sum(hour.incoming for hour in figures.hours) == 4
    with pytest.raises(PermissionDeniedError):
        journal.day_statistics(agent, dt.date(2026, 11, 27))


def test_csv_export_in_warsaw_time(db: Database, world: World, agent: Actor) -> None:
    journal = CallJournal(db)
    journal.record(agent, event(CallEventKind.ANSWER))
    record = journal.record(agent, event(CallEventKind.HANGUP, at=T0 + dt.timedelta(minutes=2)))
    out = io.StringIO()
    assert write_csv([record], out) == 1
    header, line = out.getvalue().splitlines()
    assert header.startswith("started,direction,state,number,customer")
    assert line.startswith("2026-11-27 10:00,in,answered,+48123456789,Drukarnia Łąka Sp. z o.o.")
    assert ",120," in line


def test_two_desks_recording_one_new_call_id_at_once_make_one_call(
    db: Database, world: World, agent: Actor, colleague: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ring group: the same call rings on two desks. The second desk read "no such call"
    before the first committed; its insert is refused by the unique call id and it applies its
    event to the first desk's row instead. The agent who answers becomes the call's agent."""
    journal = CallJournal(db)
    first = journal.record(agent, event(CallEventKind.RING, call_id="group-1"))
    found = CallJournal._find
    missed_once: list[bool] = []

    def late_read(*args: object) -> object:
        if not missed_once:
            missed_once.append(True)
            return None  # as read before the other desk's commit
        return found(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(CallJournal, "_find", staticmethod(late_read))
    second = journal.record(colleague, event(CallEventKind.RING, call_id="group-1"))
    assert missed_once == [True]
    assert second.id == first.id
    answered = journal.record(colleague, event(CallEventKind.ANSWER, call_id="group-1"))
    assert (answered.id, answered.agent_id) == (first.id, colleague.id)
    assert len(CallListing(db).rows(CallFilter())) == 1


def test_the_change_feed_tells_calls_apart_from_other_changes(
    db: Database, world: World, agent: Actor
) -> None:
    feed = ChangeFeed(db)
    start = feed.position()
    CallJournal(db).record(agent, event(CallEventKind.RING))
    batch = feed.since(start)
    assert (batch.calls, batch.others, batch.ticket_ids) == (True, False, frozenset())
    assert feed.since(batch.position).calls is False
