"""Tax ids: a Polish NIP in any spoken or typed form, and EU VAT ids of other member states.

Every accepted form becomes one canonical form: the country prefix and the digits,
`PL5260250274`. An invalid id raises `InvalidTaxIdError` whose `reason` says what is wrong
(length, characters, checksum, country) precisely enough to read back to a caller.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
NIP_LENGTH = 10
# Greece uses EL in VAT ids although its ISO code is GR; stdnum knows both.
_EU_PREFIXES = frozenset(code.upper() for code in eu_vat.MEMBER_STATES) | {"EL"}
# Country codes whose VAT prefix differs (ISO 3166 → VIES).
_VAT_PREFIX = {"GR": "EL"}
_SEPARATORS = re.compile(r"[\s\-./_,:]+")
_NIP_WORD = re.compile(r"^\s*(?:NIP|VAT(?:\s*ID)?|TAX\s*ID)\b[\s:#-]*", re.IGNORECASE)


class TaxIdProblem(enum.StrEnum):
    EMPTY = "empty"
    CHARACTERS = "characters"
    LENGTH = "length"
    CHECKSUM = "checksum"
    COUNTRY = "country"
    FORMAT = "format"


class InvalidTaxIdError(UserError):
    def __init__(self, problem: TaxIdProblem, template: str, *params: object) -> None:
        super().__init__(template, *params)
        self.problem = problem


@dataclass(frozen=True)
class TaxId:
    country: str
    number: str

    @property
    def canonical(self) -> str:
        return f"{self.country}{self.number}"

    def __str__(self) -> str:
        return self.canonical


def parse_tax_id(text: str) -> TaxId:
    """Any typed form of a tax id → `TaxId`, or `InvalidTaxIdError` saying why not."""
    compact = _SEPARATORS.sub("", _NIP_WORD.sub("", text)).upper()
    if not compact:
        raise InvalidTaxIdError(TaxIdProblem.EMPTY, QT_TRANSLATE_NOOP("Errors", "tax id is empty"))
    if compact[:2].isalpha():
        country, number = compact[:2], compact[2:]
    elif compact[:1].isalpha():
        raise InvalidTaxIdError(
            TaxIdProblem.COUNTRY,
            QT_TRANSLATE_NOOP(
                "Errors", "tax id “%1” starts with one letter; a country prefix has two (PL…)"
            ),
            text.strip(),
        )
    else:
        # Callers read a Polish NIP without its prefix as often as with it.
        country, number = "PL", compact
    if country == "PL":
        return TaxId("PL", validate_nip_digits(number, original=text))
    # One Greek company, one id: VIES writes Greece's prefix EL, people often its ISO code GR.
    country = _VAT_PREFIX.get(country, country)
    if country not in _EU_PREFIXES:
        raise InvalidTaxIdError(
            TaxIdProblem.COUNTRY,
            QT_TRANSLATE_NOOP(
                "Errors",
                "“%1” is not the prefix of an EU member state; a Polish NIP starts with PL, "
                "other EU VAT ids with their country's prefix (DE, CZ, EL, …)",
            ),
            country,
        )
    return TaxId(country, _validate_eu_vat(country, number, text))


def validate_nip_digits(number: str, *, original: str) -> str:
    shown = original.strip()
    if not number:
        raise InvalidTaxIdError(
            TaxIdProblem.LENGTH,
            QT_TRANSLATE_NOOP("Errors", "tax id “%1” has no digits after PL"),
            shown,
        )
    strangers = sorted({char for char in number if not char.isdigit()})
    if strangers:
        raise InvalidTaxIdError(
            TaxIdProblem.CHARACTERS,
            QT_TRANSLATE_NOOP("Errors", "a NIP has only digits; “%1” contains %2"),
            shown,
            ", ".join(map(repr, strangers)),
        )
    if not number.isascii():
        raise InvalidTaxIdError(
            TaxIdProblem.CHARACTERS,
            QT_TRANSLATE_NOOP("Errors", "“%1” contains non-ASCII digits"),
            shown,
        )
    if len(number) != NIP_LENGTH:
        raise InvalidTaxIdError(
            TaxIdProblem.LENGTH,
            QT_TRANSLATE_NOOP("Errors", "a NIP has 10 digits; “%1” has %2"),
            shown,
            len(number),
        )
    if set(number) == {"0"}:
        raise InvalidTaxIdError(
            TaxIdProblem.FORMAT, QT_TRANSLATE_NOOP("Errors", "a NIP cannot be all zeros")
        )
    remainder = nip_check_digit(number[:9])
    if remainder == 10:
        raise InvalidTaxIdError(
            TaxIdProblem.CHECKSUM,
            QT_TRANSLATE_NOOP(
                "Errors",
                "checksum of “%1” is wrong: no valid NIP begins with %2 (probably a mistyped "
                "digit)",
            ),
            shown,
            number[:9],
        )
    if remainder != int(number[9]):
        raise InvalidTaxIdError(
            TaxIdProblem.CHECKSUM,
            QT_TRANSLATE_NOOP(
                "Errors",
                "checksum of “%1” is wrong: with these first nine digits the last digit would be "
                "%2, not %3 (probably a mistyped digit)",
            ),
            shown,
            remainder,
            number[9],
        )
    return number


def nip_check_digit(first_nine: str) -> int:
    """The NIP check value of nine digits; 10 means no valid NIP begins with them."""
    return sum(int(d) * w for d, w in zip(first_nine, NIP_WEIGHTS, strict=True)) % 11


def _validate_eu_vat(country: str, number: str, original: str) -> str:
    shown = original.strip()
    try:
        compact = str(eu_vat.validate(country + number))
    except stdnum_errors.InvalidLength as error:
        raise InvalidTaxIdError(
            TaxIdProblem.LENGTH,
            QT_TRANSLATE_NOOP("Errors", "“%1” has the wrong length for a %2 VAT id"),
            shown,
            country,
        ) from error
    except stdnum_errors.InvalidChecksum as error:
        raise InvalidTaxIdError(
            TaxIdProblem.CHECKSUM,
            QT_TRANSLATE_NOOP("Errors", "checksum of %1 VAT id “%2” is wrong"),
            country,
            shown,
        ) from error
    except stdnum_errors.InvalidComponent as error:
        raise InvalidTaxIdError(
            TaxIdProblem.FORMAT,
            QT_TRANSLATE_NOOP("Errors", "“%1” is not a valid %2 VAT id: %3"),
            shown,
            country,
            error,
        ) from error
    except stdnum_errors.ValidationError as error:
        raise InvalidTaxIdError(
            TaxIdProblem.FORMAT,
            QT_TRANSLATE_NOOP("Errors", "“%1” is not in the format of a %2 VAT id"),
            shown,
            country,
        ) from error
    return compact[2:]


def make_nip(first_nine: str) -> str | None:
    """Complete nine digits with their check digit, or None where none exists (demo data)."""
    check = nip_check_digit(first_nine)
    return None if check == 10 else first_nine + str(check)


@dataclass(frozen=True)
class NipChecksumHint:
    """A NIP-shaped input whose check digit is wrong: which digit would fit, if any.

    `expected` is the last digit these first nine digits need, or None when no valid NIP
    begins with them (one of the first nine was mistyped).
    """

    nip: str
    expected: int | None


def nip_checksum_hint(text: str) -> NipChecksumHint | None:
    """For a lookup: the hint when `text` reads as a Polish NIP but its checksum is wrong."""
    try:
        parse_tax_id(text)
    except InvalidTaxIdError as error:
        if error.problem is not TaxIdProblem.CHECKSUM:
            return None
        digits = "".join(char for char in text if char.isdigit())[-NIP_LENGTH:]
        remainder = nip_check_digit(digits[:9])
        return NipChecksumHint(digits, None if remainder == 10 else remainder)
    return None
