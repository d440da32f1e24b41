"""The import report's row details: stored in English, worded back in the reader's language.

A rejected or skipped row's detail ("end_date 01.01.2020 is before start_date 02.02.2021")
is kept in the staging database and in the stored report (`migration_runs.report`) as the
English it always was, so that a report stored by an older desk, or read by one, stays
readable. Each detail is made from one of the templates below (marked for the catalogue in
the "ImportDetails" context) with its values; `detail_words` finds the template a stored
detail was made from and words it in the reader's language, its values too (a nested detail,
a rule's description, a state). A detail no template matches reads as stored. The source's
column names (`end_date`, `nip`) and the library's own words for a damaged file stay as they
are: they are the export's and the library's, not the desk's.
"""

from __future__ import annotations

import functools
import re

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import ContractState, TicketState
from hezo_desk.placeholders import fill
from hezo_desk.services.legacy_import.rules import (
    LEGACY_IMPORT,
    REJECT_DESCRIPTIONS,
    SKIP_DESCRIPTIONS,
)
from hezo_desk.wording import Translate, in_english, value_words

IMPORT_DETAILS = "ImportDetails"

# Values of a row: too long, empty, not a date (staging.py, values.py).
NUL_CHARACTER = QT_TRANSLATE_NOOP("ImportDetails", "%1 contains a NUL character")
TOO_LONG = QT_TRANSLATE_NOOP("ImportDetails", "%1 has %2 characters; the desk takes at most %3")
ID_TOO_LONG = QT_TRANSLATE_NOOP("ImportDetails", "%1 has %2 characters; at most %3")
EMPTY = QT_TRANSLATE_NOOP("ImportDetails", "%1 is empty")
INVALID_TAX_ID = QT_TRANSLATE_NOOP("ImportDetails", "invalid tax id: %1")
NO_LETTERS = QT_TRANSLATE_NOOP("ImportDetails", "%1 %2 has no letters or digits")
END_BEFORE_START = QT_TRANSLATE_NOOP("ImportDetails", "end_date %1 is before start_date %2")
SERIAL = QT_TRANSLATE_NOOP("ImportDetails", "serial: %1")
PATH_OUTSIDE = QT_TRANSLATE_NOOP("ImportDetails", "path %1 does not name a file inside the export")
FILE_MISSING = QT_TRANSLATE_NOOP("ImportDetails", "file %1 is not in the export")
FILE_TOO_LARGE = QT_TRANSLATE_NOOP(
    "ImportDetails", "file %1 has %2 MB; the desk stores at most %3 MB per attachment"
)
UNKNOWN_VALUE = QT_TRANSLATE_NOOP("ImportDetails", "unknown %1 %2 (known: %3)")
NOT_A_DATE = QT_TRANSLATE_NOOP("ImportDetails", "%1 %2 is not a date (expected DD.MM.YYYY)")
NOT_A_DATE_BECAUSE = QT_TRANSLATE_NOOP("ImportDetails", "%1 %2 is not a date (%3)")
NOT_A_TIMESTAMP = QT_TRANSLATE_NOOP(
    "ImportDetails", "%1 %2 is not a date and time (expected DD.MM.YYYY HH:MM)"
)
NOT_A_TIMESTAMP_BECAUSE = QT_TRANSLATE_NOOP("ImportDetails", "%1 %2 is not a date and time (%3)")
CONTRACT_STATUS = QT_TRANSLATE_NOOP("ImportDetails", "contract status")
TICKET_STATUS = QT_TRANSLATE_NOOP("ImportDetails", "ticket status")
PRIORITY = QT_TRANSLATE_NOOP("ImportDetails", "priority")

CONTRACT_DOES_NOT_MOVE = QT_TRANSLATE_NOOP("ImportDetails", "contract %1 is %2 and does not move")
TICKET_DOES_NOT_MOVE = QT_TRANSLATE_NOOP("ImportDetails", "ticket %1 is %2 and does not move")
# The state named in those two: worded as the contract's or the ticket's state.
_STATE_OF = {CONTRACT_DOES_NOT_MOVE: ContractState, TICKET_DOES_NOT_MOVE: TicketState}

# What is said in SQL or in other modules (reader.py, resolve.py, writer.py, ticket_links.py):
# listed here so that they are worded back too.
_ELSEWHERE = (
    QT_TRANSLATE_NOOP("ImportDetails", "the row has %1 fields, the header %2"),
    QT_TRANSLATE_NOOP(
        "ImportDetails",
        "the row has %1 fields, the header %2 (a %3 inside a field that is not quoted?)",
    ),
    QT_TRANSLATE_NOOP("ImportDetails", "%1 > %2 bytes"),
    QT_TRANSLATE_NOOP("ImportDetails", "no column %1: left empty"),
    QT_TRANSLATE_NOOP("ImportDetails", "ignored columns: %1"),
    # A file's encoding (reader.py, `encoding_label`).
    QT_TRANSLATE_NOOP("ImportDetails", "%1 (given)"),
    QT_TRANSLATE_NOOP("ImportDetails", "UTF-8 with BOM"),
    QT_TRANSLATE_NOOP("ImportDetails", "the same row twice: identical to line %1"),
    QT_TRANSLATE_NOOP(
        "ImportDetails", "%1 appears again (first at line %2) with other values; the first is used"
    ),
    QT_TRANSLATE_NOOP(
        "ImportDetails", "contract number %1 is the same as %2 at line %3; the first is used"
    ),
    QT_TRANSLATE_NOOP("ImportDetails", "%1 is not in %2"),
    QT_TRANSLATE_NOOP("ImportDetails", "%1 was rejected (%2 line %3: %4)"),
    CONTRACT_DOES_NOT_MOVE,
    TICKET_DOES_NOT_MOVE,
    QT_TRANSLATE_NOOP("ImportDetails", "tax id %1 is also %2's; what names %3 goes to %4"),
    QT_TRANSLATE_NOOP("ImportDetails", "%1 (line %2)"),
    QT_TRANSLATE_NOOP(
        "ImportDetails",
        "contract %1 is already in the desk for another customer; the export names a different one",
    ),
    QT_TRANSLATE_NOOP("ImportDetails", "contract %1 is already in the desk"),
    QT_TRANSLATE_NOOP("ImportDetails", "message %1 is already in the desk"),
    QT_TRANSLATE_NOOP("ImportDetails", "attachment %1 is already in the desk"),
    QT_TRANSLATE_NOOP(
        "ImportDetails",
        "ticket %1 was migrated by an earlier run; its migrated dialogue is not changed, so "
        "this new message is not added",
    ),
    QT_TRANSLATE_NOOP(
        "ImportDetails",
        "ticket %1 was migrated by an earlier run; its migrated dialogue is not changed, so "
        "this new attachment is not added",
    ),
    QT_TRANSLATE_NOOP("ImportDetails", "ticket %1 is not in tickets.csv"),
    QT_TRANSLATE_NOOP("ImportDetails", "%1 was imported meanwhile by another run"),
    QT_TRANSLATE_NOOP("ImportDetails", "ticket %1 was imported meanwhile by another run"),
    QT_TRANSLATE_NOOP("ImportDetails", "contract %1"),
    QT_TRANSLATE_NOOP("ImportDetails", "ticket %1"),
)
TEMPLATES: tuple[str, ...] = (
    NUL_CHARACTER,
    TOO_LONG,
    ID_TOO_LONG,
    EMPTY,
    INVALID_TAX_ID,
    NO_LETTERS,
    END_BEFORE_START,
    SERIAL,
    PATH_OUTSIDE,
    FILE_MISSING,
    FILE_TOO_LARGE,
    UNKNOWN_VALUE,
    NOT_A_DATE,
    NOT_A_DATE_BECAUSE,
    NOT_A_TIMESTAMP,
    NOT_A_TIMESTAMP_BECAUSE,
    CONTRACT_STATUS,
    TICKET_STATUS,
    PRIORITY,
    *_ELSEWHERE,
)

_PLACEHOLDER = re.compile(r"%(\d)")


# Values that are quoted (`repr`) where the words before them may have spaces too: "unknown
# contract status 'zawieszona'" names the contract status, not the contract.
_QUOTED = {UNKNOWN_VALUE: {2}}


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    quoted = _QUOTED.get(template, set())
    # Even parts are text, odd parts placeholder numbers.
    return re.compile(
        "".join(
            re.escape(part)
            if index % 2 == 0
            else ("(['\"].*?)" if int(part) in quoted else "(.+?)")
            for index, part in enumerate(parts)
        ),
        re.DOTALL,
    )


@functools.cache
def _patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(context, template, pattern), the most literal text first: a template that says more
    wins over one that says less ("%1 is empty" does not swallow a longer sentence)."""
    found = [(IMPORT_DETAILS, template) for template in TEMPLATES] + [
        (LEGACY_IMPORT, description)
        for description in (*SKIP_DESCRIPTIONS.values(), *REJECT_DESCRIPTIONS.values())
    ]
    found.sort(key=lambda item: -len(_PLACEHOLDER.sub("", item[1])))
    return tuple((context, template, _pattern(template)) for context, template in found)


def detail_words(detail: str, translate: Translate = in_english) -> str:
    """A stored detail (or file note) in the reader's language; as stored when no template
    matches it."""
    if translate is in_english or not detail:
        return detail
    return _worded(detail, translate, depth=0)


def _worded(text: str, translate: Translate, depth: int) -> str:
    if depth > 3:
        return text
    for context, template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        order = [int(number) for number in _PLACEHOLDER.findall(template)]
        values = {
            number: _worded(value, translate, depth + 1)
            for number, value in zip(order, match.groups(), strict=True)
        }
        states = _STATE_OF.get(template)
        if states is not None and values[2] in {state.value for state in states}:
            values[2] = value_words(states(values[2]), translate)
        return fill(translate(context, template), *(values[n] for n in sorted(values)))
    return text
