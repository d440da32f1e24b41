"""Tax ids: every spoken and typed form of a NIP, EU VAT ids, and precise reasons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hezo_desk.services.tax_ids import (
    InvalidTaxIdError,
    TaxIdProblem,
    make_nip,
    nip_check_digit,
    parse_tax_id,
)


@pytest.mark.parametrize(
    "typed",
    [
        "PL5260250274",
        "pl5260250274",
        "526-025-02-74",
        "pl 526 025 02 74",
        "PL 526-025-02-74",
        "5260250274",
        "  526 025 02 74  ",
        "NIP: 526-025-02-74",
        "PL-526.025.02.74",
        "526\u00a0025\u00a002\u00a074",
    ],
)
def test_every_form_of_a_nip_becomes_the_canonical_one(typed: str) -> None:
    assert parse_tax_id(typed).canonical == "PL5260250274"


@pytest.mark.parametrize(
    ("typed", "problem", "fragment"),
    [
        ("", TaxIdProblem.EMPTY, "empty"),
        ("   - ", TaxIdProblem.EMPTY, "empty"),
        ("PL526025027", TaxIdProblem.LENGTH, "has 9"),
        ("PL52602502745", TaxIdProblem.LENGTH, "has 11"),
        ("PL5260250275", TaxIdProblem.CHECKSUM, "would be 4, not 5"),
        ("PL52602O0274", TaxIdProblem.CHARACTERS, "'O'"),
        ("PL0000000000", TaxIdProblem.FORMAT, "all zeros"),
        ("XX5260250274", TaxIdProblem.COUNTRY, "“XX” is not the prefix of an EU member state"),
        ("US5260250274", TaxIdProblem.COUNTRY, "EU member state"),
        ("P5260250274", TaxIdProblem.COUNTRY, "one letter"),
        ("PL", TaxIdProblem.LENGTH, "no digits"),
        ("DE136695977", TaxIdProblem.CHECKSUM, "checksum"),
        ("DE13669597", TaxIdProblem.LENGTH, "length"),
    ],
)
def test_invalid_tax_ids_say_why(typed: str, problem: TaxIdProblem, fragment: str) -> None:
    with pytest.raises(InvalidTaxIdError) as caught:
        parse_tax_id(typed)
    assert caught.value.problem is problem
    assert fragment in str(caught.value)


def test_a_remainder_of_ten_is_never_valid() -> None:
    # 123456789 has check value 10 with the NIP weights.
    first_nine = next(
        f"{n:09d}" for n in range(100000000, 100100000) if nip_check_digit(f"{n:09d}") == 10
    )
    assert make_nip(first_nine) is None
    for last in "0123456789":
        with pytest.raises(InvalidTaxIdError) as caught:
            parse_tax_id(first_nine + last)
        assert caught.value.problem is TaxIdProblem.CHECKSUM
        assert "no valid NIP begins with" in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("DE136695976", "DE136695976"),
        ("de 136 695 976", "DE136695976"),
        ("CZ25123891", "CZ25123891"),
        ("EL094259216", "EL094259216"),
    ],
)
def test_eu_vat_ids_of_other_member_states(typed: str, canonical: str) -> None:
    assert parse_tax_id(typed).canonical == canonical


@given(st.text(max_size=40))
def test_any_input_is_either_canonical_or_refused_with_a_reason(typed: str) -> None:
    try:
        tax_id = parse_tax_id(typed)
    except InvalidTaxIdError as error:
        assert str(error)
        assert isinstance(error.problem, TaxIdProblem)
        return
    assert tax_id.canonical == parse_tax_id(tax_id.canonical).canonical
    assert tax_id.canonical[:2].isalpha()
    assert tax_id.canonical.isupper() or tax_id.canonical[2:].isdigit()


@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from(["", "PL", "pl "]),
    st.sampled_from(["", "-", " ", "."]),
)
def test_valid_nips_are_accepted_whatever_the_separators(
    number: int, prefix: str, separator: str
) -> None:
    nip = make_nip(f"{number:09d}")
    if nip is None or set(nip) == {"0"}:
        return
    typed = prefix + separator.join([nip[:3], nip[3:6], nip[6:8], nip[8:]])
    assert parse_tax_id(typed).canonical == "PL" + nip


@given(st.integers(min_value=1, max_value=999_999_999), st.integers(0, 9), st.integers(1, 9))
def test_one_mistyped_digit_is_caught(number: int, position: int, delta: int) -> None:
    nip = make_nip(f"{number:09d}")
    if nip is None:
        return
    wrong = nip[:position] + str((int(nip[position]) + delta) % 10) + nip[position + 1 :]
    with pytest.raises(InvalidTaxIdError) as caught:
        parse_tax_id(wrong)
    assert caught.value.problem in {TaxIdProblem.CHECKSUM, TaxIdProblem.FORMAT}
