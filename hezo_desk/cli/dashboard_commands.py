"""`hezo-desk dashboard --csv DIR`: the supervisors' dashboard as four CSV files."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.failures import retrying
from hezo_desk.errors import UserError
from hezo_desk.models import utcnow
from hezo_desk.services.dashboard import (
    DEFAULT_DAYS,
    Dashboard,
    DashboardFigures,
    default_period,
    write_backlog_csv,
    write_csv_file,
    write_flow_csv,
    write_targets_csv,
)

FILES = ("opened_closed.csv", "backlog.csv", "targets_by_level.csv", "targets_by_agent.csv")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    dashboard = commands.add_parser(
        "dashboard",
        parents=[common],
        help="the supervisors' dashboard (opened vs closed, backlog, targets) as CSV files",
    )
    dashboard.add_argument(
        "--csv", required=True, metavar="DIR", help=f"the folder for the files {', '.join(FILES)}"
    )
    dashboard.add_argument("--from", dest="first_day", metavar="YYYY-MM-DD")
    dashboard.add_argument(
        "--to", dest="last_day", metavar="YYYY-MM-DD", help="default: today (Warsaw time)"
    )
    dashboard.set_defaults(handler=dashboard_csv)


def dashboard_csv(context: CommandContext) -> int:
    args = context.args
    now = utcnow()
    service = Dashboard(context.database())
    default = default_period(now)
    last = _day(args.last_day) if args.last_day else default.last_day
    first = _day(args.first_day) if args.first_day else last - dt.timedelta(days=DEFAULT_DAYS - 1)
    period = service.period(now, first, last)
    actor = context.actor()
    figures: DashboardFigures = retrying(lambda: service.figures(actor, period, now))
    folder = Path(args.csv)
    folder.mkdir(parents=True, exist_ok=True)
    writers = (
        lambda out: write_flow_csv(figures.flow, out),
        lambda out: write_backlog_csv(figures.backlog, out),
        lambda out: write_targets_csv(figures.by_level, "level", out),
        lambda out: write_targets_csv(figures.by_agent, "agent", out),
    )
    for name, write in zip(FILES, writers, strict=True):
        write_csv_file(folder / name, write)
    written = [str(folder / name) for name in FILES]
    if context.out.as_json:
        context.out.json(
            {
                "first_day": period.first_day.isoformat(),
                "last_day": period.last_day.isoformat(),
                "files": written,
            }
        )
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1 to %2: wrote %3"),
            period.first_day.isoformat(),
            period.last_day.isoformat(),
            ", ".join(written),
        )
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "“%1” is no day; write it as YYYY-MM-DD"), text
        ) from None
