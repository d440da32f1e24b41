"""The shipped DejaVu fonts, registered with reportlab as one family and embedded in every PDF.

The 14 standard PDF fonts cannot print most Polish letters (PITFALLS.md); DejaVu Sans can.
Registration is process-wide in reportlab (its font registry), so it is done once per process
and is idempotent; the glyph maps come along so text can be checked before it is drawn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hezo_desk.resources import font_path

REPLACEMENT = "\ufffd"  # �, in every DejaVu face: what a character the font lacks becomes

_FACES = {
    "HezoSans": "DejaVuSans.ttf",
    "HezoSans-Bold": "DejaVuSans-Bold.ttf",
    "HezoSans-Oblique": "DejaVuSans-Oblique.ttf",
    "HezoSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    "HezoMono": "DejaVuSansMono.ttf",
}


@dataclass(frozen=True)
class FontSet:
    """Registered font names and, per name, the code points its glyph map covers."""

    regular: str
    bold: str
    oblique: str
    mono: str
    coverage: dict[str, frozenset[int]]


@functools.cache
def dejavu_fonts() -> FontSet:
    """Register the DejaVu family (once per process) and return its names and glyph maps."""
    coverage: dict[str, frozenset[int]] = {}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FACES.items():
        path = font_path(file_name)
        if not path.is_file():
            raise FileNotFoundError(
                f"the PDF font {file_name} is missing from {path.parent}; reinstall HEZO Desk"
            )
        if name in registered:
            font = pdfmetrics.getFont(name)
        else:
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
        # reportlab writes characters beyond the BMP with a truncated code (U+1F600 extracts
        # as U+1F60): those count as missing and print as the replacement.
        coverage[name] = frozenset(code for code in font.face.charToGlyph if code <= 0xFFFF)
    # Paragraph's <b>/<i> find the bold and oblique files through the family's mappings.
    pdfmetrics.registerFontFamily(
        "HezoSans",
        normal="HezoSans",
        bold="HezoSans-Bold",
        italic="HezoSans-Oblique",
        boldItalic="HezoSans-BoldOblique",
    )
    return FontSet(
        regular="HezoSans",
        bold="HezoSans-Bold",
        oblique="HezoSans-Oblique",
        mono="HezoMono",
        coverage=coverage,
    )
