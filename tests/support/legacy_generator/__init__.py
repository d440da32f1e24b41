"""Realistic legacy exports of any size, and what a correct import must make of them.

The generator writes the seven CSV files of LEGACY_EXPORT.md (and the attachment files) the
way real exports come: Windows-1250 or UTF-8 with or without BOM, `;` or `,`, CRLF or LF,
quoted multi-line bodies, HTML line breaks and entities from the old web form, Polish text
throughout, messages out of time order, one serial with several services. With `bad_rows`
it adds every kind of row the import must reject and every case it must flag.

Alongside the files it returns `Expected`: for every row of every file (by line number) the
outcome and the rule or reason, the subjects and dialogues of the tickets that move, the
flagged tickets and the new notations. Tests compare an import's report with it; the
benchmark uses the files only. Deterministic: the same spec gives the same bytes.

A later export (`generation=2`) repeats generation 1 row for row and adds new customers,
tickets and messages, a new service on a serial that already has one, and new messages on a
ticket that moved the first time.

`hostile_zip` zips an export with attachment members damaged (bad CRC, corrupt, encrypted,
Deflate64, a zip bomb's ratio, a size above the desk's limit).

Tests import it as `support.legacy_generator`, benchmarks as `tests.support.legacy_generator`.
"""

from .files import generate_export, summary, zip_export
from .hostile import BOMB_BYTES, OVERSIZED_BYTES, Damage, hostile_zip
from .spec import COLUMNS, MIXED_FORMATS, ExportSpec
from .truth import IMPORTED, REJECTED, SKIPPED, Expected, RowTruth

__all__ = [
    "BOMB_BYTES",
    "COLUMNS",
    "IMPORTED",
    "MIXED_FORMATS",
    "OVERSIZED_BYTES",
    "REJECTED",
    "SKIPPED",
    "Damage",
    "Expected",
    "ExportSpec",
    "RowTruth",
    "generate_export",
    "hostile_zip",
    "summary",
    "zip_export",
]
