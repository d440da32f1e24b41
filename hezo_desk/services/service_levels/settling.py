"""A ticket's dues from its copied targets and its history: one pure step, `settle`.

Given the targets a ticket carries, its state, opening, closing, first reply and pauses:
its response and resolution dues (through `levels.compute_dues`, the desk's one due
computation), whether each target was met, and the due its list counts down to. No database:
`dues` (the lifecycle), the importer, the demo data and revision 0013's backfill all call it,
so a ticket's dues are the same whoever wrote them. The rules are in `dues`' docstring.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from hezo_desk.enums import CalendarKind, Priority, TicketState
from hezo_desk.services.service_levels import levels
from hezo_desk.services.service_levels.clock import Pause

# States in which the clock stands still: waiting (held), closed or cancelled (stopped).
STOPPED_STATES = frozenset({TicketState.CLOSED, TicketState.CANCELLED})
HELD_STATES = frozenset({TicketState.WAITING_FOR_CUSTOMER, *STOPPED_STATES})


@dataclass(frozen=True)
class Targets:
    """The targets a ticket carries (copied from its level at its priority)."""

    level_id: int | None
    calendar: CalendarKind
    response: levels.Target
    resolution: levels.Target

    def columns(self) -> dict[str, Any]:
        return {
            "sla_level_id": self.level_id,
            "sla_calendar": self.calendar,
            "response_target_minutes": minutes_of(self.response),
            "response_target_nbd": self.response == levels.NEXT_BUSINESS_DAY,
            "resolution_target_minutes": minutes_of(self.resolution),
            "resolution_target_nbd": self.resolution == levels.NEXT_BUSINESS_DAY,
        }


@dataclass(frozen=True)
class Settled:
    """What a ticket's targets and history give: its dues, met flags and the next due."""

    response_due: dt.datetime | None
    resolution_due: dt.datetime | None
    response_met: bool | None
    resolution_met: bool | None
    next_due: dt.datetime | None

    def columns(self) -> dict[str, Any]:
        return {
            "response_due_at": self.response_due,
            "resolution_due_at": self.resolution_due,
            "response_met": self.response_met,
            "resolution_met": self.resolution_met,
            "next_due_at": self.next_due,
        }


def targets_for(level_id: int | None, level: levels.ServiceLevel, priority: Priority) -> Targets:
    return Targets(level_id, level.calendar, level.response[priority], level.resolution[priority])


def settle(
    targets: Targets,
    state: TicketState,
    opened_at: dt.datetime,
    *,
    closed_at: dt.datetime | None = None,
    first_response_at: dt.datetime | None = None,
    pauses: Sequence[Pause] = (),
) -> Settled:
    """A ticket's dues, met flags and next due (see the module's docstring for the rules)."""
    stopped = state in STOPPED_STATES
    if stopped and closed_at is not None:
        # The clock stopped at closing: a pause still open ends there.
        pauses = [
            pause if pause.end is not None else Pause(pause.start, max(pause.start, closed_at))
            for pause in pauses
        ]
    dues = levels.compute_dues(_as_level(targets), Priority.NORMAL, opened_at, pauses)
    response_met: bool | None = None
    if targets.response is not None:
        if first_response_at is not None:
            # None: the clock was held before the target ran out, so the reply came in time.
            response_met = dues.response is None or first_response_at <= dues.response
        elif stopped and closed_at is not None and dues.response is not None:
            response_met = False if closed_at > dues.response else None
    resolution_met: bool | None = None
    if state is TicketState.CLOSED and targets.resolution is not None and closed_at is not None:
        resolution_met = dues.resolution is None or closed_at <= dues.resolution
    next_due: dt.datetime | None = None
    if not stopped and state is not TicketState.WAITING_FOR_CUSTOMER:
        if first_response_at is None and targets.response is not None:
            next_due = dues.response
        else:
            next_due = dues.resolution
    return Settled(dues.response, dues.resolution, response_met, resolution_met, next_due)


@functools.lru_cache(maxsize=256)
def _as_level(targets: Targets) -> levels.ServiceLevel:
    """The copied targets as a level with the same targets at every priority."""
    return levels.ServiceLevel(
        name="",
        calendar=targets.calendar,
        response=MappingProxyType(dict.fromkeys(Priority, targets.response)),
        resolution=MappingProxyType(dict.fromkeys(Priority, targets.resolution)),
    )


def minutes_of(target: levels.Target) -> int | None:
    return target if isinstance(target, int) else None


def target_of(minutes: int | None, next_business_day: bool) -> levels.Target:
    if next_business_day:
        return levels.NEXT_BUSINESS_DAY
    return minutes
