"""One call id on several desks: a ring group rings at two agents, a call moves to another
agent, events of one call reach the journal out of order. Each desk's phone system reports its
own leg of the call; the journal keeps the call of the agent who has it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import CallDirection, CallEventKind, CallState, Role
from hezo_desk.models import Service
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.tickets import NewTicket, TicketService

NUMBER = "+48 12 345 67 89"


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def colleague(db: Database, admin: Actor) -> Actor:
    agents = AgentService(db)
    agents.add(
        admin, login="piotr.lis", display_name="Piotr Lis", role=Role.AGENT, password="x" * 12
    )
    return agents.resolve("piotr.lis")


@pytest.fixture
def now() -> dt.datetime:
    # Now, not a fixed time: a ticket is linked to a call live at the moment it is opened.
    return dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)


def _event(kind: CallEventKind, at: dt.datetime, seconds: int) -> CallEvent:
    return CallEvent(
        NUMBER, CallDirection.INBOUND, kind, "group-7", at + dt.timedelta(seconds=seconds)
    )


def _open_ticket(db: Database, world: World, actor: Actor) -> str:
    with db.sessions() as session:
        service = session.scalar(select(Service.id).where(Service.serial == "FW5550001111"))
    assert service is not None
    return TicketService(db).open(actor, NewTicket(world.contract_id, service, "Call", "x")).number


def test_the_other_desks_leg_ending_after_the_answer_does_not_end_the_call(
    db: Database, world: World, agent: Actor, colleague: Actor, now: dt.datetime
) -> None:
    journal = CallJournal(db)
    journal.record(agent, _event(CallEventKind.RING, now, 0))
    journal.record(colleague, _event(CallEventKind.RING, now, 0))
    journal.record(colleague, _event(CallEventKind.ANSWER, now, 5))
    # Anna's phone stops ringing: her phone system reports its leg hung up.
    still = journal.record(agent, _event(CallEventKind.HANGUP, now, 5))
    assert (still.state, still.agent_id) == (CallState.LIVE, colleague.id)
    number = _open_ticket(db, world, colleague)
    ended = journal.record(colleague, _event(CallEventKind.HANGUP, now, 65))
    assert (ended.state, ended.duration_s, ended.ticket_numbers) == (
        CallState.ANSWERED,
        60,
        (number,),
    )
    assert journal.callbacks() == []


def test_the_other_desks_leg_ending_before_the_answer_arrives_does_not_make_it_missed(
    db: Database, world: World, agent: Actor, colleague: Actor, now: dt.datetime
) -> None:
    journal = CallJournal(db)
    journal.record(agent, _event(CallEventKind.RING, now, 0))
    journal.record(colleague, _event(CallEventKind.RING, now, 0))
    journal.record(agent, _event(CallEventKind.HANGUP, now, 6))
    answered = journal.record(colleague, _event(CallEventKind.ANSWER, now, 5))
    assert (answered.state, answered.agent_id) == (CallState.LIVE, colleague.id)
    assert journal.callbacks() == []
    assert journal.live_call(colleague) is not None
    ended = journal.record(colleague, _event(CallEventKind.HANGUP, now, 65))
    assert (ended.state, ended.duration_s) == (CallState.ANSWERED, 60)


def test_a_short_calls_hang_up_arriving_before_its_answer_still_ends_it(
    db: Database, world: World, agent: Actor, now: dt.datetime
) -> None:
    """Two `hezo-desk call` processes of one desk race: the hang-up is recorded first."""
    journal = CallJournal(db)
    journal.record(agent, _event(CallEventKind.RING, now, 0))
    journal.record(agent, _event(CallEventKind.HANGUP, now, 3))
    answered = journal.record(agent, _event(CallEventKind.ANSWER, now, 2))
    assert (answered.state, answered.duration_s) == (CallState.ANSWERED, 1)
    assert journal.live_call(agent) is None
    assert journal.callbacks() == []


def test_a_call_offered_again_and_answered_later_is_live(
    db: Database, world: World, agent: Actor, now: dt.datetime
) -> None:
    """A queue rings the agent, gives up on them, and rings them again with the same id."""
    journal = CallJournal(db)
    journal.record(agent, _event(CallEventKind.RING, now, 0))
    journal.record(agent, _event(CallEventKind.HANGUP, now, 20))
    answered = journal.record(agent, _event(CallEventKind.ANSWER, now, 40))
    assert answered.state is CallState.LIVE
    ended = journal.record(agent, _event(CallEventKind.HANGUP, now, 100))
    assert (ended.state, ended.duration_s) == (CallState.ANSWERED, 60)


def test_a_call_taken_over_by_another_agent_is_theirs_until_they_hang_up(
    db: Database, world: World, agent: Actor, colleague: Actor, now: dt.datetime
) -> None:
    """Anna answers and passes the call to Piotr, whose phone system reports it answered."""
    journal = CallJournal(db)
    journal.record(agent, _event(CallEventKind.RING, now, 0))
    journal.record(agent, _event(CallEventKind.ANSWER, now, 5))
    first = _open_ticket(db, world, agent)
    moved = journal.record(colleague, _event(CallEventKind.ANSWER, now, 30))
    assert (moved.state, moved.agent_id) == (CallState.LIVE, colleague.id)
    # Anna's leg ends with the transfer.
    journal.record(agent, _event(CallEventKind.HANGUP, now, 31))
    assert journal.live_call(agent) is None
    second = _open_ticket(db, world, colleague)
    ended = journal.record(colleague, _event(CallEventKind.HANGUP, now, 125))
    assert (ended.state, ended.duration_s) == (CallState.ANSWERED, 120)
    assert ended.ticket_numbers == tuple(sorted((first, second)))


def test_one_call_id_for_calls_from_two_numbers_makes_two_calls(
    db: Database, world: World, agent: Actor, colleague: Actor, now: dt.datetime
) -> None:
    """Two desks' phone systems number their calls alike: the same id, other callers."""
    journal = CallJournal(db)
    first = journal.record(agent, _event(CallEventKind.RING, now, 0))
    other = CallEvent("601 200 300", CallDirection.INBOUND, CallEventKind.RING, "group-7", now)
    second = journal.record(colleague, other)
    assert second.id != first.id
    assert (second.number_e164, second.agent_id) == ("+48601200300", colleague.id)
    answered = journal.record(colleague, replace(other, event=CallEventKind.ANSWER))
    assert (answered.id, answered.state) == (second.id, CallState.LIVE)
    assert journal.get(first.id).state is CallState.RINGING
    journal.record(agent, _event(CallEventKind.HANGUP, now, 30))
    assert journal.get(first.id).state is CallState.MISSED
    assert journal.get(second.id).state is CallState.LIVE


def test_a_call_id_used_again_days_later_is_a_new_call(
    db: Database, world: World, agent: Actor, now: dt.datetime
) -> None:
    """A phone system that counts its calls from 1 again after a restart."""
    journal = CallJournal(db)
    yesterday = now - dt.timedelta(days=1)
    old = journal.record(agent, _event(CallEventKind.RING, yesterday, 0))
    journal.record(agent, _event(CallEventKind.ANSWER, yesterday, 5))
    journal.record(agent, _event(CallEventKind.HANGUP, yesterday, 65))
    new = journal.record(agent, _event(CallEventKind.RING, now, 0))
    assert new.id != old.id
    assert (new.state, new.call_id) == (CallState.RINGING, "group-7")
    ended = journal.record(agent, _event(CallEventKind.HANGUP, now, 20))
    assert (ended.id, ended.state) == (new.id, CallState.MISSED)
    assert journal.get(old.id).duration_s == 60
