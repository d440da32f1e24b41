"""Filling `%1`, `%2`, … in a translated sentence, in one pass.

Qt's `QString.arg` is not in PySide6, and chained `str.replace("%1", a).replace("%2", b)`
substitutes again inside `a` when a value itself contains "%2". `fill` reads the template once,
so a value is never read as a placeholder.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d+)")


def fill(template: str, *values: object) -> str:
    """`template` with `%n` replaced by the n-th value (1-based); unknown `%n` stay as written."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return str(values[index - 1]) if 1 <= index <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)
