"""Where a ticket stands against its service level at a given instant: pure, no database.

The list's "time left", the ticket page's countdown and the case PDF all read a ticket's
stored dues (written by `dues.py`) through these functions, at a `now` they are given (so a
test fixes it). They return codes and numbers; the UI words them through Qt, the PDF through
the catalogue.

- Breached (open ticket): `next_due_at < now`; due within an hour: `now <= next_due_at <
  now + 1 h` (the list's filters say the same in SQL: `listing.tickets`).
- A target's outcome: met / breached once decided (`response_met`, `resolution_met`), else
  pending with the time left, overdue, paused (the ticket waits for the customer, or its
  clock is held), or none (no such target, or the ticket stopped without deciding it).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass

from hezo_desk.enums import TicketState

SOON = dt.timedelta(hours=1)
_STOPPED = frozenset({TicketState.CLOSED, TicketState.CANCELLED})


class Standing(enum.StrEnum):
    """What a due (or a ticket's next due) shows."""

    NONE = "none"  # no target, or nothing to count down to
    LEFT = "left"  # due in `minutes`
    OVERDUE = "overdue"  # past due by `minutes`
    PAUSED = "paused"  # the clock stands: waiting for the customer
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True)
class SlaFacts:
    """A ticket's service-level columns, as read (all instants aware UTC)."""

    state: TicketState
    level_name: str | None = None
    response_due_at: dt.datetime | None = None
    resolution_due_at: dt.datetime | None = None
    first_response_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    response_met: bool | None = None
    resolution_met: bool | None = None
    next_due_at: dt.datetime | None = None
    response_target_minutes: int | None = None
    response_target_nbd: bool = False
    resolution_target_minutes: int | None = None
    resolution_target_nbd: bool = False
    overdue_at_migration: bool = False

    @property
    def has_response_target(self) -> bool:
        return (
            self.response_target_minutes is not None
            or self.response_target_nbd
            or self.response_due_at is not None
        )

    @property
    def has_resolution_target(self) -> bool:
        return (
            self.resolution_target_minutes is not None
            or self.resolution_target_nbd
            or self.resolution_due_at is not None
        )

    @property
    def stopped(self) -> bool:
        return self.state in _STOPPED

    @property
    def paused(self) -> bool:
        return self.state is TicketState.WAITING_FOR_CUSTOMER


@dataclass(frozen=True)
class TimeLeft:
    """One due's standing; `minutes` is the time left (LEFT), past due (OVERDUE, BREACHED:
    by how much, when known), else None. `at` is when it was met or breached (if known)."""

    standing: Standing
    minutes: int | None = None
    due_at: dt.datetime | None = None
    at: dt.datetime | None = None

    @property
    def soon(self) -> bool:
        """Due within the hour (the list's amber cue)."""
        return self.standing is Standing.LEFT and self.minutes is not None and self.minutes < 60


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole minutes from `start` to `end` (at least 0), rounded down."""
    return max(int((end - start).total_seconds() // 60), 0)


def _minutes_over(due: dt.datetime, now: dt.datetime) -> int:
    """Minutes past a due, rounded up: a due a second ago is overdue 1 min, never 0."""
    return max(math.ceil((now - due).total_seconds() / 60), 1)


def _counting(due: dt.datetime | None, now: dt.datetime) -> TimeLeft:
    if due is None:
        return TimeLeft(Standing.NONE)
    if due < now:
        return TimeLeft(Standing.OVERDUE, _minutes_over(due, now), due)
    return TimeLeft(Standing.LEFT, minutes_between(now, due), due)


def ticket_time_left(facts: SlaFacts, now: dt.datetime) -> TimeLeft:
    """The list's column: the time left to the ticket's next due, or its outcome once stopped."""
    if facts.stopped:
        decided = [met for met in (facts.response_met, facts.resolution_met) if met is not None]
        if False in decided:
            return TimeLeft(Standing.BREACHED)
        if facts.resolution_met:
            return TimeLeft(Standing.MET)
        return TimeLeft(Standing.NONE)
    if facts.next_due_at is None:
        if facts.paused and (facts.has_response_target or facts.has_resolution_target):
            return TimeLeft(Standing.PAUSED)
        return TimeLeft(Standing.NONE)
    return _counting(facts.next_due_at, now)


def _target(
    facts: SlaFacts,
    *,
    has_target: bool,
    due: dt.datetime | None,
    met: bool | None,
    met_at: dt.datetime | None,
    now: dt.datetime,
) -> TimeLeft:
    if not has_target:
        return TimeLeft(Standing.NONE)
    if met is None and met_at is not None and due is not None:
        met = met_at <= due  # the stored flag not written yet: the rule it follows
    if met is True:
        return TimeLeft(Standing.MET, due_at=due, at=met_at)
    if met is False:
        over = _minutes_over(due, met_at) if due is not None and met_at is not None else None
        return TimeLeft(Standing.BREACHED, over, due, met_at)
    if facts.stopped:
        return TimeLeft(Standing.NONE, due_at=due)
    if facts.paused:
        return TimeLeft(Standing.PAUSED, due_at=due)
    return _counting(due, now)  # no due outside a pause: not computed (yet), nothing to show


def response_standing(facts: SlaFacts, now: dt.datetime) -> TimeLeft:
    """The response target: met by the first reply to the customer."""
    return _target(
        facts,
        has_target=facts.has_response_target,
        due=facts.response_due_at,
        met=facts.response_met,
        met_at=facts.first_response_at,
        now=now,
    )


def resolution_standing(facts: SlaFacts, now: dt.datetime) -> TimeLeft:
    """The resolution target: met by closing (a cancelled ticket decides nothing)."""
    closed = facts.closed_at if facts.state is TicketState.CLOSED else None
    return _target(
        facts,
        has_target=facts.has_resolution_target,
        due=facts.resolution_due_at,
        met=facts.resolution_met,
        met_at=closed,
        now=now,
    )


def duration_parts(minutes: int) -> tuple[int, int, int]:
    """Minutes as (days, hours, minutes), for "2 h 10 min" / "3 d 4 h"."""
    days, rest = divmod(max(minutes, 0), 24 * 60)
    hours, mins = divmod(rest, 60)
    return days, hours, mins
