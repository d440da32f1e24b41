"""Text as written, made printable: line breaks kept, missing glyphs replaced, lines wrapped.

Message bodies are not given to reportlab's `Paragraph` (which parses markup and slows down
with the square of a paragraph's length): they are wrapped here, line by line, with the
font's own widths, and drawn as plain strings. `<b>`, `&amp;` and the like stay literal text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics

from hezo_desk.services.pdf.fonts import REPLACEMENT

TAB = "    "
_TOKEN = re.compile(r"\s*\S+\s*|\s+")
_LONG_LINE = 400


def printable(text: str, coverage: frozenset[int]) -> str:
    """Tabs expanded, line breaks unified to `\\n`, characters the font lacks replaced (�)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", TAB)
    lines = text.splitlines()  # also \v, \f, U+2028 …: each is a line break
    text = "\n".join(lines)
    missing = {char for char in set(text) if char != "\n" and ord(char) not in coverage}
    if missing:
        text = text.translate({ord(char): REPLACEMENT for char in missing})
    return text


class Wrapper:
    """Greedy line wrapping with the widths of one font at one size."""

    def __init__(self, font_name: str, size: float) -> None:
        self.font_name = font_name
        self.size = size
        font = pdfmetrics.getFont(font_name)
        self._measure: Callable[[str], float] = lambda s: font.stringWidth(s, size)

    def width(self, text: str) -> float:
        return self._measure(text)

    def wrap(self, text: str, width: float) -> list[str]:
        """Visual lines of `text` (already `printable`) no wider than `width` points."""
        lines: list[str] = []
        for logical in text.split("\n"):
            if len(logical) < _LONG_LINE and self._measure(logical) <= width:
                lines.append(logical.rstrip())
            else:
                lines.extend(self._wrap_line(logical, width))
        return lines

    def _wrap_line(self, line: str, width: float) -> list[str]:
        measure = self._measure
        out: list[str] = []
        current, current_width = "", 0.0
        for token in _TOKEN.findall(line):
            token_width = measure(token)
            if current_width + token_width <= width:
                current += token
                current_width += token_width
                continue
            word = token.rstrip()
            if current and current_width + measure(word) <= width:
                # Only the trailing spaces overflow: they end this line.
                out.append((current + word).rstrip())
                current, current_width = "", 0.0
                continue
            if current:
                out.append(current.rstrip())
            if measure(word) <= width:
                current, current_width = token, token_width
                continue
            pieces = self._break_word(word, width)
            out.extend(pieces[:-1])
            current = pieces[-1] + token[len(word) :]
            current_width = measure(current)
        if current or not out:
            out.append(current.rstrip())
        return out

    def _break_word(self, word: str, width: float) -> list[str]:
        """A word wider than the line, cut into pieces that fit (at least one character each)."""
        measure = self._measure
        pieces: list[str] = []
        start = 0
        # Upper bound of characters per line: DejaVu's narrowest printing glyphs are ~0.27 em.
        most = max(1, int(width / (self.size * 0.2)) + 1)
        while start < len(word):
            low, high = start + 1, min(len(word), start + most)
            if measure(word[start:high]) <= width:
                end = high
            else:
                # Largest end in [low, high) whose piece fits; a single character always goes.
                end = low
                while low < high:
                    middle = (low + high) // 2
                    if measure(word[start:middle]) <= width:
                        end, low = middle, middle + 1
                    else:
                        high = middle
            pieces.append(word[start:end])
            start = end
        return pieces
