"""`hezo-desk reseller …` and `hezo-desk ticket access`: the customer's decision about its
reseller, what a reseller may see, and PostgreSQL roles that enforce it in the database."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.output import MESSAGE_KINDS, Output
from hezo_desk.enums import AccessChangeReason, Channel
from hezo_desk.errors import UserError
from hezo_desk.local_time import local_minute
from hezo_desk.services.access import (
    REQUEST_CHANNELS,
    AccessRequest,
    ResellerAccessService,
    TicketAccess,
)
from hezo_desk.services.reseller_roles import ResellerRoleService, pg_hba_lines
from hezo_desk.services.ticket_loading import AccessChangeRow
from hezo_desk.services.tickets import TicketService

RESELLER_HELP = "the reseller: its tax id (any form), legacy id or exact name"


def register_ticket_access(actions: Any, common: argparse.ArgumentParser) -> None:
    """`ticket access`, added to the `ticket` command group by `ticket_commands.register`."""
    access = actions.add_parser(
        "access",
        parents=[common],
        help="show or change whether the ticket's reseller may see it (the customer decides)",
    )
    access.add_argument("number", help="HD-000123 or a legacy number")
    decision = access.add_mutually_exclusive_group()
    decision.add_argument("--grant", action="store_true", help="the customer allows its reseller")
    decision.add_argument(
        "--revoke",
        action="store_true",
        help="the customer withdraws it, or says no to a reseller the ticket moved to",
    )
    access.add_argument(
        "--requested-by",
        metavar="WHO",
        help="who asked: a contact's e-mail or name, or another person's name",
    )
    access.add_argument(
        "--channel",
        choices=[channel.value for channel in REQUEST_CHANNELS],
        help="how the customer asked",
    )
    access.add_argument("--note", help="optional note kept with the decision")
    access.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="refuse the change if the ticket is no longer at this version",
    )
    access.set_defaults(handler=ticket_access)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    reseller = commands.add_parser(
        "reseller", help="resellers, what each may see, and their database roles", parents=[common]
    )
    actions = reseller.add_subparsers(dest="reseller_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="every reseller")
    listing.set_defaults(handler=reseller_list)
    tickets = actions.add_parser(
        "tickets", parents=[common], help="the tickets a reseller may see (the access rule)"
    )
    tickets.add_argument("reseller", metavar="RESELLER", help=RESELLER_HELP)
    tickets.set_defaults(handler=reseller_tickets)
    show = actions.add_parser(
        "show-ticket", parents=[common], help="one ticket exactly as the reseller may see it"
    )
    show.add_argument("reseller", metavar="RESELLER", help=RESELLER_HELP)
    show.add_argument("number", help="HD-000123 or a legacy number")
    show.set_defaults(handler=reseller_show_ticket)

    grant = actions.add_parser(
        "grant-db-role",
        parents=[common],
        help="create a PostgreSQL login role that reads only what the reseller may see",
    )
    grant.add_argument("reseller", metavar="RESELLER", help=RESELLER_HELP)
    grant.add_argument("--role", required=True, metavar="NAME", help="e.g. partner_gesit")
    grant.add_argument(
        "--role-password-stdin",
        action="store_true",
        help="read the role's password from standard input (after the acting agent's, with "
        "--password-stdin)",
    )
    grant.set_defaults(handler=reseller_grant_db_role)
    revoke = actions.add_parser(
        "revoke-db-role", parents=[common], help="withdraw (and drop) a reseller database role"
    )
    revoke.add_argument("role", metavar="NAME")
    revoke.set_defaults(handler=reseller_revoke_db_role)
    roles = actions.add_parser("db-roles", parents=[common], help="the reseller database roles")
    roles.set_defaults(handler=reseller_db_roles)


# ----- ticket access ----------------------------------------------------------------------


def ticket_access(context: CommandContext) -> int:
    args = context.args
    db = context.database()
    access = ResellerAccessService(db)
    ticket_id = TicketService(db).find_id(args.number)
    if not (args.grant or args.revoke):
        if args.requested_by or args.channel or args.note:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "say what the customer decided: --grant or --revoke")
            )
        _print_access(context, access.ticket_access(ticket_id))
        return 0
    if not args.requested_by:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "say who asked for the change: --requested-by EMAIL-OR-NAME"
            )
        )
    if not args.channel:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "say how the customer asked: --channel %1"),
            "|".join(channel.value for channel in REQUEST_CHANNELS),
        )
    actor = context.actor()
    contact_id, name = access.find_requester(ticket_id, args.requested_by)
    result = access.change_access(
        actor,
        ticket_id,
        AccessRequest(
            granted=bool(args.grant),
            channel=Channel(args.channel),
            requested_by_contact_id=contact_id,
            requested_by_name=name,
            note=args.note,
        ),
        expected_version=args.expected_version,
    )
    if context.out.as_json:
        context.out.json(result)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli", "%1: %2 may now see this ticket (at the request of %3, %4; version %5)"
            )
            if result.granted
            else QT_TRANSLATE_NOOP(
                "Cli",
                "%1: %2 may no longer see this ticket (at the request of %3, %4; version %5)",
            ),
            result.ticket.number,
            result.reseller_name or "-",
            name,
            args.channel,
            result.ticket.version,
        )
    return 0


def _print_access(context: CommandContext, access: TicketAccess) -> None:
    out = context.out
    if out.as_json:
        out.json(access)
        return
    ticket = access.ticket
    out.heading(f"{ticket.number}  {ticket.subject}")
    out.say(
        QT_TRANSLATE_NOOP("Cli", "  reseller:        %1"),
        access.reseller_name or out.words(QT_TRANSLATE_NOOP("Cli", "(none: no contract linked)")),
    )
    out.say(QT_TRANSLATE_NOOP("Cli", "  reseller access: %1"), access.granted)
    out.say(QT_TRANSLATE_NOOP("Cli", "  version:         %1"), ticket.version)
    if access.decision_needed and not access.granted:
        out.say(
            QT_TRANSLATE_NOOP(
                "Cli",
                "  decision needed: the customer has not decided about %1; ask and record it "
                "(--grant or --revoke)",
            ),
            access.reseller_name,
        )
    out.line()
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "when"),
            QT_TRANSLATE_NOOP("Cli", "decision"),
            QT_TRANSLATE_NOOP("Cli", "requested by"),
            QT_TRANSLATE_NOOP("Cli", "channel"),
            QT_TRANSLATE_NOOP("Cli", "recorded by"),
            QT_TRANSLATE_NOOP("Cli", "note"),
        ],
        [
            [
                local_minute(change.recorded_at),
                _decision(out, change),
                out.words(QT_TRANSLATE_NOOP("Cli", "(ended by the desk)"))
                if change.reason
                else change.requested_by_name,
                "" if change.reason else change.channel,
                change.agent_login or "",
                change.note or "",
            ]
            for change in access.history
        ],
    )


def _decision(out: Output, change: AccessChangeRow) -> str:
    access = QT_TRANSLATE_NOOP("Cli", "access")
    no_access = QT_TRANSLATE_NOOP("Cli", "no access")
    if change.reason is AccessChangeReason.RESELLER_CHANGED:
        return out.words(
            QT_TRANSLATE_NOOP("Cli", "access → no access (the ticket moved from %1 to %2)"),
            change.reseller_name or "-",
            change.new_reseller_name or "-",
        )
    now = out.words(access if change.granted else no_access)
    if change.previous is None:
        return out.words(QT_TRANSLATE_NOOP("Cli", "%1 (asked when the ticket was opened)"), now)
    return f"{out.words(access if change.previous else no_access)} → {now}"


# ----- resellers --------------------------------------------------------------------------


def reseller_list(context: CommandContext) -> int:
    rows = ResellerAccessService(context.database()).resellers()
    if context.out.as_json:
        context.out.json(rows)
        return 0
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "name"),
            QT_TRANSLATE_NOOP("Cli", "tax id"),
            QT_TRANSLATE_NOOP("Cli", "legacy id"),
            QT_TRANSLATE_NOOP("Cli", "active contracts"),
            QT_TRANSLATE_NOOP("Cli", "visible tickets"),
            QT_TRANSLATE_NOOP("Cli", "db roles"),
        ],
        [
            [
                row.name,
                row.tax_id,
                row.legacy_id,
                row.active_contracts,
                row.visible_tickets,
                ", ".join(row.db_roles),
            ]
            for row in rows
        ],
    )
    return 0


def reseller_tickets(context: CommandContext) -> int:
    service = ResellerAccessService(context.database())
    reseller = service.find_reseller(context.args.reseller)
    tickets = service.visible_tickets(reseller.id)
    if context.out.as_json:
        context.out.json({"reseller": reseller, "tickets": tickets})
        return 0
    context.out.say_heading(
        QT_TRANSLATE_NOOP("Cli", "%1: %2 ticket(s) it may see"), reseller.name, len(tickets)
    )
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "number"),
            QT_TRANSLATE_NOOP("Cli", "subject"),
            QT_TRANSLATE_NOOP("Cli", "state"),
            QT_TRANSLATE_NOOP("Cli", "customer"),
            QT_TRANSLATE_NOOP("Cli", "messages"),
            QT_TRANSLATE_NOOP("Cli", "files"),
            QT_TRANSLATE_NOOP("Cli", "last change"),
        ],
        [
            [
                t.number,
                t.subject,
                t.state,
                t.customer_name,
                t.messages,
                t.attachments,
                t.updated_at,
            ]
            for t in tickets
        ],
    )
    return 0


def reseller_show_ticket(context: CommandContext) -> int:
    db = context.database()
    service = ResellerAccessService(db)
    reseller = service.find_reseller(context.args.reseller)
    ticket_id = TicketService(db).find_id(context.args.number)
    view = service.view_for_reseller(ticket_id, reseller.id)
    if view is None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1 may see nothing of %2: either the customer has not allowed it or the "
                "ticket's contract names another reseller",
            ),
            reseller.name,
            context.args.number.strip(),
        )
    out = context.out
    if out.as_json:
        out.json(view)
        return 0
    out.heading(f"{view.number}  {view.subject}")
    out.say(QT_TRANSLATE_NOOP("Cli", "  for:        %1"), view.reseller_name)
    out.say(QT_TRANSLATE_NOOP("Cli", "  customer:   %1"), view.customer_name)
    out.say(QT_TRANSLATE_NOOP("Cli", "  state:      %1"), view.state)
    out.say(QT_TRANSLATE_NOOP("Cli", "  opened:     %1"), local_minute(view.opened_at))
    for message in view.messages:
        out.line()
        out.line(
            f"[{local_minute(message.created_at)}] {message.author_name} "
            f"({out.words(MESSAGE_KINDS[message.kind])})"
        )
        for line in message.body.splitlines():
            out.line(f"    {line}")
    if view.attachments:
        out.line()
        out.table(
            [QT_TRANSLATE_NOOP("Cli", "name"), QT_TRANSLATE_NOOP("Cli", "size")],
            [[a.file_name, a.size] for a in view.attachments],
        )
    return 0


# ----- database roles ---------------------------------------------------------------------


def reseller_grant_db_role(context: CommandContext) -> int:
    db = context.database()
    reseller = ResellerAccessService(db).find_reseller(context.args.reseller)
    password = None
    if context.args.role_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    row = ResellerRoleService(db).grant(
        context.actor(), reseller.id, context.args.role, password=password
    )
    hba = pg_hba_lines(db.url.database or "", row.role_name)
    if context.out.as_json:
        context.out.json({**dataclasses.asdict(row), "pg_hba_conf": hba})
    else:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli",
                "role %1 may now read the views of schema reseller_portal (tickets, messages, "
                "attachments) for %2, and nothing else",
            ),
            row.role_name,
            row.reseller_name,
        )
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli",
                "PostgreSQL lets every role connect to every database of the server unless its "
                "pg_hba.conf says otherwise; these lines keep the role to this one (the server's "
                "other databases are not the desk's to change):",
            )
        )
        for line in hba:
            context.out.line(f"    {line}")
    return 0


def reseller_revoke_db_role(context: CommandContext) -> int:
    db = context.database()
    row = ResellerRoleService(db).revoke(context.actor(), context.args.role)
    if context.out.as_json:
        context.out.json(row)
    elif row.dropped:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "role %1 no longer reads for %2; dropped"),
            row.role_name,
            row.reseller_name,
        )
    else:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli", "role %1 no longer reads for %2; the server role was kept (%3)"
            ),
            row.role_name,
            row.reseller_name,
            row.kept_because or "it no longer existed",
        )
    return 0


def reseller_db_roles(context: CommandContext) -> int:
    rows = ResellerRoleService(context.database()).roles()
    if context.out.as_json:
        context.out.json(rows)
        return 0
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "role"),
            QT_TRANSLATE_NOOP("Cli", "reseller"),
            QT_TRANSLATE_NOOP("Cli", "created"),
            QT_TRANSLATE_NOOP("Cli", "by"),
        ],
        [[r.role_name, r.reseller_name, r.created_at, r.created_by] for r in rows],
    )
    return 0
