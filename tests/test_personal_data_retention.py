"""Retention: the contacts of tickets all closed before a date, with no newer activity."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Language, MessageKind, Priority, TicketState
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import Contact, Message, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.normalize import email_key, phone_key
from hezo_desk.services.personal_data.retention import RetentionService, default_closed_before
from hezo_desk.services.personal_data.verification import verify_erased
from personal_data_builders import supervisor

LONG_AGO = dt.datetime(2019, 5, 6, 10, 0, tzinfo=dt.UTC)
RECENTLY = dt.datetime(2025, 9, 1, 10, 0, tzinfo=dt.UTC)
CLOSED_BEFORE = dt.date(2021, 1, 1)


def _person(
    db: Database,
    world: World,
    number: int,
    name: tuple[str, str],
    *,
    state: TicketState = TicketState.CLOSED,
    message_at: dt.datetime = LONG_AGO,
) -> int:
    first, last = name
    email = f"{first}.{last}@laka.pl".lower()
    phone = f"+48 70{number} 000 00{number}"
    with db.transaction() as session:
        contact = Contact(
            customer_id=world.customer_id,
            first_name=first,
            last_name=last,
            email=email,
            email_normalized=email_key(email),
            phone=phone,
            phone_key=phone_key(phone),
            language=Language.POLISH,
            registered_at=LONG_AGO,
            updated_at=LONG_AGO,
        )
        session.add(contact)
        session.flush()
        ticket = Ticket(
            number=f"HD-80000{number}",
            subject=f"Sprawa {number}",
            customer_id=world.customer_id,
            contact_id=contact.id,
            state=state,
            priority=Priority.NORMAL,
            channel=Channel.PHONE,
            opened_at=LONG_AGO,
            updated_at=LONG_AGO,
            closed_at=None if state.is_open else LONG_AGO,
        )
        session.add(ticket)
        session.flush()
        session.add(
            Message(
                ticket_id=ticket.id,
                kind=MessageKind.CUSTOMER,
                author_name=f"{first} {last}",
                author_contact_id=contact.id,
                body=f"Pozdrawiam, {first} {last}, tel. {phone}",
                created_at=message_at,
            )
        )
        return contact.id


def test_five_years_back_by_default() -> None:
    assert default_closed_before(dt.date(2026, 11, 30)) == dt.date(2021, 11, 30)
    assert default_closed_before(dt.date(2028, 2, 29)) == dt.date(2023, 2, 28)


def test_a_dry_run_reports_who_is_due_and_the_real_run_anonymises_only_them(
    db: Database, admin: Actor, agent: Actor
) -> None:
    world = build_world(db)
    due = _person(db, world, 1, ("Zofia", "Dawna"))
    recent = _person(db, world, 2, ("Piotr", "Świeży"), message_at=RECENTLY)
    still_open = _person(db, world, 3, ("Ewa", "Otwarta"), state=TicketState.IN_PROGRESS)
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
