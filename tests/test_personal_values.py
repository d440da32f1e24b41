"""A person's values in every form they are found in (no database)."""

from __future__ import annotations

import json

import pytest

from hezo_desk.services.personal_data.values import PersonalValues

PERSON = PersonalValues.of(["Łukasz  Kowalski", "Lukasz.Kowalski@laka.pl", "+48 600 100 200"])
LABEL = "Osoba zanonimizowana 7"


def test_values_are_told_apart_by_their_form() -> None:
    assert PERSON.names == ("Łukasz Kowalski",)
    assert PERSON.emails == ("Lukasz.Kowalski@laka.pl",)
    assert PERSON.phones == ("+48 600 100 200",)
    assert PersonalValues.of(["12345", "  "]).names == ("12345",), "too short for a phone"
    assert PersonalValues.of([]).is_empty


@pytest.mark.parametrize(
    "text",
    [
        "600100200",
        "600 100 200",
        "600-100-200",
        "+48 600 100 200",
        "(+48) 600-100-200",
        "0048600100200",
        "+48600100200",
        "tel.600.100.200, dzwonić po 15",
    ],
)
def test_a_phone_is_found_in_any_printed_form(text: str) -> None:
    assert PERSON.found_in(text) == ["phone"]
    assert "600" not in PERSON.redact(text, LABEL)


def test_a_longer_number_holding_the_digits_is_not_the_phone() -> None:
    assert PERSON.found_in("konto 1600100200300") == []


@pytest.mark.parametrize(
    "text",
    [
        "Łukasz Kowalski",
        "ŁUKASZ\nKOWALSKI",
        "kowalski łukasz",
        "lukasz kowalski",
        "Kowalski  Łukasz",
    ],
)
def test_a_name_is_found_in_any_case_order_and_folding(text: str) -> None:
    assert PERSON.found_in(f"Pozdrawiam, {text}.") == ["name"]
    assert PERSON.redact(f"Pozdrawiam, {text}.", LABEL) == f"Pozdrawiam, {LABEL}."


def test_a_name_inside_a_longer_word_is_someone_else() -> None:
    assert PERSON.found_in("Łukasz Kowalskiewicz") == []
    assert PERSON.found_in("Łukasz Kowalczyk, Łukaszewski Kowalski") == []


@pytest.mark.parametrize(
    "text",
    [
        "Rozmawiałem z Łukaszem Kowalskim",
        "Proszę przekazać ŁUKASZOWI KOWALSKIEMU",
        "Pismo od Łukasza Kowalskiego",
        "o Łukaszu Kowalskim",
        "z lukaszem kowalskim",
        "Kowalskiego Łukasza",
    ],
)
def test_a_name_is_found_in_any_grammatical_case(text: str) -> None:
    assert PERSON.found_in(text) == ["name"]
    assert "owalsk" not in PERSON.redact(text, LABEL).lower()
    assert PERSON.redact(text, LABEL).endswith(LABEL)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Agnieszka Nowak", "dla Agnieszki Nowak, o Agnieszce Nowak"),
        ("Marek Wróbel", "z Markiem Wróblem"),
        ("Marta Zając", "o Marcie Zając"),
        ("Piotr Biały", "o Piotrze Białym"),
        ("Kasia Wiśniewska", "od Kasi Wiśniewskiej"),
        ("Paweł Kot", "o Pawle Kocie"),
    ],
)
def test_declensions_and_their_stem_changes(name: str, text: str) -> None:
    assert PersonalValues.of([name]).found_in(text) == ["name"]


def test_the_blank_before_a_phone_stays() -> None:
    assert PERSON.redact("Tel +48 (600) 100 200 i 600-100-200.", LABEL) == "Tel […] i […]."


def test_the_email_goes_before_the_name_it_may_hold() -> None:
    text = "Pisz na LUKASZ.KOWALSKI@LAKA.PL albo dzwoń 600 100 200 – Łukasz Kowalski"
    assert PERSON.redact(text, LABEL) == f"Pisz na […] albo dzwoń […] – {LABEL}"


def test_json_escapes_and_raw_bytes_are_looked_for() -> None:
    escaped = json.dumps({"who": "Łukasz Kowalski"}).encode()
    assert b"\\u0141" in escaped
    assert PERSON.bytes_regex is not None
    assert PERSON.bytes_regex.search(escaped)
    assert PERSON.bytes_regex.search("xx ŁUKASZ KOWALSKI xx".encode())
    assert PERSON.bytes_regex.search(b"tel: 600-100-200;")
    assert not PERSON.bytes_regex.search(b"Anna Zielinska 601 222 333")
    # The pre-filter looks for the stem of the longest word of a name (every declined form
    # begins with it), as written, folded and as JSON writes it.
    fragments = PersonalValues.of(["Ela Żółtowska"]).like_fragments()
    assert {"Żółtows", json.dumps("Żółtows")[1:-1], "ŻÓŁTOWS", "zoltows"} <= set(fragments)


def test_each_part_of_a_double_surname_is_declined() -> None:
    person = PersonalValues.of(["Anna Nowak-Kowalska"])
    assert person.found_in("dla Anny Nowak-Kowalskiej") == ["name"]
    assert person.found_in("o Annie Nowakowej-Kowalskiej") == []
    assert person.redact("z Anną Nowak-Kowalską.", LABEL) == f"z {LABEL}."
    assert PersonalValues.of(["Jan Nowak-Kowalski"]).found_in("od Jana Nowaka-Kowalskiego") == [
        "name"
    ]
    # The pre-filter holds a stem every declined form contains.
    assert "Kowalsk" in PersonalValues.of(["Jan Nowak-Kowalski"]).like_fragments()


def test_a_bracketed_area_part_goes_with_the_phone() -> None:
    assert PERSON.redact("tel. (600) 100 200.", LABEL) == "tel. […]."
