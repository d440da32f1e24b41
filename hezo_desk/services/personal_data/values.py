"""A person's identifying values (names, e-mails, phones) and every form they are found in.

One matcher serves the erasure (which rewrites what it finds) and the proof (which reports
what it finds), so that the proof looks for exactly what the erasure removes, and more:

- a name in any case, its words separated by any white space, in either order (`Jan Kowalski`,
  `KOWALSKI  Jan`), folded (`jan kowalski`, the form of lookups' folded columns), and in any
  grammatical case (`Janem Kowalskim`, `JANOWI KOWALSKIEMU`: `inflection`);
- an e-mail in any case;
- a phone by its last nine digits (the desk's `phone_key`) in any printed form: `600100200`,
  `600 100 200`, `600-100-200`, `+48 600 100 200`, `(+48) 600-100-200`, `0048600100200`.

JSON columns keep non-ASCII characters escaped (`\\u0141`): the SQL pre-filter and the raw
file scan look for those spellings too. The raw file scan (what no query sees any more) looks
for names as given, not inflected: a sentence's inflected name is live text a column shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from hezo_desk.services.normalize import fold, phone_key
from hezo_desk.services.personal_data.inflection import common_prefix, inflections

# What an e-mail or a phone becomes inside a text; a name becomes the person's label.
REMOVED = "[…]"
_SEPARATORS = r"[\s\-./()]*"
# A country code, perhaps in brackets; the blank before it is the sentence's, not the phone's.
_PHONE_PREFIX = r"(?:(?:\(\s*)?(?:\+|00)?\d{1,3}(?:\s*\))?" + _SEPARATORS + r")?"
_PHONE_CHARACTERS = re.compile(r"[\s\-./()+]")
MIN_PHONE_DIGITS = 6


def _cases(text: str) -> set[str]:
    return {text, text.lower(), text.upper(), text.title()}


def _json_spelling(text: str) -> str:
    return json.dumps(text)[1:-1]


def _word_pattern(word: str) -> str:
    """Any declined form of the word, also without diacritics (longest first); each part of
    a double surname declines on its own (`Nowaka-Kowalskiego`)."""
    parts = word.split("-")
    if len(parts) > 1 and all(parts):
        return r"-".join(_word_pattern(part) for part in parts)
    forms = inflections(word)
    forms |= {fold(form) for form in forms}
    return (
        "(?:"
        + "|".join(re.escape(form) for form in sorted(forms, key=(lambda f: (-len(f), f))))
        + ")"
    )


@dataclass(frozen=True)
class PersonalValues:
    """The values to find: full names (as people write them), e-mails, phones (any form)."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Iterable[str]) -> PersonalValues:
        """Values as a request names them: an `@` makes an e-mail, digits (with the usual
        separators, at least six) a phone, anything else a name."""
        names: list[str] = []
        emails: list[str] = []
        phones: list[str] = []
        for raw in values:
            value = " ".join(raw.split())
            if not value:
                continue
            if "@" in value:
                emails.append(value)
            elif _PHONE_CHARACTERS.sub("", value).isdigit() and (
                len(_PHONE_CHARACTERS.sub("", value)) >= MIN_PHONE_DIGITS
            ):
                phones.append(value)
            else:
                names.append(value)
        return cls(tuple(names), tuple(emails), tuple(phones))

    @property
    def is_empty(self) -> bool:
        return not (self.names or self.emails or self.phones)

    def without(self, kinds: Iterable[str]) -> PersonalValues:
        """These values but those of the given kinds ("name", "e-mail", "phone")."""
        dropped = set(kinds)
        return PersonalValues(
            names=() if "name" in dropped else self.names,
            emails=() if "e-mail" in dropped else self.emails,
            phones=() if "phone" in dropped else self.phones,
        )

    # ----- forms -----------------------------------------------------------------------------

    @cached_property
    def _name_forms(self) -> tuple[tuple[str, ...], ...]:
        """Each name's word sequences: as written, reversed (two words or more), folded."""
        forms: set[tuple[str, ...]] = set()
        for name in self.names:
            words = tuple(name.split())
            for variant in (words, tuple(reversed(words))):
                forms.add(variant)
                forms.add(tuple(fold(word) for word in variant))
        return tuple(sorted(forms, key=lambda words: (-len(" ".join(words)), words)))

    @cached_property
    def _phone_keys(self) -> tuple[str, ...]:
        keys = {phone_key(phone) for phone in self.phones}
        return tuple(sorted(key for key in keys if key))

    def _phone_pattern(self, key: str) -> str:
        # `(600) 100 200`: the bracket opening the number goes with it.
        return r"(?<!\d)" + _PHONE_PREFIX + r"(?:\(\s*)?" + _SEPARATORS.join(key) + r"(?!\d)"

    @cached_property
    def _email_regex(self) -> re.Pattern[str] | None:
        if not self.emails:
            return None
        return re.compile("|".join(re.escape(e) for e in self.emails), re.IGNORECASE)

    @cached_property
    def _phone_regex(self) -> re.Pattern[str] | None:
        if not self._phone_keys:
            return None
        return re.compile("|".join(self._phone_pattern(key) for key in self._phone_keys))

    @cached_property
    def _name_regex(self) -> re.Pattern[str] | None:
        if not self._name_forms:
            return None
        alternatives = (
            r"\s+".join(_word_pattern(word) for word in form) for form in self._name_forms
        )
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)

    # ----- text ------------------------------------------------------------------------------

    def found_in(self, text: str) -> list[str]:
        """The kinds of value found in `text` ("name", "e-mail", "phone"), in that order."""
        found = []
        if self._name_regex is not None and self._name_regex.search(text):
            found.append("name")
        if self._email_regex is not None and self._email_regex.search(text):
            found.append("e-mail")
        if self._phone_regex is not None and self._phone_regex.search(text):
            found.append("phone")
        return found

    def redact(self, text: str, label: str) -> str:
        """`text` with every e-mail and phone replaced by `[…]` and every name by `label`.

        E-mails go first: an address may hold the name (`jan.kowalski@…`).
        """
        if self._email_regex is not None:
            text = self._email_regex.sub(REMOVED, text)
        if self._phone_regex is not None:
            text = self._phone_regex.sub(REMOVED, text)
        if self._name_regex is not None:
            text = self._name_regex.sub(label.replace("\\", "\\\\"), text)
        return text

    # ----- SQL pre-filter and raw bytes -------------------------------------------------------

    def like_fragments(self) -> tuple[str, ...]:
        """Substrings one of which a text holding a name or an e-mail must contain (any case
        the database compares, JSON spellings included); phones are found by their digits."""
        fragments: set[str] = set()
        for prefix in self.name_prefixes():
            fragments.update({prefix, _json_spelling(prefix)})
        for email in self.emails:
            for spelling in _cases(email):
                fragments.update({spelling, _json_spelling(spelling)})
        return tuple(sorted(fragments))

    def name_prefixes(self) -> tuple[str, ...]:
        """For each form of a name, the longest stem every inflection of one of its words begins
        with (`Kowalsk`, `Żółtows`), in the usual cases: a text naming the person holds one."""
        prefixes: set[str] = set()
        for form in self._name_forms:
            parts = [part for word in form for part in word.split("-") if part]
            prefix = max((common_prefix(part) for part in parts), key=len)
            for spelling in (prefix, fold(prefix)):
                prefixes.update(_cases(spelling))
        return tuple(sorted(prefixes))

    def phone_digits(self) -> tuple[str, ...]:
        return self._phone_keys

    def literal_spellings(self) -> tuple[bytes, ...]:
        """Byte strings to look for in a raw file: names (single-spaced) and e-mails in the
        usual cases, as UTF-8 and as JSON escapes."""
        spellings: set[bytes] = set()
        for form in self._name_forms:
            for text in _cases(" ".join(form)):
                spellings.update({text.encode(), _json_spelling(text).encode()})
        for email in self.emails:
            for text in _cases(email):
                spellings.update({text.encode(), _json_spelling(text).encode()})
        return tuple(sorted(spellings))

    @cached_property
    def bytes_regex(self) -> re.Pattern[bytes] | None:
        """Every value in raw bytes: the literal spellings, and phones in their printed forms."""
        parts = [re.escape(spelling) for spelling in self.literal_spellings()]
        parts += [self._phone_pattern(key).encode() for key in self._phone_keys]
        if not parts:
            return None
        return re.compile(b"|".join(parts), re.IGNORECASE)

    def phrases(self) -> tuple[str, ...]:
        """What a full-text index must not find as a phrase: each name (both orders), each
        e-mail, each phone's digits as one word and in 3-3-3 groups."""
        phrases: set[str] = {" ".join(form) for form in self._name_forms}
        phrases.update(self.emails)
        for key in self._phone_keys:
            phrases.add(key)
            if len(key) == 9:
                phrases.add(f"{key[:3]} {key[3:6]} {key[6:]}")
        return tuple(sorted(phrases))
