"""What a correct import of a generated export must make of it: the outcome of every row."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from hezo_desk.enums import MessageKind
from hezo_desk.services.legacy_import.rules import RejectReason, SkipRule

IMPORTED, SKIPPED, REJECTED = "imported", "skipped", "rejected"


@dataclass(frozen=True)
class RowTruth:
    line: int
    legacy_id: str | None
    outcome: str
    code: str | None = None


@dataclass
class Expected:
    """What a correct import of the export into an empty desk makes of it."""

    rows: dict[str, list[RowTruth]] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    # Moving ticket → its moving messages in dialogue order: (message id, author, kind, body).
    dialogues: dict[str, list[tuple[str, str, MessageKind, str]]] = field(default_factory=dict)
    attachments: dict[str, list[tuple[str, str, bytes]]] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    notations: dict[str, str] = field(default_factory=dict)
    formats: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # For a later export: the service added to a serial that already had one, and its
    # notation after the first export was imported.
    later_service: tuple[str, str] | None = None
    # Line of a message or attachment row → its ticket id.
    row_tickets: dict[str, dict[int, str]] = field(default_factory=dict)

    def counts(self, file: str) -> dict[str, int]:
        result = {IMPORTED: 0, SKIPPED: 0, REJECTED: 0}
        for row in self.rows[file]:
            result[row.outcome] += 1
        return result

    def listed(self, file: str, outcome: str) -> dict[int, str | None]:
        """line → code of the file's rows with that outcome."""
        return {row.line: row.code for row in self.rows[file] if row.outcome == outcome}

    def after_earlier_import(self, earlier: Expected) -> Expected:
        """What importing this export makes of it once `earlier` (a prefix) was imported."""
        moved_before = set(earlier.subjects)
        imported_before: dict[str, set[str | None]] = {
            file: {row.legacy_id for row in rows if row.outcome == IMPORTED}
            for file, rows in earlier.rows.items()
        }
        ticket_of = self.row_tickets
        rows: dict[str, list[RowTruth]] = {}
        for file, truths in self.rows.items():
            adjusted = []
            for truth in truths:
                row = truth
                if row.outcome == IMPORTED and row.legacy_id in imported_before[file]:
                    row = dataclasses.replace(
                        row, outcome=SKIPPED, code=SkipRule.ALREADY_IMPORTED.value
                    )
                elif (
                    file in ("messages.csv", "attachments.csv")
                    and ticket_of[file].get(row.line) in moved_before
                    and row.code
                    not in (RejectReason.DUPLICATE.value, RejectReason.MISSING_ID.value)
                ):
                    row = dataclasses.replace(
                        row, outcome=SKIPPED, code=SkipRule.TICKET_MIGRATED_EARLIER.value
                    )
                adjusted.append(row)
            rows[file] = adjusted
        return Expected(
            rows=rows,
            subjects={k: v for k, v in self.subjects.items() if k not in moved_before},
            dialogues={k: v for k, v in self.dialogues.items() if k not in moved_before},
            attachments={k: v for k, v in self.attachments.items() if k not in moved_before},
            row_tickets=self.row_tickets,
            flagged={t for t in self.flagged if t not in moved_before},
            notations={
                k: v for k, v in self.notations.items() if k not in imported_before["services.csv"]
            },
            formats=self.formats,
            later_service=self.later_service,
        )
