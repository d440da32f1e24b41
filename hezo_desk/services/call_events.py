"""A phone system's word about one call, as `hezo-desk call` hands it to the running desk.

The command that receives it from the phone system and the desk that records it in the call
journal share this one shape; it travels between them as one JSON object per line.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from hezo_desk.enums import CallDirection, CallEventKind


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
        """Raises ValueError (KeyError, TypeError included) on anything but a well-formed event."""
        try:
            raw = json.loads(text)
            at = dt.datetime.fromisoformat(raw["at"])
            if at.tzinfo is None:
                raise ValueError("a call event's time carries its zone")
            call_id = raw["call_id"]
            if call_id is not None and not isinstance(call_id, str):
                raise ValueError("a call id is text")
            if not isinstance(raw["number"], str):
                raise ValueError("a number is text")
            return cls(
                number=raw["number"],
                direction=CallDirection(raw["direction"]),
                event=CallEventKind(raw["event"]),
                call_id=call_id,
                at=at.astimezone(dt.UTC),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a call event: {error}") from error
