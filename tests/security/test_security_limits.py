"""Probes: every typed limit is checked at the door, on both databases, named with its limit.

Without the checks PostgreSQL refused over-long values with a DataError (whose text carried
the statement's parameters) and SQLite stored 100,000 characters silently.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from builders import World, build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Role
from hezo_desk.errors import FieldTooLongError, InputField
from hezo_desk.models import Agent, Contact, Customer, ResellerAccessChange, Service, Ticket
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.limits import max_length
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.search import SearchService
from hezo_desk.services.tickets import NewTicket, TicketService
from hezo_desk.wording import FIELD_NAMES, coded_error_text

HUGE = 100_000


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _count(db: Database, column: object) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count(column))) or 0)  # type: ignore[arg-type]


def _service_id(db: Database, world: World) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Service.id).where(Service.contract_id == world.contract_id).order_by(Service.id)
        )
    assert found is not None
    return found


def test_the_limits_are_the_model_column_lengths() -> None:
    assert max_length(InputField.CUSTOMER_NAME) == Customer.__table__.c.name.type.length
    assert max_length(InputField.FIRST_NAME) == Contact.__table__.c.first_name.type.length
    assert max_length(InputField.EMAIL) == Contact.__table__.c.email.type.length
    assert max_length(InputField.DISPLAY_NAME) == Agent.__table__.c.display_name.type.length
    assert max_length(InputField.SUBJECT) == Ticket.__table__.c.subject.type.length
    requester = ResellerAccessChange.__table__.c.requested_by_name.type.length
    assert max_length(InputField.REQUESTER_NAME) == requester


@pytest.mark.parametrize(
    ("field", "details"),
    [
        (InputField.FIRST_NAME, ContactDetails("J" * HUGE, "Nowak", "jan@laka.pl")),
        (InputField.LAST_NAME, ContactDetails("Jan", "N" * 101, "jan@laka.pl")),
        (InputField.EMAIL, ContactDetails("Jan", "Nowak", "j" * 400 + "@laka.pl")),
        (InputField.PHONE, ContactDetails("Jan", "Nowak", "jan@laka.pl", phone="1" * 41)),
    ],
)
def test_over_long_contact_details_are_refused_naming_field_and_limit(
    db: Database, world: World, agent: Actor, field: InputField, details: ContactDetails
) -> None:
    with pytest.raises(FieldTooLongError) as refused:
        RegistrationService(db).register(
            agent,
            tax_id="PL5260250274",
            contract="UMS/2024/00001",
            serial="FW5550001111",
            details=details,
        )
    assert refused.value.field is field
    assert refused.value.limit == max_length(field)
    assert _count(db, Contact.id) == 0


def test_a_contact_at_every_limit_is_stored_and_opens_a_ticket(
    db: Database, world: World, agent: Actor
) -> None:
    # 100 + space + 100 characters: the author's name on the first message is a copy, cut
    # to its own 200-character column instead of failing on PostgreSQL.
    first, last = "A" * max_length(InputField.FIRST_NAME), "B" * max_length(InputField.LAST_NAME)
    email = "c" * (max_length(InputField.EMAIL) - len("@laka.pl")) + "@laka.pl"
    result = RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="FW5550001111",
        # A phone is checked as a number (phonenumbers): its length limit has its own probe.
        details=ContactDetails(first, last, email, phone="+48 600 100 200"),
    )
    ticket = TicketService(db).open(
        agent,
        NewTicket(
            world.contract_id,
            _service_id(db, world),
            subject="S" * max_length(InputField.SUBJECT),
            description="Opis",
            contact_id=result.contact.id,
        ),
    )
    detail = TicketService(db).detail(ticket.id)
    assert len(detail.messages[0].author_name) == 200
    assert detail.messages[0].author_name.endswith("…")


def test_over_long_agent_names_are_refused(db: Database, admin: Actor) -> None:
    service = AgentService(db)
    with pytest.raises(FieldTooLongError) as refused:
        service.add(admin, login="nowy", display_name="D" * HUGE, role=Role.AGENT)
    assert (refused.value.field, refused.value.limit) == (InputField.DISPLAY_NAME, 200)
    with pytest.raises(FieldTooLongError) as refused:
        service.add(admin, login="l" * 65, display_name="Nowy", role=Role.AGENT)
    assert (refused.value.field, refused.value.limit) == (InputField.LOGIN, 64)
    assert [row.login for row in service.list_agents()] == ["admin"]


def test_over_long_subject_and_requester_are_refused(
    db: Database, world: World, agent: Actor
) -> None:
    tickets = TicketService(db)
    service_id = _service_id(db, world)
    with pytest.raises(FieldTooLongError) as refused:
        tickets.open(agent, NewTicket(world.contract_id, service_id, "S" * HUGE, "Opis"))
    assert refused.value.field is InputField.SUBJECT
    with pytest.raises(FieldTooLongError) as refused:
        tickets.open(
            agent,
            NewTicket(world.contract_id, service_id, "VPN", "Opis", access_requested_by="R" * 201),
        )
    assert refused.value.field is InputField.REQUESTER_NAME
    assert _count(db, Ticket.id) == 0
    ticket = tickets.open(agent, NewTicket(world.contract_id, service_id, "VPN", "Opis"))
    with pytest.raises(FieldTooLongError) as refused:
        ResellerAccessService(db).change_access(
            agent,
            ticket.id,
            AccessRequest(granted=True, channel=Channel.PHONE, requested_by_name="R" * HUGE),
            expected_version=None,
        )
    assert refused.value.field is InputField.REQUESTER_NAME


def test_an_over_long_attachment_name_is_refused(db: Database, world: World, agent: Actor) -> None:
    tickets = TicketService(db)
    ticket = tickets.open(agent, NewTicket(world.contract_id, _service_id(db, world), "A", "B"))
    with pytest.raises(FieldTooLongError) as refused:
        tickets.add_attachment(agent, ticket.id, "n" * 300 + ".txt", b"data")
    assert refused.value.field is InputField.FILE_NAME


def test_a_50001_character_lookup_is_refused_without_touching_the_database(
    db: Database, world: World
) -> None:
    with pytest.raises(FieldTooLongError) as refused:
        LookupService(db).lookup("Drukarnia " + "ł" * 50_001)
    assert refused.value.field is InputField.LOOKUP
    # A full-text search reads its first 500 characters (the search box holds no more):
    # never an error, never the database's.
    assert SearchService(db).search("drukarnia " * 5_001) == []
    # At the limit a lookup still runs (and finds nothing).
    assert not LookupService(db).lookup("x" * max_length(InputField.LOOKUP)).customers


def test_the_command_line_exits_2_naming_the_limit_and_never_echoes_the_query(
    db: Database, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    query = "Q" * 50_001
    assert main(["lookup", query, "--database", _url(db)]) == 2
    captured = capsys.readouterr()
    assert "QQQQ" not in captured.err
    assert captured.err == (
        "hezo-desk: The lookup is too long: 50001 characters, at most 320 fit\n"
    )


def test_the_command_line_names_the_field_of_a_new_agent(
    db: Database, admin: Actor, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("nowe hasło agenta\n"))
    code = main(
        [
            "agent",
            "add",
            "nowy",
            "--name",
            "N" * 201,
            "--new-password-stdin",
            "--database",
            _url(db),
            "--agent",
            "admin",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err == "hezo-desk: The display name is too long: 201 characters, at most 200 fit\n"


def test_every_field_has_its_words() -> None:
    assert set(FIELD_NAMES) == set(InputField)
    text = coded_error_text(FieldTooLongError(InputField.PHONE, 40, 41))
    assert text == "The phone number is too long: 41 characters, at most 40 fit"
