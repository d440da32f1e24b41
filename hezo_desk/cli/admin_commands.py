"""Commands that set the desk up: the database schema, agent accounts, demo data."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.db import ConnectionStanding, Database
from hezo_desk.enums import Role
from hezo_desk.errors import UserError
from hezo_desk.services.agents import AgentService
from hezo_desk.services.demo import DEMO_AGENTS, DEMO_PASSWORD, DemoService


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    db = commands.add_parser("db", help="the database schema", parents=[common])
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", parents=[common], help="apply the schema revisions this version ships"
    )
    upgrade.set_defaults(handler=db_upgrade)
    status = db_commands.add_parser(
        "status", parents=[common], help="show the schema revision of the database"
    )
    status.set_defaults(handler=db_status)

    agent = commands.add_parser("agent", help="agent accounts", parents=[common])
    agent_commands = agent.add_subparsers(dest="agent_command", metavar="ACTION", required=True)
    add = agent_commands.add_parser(
        "add",
        parents=[common],
        help="add an agent (the first agent of an empty database needs no --agent)",
    )
    add.add_argument("login")
    add.add_argument("--name", required=True, help="display name, e.g. 'Anna Nowak'")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.AGENT.value)
    add.add_argument(
        "--new-password-stdin",
        action="store_true",
        help="read the new agent's password from standard input (after the acting agent's, "
        "with --password-stdin), else it is asked for",
    )
    add.set_defaults(handler=agent_add)
    listing = agent_commands.add_parser("list", parents=[common], help="list agents")
    listing.set_defaults(handler=agent_list)
    change = agent_commands.add_parser(
        "set", parents=[common], help="change an agent's role or activity (administrators)"
    )
    change.add_argument("login")
    change.add_argument("--role", choices=[r.value for r in Role])
    active = change.add_mutually_exclusive_group()
    active.add_argument("--activate", action="store_true")
    active.add_argument("--deactivate", action="store_true")
    change.add_argument(
        "--reset-password",
        action="store_true",
        help="set a new password (prompted, or read with --new-password-stdin)",
    )
    change.add_argument("--new-password-stdin", action="store_true")
    change.set_defaults(handler=agent_set)

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="fill an empty database with deterministic Polish demo data",
    )
    demo.add_argument("--customers", type=int, default=40, metavar="N")
    demo.add_argument("--tickets", type=int, default=200, metavar="N")
    demo.add_argument("--seed", type=int, default=2024, metavar="S")
    demo.set_defaults(handler=demo_load)


def db_upgrade(context: CommandContext) -> int:
    db = Database(context.database_url)
    before = db.schema_status()
    after = db.upgrade()
    if context.out.as_json:
        context.out.json(
            {
                "database": db.display_url,
                "from": before.database_revision,
                "to": after.database_revision,
            }
        )
    elif before.database_revision == after.database_revision:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1: schema already at %2"),
            db.display_url,
            after.database_revision,
        )
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1: schema upgraded %2 → %3"),
            db.display_url,
            before.database_revision or context.out.words(QT_TRANSLATE_NOOP("Cli", "(empty)")),
            after.database_revision,
        )
    db.dispose()
    return 0


_STANDINGS = {
    ConnectionStanding.LOCAL_FILE: QT_TRANSLATE_NOOP(
        "Cli", "a local file: whoever can write it can change anything (the audit chain tells)"
    ),
    ConnectionStanding.SCHEMA_OWNER: QT_TRANSLATE_NOOP(
        "Cli",
        "connected as the schema owner: the database does not check the agents' rights; use "
        "this role for `db upgrade` only and connect desks as a member of hezo_desk",
    ),
    ConnectionStanding.DESK_ROLE: QT_TRANSLATE_NOOP(
        "Cli", "connected as a desk role: every change is checked against the signed-in agent"
    ),
    ConnectionStanding.OTHER_ROLE: QT_TRANSLATE_NOOP(
        "Cli",
        "connected as a role that is neither the schema owner nor a member of hezo_desk: it may "
        "do only what was granted to it by hand",
    ),
}


def db_status(context: CommandContext) -> int:
    db = Database(context.database_url)
    try:
        status = db.schema_status()
        standing = db.standing()
    finally:
        db.dispose()
    if context.out.as_json:
        context.out.json(
            {
                "database": db.display_url,
                "state": status.state.value,
                "revision": status.database_revision,
                "head": status.application_head,
                "role": standing.value,
            }
        )
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1: %2 (database %3, this version %4)"),
            db.display_url,
            status.state.value,
            status.database_revision or "-",
            status.application_head,
        )
        context.out.say(_STANDINGS[standing])
    return 0


def _password(*, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "no terminal to ask for the new password: use --new-password-stdin"
            )
        )
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise UserError(QT_TRANSLATE_NOOP("Errors", "the passwords differ"))
    return first


def agent_add(context: CommandContext) -> int:
    service = AgentService(context.database())
    actor = None if service.count() == 0 else context.actor()
    password = _password(from_stdin=context.args.new_password_stdin)
    row = service.add(
        actor,
        login=context.args.login,
        display_name=context.args.name,
        role=Role(context.args.role),
        password=password,
    )
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "added agent %1 (%2, %3)"),
            row.login,
            row.display_name,
            row.role.value,
        )
    return 0


def agent_list(context: CommandContext) -> int:
    rows = AgentService(context.database()).list_agents()
    if context.out.as_json:
        context.out.json({"agents": rows})
        return 0
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "login"),
            QT_TRANSLATE_NOOP("Cli", "name"),
            QT_TRANSLATE_NOOP("Cli", "role"),
            QT_TRANSLATE_NOOP("Cli", "active"),
            QT_TRANSLATE_NOOP("Cli", "can sign in"),
        ],
        [[r.login, r.display_name, r.role, r.is_active, r.can_sign_in] for r in rows],
    )
    return 0


def agent_set(context: CommandContext) -> int:
    args = context.args
    if not (args.role or args.activate or args.deactivate or args.reset_password):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "nothing to change: give --role, --activate, --deactivate or --reset-password",
            )
        )
    service = AgentService(context.database())
    actor = context.actor()
    row = None
    if args.role:
        row = service.set_role(actor, args.login, Role(args.role))
    if args.activate or args.deactivate:
        row = service.set_active(actor, args.login, active=args.activate)
    if args.reset_password:
        row = service.reset_password(
            actor, args.login, _password(from_stdin=args.new_password_stdin)
        )
    assert row is not None
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1: %2, active")
            if row.is_active
            else QT_TRANSLATE_NOOP("Cli", "%1: %2, deactivated"),
            row.login,
            row.role,
        )
    return 0


def demo_load(context: CommandContext) -> int:
    db = context.database()
    args = context.args

    def progress(stage: str, done: int, total: int) -> None:
        if not context.out.as_json and sys.stderr.isatty():
            sys.stderr.write(f"\r{stage}: {done}/{total}  ")

    summary = DemoService(db).load(
        customers=args.customers, tickets=args.tickets, seed=args.seed, progress=progress
    )
    if context.out.as_json:
        context.out.json(summary)
        return 0
    context.out.say(
        QT_TRANSLATE_NOOP(
            "Cli",
            "demo data in %1: %2 customers, %3 contracts, %4 services, %5 tickets, %6 messages",
        ),
        db.display_url,
        summary.customers,
        summary.contracts,
        summary.services,
        summary.tickets,
        summary.messages,
    )
    context.out.say(
        QT_TRANSLATE_NOOP("Cli", "demo agents (password “%1”): %2"),
        DEMO_PASSWORD,
        ", ".join(
            f"{login} ({context.out.words('%1', role)})" for login, _name, role in DEMO_AGENTS
        ),
    )
    return 0
