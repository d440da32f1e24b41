"""`hezo-desk calls …`: the call journal from the command line (list, export, a day's figures).

Handing a call to the desk (`hezo-desk call NUMBER`) is another command, in its own module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.failures import retrying
from hezo_desk.cli.output import Output, to_plain
from hezo_desk.enums import CallDirection
from hezo_desk.errors import UserError
from hezo_desk.local_time import WARSAW
from hezo_desk.services.call_records import CallRecord
from hezo_desk.services.calls import CallJournal
from hezo_desk.services.listing.calls import (
    CallFilter,
    CallListing,
    export_journal,
    export_journal_file,
)

DEFAULT_LIMIT = 50


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    calls = commands.add_parser("calls", help="the call journal", parents=[common])
    actions = calls.add_subparsers(dest="calls_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="the latest calls, newest first")
    _filter_options(listing)
    listing.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="at most N calls"
    )
    listing.set_defaults(handler=calls_list)

    export = actions.add_parser("export", parents=[common], help="the journal as CSV")
    _filter_options(export)
    export.add_argument("--csv", required=True, metavar="FILE", help="the file (- = stdout)")
    export.set_defaults(handler=calls_export)

    stats = actions.add_parser(
        "stats", parents=[common], help="calls per hour and the missed-call rate of a day"
    )
    stats.add_argument("--day", metavar="YYYY-MM-DD", help="default: today (Warsaw time)")
    stats.set_defaults(handler=calls_stats)


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--missed", action="store_true", help="only missed incoming calls")
    parser.add_argument("--direction", choices=[d.value for d in CallDirection])
    parser.add_argument("--search", metavar="TEXT", help="a number in any form or a company")


def _filter(args: argparse.Namespace) -> CallFilter:
    return CallFilter(
        search=args.search,
        missed_only=args.missed,
        direction=CallDirection(args.direction) if args.direction else None,
    )


def calls_list(context: CommandContext) -> int:
    args = context.args
    if args.limit < 1:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "--limit must be at least 1"))
    db = context.database()
    listing = CallListing(db)
    rows = retrying(lambda: listing.rows(_filter(args), limit=args.limit))
    if context.out.as_json:
        context.out.json(rows)
        return 0
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "started"),
            QT_TRANSLATE_NOOP("Cli", "dir"),
            QT_TRANSLATE_NOOP("Cli", "state"),
            QT_TRANSLATE_NOOP("Cli", "number"),
            QT_TRANSLATE_NOOP("Cli", "customer"),
            QT_TRANSLATE_NOOP("Cli", "agent"),
            QT_TRANSLATE_NOOP("Cli", "duration"),
            QT_TRANSLATE_NOOP("Cli", "tickets"),
            QT_TRANSLATE_NOOP("Cli", "back"),
        ],
        [_line(context.out, row) for row in rows],
    )
    return 0


def _line(out: Output, row: CallRecord) -> list[object]:
    return [
        row.started_at,
        row.direction,
        row.state,
        row.display,
        row.customer_name,
        row.agent_name,
        _duration(row.duration_s),
        " ".join(row.ticket_numbers),
        _call_back(out, row),
    ]


def _duration(seconds: int | None) -> str:
    return "" if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"


def _call_back(out: Output, row: CallRecord) -> str:
    if row.callback_done_at is not None:
        if row.callback_agent_name:
            return out.words(QT_TRANSLATE_NOOP("Cli", "done by %1"), row.callback_agent_name)
        return out.words(QT_TRANSLATE_NOOP("Cli", "done"))
    if row.callback_agent_name:
        return out.words(QT_TRANSLATE_NOOP("Cli", "%1 is calling back"), row.callback_agent_name)
    return out.words(QT_TRANSLATE_NOOP("Cli", "waiting")) if row.callback_pending else ""


def calls_export(context: CommandContext) -> int:
    args = context.args
    db = context.database()
    listing = CallListing(db)
    if args.csv == "-":
        count = export_journal(listing, _filter(args), sys.stdout)
    else:
        count = export_journal_file(listing, _filter(args), Path(args.csv))
    if args.csv != "-":
        if context.out.as_json:
            context.out.json({"file": args.csv, "calls": count})
        else:
            context.out.say(QT_TRANSLATE_NOOP("Cli", "wrote %1 call(s) to %2"), count, args.csv)
    return 0


def calls_stats(context: CommandContext) -> int:
    args = context.args
    try:
        day = dt.date.fromisoformat(args.day) if args.day else dt.datetime.now(WARSAW).date()
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "“%1” is no day; write it as YYYY-MM-DD"), args.day
        ) from None
    db = context.database()
    actor = context.actor()
    figures = retrying(lambda: CallJournal(db).day_statistics(actor, day))
    if context.out.as_json:
        context.out.json({**_plain(figures), "missed_rate": figures.missed_rate})
        return 0
    rate = "—" if figures.missed_rate is None else f"{figures.missed_rate:.0%}"
    context.out.say_heading(
        QT_TRANSLATE_NOOP("Cli", "%1: %2 incoming, %3 outgoing, %4 missed (%5)"),
        day.isoformat(),
        figures.incoming,
        figures.outgoing,
        figures.missed,
        rate,
    )
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "hour"),
            QT_TRANSLATE_NOOP("Cli", "incoming"),
            QT_TRANSLATE_NOOP("Cli", "outgoing"),
            QT_TRANSLATE_NOOP("Cli", "missed"),
        ],
        [
            [f"{hour.hour:02d}:00", hour.incoming, hour.outgoing, hour.missed]
            for hour in figures.hours
            if hour.incoming or hour.outgoing
        ],
    )
    return 0


def _plain(value: object) -> dict[str, Any]:
    plain = to_plain(value)
    assert isinstance(plain, dict)
    return plain
