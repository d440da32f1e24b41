"""The desk's one translation catalogue, read without Qt (for services such as the case PDF).

The desk's words are English source strings; their Polish lives once, in the shipped
`resources/translations/hezo_desk_pl.ts` that the Qt UI also uses (compiled to `.qm`). Code
outside the UI marks its strings with `QT_TRANSLATE_NOOP("Context", "text")` so that
`scripts/update-translations` (pyside6-lupdate) collects them into that same file, and reads
the translation back through `Catalogue(...).language("pl").translate(context, source)`.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from hezo_desk.resources import translations_dir

CATALOGUE = "hezo_desk"
SOURCE_LANGUAGE = "en"
# States of a <translation> that lupdate has not (or no longer) confirmed: not a translation.
_NOT_TRANSLATED = frozenset({"unfinished", "vanished", "obsolete"})


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for pyside6-lupdate under `context`; returns it unchanged (as Qt's does)."""
    del context
    return text


def ts_path(folder: Path, language: str) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


@dataclass(frozen=True)
class Translation:
    """One language's messages: `translate` gives the translation, or the source without one."""

    language: str
    messages: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))

    def translate(self, context: str, source: str) -> str:
        return self.messages.get((context, source), source)


class Catalogue:
    """The `.ts` catalogues in one folder (by default the shipped ones), each read once here.

    English is the source language and needs no file. Any other language needs its `.ts`:
    a missing one raises FileNotFoundError rather than printing a Polish customer's document
    in English without a word.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder if folder is not None else translations_dir()
        self._languages: dict[str, Translation] = {}

    def language(self, language: str) -> Translation:
        known = self._languages.get(language)
        if known is None:
            known = self._load(language)
            self._languages[language] = known
        return known

    def translate(self, language: str, context: str, source: str) -> str:
        return self.language(language).translate(context, source)

    def _load(self, language: str) -> Translation:
        if language == SOURCE_LANGUAGE:
            return Translation(language)
        path = ts_path(self._folder, language)
        if not path.is_file():
            raise FileNotFoundError(
                f"the {language!r} translations are missing ({path}); reinstall HEZO Desk"
            )
        return Translation(language, read_ts(path.resolve()))


# Cached per file because a case PDF is rendered by a plain function, often in a worker
# process, with no long-lived object to keep a Catalogue in; parsing the .ts costs ~3 ms, a
# noticeable share of a small PDF when thousands are rendered. The file ships read-only
# with the package, so what was read stays true for the life of the process.
@functools.lru_cache(maxsize=8)
def read_ts(path: Path) -> Mapping[tuple[str, str], str]:
    """(context, source) → translation for every finished, non-plural message of a .ts file."""
    messages: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if (
                translation is None
                or source is None
                or message.get("numerus") == "yes"  # plural forms: the PDF has none
                or translation.get("type") in _NOT_TRANSLATED
                or not translation.text
            ):
                continue
            messages[(name, source)] = translation.text
    return MappingProxyType(messages)
