"""A desk that holds one person's data in every store: for the erasure and its proof."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    CallDirection,
    CallEventKind,
    Channel,
    Language,
    MessageKind,
    Priority,
    Role,
    TicketState,
)
from hezo_desk.models import Attachment, Contact, Message, Service, Ticket
from hezo_desk.services import audit
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.normalize import email_key, phone_key
from hezo_desk.services.pdf import CaseEntry, legacy_case_document, render_case_pdf
from hezo_desk.services.personal_data.documents import text_pdf
from hezo_desk.services.phones import phone_e164
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService

NAME = "Łukasz Kowalski"
EMAIL = "Lukasz.Kowalski@laka.pl"
PHONE = "+48 600 100 200"
VALUES = (NAME, EMAIL.lower(), PHONE)
LONG_AGO = dt.datetime(2019, 5, 6, 10, 0, tzinfo=dt.UTC)
RECENTLY = dt.datetime(2025, 9, 1, 10, 0, tzinfo=dt.UTC)
CLOSED_BEFORE = dt.date(2021, 1, 1)
OTHER = ContactDetails("Anna", "Zielińska", "anna.zielinska@laka.pl", "+48 601 222 333")


@dataclass(frozen=True)
class PersonDesk:
    world: World
    contact_id: int
    other_contact_id: int
    own_ticket_id: int
    other_ticket_id: int
    legacy_ticket_id: int
    drafts: Path


def supervisor(db: Database, admin: Actor, login: str = "maria.supervisor") -> Actor:
    AgentService(db).add(
        admin,
        login=login,
        display_name="Maria Nadzorcza",
        role=Role.SUPERVISOR,
        password="correct horse",
    )
    return AgentService(db).resolve(login)


def _service_id(db: Database) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Service.id).where(Service.serial == "FG1234567890", Service.notation_index == 1)
        )
    assert found is not None
    return found


def register(db: Database, agent: Actor, details: ContactDetails) -> int:
    result = RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="(H1)-FG1234567890",
        details=details,
    )
    return result.contact.id


def open_ticket(
    db: Database, world: World, agent: Actor, contact_id: int, subject: str, text: str
) -> int:
    new = NewTicket(
        contract_id=world.contract_id,
        service_id=_service_id(db),
        subject=subject,
        description=text,
        priority=Priority.NORMAL,
        channel=Channel.PHONE,
        contact_id=contact_id,
    )
    return TicketService(db).open(agent, new).id


def build_person_desk(db: Database, agent: Actor, tmp_path: Path) -> PersonDesk:
    world = build_world(db)
    contact_id = register(
        db, agent, ContactDetails("Łukasz", "Kowalski", EMAIL, PHONE, Language.POLISH)
    )
    other_id = register(db, agent, OTHER)
    tickets = TicketService(db)
    own = open_ticket(
        db,
        world,
        agent,
        contact_id,
        f"VPN nie działa – zgłasza {EMAIL.lower()}",
        f"Dzień dobry, proszę o kontakt pod 600-100-200.\n\nPozdrawiam,\n{NAME}",
    )
    tickets.reply(agent, own, "Panie Kowalski, proszę o log. Dzwoniłem na (+48) 600 100 200.")
    tickets.add_note(agent, own, f"Klient {NAME.upper()} prosi o kontakt po 15.")
    tickets.add_attachment(agent, own, "kontakt.txt", f"Kontakt: {EMAIL}\n".encode())
    invoice = text_pdf([f"Faktura dla {NAME}, tel. 600100200"])
    tickets.add_attachment(agent, own, "faktura.pdf", invoice)
    ResellerAccessService(db).change_access(
        agent,
        own,
        AccessRequest(
            granted=True,
            channel=Channel.PHONE,
            requested_by_contact_id=contact_id,
            note=f"{NAME} zgodził się przez telefon",
        ),
        expected_version=None,
    )
    tickets.change(agent, own, TicketChange(state=TicketState.CLOSED), expected_version=None)

    # Anna's ticket names Łukasz in full (redacted everywhere) and a Kowalski alone (not his
    # ticket: a surname alone may be someone else, it stays).
    other_ticket = open_ticket(
        db,
        world,
        agent,
        other_id,
        "Drukarka sieciowa",
        f"Kolega {NAME} zgłaszał to samo. Pan Kowalski z serwisu był wczoraj.",
    )
    # A ticket that names nobody, but whose files do (found by reading every file).
    unrelated = open_ticket(db, world, agent, other_id, "Skany umów", "W załączeniu skany.")
    tickets.add_attachment(agent, unrelated, "skan.pdf", text_pdf([f"Tel. kontaktowy {PHONE}"]))
    tickets.add_attachment(agent, unrelated, "lista.csv", f"imie;email\nŁukasz;{EMAIL}\n".encode())
    # The call journal: a call from his phone, rung and hung up unanswered (a call-back).
    journal = CallJournal(db)
    at = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    for event in (CallEventKind.RING, CallEventKind.HANGUP):
        journal.record(
            agent, CallEvent("0048 600-100-200", CallDirection.INBOUND, event, "rodo-1", at)
        )
    legacy = _legacy_ticket(db, world, agent)
    drafts = tmp_path / "drafts"
    (drafts / "abc").mkdir(parents=True)
    (drafts / "abc" / f"ticket-{own}.json").write_text(
        json.dumps({"kind": "reply", "text": f"Do {NAME}: ", "client_key": None}),
        encoding="utf-8",
    )
    (drafts / "abc" / f"ticket-{other_ticket}.json").write_text(
        json.dumps({"kind": "note", "text": "nic osobowego", "client_key": None}),
        encoding="utf-8",
    )
    return PersonDesk(world, contact_id, other_id, own, other_ticket, legacy, drafts)


def _legacy_ticket(db: Database, world: World, agent: Actor) -> int:
    """A migrated ticket as the import writes it: messages with legacy ids, the dialogue PDF
    rendered from them, the import's audit entry."""
    opened = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)
    entries = [
        (NAME, MessageKind.CUSTOMER, opened, f"Nie drukuje. {NAME}, tel. 600 100 200"),
        ("Jan Serwisant", MessageKind.AGENT, opened + dt.timedelta(hours=1), "Sprawdzamy."),
    ]
    document = legacy_case_document(
        legacy_number="ZG/2024/00042",
        number="HD-900001",
        subject="Drukarka",
        customer_name="Drukarnia Łąka Sp. z o.o.",
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="FG1234567890",
        state=TicketState.IN_PROGRESS,
        priority=Priority.NORMAL,
        opened_at=opened,
        language=Language.POLISH,
        messages=[CaseEntry(author=a, kind=k, time=t, body=b) for a, k, t, b in entries],
    )
    pdf = render_case_pdf(document, exported_by=agent.display_name, exported_at=opened)
    with db.transaction() as session:
        ticket = Ticket(
            number="HD-900001",
            subject="Drukarka",
            customer_id=world.customer_id,
            contract_id=world.contract_id,
            state=TicketState.IN_PROGRESS,
            priority=Priority.NORMAL,
            channel=Channel.MIGRATION,
            legacy_number="ZG/2024/00042",
            opened_at=opened,
            updated_at=opened,
            migrated_at=opened,
        )
        session.add(ticket)
        session.flush()
        session.execute(
            insert(Message),
            [
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "author_name": author,
                    "body": body,
                    "created_at": at,
                    "legacy_id": f"L{index}",
                }
                for index, (author, kind, at, body) in enumerate(entries)
            ],
        )
        session.add(
            Attachment(
                ticket_id=ticket.id,
                file_name="legacy-dialogue-ZG_2024_00042.pdf",
                content_type="application/pdf",
                size=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
                data=pdf,
                kind=LEGACY_DIALOGUE_KIND,
                created_at=opened,
                created_by_agent_id=agent.id,
            )
        )
        session.flush()
        audit.record(
            session,
            agent,
            AuditAction.LEGACY_IMPORTED,
            "HD-900001: migrated from legacy ticket ZG/2024/00042",
            ticket_id=ticket.id,
            details={"legacy_contract": "UMS/2024/00001", "legacy_serial": "FG1234567890"},
        )
        return ticket.id


def old_person(
    db: Database,
    customer_id: int,
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
            customer_id=customer_id,
            first_name=first,
            last_name=last,
            email=email,
            email_normalized=email_key(email),
            phone=phone,
            phone_key=phone_key(phone),
            phone_e164=phone_e164(phone),
            language=Language.POLISH,
            registered_at=LONG_AGO,
            updated_at=LONG_AGO,
        )
        session.add(contact)
        session.flush()
        ticket = Ticket(
            number=f"HD-80000{number}",
            subject=f"Sprawa {number}",
            customer_id=customer_id,
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
