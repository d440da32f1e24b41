"""The command line under killed connections: replies acknowledged, lost and doubled.

Run from the repository root: `python -m benchmarks.bench_cli_faults [--replies 40]` against
`HEZO_DESK_BENCH_POSTGRESQL` (default: the local server's `test` database as admin).

The issue's fault run: `hezo-desk ticket reply` processes, three at a time, while every 250 ms
the server terminates the command line's sessions. Reports how many were acknowledged (the
issue asks for at least all but two), lost (acknowledged, not in the database: must be 0) and
doubled (must be 0), beside the same replies sent without faults in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from benchmarks.datasets import ensure_postgresql
from hezo_desk.db import Database
from hezo_desk.enums import TicketState
from hezo_desk.models import Ticket
from tests.support.cli_faults import check, killing, send_replies

DEFAULT_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _open_ticket(db: Database) -> str:
    with db.sessions() as session:
        number = session.scalar(
            select(Ticket.number).where(Ticket.state == TicketState.NEW).order_by(Ticket.id)
        )
    if number is None:
        raise SystemExit("the benchmark database has no new ticket to reply to")
    return number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=40)
    parser.add_argument("--tickets", type=int, default=2000, help="size of the demo database")
    args = parser.parse_args()
    admin = os.environ.get("HEZO_DESK_BENCH_POSTGRESQL", DEFAULT_ADMIN)
    url = ensure_postgresql(admin, args.tickets)
    db = Database(url)
    number = _open_ticket(db)
    url_text = url.render_as_string(hide_password=False)
    failed = False
    print(f"{'run':>12} {'sent':>5} {'acked':>6} {'kills':>6} {'seconds':>8}  problems")
    with tempfile.TemporaryDirectory() as folder:
        environ, cwd = {**os.environ, "HOME": folder}, Path(folder)
        for faults in (False, True):
            started = time.perf_counter()
            with killing(db, every_s=0.25 if faults else 3600.0) as killed:
                sent = send_replies(url_text, number, args.replies, cwd=cwd, environ=environ)
                kills = len(killed)
            seconds = time.perf_counter() - started
            problems = check(db, number, sent)
            acked = sum(1 for one in sent if one.returncode == 0)
            name = "with kills" if faults else "no faults"
            print(
                f"{name:>12} {len(sent):>5} {acked:>6} {kills:>6} {seconds:>8.1f}  {len(problems)}"
            )
            for problem in problems:
                print(f"    {problem}")
            failed |= bool(problems) or acked < len(sent) - 2
    db.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
