"""The one place the desk computes a due: a start, a target in calendar time, pauses → an instant.

`due_instant(calendar, start, target, pauses)` and its inverse `elapsed(calendar, start, end,
pauses)` are pure functions of their arguments (the calendars only cache their day lists).
The rules:

- Calendar time runs only while the calendar is open (`calendars.py`): a start outside
  business hours counts from the next opening, and nights, weekends and holidays are skipped.
- A pause is an interval while the ticket waits for the customer: no calendar time runs in it.
  Pauses may overlap each other, begin before the start and end after the due; only what
  they cover after the start counts. A pause without an end is still running: if the target
  is not reached before it begins, the due is unknown (`None`) until the ticket leaves it.
- The due is the earliest instant at which the target is reached. A target that ends exactly
  at 16:00 is due at 16:00, not at 8:00 the next business day; a target reached just before
  a pause is due then, not when the pause ends. A nil target is due at the start.
- Instants are aware datetimes (any zone); dues come back in UTC. Everything is counted in
  whole microseconds, so `elapsed(start, due_instant(start, target))` is `target` exactly.

Neither function walks minutes or days: each pause costs two calendar look-ups and the
target one; a million tickets' dues take some 20 s of one core
(benchmarks/bench_service_levels.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hezo_desk.services.service_levels.calendars import (
    MICROSECOND,
    Calendar,
    from_micros,
    to_micros,
)


@dataclass(frozen=True)
class Pause:
    """An interval while the ticket waits for the customer; `end` None: it still waits."""

    start: dt.datetime
    end: dt.datetime | None


def due_instant(
    calendar: Calendar,
    start: dt.datetime,
    target: dt.timedelta,
    pauses: Iterable[Pause] = (),
) -> dt.datetime | None:
    """When `target` of calendar time has run since `start`, pauses left out (UTC).

    None while a pause without an end holds the clock before the target is reached.
    """
    if target < dt.timedelta(0):
        raise ValueError(f"a negative target: {target}")
    cursor = to_micros(start)
    cursor_position = calendar.position(cursor)
    remaining = target // MICROSECOND
    for pause_start, pause_end in _merged(pauses, cursor) if pauses else ():
        run = calendar.position(pause_start) - cursor_position
        if run >= remaining:
            break
        remaining -= run
        if pause_end is None:
            return None
        cursor = pause_end
        cursor_position = calendar.position(pause_end)
    # max: with nothing left the clock's earliest instant may lie before the cursor (the
    # previous closing), and a due is never before the clock started or resumed.
    return from_micros(max(cursor, calendar.moment(cursor_position + remaining)))


def elapsed(
    calendar: Calendar,
    start: dt.datetime,
    end: dt.datetime,
    pauses: Iterable[Pause] = (),
) -> dt.timedelta:
    """Calendar time run from `start` to `end`, pauses left out: nil when `end` is not later.

    Time left is a target less this; a target is met when this at the moment of meeting it
    (the first reply, the closing) is not more than the target.
    """
    first = to_micros(start)
    last = to_micros(end)
    if last <= first:
        return dt.timedelta(0)
    run = calendar.position(last) - calendar.position(first)
    for pause_start, pause_end in _merged(pauses, first):
        if pause_start >= last:
            break
        stop = last if pause_end is None else min(pause_end, last)
        run -= calendar.position(stop) - calendar.position(pause_start)
    return dt.timedelta(microseconds=run)


def _merged(pauses: Iterable[Pause], since: int) -> list[tuple[int, int | None]]:
    """The pauses as disjoint intervals of µs instants after `since`, in order."""
    spans: list[tuple[int, int | None]] = []
    for pause in pauses:
        begins = to_micros(pause.start)
        ends = None if pause.end is None else to_micros(pause.end)
        if ends is not None and ends < begins:
            raise ValueError(f"a pause ends before it begins: {pause}")
        if ends is None or ends > since:
            spans.append((max(begins, since), ends))
    spans.sort(key=lambda span: span[0])
    merged: list[tuple[int, int | None]] = []
    for begins, ends in spans:
        if merged:
            last_begins, last_ends = merged[-1]
            if last_ends is None or begins <= last_ends:
                longer = None if last_ends is None or ends is None else max(last_ends, ends)
                merged[-1] = (last_begins, longer)
                continue
        merged.append((begins, ends))
    return merged
