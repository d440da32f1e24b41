"""Shared mode under load: operations per second and latency for 1, 4 and 16 agents.

Run from the repository root: `python -m benchmarks.bench_load [--tickets 1000000] [--seconds 20]`
against `HEZO_DESK_BENCH_POSTGRESQL` (default: the local server's `test` database as admin).

Each agent is a process of its own doing the desk's mix (caller lookups, replies, state and
reseller-access changes) on the demo database of the given size. The baseline, measured in the
same run with the same number of processes, is a bare `SELECT 1` round trip per operation: the
floor any operation sits on. After every run `verify` (tests/support/loadtest.py) checks that
nothing acknowledged was lost or doubled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time

from sqlalchemy import create_engine, text

from benchmarks.datasets import ensure_postgresql
from hezo_desk.db import Database
from tests.support.loadtest import audit_position, run, verify

LOGINS = ("anna.nowak", "jan.kowalski", "ewa.wisniewska", "marek.zielinski", "admin")
DEFAULT_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _round_trips(url: str, seconds: float) -> int:
    engine = create_engine(url, pool_size=1)
    count = 0
    deadline = time.monotonic() + seconds
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            connection.execute(text("SELECT 1"))
            count += 1
    engine.dispose()
    return count


def baseline(url: str, agents: int, seconds: float) -> float:
    with multiprocessing.get_context("spawn").Pool(agents) as pool:
        counts = pool.starmap(_round_trips, [(url, seconds)] * agents)
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--agents", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    admin = os.environ.get("HEZO_DESK_BENCH_POSTGRESQL", DEFAULT_ADMIN)
    started = time.perf_counter()
    url = ensure_postgresql(admin, args.tickets)
    print(f"database {url.database} ready in {time.perf_counter() - started:.0f} s")
    url_text = url.render_as_string(hide_password=False)
    db = Database(url)
    print(
        f"\n{'agents':>6} {'ops/s':>9} {'SELECT 1/s':>11} {'conflicts':>9}  "
        "latency ms p50 / p95 / p99 per operation"
    )
    for agents in args.agents:
        logins = [LOGINS[n % len(LOGINS)] for n in range(agents)]
        floor = baseline(url_text, agents, min(5.0, args.seconds))
        since = audit_position(db)
        result = run(
            url_text, logins, seconds=args.seconds, tickets=max(50, agents * 10), seed=agents
        )
        problems = verify(db, result, audit_since_id=since)
        latencies = "  ".join(
            f"{op} {p50:.1f}/{p95:.1f}/{p99:.1f}"
            for op, (p50, p95, p99) in sorted(result.latency_ms.items())
        )
        print(
            f"{agents:>6} {result.per_second:>9.1f} {floor:>11.0f} {result.conflicts:>9}  "
            f"{latencies}"
        )
        if problems:
            print("  VERIFY FAILED:\n  " + "\n  ".join(problems[:20]))
        else:
            print(f"  verified: {result.operations} operations, nothing lost or doubled")
    db.dispose()


if __name__ == "__main__":
    main()
