"""Erasure of a person's data (RODO art. 17): every store, then the proof finds nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text, update

from hezo_desk.db import Database, alembic_config
from hezo_desk.enums import LEGACY_DIALOGUE_KIND, CallDirection, CallEventKind, TicketState
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import (
    Attachment,
    AuditEntry,
    Call,
    Contact,
    Message,
    ResellerAccessChange,
    Ticket,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.personal_data.documents import pdf_pages, text_pdf
from hezo_desk.services.personal_data.erasure import (
    AlreadyAnonymisedError,
    ErasureRefusedError,
    ErasureService,
)
from hezo_desk.services.personal_data.verification import verify_erased
from hezo_desk.services.registration import ContactDetails
from hezo_desk.services.search import SearchService
from hezo_desk.services.tickets import TicketService
from personal_data_builders import (
    NAME,
    OTHER,
    VALUES,
    build_person_desk,
    open_ticket,
    register,
    supervisor,
)


def test_before_the_erasure_the_proof_finds_the_person_everywhere(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    report = verify_erased(db, VALUES, drafts=desk.drafts)
    places = {finding.place for finding in report.findings}
    assert {
        "contacts.phone",
        "contacts.email",
        "messages.body",
        "messages.author_name",
        "tickets.subject",
        "audit_log.summary",
        "audit_log.details",
        "attachments.data",
        "attachments.data (PDF text)",
        "drafts",
    } <= places
    assert any("full-text index" in place for place in places)


def test_erasure_reaches_every_store_and_the_proof_finds_nothing(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    outcome = ErasureService(db, drafts=desk.drafts).erase(agent, desk.contact_id)

    assert outcome.label == f"Osoba zanonimizowana {outcome.anonymised_number}"
    report = verify_erased(db, VALUES, drafts=desk.drafts)
    assert report.findings == []
    assert report.pdfs >= 2
    assert report.tables > 10
    if db.is_sqlite:
        assert report.raw_bytes > 0
        assert outcome.search is not None
        assert outcome.search.journal_truncated

    label = outcome.label
    with db.sessions() as session:
        contact = session.get(Contact, desk.contact_id)
        assert contact is not None
        assert f"{contact.first_name} {contact.last_name}" == label
        assert contact.phone is None
        assert contact.phone_e164 is None
        assert contact.email.endswith(".invalid")
        # The call stays in the journal (time, direction, contact's label), its number goes.
        call = session.execute(select(Call.number, Call.number_e164, Call.contact_id)).one()
        assert call == ("[…]", None, desk.contact_id)
        subject = session.scalar(select(Ticket.subject).where(Ticket.id == desk.own_ticket_id))
        assert subject == "VPN nie działa – zgłasza […]", "the subject stays, but for the e-mail"
        bodies = list(
            session.scalars(
                select(Message.body)
                .where(Message.ticket_id == desk.own_ticket_id)
                .order_by(Message.id)
            )
        )
        assert bodies[0].endswith(f"pod […].\n\nPozdrawiam,\n{label}")
        assert bodies[1] == f"Panie {label}, proszę o log. Dzwoniłem na […].", "a signature"
        other_body = session.scalar(
            select(Message.body).where(Message.ticket_id == desk.other_ticket_id)
        )
        assert other_body == f"Kolega {label} zgłaszał to samo. Pan Kowalski z serwisu był wczoraj."
        requester = session.scalar(
            select(ResellerAccessChange.requested_by_name)
            .where(ResellerAccessChange.ticket_id == desk.own_ticket_id)
            .order_by(ResellerAccessChange.id.desc())
        )
        assert requester == label
        legacy_pdf = session.scalar(
            select(Attachment.data).where(
                Attachment.ticket_id == desk.legacy_ticket_id,
                Attachment.kind == LEGACY_DIALOGUE_KIND,
            )
        )
        legacy_text = "\n".join(pdf_pages(legacy_pdf or b""))
        assert label in legacy_text, "re-rendered from the redacted messages"
        assert "Sprawdzamy." in legacy_text, "the rest of the dialogue stays"
        # Anna is untouched.
        other = session.get(Contact, desk.other_contact_id)
        assert other is not None
        assert other.email == OTHER.email
        erasure = session.execute(
            select(AuditEntry.summary, AuditEntry.details).where(
                AuditEntry.action == AuditAction.CONTACT_ANONYMISED
            )
        ).one()
        assert "Kowalski" not in json.dumps(erasure.details, ensure_ascii=False) + erasure.summary
        redacted = erasure.details["redacted_rows"]
        assert redacted["audit_log"], "the registration's entry named the person"
        assert set(redacted["reseller_access_changes"]) == set(
            session.scalars(
                select(ResellerAccessChange.id).where(
                    ResellerAccessChange.requested_by_contact_id == desk.contact_id
                )
            )
        )
        history = session.scalars(
            select(AuditEntry.ticket_id).where(
                AuditEntry.action == AuditAction.PERSONAL_DATA_REDACTED
            )
        ).all()
        assert {desk.own_ticket_id, desk.other_ticket_id, desk.legacy_ticket_id} <= set(history)
    draft = json.loads((desk.drafts / "abc" / f"ticket-{desk.own_ticket_id}.json").read_text())
    assert draft["text"] == f"Do {label}: "
    # Full-text search no longer finds the person, still finds the rest of the dialogue.
    search = SearchService(db)
    assert search.search("Łukasz") == []
    assert {t.id for t in search.search("Sprawdzamy")} == {desk.legacy_ticket_id}

    with pytest.raises(AlreadyAnonymisedError):
        ErasureService(db).erase(agent, desk.contact_id)


def test_the_proof_finds_a_value_planted_anywhere_and_in_a_pdf(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    ErasureService(db, drafts=desk.drafts).erase(agent, desk.contact_id)
    with db.transaction() as session:
        session.execute(
            text("UPDATE resellers SET name = :name WHERE id = :id"),
            {"name": "Serwis lukasz KOWALSKI", "id": desk.world.reseller_id},
        )
    TicketService(db).add_attachment(
        agent,
        desk.other_ticket_id,
        "skan.pdf",
        text_pdf(["tel. 600 100 200"]),
    )
    wheres = {f.where for f in verify_erased(db, VALUES).findings}
    assert f"resellers.name/{desk.world.reseller_id}" in wheres
    assert any(w.startswith("attachments.data (PDF text)/") for w in wheres)


def test_an_open_ticket_refuses_the_erasure_until_a_supervisor_overrides_it(
    db: Database, agent: Actor, admin: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    open_number = (
        TicketService(db)
        .detail(open_ticket(db, desk.world, agent, desk.contact_id, "Nowe", "Jeszcze jedno"))
        .ticket.number
    )
    service = ErasureService(db)
    with pytest.raises(ErasureRefusedError) as refused:
        service.erase(agent, desk.contact_id)
    assert refused.value.open_tickets == (open_number,)
    with pytest.raises(PermissionDeniedError):
        service.erase(agent, desk.contact_id, override_reason="prosi o to")
    boss = supervisor(db, admin)
    preview = service.preview(desk.contact_id)
    assert preview.open_tickets == (open_number,)
    assert preview.anonymised_number is None
    outcome = service.erase(
        boss, desk.contact_id, override_reason=f"{NAME} prosi pisemnie, sprawa wyjaśniona"
    )
    assert outcome.overridden_open_tickets == (open_number,)
    with db.sessions() as session:
        details = session.scalar(
            select(AuditEntry.details).where(AuditEntry.action == AuditAction.CONTACT_ANONYMISED)
        )
        state = session.scalar(select(Ticket.state).where(Ticket.number == open_number))
    assert details is not None
    assert details["override_reason"] == f"{outcome.label} prosi pisemnie, sprawa wyjaśniona"
    assert details["open_tickets"] == [open_number]
    assert state is TicketState.NEW, "the ticket itself stays as it was"
    assert verify_erased(db, VALUES).clean


def test_the_audit_log_stays_append_only_outside_an_erasure(db: Database, agent: Actor) -> None:
    # The log has entries already: the agent fixture's.
    with db.sessions() as session:
        entry_id = session.scalar(select(AuditEntry.id).limit(1))
    for statement in (
        "UPDATE audit_log SET summary = 'x' WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
    ):
        with (
            pytest.raises(Exception, match=r"append-only|may not do it"),
            db.transaction() as session,
        ):
            session.execute(text(statement), {"id": entry_id})
    # A permit allows only the words, never who, what or when.
    with db.transaction() as session:
        session.execute(
            text("INSERT INTO redaction_permits (table_name, row_id) VALUES ('audit_log', :id)"),
            {"id": entry_id},
        )
        with pytest.raises(Exception, match=r"append-only|may not do it"), session.begin_nested():
            session.execute(
                text("UPDATE audit_log SET action = 'x' WHERE id = :id"), {"id": entry_id}
            )
        session.execute(text("DELETE FROM redaction_permits"))
    with db.transaction() as session:
        session.execute(
            text("INSERT INTO redaction_permits (table_name, row_id) VALUES ('audit_log', :id)"),
            {"id": entry_id},
        )
        session.execute(
            text("UPDATE audit_log SET summary = 'redacted' WHERE id = :id"), {"id": entry_id}
        )
        session.execute(text("DELETE FROM redaction_permits"))
    with db.sessions() as session:
        assert session.scalar(select(AuditEntry.summary).where(AuditEntry.id == entry_id)) == (
            "redacted"
        )


def test_revision_0009_goes_down_to_the_plain_append_only_guard_and_up_again(
    db: Database, agent: Actor
) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    assert "anonymised_number" not in {
        c["name"] for c in inspect(db.engine).get_columns("contacts")
    }
    with db.sessions() as session:
        entry_id = session.scalar(select(AuditEntry.id).limit(1))
    with (
        pytest.raises(Exception, match=r"append-only|may not do it"),
        db.engine.begin() as connection,
    ):
        connection.execute(
            text("UPDATE audit_log SET summary = 'x' WHERE id = :id"), {"id": entry_id}
        )
    db.upgrade()
    with db.engine.connect() as connection:
        counter = connection.scalar(
            text("SELECT value FROM counters WHERE name = 'anonymised_person'")
        )
    assert counter == 0


# A server's files are not the desk's to read: the raw scan is a local file's.
@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_on_sqlite_the_proof_reads_what_no_query_sees(db: Database) -> None:
    """A deleted row's text stays in the file (or its journal) until the file is rebuilt: the
    raw scan reports it where every column reads clean."""
    with db.transaction() as session:
        session.execute(text("INSERT INTO counters (name, value) VALUES ('Jan Niewidoczny', 1)"))
    with db.transaction() as session:
        session.execute(text("DELETE FROM counters WHERE name = 'Jan Niewidoczny'"))
    report = verify_erased(db, ["jan niewidoczny"])
    places = {finding.place for finding in report.findings}
    assert places
    assert places <= {"database file", "write-ahead log"}


def test_a_declined_name_and_any_printed_phone_go_from_bodies_subjects_and_files(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    desk = build_person_desk(db, agent, tmp_path)
    tickets = TicketService(db)
    tickets.reply(
        agent,
        desk.other_ticket_id,
        "Rozmawiałem z Łukaszem Kowalskim, proszę przekazać ŁUKASZOWI KOWALSKIEMU. "
        "Tel +48 (600) 100 200.",
    )
    asked = open_ticket(
        db, desk.world, agent, desk.other_contact_id, "Pytanie od LUKASZ.KOWALSKI@LAKA.PL", "?"
    )
    tickets.add_attachment(
        agent, asked, "notatka.pdf", text_pdf(["Dzwonić do Łukasza Kowalskiego: 600-100-200"])
    )
    tickets.add_attachment(agent, asked, "notatka.txt", "Pismo od Łukasza Kowalskiego".encode())

    ErasureService(db, drafts=desk.drafts).erase(agent, desk.contact_id)

    declined = ("Łukaszem Kowalskim", "Łukasza Kowalskiego", "ŁUKASZOWI KOWALSKIEMU")
    assert verify_erased(db, (*VALUES, *declined)).findings == []
    with db.sessions() as session:
        reply = session.scalar(
            select(Message.body)
            .where(Message.ticket_id == desk.other_ticket_id)
            .order_by(Message.id.desc())
            .limit(1)
        )
        subject = session.scalar(select(Ticket.subject).where(Ticket.id == asked))
        files = session.scalars(select(Attachment.data).where(Attachment.ticket_id == asked)).all()
    label = "Osoba zanonimizowana 1"
    assert reply == f"Rozmawiałem z {label}, proszę przekazać {label}. Tel […]."
    assert subject == "Pytanie od […]"
    texts = {
        (pdf_pages(data)[0] if data.startswith(b"%PDF") else data.decode()).strip()
        for data in files
    }
    assert texts == {f"Dzwonić do {label}: […]", f"Pismo od {label}"}


def test_a_namesake_and_a_contact_sharing_the_phone_keep_their_own_data(
    db: Database, agent: Actor, tmp_path: Path
) -> None:
    """Another contact with the same name (the demo has such) or the same phone (a shared
    switchboard) is another person: their rows, messages, calls and tickets stay theirs."""
    desk = build_person_desk(db, agent, tmp_path)
    namesake = register(
        db, agent, ContactDetails("Łukasz", "Kowalski", "lk2@laka.pl", "+48 699 000 111")
    )
    theirs = open_ticket(
        db, desk.world, agent, namesake, "Mój ticket", "Pozdrawiam, Łukasz Kowalski"
    )
    sharing = register(db, agent, ContactDetails("Ewa", "Wspólna", "ewa@laka.pl", "600 100 200"))
    hers = open_ticket(db, desk.world, agent, sharing, "Centrala", "Ewa, tel. 600 100 200")
    CallJournal(db).record(
        agent,
        CallEvent(
            "600100200",
            CallDirection.INBOUND,
            CallEventKind.RING,
            "rodo-2",
            dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC),
        ),
    )
    with db.transaction() as session:
        session.execute(update(Call).where(Call.call_id == "rodo-2").values(contact_id=sharing))

    outcome = ErasureService(db, drafts=desk.drafts).erase(agent, desk.contact_id)

    with db.sessions() as session:
        for contact_id, full_name in ((namesake, NAME), (sharing, "Ewa Wspólna")):
            contact = session.get(Contact, contact_id)
            assert contact is not None
            assert f"{contact.first_name} {contact.last_name}" == full_name
        assert session.execute(
            select(Message.author_name, Message.body).where(Message.ticket_id == theirs)
        ).one() == (NAME, f"Pozdrawiam, {NAME}")
        assert session.execute(
            select(Message.author_name, Message.body).where(Message.ticket_id == hers)
        ).one() == ("Ewa Wspólna", "Ewa, tel. 600 100 200")
        assert session.scalar(select(Call.number).where(Call.call_id == "rodo-2")) == "600100200"
        registered = session.scalar(
            select(AuditEntry.summary).where(
                AuditEntry.subject_type == "contact", AuditEntry.subject_id == namesake
            )
        )
        assert registered == f"registered contact {NAME} <lk2@laka.pl>"
    assert outcome.tickets_touched >= 1
    # The proof still names where the values are, and whose they are.
    report = verify_erased(db, VALUES, drafts=desk.drafts)
    assert report.findings == []
    held = {finding.where for finding in report.held_by_others}
    assert f"contacts.phone/{sharing}" in held
    assert any(where.startswith("messages.author_name/") for where in held)
    assert any(where.startswith("audit_log.summary/") for where in held)
    assert report.others == (namesake, sharing)
