"""The legacy export's values: dates, timestamps, states, priorities and message bodies.

Each parser returns the value or raises `LegacyValueError` whose message says what is wrong in
words fit for the import report ("'31.02.2023' is not a date").
"""

from __future__ import annotations

import datetime as dt
import re
from html.entities import html5
from typing import TypeVar

from hezo_desk.enums import ContractState, MessageKind, Priority, TicketState
from hezo_desk.local_time import WARSAW
from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import import details
from hezo_desk.services.normalize import fold
from hezo_desk.services.pdf.document import LEGACY_AUTHOR_TYPES

_T = TypeVar("_T")

_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIMESTAMP = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$")
# `<br>`, `<br/>`, `<BR />`: a line break. Entities need their semicolon; everything else,
# `<`, `>` and `&` included, is literal text (LEGACY_EXPORT.md).
_MARKUP = re.compile(
    r"(?P<br><\s*br\s*/?\s*>)|&(?P<entity>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.IGNORECASE,
)

# Keys are folded (no diacritics, lower case); `_SHOWN` gives the export's own spelling.
CONTRACT_STATES = {
    "aktywna": ContractState.ACTIVE,
    "wygasla": ContractState.EXPIRED,
    "anulowana": ContractState.CANCELLED,
}
TICKET_STATES = {
    "nowe": TicketState.NEW,
    "w realizacji": TicketState.IN_PROGRESS,
    "oczekuje na klienta": TicketState.WAITING_FOR_CUSTOMER,
    "zamkniete": TicketState.CLOSED,
    "anulowane": TicketState.CANCELLED,
}
PRIORITIES = {
    "niski": Priority.LOW,
    "normalny": Priority.NORMAL,
    "wysoki": Priority.HIGH,
    "krytyczny": Priority.CRITICAL,
}
_SHOWN = {"wygasla": "wygasła", "zamkniete": "zamknięte"}
# The export's `author_type` table is the legacy dialogue PDF's own (one definition).
AUTHOR_TYPES = LEGACY_AUTHOR_TYPES


class LegacyValueError(ValueError):
    """A value of the export that cannot be read; the message, a template of `details.py`
    with its values, is for the report (stored in English, worded back when shown)."""

    def __init__(self, template: str, *params: object) -> None:
        super().__init__(fill(template, *params))


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _lookup(table: dict[str, _T], text: str, what: str) -> _T:
    value = table.get(_key(text))
    if value is None:
        if not text.strip():
            raise LegacyValueError(details.EMPTY, what)
        known = ", ".join(repr(_SHOWN.get(name, name)) for name in table)
        raise LegacyValueError(details.UNKNOWN_VALUE, what, repr(text.strip()), known)
    return value


def contract_state(text: str) -> ContractState:
    return _lookup(CONTRACT_STATES, text, details.CONTRACT_STATUS)


def ticket_state(text: str) -> TicketState:
    return _lookup(TICKET_STATES, text, details.TICKET_STATUS)


def priority(text: str) -> Priority:
    return _lookup(PRIORITIES, text, details.PRIORITY)


def author_type(text: str) -> MessageKind:
    return _lookup(AUTHOR_TYPES, text, "author_type")


def parse_date(text: str, column: str) -> dt.date:
    """`DD.MM.YYYY` → date."""
    value = text.strip()
    if not value:
        raise LegacyValueError(details.EMPTY, column)
    match = _DATE.match(value)
    if match is None:
        raise LegacyValueError(details.NOT_A_DATE, column, repr(value))
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise LegacyValueError(details.NOT_A_DATE_BECAUSE, column, repr(value), error) from None


def parse_timestamp(text: str, column: str) -> dt.datetime:
    """`DD.MM.YYYY HH:MM` in Polish local time → aware UTC."""
    value = text.strip()
    if not value:
        raise LegacyValueError(details.EMPTY, column)
    match = _TIMESTAMP.match(value)
    if match is None:
        raise LegacyValueError(details.NOT_A_TIMESTAMP, column, repr(value))
    day, month, year, hour, minute = (int(part) for part in match.groups()[:5])
    second = int(match.group(6) or 0)
    try:
        local = dt.datetime(year, month, day, hour, minute, second, tzinfo=WARSAW)
    except ValueError as error:
        raise LegacyValueError(
            details.NOT_A_TIMESTAMP_BECAUSE, column, repr(value), error
        ) from None
    return local.astimezone(dt.UTC)


def decode_body(text: str) -> str:
    """A legacy message body as the characters it stands for.

    Line endings become `\\n`; HTML line breaks become line breaks; character entities
    (`&amp;`, `&nbsp;`, `&#261;`, …) become their characters. One pass: `&lt;br&gt;` is the
    literal text `<br>`, not a line break. Unknown entities and a bare `&` stay as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" not in text and "&" not in text:
        return text
    return _MARKUP.sub(_replace_markup, text)


def _replace_markup(match: re.Match[str]) -> str:
    if match.group("br") is not None:
        return "\n"
    entity = match.group("entity")
    if entity.startswith("#"):
        try:
            code = int(entity[2:], 16) if entity[1] in "xX" else int(entity[1:])
        except ValueError:
            return match.group(0)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return match.group(0)
        return chr(code)
    return html5.get(entity + ";", match.group(0))
