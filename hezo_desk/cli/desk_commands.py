"""Commands of the phone line: caller lookup, serial notations, registration."""

from __future__ import annotations

import argparse
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.output import Output
from hezo_desk.enums import Language
from hezo_desk.services.lookup import CustomerOverview, LookupService
from hezo_desk.services.records import ContractRow, CustomerRow, ServiceRow, TicketRow
from hezo_desk.services.registration import (
    ContactDetails,
    RegistrationRefusedError,
    RegistrationService,
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    lookup = commands.add_parser(
        "lookup",
        parents=[common],
        help="identify a caller: tax id, contract, serial, ticket, phone, e-mail or name",
    )
    lookup.add_argument("query", nargs="+", help="what the caller reads out (spaces allowed)")
    lookup.set_defaults(handler=lookup_command)

    serial = commands.add_parser(
        "serial",
        parents=[common],
        help="every notation known for a serial, with contract and product",
    )
    serial.add_argument("query", nargs="+", help="the serial in any notation")
    serial.set_defaults(handler=serial_command)

    registration = commands.add_parser(
        "register",
        parents=[common],
        help="register a caller's contact from the three facts (tax id, contract, serial)",
    )
    registration.add_argument("--tax-id", required=True)
    registration.add_argument("--contract", required=True)
    registration.add_argument("--serial", required=True, help="in any notation")
    registration.add_argument("--first-name", required=True)
    registration.add_argument("--last-name", required=True)
    registration.add_argument("--email", required=True)
    registration.add_argument("--phone")
    registration.add_argument(
        "--language", choices=[lang.value for lang in Language], default=Language.POLISH.value
    )
    registration.add_argument(
        "--update-existing",
        action="store_true",
        help="update the contact if that e-mail is already registered",
    )
    registration.set_defaults(handler=register_command)


def lookup_command(context: CommandContext) -> int:
    result = LookupService(context.database()).lookup(" ".join(context.args.query))
    out = context.out
    if out.as_json:
        out.json(
            {
                "query": result.query,
                "interpretations": [str(reading) for reading in result.interpretations],
                "nip_checksum": result.nip_checksum,
                "customers": result.customers,
                "contracts": result.contracts,
                "services": result.services,
                "tickets": result.tickets,
            }
        )
        return 0
    hint = result.nip_checksum
    if hint is not None:
        if hint.expected is None:
            out.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "as a NIP, %1 has a wrong check digit: no NIP begins with its first nine "
                    "digits",
                ),
                hint.nip,
            )
        else:
            out.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "as a NIP, %1 has a wrong check digit: with these first nine digits the last "
                    "would be %2",
                ),
                hint.nip,
                hint.expected,
            )
    if result.is_empty:
        read = ", ".join(out.words("%1", reading) for reading in result.interpretations) or (
            out.words(QT_TRANSLATE_NOOP("Cli", "nothing recognisable"))
        )
        out.say(
            QT_TRANSLATE_NOOP("Cli", "nothing found for “%1” (read as: %2)"), result.query, read
        )
        return 0
    out.say(
        QT_TRANSLATE_NOOP("Cli", "“%1” read as: %2"),
        result.query,
        ", ".join(out.words("%1", reading) for reading in result.interpretations),
    )
    print_customers(out, result.customers)
    print_contracts(out, result.contracts)
    print_services(out, result.services)
    print_tickets(out, result.tickets)
    return 0


def serial_command(context: CommandContext) -> int:
    rows = LookupService(context.database()).serial(" ".join(context.args.query))
    if context.out.as_json:
        context.out.json({"services": rows})
        return 0
    if not rows:
        context.out.say(QT_TRANSLATE_NOOP("Cli", "HEZO knows no service on that serial"))
        return 0
    print_services(context.out, rows)
    return 0


def register_command(context: CommandContext) -> int:
    args = context.args
    service = RegistrationService(context.database())
    details = ContactDetails(
        first_name=args.first_name,
        last_name=args.last_name,
        email=args.email,
        phone=args.phone,
        language=Language(args.language),
    )
    try:
        result = service.register(
            context.actor(),
            tax_id=args.tax_id,
            contract=args.contract,
            serial=args.serial,
            details=details,
            update_existing=args.update_existing,
        )
    except RegistrationRefusedError as refused:
        if context.out.as_json:
            context.out.json({"registered": False, "failures": refused.check.failures})
        raise
    out = context.out
    if out.as_json:
        out.json({"registered": True, **_plain_result(result)})
        return 0
    out.say(
        QT_TRANSLATE_NOOP("Cli", "registered %1 <%2>")
        if result.created
        else QT_TRANSLATE_NOOP("Cli", "updated %1 <%2>"),
        result.contact.full_name,
        result.contact.email,
    )
    if result.notation_differs:
        out.say(
            QT_TRANSLATE_NOOP("Cli", "READ BACK TO THE CALLER: the contract holds %1"),
            result.read_back,
        )
    else:
        out.say(QT_TRANSLATE_NOOP("Cli", "serial notation on the contract: %1"), result.read_back)
    print_overview(out, result.visible)
    return 0


def _plain_result(result: Any) -> dict[str, Any]:
    return {
        "contact": result.contact,
        "created": result.created,
        "read_back": result.read_back,
        "notation_differs": result.notation_differs,
        "contracts": result.visible.contracts,
        "services": result.visible.services,
        "tickets": result.visible.open_tickets,
    }


def print_overview(out: Output, overview: CustomerOverview) -> None:
    print_customers(out, [overview.customer])
    print_contracts(out, overview.contracts)
    print_services(out, overview.services)
    print_tickets(out, overview.open_tickets)


def print_customers(out: Output, rows: list[CustomerRow]) -> None:
    out.say_heading(QT_TRANSLATE_NOOP("Cli", "Customers (%1)"), len(rows))
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "tax id"),
            QT_TRANSLATE_NOOP("Cli", "name"),
            QT_TRANSLATE_NOOP("Cli", "city"),
            QT_TRANSLATE_NOOP("Cli", "phone"),
            QT_TRANSLATE_NOOP("Cli", "matched by"),
        ],
        [[r.tax_id, r.name, r.city, r.phone, ", ".join(r.matched_by)] for r in rows],
    )


def print_contracts(out: Output, rows: list[ContractRow]) -> None:
    out.say_heading(QT_TRANSLATE_NOOP("Cli", "Contracts (%1)"), len(rows))
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "number"),
            QT_TRANSLATE_NOOP("Cli", "customer"),
            QT_TRANSLATE_NOOP("Cli", "reseller"),
            QT_TRANSLATE_NOOP("Cli", "term"),
            QT_TRANSLATE_NOOP("Cli", "state"),
            QT_TRANSLATE_NOOP("Cli", "services"),
        ],
        [
            [
                r.number,
                r.customer_name,
                r.reseller_name,
                f"{r.start_date} – {r.end_date}",
                r.state,
                r.service_count,
            ]
            for r in rows
        ],
    )


def print_services(out: Output, rows: list[ServiceRow]) -> None:
    out.say_heading(QT_TRANSLATE_NOOP("Cli", "Services (%1)"), len(rows))
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "notation"),
            QT_TRANSLATE_NOOP("Cli", "product"),
            QT_TRANSLATE_NOOP("Cli", "contract"),
            QT_TRANSLATE_NOOP("Cli", "state"),
            QT_TRANSLATE_NOOP("Cli", "customer"),
            QT_TRANSLATE_NOOP("Cli", "until"),
        ],
        [
            [
                r.notation,
                r.product,
                r.contract_number,
                r.contract_state,
                r.customer_name,
                r.end_date,
            ]
            for r in rows
        ],
    )


def print_tickets(out: Output, rows: list[TicketRow]) -> None:
    out.say_heading(QT_TRANSLATE_NOOP("Cli", "Tickets (%1)"), len(rows))
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "number"),
            QT_TRANSLATE_NOOP("Cli", "legacy"),
            QT_TRANSLATE_NOOP("Cli", "subject"),
            QT_TRANSLATE_NOOP("Cli", "customer"),
            QT_TRANSLATE_NOOP("Cli", "state"),
            QT_TRANSLATE_NOOP("Cli", "priority"),
            QT_TRANSLATE_NOOP("Cli", "reseller access"),
        ],
        [
            [
                r.number,
                r.legacy_number,
                r.subject,
                r.customer_name,
                r.state,
                r.priority,
                r.reseller_access,
            ]
            for r in rows
        ],
    )
