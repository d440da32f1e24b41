"""`hezo-desk ticket …`: open, reply, note, set, show, attach."""

from __future__ import annotations

import argparse
import os
import shlex
import uuid
from pathlib import Path
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext, read_text_argument
from hezo_desk.cli.failures import retrying, retrying_write
from hezo_desk.cli.output import MESSAGE_KINDS
from hezo_desk.cli.reseller_commands import register_ticket_access
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Priority, TicketState
from hezo_desk.errors import UserError
from hezo_desk.local_time import local_minute
from hezo_desk.models import MAX_ATTACHMENT_BYTES
from hezo_desk.services.actor import Actor
from hezo_desk.services.attachment_files import check_attachment_size
from hezo_desk.services.records import MessageRow
from hezo_desk.services.reply_templates import ReplyTemplateService
from hezo_desk.services.ticket_targets import resolve_target
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    ticket = commands.add_parser("ticket", help="open, answer and change tickets", parents=[common])
    actions = ticket.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)

    opening = actions.add_parser("open", parents=[common], help="open a ticket for a caller")
    opening.add_argument("--contract", required=True, help="contract number")
    opening.add_argument("--serial", required=True, help="serial in any notation")
    opening.add_argument("--subject", required=True)
    opening.add_argument("--description", help="what the caller reports")
    opening.add_argument("--description-file", metavar="FILE", help="… from a file (- = stdin)")
    opening.add_argument(
        "--priority", choices=[p.value for p in Priority], default=Priority.NORMAL.value
    )
    opening.add_argument(
        "--channel",
        choices=[c.value for c in Channel if c is not Channel.MIGRATION],
        default=Channel.PHONE.value,
    )
    opening.add_argument("--contact", metavar="EMAIL", help="the registered contact who called")
    opening.add_argument(
        "--reseller-access",
        choices=["yes", "no"],
        default="no",
        help="the customer's decision on its reseller seeing the ticket (default: no)",
    )
    opening.add_argument(
        "--requested-by",
        metavar="NAME",
        help="who stated the access decision (default: the contact)",
    )
    opening.set_defaults(handler=ticket_open)

    for name, handler, what in (
        ("reply", ticket_reply, "a reply to the customer"),
        ("note", ticket_note, "an internal note (staff only)"),
    ):
        action = actions.add_parser(name, parents=[common], help=f"add {what}")
        action.add_argument("number", help="HD-000123 or a legacy number")
        action.add_argument("--body", help="the text (else --body-file or standard input)")
        action.add_argument("--body-file", metavar="FILE")
        if name == "reply":
            action.add_argument(
                "--template",
                metavar="NAME",
                help="answer with this reply template filled in for the ticket; --body or "
                "--body-file then fills its first gap",
            )
        action.set_defaults(handler=handler)

    change = actions.add_parser("set", parents=[common], help="change state, priority or assignee")
    change.add_argument("number")
    change.add_argument("--state", choices=[s.value for s in TicketState])
    change.add_argument("--priority", choices=[p.value for p in Priority])
    assignee = change.add_mutually_exclusive_group()
    assignee.add_argument("--assign", metavar="LOGIN")
    assignee.add_argument("--unassign", action="store_true")
    change.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="refuse the change if the ticket is no longer at this version",
    )
    change.set_defaults(handler=ticket_set)

    show = actions.add_parser("show", parents=[common], help="a ticket with its dialogue")
    show.add_argument("number")
    show.add_argument("--no-internal", action="store_true", help="leave internal notes out")
    show.set_defaults(handler=ticket_show)

    attach = actions.add_parser("attach", parents=[common], help="attach a file to a ticket")
    attach.add_argument("number")
    attach.add_argument("file")
    attach.set_defaults(handler=ticket_attach)

    register_ticket_access(actions, common)


def ticket_open(context: CommandContext) -> int:
    args = context.args
    description = read_text_argument(
        args.description, args.description_file, QT_TRANSLATE_NOOP("Errors", "the description")
    )
    db = context.database()
    actor = context.actor()
    target = resolve_target(db, args.contract, args.serial, args.contact)
    row = TicketService(db).open(
        actor,
        NewTicket(
            contract_id=target.contract_id,
            service_id=target.service_id,
            contact_id=target.contact_id,
            subject=args.subject,
            description=description,
            priority=Priority(args.priority),
            channel=Channel(args.channel),
            reseller_access=args.reseller_access == "yes",
            access_requested_by=args.requested_by,
        ),
    )
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "opened %1 on %2 %3: %4 (reseller access: %5)"),
            row.number,
            row.contract_number,
            row.notation,
            row.subject,
            row.reseller_access,
        )
    return 0


def _add_message(context: CommandContext, *, internal: bool) -> int:
    args = context.args
    what = (
        QT_TRANSLATE_NOOP("Errors", "the note")
        if internal
        else QT_TRANSLATE_NOOP("Errors", "the reply")
    )
    template = None if internal else args.template
    if template is None:
        body = read_text_argument(args.body, args.body_file, what)
    db = context.database()
    actor = context.actor()
    service = TicketService(db)
    if template is not None:
        body = _from_template(db, actor, service, args, template)
    add = service.add_note if internal else service.reply
    # One key for this message, whatever the attempts: a retry after a save whose answer was
    # lost finds the message instead of writing it twice (as the desk's send does).
    key = uuid.uuid4().hex

    def attempt() -> tuple[MessageRow, str]:
        ticket_id = service.find_id(args.number)
        return add(actor, ticket_id, body, client_key=key), service.row(ticket_id).number

    message, number = retrying_write(
        attempt, what=what, check=f"hezo-desk ticket show {_quoted(args.number)}"
    )
    if context.out.as_json:
        context.out.json(message)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "internal note added to %1")
            if internal
            else QT_TRANSLATE_NOOP("Cli", "reply added to %1"),
            number,
        )
    return 0


def _from_template(
    db: Database, actor: Actor, service: TicketService, args: argparse.Namespace, name: str
) -> str:
    """The template filled in for the ticket (its use audited once), with the text given by
    --body or --body-file in its first gap (no text: the gaps are only removed)."""
    typed = ""
    if args.body is not None or args.body_file is not None:
        typed = read_text_argument(
            args.body, args.body_file, QT_TRANSLATE_NOOP("Errors", "the reply")
        ).strip()
    templates = ReplyTemplateService(db)
    ticket_id = retrying(lambda: service.find_id(args.number))
    chosen = templates.find(name, prefer=templates.ticket_language(ticket_id))
    return templates.render(actor, chosen.id, ticket_id).with_text_in_gap(typed)


def ticket_reply(context: CommandContext) -> int:
    return _add_message(context, internal=False)


def ticket_note(context: CommandContext) -> int:
    return _add_message(context, internal=True)


def ticket_set(context: CommandContext) -> int:
    args = context.args
    change = TicketChange(
        state=TicketState(args.state) if args.state else None,
        priority=Priority(args.priority) if args.priority else None,
        assignee_login="" if args.unassign else args.assign,
    )
    if change == TicketChange():
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "nothing to change: give --state, --priority, --assign or --unassign"
            )
        )
    db = context.database()
    actor = context.actor()
    service = TicketService(db)
    # The change carries the version it was based on (given, or read once here), so a retry
    # after a save whose answer was lost finds it done instead of applying it again.
    ticket_id, based_on = retrying(lambda: _id_and_version(service, args.number))
    if args.expected_version is not None:
        based_on = args.expected_version
    row = retrying_write(
        lambda: service.change(actor, ticket_id, change, expected_version=based_on),
        what=QT_TRANSLATE_NOOP("Errors", "the change"),
        check=f"hezo-desk ticket show {_quoted(args.number)}",
    )
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1: %2, priority %3, assignee %4 (version %5)"),
            row.number,
            row.state,
            row.priority,
            row.assignee_login or "-",
            row.version,
        )
    return 0


def _id_and_version(service: TicketService, number: str) -> tuple[int, int]:
    ticket_id = service.find_id(number)
    return ticket_id, service.row(ticket_id).version


def _quoted(number: str) -> str:
    return shlex.quote(number)


def ticket_show(context: CommandContext) -> int:
    service = TicketService(context.database())
    detail = retrying(  # a read: safe to repeat after a dropped connection
        lambda: service.detail(
            service.find_id(context.args.number), include_internal=not context.args.no_internal
        )
    )
    out = context.out
    if out.as_json:
        out.json(detail)
        return 0
    t = detail.ticket
    out.heading(f"{t.number}  {t.subject}")
    facts: list[tuple[str, object]] = [
        (QT_TRANSLATE_NOOP("Cli", "customer"), f"{t.customer_name} ({t.tax_id})"),
        (QT_TRANSLATE_NOOP("Cli", "contact"), detail.contact.full_name if detail.contact else ""),
        (QT_TRANSLATE_NOOP("Cli", "contract"), t.contract_number or "-"),
        (QT_TRANSLATE_NOOP("Cli", "serial"), t.notation or "-"),
        (QT_TRANSLATE_NOOP("Cli", "state"), t.state),
        (QT_TRANSLATE_NOOP("Cli", "priority"), t.priority),
        (QT_TRANSLATE_NOOP("Cli", "channel"), t.channel),
        (QT_TRANSLATE_NOOP("Cli", "assignee"), t.assignee_name or ""),
        (
            QT_TRANSLATE_NOOP("Cli", "reseller access"),
            out.words("%1 (%2)", t.reseller_access, t.reseller_name or "-"),
        ),
        (QT_TRANSLATE_NOOP("Cli", "legacy number"), t.legacy_number or ""),
        (QT_TRANSLATE_NOOP("Cli", "opened"), local_minute(t.opened_at)),
        (QT_TRANSLATE_NOOP("Cli", "last change"), local_minute(t.updated_at)),
        (QT_TRANSLATE_NOOP("Cli", "version"), str(t.version)),
    ]
    for label, value in facts:
        out.line(f"  {out.words(label) + ':':17}{out.words('%1', value)}")
    for message in detail.messages:
        out.line()
        out.line(
            f"[{local_minute(message.created_at)}] {message.author_name} "
            f"({out.words(MESSAGE_KINDS[message.kind])})"
        )
        for line in message.body.splitlines():
            out.line(f"    {line}")
    if detail.attachments:
        out.line()
        out.say_heading(QT_TRANSLATE_NOOP("Cli", "Attachments"))
        out.table(
            [
                QT_TRANSLATE_NOOP("Cli", "id"),
                QT_TRANSLATE_NOOP("Cli", "name"),
                QT_TRANSLATE_NOOP("Cli", "size"),
                QT_TRANSLATE_NOOP("Cli", "sha256"),
            ],
            [[a.id, a.file_name, a.size, a.sha256[:16] + "…"] for a in detail.attachments],
        )
    return 0


def ticket_attach(context: CommandContext) -> int:
    path = Path(context.args.file)
    data = read_attachment(path)
    db = context.database()
    actor = context.actor()
    service = TicketService(db)
    row = service.add_attachment(
        actor, service.find_id(context.args.number), readable_name(path), data
    )
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "attached %1 (%2 bytes) to %3"),
            row.file_name,
            row.size,
            context.args.number,
        )
    return 0


def read_attachment(path: Path) -> bytes:
    """The file's bytes, refused by its size before they are read (a 4 GB file is not loaded to
    learn it is too big); a file that grows while read, or a device with no size, is cut off one
    byte past the limit and refused too."""
    try:
        with path.open("rb") as file:
            check_attachment_size(readable_name(path), os.fstat(file.fileno()).st_size)
            data = file.read(MAX_ATTACHMENT_BYTES + 1)
    except OSError as error:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "cannot read %1: %2"), readable_name(path), error.strerror
        ) from error
    check_attachment_size(readable_name(path), len(data))
    return data


def readable_name(path: Path) -> str:
    """The file's name as text: bytes of another encoding (Linux allows any) shown as �."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
