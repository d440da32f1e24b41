"""Stored files as text, and a PDF written anew from redacted text.

A PDF the desk did not render itself (a customer's scan, an invoice) cannot be edited in
place: reportlab writes, it does not redact, and blacking out drawn text leaves the text in
the file. Such a PDF that names an erased person is replaced by a plain PDF of its own text,
redacted, page by page (decided here: the words of the case stay readable, the layout goes).
Legacy dialogue PDFs are rendered again from their redacted source instead (`stores`).
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hezo_desk.services.pdf.fonts import dejavu_fonts
from hezo_desk.services.pdf.text import Wrapper, printable

PDF_MAGIC = b"%PDF"
TEXT_SIZE = 10
LEADING = 13
MARGIN = 18 * mm
_LOG = logging.getLogger(__name__)
# pypdf logs every oddity of a damaged file; what matters here is the text it could read.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF (empty for a page without text or a damaged file)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        return [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        _LOG.warning("a stored PDF could not be read (%s)", type(error).__name__)
        return []


def as_text(data: bytes) -> str | None:
    """A stored file's bytes as text when they are UTF-8 text (no NUL), else None."""
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def text_pdf(pages: list[str]) -> bytes:
    """A plain A4 PDF of the given pages' text (DejaVu Sans, embedded), one page per page or
    more where a page's text is longer."""
    fonts = dejavu_fonts()
    coverage = fonts.coverage[fonts.regular]
    wrapper = Wrapper(fonts.regular, TEXT_SIZE)
    width, height = A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=fonts.regular)
    for text in pages or [""]:
        lines = wrapper.wrap(printable(text, coverage), width - 2 * MARGIN)
        y = height - MARGIN
        canvas.setFont(fonts.regular, TEXT_SIZE)
        for line in lines:
            if y < MARGIN:
                canvas.showPage()
                canvas.setFont(fonts.regular, TEXT_SIZE)
                y = height - MARGIN
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
