"""Helpers shared by the legacy-import and review tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.enums import Role
from hezo_desk.models import Base
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.legacy_import import ImportOptions, ImportReport, LegacyImporter
from support.legacy_generator import REJECTED, SKIPPED, Expected

SAMPLE = Path(__file__).parent / "fixtures" / "legacy" / "sample"


def back_office(db: Database, admin: Actor, login: str = "ewa.wisniewska") -> Actor:
    AgentService(db).add(
        admin, login=login, display_name="Ewa Wiśniewska", role=Role.BACK_OFFICE,
        password="correct horse",
    )  # fmt: skip
    return AgentService(db).resolve(login)


def run_import(db: Database, actor: Actor, path: Path | str, **options: Any) -> ImportReport:
    options.setdefault("render_workers", 1)
    report_file = options.pop("report_file", None)
    cancelled = options.pop("cancelled", None)
    progress = options.pop("progress", None)
    return LegacyImporter(db).run(
        actor,
        path,
        ImportOptions(**options),
        report_file=report_file,
        cancelled=cancelled,
        progress=progress,
    )


def mismatches(report: ImportReport, expected: Expected) -> list[str]:
    """Every difference between a report and what the generator says it must be."""
    problems = []
    for file_report in report.files:
        want = expected.counts(file_report.name)
        have = {
            "imported": file_report.imported,
            "skipped": file_report.skipped,
            "rejected": file_report.rejected,
        }
        if want != have:
            problems.append(f"{file_report.name}: counts {have}, expected {want}")
    for outcome, entries in ((REJECTED, report.rejected), (SKIPPED, report.skipped)):
        for name in expected.rows:
            want_lines = expected.listed(name, outcome)
            have_lines = {e.line: e.code for e in entries if e.file == name}
            for line in sorted(set(want_lines) | set(have_lines)):
                if want_lines.get(line) != have_lines.get(line):
                    problems.append(
                        f"{name}:{line} {outcome}: {have_lines.get(line)!r}, "
                        f"expected {want_lines.get(line)!r}"
                    )
    flagged = {ticket.legacy_number for ticket in report.flagged}
    if flagged != expected.flagged:
        problems.append(
            f"flagged: unexpected {sorted(flagged - expected.flagged)}, "
            f"missing {sorted(expected.flagged - flagged)}"
        )
    return problems


def table_counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
