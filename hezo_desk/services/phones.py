"""Phone numbers: whatever form a caller, a contact record or a phone system gives, one E.164.

`+48 12 25 25 600`, `0048 12 25 25 600`, `12 25 25 600`, `(12) 252-56-00` and
`tel:+48-12-25-25-600;ext=12` are all `+48122525600`. Numbers without a country prefix are
read as Polish (the phone line's country). The `phonenumbers` library knows every country's
lengths and international prefixes; a number it finds impossible is no phone number.
"""

from __future__ import annotations

import phonenumbers

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError

DEFAULT_REGION = "PL"
# Text longer than this is not a number someone reads out (phonenumbers refuses 250+ too).
MAX_INPUT_LENGTH = 100
_TEL_SCHEME = "tel:"


class NotAPhoneNumberError(UserError):
    """`text` cannot be read as a phone number; `text` is kept for the wording."""

    def __init__(self, text: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "“%1” is not a phone number"), text)
        self.text = text


def strip_tel_uri(text: str) -> str:
    """The number of a `tel:` URI (RFC 3966) without its parameters (`;ext=`, `;phone-context=`).

    Plain text is returned as it is, apart from surrounding white space.
    """
    stripped = text.strip()
    if stripped[: len(_TEL_SCHEME)].lower() == _TEL_SCHEME:
        stripped = stripped[len(_TEL_SCHEME) :].lstrip("/")
    return stripped.split(";", 1)[0].strip()


def parse_phone(text: str) -> str:
    """The E.164 form of a phone number in any form; raises NotAPhoneNumberError."""
    number = strip_tel_uri(text)
    if not number or len(number) > MAX_INPUT_LENGTH or any(char.isalpha() for char in number):
        raise NotAPhoneNumberError(text)
    try:
        parsed = phonenumbers.parse(number, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise NotAPhoneNumberError(text) from None
    if not phonenumbers.is_possible_number(parsed):
        raise NotAPhoneNumberError(text)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_e164(text: str | None) -> str | None:
    """`parse_phone`, with None for no text or for what is not a phone number."""
    if not text:
        return None
    try:
        return parse_phone(text)
    except NotAPhoneNumberError:
        return None


def format_phone(e164: str) -> str:
    """For the agent's eyes: a Polish number in its national form (`12 252 56 00`), any other
    in the international form (`+44 20 7946 0958`)."""
    try:
        parsed = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) == DEFAULT_REGION:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_uri(e164: str) -> str:
    """The `tel:` link that makes the agent's phone dial the number."""
    return f"{_TEL_SCHEME}{e164}"
