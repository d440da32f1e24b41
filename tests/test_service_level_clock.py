"""The due computation against a brute-force minute walk, and its rules by example.

The oracle walks minute by minute and asks, for each, the plain questions: is it a weekday,
not a Polish holiday, between 8:00 and 16:00 on the Warsaw wall clock; is it in a pause. It
shares nothing with the product's day lists and bisections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hezo_desk.local_time import WARSAW
from hezo_desk.services.service_levels.calendars import (
    WARSAW_BUSINESS_HOURS,
    AlwaysOpen,
    BusinessHours,
    Calendar,
    to_micros,
)
from hezo_desk.services.service_levels.clock import Pause, due_instant, elapsed

MINUTE = dt.timedelta(minutes=1)
POLISH_HOLIDAYS = holidays.country_holidays("PL", years=range(2023, 2030))
ALWAYS = AlwaysOpen()
DETERMINISTIC = settings(derandomize=True, max_examples=200, deadline=None)


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def is_business_minute(minute: dt.datetime) -> bool:
    local = minute.astimezone(WARSAW)
    return local.weekday() < 5 and local.date() not in POLISH_HOLIDAYS and 8 <= local.hour < 16


def counts(business: bool, minute: dt.datetime, pauses: Sequence[Pause]) -> bool:
    if business and not is_business_minute(minute):
        return False
    return not any(
        pause.start <= minute and (pause.end is None or minute < pause.end) for pause in pauses
    )


def walked_due(
    business: bool, start: dt.datetime, minutes: int, pauses: Sequence[Pause]
) -> dt.datetime | None:
    """The end of the minute in which the `minutes`-th counted minute is: one minute at a time."""
    if minutes == 0:
        return start
    minute = start
    counted = 0
    for _ in range(60 * 24 * 60):  # sixty days: far beyond any target drawn here
        if counts(business, minute, pauses):
            counted += 1
            if counted == minutes:
                return minute + MINUTE
        elif any(p.end is None and p.start <= minute for p in pauses):
            return None  # held by a pause that never ends
        minute += MINUTE
    raise AssertionError("the walk never reached the target")


def walked_elapsed(
    business: bool, start: dt.datetime, end: dt.datetime, pauses: Sequence[Pause]
) -> int:
    minutes = 0
    minute = start
    while minute < end:
        minutes += counts(business, minute, pauses)
        minute += MINUTE
    return minutes


def calendar(business: bool) -> Calendar:
    return WARSAW_BUSINESS_HOURS if business else ALWAYS


# Days the rules turn on: DST changes (last Sundays of March and October), Easter Monday,
# 1 and 3 May, 11 November, 24 December (a holiday from 2025 on, a working day in 2024),
# Christmas and New Year, a Friday before a long weekend, plain weeks.
INTERESTING_DAYS = [
    dt.date(2024, 3, 31),
    dt.date(2024, 10, 27),
    dt.date(2025, 3, 30),
    dt.date(2025, 10, 26),
    dt.date(2026, 3, 29),
    dt.date(2026, 10, 25),
    dt.date(2025, 4, 21),
    dt.date(2026, 4, 6),
    dt.date(2026, 5, 1),
    dt.date(2025, 11, 11),
    dt.date(2026, 11, 11),
    dt.date(2024, 12, 24),
    dt.date(2025, 12, 24),
    dt.date(2026, 12, 24),
    dt.date(2026, 1, 1),
    dt.date(2026, 4, 30),
    dt.date(2026, 6, 4),
    dt.date(2026, 11, 27),
]


@st.composite
def minute_instants(draw: st.DrawFn) -> dt.datetime:
    """A whole minute, near a day that matters or anywhere in 2024-2027."""
    if draw(st.booleans()):
        day = draw(st.sampled_from(INTERESTING_DAYS))
        base = dt.datetime.combine(day, dt.time(), tzinfo=WARSAW).astimezone(dt.UTC)
        return base + draw(st.integers(-4 * 24 * 60, 2 * 24 * 60)) * MINUTE
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return base + draw(st.integers(0, 4 * 365 * 24 * 60)) * MINUTE


@st.composite
def minute_pauses(draw: st.DrawFn, start: dt.datetime) -> list[Pause]:
    """Up to three pauses around `start`: overlapping, before it, one maybe without an end."""
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        begins = start + draw(st.integers(-600, 6000)) * MINUTE
        ends = begins + draw(st.integers(0, 4000)) * MINUTE
        pauses.append(Pause(begins, ends))
    if pauses and draw(st.integers(0, 5)) == 0:
        pauses[-1] = Pause(pauses[-1].start, None)
    return pauses


# Up to five business days (ten hours of 24x7), zero and exact days included.
targets = st.one_of(st.sampled_from([0, 1, 479, 480, 481, 960, 2400]), st.integers(0, 2400))


@DETERMINISTIC
@given(st.booleans(), minute_instants(), targets, st.data())
def test_the_due_is_where_the_minute_walk_ends(
    business: bool, start: dt.datetime, minutes: int, data: st.DataObject
) -> None:
    if not business:
        minutes = minutes // 4
    pauses = data.draw(minute_pauses(start))
    due = due_instant(calendar(business), start, minutes * MINUTE, pauses)
    assert due == walked_due(business, start, minutes, pauses)


@DETERMINISTIC
@given(st.booleans(), minute_instants(), st.integers(0, 6 * 24 * 60), st.data())
def test_elapsed_counts_the_minutes_the_walk_counts(
    business: bool, start: dt.datetime, length: int, data: st.DataObject
) -> None:
    pauses = data.draw(minute_pauses(start))
    end = start + length * MINUTE
    counted = elapsed(calendar(business), start, end, pauses)
    assert counted == walked_elapsed(business, start, end, pauses) * MINUTE


any_instants = st.datetimes(
    min_value=dt.datetime(2019, 1, 1),
    max_value=dt.datetime(2031, 12, 31),
    timezones=st.just(dt.UTC),
)
any_pauses = st.lists(
    st.tuples(
        st.timedeltas(dt.timedelta(days=-3), dt.timedelta(days=20)),
        st.timedeltas(dt.timedelta(0), dt.timedelta(days=9)),
    ),
    max_size=4,
)


@DETERMINISTIC
@given(
    st.booleans(),
    any_instants,
    st.timedeltas(dt.timedelta(0), dt.timedelta(days=40)),
    any_pauses,
)
def test_the_due_is_the_first_instant_the_target_has_run(
    business: bool,
    start: dt.datetime,
    target: dt.timedelta,
    offsets: list[tuple[dt.timedelta, dt.timedelta]],
) -> None:
    """To the microsecond and far from whole minutes: at the due exactly the target has run,
    a microsecond earlier less (so a target ending at 16:00 is due then, not next morning)."""
    pauses = [Pause(start + offset, start + offset + length) for offset, length in offsets]
    clock = calendar(business)
    due = due_instant(clock, start, target, pauses)
    assert due is not None
    assert due >= start
    assert elapsed(clock, start, due, pauses) == target
    if due > start:
        assert elapsed(clock, start, due - dt.timedelta(microseconds=1), pauses) < target


@DETERMINISTIC
@given(any_instants, any_pauses)
def test_the_order_and_overlap_of_pauses_do_not_matter(
    start: dt.datetime, offsets: list[tuple[dt.timedelta, dt.timedelta]]
) -> None:
    pauses = [Pause(start + offset, start + offset + length) for offset, length in offsets]
    target = dt.timedelta(hours=30)
    due = due_instant(WARSAW_BUSINESS_HOURS, start, target, pauses)
    assert due_instant(WARSAW_BUSINESS_HOURS, start, target, pauses[::-1] + pauses) == due


def business_due(start: dt.datetime, minutes: int, pauses: Sequence[Pause] = ()) -> dt.datetime:
    due = due_instant(WARSAW_BUSINESS_HOURS, start, minutes * MINUTE, pauses)
    assert due is not None
    return due


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        # Monday 8:00 plus a whole day: due at 16:00, not at 8:00 on Tuesday.
        (warsaw(2026, 11, 23, 8), 480, warsaw(2026, 11, 23, 16)),
        (warsaw(2026, 11, 23, 12), 240, warsaw(2026, 11, 23, 16)),
        # Friday 15:00 plus two hours: over the weekend.
        (warsaw(2026, 11, 27, 15), 120, warsaw(2026, 11, 30, 9)),
        # Outside hours the clock starts at the next opening.
        (warsaw(2026, 11, 28, 3), 60, warsaw(2026, 11, 30, 9)),
        (warsaw(2026, 11, 24, 6, 30), 60, warsaw(2026, 11, 24, 9)),
        (warsaw(2026, 11, 24, 17), 60, warsaw(2026, 11, 25, 9)),
        # Easter Monday 2026 (6 April) is off.
        (warsaw(2026, 4, 3, 15), 120, warsaw(2026, 4, 7, 9)),
        # 11 November 2026 is a Wednesday, off.
        (warsaw(2026, 11, 10, 15), 120, warsaw(2026, 11, 12, 9)),
        # From 2025 on, 24 December is off too: 24-26 December 2025, Wednesday to Friday.
        (warsaw(2025, 12, 23, 15), 120, warsaw(2025, 12, 29, 9)),
        # ... but 24 December 2024 was a working Tuesday.
        (warsaw(2024, 12, 23, 15), 120, warsaw(2024, 12, 24, 9)),
        # Across the spring DST change: Monday opens at 8:00 summer time (6:00 UTC).
        (warsaw(2026, 3, 27, 15), 120, dt.datetime(2026, 3, 30, 7, tzinfo=dt.UTC)),
        # Across the autumn one: Monday opens at 8:00 winter time (7:00 UTC).
        (warsaw(2026, 10, 23, 15), 120, dt.datetime(2026, 10, 26, 8, tzinfo=dt.UTC)),
        # Across a weekend and a week: 1,920 minutes is four business days.
        (warsaw(2026, 11, 26, 10), 1920, warsaw(2026, 12, 2, 10)),
    ],
)
def test_business_hours_by_example(start: dt.datetime, minutes: int, due: dt.datetime) -> None:
    assert business_due(start, minutes) == due
    assert business_due(start, minutes).tzinfo == dt.UTC


def test_24x7_runs_through_easter_monday_night_and_dst() -> None:
    three_am = warsaw(2026, 4, 6, 3)
    assert due_instant(ALWAYS, three_am, 60 * MINUTE) == warsaw(2026, 4, 6, 4)
    # The night summer time begins has an hour less: 23:00 plus four hours is 4:00.
    assert due_instant(ALWAYS, warsaw(2026, 3, 28, 23), 240 * MINUTE) == warsaw(2026, 3, 29, 4)


def test_pauses_hold_the_clock() -> None:
    monday_nine = warsaw(2026, 11, 23, 9)
    # Two hours waiting for the customer push four hours on by two.
    waiting = [Pause(warsaw(2026, 11, 23, 10), warsaw(2026, 11, 23, 12))]
    assert business_due(monday_nine, 240, waiting) == warsaw(2026, 11, 23, 15)
    # A pause over the night holds only its business hours: six run on Monday, two on Tuesday
    # from 9:00 (the hour before is in the pause).
    overnight = [Pause(warsaw(2026, 11, 23, 15), warsaw(2026, 11, 24, 9))]
    assert business_due(monday_nine, 480, overnight) == warsaw(2026, 11, 24, 11)
    # Reached right before a pause: due then, not when the customer answers.
    late = [Pause(warsaw(2026, 11, 23, 13), warsaw(2026, 11, 25, 9))]
    assert business_due(monday_nine, 240, late) == warsaw(2026, 11, 23, 13)
    # Still waiting, target not reached: no due yet; reached before: a due.
    open_pause = [Pause(warsaw(2026, 11, 23, 10), None)]
    assert due_instant(WARSAW_BUSINESS_HOURS, monday_nine, 240 * MINUTE, open_pause) is None
    assert business_due(monday_nine, 60, open_pause) == warsaw(2026, 11, 23, 10)


def test_elapsed_is_nil_backwards_and_leaves_pauses_out() -> None:
    monday_nine = warsaw(2026, 11, 23, 9)
    friday = warsaw(2026, 11, 27, 9)
    assert elapsed(WARSAW_BUSINESS_HOURS, friday, monday_nine) == dt.timedelta(0)
    assert elapsed(WARSAW_BUSINESS_HOURS, monday_nine, friday) == dt.timedelta(hours=32)
    pause = Pause(warsaw(2026, 11, 24, 12), None)
    assert elapsed(WARSAW_BUSINESS_HOURS, monday_nine, friday, [pause]) == dt.timedelta(hours=11)


def test_refuses_what_is_no_instant_or_no_target() -> None:
    with pytest.raises(ValueError, match="naive"):
        due_instant(ALWAYS, dt.datetime(2026, 1, 1), MINUTE)
    with pytest.raises(ValueError, match="negative"):
        due_instant(ALWAYS, warsaw(2026, 1, 1), -MINUTE)
    backwards = Pause(warsaw(2026, 1, 2), warsaw(2026, 1, 1))
    with pytest.raises(ValueError, match="ends before"):
        due_instant(ALWAYS, warsaw(2026, 1, 1), MINUTE, [backwards])


def test_a_calendar_grows_its_years_both_ways_with_positions_unchanged() -> None:
    fresh = BusinessHours(WARSAW, dt.time(8), dt.time(16), holiday_country="PL")
    start = warsaw(2026, 11, 23, 9)
    before = fresh.position(to_micros(start))
    assert business_due(warsaw(1990, 3, 1, 9), 60) == warsaw(1990, 3, 1, 10)
    assert fresh.position(to_micros(warsaw(2080, 3, 1, 9))) > before
    assert fresh.position(to_micros(warsaw(1985, 3, 1, 9))) < 0
    assert fresh.position(to_micros(start)) == before
    # A position far past the years held: the lists grow until they reach it.
    far = fresh.position(to_micros(warsaw(2026, 1, 1))) + 50 * 250 * 8 * 3600 * 10**6
    assert fresh.position(fresh.moment(far)) == far
