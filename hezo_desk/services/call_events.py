"""A phone system's word about one call, as `hezo-desk call` hands it to the running desk.

The command that receives it from the phone system and the desk that records it in the call
journal share this one shape; it travels between them as one JSON object per line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from hezo_desk.enums import CallDirection, CallEventKind

# E.164 allows 15 digits; internal extensions of a phone system have two or three.
MIN_DIGITS, MAX_DIGITS = 2, 15
# The journal keeps a phone system's call id up to this length.
MAX_CALL_ID_LENGTH = 128
# What `hezo-desk call` leaves between digits (white space it has made single spaces).
_SENT_SEPARATORS = re.compile(r"[ \-.()/]+")
_DIGITS = re.compile(r"\+?[0-9]+")


def is_call_number(number: str) -> bool:
    """Whether `number` is a number as `hezo-desk call` sends it: ASCII digits, a leading +
    and separators, MIN_DIGITS to MAX_DIGITS digits (so never markup or control characters)."""
    compact = _SENT_SEPARATORS.sub("", number)
    return bool(_DIGITS.fullmatch(compact)) and MIN_DIGITS <= digit_count(compact) <= MAX_DIGITS


def digit_count(compact: str) -> int:
    """The digits of a number without separators, the international prefix `00` not counted
    (`0048…` is `+48…`)."""
    digits = compact.lstrip("+")
    return len(digits) - 2 if digits.startswith("00") else len(digits)


def is_call_id(call_id: str) -> bool:
    """Whether the journal keeps `call_id` as it is: printable, one line, not too long."""
    return 0 < len(call_id) <= MAX_CALL_ID_LENGTH and call_id.isprintable()


@dataclass(frozen=True)
class CallEvent:
    # As the phone system sent it (`+48 12 …`, `0048…`, a tel: URI's number): normalised only
    # where it is matched and stored.
    number: str
    direction: CallDirection
    event: CallEventKind
    # The phone system's id of the call, which ties its ring, answer and hang-up together.
    call_id: str | None
    # When the command received it (UTC).
    at: dt.datetime

    def to_json(self) -> str:
        return json.dumps(
            {
                "number": self.number,
                "direction": self.direction.value,
                "event": self.event.value,
                "call_id": self.call_id,
                "at": self.at.astimezone(dt.UTC).isoformat(),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> CallEvent:
        """Raises ValueError on anything but an event as `hezo-desk call` sends it.

        The line comes from whatever could open the socket: its number and call id are
        refused unless they are what the command sends (they reach the screen and the journal).
        """
        try:
            raw = json.loads(text)
            at = dt.datetime.fromisoformat(raw["at"])
            if at.tzinfo is None:
                raise ValueError("a call event's time carries its zone")
            call_id = raw["call_id"]
            if call_id is not None and not (isinstance(call_id, str) and is_call_id(call_id)):
                raise ValueError("a call id is one printable line")
            number = raw["number"]
            if not (isinstance(number, str) and is_call_number(number)):
                raise ValueError("not a call's number")
            return cls(
                number=number,
                direction=CallDirection(raw["direction"]),
                event=CallEventKind(raw["event"]),
                call_id=call_id,
                at=at.astimezone(dt.UTC),
            )
        # A time past the calendar's ends (OverflowError), nesting deeper than the decoder goes
        # (RecursionError): refused like any other malformed line.
        except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as error:
            raise ValueError(f"not a call event: {error}") from error
