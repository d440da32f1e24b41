"""Header sections wide enough for their text as the theme draws it.

qt-material draws a header section's text in capitals between wide paddings, and Qt sizes
sections by the text as written: a section sized Qt's way, or by a fixed width chosen in
English, cuts the text on both sides ("ZGŁOSZENI"). Sections here are measured the way they
are drawn and only ever grown; the full text is also the section's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView

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
        self.fit()
        model = header.model()
        model.headerDataChanged.connect(self.fit)
        model.modelReset.connect(self.fit)
        header.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._header and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self, *_args: object) -> None:
        header = self._header
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
