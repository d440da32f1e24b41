"""Erasure of a person named in migrated legacy dialogues: the importer's own PDFs."""

from __future__ import annotations

from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.enums import LEGACY_DIALOGUE_KIND, MessageKind
from hezo_desk.models import Attachment, Contact, Message, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.normalize import email_key
from hezo_desk.services.personal_data.documents import pdf_pages
from hezo_desk.services.personal_data.erasure import ErasureService
from hezo_desk.services.personal_data.verification import verify_erased
from legacy_support import SAMPLE, back_office, run_import


def test_a_legacy_author_who_became_a_contact_leaves_no_trace_in_the_dialogue_pdfs(
    db: Database, admin: Actor
) -> None:
    office = back_office(db, admin)
    run_import(db, office, SAMPLE)
    with db.sessions() as session:
        author, ticket_id = session.execute(
            select(Message.author_name, Message.ticket_id)
            .where(Message.kind == MessageKind.CUSTOMER, Message.legacy_id.is_not(None))
            .where(func.length(Message.author_name) > 5)
            .order_by(Message.id)
            .limit(1)
        ).one()
        customer_id = session.scalar(select(Ticket.customer_id).where(Ticket.id == ticket_id))
    assert " " in author
    first, last = author.split(" ", 1)
    email = "osoba.z.dialogu@example.pl"
    with db.transaction() as session:
        contact = Contact(
            customer_id=customer_id,
            first_name=first,
            last_name=last,
            email=email,
            email_normalized=email_key(email),
        )
        session.add(contact)
        session.flush()
        contact_id = contact.id
    before = verify_erased(db, [author])
    assert any(f.place == "attachments.data (PDF text)" for f in before.findings)

    outcome = ErasureService(db).erase(back_office(db, admin, "ola.office"), contact_id)

    assert verify_erased(db, [author, email]).clean
    with db.sessions() as session:
        pdf = session.scalar(
            select(Attachment.data).where(
                Attachment.ticket_id == ticket_id, Attachment.kind == LEGACY_DIALOGUE_KIND
            )
        )
        number = session.scalar(select(Ticket.number).where(Ticket.id == ticket_id))
    text = "\n".join(pdf_pages(pdf or b""))
    assert outcome.label in text
    assert number in text, "the case stays readable"
