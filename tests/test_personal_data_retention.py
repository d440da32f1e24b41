"""Retention: the contacts of tickets all closed before a date, with no newer activity."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from builders import build_world
from hezo_desk.db import Database
from hezo_desk.enums import CallDirection, CallEventKind, TicketState
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import Contact, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.personal_data.retention import RetentionService, default_closed_before
from hezo_desk.services.personal_data.verification import verify_erased
from personal_data_builders import CLOSED_BEFORE, RECENTLY, old_person, supervisor


def test_five_years_back_by_default() -> None:
    assert default_closed_before(dt.date(2026, 11, 30)) == dt.date(2021, 11, 30)
    assert default_closed_before(dt.date(2028, 2, 29)) == dt.date(2023, 2, 28)


def test_a_dry_run_reports_who_is_due_and_the_real_run_anonymises_only_them(
    db: Database, admin: Actor, agent: Actor
) -> None:
    world = build_world(db)
    due = old_person(db, world.customer_id, 1, ("Zofia", "Dawna"))
    recent = old_person(db, world.customer_id, 2, ("Piotr", "Świeży"), message_at=RECENTLY)
    still_open = old_person(
        db, world.customer_id, 3, ("Ewa", "Otwarta"), state=TicketState.IN_PROGRESS
    )
    service = RetentionService(db)
    boss = supervisor(db, admin)

    with pytest.raises(PermissionDeniedError):
        service.run(agent, CLOSED_BEFORE, dry_run=True)
    assert service.due_count(CLOSED_BEFORE) == 1
    dry = service.run(boss, CLOSED_BEFORE, dry_run=True)
    assert [c.contact_id for c in dry.candidates] == [due]
    assert dry.candidates[0].customer_name == "Drukarnia Łąka Sp. z o.o."
    assert dry.anonymised == ()
    with db.sessions() as session:
        assert session.scalar(select(Contact.last_name).where(Contact.id == due)) == "Dawna"

    report = service.run(boss, CLOSED_BEFORE, dry_run=False)
    assert [contact_id for contact_id, _n in report.anonymised] == [due]
    assert service.due_count(CLOSED_BEFORE) == 0
    assert verify_erased(db, ["Zofia Dawna", "zofia.dawna@laka.pl", "+48 701 000 001"]).clean
    with db.sessions() as session:
        kept = set(session.scalars(select(Contact.id).where(Contact.anonymised_number.is_(None))))
        subject = session.scalar(select(Ticket.subject).where(Ticket.contact_id == due))
    assert {recent, still_open} <= kept
    assert subject == "Sprawa 1", "the case history stays"
    assert not verify_erased(db, ["Piotr Świeży"]).clean


def test_a_recent_call_from_their_phone_keeps_a_contact(
    db: Database, admin: Actor, agent: Actor
) -> None:
    world = build_world(db)
    called = old_person(db, world.customer_id, 4, ("Jan", "Dzwoniący"))
    service = RetentionService(db)
    assert service.due_count(CLOSED_BEFORE) == 1
    CallJournal(db).record(
        agent,
        CallEvent("0048 704 000 004", CallDirection.INBOUND, CallEventKind.RING, "k-4", RECENTLY),
    )
    assert service.due_count(CLOSED_BEFORE) == 0
    dry = service.run(supervisor(db, admin), CLOSED_BEFORE, dry_run=True)
    assert called not in [c.contact_id for c in dry.candidates]
