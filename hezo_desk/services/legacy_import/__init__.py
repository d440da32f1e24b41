"""The import of the legacy system's export (LEGACY_EXPORT.md, DOMAIN.md "Migration").

    from hezo_desk.services.legacy_import import ImportOptions, LegacyImporter

    report = LegacyImporter(db).run(actor, "/path/to/export.zip", ImportOptions())

How it works, module by module:

- `source`: the export as a folder or a zip; attachment files inside it.
- `reader`: each CSV file's encoding (Windows-1250 or UTF-8 with/without BOM, detected per
  file or given), separator (`;` or `,`), quoted multi-line fields, columns by name.
- `values`: dates, Polish local timestamps → aware UTC, states, priorities, message bodies
  with their HTML line breaks and entities decoded.
- `staging`: every row of every file in a temporary on-disk SQLite database, each with what
  is wrong with it on its own; memory stays flat for any size of export.
- `resolve` + `rules`: the migration's rules applied file by file; each row ends up to be
  imported, skipped (with the rule) or rejected (with the reason).
- `ticket_links`: each ticket that moves gets its contract and service, or flags for the back
  office saying why not.
- `lookup`: staged parent rows as their children see them; the desk's rows by key, in chunks.
- `writer`: the desk's rows, in units that commit on their own (a crash loses at most the
  unit in flight; the next run recognises everything by its legacy id); dialogue PDFs are
  rendered in worker processes on every core.
- `ticket_rows`: one legacy ticket prepared for the desk (messages, attachment files, the
  dialogue document to render) and the rows a batch of them becomes.
- `report`: the per-file accounting (read = imported + skipped + rejected), the lists of
  skipped and rejected rows, the flagged tickets; kept in `migration_runs.report`.
- `lock`: one import writing to a database at a time; a killed run marked interrupted.
- `workspace`: each run's staging folder, locked while it runs; killed runs' folders cleared.
"""

from hezo_desk.services.legacy_import.importer import (
    IMPORT_ROLES,
    ImportOptions,
    ImportProgress,
    LegacyImporter,
    Phase,
)
from hezo_desk.services.legacy_import.reader import parse_encoding_option
from hezo_desk.services.legacy_import.report import (
    FileReport,
    FlaggedTicket,
    ImportReport,
    RowEntry,
    RunStatus,
    summary_lines,
)
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule, describe
from hezo_desk.services.legacy_import.ticket_rows import DIALOGUE_KIND, dialogue_file_name

__all__ = [
    "DIALOGUE_KIND",
    "IMPORT_ROLES",
    "FileReport",
    "FlaggedTicket",
    "ImportOptions",
    "ImportProgress",
    "ImportReport",
    "LegacyImporter",
    "Phase",
    "RejectReason",
    "RowEntry",
    "RunStatus",
    "SkipRule",
    "describe",
    "dialogue_file_name",
    "parse_encoding_option",
    "summary_lines",
]
