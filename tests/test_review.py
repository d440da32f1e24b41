"""The back office's review of migrated cases: queue, linking, marking reviewed, run reports."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.enums import LEGACY_DIALOGUE_KIND, Priority
from hezo_desk.errors import PermissionDeniedError, UserError
from hezo_desk.models import AuditEntry, Customer, ServiceContract, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.legacy_import import RunStatus
from hezo_desk.services.listing.definition import Sort
from hezo_desk.services.migration_runs import MigrationRunService
from hezo_desk.services.review import ReviewFilter, ReviewService
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketChange, TicketService
from legacy_support import SAMPLE, back_office, run_import


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


@pytest.fixture
def migrated(db: Database, office: Actor) -> ReviewService:
    run_import(db, office, SAMPLE)
    return ReviewService(db)


def _ticket_id(db: Database, legacy_number: str) -> int:
    with db.sessions() as session:
        found = session.scalar(select(Ticket.id).where(Ticket.legacy_number == legacy_number))
    assert found is not None
    return found


def test_the_queue_lists_flagged_cases_first_with_their_flags(migrated: ReviewService) -> None:
    queue = migrated.queue(limit=50)
    assert [item.legacy_number for item in queue] == [
        "Z000005", "Z000011", "Z000003", "Z000006", "Z000008", "Z000009",
    ]  # fmt: skip
    assert [item.flagged for item in queue] == [True, True, False, False, False, False]
    assert "has 2 services" in queue[0].flags[0]
    assert queue[0].customer_name == "Hurtownia Gęś"
    assert queue[2].notation == "(H)-FP0334018780"
    assert queue[1].contract_number is None
    progress = migrated.progress()
    assert (progress.reviewed, progress.total, progress.flagged_waiting) == (0, 6, 2)


def test_the_queue_pages_and_filters_like_every_list(migrated: ReviewService) -> None:
    whole = [item.ticket_id for item in migrated.queue(limit=50)]
    window = migrated.listing().window(ReviewFilter(), page_size=4)
    assert window.count() == 6
    assert [i.ticket_id for i in window.page(0) + window.page(1)] == whole
    assert [i.ticket_id for i in window.page(1)] == whole[4:]
    flagged = migrated.queue(flagged_only=True)
    assert [i.legacy_number for i in flagged] == ["Z000005", "Z000011"]
    by_number = migrated.listing().window(ReviewFilter(), Sort("number", descending=True))
    numbers = [i.number for i in by_number.page(0)]
    assert numbers == sorted(numbers, reverse=True)


def test_a_case_shows_its_facts_pdf_and_the_contracts_to_link(
    db: Database, migrated: ReviewService
) -> None:
    case = migrated.case(_ticket_id(db, "Z000005"))
    assert case.ticket.subject == "Wysokie obciążenie CPU (>90%) w godzinach szczytu"
    assert case.legacy_contract == "UMS/2021/00001"
    assert case.legacy_serial == "FG1234567890"
    assert case.message_count == 5
    assert case.internal_note_count == 1
    assert any(a.kind == LEGACY_DIALOGUE_KIND for a in case.attachments)
    assert case.reviewed_at is None
    pdf = migrated.dialogue_pdf(case.ticket.id)
    assert pdf is not None
    assert pdf.startswith(b"%PDF")
    numbers = [c.contract.number for c in case.candidates]
    assert numbers == ["UMS/2021/00001"]
    notations = [s.notation for s in case.candidates[0].services]
    assert "(H1)-FG1234567890" in notations
    assert "(H2)-FG1234567890" in notations


def test_linking_the_right_serial_is_audited(
    db: Database, migrated: ReviewService, office: Actor
) -> None:
    ticket_id = _ticket_id(db, "Z000005")
    case = migrated.case(ticket_id)
    contract = case.candidates[0]
    h2 = next(s for s in contract.services if s.notation == "(H2)-FG1234567890")
    row = migrated.link(
        office, ticket_id, contract.contract.id, h2.id, expected_version=case.ticket.version
    )
    assert row.notation == "(H2)-FG1234567890"
    assert row.contract_number == "UMS/2021/00001"
    assert row.version == case.ticket.version + 1
    with db.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.TICKET_LINKED)
        ).one()
    assert entry.agent_id == office.id
    assert entry.ticket_id == ticket_id
    assert entry.details["to"] == {"contract": "UMS/2021/00001", "serial": "(H2)-FG1234567890"}
    assert entry.details["from"] == {"contract": "UMS/2021/00001", "serial": None}
    with pytest.raises(UserError, match="already linked so"):
        migrated.link(office, ticket_id, contract.contract.id, h2.id, expected_version=row.version)


def test_a_stale_link_is_refused_with_what_changed(
    db: Database, migrated: ReviewService, office: Actor, admin: Actor
) -> None:
    ticket_id = _ticket_id(db, "Z000005")
    case = migrated.case(ticket_id)
    TicketService(db).change(
        admin, ticket_id, TicketChange(priority=Priority.HIGH),
        expected_version=case.ticket.version,
    )  # fmt: skip
    service = case.candidates[0].services[0]
    with pytest.raises(TicketConflictError) as conflict:
        migrated.link(
            office, ticket_id, service.contract_id, service.id,
            expected_version=case.ticket.version,
        )  # fmt: skip
    assert conflict.value.current.version == case.ticket.version + 1
    assert any("priority" in str(change) for change in conflict.value.changes)
    with pytest.raises(TicketConflictError):
        migrated.mark_reviewed(office, ticket_id, expected_version=case.ticket.version)
    assert migrated.case(ticket_id).ticket.service_id is None


def test_links_stay_within_the_ticket_customer(
    db: Database, migrated: ReviewService, office: Actor
) -> None:
    ticket_id = _ticket_id(db, "Z000011")
    case = migrated.case(ticket_id)
    with db.sessions() as session:
        foreign = session.scalar(
            select(ServiceContract.id)
            .join(Customer, Customer.id == ServiceContract.customer_id)
            .where(Customer.legacy_id == "K00001")
        )
    assert foreign is not None
    with pytest.raises(UserError, match="belongs to another customer"):
        migrated.link(office, ticket_id, foreign, None, expected_version=case.ticket.version)
    own = _ticket_id(db, "Z000005")
    own_case = migrated.case(own)
    other_service = next(
        s for c in migrated.case(_ticket_id(db, "Z000008")).candidates for s in c.services
    )
    with pytest.raises(UserError, match="not on contract"):
        migrated.link(
            office, own, own_case.candidates[0].contract.id, other_service.id,
            expected_version=own_case.ticket.version,
        )  # fmt: skip


def test_marking_reviewed_takes_the_case_off_the_queue(
    db: Database, migrated: ReviewService, office: Actor
) -> None:
    ticket_id = _ticket_id(db, "Z000011")
    case = migrated.case(ticket_id)
    row = migrated.mark_reviewed(office, ticket_id, expected_version=case.ticket.version)
    assert row.reviewed
    assert ticket_id not in [i.ticket_id for i in migrated.queue(limit=50)]
    progress = migrated.progress()
    assert (progress.reviewed, progress.total, progress.flagged_waiting) == (1, 6, 1)
    reviewed = migrated.case(ticket_id)
    assert reviewed.reviewed_by == "Ewa Wiśniewska"
    assert reviewed.flags  # the flags stay as the record of why it was flagged
    with pytest.raises(UserError, match="already reviewed by Ewa Wiśniewska"):
        migrated.mark_reviewed(office, ticket_id, expected_version=row.version)
    with db.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.TICKET_REVIEWED)
        ).one()
    assert entry.details["legacy_number"] == "Z000011"
    assert entry.agent_id == office.id


def test_only_migrated_tickets_and_review_roles(
    db: Database, migrated: ReviewService, agent: Actor, office: Actor
) -> None:
    ticket_id = _ticket_id(db, "Z000003")
    with pytest.raises(PermissionDeniedError):
        migrated.mark_reviewed(agent, ticket_id, expected_version=None)
    with db.transaction() as session:
        ticket = session.get_one(Ticket, ticket_id)
        ticket.migrated_at = None
    with pytest.raises(UserError, match="was not migrated"):
        migrated.mark_reviewed(office, ticket_id, expected_version=None)


@pytest.mark.usefixtures("migrated")
def test_the_runs_and_their_reports_are_kept(db: Database, office: Actor) -> None:
    run_import(db, office, SAMPLE)
    reports = MigrationRunService(db)
    runs = reports.runs()
    assert [r.id for r in runs] == [2, 1]
    assert runs[1].tickets_imported == 6
    assert runs[0].tickets_imported == 0
    assert runs[1].status is RunStatus.COMPLETED
    assert runs[1].agent_login == office.login
    assert runs[1].rows_read == runs[1].imported + runs[1].skipped + runs[1].rejected
    assert runs[1].flagged == 2
    report = reports.run_report(1)
    assert report.run_id == 1
    assert report.file("tickets.csv").imported == 6
    assert {t.legacy_number for t in report.flagged} == {"Z000005", "Z000011"}
    with pytest.raises(UserError, match="no migration run 99"):
        reports.run_report(99)
