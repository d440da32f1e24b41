"""Serial notations: parsing every notation, issuing indexes by the rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hezo_desk.services.serials import (
    InvalidSerialError,
    ParsedSerial,
    SerialProblem,
    format_notation,
    initial_indexes,
    next_free_indexes,
    parse_serial,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("FG1234567890", ParsedSerial("FG1234567890", None)),
        ("fg1234567890", ParsedSerial("FG1234567890", None)),
        ("fg 1234 567 890", ParsedSerial("FG1234567890", None)),
        ("(H)-FG1234567890", ParsedSerial("FG1234567890", 0)),
        ("(h)-fg1234567890", ParsedSerial("FG1234567890", 0)),
        ("(H2)-FG1234567890", ParsedSerial("FG1234567890", 2)),
        ("( h 2 ) - fg 1234567890", ParsedSerial("FG1234567890", 2)),
        ("(H12)-FG1234567890", ParsedSerial("FG1234567890", 12)),
        ("(H3)FG1234567890", ParsedSerial("FG1234567890", 3)),
        ("H2-FG1234567890", ParsedSerial("FG1234567890", 2)),
        ("H-FG1234567890", ParsedSerial("FG1234567890", 0)),
        ("(H1)–FG1234567890", ParsedSerial("FG1234567890", 1)),
        ("  (H)-FG1234567890\n", ParsedSerial("FG1234567890", 0)),
        ("HX12345", ParsedSerial("HX12345", None)),
        ("H1234567", ParsedSerial("H1234567", None)),
    ],
)
def test_every_notation_parses_to_bare_serial_and_index(typed: str, expected: ParsedSerial) -> None:
    assert parse_serial(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", SerialProblem.EMPTY),
        ("   ", SerialProblem.EMPTY),
        ("(H)-", SerialProblem.EMPTY),
        ("(H0)-FG1234567890", SerialProblem.INDEX),
        ("FG-1234", SerialProblem.CHARACTERS),
        ("FG12#34", SerialProblem.CHARACTERS),
        ("(H)-FGŁ12345", SerialProblem.CHARACTERS),
        ("FG1", SerialProblem.LENGTH),
        ("F" * 65, SerialProblem.LENGTH),
    ],
)
def test_malformed_serials_are_refused_with_a_reason(typed: str, problem: SerialProblem) -> None:
    with pytest.raises(InvalidSerialError) as caught:
        parse_serial(typed)
    assert caught.value.problem is problem
    assert str(caught.value)


def test_notation_format() -> None:
    assert format_notation("FG1234567890", 0) == "(H)-FG1234567890"
    assert format_notation("FG1234567890", 3) == "(H3)-FG1234567890"
    with pytest.raises(ValueError, match="negative"):
        format_notation("FG1", -1)


def test_one_moving_service_gets_h_and_several_get_h1_to_hk() -> None:
    assert initial_indexes(1) == [0]
    assert initial_indexes(3) == [1, 2, 3]
    assert initial_indexes(0) == []


def test_a_later_service_gets_the_lowest_free_index_from_one() -> None:
    assert next_free_indexes([], 1) == [0]
    assert next_free_indexes([0], 1) == [1]
    assert next_free_indexes([1, 2, 3], 1) == [4]
    assert next_free_indexes([1, 3], 2) == [2, 4]
    assert next_free_indexes([0, 1], 1) == [2]


serials = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=4, max_size=20)


@given(serials, st.one_of(st.none(), st.integers(0, 99)), st.booleans(), st.booleans())
def test_formatted_notations_parse_back(
    serial: str, index: int | None, lower: bool, spaced: bool
) -> None:
    typed = serial if index is None else format_notation(serial, index)
    if lower:
        typed = typed.lower()
    if spaced:
        typed = " ".join(typed)
    assert parse_serial(typed) == ParsedSerial(serial, index)


@given(st.text(max_size=30))
def test_any_input_parses_or_is_refused_with_a_reason(typed: str) -> None:
    try:
        parsed = parse_serial(typed)
    except InvalidSerialError as error:
        assert isinstance(error.problem, SerialProblem)
        assert str(error)
        return
    assert parsed.serial.isalnum()
    assert parsed.serial.isascii()
    assert parsed.serial == parsed.serial.upper()
    assert parsed.index is None or parsed.index >= 0


@given(st.sets(st.integers(0, 30)), st.integers(1, 5))
def test_issued_indexes_never_reuse_and_never_change_existing(used: set[int], count: int) -> None:
    issued = next_free_indexes(used, count)
    assert len(issued) == count
    assert not set(issued) & used
    assert len(set(issued)) == count
    if used:
        assert min(issued) >= 1
