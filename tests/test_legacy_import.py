"""The legacy import end to end, on generated exports and on the sample, on both databases."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from hezo_desk.catalogue import Catalogue
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Language, MessageKind, Priority, Role, TicketState
from hezo_desk.errors import PermissionDeniedError
from hezo_desk.models import (
    Attachment,
    AuditEntry,
    Customer,
    Message,
    MigrationRun,
    Service,
    ServiceContract,
    Ticket,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.legacy_import import (
    DIALOGUE_KIND,
    ImportProgress,
    Phase,
    RejectReason,
    RunStatus,
    SkipRule,
)
from hezo_desk.services.legacy_import.importer import _Clock
from hezo_desk.services.pdf.labels import labels_for
from hezo_desk.services.serials import format_notation
from legacy_support import SAMPLE, back_office, mismatches, run_import, table_counts
from support.legacy_generator import (
    IMPORTED,
    ExportSpec,
    generate_export,
    zip_export,
)

SMALL = ExportSpec(customers=8, tickets=30, max_messages=4)


@pytest.fixture
def office(db: Database, admin: Actor) -> Actor:
    return back_office(db, admin)


def _notations(db: Database) -> dict[str, str]:
    with db.sessions() as session:
        rows = session.execute(
            select(Service.legacy_id, Service.serial, Service.notation_index)
        ).all()
    return {legacy: format_notation(serial, index) for legacy, serial, index in rows}


def test_the_sample_export_moves_what_the_rules_say(db: Database, office: Actor) -> None:
    report = run_import(db, office, SAMPLE)
    assert report.status is RunStatus.COMPLETED
    assert report.balanced
    counts = {f.name: (f.read, f.imported, f.skipped, f.rejected) for f in report.files}
    assert counts == {
        "resellers.csv": (5, 5, 0, 0),
        "customers.csv": (8, 8, 0, 0),
        "contracts.csv": (11, 6, 5, 0),
        "services.csv": (22, 16, 6, 0),
        "tickets.csv": (12, 6, 6, 0),
        "messages.csv": (68, 31, 37, 0),
        "attachments.csv": (3, 1, 2, 0),
    }
    assert report.file("contracts.csv").skipped_by_rule == {SkipRule.CONTRACT_EXPIRED.value: 5}
    assert report.file("tickets.csv").skipped_by_rule == {
        SkipRule.TICKET_CLOSED.value: 5,
        SkipRule.TICKET_CANCELLED.value: 1,
    }
    notations = _notations(db)
    # One serial with three services on two active contracts: (H1)…(H3) by start date.
    assert notations["S000020"] == "(H1)-FG1234567890"
    assert notations["S000021"] == "(H2)-FG1234567890"
    assert notations["S000022"] == "(H3)-FG1234567890"
    assert notations["S000001"] == "(H)-FW9022279180"
    assert "S000008" not in notations  # its contract expired
    flagged = {t.legacy_number: t.flags for t in report.flagged}
    assert set(flagged) == {"Z000005", "Z000011"}
    assert "has 2 services on contract UMS/2021/00001" in flagged["Z000005"][0]
    assert "UMS/2021/00009 is expired" in flagged["Z000011"][0]
    with db.sessions() as session:
        z3 = session.scalar(select(Ticket).where(Ticket.legacy_number == "Z000003"))
        assert z3 is not None
        assert z3.state is TicketState.IN_PROGRESS
        assert z3.priority is Priority.NORMAL
        assert z3.channel is Channel.MIGRATION
        assert z3.opened_at == dt.datetime(2022, 11, 5, 14, 40, tzinfo=dt.UTC)  # 15:40 in Warsaw
        assert z3.review_flags is None
        assert z3.reviewed_at is None
        assert z3.reseller_access is False
        service = session.get_one(Service, z3.service_id)
        assert (service.legacy_id, service.serial) == ("S000002", "FP0334018780")
        z6 = session.scalar(select(Ticket).where(Ticket.legacy_number == "Z000006"))
        assert z6 is not None
        assert z6.state is TicketState.WAITING_FOR_CUSTOMER


@pytest.mark.parametrize(
    ("encoding", "separator", "line_ending"),
    [
        ("cp1250", ";", "crlf"),
        ("utf-8", ",", "lf"),
        ("utf-8-sig", ";", "lf"),
        ("mixed", "mixed", "mixed"),
    ],
)
def test_generated_exports_in_every_encoding_and_separator(
    db: Database, office: Actor, tmp_path: Path, encoding: str, separator: str, line_ending: str
) -> None:
    spec = ExportSpec(
        customers=8, tickets=30, max_messages=4, encoding=encoding, separator=separator,
        line_ending=line_ending, seed=len(encoding) * 7 + len(separator),
    )  # fmt: skip
    expected = generate_export(tmp_path / "export", spec)
    report = run_import(db, office, tmp_path / "export")
    assert mismatches(report, expected) == []
    assert report.balanced
    assert report.status is RunStatus.COMPLETED
    shown = {f.name: (f.encoding, f.separator) for f in report.files}
    for name, (file_encoding, file_separator, _ending) in expected.formats.items():
        label = {"cp1250": "Windows-1250", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM"}
        assert shown[name] == (label[file_encoding], file_separator)
    with db.sessions() as session:
        subjects = dict(session.execute(select(Ticket.legacy_number, Ticket.subject)).all())
        assert subjects == expected.subjects  # byte for byte, spaces and quotes included
        for legacy_number, dialogue in expected.dialogues.items():
            messages = session.execute(
                select(Message.legacy_id, Message.author_name, Message.kind, Message.body)
                .join(Ticket, Ticket.id == Message.ticket_id)
                .where(Ticket.legacy_number == legacy_number)
                .order_by(Message.created_at, Message.id)
            ).all()
            assert [tuple(m) for m in messages] == dialogue
        flagged = set(
            session.scalars(select(Ticket.legacy_number).where(Ticket.review_flags.is_not(None)))
        )
        assert flagged == expected.flagged
        unflagged_unlinked = session.scalar(
            select(func.count(Ticket.id)).where(
                Ticket.review_flags.is_(None), Ticket.service_id.is_(None)
            )
        )
        assert unflagged_unlinked == 0
    assert _notations(db) == expected.notations


def test_every_bad_row_kind_is_rejected_with_its_reason(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    report = run_import(db, office, tmp_path / "export")
    assert mismatches(report, expected) == []
    reasons = {entry.code for entry in report.rejected}
    # Files that cannot be taken and over-long rows need hostile exports of their own
    # (tests/security/test_legacy_hostile_export.py).
    hostile = {
        RejectReason.DAMAGED_FILE, RejectReason.UNREADABLE_FILE, RejectReason.ENCRYPTED_FILE,
        RejectReason.UNSUPPORTED_COMPRESSION, RejectReason.COMPRESSION_BOMB,
        RejectReason.RECORD_TOO_LONG,
    }  # fmt: skip
    assert reasons == {
        reason.value
        for reason in RejectReason
        if reason not in (RejectReason.CONFLICT, RejectReason.FILE_TOO_LARGE, *hostile)
    }
    for entry in report.rejected:
        assert entry.line >= 2
        assert entry.detail
    by_line = {(e.file, e.line): e for e in report.rejected}
    bad_nip = next(e for e in report.rejected if e.legacy_id == "K90001")
    assert bad_nip.code == RejectReason.INVALID_TAX_ID.value
    assert "checksum" in bad_nip.detail
    missing_file = next(e for e in report.rejected if e.code == RejectReason.MISSING_FILE.value)
    assert missing_file.file == "attachments.csv"
    assert "is not in the export" in missing_file.detail
    assert by_line  # every rejected row has its own file and line
    assert report.file("customers.csv").skipped_by_rule == {SkipRule.SAME_COMPANY.value: 1}


def test_the_json_report_lists_every_row(db: Database, office: Actor, tmp_path: Path) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    report_file = tmp_path / "raport.json"
    report = run_import(db, office, tmp_path / "export", report_file=report_file)
    data = json.loads(report_file.read_text(encoding="utf-8"))
    assert data["run_id"] == report.run_id
    assert data["lists_truncated"] is False
    for file_data in data["files"]:
        assert file_data["read"] == (
            file_data["imported"] + file_data["skipped"] + file_data["rejected"]
        )
        assert file_data["not_processed"] == 0
        listed = [e for e in data["rejected"] if e["file"] == file_data["name"]]
        assert len(listed) == file_data["rejected"]
        skipped = [e for e in data["skipped"] if e["file"] == file_data["name"]]
        assert len(skipped) == file_data["skipped"]
    assert {t["legacy_number"] for t in data["flagged"]} == expected.flagged
    # The same report is kept with the run.
    with db.sessions() as session:
        run = session.get_one(MigrationRun, report.run_id)
        assert run.status == RunStatus.COMPLETED.value
        assert run.report["files"] == data["files"]
        assert run.agent_id == office.id


def test_migrated_tickets_carry_their_dialogue_pdf_and_files(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    run_import(db, office, tmp_path / "export")
    note_label = labels_for(Language.POLISH, Catalogue()).kinds[MessageKind.INTERNAL_NOTE]
    with db.sessions() as session:
        tickets = dict(session.execute(select(Ticket.legacy_number, Ticket.id)).all())
        for legacy_number, dialogue in expected.dialogues.items():
            ticket_id = tickets[legacy_number]
            pdfs = session.scalars(
                select(Attachment).where(
                    Attachment.ticket_id == ticket_id, Attachment.kind == DIALOGUE_KIND
                )
            ).all()
            assert len(pdfs) == 1
            assert pdfs[0].content_type == "application/pdf"
            text = _pdf_text(pdfs[0].data)
            assert legacy_number in text
            for _id, author, _kind, body in dialogue:
                assert _squash(body) in text
                assert _squash(author) in text
            notes = sum(1 for entry in dialogue if entry[2] is MessageKind.INTERNAL_NOTE)
            assert _squash(text).count(_squash(note_label)) == notes
            files = session.execute(
                select(Attachment.legacy_id, Attachment.file_name, Attachment.data)
                .where(Attachment.ticket_id == ticket_id, Attachment.kind == "file")
                .order_by(Attachment.id)
            ).all()
            assert [tuple(f) for f in files] == expected.attachments.get(legacy_number, [])


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return _squash(" ".join(page.extract_text() or "" for page in reader.pages))


def _squash(text: str) -> str:
    return "".join(text.split())


def test_running_the_same_export_again_changes_nothing(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    first = run_import(db, office, tmp_path / "export")
    before = table_counts(db)
    with db.sessions() as session:
        versions = dict(session.execute(select(Ticket.id, Ticket.version)).all())
    again = run_import(db, office, tmp_path / "export")
    after = table_counts(db)
    assert again.totals.imported == 0
    assert again.balanced
    assert mismatches(again, expected.after_earlier_import(expected)) == []
    # Only the new run and its audit record were added.
    assert {k: v for k, v in after.items() if k not in ("migration_runs", "audit_log")} == {
        k: v for k, v in before.items() if k not in ("migration_runs", "audit_log")
    }
    assert after["migration_runs"] == before["migration_runs"] + 1
    assert after["audit_log"] == before["audit_log"] + 1
    with db.sessions() as session:
        assert dict(session.execute(select(Ticket.id, Ticket.version)).all()) == versions
    assert first.run_id != again.run_id


def test_a_later_export_adds_only_what_is_new(db: Database, office: Actor, tmp_path: Path) -> None:
    earlier = generate_export(tmp_path / "first", SMALL)
    later = generate_export(tmp_path / "second", ExportSpec(**{**SMALL.__dict__, "generation": 2}))
    run_import(db, office, tmp_path / "first")
    notations_before = _notations(db)
    with db.sessions() as session:
        subjects_before = dict(session.execute(select(Ticket.legacy_number, Ticket.subject)).all())
    report = run_import(db, office, tmp_path / "second")
    assert mismatches(report, later.after_earlier_import(earlier)) == []
    notations = _notations(db)
    # Issued notations never change; the new service on a serial gets the lowest free index.
    assert {k: notations[k] for k in notations_before} == notations_before
    assert later.later_service is not None
    service_id, notation = later.later_service
    assert notations[service_id] == notation
    with db.sessions() as session:
        subjects = dict(session.execute(select(Ticket.legacy_number, Ticket.subject)).all())
    assert subjects == {**subjects_before, **later.after_earlier_import(earlier).subjects}
    assert report.file("messages.csv").skipped_by_rule[SkipRule.TICKET_MIGRATED_EARLIER.value]


def test_the_time_left_is_the_pace_of_the_phase_applied_to_what_is_left() -> None:
    ticks = iter([0.0, 0.0, 0.25, 1.0, 1.125, 3.0, 4.0])
    seen: list[ImportProgress] = []
    clock = _Clock(seen.append, now=lambda: next(ticks))  # started at 0.0
    clock.emit(Phase.TICKETS, 0, 100)  # 0.0: the phase starts; nothing done, nothing to say
    clock.emit(Phase.TICKETS, 10, 100)  # 0.25: too soon to judge the pace
    clock.emit(Phase.TICKETS, 25, 100)  # 1.0: 25 in 1 s, so 75 take 3 s
    clock.emit(Phase.TICKETS, 30, 100)  # 1.125: too soon after the last report: none
    clock.emit(Phase.TICKETS, 50, 100)  # 3.0: 50 in 3 s, so 50 take 3 s
    clock.emit(Phase.DONE, 1, 1)  # 4.0: a new phase has a pace of its own
    assert [(p.phase, p.done, p.elapsed, p.eta) for p in seen] == [
        (Phase.TICKETS, 0, 0.0, None),
        (Phase.TICKETS, 10, 0.25, None),
        (Phase.TICKETS, 25, 1.0, 3.0),
        (Phase.TICKETS, 50, 3.0, 3.0),
        (Phase.DONE, 1, 4.0, None),
    ]


def test_a_cancelled_run_is_completed_by_the_next(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", ExportSpec(customers=8, tickets=60))
    seen: list[ImportProgress] = []

    def stop_after_a_batch() -> bool:
        return any(p.tickets_written >= 5 for p in seen)

    cancelled = run_import(
        db, office, tmp_path / "export", ticket_batch=5, progress=seen.append,
        cancelled=stop_after_a_batch,
    )  # fmt: skip
    assert cancelled.status is RunStatus.CANCELLED
    assert cancelled.balanced
    tickets = cancelled.file("tickets.csv")
    done = tickets.imported
    # Whole units only: a batch is written completely or not at all.
    assert done % 5 == 0
    assert 5 <= done < len(expected.subjects)
    assert tickets.not_processed == len(expected.subjects) - done
    assert {p.phase for p in seen} >= {Phase.READING, Phase.CHECKING, Phase.TICKETS}
    with db.sessions() as session:
        run = session.get_one(MigrationRun, cancelled.run_id)
        assert run.status == RunStatus.CANCELLED.value
        assert session.scalar(select(func.count(Ticket.id))) == done
    resumed = run_import(db, office, tmp_path / "export")
    assert resumed.status is RunStatus.COMPLETED
    assert resumed.file("tickets.csv").imported == len(expected.subjects) - done
    with db.sessions() as session:
        legacy = list(session.scalars(select(Ticket.legacy_number)))
        assert sorted(legacy) == sorted(expected.subjects)
        messages = session.scalar(select(func.count(Message.id)))
        assert messages == sum(len(d) for d in expected.dialogues.values())
    assert _notations(db) == expected.notations


def test_a_dry_run_writes_nothing(db: Database, office: Actor, tmp_path: Path) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    before = table_counts(db)
    report = run_import(db, office, tmp_path / "export", dry_run=True)
    assert table_counts(db) == before
    assert report.dry_run
    assert report.run_id is None
    assert mismatches(report, expected) == []


def test_a_zip_imports_like_the_folder_with_two_render_processes(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    expected = generate_export(tmp_path / "export", SMALL)
    archive = zip_export(tmp_path / "export", tmp_path / "eksport.zip")
    report = run_import(db, office, archive, render_workers=2)
    assert mismatches(report, expected) == []
    with db.sessions() as session:
        pdfs = session.scalar(
            select(func.count(Attachment.id)).where(Attachment.kind == DIALOGUE_KIND)
        )
    assert pdfs == len(expected.subjects)


def test_each_migrated_ticket_and_the_run_are_audited(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    report = run_import(db, office, SAMPLE)
    with db.sessions() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.LEGACY_IMPORTED)
        ).all()
    per_ticket = [e for e in entries if e.ticket_id is not None]
    per_run = [e for e in entries if e.ticket_id is None]
    assert len(per_ticket) == 6
    assert {e.agent_id for e in entries} == {office.id}
    assert len(per_run) == 1
    assert per_run[0].subject_id == report.run_id
    assert per_run[0].details["files"]["tickets.csv"]["imported"] == 6
    z5 = next(e for e in per_ticket if e.details["legacy_number"] == "Z000005")
    assert z5.details["legacy_contract"] == "UMS/2021/00001"
    assert z5.details["legacy_serial"] == "FG1234567890"


def test_only_the_back_office_and_administrators_import(
    db: Database, admin: Actor, agent: Actor
) -> None:
    with pytest.raises(PermissionDeniedError, match="import the legacy system"):
        run_import(db, agent, SAMPLE, dry_run=True)
    assert run_import(db, admin, SAMPLE, dry_run=True).status is RunStatus.COMPLETED


def test_a_contract_held_by_another_customer_is_a_conflict(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    run_import(db, office, SAMPLE)
    folder = tmp_path / "later"
    _copy_sample(folder)
    contracts = (folder / "contracts.csv").read_text(encoding="utf-8")
    # The later export names another customer for UMS/2021/00001.
    (folder / "contracts.csv").write_text(
        contracts.replace("UMS/2021/00001;K00001", "UMS/2021/00001;K00002"), encoding="utf-8"
    )
    report = run_import(db, office, folder)
    conflict = next(e for e in report.rejected if e.code == RejectReason.CONFLICT.value)
    assert conflict.legacy_id == "UMS/2021/00001"
    assert "another customer" in conflict.detail


def test_a_file_too_large_for_the_desk_is_rejected(
    db: Database, office: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    _copy_sample(folder)
    big = folder / "attachments" / "Z000008" / "log-2.txt"
    with big.open("wb") as stream:
        stream.truncate(25 * 1024 * 1024 + 1)
    report = run_import(db, office, folder)
    rejected = next(e for e in report.rejected if e.legacy_id == "A00002")
    assert rejected.code == RejectReason.FILE_TOO_LARGE.value
    z8 = next(t for t in report.flagged if t.legacy_number == "Z000008")
    assert any("A00002" in flag for flag in z8.flags)


def test_a_customer_already_in_the_desk_is_used_not_duplicated(db: Database, office: Actor) -> None:
    with db.transaction() as session:
        session.add(
            Customer(
                tax_id="PL5797543231", name="Hurtownia Gęś (w desku)",
                name_folded="hurtownia ges (w desku)", country="PL",
            )
        )  # fmt: skip
    report = run_import(db, office, SAMPLE)
    assert report.file("customers.csv").skipped_by_rule == {SkipRule.SAME_COMPANY.value: 1}
    with db.sessions() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.tax_id == "PL5797543231"))
        contract = session.scalar(
            select(ServiceContract).where(ServiceContract.number == "UMS/2021/00001")
        )
        assert contract is not None
        assert contract.customer_id == customer_id
        assert session.scalar(select(func.count(Customer.id))) == 8


def _copy_sample(folder: Path) -> None:
    import shutil

    shutil.copytree(SAMPLE, folder)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_migrated_ticket_is_visible_to_a_contact_at_once(db: Database, office: Actor) -> None:
    from hezo_desk.services.registration import ContactDetails, RegistrationService

    run_import(db, office, SAMPLE)
    registrar = _agent(db, office)
    result = RegistrationService(db).register(
        registrar,
        tax_id="579-754-32-31",
        contract="UMS/2021/00001",
        serial="fw9022279180",
        details=ContactDetails(first_name="Jan", last_name="Gęś", email="jan@hurtownia-ges.pl"),
    )
    assert result.read_back == "(H)-FW9022279180"
    visible = {t.legacy_number for t in result.visible.open_tickets}
    assert visible == {"Z000003", "Z000005", "Z000006"}


def _agent(db: Database, office: Actor) -> Actor:
    admin = AgentService(db).resolve("admin")
    AgentService(db).add(
        admin, login="anna.nowak", display_name="Anna Nowak", role=Role.AGENT,
        password="correct horse",
    )  # fmt: skip
    return AgentService(db).resolve("anna.nowak")


def test_rows_of_the_report_add_up_even_for_a_sample(db: Database, office: Actor) -> None:
    report = run_import(db, office, SAMPLE, dry_run=True)
    for file_report in report.files:
        assert file_report.read == (
            file_report.imported + file_report.skipped + file_report.rejected
        )
    assert report.totals.imported == 73
    assert IMPORTED == "imported"
