"""The rows an import must reject or flag, and the new rows of a later export."""

from __future__ import annotations

import datetime as dt

from hezo_desk.services.demo.vocabulary import serial_number, unused_nip
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule
from hezo_desk.services.serials import format_notation

from .builder import Builder, ExportTicket, Row
from .truth import IMPORTED, REJECTED, SKIPPED


def add_bad_rows(builder: Builder) -> None:
    """One of every kind of row the import must reject, and every case it must flag."""
    rng = builder.rng("bad")
    b = builder.spec.tickets + 1000
    first = builder.customer_order[0]
    second = builder.customer_order[1]
    first_contract = builder.customer_contracts[first][0]
    first_serial = builder.contracts[first_contract].services[0][1]
    # Customers.
    bad_customer = "K90001"
    builder.add(
        "customers.csv",
        Row(
            {
                "customer_id": bad_customer,
                "nip": "PL5260250275",
                "name": "Hurtownia Błędny NIP",
                "street": "",
                "postal_code": "",
                "city": "Łódź",
                "country": "PL",
                "phone": "",
                "email": "",
            },
            truth=(REJECTED, RejectReason.INVALID_TAX_ID.value),
            legacy_id=bad_customer,
        ),
    )
    builder.customers[bad_customer] = ("PL5260250275", "Hurtownia Błędny NIP")
    bad_contract = builder.contract(bad_customer, "aktywna", moves=False)
    builder.retruth("contracts.csv", bad_contract, (REJECTED, RejectReason.PARENT_REJECTED.value))
    builder.service(
        bad_contract,
        serial_number(rng),
        dt.date(2022, 5, 5),
        truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
    )
    builder.ticket(
        b + 1,
        bad_customer,
        bad_contract,
        "FG0000000001",
        status="nowe",
        truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
    )
    builder.ticket(b + 2, bad_customer, bad_contract, "FG0000000001", status="zamknięte")
    builder.add(
        "customers.csv",
        Row(
            {**builder.values_of("customers.csv", second), "customer_id": ""},
            truth=(REJECTED, RejectReason.MISSING_ID.value),
        ),
    )
    builder.add(
        "customers.csv",
        Row(
            dict(builder.values_of("customers.csv", first)),
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=first,
        ),
    )
    builder.add(
        "customers.csv",
        Row(
            {**builder.values_of("customers.csv", second), "city": "Gdynia"},
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=second,
        ),
    )
    builder.add(
        "customers.csv",
        Row(
            None,
            raw="K90002{sep}PL7251801126{sep}Firma{sep} Nazwa z "
            "separatorem{sep}ul. Krótka 1{sep}00-001{sep}Warszawa{sep}PL"
            "{sep}+48 600 100 200{sep}biuro@krotka.pl",
            truth=(REJECTED, RejectReason.MALFORMED_ROW.value),
            legacy_id="K90002",
        ),
    )
    twin_nip = builder.customers[second][0]
    builder.add(
        "customers.csv",
        Row(
            {
                **builder.values_of("customers.csv", second),
                "customer_id": "K90003",
                "nip": twin_nip,
                "name": "Ta sama firma (drugi wpis)",
            },
            truth=(SKIPPED, SkipRule.SAME_COMPANY.value),
            legacy_id="K90003",
        ),
    )
    builder.add(
        "customers.csv",
        Row(
            {
                **builder.values_of("customers.csv", second),
                "customer_id": "K90004",
                "nip": "PL" + unused_nip(rng, builder.used_nips),
                "name": "  ",
            },
            truth=(REJECTED, RejectReason.MISSING_VALUE.value),
            legacy_id="K90004",
        ),
    )
    # Resellers.
    builder.add(
        "resellers.csv",
        Row(
            {
                "reseller_id": "R900",
                "nip": "123-456-78-90",
                "name": "Zły NIP Partner",
                "email": "",
            },
            truth=(REJECTED, RejectReason.INVALID_TAX_ID.value),
            legacy_id="R900",
        ),
    )
    # Contracts.
    for status, overrides, code in (
        ("aktywna", {"reseller_id": "R900"}, RejectReason.PARENT_REJECTED),
        ("aktywna", {"start_date": "31.02.2023"}, RejectReason.INVALID_DATE),
        ("aktywna", {"customer_id": "K99999"}, RejectReason.MISSING_CUSTOMER),
        ("aktywna", {"reseller_id": "R999"}, RejectReason.MISSING_RESELLER),
        ("zawieszona", {}, RejectReason.INVALID_VALUE),
    ):
        number = builder.contract(first, status, moves=False)
        builder.retruth("contracts.csv", number, (REJECTED, code.value), overrides)
        builder.service(
            number,
            serial_number(rng),
            dt.date(2022, 6, 6),
            truth=(REJECTED, RejectReason.PARENT_REJECTED.value),
        )
    builder.add(
        "contracts.csv",
        Row(
            dict(builder.values_of("contracts.csv", first_contract)),
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=first_contract,
        ),
    )
    # Services (on an active contract of the first customer).
    for overrides, code in (
        ({"serial": "FG#12"}, RejectReason.INVALID_VALUE),
        ({"contract_no": "UMS/1999/99999"}, RejectReason.MISSING_CONTRACT),
        ({"start_date": "2022-01-01"}, RejectReason.INVALID_DATE),
    ):
        service_id = builder.service(
            first_contract, serial_number(rng), dt.date(2023, 1, 1), truth=(REJECTED, code.value)
        )
        builder.retruth("services.csv", service_id, (REJECTED, code.value), overrides)
    first_service = builder.contracts[first_contract].services[0][0]
    builder.add(
        "services.csv",
        Row(
            dict(builder.values_of("services.csv", first_service)),
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=first_service,
        ),
    )
    # Tickets that are rejected.
    builder.ticket(
        b + 3,
        "K99999",
        first_contract,
        first_serial,
        status="nowe",
        truth=(REJECTED, RejectReason.MISSING_CUSTOMER.value),
    )
    builder.ticket(
        b + 4,
        first,
        first_contract,
        first_serial,
        status="nowe",
        truth=(REJECTED, RejectReason.INVALID_DATE.value),
        overrides={"opened_at": "32.13.2022 25:00"},
    )
    builder.ticket(
        b + 5,
        first,
        first_contract,
        first_serial,
        status="wstrzymane",
        truth=(REJECTED, RejectReason.INVALID_VALUE.value),
    )
    builder.ticket(
        b + 6,
        first,
        first_contract,
        first_serial,
        status="nowe",
        truth=(REJECTED, RejectReason.INVALID_VALUE.value),
        overrides={"subject": "Za długi temat – " * 40},
    )
    duplicated = next(t for t in builder.tickets.values() if t.moves)
    builder.add(
        "tickets.csv",
        Row(
            {**builder.values_of("tickets.csv", duplicated.ticket_id), "subject": "Inny temat"},
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=duplicated.ticket_id,
        ),
    )
    # Tickets that move, flagged for review.
    other_contract = builder.customer_contracts[second][0]
    other_serial = builder.contracts[other_contract].services[0][1]
    builder.ticket(b + 7, first, "UMS/1998/00001", first_serial, status="nowe")  # not exported
    builder.ticket(b + 8, first, first_contract, "FG9999999999", status="w realizacji")  # serial
    builder.ticket(
        b + 9,
        first,
        first_contract,
        first_serial,
        status="nowe",
        overrides={"priority": "pilny"},
        flag=True,
    )
    builder.ticket(b + 10, first, other_contract, other_serial, status="nowe")  # other customer
    flagged = builder.ticket(b + 11, first, first_contract, first_serial, status="nowe", messages=1)
    at = dt.datetime(2023, 3, 3, 10)
    builder.message(
        flagged,
        at,
        rng,
        truth=(REJECTED, RejectReason.INVALID_DATE.value),
        overrides={"sent_at": "wczoraj"},
    )
    builder.message(
        flagged,
        at,
        rng,
        truth=(REJECTED, RejectReason.INVALID_VALUE.value),
        overrides={"author_type": "system"},
    )
    builder.attachment(
        flagged, rng, truth=(REJECTED, RejectReason.MISSING_FILE.value), write_file=False
    )
    builder.attachment(
        flagged,
        rng,
        truth=(REJECTED, RejectReason.INVALID_VALUE.value),
        path="../../etc/passwd",
    )
    # Messages and attachments that are rejected on their own.
    ghost = ExportTicket("Z999999", first, first_contract, first_serial, moves=False)
    builder.message(ghost, at, rng, truth=(REJECTED, RejectReason.MISSING_TICKET.value))
    builder.attachment(ghost, rng, truth=(REJECTED, RejectReason.MISSING_TICKET.value))
    some = next(r for r in builder.files["messages.csv"] if r.truth[0] == IMPORTED)
    builder.add(
        "messages.csv",
        Row(
            dict(some.values or {}),
            truth=(REJECTED, RejectReason.DUPLICATE.value),
            legacy_id=some.legacy_id,
            ticket=some.ticket,
        ),
    )
    builder.add(
        "messages.csv",
        Row(
            {**(some.values or {}), "message_id": ""},
            truth=(REJECTED, RejectReason.MISSING_ID.value),
            ticket=some.ticket,
        ),
    )
    some_attachment = next(
        (r for r in builder.files["attachments.csv"] if r.truth[0] == IMPORTED), None
    )
    if some_attachment is not None:
        builder.add(
            "attachments.csv",
            Row(
                dict(some_attachment.values or {}),
                truth=(REJECTED, RejectReason.DUPLICATE.value),
                legacy_id=some_attachment.legacy_id,
                ticket=some_attachment.ticket,
            ),
        )


def add_later_rows(builder: Builder) -> None:
    """Generation 2: new companies, tickets and messages after everything of generation 1."""
    spec = builder.spec
    # A serial of generation 1 with exactly one service that moved gets a second one.
    single = next(
        serial for serial, services in sorted(builder.serial_services.items()) if len(services) == 1
    )
    start = spec.customers + 1
    for n in range(start, start + max(2, spec.customers // 3)):
        builder.contracts_of(builder.customer(n), n)
    base = spec.tickets + 5000
    for n in range(base, base + max(5, spec.tickets // 3)):
        builder.normal_ticket(n)
    owner = builder.contracts[builder.serial_services[single][0][1]].customer
    number = builder.contract(owner, "aktywna")
    service_id = builder.service(number, single, dt.date(2026, 1, 2))
    builder.expected.later_service = (service_id, format_notation(single, 1))
    # New messages on a ticket that moved in generation 1.
    moved = next(t for t in builder.tickets.values() if t.moves and not t.rejected)
    rng = builder.rng("later-messages")
    builder.message(moved, dt.datetime(2026, 1, 5, 9), rng)
