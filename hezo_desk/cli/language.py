"""The language a command speaks: `--language pl|en`, else the locale's.

Refusals, errors, confirmations and table headers are worded from the desk's one catalogue
(`hezo_desk/catalogue.py`: the Polish of `resources/translations/hezo_desk_pl.ts`); what a
command prints for scripts (`--json`) and argparse's own `--help` stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

from hezo_desk.catalogue import Catalogue
from hezo_desk.enums import Language
from hezo_desk.wording import Translate, in_english

# The variables that name the messages' language, strongest first (as gettext reads them).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_of_locale(environ: Mapping[str, str]) -> Language:
    """Polish when the locale's first word is Polish (`pl_PL.UTF-8`, `pl:en`), else English."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if not first or first in {"c", "posix"}:
            # LANGUAGE="" or LC_ALL=C say nothing about the messages' language.
            continue
        return Language.POLISH if first.startswith("pl") else Language.ENGLISH
    return Language.ENGLISH


def translator(language: Language) -> Translate:
    """(context, English source) → the words in `language`."""
    if language is Language.ENGLISH:
        return in_english
    return Catalogue().language(language.value).translate
