"""Shared mode under load: each operation's latency beside a bare round trip, for 1, 4 and 16
agents, then the same load while the agents' server connections are killed.

Run from the repository root:
`python -m benchmarks.bench_load [--tickets 1000000] [--seconds 20] [--agents 1 4 16]
[--faults | --no-faults]` against `HEZO_DESK_BENCH_POSTGRESQL` (default: the local server's
`test` database as admin).

Each agent is a process of its own doing the desk's mix (caller lookups, opening tickets,
replies, internal notes, state and reseller-access changes) on the demo database of the given
size (tests/support/loadtest.py). For each number of agents the same number of processes first
run bare `SELECT 1` round trips on a held connection, in the same run: the floor every
operation sits on. The report gives, per operation, p50/p95/p99 latency beside the round
trip's, and operations/s beside round trips/s; then what `verify` (tests/support/loadcheck.py)
found: writes acknowledged, lost (must be 0) and doubled (must be 0).

The fault section runs by default after the normal runs (`--faults` runs it alone,
`--no-faults` skips it): the same load while a killer terminates the agents' server sessions
every 250 ms on average (150 to 350 ms, see loadtest.KILL_JITTER_S). It is bounded: it stops
with the run, and by itself a minute after the run should have ended. The agents retry as the
desk does (client keys for replies and notes, the version for state changes; an access change
is not retried), and it reports kills, faults met, operations given up, writes acknowledged,
unsure (a fault cut the answer off), lost and doubled; 0 lost and 0 doubled is the
expectation. The exit status is 1 if anything was lost or doubled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time

from sqlalchemy import create_engine, text

from benchmarks.datasets import ensure_postgresql
from hezo_desk.db import Database
from tests.support.cli_faults import KILL_EVERY_S
from tests.support.loadcheck import Verdict, verify
from tests.support.loadtest import (
    KILL_JITTER_S,
    OPERATIONS,
    LoadResult,
    audit_position,
    percentiles_ms,
    run,
)

LOGINS = ("anna.nowak", "jan.kowalski", "ewa.wisniewska", "marek.zielinski", "admin")
DEFAULT_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ROUND_TRIP = "round trip"


def _round_trips(url: str, seconds: float) -> list[float]:
    """Bare `SELECT 1` round trips on one held connection for `seconds`: their durations."""
    engine = create_engine(url, pool_size=1)
    durations: list[float] = []
    statement = text("SELECT 1")
    with engine.connect() as connection:
        connection.execute(statement)  # connected and compiled before timing
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.execute(statement)
            durations.append(time.perf_counter() - started)
    engine.dispose()
    return durations


def baseline(url: str, agents: int, seconds: float) -> tuple[float, list[float]]:
    """Round trips per second over `agents` processes at once, and every trip's duration."""
    with multiprocessing.get_context("spawn").Pool(agents) as pool:
        per_process = pool.starmap(_round_trips, [(url, seconds)] * agents)
    durations = [d for durations in per_process for d in durations]
    return len(durations) / seconds, durations


def _latency_table(result: LoadResult, round_trips: list[float] | None) -> list[str]:
    lines = [f"    {'latency ms':<12} {'count':>8} {'p50':>8} {'p95':>8} {'p99':>8}"]
    rows = [(ROUND_TRIP, len(round_trips), percentiles_ms(round_trips))] if round_trips else []
    rows += [
        (op, result.counts[op], result.latency_ms[op]) for op in OPERATIONS if op in result.counts
    ]
    for name, count, (p50, p95, p99) in rows:
        lines.append(f"    {name:<12} {count:>8} {p50:>8.2f} {p95:>8.2f} {p99:>8.2f}")
    return lines


def _verdict_line(verdict: Verdict, result: LoadResult) -> str:
    return (
        f"    checked: {verdict.acknowledged} writes acknowledged, {verdict.unsure} unsure, "
        f"{verdict.lost} lost, {verdict.doubled} doubled; {result.conflicts} conflicts "
        "(another agent changed the ticket first)"
    )


def _report(lines: list[str], verdict: Verdict) -> None:
    print("\n".join(lines), flush=True)
    for problem in verdict.problems[:20]:
        print(f"    PROBLEM: {problem}")


def normal_runs(
    db: Database, url: str, agent_counts: list[int], seconds: float
) -> list[tuple[str, Verdict]]:
    """The load for each number of agents beside the round trips: summary lines and verdicts."""
    summary = []
    for agents in agent_counts:
        logins = [LOGINS[n % len(LOGINS)] for n in range(agents)]
        trips_per_s, trips = baseline(url, agents, min(5.0, seconds))
        since = audit_position(db)
        result = run(url, logins, seconds=seconds, tickets=max(50, agents * 10), seed=agents)
        verdict = verify(db, result, audit_since_id=since)
        lines = [
            f"\n  {agents} agent(s) for {seconds:.0f} s: {result.per_second:.1f} operations/s "
            f"beside {trips_per_s:.0f} round trips/s (bare SELECT 1, {agents} process(es))"
        ]
        lines += _latency_table(result, trips)
        lines.append(_verdict_line(verdict, result))
        _report(lines, verdict)
        summary.append(
            (
                f"  {'load':<7} {agents:>6} {result.per_second:>9.1f} {trips_per_s:>9.0f} "
                f"{'-':>6} {verdict.acknowledged:>7} {verdict.unsure:>6} {verdict.lost:>5} "
                f"{verdict.doubled:>7}",
                verdict,
            )
        )
    return summary


def fault_runs(
    db: Database, url: str, agent_counts: list[int], seconds: float
) -> list[tuple[str, Verdict]]:
    """The load for each number of agents under kills: summary lines and verdicts."""
    print(
        f"\nfaults: the agents' server sessions terminated every {KILL_EVERY_S * 1000:.0f} ms "
        f"(± {KILL_JITTER_S * 1000:.0f} ms)"
    )
    summary = []
    for agents in agent_counts:
        logins = [LOGINS[n % len(LOGINS)] for n in range(agents)]
        since = audit_position(db)
        result = run(
            url,
            logins,
            seconds=seconds,
            tickets=max(50, agents * 10),
            seed=100 + agents,
            kill_every_s=KILL_EVERY_S,
        )
        verdict = verify(db, result, audit_since_id=since)
        lines = [
            f"\n  {agents} agent(s) for {seconds:.0f} s under kills: "
            f"{result.per_second:.1f} operations/s; {result.kills} sessions killed, "
            f"{result.faults} faults met, {result.gave_up} operations given up"
        ]
        lines += _latency_table(result, None)
        lines.append(_verdict_line(verdict, result))
        _report(lines, verdict)
        summary.append(
            (
                f"  {'faults':<7} {agents:>6} {result.per_second:>9.1f} {'-':>9} "
                f"{result.kills:>6} {verdict.acknowledged:>7} {verdict.unsure:>6} "
                f"{verdict.lost:>5} {verdict.doubled:>7}",
                verdict,
            )
        )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--agents", type=int, nargs="+", default=[1, 4, 16])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--faults", action="store_true", help="only the run under killed sessions")
    which.add_argument("--no-faults", action="store_true", help="skip the run under kills")
    args = parser.parse_args()
    admin = os.environ.get("HEZO_DESK_BENCH_POSTGRESQL", DEFAULT_ADMIN)
    started = time.perf_counter()
    url = ensure_postgresql(admin, args.tickets)
    print(f"database {url.database} ready in {time.perf_counter() - started:.0f} s", flush=True)
    url_text = url.render_as_string(hide_password=False)
    db = Database(url)
    summary: list[tuple[str, Verdict]] = []
    try:
        if not args.faults:
            summary += normal_runs(db, url_text, args.agents, args.seconds)
        if not args.no_faults:
            summary += fault_runs(db, url_text, args.agents, args.seconds)
    finally:
        db.dispose()
    print(f"\nsummary ({args.tickets:,} tickets, {args.seconds:.0f} s a run):")
    print(
        f"  {'run':<7} {'agents':>6} {'ops/s':>9} {'trips/s':>9} {'kills':>6} "
        f"{'acked':>7} {'unsure':>6} {'lost':>5} {'doubled':>7}"
    )
    print("\n".join(line for line, _verdict in summary))
    return 1 if any(v.lost or v.doubled for _line, v in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
