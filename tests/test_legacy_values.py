"""The legacy export's values: dates, Polish local time, states, priorities, message bodies."""

from __future__ import annotations

import datetime as dt

import pytest

from hezo_desk.enums import ContractState, MessageKind, Priority, TicketState
from hezo_desk.services.legacy_import import values


def test_dates_are_day_month_year() -> None:
    assert values.parse_date("24.01.2021", "start_date") == dt.date(2021, 1, 24)
    assert values.parse_date(" 1.3.2022 ", "start_date") == dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31.02.2023", "'31.02.2023' is not a date"),
        ("2023-01-01", "expected DD.MM.YYYY"),
        ("wczoraj", "'wczoraj' is not a date"),
        ("", "start_date is empty"),
    ],
)
def test_a_date_that_is_not_a_date_says_so(text: str, words: str) -> None:
    with pytest.raises(values.LegacyValueError, match=words):
        values.parse_date(text, "start_date")


def test_timestamps_are_polish_local_time_stored_as_utc() -> None:
    winter = values.parse_timestamp("05.01.2023 15:17", "opened_at")
    summer = values.parse_timestamp("05.07.2023 15:17", "opened_at")
    assert winter == dt.datetime(2023, 1, 5, 14, 17, tzinfo=dt.UTC)
    assert summer == dt.datetime(2023, 7, 5, 13, 17, tzinfo=dt.UTC)
    assert winter.tzinfo is dt.UTC
    with_seconds = values.parse_timestamp("05.07.2023 15:17:09", "sent_at")
    assert with_seconds.second == 9


def test_a_timestamp_that_is_not_one_is_refused() -> None:
    with pytest.raises(values.LegacyValueError, match="not a date and time"):
        values.parse_timestamp("32.13.2022 25:00", "opened_at")
    with pytest.raises(values.LegacyValueError, match=r"expected DD\.MM\.YYYY HH:MM"):
        values.parse_timestamp("05.01.2023", "opened_at")


def test_states_priorities_and_authors_map_to_the_domain() -> None:
    assert values.contract_state("aktywna") is ContractState.ACTIVE
    assert values.contract_state("Wygasła") is ContractState.EXPIRED
    assert values.contract_state("wygasla") is ContractState.EXPIRED
    assert values.contract_state(" anulowana ") is ContractState.CANCELLED
    assert values.ticket_state("nowe") is TicketState.NEW
    assert values.ticket_state("w  realizacji") is TicketState.IN_PROGRESS
    assert values.ticket_state("oczekuje na klienta") is TicketState.WAITING_FOR_CUSTOMER
    assert values.ticket_state("zamknięte") is TicketState.CLOSED
    assert values.ticket_state("anulowane") is TicketState.CANCELLED
    assert [values.priority(p) for p in ("niski", "normalny", "wysoki", "krytyczny")] == list(
        Priority
    )
    assert values.author_type("notatka") is MessageKind.INTERNAL_NOTE
    assert values.author_type("klient") is MessageKind.CUSTOMER
    assert values.author_type("agent") is MessageKind.AGENT


def test_an_unknown_value_names_the_known_ones() -> None:
    with pytest.raises(values.LegacyValueError, match=r"'zawieszona'.*'wygasła'"):
        values.contract_state("zawieszona")
    with pytest.raises(values.LegacyValueError, match="ticket status is empty"):
        values.ticket_state("  ")


@pytest.mark.parametrize(
    ("raw", "meant"),
    [
        (
            "Dzień dobry,<br>proszę<br/>o kontakt<BR />dziś< br >",
            "Dzień dobry,\nproszę\no kontakt\ndziś\n",
        ),
        ("Zysk &amp; strata &lt;b&gt; &quot;x&quot;", 'Zysk & strata <b> "x"'),
        ("a&nbsp;&ndash;&nbsp;b", "a\u00a0–\u00a0b"),
        ("&#261;&#x142;&#X144;", "ąłń"),
        ("AT&T, R&D; &notice; &bogus; & <b>x</b>", "AT&T, R&D; &notice; &bogus; & <b>x</b>"),
        ("&notice bez średnika &amp", "&notice bez średnika &amp"),
        ("&lt;br&gt; to tekst", "<br> to tekst"),
        ("&#0; &#xD800; &#99999999;", "&#0; &#xD800; &#99999999;"),
        ("linia 1\r\nlinia 2\rlinia 3", "linia 1\nlinia 2\nlinia 3"),
        ('<license status="invalid"> & brak', '<license status="invalid"> & brak'),
    ],
)
def test_bodies_become_the_characters_they_stand_for(raw: str, meant: str) -> None:
    assert values.decode_body(raw) == meant
