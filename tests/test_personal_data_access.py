"""The right of access (issue 17): everything held about one person, as JSON and PDF, audited."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from access_builders import build_access_world, open_full_ticket, unlinked_ticket
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import (
    CallDirection,
    CallEventKind,
    Channel,
    Language,
    MessageKind,
    Role,
    TicketState,
)
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import AuditEntry, Contact, Message, ResellerAccessChange, Ticket, utcnow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_events import CallEvent
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.normalize import phone_key
from hezo_desk.services.personal_data import access as access_module
from hezo_desk.services.personal_data.access import (
    JSON_FORMAT,
    JSON_VERSION,
    MatchedBy,
    PersonalDataAccessService,
    report_json,
)
from hezo_desk.services.personal_data.contacts import (
    ContactNotResolvedError,
    ContactProblem,
    resolve_contact,
)
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.tickets import TicketService

PHONE = "+48 601 200 300"
EMAIL = "pawel@laka.pl"
NAME = "Paweł Żółkiewski"
STRANGER_EMAIL = "olga@zolw.pl"


@dataclass(frozen=True)
class Person:
    contact_id: int
    stranger_id: int
    raised: str  # the ticket the person raised
    company_ticket: str  # a company ticket opened for them without linking them
    foreign_ticket: str  # the other company's ticket, with a namesake's message
    legacy_message_id: int
    foreign_message_id: int


def _actor(db: Database, by: Actor, login: str, role: Role) -> Actor:
    AgentService(db).add(
        by, login=login, display_name=login.title(), role=role, password="correct horse"
    )
    return AgentService(db).resolve(login)


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    return _actor(db, admin, "marta.supervisor", Role.SUPERVISOR)


@pytest.fixture
def person(db: Database, admin: Actor, supervisor: Actor) -> Person:
    """Paweł Żółkiewski of Drukarnia Łąka, with something in every category, and Olga Żółw of
    Żółw Logistyka (and a namesake message there) whose data must stay out of his report."""
    world = build_access_world(db)
    contract_id = world.world.contract_id
    RegistrationService(db).register(
        supervisor,
        tax_id="526-025-02-74",
        contract="UMS/2024/00001",
        serial="fg1234567890",
        details=ContactDetails("Paweł", "Żółkiewski", EMAIL, PHONE, Language.POLISH),
        update_existing=True,
    )
    raised = open_full_ticket(
        db, supervisor, contract_id, "VPN nie działa", contact_id=world.contact_id
    )
    # Opened for the company on his word, but without linking his contact record.
    company = open_full_ticket(db, supervisor, contract_id, "Drukarka w Łodzi")
    foreign_id = unlinked_ticket(db, world.world.other_customer_id)
    with db.transaction() as session:
        company_id = session.scalar(select(Ticket.id).where(Ticket.number == company.number))
        legacy = Message(
            ticket_id=company_id,
            kind=MessageKind.CUSTOMER,
            author_name="paweł  ŻÓŁKIEWSKI",
            body="Stara wiadomość z dawnego systemu: drukarka nie drukuje ąę.",
            created_at=utcnow(),
        )
        namesake = Message(
            ticket_id=foreign_id,
            kind=MessageKind.CUSTOMER,
            author_name=NAME,
            body="Wiadomość imiennika z innej firmy.",
            created_at=utcnow(),
        )
        session.add_all([legacy, namesake])
        session.add(
            ResellerAccessChange(
                ticket_id=foreign_id,
                previous=False,
                granted=False,
                requested_by_name=NAME,
                channel=Channel.PHONE,
                recorded_at=utcnow(),
            )
        )
        session.flush()
        audit.record(
            session, supervisor, "test.note", f"called back {PHONE.replace(' ', '')[3:]} today"
        )
        audit.record(
            session, supervisor, "test.note", "mail bounced", details={"to": EMAIL.upper()}
        )
        audit.record(
            session,
            supervisor,
            "test.note",
            f"{NAME} asked about the printer",
            ticket_id=company_id,
        )
        audit.record(
            session, supervisor, "test.note", f"{NAME} (namesake) called", ticket_id=foreign_id
        )
        audit.record(session, supervisor, "test.note", f"{NAME}ński asked", ticket_id=company_id)
        audit.record(
            session,
            supervisor,
            "test.note",
            f"mail to {STRANGER_EMAIL}",
            subject=("contact", world.stranger_contact_id),
        )
        foreign_number = session.get_one(Ticket, foreign_id).number
        return Person(
            contact_id=world.contact_id,
            stranger_id=world.stranger_contact_id,
            raised=raised.number,
            company_ticket=company.number,
            foreign_ticket=foreign_number,
            legacy_message_id=legacy.id,
            foreign_message_id=namesake.id,
        )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the exported files (the SQLite database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# ----- naming the person ---------------------------------------------------------------------


def test_a_contact_is_named_by_email_phone_or_id(db: Database, person: Person) -> None:
    with db.sessions() as session:
        for reference in (
            " PAWEL@Laka.pl ",
            "0048 601-200-300",
            "601200300",
            f"#{person.contact_id}",
            f"id:{person.contact_id}",
            str(person.contact_id),
        ):
            assert resolve_contact(session, reference).id == person.contact_id, reference


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("", ContactProblem.EMPTY),
        ("nobody@laka.pl", ContactProblem.NO_SUCH_EMAIL),
        ("+48 500 000 000", ContactProblem.NO_SUCH_PHONE),
        ("#99999", ContactProblem.NO_SUCH_ID),
        ("Paweł", ContactProblem.UNREADABLE),
    ],
)
def test_an_unknown_contact_is_refused_with_its_reason(
    db: Database, person: Person, reference: str, problem: ContactProblem
) -> None:
    with db.sessions() as session, pytest.raises(ContactNotResolvedError) as refused:
        resolve_contact(session, reference)
    assert refused.value.problem is problem


def test_a_phone_two_contacts_share_is_ambiguous(db: Database, person: Person) -> None:
    with db.transaction() as session:
        stranger = session.get_one(Contact, person.stranger_id)
        stranger.phone, stranger.phone_key = "601 200 300", phone_key("601 200 300")
    with db.sessions() as session, pytest.raises(ContactNotResolvedError) as refused:
        resolve_contact(session, "601200300")
    assert refused.value.problem is ContactProblem.AMBIGUOUS_PHONE
    assert set(refused.value.candidates) == {person.contact_id, person.stranger_id}
    assert f"#{min(refused.value.candidates)}" in str(refused.value)


# ----- what the report holds -----------------------------------------------------------------


def test_the_report_holds_every_category_and_nothing_of_another_person(
    db: Database, person: Person, supervisor: Actor
) -> None:
    report = PersonalDataAccessService(db).report(supervisor, EMAIL)

    assert report.person.id == person.contact_id
    assert (report.person.full_name, report.person.email, report.person.phone) == (
        NAME,
        EMAIL,
        PHONE,
    )
    assert (report.company.name, report.company.tax_id) == (
        "Drukarnia Łąka Sp. z o.o.",
        "PL5260250274",
    )
    [registration] = report.registrations
    assert registration.action == AuditAction.CONTACT_UPDATED
    assert registration.contract_number == "UMS/2024/00001"
    assert registration.typed_serial == "fg1234567890"
    assert registration.read_back == "(H1)-FG1234567890"
    assert registration.agent == supervisor.display_name

    assert [t.number for t in report.tickets] == [person.raised]
    assert report.tickets[0].state is TicketState.NEW

    # His ticket's description (linked to him) and the legacy message under his name; never
    # the agent's reply or internal note, nor the namesake's message at the other company.
    assert [(m.ticket_number, m.matched_by) for m in report.messages] == [
        (person.raised, MatchedBy.CONTACT_ID),
        (person.company_ticket, MatchedBy.NAME),
    ]
    assert report.messages[1].id == person.legacy_message_id
    assert all(m.kind is MessageKind.CUSTOMER for m in report.messages)

    assert [(d.ticket_number, d.matched_by) for d in report.access_decisions] == [
        (person.raised, MatchedBy.CONTACT_ID),
        (person.company_ticket, MatchedBy.NAME),
    ]

    matched = {(a.action, a.summary): a.matched_by for a in report.audit_entries}
    assert matched[
        (
            AuditAction.CONTACT_UPDATED,
            next(
                iter(
                    a.summary
                    for a in report.audit_entries
                    if a.action == AuditAction.CONTACT_UPDATED
                )
            ),
        )
    ] == (MatchedBy.CONTACT_ID, MatchedBy.EMAIL, MatchedBy.NAME)
    assert matched[("test.note", "called back 601200300 today")] == (MatchedBy.PHONE,)
    assert matched[("test.note", "mail bounced")] == (MatchedBy.EMAIL,)
    assert matched[("test.note", f"{NAME} asked about the printer")] == (MatchedBy.NAME,)
    summaries = [a.summary for a in report.audit_entries]
    assert f"{NAME} (namesake) called" not in summaries
    assert f"{NAME}ński asked" not in summaries  # a longer name is another person
    assert f"mail to {STRANGER_EMAIL}" not in summaries
    assert report.calls == ()

    text = json.dumps(report_json(report, Language.POLISH), ensure_ascii=False)
    for foreign in (STRANGER_EMAIL, "Olga", "Żółw Logistyka", person.foreign_ticket, "imiennika"):
        assert foreign not in text


def test_only_supervisors_and_administrators_export(
    db: Database, person: Person, admin: Actor, agent: Actor, out: Path
) -> None:
    service = PersonalDataAccessService(db)
    back_office = _actor(db, admin, "bo.worker", Role.BACK_OFFICE)
    for refused in (agent, back_office):
        with pytest.raises(PermissionDeniedError):
            service.export(refused, EMAIL, out)
    assert list(out.iterdir()) == []
    assert service.report(admin, EMAIL).person.id == person.contact_id


# ----- the files -------------------------------------------------------------------------------


def test_the_export_writes_json_and_pdf_and_is_audited_without_the_data(
    db: Database, person: Person, supervisor: Actor, out: Path
) -> None:
    exported = PersonalDataAccessService(db).export(supervisor, PHONE, out)

    assert sorted(p.name for p in out.iterdir()) == sorted(
        [exported.json_path.name, exported.pdf_path.name]
    )
    assert exported.json_path.name.startswith(f"personal-data-contact-{person.contact_id}-")
    assert exported.language is Language.POLISH
    assert exported.counts == {
        "registrations": 1,
        "tickets": 1,
        "messages": 2,
        "access_decisions": 2,
        "audit_entries": 4,
        "calls": 0,
    }

    document = json.loads(exported.json_path.read_text(encoding="utf-8"))
    assert document["person"]["full_name"] == NAME
    assert (
        document["messages"][0]["body"] == "Tunel VPN nie wstaje po aktualizacji – Łódź, oddział 2."
    )

    with db.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.CONTACT_DATA_EXPORTED)
        ).one()
    assert entry.agent_id == supervisor.id
    assert (entry.subject_type, entry.subject_id) == ("contact", person.contact_id)
    assert entry.details["contact_id"] == person.contact_id
    assert set(entry.details["files"]) == {exported.json_path.name, exported.pdf_path.name}
    written = entry.summary + json.dumps(entry.details, ensure_ascii=False)
    # The phone by its digits: "601" alone turns up in the files' hex digests by chance.
    for personal in (EMAIL, "Żółkiewski", "601200300", "601 200 300", "Paweł"):
        assert personal not in written

    # A later export lists the earlier one among the entries about the person.
    again = PersonalDataAccessService(db).report(supervisor, EMAIL)
    assert AuditAction.CONTACT_DATA_EXPORTED in [a.action for a in again.audit_entries]


def test_the_json_keeps_its_shape(db: Database, person: Person, supervisor: Actor) -> None:
    report = PersonalDataAccessService(db).report(supervisor, EMAIL)
    document = report_json(report, Language.ENGLISH)
    assert (document["format"], document["version"]) == (JSON_FORMAT, JSON_VERSION)
    shape = {
        key: sorted(value[0]) if isinstance(value, list) and value else type(value).__name__
        for key, value in document.items()
    }
    shape["person"] = sorted(document["person"])
    shape["company"] = sorted(document["company"])
    assert shape == {
        "format": "str",
        "version": "int",
        "prepared_at": "str",
        "prepared_by": "str",
        "language": "str",
        "person": [
            "email",
            "first_name",
            "full_name",
            "id",
            "language",
            "last_name",
            "phone",
            "registered_at",
            "registered_by",
            "updated_at",
        ],
        "company": ["id", "name", "tax_id"],
        "registrations": [
            "action",
            "agent",
            "contract_number",
            "read_back",
            "recorded_at",
            "typed_serial",
        ],
        "tickets": [
            "channel",
            "closed_at",
            "id",
            "legacy_number",
            "number",
            "opened_at",
            "state",
            "subject",
        ],
        "messages": [
            "author_name",
            "body",
            "created_at",
            "id",
            "kind",
            "matched_by",
            "ticket_number",
        ],
        "access_decisions": [
            "agent",
            "channel",
            "granted",
            "id",
            "matched_by",
            "note",
            "previous",
            "recorded_at",
            "requested_by_name",
            "ticket_number",
        ],
        "audit_entries": [
            "action",
            "agent",
            "details",
            "id",
            "matched_by",
            "recorded_at",
            "summary",
            "ticket_number",
        ],
        "calls": "list",
    }
    assert document["prepared_at"].endswith("+00:00")


def test_the_pdf_holds_the_data_in_polish_letters(
    db: Database, person: Person, supervisor: Actor, out: Path
) -> None:
    exported = PersonalDataAccessService(db).export(supervisor, EMAIL, out)
    reader = PdfReader(io.BytesIO(exported.pdf_path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Dane osobowe",
        NAME,
        EMAIL,
        PHONE,
        "Drukarnia Łąka",
        person.raised,
        "Tunel VPN nie wstaje",
        "drukarka nie drukuje ąę",
        "(H1)-FG1234567890",
        "called back 601200300 today",
    ):
        assert expected in text, expected
    assert "�" not in text
    assert person.foreign_ticket not in text
    assert "Olga" not in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(exported.pdf_path),
                str(out / "page"),
            ],
            check=True,
        )
        assert (out / "page-1.png").stat().st_size > 0


def test_the_pdf_speaks_english_when_asked(
    db: Database, person: Person, supervisor: Actor, out: Path
) -> None:
    exported = PersonalDataAccessService(db).export(
        supervisor, EMAIL, out, language=Language.ENGLISH
    )
    text = "\n".join(p.extract_text() for p in PdfReader(exported.pdf_path).pages)
    assert "Personal data held by HEZO Desk" in text
    assert "Reseller-access decisions requested" in text
    assert json.loads(exported.json_path.read_text(encoding="utf-8"))["language"] == "en"


def test_a_folder_that_is_not_there_writes_nothing(
    db: Database, person: Person, supervisor: Actor, out: Path
) -> None:
    from hezo_desk.errors import UserError

    with pytest.raises(UserError):
        PersonalDataAccessService(db).export(supervisor, EMAIL, out / "missing")
    with db.sessions() as session:
        exported = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.CONTACT_DATA_EXPORTED)
        ).all()
    assert exported == []


# ----- the command line ------------------------------------------------------------------------


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.mark.usefixtures("agent_password")
def test_gdpr_export_on_the_command_line(
    db: Database,
    person: Person,
    supervisor: Actor,
    agent: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    common = ["--database", _url(db)]
    out_dir = tmp_path / "out" / "request-17"
    code = main(
        [
            "gdpr",
            "export",
            "0048601200300",
            "-o",
            str(out_dir),
            "--agent",
            supervisor.login,
            "--json",
            *common,
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["contact_id"] == person.contact_id
    assert Path(result["pdf"]).is_file()
    assert Path(result["json"]).is_file()
    assert result["counts"]["messages"] == 2

    code = main(
        [
            "gdpr",
            "export",
            EMAIL,
            "-o",
            str(tmp_path / "en"),
            "--language",
            "en",
            "--agent",
            supervisor.login,
            *common,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"contact #{person.contact_id}: {NAME}" in out
    assert "messages: 2" in out

    code = main(
        [
            "gdpr",
            "export",
            "nobody@laka.pl",
            "-o",
            str(tmp_path / "x"),
            "--agent",
            supervisor.login,
            *common,
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "no contact has the e-mail nobody@laka.pl" in err

    code = main(
        ["gdpr", "export", EMAIL, "-o", str(tmp_path / "y"), "--agent", agent.login, *common]
    )
    assert code == 2
    assert "supervisor" in capsys.readouterr().err
    assert not (tmp_path / "y").exists()


@pytest.mark.usefixtures("agent_password")
def test_gdpr_export_names_its_categories_in_the_command_language(
    db: Database,
    person: Person,
    supervisor: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    said = {}
    for language in ("en", "pl"):
        code = main(
            [
                "--language", language, "--database", _url(db),
                "gdpr", "export", EMAIL, "-o", str(tmp_path / language),
                "--agent", supervisor.login,
            ]
        )  # fmt: skip
        said[language] = capsys.readouterr().out
        assert code == 0, said[language]
    english, polish = said["en"], said["pl"]
    for line in ("  messages: 2", "  access decisions: ", "  audit entries: ", "  calls: "):
        assert line in english
    assert f"kontakt #{person.contact_id}: {NAME}" in polish
    for line in (
        "  rejestracje: ",
        "  zgłoszenia: ",
        "  wiadomości: 2",
        "  decyzje o dostępie: ",
        "  wpisy dziennika zdarzeń: ",
        "  połączenia: ",
    ):
        assert line in polish
    for words in ("registrations", "messages", "access decisions", "audit entries", "calls"):
        assert words not in polish


def test_an_export_whose_audit_fails_leaves_no_file(
    db: Database,
    person: Person,
    supervisor: Actor,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(access_module.audit, "record", refuse)
    with pytest.raises(RuntimeError):
        PersonalDataAccessService(db).export(supervisor, EMAIL, out)
    assert list(out.iterdir()) == []


def test_exports_of_the_same_moment_keep_both_files(
    db: Database, person: Person, supervisor: Actor, out: Path
) -> None:
    service = PersonalDataAccessService(db)
    moment = utcnow()
    first = service.export(supervisor, EMAIL, out, at=moment)
    second = service.export(supervisor, EMAIL, out, at=moment)
    assert second.pdf_path.name == first.pdf_path.name.replace(".pdf", "-2.pdf")
    assert len(list(out.iterdir())) == 4


def test_the_report_holds_the_persons_calls_and_the_tickets_they_led_to(
    db: Database, person: Person, supervisor: Actor, agent: Actor
) -> None:
    journal = CallJournal(db)
    # Now: only a call answered lately is live (a lost hang-up must not link every ticket).
    at = utcnow().replace(microsecond=0)
    # Printed another way than stored: the journal matches the number's E.164 form.
    number = "tel:" + PHONE.replace(" ", "-")
    for event in (CallEventKind.RING, CallEventKind.ANSWER):
        journal.record(agent, CallEvent(number, CallDirection.INBOUND, event, "r-1", at))
    # Answered, the agent replies on his ticket: the journal links it to the call.
    with db.sessions() as session:
        raised_id = session.scalar(select(Ticket.id).where(Ticket.number == person.raised))
    assert raised_id is not None
    TicketService(db).reply(agent, raised_id, "Oddzwonię po sprawdzeniu.")
    # Someone else's call: not in the report.
    journal.record(
        agent, CallEvent("+48 22 111 22 33", CallDirection.INBOUND, CallEventKind.RING, "x", at)
    )
    report = PersonalDataAccessService(db).report(supervisor, EMAIL)
    [call] = report.calls
    assert (call.direction, call.number, call.started_at) == ("in", number, at)
    assert call.ticket_number == person.raised
