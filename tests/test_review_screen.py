"""The review screen, the import dialog and the migration reports, offscreen, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtPdf import QPdfDocument
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.enums import Priority, Role
from hezo_desk.models import Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.legacy_import import Phase, RunStatus
from hezo_desk.services.legacy_import.lock import import_lock
from hezo_desk.services.opened_copies import OpenedCopies
from hezo_desk.services.tickets import TicketChange, TicketService
from hezo_desk.ui.context import DeskContext
from hezo_desk.ui.import_dialog import ImportDialog
from hezo_desk.ui.migration_reports import MigrationReportsView
from hezo_desk.ui.review_screen import ReviewScreen
from hezo_desk.ui.settings import DeskSettings
from legacy_support import SAMPLE, back_office, run_import
from pictures import save_picture, wait_painted
from support.legacy_generator import ExportSpec, generate_export
from waiting import SLOW_WAIT_MS, WAIT_MS


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    threads = QThreadPool()
    yield threads
    threads.waitForDone(60_000)


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


@pytest.fixture
def context(
    db: Database, office: Actor, desk_settings: DeskSettings, pool: QThreadPool, qtbot: QtBot
) -> DeskContext:
    return DeskContext(
        db=db,
        actor=office,
        settings=desk_settings,
        pool=pool,
        jobs=pool,
        opened_copies=OpenedCopies(),  # made at the first opened attachment: none here
    )


@pytest.fixture
def migrated(db: Database, office: Actor) -> Database:
    run_import(db, office, SAMPLE)
    return db


def _open_screen(qtbot: QtBot, context: DeskContext) -> ReviewScreen:
    screen = ReviewScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1500, 900)
    screen.show()
    qtbot.waitUntil(lambda: screen.case is not None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: screen.pdf_document.status() == QPdfDocument.Status.Ready, timeout=WAIT_MS
    )
    return screen


def test_the_queue_shows_flagged_cases_first_and_the_dialogue_pdf(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    migrated: Database,
    context: DeskContext,
    tmp_path: Path,
) -> None:
    screen = _open_screen(qtbot, context)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 6
    first = screen.model.row_at(0)
    assert first is not None
    assert first.legacy_number == "Z000005"
    assert "1 flag(s)" in screen.model.index(0, 0).data()
    qtbot.waitUntil(
        lambda: "0 of 6 migrated cases reviewed" in screen.progress_label.text(), timeout=WAIT_MS
    )
    assert "2 flagged waiting" in screen.progress_label.text()
    case = screen.case
    assert case is not None
    assert case.ticket.legacy_number == "Z000005"
    assert "UMS/2021/00001" in screen.facts.text()
    assert screen.flags.count() == 1
    assert "has 2 services" in screen.flags.item(0).text()
    assert screen.pdf_document.pageCount() >= 1
    assert screen.contract_box.count() == 1
    assert [screen.service_box.itemText(i).split(" ·")[0] for i in range(3)] == [
        "(no serial)",
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
    ]
    wait_painted(qtbot, screen.pdf_view.viewport())  # it paints its pages in the background
    save_picture(screen, tmp_path, f"review-{migrated.dialect}")


def test_link_then_mark_reviewed_moves_the_queue_on(
    qtbot: QtBot, migrated: Database, context: DeskContext
) -> None:
    screen = _open_screen(qtbot, context)
    screen.service_box.setCurrentIndex(2)  # (H2)
    screen.link_button.click()
    qtbot.waitUntil(lambda: screen.case_message.text() == "Linked.", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: screen.case is not None and screen.case.ticket.notation == "(H2)-FG1234567890",
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: screen.model.index(0, 6).data() == "(H2)-FG1234567890", timeout=WAIT_MS)
    reviewed_id = screen.case.ticket.id if screen.case else 0
    with qtbot.waitSignal(screen.reviewed, timeout=WAIT_MS) as done:
        screen.review_button.click()
    assert done.args == [reviewed_id]
    qtbot.waitUntil(
        lambda: "1 of 6 migrated cases reviewed" in screen.progress_label.text(), timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: screen.case is not None and screen.case.ticket.legacy_number == "Z000011",
        timeout=WAIT_MS,
    )
    with migrated.sessions() as session:
        ticket = session.get_one(Ticket, reviewed_id)
        assert ticket.reviewed_by_agent_id == context.actor.id


def test_a_change_made_meanwhile_is_shown_not_overwritten(
    qtbot: QtBot, migrated: Database, context: DeskContext, admin: Actor
) -> None:
    screen = _open_screen(qtbot, context)
    case = screen.case
    assert case is not None
    TicketService(migrated).change(
        admin, case.ticket.id, TicketChange(priority=Priority.CRITICAL), expected_version=None
    )
    screen.service_box.setCurrentIndex(1)
    screen.link_button.click()
    qtbot.waitUntil(
        lambda: "changed by someone else" in screen.case_message.text(), timeout=WAIT_MS
    )
    assert "priority" in screen.case_message.text()
    qtbot.waitUntil(
        lambda: screen.case is not None and screen.case.ticket.version == case.ticket.version + 1,
        timeout=WAIT_MS,
    )
    with migrated.sessions() as session:
        assert session.get_one(Ticket, case.ticket.id).service_id is None


def test_flagged_only_and_a_role_that_may_not_change(
    qtbot: QtBot, migrated: Database, office: Actor, desk_settings: DeskSettings, pool: QThreadPool
) -> None:
    admin = AgentService(migrated).resolve("admin")
    AgentService(migrated).add(
        admin, login="anna.nowak", display_name="Anna Nowak", role=Role.AGENT, password="x" * 12
    )
    agent = AgentService(migrated).resolve("anna.nowak")
    screen = _open_screen(
        qtbot, DeskContext(migrated, agent, desk_settings, pool, pool, OpenedCopies())
    )
    assert not screen.link_button.isEnabled()
    assert not screen.review_button.isEnabled()
    screen.flagged_only.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=WAIT_MS)


def test_the_import_dialog_runs_a_dry_run_then_the_import(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    db: Database,
    context: DeskContext,
    tmp_path: Path,
) -> None:
    generate_export(tmp_path / "export", ExportSpec(customers=6, tickets=20))
    dialog = ImportDialog(context, render_workers=1)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    assert "Choose the export folder" in dialog.message.text()
    dialog.path.setText(str(tmp_path / "export"))
    dialog.dry_run.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    report = dialog.report
    assert report is not None
    assert report.dry_run
    assert dialog.report_view.isVisible()
    for model in (
        dialog.report_view.files_model,
        dialog.report_view.rules_model,
        dialog.report_view.rejected_model,
        dialog.report_view.skipped_model,
        dialog.report_view.flagged_model,
    ):
        qtmodeltester.check(model)
    assert dialog.report_view.files_model.rowCount() == 7
    assert "would be imported" in dialog.report_view.heading.text()
    with db.sessions() as session:
        assert session.scalar(select(Ticket.id).limit(1)) is None
    dialog.dry_run.setChecked(False)
    with qtbot.waitSignal(dialog.imported, timeout=SLOW_WAIT_MS) as imported:
        dialog.start()
    assert imported.args[0].status is RunStatus.COMPLETED
    assert dialog.cancel_button.text() == "&Close"
    assert "Run 1" in dialog.report_view.heading.text()
    dialog.resize(1200, 800)
    save_picture(dialog, tmp_path, f"import-{db.dialect}")


def test_the_import_dialog_cancels_between_units(
    qtbot: QtBot, db: Database, context: DeskContext, tmp_path: Path
) -> None:
    generate_export(tmp_path / "export", ExportSpec(customers=10, tickets=120))
    dialog = ImportDialog(context, render_workers=1)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "export"))
    phases: list[Phase] = []
    dialog._relay.progress.connect(lambda progress: phases.append(progress.phase))
    dialog._relay.progress.connect(
        lambda progress: dialog.cancel() if progress.tickets_written else None
    )
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=SLOW_WAIT_MS)
    assert dialog.report is not None
    assert dialog.report.status is RunStatus.CANCELLED
    assert dialog.report.totals.not_processed > 0
    assert Phase.TICKETS in phases
    assert "run the import again" in dialog.message.text()
    assert dialog.time_left.text() == ""


def test_the_import_dialog_says_when_another_import_writes(
    qtbot: QtBot, db: Database, context: DeskContext, tmp_path: Path
) -> None:
    generate_export(tmp_path / "export", ExportSpec(customers=4, tickets=10))
    dialog = ImportDialog(context, render_workers=1)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "export"))
    with import_lock(db):
        dialog.start()
        qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    assert "another legacy import is writing to this database" in dialog.message.text()
    assert dialog.report is None
    with db.sessions() as session:
        assert session.scalar(select(Ticket.id).limit(1)) is None


def test_the_reports_of_every_run_are_viewable(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    migrated: Database,
    context: DeskContext,
    tmp_path: Path,
) -> None:
    run_import(migrated, context.actor, SAMPLE)
    view = MigrationReportsView(context)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitUntil(lambda: view.runs_model.rowCount() == 2, timeout=WAIT_MS)
    qtmodeltester.check(view.runs_model)
    qtbot.waitUntil(lambda: view.report_view.report is not None, timeout=WAIT_MS)
    latest = view.report_view.report
    assert latest is not None
    assert latest.run_id == 2
    with qtbot.waitSignal(view.report_shown, timeout=WAIT_MS) as shown:
        view.runs.selectRow(1)
    assert shown.args[0].run_id == 1
    report_view = view.report_view
    assert report_view.flagged_model.rowCount() == 2
    assert report_view.tabs.tabText(3) == "Flagged tickets (2)"
    assert "Run 1" in report_view.heading.text()
    qtmodeltester.check(report_view.rules_model)
    reasons = {
        report_view.rules_model.index(r, 2).data()
        for r in range(report_view.rules_model.rowCount())
    }
    assert "closed tickets do not move" in reasons
    save_picture(view, tmp_path, f"reports-{migrated.dialect}")


def test_linking_to_another_resellers_contract_says_a_decision_is_needed(
    qtbot: QtBot, migrated: Database, context: DeskContext
) -> None:
    screen = _open_screen(qtbot, context)
    case = screen.case
    assert case is not None
    before = replace(case.ticket, reseller_name="Gęś IT Partner Sp. z o.o.")
    same = replace(case.ticket, reseller_name="Gęś IT Partner Sp. z o.o.")
    other = replace(case.ticket, reseller_name="Żuraw Systemy S.A.")
    assert screen._linked(before.reseller_name, same) == "Linked."
    assert screen._linked(None, other) == "Linked."
    told = screen._linked(before.reseller_name, other)
    assert told.startswith("Linked. The ticket moved from Gęś IT Partner Sp. z o.o. to Żuraw")
    assert "record the decision on the ticket's Reseller access tab" in told
