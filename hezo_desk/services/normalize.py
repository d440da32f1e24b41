"""Keys that let differently typed forms of the same thing meet in one indexed column."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter and a mark.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE"}
)
_NON_DIGITS = re.compile(r"\D+")
_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
PHONE_KEY_DIGITS = 9
# What a one-line name may not hold: control characters (C0 with newline, tab and escape; DEL;
# C1), format characters (the direction overrides, embeddings and isolates that make a screen
# or terminal show other text than was stored; zero-width marks), line and paragraph
# separators, and lone surrogates.
_NOT_IN_A_NAME = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def fold(text: str) -> str:
    """Lower case without diacritics: 'Łódź' → 'lodz', 'Żółw' → 'zolw'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


def phone_key(phone: str | None) -> str | None:
    """The last nine digits of a phone number: '+48 12 25 25 600' and '122525600' meet.

    The key desks before revision 0008 match phones on, still written for them; the desk
    itself matches on the E.164 form (services/phones.py, services/phone_match.py), and on this
    key only for rows such an older desk wrote.
    """
    if not phone:
        return None
    digits = _NON_DIGITS.sub("", phone)
    if len(digits) < 6:
        return None
    return digits[-PHONE_KEY_DIGITS:]


def email_key(email: str | None) -> str | None:
    if not email:
        return None
    return email.strip().lower() or None


def contract_number_key(number: str) -> str:
    """Upper-case letters and digits only: 'ums 2021 00001' → 'UMS202100001'."""
    return _NON_ALNUM.sub("", fold(number).upper())


def clean_line(text: str) -> str:
    """One line of user input: surrounding and repeated white space removed."""
    return " ".join(text.split())


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a character a name shown on one line may not (`_NOT_IN_A_NAME`):
    such a name is refused at the door rather than silently changed."""
    return any(unicodedata.category(char) in _NOT_IN_A_NAME for char in text)


def printable_line(text: str) -> str:
    """User input as one line, without control characters (PostgreSQL refuses NUL in text)."""
    return clean_line("".join(char if char.isprintable() else " " for char in text))
