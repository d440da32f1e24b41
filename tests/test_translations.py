"""Every visible string goes through Qt's translation system and has its Polish translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hezo_desk.catalogue import Catalogue, Translation
from hezo_desk.drafts import DraftStore
from hezo_desk.enums import Language
from hezo_desk.resources import translations_dir
from hezo_desk.services.agents import AgentService
from hezo_desk.services.pdf.labels import labels_for
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.i18n import Translations
from hezo_desk.ui.main_window import MainWindow
from hezo_desk.ui.migration_reports import ReportView
from hezo_desk.ui.screen_registry import build_screens, ticket_actions, ticket_tabs, wire_window
from test_import_words import stored_report
from waiting import WAIT_MS

REPOSITORY = Path(__file__).resolve().parent.parent
CATALOGUE = "hezo_desk_pl"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} comes with PySide6-Essentials and is missing here")
    return found


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue, updated from today's source as `scripts/update-translations` does."""
    if not (REPOSITORY / "hezo_desk").is_dir():
        pytest.skip("needs the source tree")
    target = tmp_path_factory.mktemp("ts") / f"{CATALOGUE}.ts"
    shutil.copyfile(translations_dir() / f"{CATALOGUE}.ts", target)
    sources = sorted(str(p) for p in (REPOSITORY / "hezo_desk").rglob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_every_source_string_has_a_polish_translation(refreshed: Path) -> None:
    untranslated = [
        f"[{context.findtext('name')}] {message.findtext('source')!r}"
        for context in ET.parse(refreshed).getroot().iter("context")
        for message in context.findall("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert untranslated == [], "run scripts/update-translations and translate:\n" + "\n".join(
        untranslated[:40]
    )


def test_the_shipped_catalogue_is_compiled_from_the_current_translations(
    refreshed: Path, tmp_path: Path
) -> None:
    compiled = tmp_path / f"{CATALOGUE}.qm"
    subprocess.run(
        [
            _tool("pyside6-lrelease"),
            str(translations_dir() / f"{CATALOGUE}.ts"),
            "-qm",
            str(compiled),
        ],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (translations_dir() / f"{CATALOGUE}.qm").read_bytes(), (
        "run scripts/update-translations"
    )


class _Asked(Mapping[tuple[str, str], str]):
    """A catalogue's messages that remember every (context, source) looked up in them."""

    def __init__(self) -> None:
        self.keys_asked: set[tuple[str, str]] = set()

    def __getitem__(self, key: tuple[str, str]) -> str:
        self.keys_asked.add(key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _AskingCatalogue(Catalogue):
    def __init__(self) -> None:
        super().__init__()
        self.asked = _Asked()

    def language(self, language: str) -> Translation:
        return Translation(language, self.asked)


def test_lupdate_collects_every_word_of_the_case_pdf(refreshed: Path) -> None:
    """The PDF's QT_TRANSLATE_NOOP marks reach the catalogue (else -no-obsolete drops them)."""
    catalogue = _AskingCatalogue()
    labels_for(Language.POLISH, catalogue)
    assert len(catalogue.asked.keys_asked) > 40
    translated = Catalogue(refreshed.parent).language("pl").messages
    assert sorted(catalogue.asked.keys_asked - translated.keys()) == []


@pytest.fixture
def polish(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    assert translations.apply("pl")
    yield translations
    translations.apply("en")


def _english_sources() -> set[str]:
    root = ET.parse(translations_dir() / f"{CATALOGUE}.ts").getroot()
    return {
        message.findtext("source", "").replace("&", "")
        for message in root.iter("message")
        if message.findtext("translation")
        and message.findtext("translation") != message.findtext("source")
        and message.get("numerus") != "yes"
    }


def _visible_texts(widget: QWidget) -> Iterator[str]:
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton) and child.text():
            yield child.text().replace("&", "")


def test_the_whole_desk_speaks_polish(
    qtbot: QtBot, polish: Translations, desk_context: DeskContext, tmp_path: Path
) -> None:
    from dataclasses import replace

    context = replace(desk_context, actor=AgentService(desk_context.db).resolve("admin"))
    window = MainWindow(
        context,
        build_screens(context),
        DraftStore(tmp_path / "drafts", context.db.display_url),
        context.db.display_url,
        ticket_tabs=ticket_tabs(),
        ticket_actions=ticket_actions(),
    )
    wire_window(window, context)
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == [
        "&Program",
        "Prz&ejdź",
        "&Zgłoszenie",
        "Pomo&c",
    ]
    for key in (
        "lookup",
        "tickets",
        "contracts",
        "serials",
        "resellers",
        "calls",
        "callbacks",
        "review",
        "migration_reports",
        "audit",
        "call_statistics",
        "dashboard",
        "agents",
    ):
        window.show_screen(key)
    view = window.open_ticket(1)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    english = _english_sources()
    left_in_english = sorted({text for text in _visible_texts(window) if text in english})
    assert left_in_english == [], "shown untranslated (a context mismatch?)"
    assert view.tabs.tabText(0) == "Korespondencja"


def test_the_import_report_shows_stored_details_in_polish(
    qtbot: QtBot, polish: Translations
) -> None:
    detail = "end_date 01.01.2020 is before start_date 02.02.2021"
    view = ReportView()
    qtbot.addWidget(view)
    view.show_report(stored_report(detail))
    model = view.rejected_model
    assert model.rowCount() == 1
    shown = [model.index(0, column).data() for column in range(model.columnCount())]
    assert "end_date 01.01.2020 jest wcześniejsza niż start_date 02.02.2021" in shown
    assert detail not in shown
