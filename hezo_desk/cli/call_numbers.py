"""A phone system's number as `hezo-desk call` receives it: typed, or a `tel:` URI (RFC 3966).

A typed number goes on as the phone system wrote it (the desk normalises it where it matches
and stores it); here it is only checked to be a phone number at all. A `tel:` URI is reduced to
its number: percent-escapes (`%20`, `%2B`) read, parameters (`;ext=`, `;phone-context=`) and
visual separators (`-`, `.`, `(`, `)`, which carry no meaning in RFC 3966) dropped.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError
from hezo_desk.services.call_events import MAX_DIGITS, MIN_DIGITS, digit_count
from hezo_desk.services.phones import strip_tel_uri

TEL_SCHEME = "tel:"
# What a person or a phone system writes between digits: RFC 3966's visual separators, a
# space and a slash.
_SEPARATORS = re.compile(r"[\s\-.()/]+")
_NUMBER = re.compile(r"\+?[0-9]+")
_FULL_WIDTH = {"\uff0b": "+", "\uff08": "(", "\uff09": ")", "\uff0d": "-", "\uff0e": "."}


class NotAPhoneNumberError(UserError):
    """The command's number is empty or not a phone number."""


def is_tel_uri(text: str) -> bool:
    return text.strip().lower().startswith(TEL_SCHEME)


def call_number(text: str) -> str:
    """The number of a call from `text` (a number in any form, or a `tel:` URI)."""
    stripped = _ascii_digits(text).strip()
    if is_tel_uri(stripped):
        return _from_tel_uri(stripped)
    _check(stripped, stripped)
    return " ".join(stripped.split())


def _from_tel_uri(uri: str) -> str:
    # A browser may hand the link over percent-escaped (`tel:%2B48%2012…`).
    return _check(strip_tel_uri(_ascii_digits(unquote(uri))), uri)


def _ascii_digits(text: str) -> str:
    """`text` with the digits and plus of other scripts (full-width `１２`, Arabic-Indic `١٢`)
    as ASCII, as phonenumbers reads them; the desk takes only ASCII digits."""
    return "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else _FULL_WIDTH.get(char, char)
        for char in text
    )


def _check(number: str, given: str) -> str:
    """`number` without its separators; NotAPhoneNumberError unless it is a phone number."""
    if not number.strip():
        if given:
            raise NotAPhoneNumberError(
                QT_TRANSLATE_NOOP(
                    "Errors", "no phone number in “%1”: give one, e.g. `hezo-desk call %2`"
                ),
                given,
                "+48122525600",
            )
        raise NotAPhoneNumberError(
            QT_TRANSLATE_NOOP("Errors", "no phone number: give one, e.g. `hezo-desk call %1`"),
            "+48122525600",
        )
    compact = _SEPARATORS.sub("", number)
    if not _NUMBER.fullmatch(compact):
        raise NotAPhoneNumberError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "“%1” is not a phone number: digits with an optional leading +, spaces, dashes, "
                "dots and brackets between them",
            ),
            given,
        )
    digits = digit_count(compact)
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise NotAPhoneNumberError(
            QT_TRANSLATE_NOOP(
                "Errors", "“%1” is not a phone number: it has %2 digits (%3 to %4 expected)"
            ),
            given,
            digits,
            MIN_DIGITS,
            MAX_DIGITS,
        )
    return compact
