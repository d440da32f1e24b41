"""The kept migration runs: each run's totals, and the report it wrote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.errors import NotFoundError
from hezo_desk.models import Agent, MigrationRun
from hezo_desk.services.legacy_import.report import ImportReport, RunStatus


@dataclass(frozen=True)
class MigrationRunRow:
    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    agent_login: str | None
    agent_name: str | None
    source: str
    status: RunStatus
    rows_read: int
    imported: int
    skipped: int
    rejected: int
    tickets_imported: int
    flagged: int


class MigrationRunService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def runs(self, *, limit: int = 200) -> list[MigrationRunRow]:
        """The kept migration runs, newest first, with their totals."""
        with self._db.sessions() as session:
            rows = session.execute(
                select(MigrationRun, Agent.login, Agent.display_name)
                .outerjoin(Agent, Agent.id == MigrationRun.agent_id)
                .order_by(MigrationRun.id.desc())
                .limit(limit)
            ).all()
            return [_run_row(run, login, name) for run, login, name in rows]

    def run_report(self, run_id: int) -> ImportReport:
        with self._db.sessions() as session:
            run = session.get(MigrationRun, run_id)
            if run is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no migration run %1"), run_id)
            if not run.report:
                return ImportReport(
                    run_id=run.id,
                    source=run.source,
                    dry_run=run.dry_run,
                    status=_status(run.status),
                    started_at=run.started_at,
                    finished_at=run.finished_at,
                    files=(),
                    error="the run stopped before it wrote its report",
                )
            return ImportReport.from_json(run.report)


def _status(value: str) -> RunStatus:
    try:
        return RunStatus(value)
    except ValueError:
        return RunStatus.FAILED


def _run_row(run: MigrationRun, login: str | None, name: str | None) -> MigrationRunRow:
    files = (run.report or {}).get("files", [])
    tickets: dict[str, Any] = next((f for f in files if f.get("name") == "tickets.csv"), {})
    return MigrationRunRow(
        id=run.id,
        started_at=run.started_at,
        finished_at=run.finished_at,
        agent_login=login,
        agent_name=name,
        source=run.source,
        status=_status(run.status),
        rows_read=sum(int(f.get("read", 0)) for f in files),
        imported=sum(int(f.get("imported", 0)) for f in files),
        skipped=sum(int(f.get("skipped", 0)) for f in files),
        rejected=sum(int(f.get("rejected", 0)) for f in files),
        tickets_imported=int(tickets.get("imported", 0)),
        flagged=int((run.report or {}).get("flagged_total", 0)),
    )
