"""What commands print: plain text for people, `--json` for scripts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from hezo_desk.local_time import local_minute


def to_plain(value: Any) -> Any:
    """Dataclasses, enums and dates → JSON-ready values, field names kept as they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    return value


class Output:
    def __init__(self, *, as_json: bool, stream: TextIO | None = None) -> None:
        self.as_json = as_json
        self._stream = stream or sys.stdout

    def json(self, value: Any) -> None:
        json.dump(to_plain(value), self._stream, ensure_ascii=False, indent=2)
        self._stream.write("\n")

    def line(self, text: str = "") -> None:
        self._stream.write(text + "\n")

    def heading(self, text: str) -> None:
        self.line(text)
        self.line("─" * min(len(text), 78))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            self.line("  (none)")
            return
        cells = [[_cell(value) for value in row] for row in rows]
        widths = [
            min(max(len(headers[i]), *(len(row[i]) for row in cells)), 48)
            for i in range(len(headers))
        ]
        self.line("  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
        for row in cells:
            self.line(
                "  " + "  ".join(_fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True))
            )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return local_minute(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
