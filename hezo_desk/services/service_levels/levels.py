"""The default service levels of DOMAIN.md as plain data, the product rule, and a ticket's dues.

Targets are minutes of the level's calendar, per priority:

| level | calendar | response (critical/high/normal/low) | resolution (critical/high/normal/low) |
|---|---|---|---|
| 24x7 | every minute | 60 / 120 / 240 / 480 | 8 h / 24 h / 72 h / 120 h |
| 8x5 | business hours | 240 / 480 / 960 / 1,920 | 16 h / 40 h / 80 h / 160 h |
| NBD | business hours | as 8x5 | critical, high: next business day 16:00; else as 8x5 |
| none | business hours | 960 (8x5's normal) at every priority | none |

- The product rule: a product whose name holds `24x7` gets 24x7, `NBD` gets NBD, `8x5` gets
  8x5 (letters in either case); any other product 8x5; no active service, level "none". A
  name holding more than one gets the first of that order, the stronger service.
- "Next business day" is the closing of the business day after the one the clock starts in:
  opened Monday 10:00, due Tuesday 16:00; opened on Saturday, or Friday at 16:00 or later,
  the clock starts on Monday, due Tuesday 16:00. It is counted on business hours whatever
  the level's calendar, and pauses push it on like any target: by the business time they hold.
- "none" has no resolution target: its resolution due is None.

The dues come from `clock.due_instant`, the desk's one due computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeAlias

from hezo_desk.enums import CalendarKind, Priority
from hezo_desk.services.service_levels.calendars import (
    WARSAW_BUSINESS_HOURS,
    calendar_for,
    to_micros,
)
from hezo_desk.services.service_levels.clock import Pause, due_instant


@dataclass(frozen=True)
class NextBusinessDay:
    """A target: by the closing (16:00) of the business day after the clock starts."""


NEXT_BUSINESS_DAY = NextBusinessDay()
# Minutes of the level's calendar; the next business day's closing; or no target at all.
Target: TypeAlias = int | NextBusinessDay | None


@dataclass(frozen=True)
class ServiceLevel:
    """A level's name, the calendar its minutes count on, and its targets per priority."""

    name: str
    calendar: CalendarKind
    response: Mapping[Priority, Target]
    resolution: Mapping[Priority, Target]


@dataclass(frozen=True)
class Dues:
    """When a ticket must have its first reply and be closed (UTC); None: no target, or
    the clock is held by a pause that has not ended."""

    response: dt.datetime | None
    resolution: dt.datetime | None


def _per_priority(
    critical: Target, high: Target, normal: Target, low: Target
) -> Mapping[Priority, Target]:
    # Read-only: the default levels are shared by every caller.
    return MappingProxyType(
        {
            Priority.CRITICAL: critical,
            Priority.HIGH: high,
            Priority.NORMAL: normal,
            Priority.LOW: low,
        }
    )


_HOUR = 60
_EIGHT_FIVE_RESPONSE = _per_priority(240, 480, 960, 1920)

TWENTY_FOUR_SEVEN = ServiceLevel(
    name="24x7",
    calendar=CalendarKind.ALWAYS,
    response=_per_priority(60, 120, 240, 480),
    resolution=_per_priority(8 * _HOUR, 24 * _HOUR, 72 * _HOUR, 120 * _HOUR),
)
EIGHT_FIVE = ServiceLevel(
    name="8x5",
    calendar=CalendarKind.BUSINESS_HOURS,
    response=_EIGHT_FIVE_RESPONSE,
    resolution=_per_priority(16 * _HOUR, 40 * _HOUR, 80 * _HOUR, 160 * _HOUR),
)
NBD = ServiceLevel(
    name="NBD",
    calendar=CalendarKind.BUSINESS_HOURS,
    response=_EIGHT_FIVE_RESPONSE,
    resolution=_per_priority(
        NEXT_BUSINESS_DAY,
        NEXT_BUSINESS_DAY,
        EIGHT_FIVE.resolution[Priority.NORMAL],
        EIGHT_FIVE.resolution[Priority.LOW],
    ),
)
NO_SERVICE = ServiceLevel(
    name="none",
    calendar=CalendarKind.BUSINESS_HOURS,
    response=MappingProxyType(dict.fromkeys(Priority, _EIGHT_FIVE_RESPONSE[Priority.NORMAL])),
    resolution=MappingProxyType(dict.fromkeys(Priority, None)),
)
DEFAULT_LEVELS = (TWENTY_FOUR_SEVEN, EIGHT_FIVE, NBD, NO_SERVICE)
# What a product's name may hold, strongest service first.
_PRODUCT_MARKS = (("24x7", TWENTY_FOUR_SEVEN), ("nbd", NBD), ("8x5", EIGHT_FIVE))


def default_level(product: str | None) -> ServiceLevel:
    """The level a service gets from its product's name; `None`: no active service."""
    if product is None:
        return NO_SERVICE
    folded = product.casefold()
    for mark, level in _PRODUCT_MARKS:
        if mark in folded:
            return level
    return EIGHT_FIVE


def compute_dues(
    level: ServiceLevel,
    priority: Priority,
    opened_at: dt.datetime,
    pauses: Iterable[Pause] = (),
) -> Dues:
    """A ticket's response and resolution dues on `level`, its clock started at `opened_at`."""
    held = tuple(pauses)
    return Dues(
        response=_due(level, level.response[priority], opened_at, held),
        resolution=_due(level, level.resolution[priority], opened_at, held),
    )


def _due(
    level: ServiceLevel, target: Target, opened_at: dt.datetime, pauses: tuple[Pause, ...]
) -> dt.datetime | None:
    # Plain isinstance tests, minutes first: this runs twice per ticket in a migration.
    if isinstance(target, int):
        calendar = calendar_for(level.calendar)
        return due_instant(calendar, opened_at, dt.timedelta(minutes=target), pauses)
    if target is None:
        return None
    business = WARSAW_BUSINESS_HOURS
    start = to_micros(opened_at)
    closing = business.next_day_closing(start)
    run = business.position(closing) - business.position(start)
    return due_instant(business, opened_at, dt.timedelta(microseconds=run), pauses)
