"""The calendars a service level's targets count on: every minute (24x7), or business hours.

A calendar is a clock that runs only while the calendar is open. Instants and calendar time
are whole microseconds (an instant: microseconds since the Unix epoch, UTC), so nothing is
rounded anywhere. A calendar answers two questions:

- `position(moment)`: how much calendar time has run from the calendar's fixed origin up to
  the instant `moment`. It stands still while the calendar is closed and never goes back.
- `moment(position)`: the *earliest* instant at which the clock reads `position`. Earliest is
  the rule "a target that ends exactly at 16:00 is due at 16:00, not at 8:00 the next day":
  the clock reads the same from Friday 16:00 to Monday 8:00, and Friday 16:00 comes first.

The two calendars:

- 24x7 (`AlwaysOpen`): every microsecond counts, nights, weekends and holidays alike; an hour
  across a DST change is an hour of real time.
- Business hours (`BusinessHours`, the desk's `WARSAW_BUSINESS_HOURS`): Monday to Friday,
  8:00 to 16:00 Europe/Warsaw wall-clock time, except Poland's public holidays as the installed
  `holidays` package lists them (Easter Monday, 11 November, and from 2025 on 24 December,
  among others). Each day's opening and closing are local times converted to UTC through
  zoneinfo, so a business day opens at 7:00 UTC in winter and at 6:00 UTC in summer; a day
  is as long as the real time between its opening and closing.

Speed: the business calendar keeps, for each business day, its opening and closing instants
and the business time before it, in sorted lists; each question is one bisection, however
long the target, with no walk over minutes or days. The lists cover whole years and grow
(rebuilt whole, then swapped in) when an instant or a position falls outside them; they
always include `ORIGIN_YEAR`, whose first opening is position 0, so positions never shift.
"""

from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

from hezo_desk.enums import CalendarKind
from hezo_desk.local_time import WARSAW

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
ORIGIN_YEAR = 2000
# Years the lists reach beyond the one asked for, so that a run of tickets around one date
# does not rebuild them at every step.
_MARGIN_YEARS = 2


def to_micros(moment: dt.datetime) -> int:
    """An aware datetime as microseconds since the Unix epoch (UTC)."""
    if moment.utcoffset() is None:
        raise ValueError(f"a naive datetime is no instant: {moment!r}")
    return (moment - EPOCH) // MICROSECOND


def from_micros(micros: int) -> dt.datetime:
    """Microseconds since the Unix epoch as an aware UTC datetime."""
    return EPOCH + dt.timedelta(microseconds=micros)


class Calendar(Protocol):
    """A clock that runs while the calendar is open (see the module's docstring)."""

    def position(self, moment: int) -> int:
        """Calendar time (µs) run from the origin up to the instant `moment` (µs, UTC)."""
        ...

    def moment(self, position: int) -> int:
        """The earliest instant (µs, UTC) at which the calendar time reads `position`."""
        ...


class AlwaysOpen:
    """24x7: calendar time is real time."""

    def position(self, moment: int) -> int:
        return moment

    def moment(self, position: int) -> int:
        return position


@dataclass(frozen=True)
class _Days:
    """The business days of whole years `first_year`..`last_year`, in order."""

    first_year: int
    last_year: int
    low: int  # the first instant covered: 1 January of first_year, 0:00 local
    high: int  # the first instant not covered: 1 January after last_year, 0:00 local
    opens: list[int]  # each business day's opening instant
    closes: list[int]  # its closing instant
    before: list[int]  # the position at its opening
    after: list[int]  # the position at its closing


class BusinessHours:
    """Weekdays from `opening` to `closing` local time in `zone`, a country's holidays off."""

    def __init__(
        self,
        zone: ZoneInfo,
        opening: dt.time,
        closing: dt.time,
        holiday_country: str,
    ) -> None:
        if not opening < closing:
            raise ValueError("a business day closes after it opens")
        self._zone = zone
        self._opening = opening
        self._closing = closing
        self._holiday_country = holiday_country
        self._days: _Days | None = None
        self._growing = threading.Lock()

    def position(self, moment: int) -> int:
        days = self._days
        if days is None or not days.low <= moment < days.high:
            days = self._covering(moment=moment)
        k = bisect_right(days.opens, moment) - 1
        if k < 0:  # before the first opening of the covered years: nothing has run since
            return days.before[0]
        return days.before[k] + min(moment - days.opens[k], days.closes[k] - days.opens[k])

    def moment(self, position: int) -> int:
        days = self._days
        if days is None or not days.before[0] < position <= days.after[-1]:
            days = self._covering(position=position)
        # The first day whose closing reaches the position; the business time between two
        # days is nil, so the position is reached within that day (or at its closing).
        k = bisect_left(days.after, position)
        return days.opens[k] + (position - days.before[k])

    def next_day_closing(self, moment: int) -> int:
        """The closing instant of the business day after the one the clock runs in at `moment`.

        The clock runs in the business day that holds the first business time at or after
        `moment`: a business day's own until its closing, else the next one's; so a start on
        Saturday, or at 16:00 on Friday, runs in Monday and gets Tuesday's closing.
        """
        position = self.position(moment)
        while True:
            days = self._days
            assert days is not None  # position() has built them
            k = bisect_right(days.after, position)
            if k + 1 < len(days.after):
                return days.closes[k + 1]
            self._covering(position=days.after[-1] + 1)

    def _covering(self, *, moment: int | None = None, position: int | None = None) -> _Days:
        """Grow the lists until they cover the instant or the position, and return them."""
        with self._growing:
            while True:
                days = self._days
                if days is not None and (
                    (moment is not None and days.low <= moment < days.high)
                    or (position is not None and days.before[0] < position <= days.after[-1])
                ):
                    return days
                first, last = self._wanted_years(days, moment, position)
                self._days = self._build(first, last)

    def _wanted_years(
        self, days: _Days | None, moment: int | None, position: int | None
    ) -> tuple[int, int]:
        if days is None:
            first = last = ORIGIN_YEAR
        else:
            first, last = days.first_year, days.last_year
        if moment is not None:
            year = from_micros(moment).astimezone(self._zone).year
            first = min(first, year - _MARGIN_YEARS)
            last = max(last, year + _MARGIN_YEARS)
        elif days is not None and position is not None:
            # A position past either end: reach further that way; the loop repeats if needed.
            span = max(_MARGIN_YEARS, (days.last_year - days.first_year + 1) // 2)
            if position <= days.before[0]:
                first -= span
            else:
                last += span
        first = max(first, dt.MINYEAR + 1)
        last = min(last, dt.MAXYEAR - 1)
        if days is not None and (first, last) == (days.first_year, days.last_year):
            raise ValueError("an instant or a position beyond the years a calendar can hold")
        return first, last

    def _build(self, first_year: int, last_year: int) -> _Days:
        off = frozenset(
            holidays.country_holidays(
                self._holiday_country, years=range(first_year, last_year + 1)
            ).keys()
        )
        opens: list[int] = []
        closes: list[int] = []
        day = dt.date(first_year, 1, 1)
        end = dt.date(last_year, 12, 31)
        one_day = dt.timedelta(days=1)
        while day <= end:
            if day.weekday() < 5 and day not in off:
                opens.append(self._instant(day, self._opening))
                closes.append(self._instant(day, self._closing))
            day += one_day
        before: list[int] = []
        after: list[int] = []
        run = 0
        for opening, closing in zip(opens, closes, strict=True):
            before.append(run)
            run += closing - opening
            after.append(run)
        # Position 0 is the first opening of ORIGIN_YEAR, whatever years the lists hold.
        origin = before[bisect_left(opens, self._instant(dt.date(ORIGIN_YEAR, 1, 1), dt.time()))]
        return _Days(
            first_year=first_year,
            last_year=last_year,
            low=self._instant(dt.date(first_year, 1, 1), dt.time()),
            high=self._instant(dt.date(last_year + 1, 1, 1), dt.time()),
            opens=opens,
            closes=closes,
            before=[value - origin for value in before],
            after=[value - origin for value in after],
        )

    def _instant(self, day: dt.date, wall_clock: dt.time) -> int:
        return to_micros(dt.datetime.combine(day, wall_clock, tzinfo=self._zone))


WARSAW_BUSINESS_HOURS = BusinessHours(WARSAW, dt.time(8), dt.time(16), holiday_country="PL")
_ALWAYS_OPEN = AlwaysOpen()


def calendar_for(kind: CalendarKind) -> Calendar:
    """The calendar a service level names."""
    match kind:
        case CalendarKind.ALWAYS:
            return _ALWAYS_OPEN
        case CalendarKind.BUSINESS_HOURS:
            return WARSAW_BUSINESS_HOURS
