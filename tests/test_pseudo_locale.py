"""One language at a time, proved with a pseudo-locale (issue 14).

The desk's Polish catalogue is rewritten at test time so that every translation is its English
source marked as `⟦source⟧` (placeholders, `&` mnemonics and HTML tags kept), compiled with
pyside6-lrelease and loaded the way the desk loads Polish; the catalogue that services read
without Qt (hezo_desk/catalogue.py) reads the same pseudo `.ts`. Then every screen, a ticket
page, every dialog and the message boxes are opened on demo data and every text they show is
read. A text passes when it is marked, when it is data, or when Qt's own Polish gave it (the
standard buttons). Anything else is a word the desk shows without translating it.

"Data", narrowly: the values of the demo database's name-like columns (companies, contacts,
agents, resellers, products, serials, contract and ticket numbers, subjects, message bodies,
file names, addresses), and text shaped like numbers, dates and times (with the Polish month
and day names QLocale gives), ticket numbers (HD-000123), e-mail addresses, phone numbers,
tax ids and file sizes. Inside a marked text each `%1` of its source must be filled with
marked text or data too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk import catalogue as service_catalogue
from hezo_desk.catalogue import Catalogue
from hezo_desk.db import Database
from hezo_desk.models import (
    Agent,
    Attachment,
    Call,
    Contact,
    Customer,
    Message,
    ReplyTemplate,
    Reseller,
    ResellerAccessChange,
    Service,
    ServiceContract,
    ServiceLevel,
    Ticket,
)
from hezo_desk.resources import translations_dir
from hezo_desk.services.demo.loader import DEMO_PASSWORD
from hezo_desk.ui import i18n
from hezo_desk.ui.i18n import Translations
from support.desk_tour import Tour, desk_tour

OPEN, CLOSE = "⟦", "⟧"
CATALOGUE = "hezo_desk_pl"
# Rows of each list read for their cells: what a screen shows at first.
ROWS_READ = 30

# English still built inside hezo_desk/services/ and shown as it comes (audit summaries and
# actions, history lines, the lookup's "read as", review flags, registration refusals, the
# conflict dialog's changes, role names). The `lang` branch turns them into codes worded from
# the catalogue; once it is merged this list must become empty (delete each pattern whose
# text no longer shows: the test says which are unused).
SERVICE_MADE_ENGLISH: tuple[str, ...] = ()


# ----- the pseudo catalogue ----------------------------------------------------------------


def mark(source: str) -> str:
    return f"{OPEN}{source}{CLOSE}"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} comes with PySide6-Essentials and is missing here")
    return found


def write_pseudo_ts(shipped: Path, target: Path) -> list[str]:
    """`target`: the shipped catalogue with every translation its marked source; the sources."""
    tree = ET.parse(shipped)
    sources = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        sources.append(source)
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            translation.text = None
            for _form in range(3):  # Polish has three plural forms
                ET.SubElement(translation, "numerusform").text = mark(source)
        else:
            translation.text = mark(source)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return sources


@dataclass(frozen=True)
class Pseudo:
    folder: Path
    sources: tuple[str, ...]


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Pseudo:
    folder = tmp_path_factory.mktemp("pseudo")
    ts = folder / f"{CATALOGUE}.ts"
    sources = write_pseudo_ts(translations_dir() / f"{CATALOGUE}.ts", ts)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(folder / f"{CATALOGUE}.qm")],
        check=True,
        capture_output=True,
    )
    return Pseudo(folder, tuple(sources))


@pytest.fixture
def pseudo_polish(
    pseudo: Pseudo, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Pseudo]:
    """The desk in 'Polish' whose words are the pseudo catalogue's (Qt's own: real Polish)."""
    monkeypatch.setattr(i18n, "translations_dir", lambda: pseudo.folder)
    monkeypatch.setattr(service_catalogue, "translations_dir", lambda: pseudo.folder)
    translations = Translations(qapp)
    assert translations.apply("pl")
    yield pseudo
    translations.apply("en")


def test_the_pseudo_catalogue_marks_every_word(pseudo_polish: Pseudo, qapp: QApplication) -> None:
    """The test's own ground: both paths read the pseudo words, and a %1 survives."""
    assert QCoreApplication.translate("MainWindow", "HEZO Desk") == mark("HEZO Desk")
    assert Catalogue().translate("pl", "MainWindow", "HEZO Desk") == mark("HEZO Desk")
    assert QCoreApplication.translate("MainWindow", "Database: %1") == mark("Database: %1")
    checker = TextChecker(pseudo_polish.sources, set())
    assert checker.unaccounted(mark("Database: %1").replace("%1", "12")) == []
    assert checker.unaccounted(mark("Database: %1").replace("%1", "English")) == ["English"]
    assert checker.unaccounted("Tickets") == ["Tickets"]


# ----- what counts as accounted for --------------------------------------------------------

_PLACEHOLDER = re.compile(r"%L?(?:\d+|n)")
_TAG = re.compile(r"<[^<>]*>")
_RICH = re.compile(r"<[a-zA-Z/!][^<>]*>")
# Read first, whole: a login inside an e-mail address is no name of its own.
_WHOLE_DATA = [
    re.compile(p)
    for p in (
        r"[a-z][\w+.-]*://\S*",  # database URLs
        r"(?<!\S)~?/\S+",  # file system paths
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
        r"(?m)^\{\n(?:.*\n)*?\}$",  # an audit entry's details as stored (JSON), in its tooltip
    )
]
_DATA_PATTERNS = [
    re.compile(p)
    for p in (
        r"\bHD-\d+\b",  # ticket numbers
        r"\(H\d*\)-[\w…]*",  # serials as the desk writes them: (H2)-FG1234567890
        r"\b[A-Z]{2,}/\d{4}/\d+\b",  # contract numbers: UMS/2024/00001
        # Keys as Qt names them (Qt's own words, the same in Polish): Ctrl+Shift+N, F5.
        r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:F\d{1,2}|PgDown|PgUp|Enter|Return|Del|Esc|\S)",
        r"\bF\d{1,2}\b",
        r"\{[a-z_]+\}",  # a reply template's placeholders: {contact}, {cursor}
        r"(?<![\w])\+?\d[\d ()-]{5,}\d(?![\w])",  # phone numbers, tax ids
        r"\b\d+(?:[.,]\d+)?\s?(?:B|KB|kB|MB|GB|KiB|MiB|GiB)\b",  # file sizes
        r"\d+(?:[.,:/-]\d+)*",  # numbers, dates, times
    )
]
# Each language's name in that language (the settings' choice of language): never translated.
LANGUAGE_NAMES = {"Polski", "English"}


def _plain(text: str) -> str:
    """A text without mnemonic marks: `&` before a character (a literal `&&` stays one `&`,
    and "CPU & RAM" keeps its `&`)."""
    return re.sub(r"&(?=\S)", "", text.replace("&&", "\0")).replace("\0", "&")


def _without_tags(text: str) -> str:
    return unescape(_TAG.sub("", text))


def _locale_words() -> list[str]:
    """Month and day names as QLocale writes dates in Polish (and English): date data."""
    words = []
    for language in (QLocale.Language.Polish, QLocale.Language.English):
        locale = QLocale(language)
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            words += [locale.monthName(m, form) for m in range(1, 13)]
            words += [locale.standaloneMonthName(m, form) for m in range(1, 13)]
            words += [locale.dayName(d, form) for d in range(1, 8)]
        words += [locale.amText(), locale.pmText()]
    return [w for w in words if w]


class TextChecker:
    """Which parts of a shown text are neither marked nor data."""

    def __init__(self, sources: Iterable[str], data: set[str]) -> None:
        self._exact: set[str] = set()
        self._templates: list[re.Pattern[str]] = []
        for source in sources:
            for variant in {_plain(source), _plain(_without_tags(source))}:
                if _PLACEHOLDER.search(variant):
                    parts = _PLACEHOLDER.split(variant)
                    self._templates.append(
                        re.compile("(.*?)".join(re.escape(p) for p in parts), re.DOTALL)
                    )
                else:
                    self._exact.add(variant)
        values = {v.strip() for value in data | set(_locale_words()) for v in value.splitlines()}
        ordered = sorted((v for v in values if len(v) >= 2), key=len, reverse=True)
        self._data = [
            re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in ordered[i : i + 500]))
            for i in range(0, len(ordered), 500)
        ]

    def unaccounted(self, text: str) -> list[str]:
        """The bits of `text` with letters that are neither marked nor data."""
        left = self._residue(_plain(text))
        return [bit for bit in left if re.search(r"[^\W\d_]", bit)]

    def _residue(self, text: str) -> list[str]:
        bits: list[str] = []
        outside: list[str] = []
        position = 0
        while position < len(text):
            start = text.find(OPEN, position)
            if start < 0:
                outside.append(text[position:])
                break
            outside.append(text[position:start])
            end = _closing(text, start)
            bits += self._inside(text[start + 1 : end])
            position = end + 1
        rest = "".join(outside).replace(CLOSE, " ")
        for pattern in _WHOLE_DATA:
            rest = pattern.sub(" ", rest)
        for pattern in self._data:
            rest = pattern.sub(" ", rest)
        for pattern in _DATA_PATTERNS:
            rest = pattern.sub(" ", rest)
        rest = " ".join(rest.split())
        return ([rest] if rest else []) + bits

    def _inside(self, inner: str) -> list[str]:
        """A marked text: its source, with each placeholder filled by accounted-for text."""
        if inner in self._exact:
            return []
        best: list[str] | None = None
        for template in self._templates:
            found = template.fullmatch(inner)
            if found is None:
                continue
            left = [bit for arg in found.groups() for bit in self._residue(arg)]
            left = [bit for bit in left if re.search(r"[^\W\d_]", bit)]
            if not left:
                return []
            if best is None or len(left) < len(best):
                best = left
        # No source fits (a text cut or re-worded after translation): the mark is enough.
        return best or []


def _closing(text: str, start: int) -> int:
    depth = 0
    for position in range(start, len(text)):
        if text[position] == OPEN:
            depth += 1
        elif text[position] == CLOSE:
            depth -= 1
            if depth == 0:
                return position
    return len(text)


def demo_data(db: Database) -> set[str]:
    """The demo database's values that the desk shows as they are (see the module's doc)."""
    columns = [
        Agent.login,
        Agent.display_name,
        Customer.name,
        Customer.tax_id,
        Customer.street,
        Customer.postal_code,
        Customer.city,
        Customer.country,
        Customer.phone,
        Customer.email,
        Reseller.name,
        Reseller.tax_id,
        Reseller.email,
        Contact.first_name,
        Contact.last_name,
        Contact.email,
        Contact.phone,
        ServiceContract.number,
        Service.serial,
        Service.product,
        Ticket.number,
        Ticket.subject,
        Ticket.legacy_number,
        Message.author_name,
        Message.body,
        Attachment.file_name,
        Call.number,
        Call.outcome,
        ResellerAccessChange.requested_by_name,
        ResellerAccessChange.note,
        ReplyTemplate.name,
        ReplyTemplate.body,
        ServiceLevel.name,
    ]
    values: set[str] = {DEMO_PASSWORD, *LANGUAGE_NAMES}
    with db.sessions() as session:
        for column in columns:
            for value in session.scalars(select(column).distinct()):
                if value:
                    # A value with markup in it shows as text, or drawn (in a tooltip); a text
                    # of several lines may be read line by line.
                    values.update({str(value), _without_tags(str(value))})
                    for line in str(value).splitlines():
                        values.add(line)
                        # As the check reads it: addresses and paths taken out first.
                        read = line
                        for pattern in _WHOLE_DATA:
                            read = pattern.sub(" ", read)
                        values.add(read)
        for first, last in session.execute(select(Contact.first_name, Contact.last_name)):
            values.add(f"{first} {last}")
    return values


# ----- what a window shows -----------------------------------------------------------------


@dataclass
class Shown:
    """Every text seen, with where it was seen (the first place)."""

    texts: dict[str, str] = field(default_factory=dict)
    # Where any text was read (screen, dialog or box; tab): proof that the tour went there.
    places: set[str] = field(default_factory=set)

    def add(self, where: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            self.texts.setdefault(text, where)
            self.places.add(where.split(" / ", maxsplit=1)[0])


def _html_text(text: str) -> str:
    if _RICH.search(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}:{widget.objectName()}"


def _menu_texts(menu: QMenu, where: str, shown: Shown) -> None:
    shown.add(where, menu.title())
    for action in menu.actions():
        shown.add(where, action.text())
        if action.menu() is not None:
            _menu_texts(action.menu(), where, shown)


def _item_view_texts(view: QAbstractItemView, where: str, shown: Shown) -> None:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    # A list model's column count is private in PySide6: it has one.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(min(model.rowCount(root), ROWS_READ)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    shown.add(where, _html_text(value))


def collect(root: QWidget, place: str, shown: Shown, *, as_if_shown: bool = False) -> None:
    """Every text `root` shows now: its visible widgets, menus, headers and first rows
    (`as_if_shown`: what it would show, a wizard's page not reached yet)."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        visible = widget.isVisibleTo(root) or widget is root if as_if_shown else widget.isVisible()
        if not visible:
            continue
        where = f"{place} / {_name(widget)}"
        if widget.isWindow():
            shown.add(where, widget.windowTitle())
        shown.add(where, _html_text(widget.toolTip()))
        shown.add(where, widget.whatsThis())
        if isinstance(widget, QLabel):
            shown.add(where, _html_text(widget.text()))
        elif isinstance(widget, QAbstractButton):
            shown.add(where, widget.text())
        elif isinstance(widget, QGroupBox):
            shown.add(where, widget.title())
        elif isinstance(widget, QLineEdit):
            shown.add(where, widget.placeholderText())
            if widget.isReadOnly():
                shown.add(where, widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            shown.add(where, widget.placeholderText())
            shown.add(where, widget.toPlainText())
        elif isinstance(widget, QComboBox):
            for item in range(widget.count()):
                shown.add(where, widget.itemText(item))
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                shown.add(where, widget.tabText(tab))
                shown.add(where, widget.tabToolTip(tab))
        elif isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None and widget.orientation() == Qt.Orientation.Horizontal:
                for section in range(widget.count()):
                    if not widget.isSectionHidden(section):
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            value = model.headerData(section, Qt.Orientation.Horizontal, role)
                            shown.add(where, value)
        elif isinstance(widget, QAbstractItemView):
            _item_view_texts(widget, where, shown)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.menu() is not None:
                    _menu_texts(action.menu(), where, shown)
        elif isinstance(widget, QAbstractSpinBox):
            shown.add(where, widget.specialValueText())
        if isinstance(widget, QWizard):
            for page_id in widget.pageIds():
                shown.add(where, widget.page(page_id).title())
                shown.add(where, widget.page(page_id).subTitle())
        # Context menus and window actions (the main window's commands).
        for action in widget.actions():
            shown.add(f"{where} (action)", action.text())


def collect_every_tab(root: QWidget, place: str, shown: Shown, settle: Callable[[], None]) -> None:
    """`collect`, then again with each tab of each visible tab widget shown in turn."""
    collect(root, place, shown)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            collect(tabs.widget(index), f"{place} / tab {index}", shown)
        tabs.setCurrentIndex(current)
    if isinstance(root, QWizard):
        for page_id in root.pageIds():
            if page_id != root.currentId():
                collect(root.page(page_id), f"{place} / page {page_id}", shown, as_if_shown=True)


def qt_own_words() -> set[str]:
    """The standard buttons (of button boxes and wizards) as Qt words them under the
    translators installed now."""
    box = QDialogButtonBox()
    words = set()
    wizard = QWizard()
    for which in QWizard.WizardButton:
        if which.value <= QWizard.WizardButton.HelpButton.value:
            made = wizard.button(which)
            if made is not None:
                words.add(_plain(made.text()))
    wizard.deleteLater()
    for button in QDialogButtonBox.StandardButton:
        if button is QDialogButtonBox.StandardButton.NoButton:
            continue
        made = box.addButton(button)
        if made is not None:
            words.add(_plain(made.text()))
    box.deleteLater()
    return words


def _every_modal_box(tour: Tour, shown: Shown) -> None:
    """F1, About and the conflict box: their words too."""
    for name, open_box in tour.boxes():
        tour.open_modal(open_box, lambda box, name=name: collect(box, f"box {name}", shown))


def tour_texts(tour: Tour) -> Shown:
    """Everything the demo administrator's desk shows: screens, ticket, dialogs, boxes."""
    shown = Shown()
    tour.settle()
    window = tour.window
    for key in tour.screen_keys():
        screen = window.show_screen(key)
        assert screen is not None
        tour.settle()
        collect_every_tab(window, f"screen {key}", shown, tour.settle)
    collect_every_tab(tour.look_up_caller(), "lookup with a caller", shown, tour.settle)
    window.open_ticket(tour.first_ticket_id())
    tour.settle()
    collect_every_tab(window, "ticket", shown, tour.settle)
    for name, build in tour.dialogs():
        dialog = build()
        dialog.show()
        tour.settle()
        collect_every_tab(dialog, f"dialog {name}", shown, tour.settle)
        dialog.close()
        dialog.deleteLater()
        tour.settle()
    _every_modal_box(tour, shown)
    return shown


def test_every_screen_and_dialog_shows_only_translated_words_or_data(
    qtbot: QtBot, pseudo_polish: Pseudo, demo_db: Database, tmp_path: Path
) -> None:
    checker = TextChecker(pseudo_polish.sources, demo_data(demo_db))
    qt_words = qt_own_words()
    excused = [re.compile(pattern) for pattern in SERVICE_MADE_ENGLISH]
    used: set[str] = set()
    problems = []
    with desk_tour(demo_db, tmp_path / "tour") as tour:
        shown = tour_texts(tour)
        expected = {
            *(f"screen {key}" for key in tour.screen_keys()),
            *(f"dialog {name}" for name, _build in tour.dialogs()),
            "lookup with a caller",
            "ticket",
            *(f"box {name}" for name, _open in tour.boxes()),
        }
    assert expected <= shown.places, expected - shown.places
    assert len(shown.texts) > 500
    for text, where in sorted(shown.texts.items(), key=lambda item: item[1]):
        if _plain(text) in qt_words:
            continue
        left = checker.unaccounted(text)
        for pattern in excused:
            if any(pattern.search(bit) for bit in left):
                used.add(pattern.pattern)
                left = [bit for bit in left if not pattern.search(bit)]
        if left:
            problems.append(f"{where}: {text!r} → {left}")
    unused = [p for p in SERVICE_MADE_ENGLISH if p not in used]
    assert problems == [], f"{len(problems)} untranslated texts:\n" + "\n".join(problems)
    assert unused == [], f"SERVICE_MADE_ENGLISH entries no longer seen: {unused}"


# ----- Qt's own dialogs --------------------------------------------------------------------


def test_qt_standard_dialogs_speak_polish_when_polish_is_chosen(
    qtbot: QtBot, qapp: QApplication
) -> None:
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert (Path(qt_dir) / "qtbase_pl.qm").is_file(), "PySide6 ships Qt's Polish"
    translations = Translations(qapp)
    try:
        assert translations.apply("pl")
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        look_in = dialog.findChild(QLabel, "lookInLabel")
        assert look_in is not None
        assert look_in.text() not in ("Look in:", ""), look_in.text()
        file_name = dialog.findChild(QLabel, "fileNameLabel")
        assert file_name is not None
        assert "File" not in file_name.text()
        box = QMessageBox(QMessageBox.Icon.Question, "x", "y")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert cancel is not None
        assert yes is not None
        assert _plain(cancel.text()) == "Anuluj"
        assert _plain(yes.text()) == "Tak"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        qtbot.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        assert _plain(close.text()) == "Zamknij"
        # And back in English when English is chosen.
        translations.apply("en")
        again = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(again)
        english = again.button(QDialogButtonBox.StandardButton.Cancel)
        assert english is not None
        assert _plain(english.text()) == "Cancel"
    finally:
        translations.apply("en")
