"""Header sections wide enough for their text as the theme draws it.

qt-material draws a header section's text in capitals between wide paddings, and Qt sizes
sections by the text as written: a section sized Qt's way, or by a fixed width chosen in
English, cuts the text on both sides ("ZGŁOSZENI"). Sections here are measured the way they
are drawn and only ever grown; the full text is also the section's tooltip.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView

from hezo_desk.ui.theme import HEADER_SECTION_PADDING

# Beside the text: the padding on both sides, the section's border and the sort indicator a
# sorted section shows (the base style's, about 10 px, with its gap).
HEADER_ROOM = 2 * HEADER_SECTION_PADDING + 1 + 14


def styled_header_width(header: QHeaderView, text: str) -> int:
    """The width a section needs to show `text` whole, in capitals, bold (the widest face)."""
    font = QFont(header.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(text.upper()) + HEADER_ROOM


def fit_header(header: QHeaderView) -> None:
    """Grow every section that is narrower than its styled text (never shrink one)."""
    model = header.model()
    for section in range(header.count()):
        needed = styled_header_width(header, header_text(model, header, section))
        if header.sectionSize(section) < needed and not header.isSectionHidden(section):
            header.resizeSection(section, needed)


class HeaderFitter(QObject):
    """Fits a header now and again whenever its texts change (a language switch), its rows
    do or it is resized; a child of the header, so it goes with it.

    A stretched last section fills the room left, however little: where that is less than
    its text needs, it stops stretching and keeps the width its text needs (the table then
    scrolls rather than cutting the header).
    """

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self._header = header
        self._stretch = header.stretchLastSection()
        self._fitting = False
        self.fit()
        model = header.model()
        model.headerDataChanged.connect(self.fit)
        model.modelReset.connect(self.fit)
        # No event filter on the header (PySide crashed delivering a never-shown header's events
        # to one while the header was destroyed). A narrower header shrinks a stretched last
        # section (sectionResized); a wider one changes the view's horizontal scroll range.
        header.sectionResized.connect(self._resized)
        view = header.parentWidget()
        if isinstance(view, QAbstractScrollArea):
            view.horizontalScrollBar().rangeChanged.connect(self._resized)

    def _resized(self, *_args: object) -> None:
        if not self._fitting:
            self.fit()

    def fit(self, *_args: object) -> None:
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        header = self._header
        # A view being destroyed resizes its header after dropping its model: nothing to fit
        # (measuring then crashed PySide).
        if not shiboken6.isValid(header) or header.model() is None:
            return
        fit_header(header)
        shown = [
            header.logicalIndex(visual)
            for visual in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(visual))
        ]
        if not self._stretch or not shown:
            return
        last = shown[-1]
        needed = styled_header_width(header, header_text(header.model(), header, last))
        room = header.width() - sum(header.sectionSize(s) for s in shown[:-1])
        stretch = room >= needed
        if header.stretchLastSection() != stretch:
            header.setStretchLastSection(stretch)
        if not stretch and header.sectionSize(last) < needed:
            header.resizeSection(last, needed)


def header_text(model: QAbstractItemModel, header: QHeaderView, section: int) -> str:
    return str(model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
