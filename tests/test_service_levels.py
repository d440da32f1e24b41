"""The default levels of DOMAIN.md, the product rule and a ticket's dues."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hezo_desk.enums import CalendarKind, Priority
from hezo_desk.local_time import WARSAW
from hezo_desk.services.service_levels.clock import Pause
from hezo_desk.services.service_levels.levels import (
    DEFAULT_LEVELS,
    EIGHT_FIVE,
    NBD,
    NEXT_BUSINESS_DAY,
    NO_SERVICE,
    TWENTY_FOUR_SEVEN,
    Dues,
    compute_dues,
    default_level,
)

POLISH_HOLIDAYS = holidays.country_holidays("PL", years=range(2019, 2032))


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


@pytest.mark.parametrize(
    ("product", "level"),
    [
        ("FortiCare 24x7", TWENTY_FOUR_SEVEN),
        ("FortiCare 24X7 Premium", TWENTY_FOUR_SEVEN),
        ("FortiCare 8x5", EIGHT_FIVE),
        ("Wymiana sprzętu NBD", NBD),
        ("wymiana nbd", NBD),
        ("FortiGuard IPS", EIGHT_FIVE),
        ("Enterprise Bundle", EIGHT_FIVE),
        ("", EIGHT_FIVE),
        # Several marks: the stronger service wins.
        ("FortiCare 8x5 + NBD", NBD),
        ("FortiCare 24x7 + NBD", TWENTY_FOUR_SEVEN),
        (None, NO_SERVICE),
    ],
)
def test_the_product_names_the_level(product: str | None, level: object) -> None:
    assert default_level(product) == level


def test_the_default_levels_hold_the_domain_table() -> None:
    assert [level.name for level in DEFAULT_LEVELS] == ["24x7", "8x5", "NBD", "none"]
    assert TWENTY_FOUR_SEVEN.calendar == CalendarKind.ALWAYS
    assert {level.calendar for level in DEFAULT_LEVELS[1:]} == {CalendarKind.BUSINESS_HOURS}
    order = [Priority.CRITICAL, Priority.HIGH, Priority.NORMAL, Priority.LOW]
    assert [TWENTY_FOUR_SEVEN.response[p] for p in order] == [60, 120, 240, 480]
    assert [TWENTY_FOUR_SEVEN.resolution[p] for p in order] == [480, 1440, 4320, 7200]
    assert [EIGHT_FIVE.response[p] for p in order] == [240, 480, 960, 1920]
    assert [EIGHT_FIVE.resolution[p] for p in order] == [960, 2400, 4800, 9600]
    assert NBD.response == EIGHT_FIVE.response
    assert [NBD.resolution[p] for p in order] == [NEXT_BUSINESS_DAY, NEXT_BUSINESS_DAY, 4800, 9600]
    assert [NO_SERVICE.response[p] for p in order] == [960] * 4
    assert [NO_SERVICE.resolution[p] for p in order] == [None] * 4


def test_24x7_critical_at_3_am_on_easter_monday() -> None:
    dues = compute_dues(TWENTY_FOUR_SEVEN, Priority.CRITICAL, warsaw(2026, 4, 6, 3))
    assert dues == Dues(response=warsaw(2026, 4, 6, 4), resolution=warsaw(2026, 4, 6, 11))


def test_8x5_stops_at_16_on_friday() -> None:
    dues = compute_dues(EIGHT_FIVE, Priority.CRITICAL, warsaw(2026, 11, 27, 14))
    # Two hours on Friday, two on Monday; sixteen hours: two on Friday, eight Monday, six Tuesday.
    assert dues == Dues(response=warsaw(2026, 11, 30, 10), resolution=warsaw(2026, 12, 1, 14))


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        (warsaw(2026, 11, 23, 10), warsaw(2026, 11, 24, 16)),  # Monday → Tuesday
        (warsaw(2026, 11, 27, 10), warsaw(2026, 11, 30, 16)),  # Friday → Monday
        (warsaw(2026, 11, 27, 15, 59), warsaw(2026, 11, 30, 16)),
        (warsaw(2026, 11, 27, 16), warsaw(2026, 12, 1, 16)),  # at closing: Monday starts
        (warsaw(2026, 11, 28, 11), warsaw(2026, 12, 1, 16)),  # Saturday
        (warsaw(2026, 11, 30, 7), warsaw(2026, 12, 1, 16)),  # before Monday's opening
        (warsaw(2026, 4, 3, 10), warsaw(2026, 4, 7, 16)),  # Friday before Easter Monday
        (warsaw(2026, 11, 10, 9), warsaw(2026, 11, 12, 16)),  # the day before 11 November
        (warsaw(2025, 12, 23, 9), warsaw(2025, 12, 29, 16)),  # before 24-26 December 2025
    ],
)
def test_nbd_is_due_at_16_of_the_next_business_day(opened: dt.datetime, due: dt.datetime) -> None:
    assert compute_dues(NBD, Priority.HIGH, opened).resolution == due
    assert compute_dues(NBD, Priority.CRITICAL, opened).resolution == due


def test_nbd_is_pushed_on_by_the_business_time_of_a_pause() -> None:
    opened = warsaw(2026, 11, 23, 10)
    waiting = [Pause(warsaw(2026, 11, 23, 11), warsaw(2026, 11, 23, 14))]
    assert compute_dues(NBD, Priority.HIGH, opened, waiting).resolution == warsaw(2026, 11, 25, 11)


def test_nbd_normal_and_low_count_as_8x5() -> None:
    opened = warsaw(2026, 11, 23, 10)
    for priority in (Priority.NORMAL, Priority.LOW):
        assert compute_dues(NBD, priority, opened) == compute_dues(EIGHT_FIVE, priority, opened)


def test_no_service_answers_as_8x5_normal_and_has_no_resolution_due() -> None:
    opened = warsaw(2026, 11, 23, 10)
    for priority in Priority:
        dues = compute_dues(NO_SERVICE, priority, opened)
        assert dues.response == compute_dues(EIGHT_FIVE, Priority.NORMAL, opened).response
        assert dues.resolution is None


def test_a_pause_still_running_leaves_the_dues_unknown() -> None:
    opened = warsaw(2026, 11, 23, 10)
    waiting = [Pause(warsaw(2026, 11, 23, 10, 30), None)]
    assert compute_dues(EIGHT_FIVE, Priority.NORMAL, opened, waiting) == Dues(None, None)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in POLISH_HOLIDAYS


def walked_next_business_day_closing(opened: dt.datetime) -> dt.datetime:
    """Day by day: the first business day not closed yet at `opened`, then the next one."""
    day = opened.astimezone(WARSAW).date()
    while not (is_business_day(day) and opened < warsaw(day.year, day.month, day.day, 16)):
        day += dt.timedelta(days=1)
    day += dt.timedelta(days=1)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return warsaw(day.year, day.month, day.day, 16)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(2020, 1, 1),
        max_value=dt.datetime(2030, 12, 31),
        timezones=st.just(dt.UTC),
    )
)
def test_nbd_is_the_closing_of_the_day_after_the_clock_starts(opened: dt.datetime) -> None:
    due = compute_dues(NBD, Priority.CRITICAL, opened).resolution
    assert due == walked_next_business_day_closing(opened)
