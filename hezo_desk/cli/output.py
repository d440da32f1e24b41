"""What commands print: plain text for people, `--json` for scripts.

Everything printed passes `neutralised` here: a subject, a body or a name from the database
(or an import's file) may hold terminal control sequences (ESC [ … to move the cursor,
rewrite the title, hide text) or Unicode direction overrides that make a terminal show other
text than was stored. They are printed as visible escapes (`\\x1b`, `\\u202e`) instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import MessageKind
from hezo_desk.local_time import local_minute
from hezo_desk.placeholders import fill
from hezo_desk.wording import Translate, coded_text, in_english, value_words

# The catalogue context of what commands print (`QT_TRANSLATE_NOOP("Cli", …)`).
CLI = "Cli"
_NONE = QT_TRANSLATE_NOOP("Cli", "  (none)")
_YES = QT_TRANSLATE_NOOP("Cli", "yes")
_NO = QT_TRANSLATE_NOOP("Cli", "no")
# Who wrote a message, as a ticket's dialogue shows it (`out.words(MESSAGE_KINDS[kind])`).
MESSAGE_KINDS = {
    MessageKind.CUSTOMER: QT_TRANSLATE_NOOP("Cli", "customer"),
    MessageKind.AGENT: QT_TRANSLATE_NOOP("Cli", "agent"),
    MessageKind.INTERNAL_NOTE: QT_TRANSLATE_NOOP("Cli", "INTERNAL NOTE"),
}

# C0 controls but newline and tab, DEL, C1 controls (U+009B is a one-character CSI), and the
# invisible marks that reorder or hide text (bidi embeddings, overrides and isolates, LRM/RLM,
# the Arabic letter mark; line and paragraph separators).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_CONTROLS_AND_LINES = re.compile("[\n\t]|" + _CONTROLS.pattern)
# In JSON, C0 controls are escaped by the encoder already; the rest of `_CONTROLS` is not.
_UNESCAPED_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def neutralised(text: str, *, lines: bool = True) -> str:
    """`text` safe for a terminal: control characters shown as escapes (`\\x1b`, `\\u202e`).

    With `lines` a newline or tab stays as it is (a message body); without, it is escaped too.
    """
    pattern = _CONTROLS if lines else _CONTROLS_AND_LINES
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
    """Plain lines, headings and tables in the command's language (`translate`), or JSON."""

    def __init__(
        self, *, as_json: bool, stream: TextIO | None = None, translate: Translate = in_english
    ) -> None:
        self.as_json = as_json
        self._stream = stream or sys.stdout
        self.translate = translate

    def words(self, template: str, *params: object) -> str:
        """`template` (marked `QT_TRANSLATE_NOOP("Cli", …)`) in the command's language, filled
        with `params` (a state, a role, an error told by code are worded too)."""
        return fill(self.translate(CLI, template), *(self._param(param) for param in params))

    def _param(self, param: object) -> object:
        if isinstance(param, bool):
            return self.translate(CLI, _YES if param else _NO)
        return coded_text("%1", (param,), self.translate)

    def say(self, template: str, *params: object) -> None:
        """A line told by code: `template` marked in the "Cli" context, with `params`."""
        self.line(self.words(template, *params))

    def say_heading(self, template: str, *params: object) -> None:
        self.heading(self.words(template, *params))

    def json(self, value: Any) -> None:
        text = json.dumps(to_plain(value), ensure_ascii=False, indent=2)
        # Still JSON (a string escape), never a live control character on a terminal.
        text = _UNESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
        self._stream.write(text + "\n")

    def line(self, text: str = "") -> None:
        self._stream.write(neutralised(text) + "\n")

    def heading(self, text: str) -> None:
        self.line(text)
        self.line("─" * min(len(text), 78))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Headers are source words marked in the "Cli" context; cells are data (a yes/no, a
        state or a role is worded in the command's language)."""
        if not rows:
            self.line(self.translate(CLI, _NONE))
            return
        headers = [self.translate(CLI, header) for header in headers]
        cells = [[self._cell(value) for value in row] for row in rows]
        widths = [
            min(max(len(headers[i]), *(len(row[i]) for row in cells)), 48)
            for i in range(len(headers))
        ]
        self.line("  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
        for row in cells:
            self.line(
                "  " + "  ".join(_fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True))
            )

    def _cell(self, value: Any) -> str:
        if isinstance(value, bool):
            return self.translate(CLI, _YES if value else _NO)
        if isinstance(value, enum.Enum):
            return value_words(value, self.translate)
        return _cell(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return local_minute(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralised(" ".join(str(value).split()), lines=False)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
