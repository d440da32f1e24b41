"""The Qt-free reader of the desk's one catalogue, and the case PDF's words taken from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

import pytest

from hezo_desk.catalogue import Catalogue, read_ts
from hezo_desk.enums import Language
from hezo_desk.resources import translations_dir
from hezo_desk.services.pdf.labels import Labels, labels_for

SCRATCH = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>CasePdf</name>
    <message>
        <source>Case</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Rozmiar?</translation>
    </message>
    <message>
        <source>Dialogue</source>
        <translation type="vanished">Korespondencja</translation>
    </message>
    <message>
        <source>File name</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation><numerusform>%n plik</numerusform></translation>
    </message>
    <message>
        <source>A &amp; B &lt;C&gt;</source>
        <translation>A i B &lt;C&gt;</translation>
    </message>
</context>
<context>
    <name>Other</name>
    <message>
        <source>Case</source>
        <translation>Sprawa</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Catalogue:
    (tmp_path / "hezo_desk_pl.ts").write_text(SCRATCH, encoding="utf-8")
    return Catalogue(tmp_path)


def test_polish_comes_from_the_file_by_context(scratch: Catalogue) -> None:
    polish = scratch.language("pl")
    assert polish.translate("CasePdf", "Case") == "Zgłoszenie"
    assert polish.translate("Other", "Case") == "Sprawa"
    assert polish.translate("CasePdf", "A & B <C>") == "A i B <C>"
    assert scratch.translate("pl", "CasePdf", "Case") == "Zgłoszenie"


def test_english_is_the_source_and_needs_no_file(tmp_path: Path) -> None:
    english = Catalogue(tmp_path).language("en")
    assert english.translate("CasePdf", "Case") == "Case"
    assert english.messages == {}


def test_missing_unfinished_and_plural_messages_fall_back_to_the_source(
    scratch: Catalogue,
) -> None:
    polish = scratch.language("pl")
    assert polish.translate("CasePdf", "Never heard of") == "Never heard of"
    assert polish.translate("Nowhere", "Case") == "Case"
    assert polish.translate("CasePdf", "Size") == "Size"  # unfinished
    assert polish.translate("CasePdf", "Dialogue") == "Dialogue"  # vanished
    assert polish.translate("CasePdf", "File name") == "File name"  # empty
    assert polish.translate("CasePdf", "%n file(s)") == "%n file(s)"  # plural: not read


def test_a_missing_catalogue_is_an_error_not_silent_english(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="'pl' translations are missing"):
        Catalogue(tmp_path).language("pl")


def test_each_language_is_read_once(scratch: Catalogue) -> None:
    assert scratch.language("pl") is scratch.language("pl")
    assert Catalogue(translations_dir()).language("pl").messages is read_ts(
        (translations_dir() / "hezo_desk_pl.ts").resolve()
    )


def test_the_shipped_catalogue_agrees_with_qt() -> None:
    from PySide6.QtCore import QTranslator

    compiled = QTranslator()
    assert compiled.load("hezo_desk_pl", str(translations_dir()))
    messages = Catalogue().language("pl").messages
    assert len(messages) > 500
    disagreeing = {
        key: text for key, text in messages.items() if compiled.translate(key[0], key[1]) != text
    }
    assert disagreeing == {}


def _texts(labels: Labels) -> dict[str, str]:
    texts: dict[str, str] = {}
    for field in dataclasses.fields(labels):
        value = getattr(labels, field.name)
        if isinstance(value, str):
            texts[field.name] = value
        elif isinstance(value, Mapping):
            texts.update({f"{field.name}.{key}": text for key, text in value.items()})
    return texts


def test_every_pdf_word_has_its_polish_translation() -> None:
    catalogue = Catalogue()
    polish = _texts(labels_for(Language.POLISH, catalogue))
    english = _texts(labels_for(Language.ENGLISH, catalogue))
    assert polish.keys() == english.keys()
    assert len(english) > 40
    untranslated = sorted(key for key in english if polish[key] == english[key])
    assert untranslated == []


def test_the_pdf_names_states_as_the_desk_does() -> None:
    polish = labels_for(Language.POLISH, Catalogue())
    assert polish.facts["state"] == "Stan"
    assert polish.facts["reseller_access"] == "Dostęp resellera"
    assert polish.variant_title["reseller"] == "Wersja dla resellera"
    assert set(polish.states.values()) == {
        "nowe",
        "w realizacji",
        "oczekuje na klienta",
        "zamknięte",
        "anulowane",
    }
