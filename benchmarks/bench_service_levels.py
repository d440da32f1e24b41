"""Service-level dues: tickets per second, against plain datetime arithmetic as the floor.

Run: `.venv-dev/bin/python -m benchmarks.bench_service_levels [--tickets 1000000]`

Measured in one run, on the same generated tickets (opened at any second of 2015-2026, every
priority, the demo data's products and some without a service, a fifth with one to three
pauses while waiting for the customer, one in fifty still waiting):
- floor: `opened + timedelta(minutes=target)` for the response and the resolution target of
  the ticket's level, calendars ignored (next business day taken as a day);
- `compute_dues`: both dues on the level's calendar, holidays, DST and pauses counted, as a
  migration computes them for every ticket;
- floor: `closed - opened`, then `elapsed`: the business time a closed ticket ran, pauses
  left out, from which "met" or "breached" follows.
Tickets are made and measured in chunks so that memory stays flat at any count. The
business calendar's day lists are built once before the clock starts, and timed apart. Times
are this process's CPU time (`time.process_time`): the work is one thread's arithmetic, and
wall-clock time on a shared machine would measure the neighbours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from hezo_desk.enums import Priority
from hezo_desk.services.demo.vocabulary import PRODUCTS
from hezo_desk.services.service_levels.calendars import (
    WARSAW_BUSINESS_HOURS,
    calendar_for,
    to_micros,
)
from hezo_desk.services.service_levels.clock import Pause, elapsed
from hezo_desk.services.service_levels.levels import (
    DEFAULT_LEVELS,
    ServiceLevel,
    compute_dues,
    default_level,
)

TICKETS = 1_000_000
CHUNK = 50_000
GOAL_SECONDS = 60  # dues for a million tickets within a minute: a migration step, not a night
FIRST = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = 12 * 365 * 24 * 3600
PRIORITIES = tuple(Priority)
PRODUCT_CHOICES: tuple[str | None, ...] = (*PRODUCTS, None)


@dataclass(frozen=True)
class Ticket:
    level: ServiceLevel
    priority: Priority
    opened: dt.datetime
    closed: dt.datetime
    pauses: tuple[Pause, ...]


def tickets(count: int, seed: int) -> list[Ticket]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        opened = FIRST + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS))
        pauses: list[Pause] = []
        if rng.random() < 0.2:
            at = opened
            for _ in range(rng.randint(1, 3)):
                at += dt.timedelta(minutes=rng.randint(10, 5000))
                length = dt.timedelta(minutes=rng.randint(10, 8000))
                pauses.append(Pause(at, at + length))
                at += length
            if rng.random() < 0.1:
                pauses[-1] = Pause(pauses[-1].start, None)
        made.append(
            Ticket(
                level=default_level(rng.choice(PRODUCT_CHOICES)),
                priority=rng.choice(PRIORITIES),
                opened=opened,
                closed=opened + dt.timedelta(minutes=rng.randint(1, 30 * 24 * 60)),
                pauses=tuple(pauses),
            )
        )
    return made


def floor_dues(ticket: Ticket) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Targets as plain minutes after the opening: what a desk without calendars would do."""
    return (
        _plain(ticket.opened, ticket.level.response[ticket.priority]),
        _plain(ticket.opened, ticket.level.resolution[ticket.priority]),
    )


def _plain(opened: dt.datetime, target: object) -> dt.datetime | None:
    if target is None:
        return None
    minutes = target if isinstance(target, int) else 24 * 60
    return opened + dt.timedelta(minutes=minutes)


def calendar_elapsed(ticket: Ticket) -> dt.timedelta:
    return elapsed(calendar_for(ticket.level.calendar), ticket.opened, ticket.closed, ticket.pauses)


def timed(work: Callable[[Ticket], object], batch: list[Ticket]) -> float:
    start = time.process_time()
    for ticket in batch:
        work(ticket)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=TICKETS)
    args = parser.parse_args()

    start = time.process_time()
    WARSAW_BUSINESS_HOURS.position(to_micros(FIRST))
    WARSAW_BUSINESS_HOURS.position(to_micros(FIRST + dt.timedelta(seconds=SPAN_SECONDS)))
    built = time.process_time() - start

    cases: dict[str, Callable[[Ticket], object]] = {
        "floor: opened + timedelta(minutes=target)": floor_dues,
        "compute_dues (calendars, holidays, pauses)": lambda t: compute_dues(
            t.level, t.priority, t.opened, t.pauses
        ),
        "floor: closed - opened": lambda t: t.closed - t.opened,
        "elapsed (business time run, pauses out)": calendar_elapsed,
    }
    seconds = dict.fromkeys(cases, 0.0)
    levels: dict[str, int] = {}
    done = 0
    while done < args.tickets:
        batch = tickets(min(CHUNK, args.tickets - done), seed=done)
        for ticket in batch:
            levels[ticket.level.name] = levels.get(ticket.level.name, 0) + 1
        for name, work in cases.items():
            seconds[name] += timed(work, batch)
        done += len(batch)

    mix = ", ".join(f"{level.name} {levels.get(level.name, 0):,}" for level in DEFAULT_LEVELS)
    print(f"{args.tickets:,} tickets ({mix}); business days built once in {built:.2f} s")
    print(f"{'what':<46} {'CPU s':>8} {'tickets/s':>11} {'× floor':>8}")
    floor = 0.0
    for name, spent in seconds.items():
        floor = spent if name.startswith("floor") else floor
        ratio = spent / floor if floor else 0.0
        print(f"{name:<46} {spent:>8.2f} {args.tickets / spent:>11,.0f} {ratio:>8.1f}")
    dues = seconds["compute_dues (calendars, holidays, pauses)"]
    per_million = dues / args.tickets * 1_000_000
    verdict = "meets" if per_million < GOAL_SECONDS else "MISSES"
    goal = f"{verdict} the goal of {GOAL_SECONDS} s"
    print(f"\ndues for 1,000,000 tickets: {per_million:.1f} s of CPU ({goal})")


if __name__ == "__main__":
    main()
