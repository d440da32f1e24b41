"""Caller lookup: whatever the caller reads out finds the company and what it owns."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from builders import World, build_world
from hezo_desk.db import Database
from hezo_desk.errors import UserError
from hezo_desk.models import Service, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.registration import ContactDetails, RegistrationService
from hezo_desk.services.tax_ids import NipChecksumHint, nip_check_digit
from hezo_desk.services.tickets import NewTicket, TicketService


@pytest.fixture
def world(db: Database, agent: Actor) -> World:
    world = build_world(db)
    with db.sessions() as session:
        service_id = session.scalar(select(Service.id).where(Service.serial == "FW5550001111"))
    assert service_id is not None
    TicketService(db).open(
        agent, NewTicket(world.contract_id, service_id, "Awaria łącza", "Nie działa.")
    )
    with db.transaction() as session:
        session.execute(update(Ticket).values(legacy_number="Z000042"))
    RegistrationService(db).register(
        agent,
        tax_id="PL5260250274",
        contract="UMS/2024/00001",
        serial="FW5550001111",
        details=ContactDetails("Ewa", "Kłos", "ewa.klos@laka.pl", "+48 501 502 503"),
    )
    return world


def _names(result_customers: list) -> list[str]:  # type: ignore[type-arg]
    return [customer.name for customer in result_customers]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("PL5260250274", "tax id"),
        ("526-025-02-74", "tax id"),
        ("pl 526 025 02 74", "tax id"),
        ("ums 2024 00001", "contract"),
        ("UMS/2024/00001", "contract"),
        ("(H)-FG1234567890", "serial"),
        ("fg1234567890", "serial"),
        ("(h2)-fg 1234567890", "serial"),
        ("HD-000001", "ticket"),
        ("hd 1", "ticket"),
        ("z000042", "ticket"),
        ("+48 12 345 67 89", "phone"),
        ("123456789", "phone"),
        ("501 502 503", "contact's phone"),
        ("BIURO@laka.pl", "e-mail"),
        ("Ewa.Klos@laka.pl", "contact's e-mail"),
        ("druk", "name"),
        ("Drukarnia Łąka", "name"),
        ("drukarnia laka", "name"),
        ("łąka", "word of the name"),
    ],
)
def test_every_kind_of_query_finds_the_company(
    db: Database, world: World, query: str, reason: str
) -> None:
    result = LookupService(db).lookup(query)
    assert _names(result.customers) == ["Drukarnia Łąka Sp. z o.o."]
    assert any(reason in r for r in result.customers[0].matched_by)


def test_a_serial_hit_names_the_exact_notation(db: Database, world: World) -> None:
    result = LookupService(db).lookup("(H2)-FG1234567890")
    by_notation = {s.notation: s.matched_by for s in result.services}
    assert by_notation == {
        "(H1)-FG1234567890": ("serial",),
        "(H2)-FG1234567890": ("exact notation",),
    }
    assert result.services[0].contract_number == "UMS/2024/00001"


def test_ticket_hits_carry_legacy_number_and_access(db: Database, world: World) -> None:
    result = LookupService(db).lookup("Z000042")
    assert [(t.number, t.legacy_number, t.reseller_access) for t in result.tickets] == [
        ("HD-000001", "Z000042", False)
    ]


def test_nothing_found_is_an_empty_result_not_an_error(db: Database, world: World) -> None:
    result = LookupService(db).lookup("Zupełnie Nieznana Firma")
    assert result.is_empty
    with pytest.raises(UserError, match="lookup is empty"):
        LookupService(db).lookup("   ")


@pytest.mark.parametrize("query", ['"', "a-b", "%", "_", "' OR 1=1 --", "(H", "\\", "*"])
def test_odd_input_never_breaks_the_lookup(db: Database, world: World, query: str) -> None:
    assert LookupService(db).lookup(query).customers == []


def test_serial_lists_every_notation_with_contract_and_product(db: Database, world: World) -> None:
    rows = LookupService(db).serial("fg 1234567890")
    assert [(r.notation, r.product, r.contract_number) for r in rows] == [
        ("(H1)-FG1234567890", "FortiCare 8x5", "UMS/2024/00001"),
        ("(H2)-FG1234567890", "FortiGuard IPS", "UMS/2024/00001"),
    ]


def test_overview_shows_contracts_services_and_open_tickets(db: Database, world: World) -> None:
    overview = LookupService(db).overview(world.customer_id)
    assert [c.number for c in overview.contracts] == ["UMS/2024/00001", "UMS/2020/00002"]
    assert len(overview.services) == 4
    assert [t.subject for t in overview.open_tickets] == ["Awaria łącza"]
    assert [c.email for c in overview.contacts] == ["ewa.klos@laka.pl"]


def test_a_nip_with_a_wrong_check_digit_says_which_digit_would_fit(
    db: Database, world: World
) -> None:
    service = LookupService(db)
    # 526-025-02-74 is right; its last digit misheard as 5.
    result = service.lookup("526-025-02-75")
    assert result.nip_checksum == NipChecksumHint("5260250275", 4)
    assert service.lookup("526-025-02-74").nip_checksum is None
    assert service.lookup("600 100 200").nip_checksum is None, "a phone is no NIP"
    # No NIP begins with these nine digits (their check value is 10).
    nine = next(
        f"{n:09d}" for n in range(100000000, 100001000) if nip_check_digit(f"{n:09d}") == 10
    )
    assert service.lookup(nine + "0").nip_checksum == NipChecksumHint(nine + "0", None)
