"""The flowables a case PDF is made of, and their type sizes and colours.

`TextBlock` (a paragraph), `Entry` (one dialogue entry with its coloured bar, internal notes
shaded) and `Grid` (the facts and the attachment list) wrap their text themselves and draw it
as plain strings, never parsed as markup; all three split across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from hezo_desk.enums import MessageKind
from hezo_desk.services.pdf.fonts import FontSet, dejavu_fonts
from hezo_desk.services.pdf.text import Wrapper

BODY_SIZE = 9.5
BODY_LEADING = 12.5
SMALL_SIZE = 8.0
SMALL_LEADING = 10.5
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#c8ccd0")
INTERNAL_FILL = colors.HexColor("#fff4d6")
INTERNAL_BAR = colors.HexColor("#d98c00")
INTERNAL_INK = colors.HexColor("#8a4b00")
HEADER_FILL = colors.HexColor("#eef1f4")
KIND_BAR = {
    MessageKind.CUSTOMER: colors.HexColor("#2f6fb3"),
    MessageKind.AGENT: colors.HexColor("#3c8d5a"),
    MessageKind.INTERNAL_NOTE: INTERNAL_BAR,
}


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    leading: float
    color: Any = INK


class TextBlock(Flowable):  # type: ignore[misc]
    """Plain text wrapped to the frame's width, split between any two lines across pages."""

    def __init__(
        self, text: str, style: Style, *, lines: list[str] | None = None, space_after: float = 0
    ) -> None:
        super().__init__()
        self._text = text
        self._style = style
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0
        self.spaceAfter = space_after

    def _wrapped(self, width: float) -> list[str]:
        if self._lines is None or (self._lines_width not in (-1.0, width)):
            self._lines = Wrapper(self._style.font, self._style.size).wrap(self._text, width)
            self._lines_width = width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self._wrapped(avail_width)) * self._style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._wrapped(avail_width)
        fit = int(avail_height // self._style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        first = TextBlock("", self._style, lines=lines[:fit])
        rest = TextBlock("", self._style, lines=lines[fit:], space_after=self.spaceAfter)
        return [first, rest]

    def draw(self) -> None:
        _draw_lines(self.canv, 0, self.height, self._lines or [], self._style)


def _draw_lines(canvas: Canvas, x: float, top: float, lines: Sequence[str], style: Style) -> None:
    if not lines:
        return
    text = canvas.beginText(x, top - style.size)
    text.setFont(style.font, style.size, style.leading)
    text.setFillColor(style.color)
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)


class Entry(Flowable):  # type: ignore[misc]
    """One dialogue entry: a header line (who, kind, when) and the body, split across pages.

    An internal note is shaded and barred in amber on every part, and its header says so.
    """

    PAD = 3.0
    BAR = 2.2
    INDENT = 7.0
    MIN_LINES_WITH_HEADER = 2

    def __init__(
        self,
        header: str,
        body: str,
        kind: MessageKind,
        fonts: FontSet,
        *,
        parts: tuple[list[str], list[str]] | None = None,
        parts_width: float | None = None,
        continued: bool = False,
    ) -> None:
        super().__init__()
        self._header = header
        self._body = body
        self._kind = kind
        self._fonts = fonts
        self._parts = parts
        self._parts_width = parts_width
        self._head_style = Style(
            fonts.bold,
            BODY_SIZE,
            BODY_LEADING,
            INTERNAL_INK if kind is MessageKind.INTERNAL_NOTE else INK,
        )
        self._body_style = Style(fonts.regular, BODY_SIZE, BODY_LEADING)
        self.spaceAfter = 0 if parts is not None and not continued else 6

    def _layout(self, width: float) -> tuple[list[str], list[str]]:
        if self._parts is None or self._parts_width != width:
            inner = width - self.INDENT - self.PAD
            head = Wrapper(self._fonts.bold, BODY_SIZE).wrap(self._header, inner)
            body = Wrapper(self._fonts.regular, BODY_SIZE).wrap(self._body, inner)
            self._parts, self._parts_width = (head, body), width
        return self._parts

    def _height(self, head: list[str], body: list[str]) -> float:
        height = 2 * self.PAD + len(body) * BODY_LEADING
        if head:
            height += len(head) * BODY_LEADING + self.PAD
        return height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        head, body = self._layout(avail_width)
        self.width, self.height = avail_width, self._height(head, body)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        head, body = self._layout(avail_width)
        room = avail_height - self._height(head, [])
        fit = int(room // BODY_LEADING)
        least = min(self.MIN_LINES_WITH_HEADER, len(body)) if head else 1
        if fit < least or fit >= len(body):
            return []
        first = Entry(
            self._header,
            "",
            self._kind,
            self._fonts,
            parts=(head, body[:fit]),
            parts_width=avail_width,
        )
        rest = Entry(
            self._header,
            "",
            self._kind,
            self._fonts,
            parts=([], body[fit:]),
            parts_width=avail_width,
            continued=True,
        )
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        head, body = self._parts or ([], [])
        internal = self._kind is MessageKind.INTERNAL_NOTE
        canvas.saveState()
        if internal:
            canvas.setFillColor(INTERNAL_FILL)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if head:
            head_height = len(head) * BODY_LEADING + 2 * self.PAD
            if not internal:
                canvas.setFillColor(HEADER_FILL)
                canvas.rect(0, self.height - head_height, self.width, head_height, stroke=0, fill=1)
        canvas.setFillColor(KIND_BAR[self._kind])
        canvas.rect(0, 0, self.BAR, self.height, stroke=0, fill=1)
        canvas.restoreState()
        top = self.height - self.PAD
        if head:
            _draw_lines(canvas, self.INDENT, top, head, self._head_style)
            top -= len(head) * BODY_LEADING + 2 * self.PAD
        _draw_lines(canvas, self.INDENT, top, body, self._body_style)


class Grid(Flowable):  # type: ignore[misc]
    """Rows of plain-text cells in fixed columns; rows split between lines across pages.

    `columns` are (fraction of the width, style); a header row, if any, repeats on every part.
    """

    PAD = 2.5

    def __init__(
        self,
        columns: Sequence[tuple[float, Style]],
        rows: Sequence[Sequence[str]],
        *,
        header: Sequence[str] | None = None,
        wrapped: list[list[list[str]]] | None = None,
        wrapped_width: float | None = None,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows = [list(row) for row in rows]
        self._header = list(header) if header else None
        self._wrapped = wrapped
        self._wrapped_width = wrapped_width
        self.spaceAfter = space_after
        self._leading = max(style.leading for _, style in self._columns)

    def _widths(self, width: float) -> list[float]:
        return [fraction * width for fraction, _ in self._columns]

    def _cells(self, row: Sequence[str], width: float, bold: bool = False) -> list[list[str]]:
        cells = []
        for text, column_width, (_, style) in zip(
            row, self._widths(width), self._columns, strict=True
        ):
            font = dejavu_fonts().bold if bold else style.font
            cells.append(Wrapper(font, style.size).wrap(text, column_width - 2 * self.PAD))
        return cells

    def _layout(self, width: float) -> list[list[list[str]]]:
        if self._wrapped is None or self._wrapped_width != width:
            self._wrapped = [self._cells(row, width) for row in self._rows]
            self._wrapped_width = width
        return self._wrapped

    def _row_height(self, cells: list[list[str]]) -> float:
        return max(len(lines) for lines in cells) * self._leading + 2 * self.PAD

    def _header_height(self, width: float) -> float:
        if self._header is None:
            return 0.0
        return self._row_height(self._cells(self._header, width, bold=True))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        rows = self._layout(avail_width)
        self.width = avail_width
        self.height = self._header_height(avail_width) + sum(self._row_height(r) for r in rows)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        rows = self._layout(avail_width)
        room = avail_height - self._header_height(avail_width)
        first: list[list[list[str]]] = []
        for index, cells in enumerate(rows):
            height = self._row_height(cells)
            if height <= room:
                first.append(cells)
                room -= height
                continue
            lines = int((room - 2 * self.PAD) // self._leading)
            rest = rows[index + 1 :]
            if lines >= 1:
                first.append([c[:lines] for c in cells])
                rest = [[c[lines:] for c in cells], *rest]
            else:
                rest = [cells, *rest]
            if not first:
                return []
            return [self._part(first, avail_width), self._part(rest, avail_width, after=True)]
        return []

    def _part(self, rows: list[list[list[str]]], width: float, after: bool = False) -> Grid:
        return Grid(
            self._columns,
            [["\n".join(c) for c in row] for row in rows],
            header=self._header,
            wrapped=rows,
            wrapped_width=width,
            space_after=self.spaceAfter if after else 0,
        )

    def draw(self) -> None:
        canvas = self.canv
        widths = self._widths(self.width)
        top = self.height
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        if self._header is not None:
            cells = self._cells(self._header, self.width, bold=True)
            height = self._row_height(cells)
            canvas.setFillColor(HEADER_FILL)
            canvas.rect(0, top - height, self.width, height, stroke=0, fill=1)
            self._draw_row(canvas, cells, widths, top, bold=True)
            top -= height
        for cells in self._wrapped or []:
            height = self._row_height(cells)
            self._draw_row(canvas, cells, widths, top)
            top -= height
            canvas.line(0, top, self.width, top)
        canvas.restoreState()

    def _draw_row(
        self,
        canvas: Canvas,
        cells: list[list[str]],
        widths: list[float],
        top: float,
        bold: bool = False,
    ) -> None:
        x = 0.0
        for lines, column_width, (_, style) in zip(cells, widths, self._columns, strict=True):
            cell_style = Style(dejavu_fonts().bold, style.size, self._leading) if bold else style
            _draw_lines(canvas, x + self.PAD, top - self.PAD, lines, cell_style)
            x += column_width
