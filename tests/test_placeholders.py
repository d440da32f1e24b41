"""`fill`: `%1`, `%2`, … in a translated sentence are filled in one pass."""

from __future__ import annotations

from hezo_desk.placeholders import fill


def test_each_placeholder_takes_its_value_wherever_it_stands() -> None:
    assert fill("%2 before %1", "one", "two") == "two before one"
    assert fill("%1 and %1 again", "x") == "x and x again"


def test_a_value_holding_a_placeholder_is_not_filled_again() -> None:
    assert fill("%1 sees ticket %2", "Reseller %2 Sp. z o.o.", "T-1") == (
        "Reseller %2 Sp. z o.o. sees ticket T-1"
    )
    assert fill("%1, %2", "%1", "%2") == "%1, %2"


def test_a_placeholder_without_a_value_stays_as_written() -> None:
    assert fill("%1 of %2", "3") == "3 of %2"
    assert fill("%0 and %3", "a", "b") == "%0 and %3"


def test_two_digit_placeholders_are_one_placeholder() -> None:
    values = [f"v{number}" for number in range(1, 11)]
    assert fill("%10 after %1", *values) == "v10 after v1"
    assert fill("%10", "only one") == "%10"


def test_values_are_written_as_text() -> None:
    assert fill("%1 row(s), %2", 3, None) == "3 row(s), None"
