"""The one PDF renderer of case dialogues (reportlab).

Layout: the case facts, then the dialogue entry by entry, then the attachments; on every page
a footer with the case number, who exported it and when, and "page X of Y". All the case's
own text is wrapped here and drawn as plain strings (never parsed as markup), in the embedded
DejaVu Sans family; characters it lacks print as �.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from hezo_desk.catalogue import Catalogue
from hezo_desk.enums import MessageKind
from hezo_desk.local_time import WARSAW, local_minute
from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.document import CaseDocument, CaseEntry
from hezo_desk.services.pdf.fonts import REPLACEMENT, FontSet, dejavu_fonts
from hezo_desk.services.pdf.labels import Labels, format_size, labels_for
from hezo_desk.services.pdf.text import Wrapper, printable

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm
CREATOR = "HEZO Desk"

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


# ----- flowables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    font: str
    size: float
    leading: float
    color: Any = INK


class _TextBlock(Flowable):  # type: ignore[misc]
    """Plain text wrapped to the frame's width, split between any two lines across pages."""

    def __init__(
        self, text: str, style: _Style, *, lines: list[str] | None = None, space_after: float = 0
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
        first = _TextBlock("", self._style, lines=lines[:fit])
        rest = _TextBlock("", self._style, lines=lines[fit:], space_after=self.spaceAfter)
        return [first, rest]

    def draw(self) -> None:
        _draw_lines(self.canv, 0, self.height, self._lines or [], self._style)


def _draw_lines(canvas: Canvas, x: float, top: float, lines: Sequence[str], style: _Style) -> None:
    if not lines:
        return
    text = canvas.beginText(x, top - style.size)
    text.setFont(style.font, style.size, style.leading)
    text.setFillColor(style.color)
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)


class _Entry(Flowable):  # type: ignore[misc]
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
        self._head_style = _Style(
            fonts.bold,
            BODY_SIZE,
            BODY_LEADING,
            INTERNAL_INK if kind is MessageKind.INTERNAL_NOTE else INK,
        )
        self._body_style = _Style(fonts.regular, BODY_SIZE, BODY_LEADING)
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
        first = _Entry(
            self._header,
            "",
            self._kind,
            self._fonts,
            parts=(head, body[:fit]),
            parts_width=avail_width,
        )
        rest = _Entry(
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


class _Grid(Flowable):  # type: ignore[misc]
    """Rows of plain-text cells in fixed columns; rows split between lines across pages.

    `columns` are (fraction of the width, style); a header row, if any, repeats on every part.
    """

    PAD = 2.5

    def __init__(
        self,
        columns: Sequence[tuple[float, _Style]],
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

    def _part(self, rows: list[list[list[str]]], width: float, after: bool = False) -> _Grid:
        return _Grid(
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
            cell_style = _Style(dejavu_fonts().bold, style.size, self._leading) if bold else style
            _draw_lines(canvas, x + self.PAD, top - self.PAD, lines, cell_style)
            x += column_width


# ----- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Footer:
    number: str
    exported: str
    page: str
    fonts: FontSet


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end, then stamps "page X of Y" and the footer on each."""

    def __init__(self, *args: Any, footer: _Footer, exported_at: dt.datetime, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []
        moment = exported_at.astimezone(WARSAW)
        offset = moment.utcoffset() or dt.timedelta()
        hours, minutes = divmod(int(offset.total_seconds()) // 60, 60)
        stamp = moment.strftime("D:%Y%m%d%H%M%S") + f"{hours:+03d}'{minutes:02d}'"
        # The PDF's creation date is the export's moment (with `invariant`, not the clock's).
        self.setDateFormatter(lambda *_parts: stamp)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._stamp(number, total)
            super().showPage()
        super().save()

    def _stamp(self, page: int, pages: int) -> None:
        footer = self._footer
        y = MARGIN_BOTTOM - 9 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_X, y + 4 * mm, PAGE_WIDTH - MARGIN_X, y + 4 * mm)
        self.setFillColor(MUTED)
        self.setFont(footer.fonts.bold, SMALL_SIZE)
        self.drawString(MARGIN_X, y, footer.number)
        self.setFont(footer.fonts.regular, SMALL_SIZE)
        self.drawCentredString(PAGE_WIDTH / 2, y, footer.exported)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, y, fill(footer.page, page, pages))
        self.restoreState()


# ----- the document ----------------------------------------------------------------------------


def render_case_pdf(
    document: CaseDocument,
    *,
    exported_by: str,
    exported_at: dt.datetime,
    catalogue: Catalogue | None = None,
) -> bytes:
    """The PDF of one case: `exported_by` (a person's name) and `exported_at` (aware) are
    printed on every page. The words come from `catalogue` (the shipped one by default) in the
    document's language. Deterministic: the same arguments give the same bytes."""
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must be timezone-aware")
    fonts = dejavu_fonts()
    labels = labels_for(document.language, catalogue or Catalogue())
    replaced = _Replaced(fonts)
    footer = _Footer(
        number=replaced.text(document.number, fonts.bold),
        exported=replaced.text(
            fill(labels.exported, exported_by, local_minute(exported_at)), fonts.regular
        ),
        page=labels.page,
        fonts=fonts,
    )
    story = _story(document, labels, fonts, replaced)
    if replaced.any:
        story.append(Spacer(1, 4))
        story.append(
            _TextBlock(
                labels.replaced_note, _Style(fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED)
            )
        )
    buffer = io.BytesIO()
    variant = labels.variant_title[document.variant.value]
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{labels.case} {document.number} – {document.subject}",
        author=exported_by,
        subject=fill(labels.metadata_subject, variant),
        creator=CREATOR,
        invariant=1,
        lang=document.language.value,
        # Embedded like the rest (the default, Helvetica, would be listed as not embedded).
        initialFontName=fonts.regular,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        PAGE_WIDTH - 2 * MARGIN_X,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="case", frames=[frame])])

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer=footer, exported_at=exported_at, **kwargs)

    template.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()


class _Replaced:
    """Makes text printable in a given font and remembers whether anything was replaced."""

    def __init__(self, fonts: FontSet) -> None:
        self._fonts = fonts
        self.any = False

    def text(self, text: str, font: str) -> str:
        result = printable(text, self._fonts.coverage[font])
        if REPLACEMENT in result and REPLACEMENT not in text:
            self.any = True
        return result


def _story(
    document: CaseDocument, labels: Labels, fonts: FontSet, replaced: _Replaced
) -> list[Flowable]:
    title = _Style(fonts.bold, 16, 20)
    subject = _Style(fonts.bold, 12, 15)
    variant_style = _Style(
        fonts.bold if document.variant.shows_internal else fonts.oblique,
        SMALL_SIZE + 1,
        SMALL_LEADING + 1,
        INTERNAL_INK if document.variant.shows_internal else MUTED,
    )
    section = _Style(fonts.bold, 11, 14)
    story: list[Flowable] = [
        _TextBlock(replaced.text(f"{labels.case} {document.number}", fonts.bold), title),
        _TextBlock(replaced.text(document.subject, fonts.bold), subject, space_after=3),
        _TextBlock(
            replaced.text(labels.variant_title[document.variant.value], variant_style.font),
            variant_style,
            space_after=8,
        ),
    ]
    label_style = _Style(fonts.bold, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5, MUTED)
    value_style = _Style(fonts.regular, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5)
    facts = [
        [replaced.text(label, fonts.bold), replaced.text(value, fonts.regular)]
        for label, value in _facts(document, labels)
    ]
    story.append(_Grid([(0.34, label_style), (0.66, value_style)], facts, space_after=4))
    story.append(
        _TextBlock(
            labels.times_note,
            _Style(fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED),
            space_after=10,
        )
    )
    story.append(_TextBlock(f"{labels.dialogue} ({len(document.entries)})", section, space_after=5))
    if not document.entries:
        story.append(_TextBlock(labels.no_entries, value_style, space_after=6))
    for index, entry in enumerate(document.entries, start=1):
        story.append(
            _Entry(
                replaced.text(_entry_header(index, entry, labels), fonts.bold),
                replaced.text(entry.body, fonts.regular),
                entry.kind,
                fonts,
            )
        )
    story.append(Spacer(1, 6))
    story.append(
        _TextBlock(f"{labels.attachments} ({len(document.attachments)})", section, space_after=5)
    )
    if document.attachments:
        mono = _Style(fonts.mono, 6.4, SMALL_LEADING)
        rows = [
            [
                replaced.text(a.name, fonts.regular),
                format_size(a.size, labels.numbers),
                replaced.text(a.sha256, fonts.mono),
            ]
            for a in document.attachments
        ]
        story.append(
            _Grid(
                [(0.36, value_style), (0.12, value_style), (0.52, mono)],
                rows,
                header=[labels.file_name, labels.size, labels.checksum],
            )
        )
    else:
        story.append(_TextBlock(labels.no_attachments, value_style))
    return story


def _entry_header(index: int, entry: CaseEntry, labels: Labels) -> str:
    when = local_minute(entry.time) if entry.time is not None else labels.unknown_time
    return f"{index}. {labels.kinds[entry.kind]} · {entry.author} · {when}"


def _facts(document: CaseDocument, labels: Labels) -> list[tuple[str, str]]:
    names = labels.facts
    facts: list[tuple[str, str | None]] = [
        # A legacy case without a new number yet shows its old one once, under its own label.
        (names["number"], None if document.number == document.legacy_number else document.number),
        (names["legacy_number"], document.legacy_number),
        (names["subject"], document.subject),
        (names["customer"], document.customer_name),
        (names["tax_id"], document.tax_id),
        (names["contact"], document.contact),
        (names["contract"], document.contract),
        (names["serial"], document.serial),
        (names["state"], labels.states[document.state] if document.state else None),
        (names["priority"], labels.priorities[document.priority] if document.priority else None),
        (names["opened_at"], local_minute(document.opened_at) if document.opened_at else None),
        (names["updated_at"], local_minute(document.updated_at) if document.updated_at else None),
    ]
    if document.reseller_access is not None:
        access = labels.yes if document.reseller_access else labels.no
        if document.reseller_name:
            access = f"{access} ({document.reseller_name})"
        facts.append((names["reseller_access"], access))
    facts.append((names["prepared_for"], document.prepared_for))
    facts.extend((names.get(key, key), value) for key, value in document.extra_facts)
    return [(label, value) for label, value in facts if value is not None and value != ""]
