"""Registration over the phone: the three facts, the read-back notation, no duplicates."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.enums import Language
from hezo_desk.errors import UserError
from hezo_desk.models import AuditEntry, Contact
from hezo_desk.services.actor import Actor
from hezo_desk.services.registration import (
    ContactDetails,
    ContactExistsError,
    FactProblem,
    RegistrationRefusedError,
    RegistrationService,
)
from hezo_desk.services.tickets import NewTicket, TicketService

# The other company of builders.build_world (name, tax id) and its contract.
OTHER_CUSTOMER = ("Żółw", "7251801126")
OTHER_CONTRACT = "UMS/2024/00003"

CALLER = ContactDetails(
    first_name="Paweł",
    last_name="Żółkiewski",
    email="Pawel.Z@laka.pl",
    phone="+48 600 100 200",
    language=Language.POLISH,
)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def test_facts_in_any_typed_form_register_the_caller(
    db: Database, world: World, agent: Actor
) -> None:
    result = RegistrationService(db).register(
        agent,
        tax_id="526-025-02-74",
        contract="ums 2024 00001",
        serial="fg 1234567890",
        details=CALLER,
    )
    assert result.created
    assert result.contact.email == "Pawel.Z@laka.pl"
    assert result.read_back == "(H1)-FG1234567890"
    assert result.notation_differs
    numbers = [contract.number for contract in result.visible.contracts]
    assert numbers == ["UMS/2024/00001"], "the expired contract is not shown to the customer"
    assert {s.notation for s in result.visible.services} == {
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
        "(H)-FW5550001111",
    }


def test_the_caller_typing_h_where_the_contract_holds_h2_gets_the_exact_notation(
    db: Database, world: World
) -> None:
    check = RegistrationService(db).check_facts(
        "PL5260250274", "UMS/2024/00001", "(H)-FG1234567890"
    )
    assert check.ok
    assert check.read_back == "(H1)-FG1234567890"
    assert check.notation_differs
    exact = RegistrationService(db).check_facts(
        "PL5260250274", "UMS/2024/00001", "(h2)-fg1234567890"
    )
    assert exact.read_back == "(H2)-FG1234567890"
    assert not exact.notation_differs
    single = RegistrationService(db).check_facts(
        "PL5260250274", "UMS/2024/00001", "(H)-FW5550001111"
    )
    assert single.read_back == "(H)-FW5550001111"
    assert not single.notation_differs


@pytest.mark.parametrize(
    ("tax_id", "contract", "serial", "failed", "problem", "fragment"),
    [
        (
            "PL5260250275",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id",
            FactProblem.INVALID_TAX_ID,
            "checksum",
        ),
        (
            "PL52602502",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id",
            FactProblem.INVALID_TAX_ID,
            "has 8",
        ),
        (
            "pl 526 025 02 47",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id",
            FactProblem.INVALID_TAX_ID,
            "checksum",
        ),
        (
            "PL8567346215",
            "UMS/2024/00001",
            "FG1234567890",
            "tax_id",
            FactProblem.UNKNOWN_TAX_ID,
            "no HEZO customer",
        ),
        (
            "PL5260250274",
            "UMS/2024/99999",
            "FG1234567890",
            "contract",
            FactProblem.NO_SUCH_CONTRACT,
            "no contract numbered",
        ),
        (
            "PL5260250274",
            "UMS/2020/00002",
            "FP0000000001",
            "contract",
            FactProblem.CONTRACT_NOT_ACTIVE,
            "expired",
        ),
        (
            "PL5260250274",
            "UMS/2024/00003",
            "FA9999999999",
            "contract",
            FactProblem.CONTRACT_OF_ANOTHER_COMPANY,
            "does not belong to the company PL5260250274",
        ),
        (
            "PL5260250274",
            "UMS/2024/00001",
            "FA9999999999",
            "serial",
            FactProblem.SERIAL_NOT_ON_CONTRACT,
            "it is on another company's contract",
        ),
        (
            "PL5260250274",
            "UMS/2024/00001",
            "FG12#",
            "serial",
            FactProblem.INVALID_SERIAL,
            "letters and digits",
        ),
        ("PL5260250274", "UMS/2024/00001", "", "serial", FactProblem.MISSING, "missing"),
    ],
)
def test_each_failing_fact_is_named_with_its_reason(
    db: Database,
    world: World,
    agent: Actor,
    tax_id: str,
    contract: str,
    serial: str,
    failed: str,
    problem: FactProblem,
    fragment: str,
) -> None:
    service = RegistrationService(db)
    with pytest.raises(RegistrationRefusedError) as caught:
        service.register(agent, tax_id=tax_id, contract=contract, serial=serial, details=CALLER)
    failures = {failure.fact.value: failure for failure in caught.value.check.failures}
    assert failed in failures
    assert failures[failed].problem is problem
    assert fragment in failures[failed].words()
    assert fragment in str(caught.value)
    # Whoever is on the phone never hears another customer's name, tax id or contracts.
    for other in OTHER_CUSTOMER:
        assert other not in str(caught.value)
    if contract != OTHER_CONTRACT:  # the caller's own words may be said back, no one else's
        assert OTHER_CONTRACT not in str(caught.value)
    with db.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 0


def test_an_existing_email_is_not_duplicated_but_can_be_updated(
    db: Database, world: World, agent: Actor
) -> None:
    service = RegistrationService(db)
    facts = {"tax_id": "PL5260250274", "contract": "UMS/2024/00001", "serial": "(H2)-FG1234567890"}
    first = service.register(agent, details=CALLER, **facts)
    again = ContactDetails(
        "Paweł", "Żółkiewski-Nowak", "pawel.z@LAKA.pl", "600 100 201", Language.ENGLISH
    )
    with pytest.raises(ContactExistsError) as caught:
        service.register(agent, details=again, **facts)
    assert caught.value.existing.id == first.contact.id
    updated = service.register(agent, details=again, update_existing=True, **facts)
    assert not updated.created
    assert updated.contact.id == first.contact.id
    assert updated.contact.last_name == "Żółkiewski-Nowak"
    assert updated.contact.language is Language.ENGLISH
    with db.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 1
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["contact.registered", "contact.updated"]


def test_an_email_of_another_company_is_refused(db: Database, world: World, agent: Actor) -> None:
    service = RegistrationService(db)
    service.register(
        agent,
        tax_id="PL7251801126",
        contract="UMS/2024/00003",
        serial="FA9999999999",
        details=CALLER,
    )
    with pytest.raises(UserError, match="another company") as refused:
        service.register(
            agent,
            tax_id="PL5260250274",
            contract="UMS/2024/00001",
            serial="FW5550001111",
            details=CALLER,
            update_existing=True,
        )
    for other in OTHER_CUSTOMER:
        assert other not in str(refused.value)


@pytest.mark.parametrize(
    ("details", "fragment"),
    [
        (ContactDetails("", "Nowak", "a@b.pl"), "first name"),
        (ContactDetails("Jan", " ", "a@b.pl"), "last name"),
        (ContactDetails("Jan", "Nowak", "jan.nowak"), "not an e-mail"),
        (ContactDetails("Jan", "Nowak", "jan@nowak.pl", phone="12-34"), "not a phone"),
    ],
)
def test_bad_contact_details_are_refused(
    db: Database, world: World, agent: Actor, details: ContactDetails, fragment: str
) -> None:
    with pytest.raises(UserError, match=fragment):
        RegistrationService(db).register(
            agent,
            tax_id="PL5260250274",
            contract="UMS/2024/00001",
            serial="FW5550001111",
            details=details,
        )


def test_after_registration_the_contact_sees_open_tickets(
    db: Database, world: World, agent: Actor
) -> None:
    tickets = TicketService(db)
    with db.sessions() as session:
        from hezo_desk.models import Service

        service_id = session.scalar(select(Service.id).where(Service.serial == "FW5550001111"))
    assert service_id is not None
    opened = tickets.open(
        agent,
        NewTicket(
            contract_id=world.contract_id,
            service_id=service_id,
            subject="VPN nie działa",
            description="Od rana.",
        ),
    )
    result = RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="FW5550001111",
        details=CALLER,
    )
    assert [t.number for t in result.visible.open_tickets] == [opened.number]
