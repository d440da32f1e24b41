"""Phone numbers in any form read as one E.164, and callers found by any form of their number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import build_world
from hezo_desk.db import Database
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.phones import (
    NotAPhoneNumberError,
    format_phone,
    parse_phone,
    phone_e164,
    strip_tel_uri,
)

# Polish numbers have nine digits; landlines start with an area code (12 Kraków, 22 Warsaw…),
# mobiles with 5, 6, 7 or 8.
polish_subscriber = st.builds(
    lambda first, rest: f"{first}{rest:08d}",
    st.sampled_from("1234567"),
    st.integers(min_value=0, max_value=10**8 - 1),
)
separators = st.sampled_from(["", " ", "-", ".", " - "])


def _spelled(digits: str, separator: str, grouping: list[int]) -> str:
    """The digits cut into groups (as people read them out) joined by the separator."""
    groups, start = [], 0
    for size in grouping:
        if start >= len(digits):
            break
        groups.append(digits[start : start + size])
        start += size
    if start < len(digits):
        groups.append(digits[start:])
    return separator.join(groups)


groupings = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6)
prefixes = st.sampled_from(["", "+48", "+48 ", "0048", "0048 ", "+48-", "(+48) "])


@given(polish_subscriber, prefixes, separators, groupings)
def test_every_spelling_of_a_polish_number_is_one_e164(
    digits: str, prefix: str, separator: str, grouping: list[int]
) -> None:
    spelled = prefix + _spelled(digits, separator, grouping)
    assert parse_phone(spelled) == f"+48{digits}"
    assert parse_phone(f"tel:{spelled.replace(' ', '')};ext=12") == f"+48{digits}"


@given(polish_subscriber)
def test_the_national_form_reads_back_as_the_same_number(digits: str) -> None:
    e164 = f"+48{digits}"
    shown = format_phone(e164)
    assert not shown.startswith("+")
    assert parse_phone(shown) == e164


@given(st.text(alphabet="0123456789 -.", max_size=5))
def test_too_few_digits_are_no_phone_number(text: str) -> None:
    with pytest.raises(NotAPhoneNumberError):
        parse_phone(text)
    assert phone_e164(text) is None


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("+48 12 25 25 600", "+48122525600"),
        ("0048 12 25 25 600", "+48122525600"),
        ("12 25 25 600", "+48122525600"),
        ("tel:+48-12-25-25-600", "+48122525600"),
        ("TEL:+48.12.252.56.00;phone-context=hezo.pl", "+48122525600"),
        ("(12) 252-56-00", "+48122525600"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
    ],
)
def test_known_forms(text: str, e164: str) -> None:
    assert parse_phone(text) == e164


@pytest.mark.parametrize("text", ["", "tel:", "PL5260250274", "HD-000001", "12-34", "jan@x.pl"])
def test_what_is_not_a_phone_number(text: str) -> None:
    with pytest.raises(NotAPhoneNumberError) as raised:
        parse_phone(text)
    assert raised.value.text == text


def test_formats_for_the_agent() -> None:
    assert format_phone("+48122525600") == "12 252 56 00"
    assert format_phone("+442079460958") == "+44 20 7946 0958"
    assert strip_tel_uri(" tel:+48122525600;ext=7 ") == "+48122525600"


@pytest.mark.parametrize(
    "query",
    [
        "+48 12 345 67 89",
        "0048123456789",
        "12 345 67 89",
        "tel:+48-12-345-67-89",
        "(12) 345.67.89",
    ],
)
def test_lookup_finds_the_company_by_any_form_of_its_number(db: Database, query: str) -> None:
    build_world(db)
    result = LookupService(db).lookup(query)
    assert [customer.name for customer in result.customers] == ["Drukarnia Łąka Sp. z o.o."]
    assert result.customers[0].matched_by == ("phone",)


def test_a_row_without_the_e164_form_is_found_by_its_nine_digits(db: Database) -> None:
    """A desk older than revision 0008 writes only the nine-digit key."""
    from sqlalchemy import update

    from hezo_desk.models import Customer

    build_world(db)
    with db.transaction() as session:
        session.execute(update(Customer).values(phone_e164=None))
    result = LookupService(db).lookup("+48 12 345 67 89")
    assert [customer.name for customer in result.customers] == ["Drukarnia Łąka Sp. z o.o."]


def test_revision_0008_fills_the_e164_form_of_the_phones_already_there(demo_db: Database) -> None:
    """Down to 0007 (no E.164 column, no journal) and up again: every customer's and contact's
    phone has its E.164 form, as the desk reads it today."""
    from alembic import command
    from sqlalchemy import inspect, select

    from hezo_desk.db import alembic_config
    from hezo_desk.models import Contact, Customer

    config = alembic_config()
    with demo_db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    inspector = inspect(demo_db.engine)
    assert "calls" not in inspector.get_table_names()
    assert "phone_e164" not in {c["name"] for c in inspector.get_columns("customers")}
    demo_db.upgrade()
    with demo_db.sessions() as session:
        for model in (Customer, Contact):
            rows = session.execute(select(model.phone, model.phone_e164)).all()
            assert rows
            assert all(e164 == phone_e164(phone) for phone, e164 in rows)
            assert any(e164 is not None for _phone, e164 in rows)
