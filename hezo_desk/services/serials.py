"""Serial numbers in the old notation (`FG1234567890`) and the new one (`(H)-…`, `(Hn)-…`).

The new notation names one *service* on a serial: `(H)-SERIAL` where one service was bought
for the serial, `(H1)-SERIAL`, `(H2)-SERIAL`, … where several were. Internally a service
holds the bare serial and a notation index: 0 for `(H)`, n for `(Hn)`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError

MIN_SERIAL_LENGTH = 4
MAX_SERIAL_LENGTH = 64
# (H)-, (H2)-, (h 2) - , H2-, (H)FG… ; any dash a word processor may have put there.
_NOTATION = re.compile(
    r"""^\s*(?:
        \(\s*H\s*(?P<paren_index>[\d\s]*)\)\s*[-‐‑‒–—]?   # (H) or (Hn), dash optional
        |
        H\s*(?P<bare_index>[\d\s]*)[-‐‑‒–—]                # H- or Hn-, dash required
    )\s*(?P<serial>.*)$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


class SerialProblem(enum.StrEnum):
    EMPTY = "empty"
    CHARACTERS = "characters"
    LENGTH = "length"
    INDEX = "index"


class InvalidSerialError(UserError):
    def __init__(self, problem: SerialProblem, template: str, *params: object) -> None:
        super().__init__(template, *params)
        self.problem = problem


@dataclass(frozen=True)
class ParsedSerial:
    """A serial as typed: the bare serial, and the notation index if a new notation was used.

    `index` is None for the old notation (a bare serial), 0 for `(H)`, n for `(Hn)`.
    """

    serial: str
    index: int | None

    @property
    def notation(self) -> str | None:
        return None if self.index is None else format_notation(self.serial, self.index)


def format_notation(serial: str, index: int) -> str:
    if index < 0:
        raise ValueError(f"notation index must not be negative, got {index}")
    return f"(H)-{serial}" if index == 0 else f"(H{index})-{serial}"


def parse_serial(text: str) -> ParsedSerial:
    """Any notation (bare, `(H)-`, `(Hn)-`, any case, stray spaces) → `ParsedSerial`."""
    if not text.strip():
        raise InvalidSerialError(
            SerialProblem.EMPTY, QT_TRANSLATE_NOOP("Errors", "serial number is empty")
        )
    index: int | None = None
    rest = text
    match = _NOTATION.match(text)
    if match:
        digits = "".join((match.group("paren_index") or match.group("bare_index") or "").split())
        if digits:
            index = int(digits)
            if index == 0:
                raise InvalidSerialError(
                    SerialProblem.INDEX,
                    QT_TRANSLATE_NOOP(
                        "Errors", "“%1”: there is no (H0); a single service is written (H)-…"
                    ),
                    text.strip(),
                )
        else:
            index = 0
        rest = match.group("serial")
    return ParsedSerial(normalize_bare_serial(rest, original=text), index)


def normalize_bare_serial(text: str, *, original: str | None = None) -> str:
    shown = (original if original is not None else text).strip()
    serial = "".join(text.split()).upper()
    if not serial:
        raise InvalidSerialError(
            SerialProblem.EMPTY, QT_TRANSLATE_NOOP("Errors", "“%1” holds no serial number"), shown
        )
    strangers = sorted({char for char in serial if not (char.isascii() and char.isalnum())})
    if strangers:
        raise InvalidSerialError(
            SerialProblem.CHARACTERS,
            QT_TRANSLATE_NOOP(
                "Errors", "a serial number has only letters and digits; “%1” contains %2"
            ),
            shown,
            ", ".join(map(repr, strangers)),
        )
    if not MIN_SERIAL_LENGTH <= len(serial) <= MAX_SERIAL_LENGTH:
        raise InvalidSerialError(
            SerialProblem.LENGTH,
            QT_TRANSLATE_NOOP("Errors", "a serial number has %1 to %2 characters; “%3” has %4"),
            MIN_SERIAL_LENGTH,
            MAX_SERIAL_LENGTH,
            shown,
            len(serial),
        )
    return serial


def initial_indexes(count: int) -> list[int]:
    """Indexes for `count` services of one serial issued together (the legacy import).

    One service gets (H); k > 1 get (H1)…(Hk), in the order given.
    """
    if count < 1:
        return []
    return [0] if count == 1 else list(range(1, count + 1))


def next_free_indexes(used: Iterable[int], count: int = 1) -> list[int]:
    """Indexes for services added to a serial that may already have some.

    A serial without services starts as `initial_indexes` says. Otherwise each new service
    gets the lowest index ≥ 1 still free; issued notations never change.
    """
    taken = set(used)
    if not taken:
        return initial_indexes(count)
    issued: list[int] = []
    candidate = 1
    while len(issued) < count:
        if candidate not in taken:
            issued.append(candidate)
            taken.add(candidate)
        candidate += 1
    return issued
