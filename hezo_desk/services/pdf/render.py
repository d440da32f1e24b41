"""The one PDF renderer of case dialogues (reportlab).

Layout: the case facts, then the dialogue entry by entry, then the attachments; on every page
a footer with the case number, who exported it and when, and "page X of Y". All the case's
own text is made printable here (in the embedded DejaVu Sans family; characters it lacks print
as �) and wrapped and drawn as plain strings, never parsed as markup, by the flowables of
`flowables`; this module puts the story together and holds the page template and footer.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from hezo_desk.catalogue import Catalogue
from hezo_desk.local_time import WARSAW, local_minute
from hezo_desk.placeholders import fill
from hezo_desk.services.pdf.document import CaseDocument, CaseEntry
from hezo_desk.services.pdf.flowables import (
    BODY_SIZE,
    INTERNAL_INK,
    MUTED,
    RULE,
    SMALL_LEADING,
    SMALL_SIZE,
    Entry,
    Grid,
    Style,
    TextBlock,
)
from hezo_desk.services.pdf.fonts import REPLACEMENT, FontSet, dejavu_fonts
from hezo_desk.services.pdf.labels import Labels, format_size, labels_for
from hezo_desk.services.pdf.service_level import service_level_facts
from hezo_desk.services.pdf.text import printable

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm
CREATOR = "HEZO Desk"


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
            TextBlock(labels.replaced_note, Style(fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED))
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
    frame = body_frame()
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
    title = Style(fonts.bold, 16, 20)
    subject = Style(fonts.bold, 12, 15)
    variant_style = Style(
        fonts.bold if document.variant.shows_internal else fonts.oblique,
        SMALL_SIZE + 1,
        SMALL_LEADING + 1,
        INTERNAL_INK if document.variant.shows_internal else MUTED,
    )
    section = Style(fonts.bold, 11, 14)
    story: list[Flowable] = [
        TextBlock(replaced.text(f"{labels.case} {document.number}", fonts.bold), title),
        TextBlock(replaced.text(document.subject, fonts.bold), subject, space_after=3),
        TextBlock(
            replaced.text(labels.variant_title[document.variant.value], variant_style.font),
            variant_style,
            space_after=8,
        ),
    ]
    label_style = Style(fonts.bold, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5, MUTED)
    value_style = Style(fonts.regular, SMALL_SIZE + 0.5, SMALL_LEADING + 0.5)
    facts = [
        [replaced.text(label, fonts.bold), replaced.text(value, fonts.regular)]
        for label, value in _facts(document, labels)
    ]
    story.append(Grid([(0.34, label_style), (0.66, value_style)], facts, space_after=4))
    story.append(
        TextBlock(
            labels.times_note,
            Style(fonts.oblique, SMALL_SIZE, SMALL_LEADING, MUTED),
            space_after=10,
        )
    )
    story.append(TextBlock(f"{labels.dialogue} ({len(document.entries)})", section, space_after=5))
    if not document.entries:
        story.append(TextBlock(labels.no_entries, value_style, space_after=6))
    for index, entry in enumerate(document.entries, start=1):
        story.append(
            Entry(
                replaced.text(_entry_header(index, entry, labels), fonts.bold),
                replaced.text(entry.body, fonts.regular),
                entry.kind,
                fonts,
            )
        )
    story.append(Spacer(1, 6))
    story.append(
        TextBlock(f"{labels.attachments} ({len(document.attachments)})", section, space_after=5)
    )
    if document.attachments:
        mono = Style(fonts.mono, 6.4, SMALL_LEADING)
        rows = [
            [
                replaced.text(a.name, fonts.regular),
                format_size(a.size, labels.numbers),
                replaced.text(a.sha256, fonts.mono),
            ]
            for a in document.attachments
        ]
        story.append(
            Grid(
                [(0.36, value_style), (0.12, value_style), (0.52, mono)],
                rows,
                header=[labels.file_name, labels.size, labels.checksum],
            )
        )
    else:
        story.append(TextBlock(labels.no_attachments, value_style))
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
    facts.extend(service_level_facts(document, labels))
    return [(label, value) for label, value in facts if value is not None and value != ""]


def body_frame() -> Frame:
    """The page's body between the margins: every PDF the desk renders lays out in it."""
    return Frame(
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
